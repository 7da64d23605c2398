//! The headless twin of the panes for scripts: `show` prints what a pane lists, one
//! self-contained line per row; `snapshot` prints the pane exactly as the TUI draws it;
//! `screenshots` writes those renders as SVG files with their colours.

use crate::app::{App, Pane};
use crate::config::Theme;
use crate::i18n::Strings;
use crate::keys::KeyMap;
use crate::store::{Store, StoreError};
use crate::text::AcademicYear;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    /// CSV for Excel on a Russian Windows: a byte-order mark so that it reads UTF-8, `;`
    /// between cells (the list separator where the decimal comma is), CRLF line ends.
    Excel,
    Json,
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `@`, a tab or CR first, or `-`
/// before anything that is not a plain number) is kept as text: a quote is put before it.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => cell.len() > 1 && crate::text::parse_number(cell).is_none(),
        _ => false,
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The named fields of every row a pane lists, in order.
#[derive(Clone)]
pub struct Records {
    pub fields: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

pub fn records(store: &Store, pane: Pane, year: AcademicYear, s: &Strings) -> Result<Records, StoreError> {
    let (fields, rows) = pane.slice().records(store, year, s)?;
    // Rows of a kind with fewer columns (a programme among agreements, a decision among
    // events) are as wide as the header: their last cells empty.
    let mut rows = rows;
    for r in &mut rows {
        r.resize(fields.len(), String::new());
    }
    Ok(Records { fields, rows })
}

/// A record's marks in words, «Тема: так в документе — …», joined.
pub(crate) fn marks_words(marks: Option<&Vec<crate::domain::Mark>>, s: &Strings) -> String {
    marks.map_or_else(String::new, |m| {
        m.iter().map(|m| crate::app::rows::mark_words(m, s)).collect::<Vec<_>>().join("; ")
    })
}

/// A pane's column, named in the UI's language (for the workbook's sheets).
pub fn field_header(code: &str, s: &Strings) -> String {
    match code {
        "school" => s.col_school,
        "district" => s.col_district,
        "town" => s.col_town,
        "cluster_status" | "status" => s.col_status,
        "risk_level" => s.col_risk,
        "mentor" => s.col_mentor,
        "mentee" => s.col_mentee,
        "level" => s.col_level,
        "form" => s.col_form,
        "subject" => s.col_subject,
        "period" => s.col_period,
        "basis" => s.col_basis,
        "state" => s.exp_state,
        "type" => s.exp_type,
        "date" => s.col_date,
        "time" => s.doc_time,
        "format" => s.doc_format,
        "kind" => s.col_kind,
        "title" => s.col_title,
        "grades" => s.col_grades,
        "host_school" => s.col_host,
        "teacher" => s.col_teacher,
        "responsible" => s.col_responsible,
        "result" => s.col_result,
        "teachers" => s.col_n_teachers,
        "people" => s.col_n_people,
        "schools" => s.col_n_schools,
        "connections" => s.col_n_connections,
        "teams" => s.col_n_teams,
        "roles" => s.col_roles,
        "note" => s.col_note,
        "owner" => s.col_owner,
        "item" => s.col_item,
        "target" => s.col_target,
        "actual" => s.col_actual,
        "number" => s.col_number,
        "parties" => s.col_parties,
        "term" => s.col_term,
        "plan" => s.col_plan,
        "members" => s.nw_members,
        "marks" => s.hist_mark,
        "related" => s.ord_related,
        "document" => s.ord_title,
        "at" => s.col_when,
        "who" => s.col_who,
        "entity" => s.exp_entity,
        "what" => s.col_what,
        "where" => s.col_where,
        "week" => s.col_week,
        "field" => s.col_field,
        "old" => s.exp_old,
        "new" => s.exp_new,
        other => other,
    }
    .to_string()
}

/// A pane's cell as the workbook keeps it: a date as a date, a number as a number.
fn cell_value(text: &str) -> crate::export::Value {
    match crate::text::parse_date(text) {
        Some(d) if text.trim().len() >= 8 => crate::export::Value::Date(d),
        _ => crate::export::Value::parsed(text),
    }
}

/// The sheets of the panes that are not the directory: the roadmap and the deficits for each
/// of `years` (a column says which), the agreements and the history.
pub fn pane_tables(
    store: &Store,
    years: &[AcademicYear],
    s: &Strings,
) -> Result<Vec<crate::export::Table>, StoreError> {
    use crate::export::{Table, Value};
    let mut out = Vec::new();
    for (pane, name) in [(Pane::Roadmap, s.tab_roadmap), (Pane::Deficits, s.tab_deficits)] {
        let mut headers = vec![s.year_label.to_string()];
        let mut rows = Vec::new();
        for y in years {
            let r = records(store, pane, *y, s)?;
            if headers.len() == 1 {
                headers.extend(r.fields.iter().map(|f| field_header(f, s)));
            }
            for row in r.rows {
                let mut cells = vec![Value::text(y.label())];
                cells.extend(row.iter().map(|c| cell_value(c)));
                rows.push(cells);
            }
        }
        if headers.len() == 1 {
            headers.extend(records(store, pane, AcademicYear::current(), s)?.fields.iter().map(|f| field_header(f, s)));
        }
        out.push(Table { name: name.to_string(), headers, rows, chart: None });
    }
    for (pane, name) in [(Pane::Agreements, s.tab_agreements), (Pane::History, s.tab_history)] {
        let r = if pane == Pane::History {
            log_records(&store.log(None, None, usize::MAX)?, s, true)
        } else {
            records(store, pane, AcademicYear::current(), s)?
        };
        out.push(Table {
            name: name.to_string(),
            headers: r.fields.iter().map(|f| field_header(f, s)).collect(),
            rows: r.rows.iter().map(|row| row.iter().map(|c| cell_value(c)).collect()).collect(),
            chart: None,
        });
    }
    Ok(out)
}

/// The history log as records: when, who, what, field, old, new — in words of the UI's
/// language (`words`), or as the codes the store keeps, for scripts (JSON).
pub fn log_records(lines: &[crate::store::LogLine], s: &Strings, words: bool) -> Records {
    let rows = lines
        .iter()
        .map(|l| {
            let c = &l.change;
            if !words {
                // For scripts: the store's codes, an order's kind left to the entity column.
                let what = match l.what.split_once(':').filter(|_| c.entity == "order") {
                    Some((_, rest)) => rest.to_string(),
                    None if l.what.is_empty() => format!("{} {}", c.entity, c.entity_id),
                    None => l.what.clone(),
                };
                return vec![
                    c.at.clone(),
                    c.who.clone(),
                    c.entity.clone(),
                    what,
                    c.field.clone(),
                    c.old.clone(),
                    c.new.clone(),
                ];
            }
            let (field, old, new) = crate::app::panes::history::change_words(c, s);
            let at = crate::text::format_stamp(&c.at);
            let what = crate::app::panes::history::log_what(l, s);
            vec![at, c.who.clone(), crate::app::rows::entity_label(&c.entity, s), what, field, old, new]
        })
        .collect();
    Records { fields: vec!["at", "who", "entity", "what", "field", "old", "new"], rows }
}

pub fn render_records(r: &Records, format: Format) -> String {
    render_with_header(r, format, &r.fields.iter().map(|f| f.to_string()).collect::<Vec<_>>())
}

/// As [`render_records`]; for Excel the header row is in the UI's words («Школа», «Район»…),
/// as a coordinator opening the file reads it. The other formats keep the field codes that
/// scripts rely on.
pub fn render_records_for(r: &Records, format: Format, s: &Strings) -> String {
    match format {
        // What a person reads: the record kinds in the UI's words («мероприятие», «решение»).
        Format::Excel | Format::Text => {
            let worded = worded_types(r, s);
            if format == Format::Excel {
                render_with_header(&worded, format, &r.fields.iter().map(|f| field_header(f, s)).collect::<Vec<_>>())
            } else {
                render_records(&worded, format)
            }
        }
        Format::Csv | Format::Json => render_records(r, format),
    }
}

/// The records with their `type` column (event, decision, risk…) in the UI's words.
fn worded_types(r: &Records, s: &Strings) -> Records {
    let Some(col) = r.fields.iter().position(|f| *f == "type") else { return r.clone() };
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let mut row = row.clone();
            if let Some(v) = row.get_mut(col) {
                *v = match v.as_str() {
                    "attention" => s.sec_attention.to_lowercase(),
                    "diagnostics" => s.ent_diagnostic.to_string(),
                    other => crate::app::rows::entity_label(other, s),
                };
            }
            row
        })
        .collect();
    Records { fields: r.fields.clone(), rows }
}

fn render_with_header(r: &Records, format: Format, header: &[String]) -> String {
    match format {
        Format::Text => {
            let mut out = String::new();
            for row in &r.rows {
                let cells: Vec<&str> = row.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
            out
        }
        Format::Csv | Format::Excel => {
            let excel = format == Format::Excel;
            let mut b = csv::WriterBuilder::new();
            if excel {
                b.delimiter(b';').terminator(csv::Terminator::CRLF);
            }
            let mut w = b.from_writer(Vec::new());
            // Writing to memory cannot fail; a failure would be a bug in the csv crate.
            w.write_record(header).expect("csv to memory");
            for row in &r.rows {
                w.write_record(row.iter().map(|c| neutralise_formula(c).into_owned())).expect("csv to memory");
            }
            let text = String::from_utf8(w.into_inner().expect("csv to memory")).expect("csv of UTF-8 strings");
            if excel {
                format!("\u{FEFF}{text}")
            } else {
                text
            }
        }
        Format::Json => {
            let list: Vec<serde_json::Map<String, serde_json::Value>> = r
                .rows
                .iter()
                .map(|row| {
                    r.fields
                        .iter()
                        .zip(row)
                        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
                        .collect()
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).expect("JSON of strings");
            s.push('\n');
            s
        }
    }
}

/// Draws the app into a buffer of the given size, as the TUI would.
pub fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    app.resize(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend never fails");
    terminal.draw(|f| crate::ui::draw(f, app)).expect("a test backend never fails");
    terminal.backend().buffer().clone()
}

pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn new_app(
    store: Store,
    s: &'static Strings,
    keys: KeyMap,
    theme: Theme,
    settings: &crate::config::Settings,
    year: Option<AcademicYear>,
    pane: Pane,
) -> Result<App, StoreError> {
    App::configured_at(store, s, keys, theme, Rect::new(0, 0, 120, 40), settings, year, Some(pane))
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn hex(c: Color, default: &str) -> String {
    let named = match c {
        Color::Reset => return default.to_string(),
        Color::Black => "#1e1e1e",
        Color::Red => "#cd3131",
        Color::Green => "#0dbc79",
        Color::Yellow => "#e5e510",
        Color::Blue => "#2472c8",
        Color::Magenta => "#bc3fbc",
        Color::Cyan => "#11a8cd",
        Color::Gray => "#b0b0b0",
        Color::DarkGray => "#505050",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#3b8eea",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#29b8db",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return format!("#{0:02x}{0:02x}{0:02x}", i),
    };
    named.to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An SVG picture of a rendered buffer: a background rectangle and a text run per stretch of
/// cells that share colours and weight.
pub fn buffer_svg(buf: &Buffer) -> String {
    const CW: f32 = 8.4;
    const LH: f32 = 18.0;
    let (bg0, fg0) = ("#1e1e1e", "#d4d4d4");
    let w = buf.area.width as f32 * CW;
    let h = buf.area.height as f32 * LH;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{bg0}\"/>\n\
         <g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\" xml:space=\"preserve\">\n"
    );
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let c = &buf[(x, y)];
            let mut fg = hex(c.fg, fg0);
            let mut bg = hex(c.bg, bg0);
            if c.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            let bold = c.modifier.contains(Modifier::BOLD);
            let start = x;
            let mut text = String::new();
            while x < buf.area.width {
                let d = &buf[(x, y)];
                if hex(d.fg, fg0) != hex(c.fg, fg0) || hex(d.bg, bg0) != hex(c.bg, bg0) || d.modifier != c.modifier {
                    break;
                }
                text.push_str(d.symbol());
                x += 1;
            }
            let px = start as f32 * CW;
            let py = y as f32 * LH;
            if bg != bg0 {
                let _ = writeln!(
                    svg,
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{}\" height=\"{LH}\" fill=\"{bg}\"/>",
                    (x - start) as f32 * CW
                );
            }
            if !text.trim().is_empty() {
                let weight = if bold { " font-weight=\"bold\"" } else { "" };
                let _ = writeln!(
                    svg,
                    "<text x=\"{px}\" y=\"{}\" fill=\"{fg}\"{weight} textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                    py + LH * 0.75,
                    (x - start) as f32 * CW,
                    xml_escape(&text)
                );
            }
        }
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_skip_empty_fields_and_csv_quotes() {
        let r = Records { fields: vec!["a", "b", "c"], rows: vec![vec!["x".into(), String::new(), "y; z".into()]] };
        assert_eq!(render_records(&r, Format::Text), "x | y; z\n");
        assert_eq!(render_records(&r, Format::Csv), "a,b,c\nx,,y; z\n");
        let json: serde_json::Value = serde_json::from_str(&render_records(&r, Format::Json)).unwrap();
        assert_eq!(json[0]["c"], "y; z");
    }

    fn records(cells: &[&str]) -> Records {
        Records { fields: vec!["a"], rows: cells.iter().map(|c| vec![c.to_string()]).collect() }
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_kept_as_text() {
        let r = records(&["=HYPERLINK(\"http://x\")", "+7 999", "@SUM(A1)", "-2+3", "-5,5", "-", "Маслова"]);
        let csv = render_records(&r, Format::Csv);
        assert_eq!(csv, "a\n\"'=HYPERLINK(\"\"http://x\"\")\"\n'+7 999\n'@SUM(A1)\n'-2+3\n\"-5,5\"\n-\nМаслова\n");
        let excel = render_records(&records(&["=1+1", "98,6"]), Format::Excel);
        assert_eq!(excel, "\u{FEFF}a\r\n'=1+1\r\n98,6\r\n", "the decimal comma needs no quotes between semicolons");
    }
}
