//! Drawing the mentoring-link form and the "end the link" question.

use super::{centered, popup_block};
use crate::app::eventform::{EvField, EventForm};
use crate::app::linkform::LinkForm;
use crate::app::minutesform::{MinField, MinutesForm};
use crate::app::prompt::Prompt;
use crate::app::App;
use crate::domain::LinkField;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

const LABEL_WIDTH: u16 = 24;

pub fn draw_form(f: &mut Frame, app: &App, form: &LinkForm) {
    let s = app.s;
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(6).min(110), (LinkField::ALL.len() as u16) * 2 + 4);
    f.render_widget(Clear, r);
    let title = if form.editing.is_some() { s.form_edit_link } else { s.form_new_link };
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    for (i, field) in LinkField::ALL.iter().enumerate() {
        let y = inner.y + (i as u16) * 2;
        if y + 1 >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused {
            Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(app.theme.header)
        };
        let label = Rect { x: inner.x, y, width: LABEL_WIDTH.min(inner.width), height: 1 };
        f.render_widget(
            Span::styled(format!("{}{}", if focused { "▶ " } else { "  " }, field.label(s)), label_style),
            label,
        );
        let value = Rect { x: inner.x + LABEL_WIDTH, y, width: inner.width.saturating_sub(LABEL_WIDTH), height: 1 };
        if focused && !field.is_pick() {
            f.render_widget(&form.input, value);
        } else {
            let v = form.value_of(*field);
            let shown = if v.is_empty() && field.is_pick() { format!("[{}]", s.form_pick) } else { v };
            let style = if field.is_pick() && focused {
                Style::default().bg(app.theme.selection).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            f.render_widget(Paragraph::new(Span::styled(shown, style)), value);
        }
        if let Some(err) = form.error_of(*field) {
            let under = Rect { x: inner.x + LABEL_WIDTH, y: y + 1, width: value.width, height: 1 };
            f.render_widget(Span::styled(format!("↑ {err}"), Style::default().fg(app.theme.error)), under);
        }
    }
    let hint = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Span::styled(s.form_hint, Style::default().fg(app.theme.muted))), hint);
}

pub fn draw_prompt(f: &mut Frame, app: &App, st: &Prompt) {
    let s = app.s;
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(8).min(90), 7);
    f.render_widget(Clear, r);
    let block = popup_block(app, &st.title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let line = |y: u16| Rect { y: inner.y + y, height: 1, ..inner };
    f.render_widget(Paragraph::new(Line::from(st.question)).style(Style::default().fg(app.theme.header)), line(0));
    f.render_widget(&st.input, line(2));
    if let Some(err) = st.error {
        f.render_widget(Span::styled(format!("↑ {err}"), Style::default().fg(app.theme.error)), line(3));
    }
    let _ = s;
}

pub fn draw_minutes(f: &mut Frame, app: &App, form: &MinutesForm) {
    let s = app.s;
    let area = f.area();
    let rows: u16 = MinField::ALL.iter().map(|m| m.height() + 1).sum();
    let r = centered(area, area.width.saturating_sub(4).min(120), rows + 3);
    f.render_widget(Clear, r);
    let block = popup_block(app, s.min_form);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut y = inner.y;
    for (i, field) in MinField::ALL.iter().enumerate() {
        if y + field.height() > inner.bottom().saturating_sub(1) {
            break;
        }
        let focused = i == form.focus;
        let style = if focused {
            Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(app.theme.header)
        };
        let label = Rect { x: inner.x, y, width: LABEL_WIDTH.min(inner.width), height: 1 };
        f.render_widget(Span::styled(format!("{}{}", if focused { "▶ " } else { "  " }, field.label(s)), style), label);
        let value = Rect {
            x: inner.x + LABEL_WIDTH,
            y,
            width: inner.width.saturating_sub(LABEL_WIDTH),
            height: field.height(),
        };
        if focused {
            f.render_widget(&form.fields[i], value);
        } else {
            let text: Vec<Line> = form.fields[i].lines().iter().map(|l| Line::from(l.clone())).collect();
            f.render_widget(Paragraph::new(text), value);
        }
        y += field.height();
        if let Some(err) = form.error_of(*field) {
            let under = Rect { x: value.x, y, width: value.width, height: 1 };
            f.render_widget(Span::styled(format!("↑ {err}"), Style::default().fg(app.theme.error)), under);
        }
        y += 1;
    }
    let hint = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Span::styled(s.min_hint, Style::default().fg(app.theme.muted))), hint);
}

pub fn draw_event(f: &mut Frame, app: &App, form: &EventForm) {
    let s = app.s;
    let area = f.area();
    let rows: u16 = EvField::ALL.iter().map(|m| m.height() + 1).sum();
    let r = centered(area, area.width.saturating_sub(4).min(120), rows + 3);
    f.render_widget(Clear, r);
    let block = popup_block(app, if form.editing.is_some() { s.ev_form_edit } else { s.ev_form_new });
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut y = inner.y;
    for (i, field) in EvField::ALL.iter().enumerate() {
        if y + field.height() > inner.bottom().saturating_sub(1) {
            break;
        }
        let focused = i == form.focus;
        let style = if focused {
            Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(app.theme.header)
        };
        let label = Rect { x: inner.x, y, width: LABEL_WIDTH.min(inner.width), height: 1 };
        f.render_widget(Span::styled(format!("{}{}", if focused { "▶ " } else { "  " }, field.label(s)), style), label);
        let value = Rect {
            x: inner.x + LABEL_WIDTH,
            y,
            width: inner.width.saturating_sub(LABEL_WIDTH),
            height: field.height(),
        };
        if field.is_pick() {
            let v = form.picked(*field);
            let shown = if v.is_empty() { format!("[{}]", s.form_pick) } else { v };
            let st = if focused {
                Style::default().bg(app.theme.selection).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            f.render_widget(Paragraph::new(Span::styled(shown, st)), value);
        } else if focused {
            f.render_widget(&form.fields[i], value);
        } else {
            let text: Vec<Line> = form.fields[i].lines().iter().map(|l| Line::from(l.clone())).collect();
            f.render_widget(Paragraph::new(text), value);
        }
        y += field.height();
        if let Some(err) = form.error_of(*field) {
            let under = Rect { x: value.x, y, width: value.width, height: 1 };
            f.render_widget(Span::styled(format!("↑ {err}"), Style::default().fg(app.theme.error)), under);
        }
        y += 1;
    }
    let hint = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Span::styled(s.ev_hint, Style::default().fg(app.theme.muted))), hint);
}

pub fn draw_confirm(f: &mut Frame, app: &App, question: &str) {
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(8).min(100), 5);
    f.render_widget(Clear, r);
    let block = popup_block(app, app.s.ev_delete);
    let inner = block.inner(r);
    f.render_widget(block, r);
    f.render_widget(Paragraph::new(question.to_string()).wrap(ratatui::widgets::Wrap { trim: true }), inner);
}
