//! The store as a workbook for Excel or LibreOffice: a sheet per table (the directory —
//! schools, people, statuses, links — then events, decisions, indicators, agreements and
//! history), Russian headers, real dates and numbers rather than text, the header row frozen,
//! an autofilter, columns as wide as their text. The directory's sheets use the headers the
//! import knows, so that a workbook exported from one store imports into another.
//!
//! This module takes the tables (`Store::export_tables` reads them); it writes, it never reads
//! the store.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// One cell's value, typed as the spreadsheet should hold it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// A share, 0..=1, shown with a percent format.
    Percent(f64),
    Date(NaiveDate),
    Empty,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }
    pub fn date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Empty, Value::Date)
    }
    /// A value as the store keeps it in text ("87,5", "98,6 %", "24"): a number where it is
    /// one, a share where it carries a percent sign, else the text.
    pub fn parsed(s: &str) -> Value {
        let t = s.trim();
        if t.is_empty() {
            return Value::Empty;
        }
        let looks_numeric =
            t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | ' ' | '-' | '\u{a0}'));
        if looks_numeric && t.chars().any(|c| c.is_ascii_digit()) {
            let percent = t.ends_with('%');
            if let Some(v) = crate::text::parse_number(&t.replace([' ', '\u{a0}'], "")) {
                return if percent { Value::Percent(v / 100.0) } else { Value::Number(v) };
            }
        }
        Value::Text(t.to_string())
    }
    fn width(&self) -> usize {
        match self {
            Value::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Value::Number(v) => crate::text::format_number(*v).len(),
            Value::Percent(_) => 7,
            Value::Date(_) => 10,
            Value::Empty => 0,
        }
    }
}

/// A sheet's worth of rows.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// A native chart of the sheet's numbers, beside them.
    pub chart: Option<ChartSpec>,
}

/// A column chart of a table: its first column the categories, `series` the columns whose
/// numbers are drawn (each a series named by its header), over the first `rows` rows (a total
/// row under them is left out).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    pub series: Vec<usize>,
    pub rows: usize,
    /// Series stacked in one column per category (the parts of a whole).
    pub stacked: bool,
    /// Each series' colour in a picture, by what it counts: 0 held, 1 under way, 2 planned
    /// (or all), 3 postponed, 4 cancelled, 5 overdue.
    pub tones: Vec<usize>,
}

/// The widest a column is made, in characters; longer text wraps in Excel's own way.
const MAX_WIDTH: usize = 60;

/// The workbook's bytes.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let percent = Format::new().set_num_format("0.0%");
    let number = Format::new().set_num_format("General");
    for t in tables {
        let sheet = book.add_worksheet();
        // Excel allows 31 characters and no []:*?/\ in a sheet's name.
        let name: String =
            t.name.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(31).collect();
        sheet.set_name(&name)?;
        let mut widths: Vec<usize> = t.headers.iter().map(|h| h.chars().count().min(24)).collect();
        for (c, h) in t.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &header)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let col = c as u16;
                match v {
                    Value::Text(s) => {
                        sheet.write_string(r, col, s)?;
                    }
                    Value::Number(n) => {
                        sheet.write_number_with_format(r, col, *n, &number)?;
                    }
                    Value::Percent(p) => {
                        sheet.write_number_with_format(r, col, *p, &percent)?;
                    }
                    Value::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        sheet.write_datetime_with_format(r, col, &dt, &date)?;
                    }
                    Value::Empty => {}
                }
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(v.width());
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w).clamp(6, MAX_WIDTH) as f64 + 2.0)?;
        }
        if let Some(c) = t.chart.as_ref().filter(|c| c.rows > 0 && !c.series.is_empty()) {
            let kind = if c.stacked { ChartType::ColumnStacked } else { ChartType::Column };
            let mut chart = Chart::new(kind);
            chart.title().set_name(&c.title);
            let last = c.rows as u32;
            for col in &c.series {
                let col = *col as u16;
                chart
                    .add_series()
                    .set_name((name.as_str(), 0, col))
                    .set_categories((name.as_str(), 1, 0, last, 0))
                    .set_values((name.as_str(), 1, col, last, col));
            }
            sheet.insert_chart(1, t.headers.len() as u16 + 1, &chart)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        if !t.headers.is_empty() {
            sheet.autofilter(0, 0, t.rows.len() as u32, t.headers.len() as u16 - 1)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_kept_as_text_become_numbers_shares_or_stay_text() {
        assert_eq!(Value::parsed("87,5"), Value::Number(87.5));
        assert!(matches!(Value::parsed("98,6 %"), Value::Percent(p) if (p - 0.986).abs() < 1e-9));
        assert_eq!(Value::parsed("1 200"), Value::Number(1200.0));
        assert_eq!(Value::parsed("да"), Value::Text("да".into()));
        assert_eq!(Value::parsed("СОШ №3"), Value::Text("СОШ №3".into()));
        assert_eq!(Value::parsed(""), Value::Empty);
    }
}
