//! Drawing. Reads the state, never changes it, never touches the store.

mod forms;
mod lookup;
mod pictures;
pub mod share;
mod timeline;

use crate::app::rows::{columns, DocLine, Tone};
use crate::app::{areas, tab_labels, App, Overlay, Pane, MIN_HEIGHT, MIN_WIDTH};
use crate::domain::{AgreementStatus, EventStatus};
use crate::keys::{Action, DEFAULTS};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Cell, Clear, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};
use ratatui::Frame;

const HIGHLIGHT: &str = "▶ ";
const HIGHLIGHT_WIDTH: u16 = 2;

pub fn draw(f: &mut Frame, app: &App) {
    let size = f.area();
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        let msg = Paragraph::new(format!("{} ({}×{})", app.s.too_small, size.width, size.height))
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center);
        let y = size.height / 2;
        f.render_widget(msg, Rect { y, height: size.height.saturating_sub(y).min(3), ..size });
        return;
    }
    let a = areas(size);
    draw_tabs(f, app, a.tabs);
    draw_header(f, app, a.header);
    if app.timeline_on() {
        timeline::draw_timeline(f, app, a.body);
    } else if app.pictures_on() {
        let list = app.list_body();
        draw_list(f, app, list);
        let rest = Rect { y: list.bottom(), height: a.body.bottom().saturating_sub(list.bottom()), ..a.body };
        pictures::draw_pictures(f, app, rest);
    } else if app.summary_on() {
        let list = app.list_body();
        draw_list(f, app, list);
        let rest = Rect { y: list.bottom(), height: a.body.bottom().saturating_sub(list.bottom()), ..a.body };
        draw_summary(f, app, rest);
    } else {
        draw_list(f, app, a.body);
    }
    draw_status(f, app, a.status);
    draw_overlays(f, app);
    // Last: whatever was drawn, the others in the call see it masked.
    if app.share {
        share::mask(f.buffer_mut(), size, &app.share_rules);
    }
}

/// Under the Roadmap's list: its events by status as one bar, with the counts, and by the
/// month they begin in as a sparkline — of what the list shows (a filter narrows both).
fn draw_summary(f: &mut Frame, app: &App, area: Rect) {
    use ratatui::widgets::Sparkline;
    let s = app.s;
    let sm = &app.summary;
    let total: u64 = sm.by_status.iter().sum();
    if area.height < 4 || area.width < 20 {
        return;
    }
    let label_w = 14u16;
    let muted = Style::default().fg(app.theme.muted);
    let parts: [(&str, Color, char); 6] = [
        (s.st_done, app.theme.done, '█'),
        (s.st_in_progress, app.theme.in_progress, '▓'),
        (s.st_planned, app.theme.planned, '▒'),
        (s.st_postponed, app.theme.postponed, '░'),
        (s.st_cancelled, app.theme.cancelled, '·'),
        (s.sm_overdue, app.theme.error, '!'),
    ];
    // The bar: each status its share of the width, in its colour and its own fill (readable
    // without colour too).
    let bar_w = (area.width.saturating_sub(label_w + 2) / 3).max(10) as u64;
    let mut spans = vec![Span::styled(format!(" {:<w$}", s.sm_year, w = label_w as usize - 1), muted)];
    let mut used = 0u64;
    for (i, (_, colour, fill)) in parts.iter().enumerate() {
        let n = sm.by_status[i];
        if n == 0 || total == 0 {
            continue;
        }
        let mut w = (n * bar_w).div_ceil(total);
        w = w.min(bar_w.saturating_sub(used));
        used += w;
        spans.push(Span::styled(fill.to_string().repeat(w as usize), Style::default().fg(*colour)));
    }
    if total == 0 {
        spans.push(Span::styled("—".to_string(), muted));
    }
    spans.push(Span::raw(" "));
    let counts: Vec<String> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| sm.by_status[*i] > 0)
        .map(|(i, (name, _, fill))| format!("{fill} {name} {}", sm.by_status[i]))
        .collect();
    spans.push(Span::styled(counts.join(" · "), muted));
    f.render_widget(Paragraph::new(Line::from(spans)), Rect { height: 1, ..area });
    // The months, September to August: four columns each (three of bar, one apart).
    let names: Vec<&str> = s.months_short.split(' ').collect();
    let order: Vec<usize> = (8..12).chain(0..8).collect();
    let mut data: Vec<Option<u64>> = Vec::new();
    for m in 0..12 {
        let v = sm.by_month[m];
        data.extend([Some(v), Some(v), Some(v), None]);
    }
    let spark_area = Rect { x: area.x + label_w, y: area.y + 1, width: 48.min(area.width - label_w), height: 2 };
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {}", s.sm_months), muted)),
        Rect { y: area.y + 1, height: 1, ..area },
    );
    let spark = Sparkline::default()
        .data(
            data.iter().map(|v| v.map_or(ratatui::widgets::SparklineBar::from(None), |n| n.into())).collect::<Vec<_>>(),
        )
        .style(Style::default().fg(app.theme.accent));
    f.render_widget(spark, spark_area);
    let labels: String = order.iter().map(|m| format!("{:<4}", names.get(*m).copied().unwrap_or(""))).collect();
    let peak = sm.by_month.iter().max().copied().unwrap_or(0);
    let label_line = format!("{labels} {} {peak}", s.sm_peak);
    f.render_widget(
        Paragraph::new(Span::styled(label_line, muted)),
        Rect { x: area.x + label_w, y: area.y + 3, width: area.width - label_w, height: 1 },
    );
}

fn draw_overlays(f: &mut Frame, app: &App) {
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll } => draw_help(f, app, *scroll),
            Overlay::Detail { title, doc, scroll, .. } => draw_detail(f, app, title, doc, *scroll),
            Overlay::LinkForm(form) => forms::draw_form(f, app, form),
            Overlay::Prompt(p) => forms::draw_prompt(f, app, p),
            Overlay::Minutes(m) => forms::draw_minutes(f, app, m),
            Overlay::Event(e) => forms::draw_event(f, app, e),
            Overlay::Confirm { title, question, yes_focused, .. } => {
                forms::draw_confirm(f, app, title, question, *yes_focused)
            }
            Overlay::Agreement(form) => forms::draw_agreement(f, app, form),
            Overlay::Fields(form) => forms::draw_fields(f, app, form),
            Overlay::Conflict(c) => forms::draw_conflict(f, app, &c.lines),
            Overlay::Import(imp) => forms::draw_import(f, app, imp),
            Overlay::StatusPicker { title, options, selected, .. } => draw_picker(f, app, title, options, *selected),
            Overlay::Lookup(st) => lookup::draw_lookup(f, app, st),
            Overlay::Answer(st) => lookup::draw_answer(f, app, st),
        }
    }
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect) {
    let (labels, spans, compact) = tab_labels(app.s, area.width, app.pane);
    let mut line = Vec::new();
    for (p, label) in Pane::ALL.iter().zip(labels) {
        let style = if *p == app.pane {
            app.theme.badge(app.theme.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(app.theme.accent)
        };
        line.push(Span::styled(label, style));
        line.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(line)), area);
    let used = spans.last().map(|(_, r)| *r + 1).unwrap_or(0);
    let keys = format!("{}/{}", app.keys.first_key(Action::PrevYear), app.keys.first_key(Action::NextYear));
    let long = format!("{}: {} ({keys}) ", app.s.year_label, app.year.label());
    let year = if compact || used + unicode_width::UnicodeWidthStr::width(long.as_str()) as u16 > area.width {
        format!("{} ({keys}) ", app.year.label())
    } else {
        long
    };
    let w = unicode_width::UnicodeWidthStr::width(year.as_str()) as u16;
    if area.width >= used + w {
        let r = Rect { x: area.right() - w, width: w, ..area };
        f.render_widget(Paragraph::new(Span::styled(year, Style::default().fg(app.theme.header))), r);
    }
}

fn draw_header(f: &mut Frame, app: &App, area: Rect) {
    let v = app.view();
    let items = v.items;
    let mut spans = vec![
        Span::styled(format!(" {} ", app.pane.title(app.s)), Style::default().add_modifier(Modifier::BOLD)),
        Span::styled(format!("· {items} "), Style::default().fg(app.theme.muted)),
    ];
    if app.timeline_on() {
        spans.push(Span::styled(format!(" {} ", timeline::describe(app)), Style::default().fg(app.theme.accent)));
    }
    if !app.pane.by_year() {
        spans.push(Span::styled(format!("· {} ", app.s.ag_all_years), Style::default().fg(app.theme.muted)));
    }
    if compact_status(app.pane, area.width).is_some() {
        spans.push(Span::styled(format!("· {} ", status_legend(app)), Style::default().fg(app.theme.muted)));
    }
    if let Some(line) = app.pane.slice().top_note(app) {
        spans.push(Span::styled(format!("· {line} "), Style::default().fg(app.theme.muted)));
    }
    if !v.filter.is_empty() {
        spans.push(Span::styled(
            format!(
                " {}: «{}» ({} {}) ",
                app.s.filter_active,
                v.filter,
                app.keys.first_key(Action::ClearFilter),
                app.s.act_clear_filter.to_lowercase()
            ),
            app.theme.badge(app.theme.header),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The list's column widths on a list `width` wide: below [`COMPACT_BELOW`] columns the
/// Roadmap's and the Agreements' status is a coloured symbol of two columns, explained in the
/// pane's header.
fn widths(pane: Pane, width: u16) -> Vec<Constraint> {
    let mut w = pane.slice().layout().widths.to_vec();
    if let Some(i) = compact_status(pane, width) {
        w[i] = Constraint::Length(2);
    }
    w
}

/// Narrower than this, a status is shown as a symbol.
const COMPACT_BELOW: u16 = 100;

/// The status column shown as a symbol on a list this wide, if any.
fn compact_status(pane: Pane, width: u16) -> Option<usize> {
    let l = pane.slice().layout();
    l.compact_status.then_some(l.status).flatten().filter(|_| width < COMPACT_BELOW)
}

/// A status as its symbol: ✓ held or in force, ● under way or signed, ○ planned or a draft,
/// ↷ postponed, ✕ cancelled or terminated, ◐ under approval, · expired, ⚠ overdue.
pub fn status_symbol(tone: Tone) -> &'static str {
    match tone {
        Tone::Overdue => "⚠",
        Tone::Event(EventStatus::Done) => "✓",
        Tone::Event(EventStatus::InProgress) => "●",
        Tone::Event(EventStatus::Planned) => "○",
        Tone::Event(EventStatus::Postponed) => "↷",
        Tone::Event(EventStatus::Cancelled) => "✕",
        Tone::Agreement(AgreementStatus::Draft) => "○",
        Tone::Agreement(AgreementStatus::Approval) => "◐",
        Tone::Agreement(AgreementStatus::Signed) => "●",
        Tone::Agreement(AgreementStatus::InForce) => "✓",
        Tone::Agreement(AgreementStatus::Expired) => "·",
        Tone::Agreement(AgreementStatus::Terminated) => "✕",
        _ => "",
    }
}

/// What the symbols on screen mean: the statuses of the rows in view, each once, in the
/// order of the list.
fn status_legend(app: &App) -> String {
    let v = app.view();
    let h = app.list_height().max(1);
    let s = app.s;
    let mut seen: Vec<Tone> = Vec::new();
    for r in v.rows.iter().skip(v.offset).take(h) {
        if !matches!(r.tone, Tone::Event(_) | Tone::Agreement(_) | Tone::Overdue) || seen.contains(&r.tone) {
            continue;
        }
        seen.push(r.tone);
    }
    seen.iter()
        .map(|t| {
            let word = match t {
                Tone::Overdue => s.sm_overdue,
                Tone::Event(st) => st.label(s),
                Tone::Agreement(st) => st.label(s),
                _ => "",
            };
            format!("{} {word}", status_symbol(*t))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn event_color(app: &App, s: EventStatus) -> Color {
    match s {
        EventStatus::Planned => app.theme.planned,
        EventStatus::InProgress => app.theme.in_progress,
        EventStatus::Done => app.theme.done,
        EventStatus::Postponed => app.theme.postponed,
        EventStatus::Cancelled => app.theme.cancelled,
    }
}

fn agreement_color(app: &App, s: AgreementStatus) -> Color {
    match s {
        AgreementStatus::Draft => app.theme.planned,
        AgreementStatus::Approval => app.theme.in_progress,
        AgreementStatus::Signed | AgreementStatus::InForce => app.theme.done,
        AgreementStatus::Expired => app.theme.muted,
        AgreementStatus::Terminated => app.theme.cancelled,
    }
}

/// The columns a list of `width` shows, by their index among the pane's columns.
fn shown_columns(pane: Pane, width: u16) -> Vec<usize> {
    let all = widths(pane, width);
    let l = pane.slice().layout();
    let (least, give_way) = (l.least, l.give_way);
    let compact = compact_status(pane, width);
    let least_of = |i: usize| if Some(i) == compact { 1 } else { least[i] };
    let mut shown: Vec<usize> = (0..all.len()).collect();
    let inner = Rect { x: 0, y: 0, width: width.saturating_sub(2 + HIGHLIGHT_WIDTH), height: 1 };
    for next in give_way.iter().copied().map(Some).chain([None]) {
        let split = Layout::horizontal(shown.iter().map(|i| all[*i])).spacing(1).split(inner);
        let fits = shown.iter().zip(split.iter()).all(|(i, r)| r.width as usize >= least_of(*i));
        match next {
            Some(drop) if !fits => shown.retain(|i| *i != drop),
            _ => break,
        }
    }
    shown
}

/// The widths the table gives its shown columns inside a list of `width`.
fn column_widths(pane: Pane, width: u16) -> Vec<usize> {
    let all = widths(pane, width);
    let shown = shown_columns(pane, width);
    let inner = Rect { x: 0, y: 0, width: width.saturating_sub(2 + HIGHLIGHT_WIDTH), height: 1 };
    Layout::horizontal(shown.iter().map(|i| all[*i])).spacing(1).split(inner).iter().map(|r| r.width as usize).collect()
}

/// The selected row in full, when the table had to cut any of its cells: «21.10.2021 (…)»
/// and «Н.О. Ерошенк…» are read here whole, under the list.
fn cut_preview(app: &App, width: u16) -> Option<String> {
    if app.timeline_on() || app.pictures_on() || !app.overlays.is_empty() {
        return None;
    }
    let v = app.view();
    let row = v.rows.get(v.selected).filter(|r| r.item.is_some())?;
    let col_w = column_widths(app.pane, width);
    let shown = shown_columns(app.pane, width);
    // A hidden column with text counts as cut: its text is read here.
    let hidden = row.cells.iter().enumerate().any(|(i, c)| !c.is_empty() && !shown.contains(&i));
    let cut =
        hidden || shown.iter().zip(&col_w).any(|(i, w)| unicode_width::UnicodeWidthStr::width(&row.cells[*i]) > *w);
    cut.then(|| row.cells.iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" · "))
}

fn draw_list(f: &mut Frame, app: &App, area: Rect) {
    let v = app.view();
    let cols = columns(app.pane, app.s);
    let shown = shown_columns(app.pane, area.width);
    let compact = compact_status(app.pane, area.width);
    // A status shown as a symbol has no room for its heading: the header line explains it.
    let header = Row::new(shown.iter().map(|i| Cell::from(if Some(*i) == compact { "" } else { cols[*i] })))
        .style(Style::default().fg(app.theme.header).add_modifier(Modifier::BOLD));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.muted));
    if v.rows.is_empty() {
        let text = if v.filter.is_empty() { app.s.empty_list } else { app.s.empty_filter };
        let text = if app.pane.by_year() { format!("\n{text} ({})", app.year.label()) } else { format!("\n{text}") };
        // A district's first start: how to begin, in every empty pane.
        let text = if app.data.store_empty && v.filter.is_empty() {
            let s = app.s;
            format!(
                "\n{}\n\n{} — {}\n{} — {}\n{}",
                s.empty_store,
                app.keys.first_key(Action::New),
                s.empty_new_school,
                app.keys.first_key(Action::Import),
                s.empty_import,
                s.empty_demo
            )
        } else {
            text
        };
        let p = Paragraph::new(text).alignment(Alignment::Center).block(block);
        f.render_widget(p, area);
        return;
    }
    let status_at = app.pane.slice().layout().status.and_then(|s| shown.iter().position(|i| *i == s));
    // The same split the table makes, to cut long cells with an ellipsis instead of mid-word.
    let col_w = column_widths(app.pane, area.width);
    // Only the rows that fit are turned into widgets: a long roadmap costs nothing extra per frame.
    let visible = area.height.saturating_sub(3) as usize;
    let offset = v.offset.min(v.rows.len().saturating_sub(1));
    // A group header is drawn over the whole row after the table (a table has no cell that
    // spans columns): here its cells are empty.
    let blank = vec![String::new(); col_w.len()];
    let inner = block.inner(area);
    let rows = v.rows.iter().skip(offset).take(visible).map(|r| {
        let source: Vec<&str> = if r.tone == Tone::Header {
            blank.iter().map(String::as_str).collect()
        } else {
            shown.iter().map(|i| &r.cells[*i]).collect()
        };
        let cells = source.into_iter().enumerate().map(|(i, c)| {
            let c = crate::text::fit(c, col_w.get(i).copied().unwrap_or(0));
            let mut cell = Cell::from(c.clone());
            if Some(i) == status_at && compact.is_some() && r.tone != Tone::Header {
                let colour = match r.tone {
                    Tone::Event(st) => event_color(app, st),
                    Tone::Agreement(st) => agreement_color(app, st),
                    Tone::Overdue => app.theme.error,
                    _ => app.theme.muted,
                };
                return Cell::from(status_symbol(r.tone))
                    .style(Style::default().fg(colour).add_modifier(Modifier::BOLD));
            }
            if Some(i) == status_at {
                cell = match r.tone {
                    Tone::Event(st) => cell.style(Style::default().fg(event_color(app, st))),
                    Tone::Overdue => Cell::from(format!("⚠ {c}"))
                        .style(Style::default().fg(app.theme.error).add_modifier(Modifier::BOLD)),
                    Tone::Agreement(st) => cell.style(Style::default().fg(agreement_color(app, st))),
                    _ => cell,
                };
            }
            cell
        });
        let style = match r.tone {
            Tone::Header => Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD),
            Tone::Muted => Style::default().fg(app.theme.muted).add_modifier(Modifier::DIM),
            _ => Style::default(),
        };
        Row::new(cells).style(style)
    });
    let all = widths(app.pane, area.width);
    let table = Table::new(rows, shown.iter().map(|i| all[*i]).collect::<Vec<_>>())
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(app.theme.selected())
        .highlight_symbol(HIGHLIGHT)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(v.selected.checked_sub(offset));
    f.render_stateful_widget(table, area, &mut state);
    let header_style = Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD);
    let width = inner.width.saturating_sub(HIGHLIGHT_WIDTH);
    for (i, r) in v.rows.iter().skip(offset).take(visible).enumerate() {
        let y = inner.y + 1 + i as u16;
        if r.tone != Tone::Header || y >= inner.y + inner.height {
            continue;
        }
        let at = Rect { x: inner.x + HIGHLIGHT_WIDTH, y, width, height: 1 };
        let label = crate::text::fit(&r.cells[0], width as usize);
        f.render_widget(Paragraph::new(Span::styled(label, header_style)), at);
    }
}

/// The keys shown at the bottom for the current context, taken from the key map.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let s = app.s;
    let k = |a: Action| app.keys.first_key(a);
    if app.filter_input.is_some() {
        return vec![("Enter".into(), s.hint_open), ("Esc".into(), s.act_clear_filter)];
    }
    match app.overlays.last() {
        Some(Overlay::StatusPicker { .. }) => vec![(k(Action::Open), s.hint_status), (k(Action::Back), s.act_back)],
        Some(Overlay::Lookup(_)) => vec![("Enter".into(), s.hint_open), ("Esc".into(), s.act_back)],
        // The question names its own keys; Esc keeps theirs.
        Some(Overlay::Conflict(_)) => vec![("Esc".into(), s.cf_keep)],
        Some(Overlay::Confirm { .. }) => vec![("y".into(), s.confirm_yes), ("Esc".into(), s.confirm_no)],
        // The import's box names its keys itself.
        Some(Overlay::Import(_)) => vec![("Esc".into(), s.act_back)],
        // A one-line question: Enter answers it, as its text says.
        Some(Overlay::Prompt(_)) => vec![("Enter".into(), s.hint_save), ("Esc".into(), s.act_back)],
        Some(o) if o.reads_keys() && !matches!(o, Overlay::Answer(_)) => {
            vec![("Ctrl-S".into(), s.act_save), ("Esc".into(), s.act_back)]
        }
        // On one of the school's people: what can be done to them.
        Some(Overlay::Answer(st)) if st.lines.get(st.selected).is_some_and(|l| l.staff) => vec![
            (k(Action::Open), s.hint_jump),
            (k(Action::Edit), s.hint_edit),
            (k(Action::Retire), s.hint_retire),
            (k(Action::Merge), s.hint_merge),
            (k(Action::Back), s.act_back),
        ],
        Some(Overlay::Answer(_)) => vec![
            (k(Action::Open), s.hint_jump),
            (k(Action::Copy), s.hint_copy),
            (k(Action::Lookup), s.hint_lookup),
            (k(Action::Back), s.act_back),
        ],
        Some(_) => vec![(format!("{}/{}", k(Action::Down), k(Action::Up)), s.act_down), (k(Action::Back), s.act_back)],
        None => {
            // The year's keys stand beside the year at the top; Enter needs no hint.
            let mut h = vec![(k(Action::Help), s.hint_help), (k(Action::Filter), s.hint_filter)];
            if app.pane.slice().hints(app, &mut h) {
                return h;
            }
            h.push((k(Action::Lookup), s.hint_lookup));
            h.push((k(Action::Quit), s.hint_quit));
            h
        }
    }
}

fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let top = Rect { height: 1, ..area };
    let bottom = Rect { y: area.y + 1, height: 1, ..area };
    if let Some(input) = &app.filter_input {
        let label = format!(" {}: ", app.s.filter_prompt);
        let w = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
        f.render_widget(Span::styled(label, Style::default().fg(app.theme.header).add_modifier(Modifier::BOLD)), top);
        f.render_widget(input, Rect { x: top.x + w, width: top.width.saturating_sub(w), ..top });
    } else if let Some(m) = &app.message {
        let style = if m.error {
            Style::default().fg(app.theme.error).add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(app.theme.done)
        };
        f.render_widget(Paragraph::new(Span::styled(format!(" {}", m.text), style)), top);
    } else if let Some(full) = cut_preview(app, area.width) {
        let shown = crate::text::truncate(&format!(" {full}"), top.width as usize);
        f.render_widget(Paragraph::new(Span::styled(shown, Style::default().fg(app.theme.muted))), top);
    }
    let mut spans = vec![
        Span::styled(
            match app.access() {
                crate::store::Access::Coordinator => format!(" {} ", app.user()),
                crate::store::Access::Curator(_) => format!(" {} · {} ", app.user(), app.s.role_curator),
                crate::store::Access::Viewer => format!(" {} · {} ", app.user(), app.s.role_viewer),
            },
            app.theme.badge(app.theme.accent),
        ),
        Span::styled(
            format!(" {} ", short_path(&app.store_path().display().to_string(), 24)),
            Style::default().fg(app.theme.muted),
        ),
    ];
    if let Some((_, name)) = &app.focus {
        spans.push(Span::styled(format!(" ◎ {} ", crate::text::truncate(name, 22)), app.theme.badge(app.theme.header)));
    }
    if app.share {
        spans.push(Span::styled(format!(" {} ", app.s.share_mark), app.theme.badge(app.theme.error)));
    }
    if app.says_reading && app.reading() {
        spans.push(Span::styled(format!(" {} ", app.s.reading_rest), Style::default().fg(app.theme.muted)));
    }
    // A colleague's commit being read: said once it takes long enough to be noticed.
    if let Some(t) = app.reading_behind().filter(|t| t.as_millis() >= 150) {
        const SPIN: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
        let c = SPIN[(t.as_millis() / 80) as usize % SPIN.len()];
        spans.push(Span::styled(format!(" {c} {} ", app.s.reading_again), Style::default().fg(app.theme.muted)));
    }
    for (key, what) in hints(app) {
        spans.push(Span::styled(format!(" {key}"), Style::default().fg(app.theme.header).add_modifier(Modifier::BOLD)));
        spans.push(Span::raw(format!(" {what}")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), bottom);
}

/// The end of a long path, which names the file: "…/nastavnik-demo-x/demo.db".
fn short_path(p: &str, max: usize) -> String {
    let n = p.chars().count();
    if n <= max {
        return p.to_string();
    }
    format!("…{}", p.chars().skip(n - max + 1).collect::<String>())
}

/// Clears a popup's place, and a column on each side of it: no letter of the list beneath
/// shows between the popup's border and the pane's.
pub(crate) fn clear_popup(f: &mut Frame, r: Rect) {
    let area = f.area();
    let left = r.x.saturating_sub(1).max(area.x);
    let right = (r.right() + 1).min(area.right());
    let margin = Rect { x: left, y: r.y, width: right - left, height: r.height };
    f.render_widget(Clear, margin);
    f.render_widget(Clear, r);
}

pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub(crate) fn popup_block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.accent))
        .title(Span::styled(
            format!(" {} ", crate::text::truncate(title, 120)),
            Style::default().add_modifier(Modifier::BOLD),
        ))
}

fn draw_help(f: &mut Frame, app: &App, scroll: u16) {
    let area = f.area();
    let r = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    let mut entries: Vec<(String, &'static str)> = Vec::new();
    let mut seen_tab = false;
    for (action, _, _) in DEFAULTS {
        if let Action::Tab(_) = action {
            if !seen_tab {
                seen_tab = true;
                let keys: Vec<String> =
                    (1..=crate::app::Pane::ALL.len() as u8).map(|n| app.keys.keys(Action::Tab(n))).collect();
                // The digits as they come by default: «1–7»; keys of one's own, each named.
                let digits = keys.iter().enumerate().all(|(i, k)| *k == (i + 1).to_string());
                let keys = if digits { format!("1–{}", keys.len()) } else { keys.join(" ") };
                entries.push((keys, action.describe(app.s)));
            }
            continue;
        }
        if (*action == Action::Status && !app.pane.has_status())
            || !crate::app::panes::in_help(app.pane, *action)
            || (action.writes() && *app.access() == crate::store::Access::Viewer)
        {
            continue;
        }
        let what = app.pane.slice().describe(*action, app.s).unwrap_or_else(|| action.describe(app.s));
        entries.push((app.keys.keys(*action), what));
    }
    let title = format!("{} — {}", app.s.help_title, app.pane.title(app.s));
    let block = popup_block(app, &title);
    let inner = block.inner(r);
    clear_popup(f, r);
    f.render_widget(block, r);
    // Two columns when there is room, so that every key fits on one screen.
    let columns = if inner.width >= 100 { 2 } else { 1 };
    let per_column = entries.len().div_ceil(columns);
    let col_w = inner.width / columns as u16;
    for (c, chunk) in entries.chunks(per_column).enumerate() {
        let lines: Vec<Line> = chunk.iter().map(|(k, what)| help_line(app, k, what)).collect();
        let area =
            Rect { x: inner.x + c as u16 * col_w, width: col_w, height: inner.height.saturating_sub(2), ..inner };
        f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
    }
    let footer = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Line::styled(app.s.help_footer, Style::default().fg(app.theme.muted))), footer);
}

fn help_line(app: &App, keys: &str, what: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {keys:<12} "), Style::default().fg(app.theme.header).add_modifier(Modifier::BOLD)),
        Span::raw(what.to_string()),
    ])
}

fn draw_detail(f: &mut Frame, app: &App, title: &str, doc: &[DocLine], scroll: u16) {
    // A detail covers the whole list area, like a page of its own.
    let r = areas(f.area()).body;
    let lines: Vec<Line> = doc
        .iter()
        .map(|d| match d {
            DocLine::Heading(h) => {
                Line::styled(h.clone(), Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD))
            }
            DocLine::Field(l, v) => Line::from(vec![
                Span::styled(format!("{l}: "), Style::default().fg(app.theme.header)),
                Span::raw(v.clone()),
            ]),
            DocLine::Text(t) => Line::raw(t.clone()),
            DocLine::Blank => Line::raw(""),
        })
        .collect();
    clear_popup(f, r);
    f.render_widget(
        Paragraph::new(lines).block(popup_block(app, title)).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        r,
    );
}

fn draw_picker(f: &mut Frame, app: &App, title: &str, options: &[String], selected: usize) {
    let area = f.area();
    let widest = options.iter().map(|o| unicode_width::UnicodeWidthStr::width(o.as_str())).max().unwrap_or(0);
    let width = (widest.max(40) as u16 + 6).min(area.width.saturating_sub(4));
    let r = centered(area, width, options.len() as u16 + 2);
    let items: Vec<ListItem> = options.iter().map(|o| ListItem::new(format!(" {o}"))).collect();
    let list =
        List::new(items).block(popup_block(app, title)).highlight_style(app.theme.selected()).highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(selected));
    clear_popup(f, r);
    f.render_stateful_widget(list, r, &mut state);
}
