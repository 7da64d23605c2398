//! The Deficits pane's pictures: indicators as bars against their targets, a heat map of
//! schools × risk directions, and one indicator's dynamics across rounds and years. Every mark
//! carries its meaning in a symbol and a number too, so they read the same without colour.

use crate::app::App;
use crate::deficits::{meets, share_text, Kind};
use crate::domain::EventStatus;
use crate::text::{format_number, truncate};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

const BAR: usize = 24;

fn value_text(kind: Kind, v: f64, unit: &str) -> String {
    match kind {
        Kind::Share => share_text(v),
        Kind::YesNo => (if v > 0.0 { "да" } else { "нет" }).to_string(),
        Kind::Count if unit.is_empty() => format_number(v),
        Kind::Count => format!("{} {unit}", format_number(v)),
    }
}

pub fn draw_pictures(f: &mut Frame, app: &App, area: Rect) {
    let s = app.s;
    let p = &app.pictures;
    let title = format!(" {}: {} ", s.pic_title, if p.title.is_empty() { "—" } else { &p.title });
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.muted))
        .title(Span::styled(title, Style::default().fg(app.theme.header).add_modifier(Modifier::BOLD)));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let bars = bar_lines(app, inner.width as usize);
    let heat = heat_lines(app, inner.width as usize);
    let dynamics = dynamics_lines(app, inner.width as usize);
    let [a, b, c] = Layout::vertical([
        Constraint::Length(bars.len() as u16),
        Constraint::Length(heat.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(bars), a);
    f.render_widget(Paragraph::new(heat), b);
    f.render_widget(Paragraph::new(dynamics), c);
}

fn heading<'a>(app: &App, text: &str) -> Line<'a> {
    Line::styled(text.to_string(), Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD))
}

/// Each indicator in scope: `name  ██████░░░░┃░░  50,4 % / 100 %  ✗`.
fn bar_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let s = app.s;
    let p = &app.pictures;
    let rows: Vec<_> = app
        .data
        .indicators
        .iter()
        .filter(|i| i.actual_num.is_some() && i.org == p.org && (p.org.is_some() || i.district_id == p.district))
        .collect();
    let mut out = vec![heading(app, s.pic_bars)];
    if rows.is_empty() {
        out.push(Line::from(format!("  {}", s.pic_nothing)));
        out.push(Line::from(""));
        return out;
    }
    let label_w = (width.saturating_sub(BAR + 26)).clamp(12, 60);
    for i in rows {
        let actual = i.actual_num.unwrap_or(0.0);
        let scale = match i.kind {
            Kind::Share => 100.0,
            Kind::YesNo => 1.0,
            Kind::Count => actual.max(i.target_num.unwrap_or(0.0)).max(1.0),
        };
        let fill = ((actual / scale) * BAR as f64).round().clamp(0.0, BAR as f64) as usize;
        let mark = i.target_num.map(|t| ((t / scale) * BAR as f64).round().clamp(0.0, BAR as f64 - 1.0) as usize);
        let mut bar: Vec<char> = (0..BAR).map(|x| if x < fill { '█' } else { '░' }).collect();
        if let Some(m) = mark {
            bar[m] = '┃';
        }
        let ok = i.target_num.map(|t| meets(actual, t, i.lower_is_better));
        let (sign, color) = match ok {
            Some(true) => ("✓", app.theme.done),
            Some(false) => ("✗", app.theme.cancelled),
            None => (" ", app.theme.muted),
        };
        let target = i.target_num.map(|t| format!(" / {}", value_text(i.kind, t, &i.unit))).unwrap_or_default();
        let name = if i.rolled_from > 0 { format!("{} ({})", i.name, s.ind_rollup) } else { i.name.clone() };
        out.push(Line::from(vec![
            Span::raw(format!("  {:<label_w$} ", truncate(&name, label_w))),
            Span::styled(bar.into_iter().collect::<String>(), Style::default().fg(color)),
            Span::raw(format!(" {}{target} ", value_text(i.kind, actual, &i.unit))),
            Span::styled(sign.to_string(), Style::default().fg(color).add_modifier(Modifier::BOLD)),
        ]));
    }
    out.push(Line::from(""));
    out
}

/// Schools of the district × the risk directions (the configured ten, numbered, and any other
/// verified one): ● in work, ✓ done, ! past its deadline, · not verified.
fn heat_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let s = app.s;
    let p = &app.pictures;
    let risks: Vec<_> = app.data.risks.iter().filter(|r| p.district.is_none() || r.district_id == p.district).collect();
    let mut out = vec![heading(app, s.pic_heat)];
    if risks.is_empty() {
        out.push(Line::from(format!("  {}", s.pic_nothing)));
        out.push(Line::from(""));
        return out;
    }
    let mut directions: Vec<String> = app.risk_directions.clone();
    for r in &risks {
        if !directions.iter().any(|d| crate::text::fold(d) == crate::text::fold(&r.direction)) {
            directions.push(r.direction.clone());
        }
    }
    let mut schools: Vec<(i64, String)> = Vec::new();
    for r in &risks {
        if !schools.iter().any(|(o, _)| *o == r.org) {
            schools.push((r.org, r.school.clone()));
        }
    }
    let name_w = 24usize.min(width / 3);
    let mut head = format!("  {:<name_w$}", "");
    for n in 1..=directions.len() {
        head.push_str(&format!("{n:>3}"));
    }
    out.push(Line::styled(head, Style::default().fg(app.theme.header)));
    for (org, school) in &schools {
        let selected = p.org == Some(*org);
        let style = if selected { Style::default().add_modifier(Modifier::BOLD) } else { Style::default() };
        let mut spans = vec![Span::styled(format!("  {:<name_w$}", truncate(school, name_w)), style)];
        for d in &directions {
            let hit = risks.iter().find(|r| r.org == *org && crate::text::fold(&r.direction) == crate::text::fold(d));
            let (sym, color) = match hit {
                None => ("·", app.theme.muted),
                Some(r)
                    if r.deadline.is_some_and(|x| x < app.today)
                        && !matches!(r.status, EventStatus::Done | EventStatus::Cancelled) =>
                {
                    ("!", app.theme.cancelled)
                }
                Some(r) if r.status == EventStatus::Done => ("✓", app.theme.done),
                Some(_) => ("●", app.theme.in_progress),
            };
            spans.push(Span::styled(format!("{sym:>3}"), Style::default().fg(color).add_modifier(Modifier::BOLD)));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::styled(format!("  {}", s.pic_heat_legend), Style::default().fg(app.theme.muted)));
    // The numbered directions, two to a line when they fit.
    let names: Vec<String> = directions.iter().enumerate().map(|(n, d)| format!("{:>2} {d}", n + 1)).collect();
    let half = (width.saturating_sub(4)) / 2;
    for pair in names.chunks(2) {
        let line = match pair {
            [a, b] => format!("  {:<half$}{}", truncate(a, half.saturating_sub(1)), truncate(b, half)),
            [a] => format!("  {}", truncate(a, width.saturating_sub(2))),
            _ => String::new(),
        };
        out.push(Line::styled(line, Style::default().fg(app.theme.muted)));
    }
    out.push(Line::from(""));
    out
}

/// One indicator across rounds and years, a bar per value, the number beside it.
fn dynamics_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let s = app.s;
    let Some((name, points)) = &app.pictures.dynamics else {
        return vec![heading(app, s.pic_dynamics), Line::from(format!("  {}", s.pic_no_dynamics))];
    };
    let mut out = vec![heading(app, &format!("{}: {}", s.pic_dynamics, truncate(name, width.saturating_sub(12))))];
    let max = points.iter().filter_map(|p| p.1).fold(0.0f64, f64::max).max(1.0);
    let label_w =
        points.iter().map(|p| unicode_width::UnicodeWidthStr::width(p.0.as_str())).max().unwrap_or(10).min(30);
    for (label, v) in points {
        let line = match v {
            Some(v) => {
                let n = ((v / max) * BAR as f64).round() as usize;
                format!("  {:<label_w$}  {:<BAR$} {}", truncate(label, label_w), "█".repeat(n), format_number(*v))
            }
            None => format!("  {:<label_w$}  {}", truncate(label, label_w), s.none),
        };
        out.push(Line::from(line));
    }
    out
}
