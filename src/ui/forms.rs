//! Drawing the mentoring-link form and the "end the link" question.

use super::{centered, clear_popup, popup_block};
use crate::app::agreement::AgreementForm;
use crate::app::eventform::{EvField, EventForm};
use crate::app::linkform::LinkForm;
use crate::app::minutesform::{MinField, MinutesForm};
use crate::app::prompt::Prompt;
use crate::app::App;
use crate::domain::LinkField;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

const LABEL_WIDTH: u16 = 24;

pub fn draw_form(f: &mut Frame, app: &App, form: &LinkForm) {
    let s = app.s;
    let rows: Vec<Row> = LinkField::ALL
        .iter()
        .map(|field| {
            let v = form.value_of(*field);
            Row {
                label: field.label(s).to_string(),
                height: 1,
                input: Some(&form.input),
                shown: vec![if v.is_empty() && field.is_pick() { format!("[{}]", s.form_pick) } else { v }],
                pick: field.is_pick(),
                error: form.error_of(*field).map(str::to_string),
            }
        })
        .collect();
    let title = if form.editing.is_some() { s.form_edit_link } else { s.form_new_link };
    draw_rows(f, app, title, s.form_hint, &rows, form.focus);
}

pub fn draw_prompt(f: &mut Frame, app: &App, st: &Prompt) {
    let s = app.s;
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(8).min(90), 7);
    clear_popup(f, r);
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

/// `I`: the file's path (with what Tab found), then the preview of what it would write.
pub fn draw_import(f: &mut Frame, app: &App, imp: &crate::app::importer::Importer) {
    use crate::app::importer::Stage;
    let s = app.s;
    let area = f.area();
    match &imp.stage {
        Stage::Path { input, error, choices } => {
            let shown = choices.len().min(6) as u16;
            let r = centered(area, area.width.saturating_sub(8).min(100), 8 + shown);
            clear_popup(f, r);
            let block = popup_block(app, s.imp_title);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let line = |y: u16| Rect { y: inner.y + y, height: 1, ..inner };
            f.render_widget(
                Paragraph::new(Line::from(s.imp_path_q)).style(Style::default().fg(app.theme.header)),
                line(0),
            );
            f.render_widget(&**input, line(2));
            if let Some(err) = error {
                let text = crate::text::truncate(&format!("↑ {err}"), inner.width as usize);
                f.render_widget(Span::styled(text, Style::default().fg(app.theme.error)), line(3));
            }
            for (i, c) in choices.iter().take(6).enumerate() {
                f.render_widget(
                    Span::styled(format!("  {c}"), Style::default().fg(app.theme.muted)),
                    line(4 + i as u16),
                );
            }
            let hint = crate::text::truncate(s.imp_path_hint, inner.width as usize);
            f.render_widget(
                Span::styled(hint, Style::default().fg(app.theme.muted)),
                line(inner.height.saturating_sub(1)),
            );
        }
        Stage::Preview { lines, scroll, writes, .. } => {
            // Like a card: the whole list area, a page of its own.
            let r = super::areas(area).body;
            clear_popup(f, r);
            let block = popup_block(app, s.imp_title);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let body = Rect { height: inner.height.saturating_sub(1), ..inner };
            let text: Vec<Line> = lines
                .iter()
                .map(|l| {
                    if l.starts_with("  ") {
                        Line::raw(l.clone())
                    } else {
                        Line::styled(l.clone(), Style::default().fg(app.theme.header))
                    }
                })
                .collect();
            f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).scroll((*scroll, 0)), body);
            let hint = if *writes { s.imp_preview_hint } else { s.imp_preview_close };
            let hint = crate::text::truncate(hint, inner.width as usize);
            let at = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
            f.render_widget(Span::styled(hint, Style::default().fg(app.theme.accent)), at);
        }
    }
}

/// One field of a tall form, as the shared drawing sees it.
struct Row<'a> {
    label: String,
    height: u16,
    /// The text area when the field is typed into, or the text it shows.
    input: Option<&'a ratatui_textarea::TextArea<'static>>,
    shown: Vec<String>,
    pick: bool,
    error: Option<String>,
}

/// The frame, the labelled fields (the focused one live), errors under their fields, a hint.
fn draw_rows(f: &mut Frame, app: &App, title: &str, hint: &str, rows: &[Row], focus: usize) {
    let area = f.area();
    let height: u16 = rows.iter().map(|r| r.height + 1).sum();
    let r = centered(area, area.width.saturating_sub(4).min(120), height + 3);
    clear_popup(f, r);
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    // A form taller than the screen scrolls: the rows from `first` on are drawn, and `first`
    // is the smallest that keeps the focused row on screen.
    let room = inner.height.saturating_sub(1);
    let mut first = 0;
    while first < focus && rows[first..=focus].iter().map(|r| r.height + 1).sum::<u16>() > room {
        first += 1;
    }
    let mut y = inner.y;
    for (i, row) in rows.iter().enumerate().skip(first) {
        if y + row.height > inner.bottom().saturating_sub(1) {
            break;
        }
        let focused = i == focus;
        let style = if focused {
            Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(app.theme.header)
        };
        let label = Rect { x: inner.x, y, width: LABEL_WIDTH.min(inner.width), height: 1 };
        // More lines than the field shows: how many there are, so that none is lost unseen.
        let lines = row.shown.iter().filter(|l| !l.trim().is_empty()).count();
        let more = if row.height > 1 && lines > row.height as usize { format!(" ({lines})") } else { String::new() };
        let text = format!("{}{}{more}", if focused { "▶ " } else { "  " }, row.label);
        f.render_widget(Span::styled(text, style), label);
        let value =
            Rect { x: inner.x + LABEL_WIDTH, y, width: inner.width.saturating_sub(LABEL_WIDTH), height: row.height };
        match (focused, row.input) {
            (true, Some(input)) if !row.pick => f.render_widget(input, value),
            _ => {
                let st = if focused && row.pick { app.theme.selected() } else { Style::default() };
                let text: Vec<Line> = row.shown.iter().map(|l| Line::styled(l.clone(), st)).collect();
                let p = Paragraph::new(text);
                // A tall field shows its text wrapped; a one-line field is cut at its width.
                let p = if row.height > 1 { p.wrap(ratatui::widgets::Wrap { trim: false }) } else { p };
                f.render_widget(p, value);
            }
        }
        y += row.height;
        if let Some(err) = &row.error {
            let under = Rect { x: value.x, y, width: value.width, height: 1 };
            f.render_widget(Span::styled(format!("↑ {err}"), Style::default().fg(app.theme.error)), under);
        }
        y += 1;
    }
    let hint_area = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Span::styled(hint.to_string(), Style::default().fg(app.theme.muted))), hint_area);
}

pub fn draw_minutes(f: &mut Frame, app: &App, form: &MinutesForm) {
    let s = app.s;
    let rows: Vec<Row> = MinField::ALL
        .iter()
        .enumerate()
        .map(|(i, field)| Row {
            label: field.label(s).to_string(),
            height: field.height(),
            input: Some(&form.fields[i]),
            shown: form.fields[i].lines().to_vec(),
            pick: false,
            error: form.error_of(*field).map(str::to_string),
        })
        .collect();
    draw_rows(f, app, s.min_form, s.min_hint, &rows, form.focus);
}

pub fn draw_event(f: &mut Frame, app: &App, form: &EventForm) {
    let s = app.s;
    let rows: Vec<Row> = EvField::ALL
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let shown = if field.is_pick() {
                let v = form.picked(*field, s);
                let v = match (v.is_empty(), *field == EvField::Participants && form.focus == i) {
                    (true, _) => format!("[{}]", s.form_pick),
                    // Where the list of their parts is opened.
                    (false, true) => format!("[{}] {v}", s.ev_roster_open),
                    (false, false) => v,
                };
                vec![v]
            } else {
                form.fields[i].lines().to_vec()
            };
            Row {
                label: field.label(s).to_string(),
                height: field.height(),
                input: Some(&form.fields[i]),
                shown,
                pick: field.is_pick(),
                error: form.error_of(*field).map(str::to_string),
            }
        })
        .collect();
    let title = match (&form.editing, &form.plan_for) {
        (Some(_), _) => s.ev_form_edit.to_string(),
        (None, Some((_, agreement))) => format!("{}: {agreement}", s.act_plan_row),
        (None, None) => s.ev_form_new.to_string(),
    };
    draw_rows(f, app, &title, s.ev_hint, &rows, form.focus);
    if let Some(roster) = &form.roster {
        draw_roster(f, app, form, roster);
    }
}

/// The participants' list over the event form: each school with its part, note and counts,
/// the line being typed, and the keys.
fn draw_roster(f: &mut Frame, app: &App, form: &EventForm, roster: &crate::app::eventform::Roster) {
    use crate::app::eventform::RosterEdit;
    let s = app.s;
    let area = f.area();
    let shown = form.participants.len().min(area.height.saturating_sub(10) as usize).max(1) as u16;
    // As wide as the form's inside, so that no field's text shows beside it.
    let r = centered(area, area.width.saturating_sub(4).min(120).saturating_sub(4), shown + 6);
    clear_popup(f, r);
    let block = popup_block(app, s.ev_roster);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let line = |y: u16| Rect { y: inner.y + y, height: 1, ..inner };
    // The selected row stays in view.
    let first = roster.selected.saturating_sub(shown as usize - 1);
    for (i, (org, _)) in form.participants.iter().enumerate().skip(first).take(shown as usize) {
        let t = form.taking(*org);
        let name_w = (inner.width as usize * 2 / 5).max(10);
        let name = crate::text::truncate(&t.name, name_w.saturating_sub(4));
        let details = t.details(s);
        let text = format!(
            "{}{name:<w$}{}",
            if i == roster.selected { "▶ " } else { "  " },
            if details.is_empty() { s.pt_participant.to_string() } else { details },
            w = name_w.saturating_sub(2)
        );
        let text = crate::text::truncate(&text, inner.width as usize);
        let style = if i == roster.selected { app.theme.selected() } else { Style::default() };
        f.render_widget(Span::styled(text, style), line((i - first) as u16));
    }
    let below = shown + 1;
    if let Some((what, input)) = &roster.editing {
        let label = match what {
            RosterEdit::Note => s.ev_roster_note,
            RosterEdit::Counts => s.ev_roster_counts,
        };
        f.render_widget(Span::styled(label.to_string(), Style::default().fg(app.theme.header)), line(below));
        let w = (label.chars().count() as u16 + 1).min(inner.width);
        let at = Rect { x: inner.x + w, width: inner.width.saturating_sub(w), ..line(below) };
        f.render_widget(input, at);
    }
    if let Some(err) = roster.error {
        let text = crate::text::truncate(&format!("↑ {err}"), inner.width as usize);
        f.render_widget(Span::styled(text, Style::default().fg(app.theme.error)), line(below + 1));
    }
    let hint = if roster.editing.is_some() { s.ev_roster_edit_hint } else { s.ev_roster_hint };
    let hint = crate::text::truncate(hint, inner.width as usize);
    f.render_widget(Span::styled(hint, Style::default().fg(app.theme.muted)), line(inner.height.saturating_sub(1)));
}

pub fn draw_agreement(f: &mut Frame, app: &App, form: &AgreementForm) {
    let s = app.s;
    let rows: Vec<Row> = form
        .fields
        .iter()
        .map(|(field, input)| Row {
            label: field.label(s),
            height: field.height(),
            input: Some(input),
            shown: input.lines().to_vec(),
            pick: false,
            error: form.error_of(*field).map(str::to_string),
        })
        .collect();
    let title = format!("{}: {}", s.ag_form, form.title);
    let keeps = form.editing.is_none() && form.kind == crate::domain::AgreementKind::Framework;
    draw_rows(f, app, &title, if keeps { s.draft_hint } else { s.ag_hint }, &rows, form.focus);
}

pub fn draw_fields(f: &mut Frame, app: &App, form: &crate::app::deficitforms::FieldsForm) {
    let rows: Vec<Row> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, (label, height, input))| Row {
            label: label.clone(),
            height: *height,
            input: Some(input),
            shown: input.lines().to_vec(),
            pick: false,
            error: form.errors.iter().find(|(j, _)| *j == i).map(|(_, e)| e.clone()),
        })
        .collect();
    let hint = if form.draft_kind().is_some() { app.s.draft_hint } else { app.s.ag_hint };
    draw_rows(f, app, &form.title, hint, &rows, form.focus);
}

pub fn draw_conflict(f: &mut Frame, app: &App, lines: &[String]) {
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(8).min(100), lines.len() as u16 + 4);
    clear_popup(f, r);
    let block = popup_block(app, app.s.cf_title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let text: Vec<Line> = lines.iter().map(|l| Line::from(l.clone())).collect();
    f.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), inner);
}

pub fn draw_confirm(f: &mut Frame, app: &App, title: &str, question: &str, yes_focused: bool) {
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(8).min(100), 7);
    clear_popup(f, r);
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [text, buttons] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(1),
        ratatui::layout::Constraint::Length(2),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(question.to_string()).wrap(ratatui::widgets::Wrap { trim: true }), text);
    let s = app.s;
    let button = |label: &str, focused: bool| {
        let style =
            if focused { Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD) } else { Style::default() };
        Span::styled(format!("[ {label} ]"), style)
    };
    let line = Line::from(vec![
        button(s.confirm_yes, yes_focused),
        Span::raw("   "),
        button(s.confirm_no, !yes_focused),
        Span::raw("   "),
        Span::styled(s.confirm_keys, Style::default().fg(app.theme.muted)),
    ]);
    f.render_widget(Paragraph::new(vec![Line::default(), line]).alignment(ratatui::layout::Alignment::Center), buttons);
}
