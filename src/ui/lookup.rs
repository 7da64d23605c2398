//! Drawing the lookup (`w`) and its answer.

use super::{centered, popup_block};
use crate::app::lookup::{AnswerState, LookupState};
use crate::app::{areas, App};
use crate::keys::Action;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn draw_lookup(f: &mut Frame, app: &App, st: &LookupState) {
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(8).min(100), area.height.saturating_sub(4).min(24));
    super::clear_popup(f, r);
    // Opened from a form it picks a school or a person; from anywhere else it answers.
    let (title, hint_text) =
        if st.picking { (app.s.pick_title, app.s.pick_hint) } else { (app.s.lookup_title, app.s.lookup_hint) };
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.height < 3 {
        return;
    }
    let input_area = Rect { height: 1, ..inner };
    let prompt = "› ";
    f.render_widget(Span::styled(prompt, Style::default().fg(app.theme.accent)), input_area);
    f.render_widget(&st.input, Rect { x: inner.x + 2, width: inner.width.saturating_sub(2), ..input_area });
    let sep = Rect { y: inner.y + 1, height: 1, ..inner };
    f.render_widget(Block::default().borders(Borders::TOP).border_style(Style::default().fg(app.theme.muted)), sep);
    let hint = Rect { y: inner.bottom() - 1, height: 1, ..inner };
    f.render_widget(Paragraph::new(Span::styled(hint_text, Style::default().fg(app.theme.muted))), hint);
    let list_area = Rect { y: inner.y + 2, height: inner.height.saturating_sub(3), ..inner };
    let typed = !st.input.lines().join("").trim().is_empty();
    if st.hits.is_empty() {
        if typed {
            f.render_widget(
                Paragraph::new(app.s.lookup_nothing).style(Style::default().fg(app.theme.error)),
                list_area,
            );
        }
        return;
    }
    let items: Vec<ListItem> = st
        .hits
        .iter()
        .map(|(_, name, context)| {
            ListItem::new(Line::from(vec![
                Span::styled(name.clone(), Style::default().add_modifier(Modifier::BOLD)),
                Span::styled(format!("  {context}"), Style::default().fg(app.theme.muted)),
            ]))
        })
        .collect();
    let list = List::new(items).highlight_style(app.theme.selected()).highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(st.selected));
    f.render_stateful_widget(list, list_area, &mut state);
}

/// Splits `text` into lines of at most `width` columns at spaces, keeping its indent.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    let cont = format!("{indent}    ");
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.trim_start().split(' ') {
        let prefix = if out.is_empty() { &indent } else { &cont };
        let candidate = if line.is_empty() { format!("{prefix}{word}") } else { format!("{line} {word}") };
        if candidate.width() > width && !line.is_empty() {
            out.push(std::mem::take(&mut line));
            line = format!("{cont}{word}");
        } else {
            line = candidate;
        }
    }
    out.push(line);
    out
}

pub fn draw_answer(f: &mut Frame, app: &App, st: &AnswerState) {
    let r = areas(f.area()).body;
    super::clear_popup(f, r);
    let title = format!(
        "{} — {} {}, {} {}",
        app.s.lookup_title,
        app.keys.first_key(Action::Open),
        app.s.hint_jump,
        app.keys.first_key(Action::Copy),
        app.s.hint_copy
    );
    let block = popup_block(app, &title);
    let width = block.inner(r).width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = st
        .lines
        .iter()
        .map(|l| {
            let style = if l.heading {
                Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD)
            } else if l.target.is_some() {
                Style::default()
            } else {
                Style::default().fg(app.theme.muted)
            };
            ListItem::new(wrap(&l.text, width.max(10)).into_iter().map(|t| Line::styled(t, style)).collect::<Vec<_>>())
        })
        .collect();
    let list = List::new(items).block(block).highlight_style(app.theme.selected()).highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(st.selected));
    f.render_stateful_widget(list, r, &mut state);
}
