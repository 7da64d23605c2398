//! Drawing the roadmap's timeline. Only the visible rows are drawn, so a key press costs the
//! same for 50 events or 100,000.

use crate::app::rows::{ItemRef, Tone};
use crate::app::timeline::Zoom;
use crate::app::App;
use crate::domain::When;
use crate::text::truncate;
use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};
use ratatui::Frame;

struct Grid {
    x0: u16,
    width: u16,
    col: u16,
}

impl Grid {
    fn x(&self, app: &App, d: chrono::NaiveDate) -> i32 {
        (app.timeline.position(d) * self.col as f64).floor() as i32
    }
}

fn when_of(app: &App, item: ItemRef) -> Option<&When> {
    match item {
        ItemRef::Event(i) => app.data.events.get(i).map(|e| &e.when),
        ItemRef::Decision(i) => app.data.decisions.get(i).map(|x| &x.deadline),
        _ => None,
    }
}

fn tone_color(app: &App, tone: Tone) -> Color {
    match tone {
        Tone::Event(st) => super::event_color(app, st),
        Tone::Overdue => app.theme.error,
        _ => app.theme.muted,
    }
}

/// A point for a day, a bar for a period; an arrow at the edge for what lies outside.
fn mark(buf: &mut Buffer, app: &App, g: &Grid, y: u16, w: &When, style: Style) {
    let (Some(start), Some(last)) = (w.start, w.last_day()) else { return };
    let a = g.x(app, start);
    let b = g.x(app, last.succ_opt().unwrap_or(last)) - 1;
    let width = g.width as i32;
    if b < 0 {
        buf.set_string(g.x0, y, "‹", style);
        return;
    }
    if a >= width {
        buf.set_string(g.x0 + g.width - 1, y, "›", style);
        return;
    }
    if w.end.is_none_or(|e| e == start) {
        buf.set_string(g.x0 + a.clamp(0, width - 1) as u16, y, "●", style.add_modifier(Modifier::BOLD));
        return;
    }
    for x in a.max(0)..=b.min(width - 1) {
        buf.set_string(g.x0 + x as u16, y, "━", style);
    }
}

pub fn draw_timeline(f: &mut Frame, app: &App, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.muted));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.width < 30 || inner.height < 3 {
        return;
    }
    let label_w = (inner.width / 3).clamp(20, 48);
    let x0 = inner.x + label_w + 1;
    let gw = inner.width - label_w - 1;
    let col = match app.timeline.zoom {
        Zoom::Months => (gw / 12).max(5),
        Zoom::Weeks => 6,
    };
    let g = Grid { x0, width: gw, col };
    let buf = f.buffer_mut();
    let s = app.s;
    let head = Style::default().fg(app.theme.header).add_modifier(Modifier::BOLD);
    buf.set_stringn(inner.x, inner.y, s.col_date, label_w as usize, head);
    let months: Vec<&str> = s.months_short.split(' ').collect();
    for i in 0..(gw / col) as usize {
        let d = app.timeline.column_start(i);
        let label = match app.timeline.zoom {
            Zoom::Months if d.month() == 1 || i == 0 => format!("{}{:02}", months[d.month0() as usize], d.year() % 100),
            Zoom::Months => months[d.month0() as usize].to_string(),
            Zoom::Weeks => d.format("%d.%m").to_string(),
        };
        let x = x0 + i as u16 * col;
        buf.set_stringn(x, inner.y, "┊", 1, Style::default().fg(app.theme.muted));
        buf.set_stringn(x + 1, inner.y, &label, (col - 1) as usize, head);
    }
    let today_x = g.x(app, app.today);
    let rows_area = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    let today_style = Style::default().fg(app.theme.accent);
    if app.timeline.by_school {
        draw_by_school(buf, app, &g, rows_area, label_w, today_x, today_style);
        return;
    }
    let v = app.view();
    if v.rows.is_empty() {
        let text = if v.filter.is_empty() { s.empty_list } else { s.empty_filter };
        let msg = format!("{text} ({})", app.year.label());
        let x = rows_area.x + rows_area.width.saturating_sub(msg.chars().count() as u16) / 2;
        buf.set_stringn(x, rows_area.y + 1, &msg, rows_area.width as usize, Style::default());
        return;
    }
    for (k, row) in v.rows.iter().enumerate().skip(v.offset).take(rows_area.height as usize) {
        let y = rows_area.y + (k - v.offset) as u16;
        let selected = k == v.selected;
        if selected {
            buf.set_style(Rect { y, height: 1, ..rows_area }, app.theme.selected());
        }
        if (0..gw as i32).contains(&today_x) {
            buf.set_string(x0 + today_x as u16, y, "│", today_style);
        }
        let Some(item) = row.item else {
            let style = Style::default().fg(app.theme.accent).add_modifier(Modifier::BOLD);
            buf.set_stringn(inner.x, y, &row.cells[0], label_w as usize, style);
            continue;
        };
        let date = truncate(&row.cells[0], 14);
        let pad = 14usize.saturating_sub(date.chars().count());
        let label = format!("{date}{} {}", " ".repeat(pad), &row.cells[3]);
        let mut style = Style::default();
        if selected {
            style = style.add_modifier(Modifier::BOLD);
        }
        buf.set_stringn(inner.x, y, truncate(&label, label_w as usize), label_w as usize, style);
        if let Some(w) = when_of(app, item) {
            mark(buf, app, &g, y, w, Style::default().fg(tone_color(app, row.tone)));
        }
    }
}

fn draw_by_school(buf: &mut Buffer, app: &App, g: &Grid, area: Rect, label_w: u16, today_x: i32, today: Style) {
    let rows = &app.view().rows;
    for (k, (school, positions)) in
        app.school_groups.iter().skip(app.timeline.school_offset).take(area.height as usize).enumerate()
    {
        let y = area.y + k as u16;
        if (0..g.width as i32).contains(&today_x) {
            buf.set_string(g.x0 + today_x as u16, y, "│", today);
        }
        let label = format!("{school} ({})", positions.len());
        buf.set_stringn(area.x, y, truncate(&label, label_w as usize), label_w as usize, Style::default());
        for row in positions.iter().filter_map(|p| rows.get(*p)) {
            if let Some(w) = row.item.and_then(|item| when_of(app, item)) {
                mark(buf, app, g, y, w, Style::default().fg(tone_color(app, row.tone)));
            }
        }
    }
}

/// A line saying what the window shows, for the pane's header.
pub fn describe(app: &App) -> String {
    let s = app.s;
    let zoom = match app.timeline.zoom {
        Zoom::Months => s.act_zoom_out,
        Zoom::Weeks => s.act_zoom_in,
    };
    let rows = if app.timeline.by_school { s.hint_rows } else { "" };
    format!("{} {} {}", zoom.to_lowercase(), crate::text::format_date(app.timeline.start), rows)
}
