//! The latest changes to the store, of every year, newest first: who changed what, and when.

use super::{Layout, PaneSlice, Table};
use crate::app::reading::{self, Wanted};
use crate::app::rows::*;
use crate::app::App;
use crate::domain::*;
use crate::i18n::Strings;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::fold;
use crate::text::AcademicYear;
use ratatui::layout::Constraint::{Fill, Length};

pub struct History;

static LAYOUT: Layout = Layout {
    widths: &[Length(16), Fill(2), Fill(6), Fill(2), Fill(4)],
    // when (23.11.2026 07:57), who, what, field, change
    least: &[16, 8, 20, 10, 16],
    give_way: &[3, 1],
    status: None,
    compact_status: false,
};

impl PaneSlice for History {
    fn name(&self) -> &'static str {
        "history"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_history
    }
    fn by_year(&self) -> bool {
        false
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![s.col_when, s.col_who, s.col_what, s.col_field, s.col_change]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    /// Read for the district in focus: nothing to narrow afterwards.
    fn fetch(&self, store: &Store, _w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        d.log = reading::log(store, f)?;
        d.log.shrink_to_fit();
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        std::mem::swap(&mut d.log, &mut from.log);
    }

    fn rows(&self, d: &YearData, s: &Strings, _today: chrono::NaiveDate) -> Vec<ViewRow> {
        d.log.iter().enumerate().map(|(i, l)| change_view(i, l, s)).collect()
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        let ItemRef::Change(i) = item else { return None };
        let row = change_view(i, &app.data.log[i], s);
        let doc = self
            .columns(s)
            .iter()
            .zip(row.cells.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| DocLine::Field(k.to_string(), v.to_string()))
            .collect();
        Some((s.tab_history.to_string(), doc))
    }

    fn records(&self, store: &Store, _year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        let r = crate::headless::log_records(&store.log(None, None, 2000)?, s, true);
        Ok((r.fields, r.rows))
    }
}

pub fn change_words(c: &crate::domain::HistoryRow, s: &Strings) -> (String, String, String) {
    let label = |code: &str| -> String {
        let named = match c.entity.as_str() {
            "agreement" => AgreementStatus::from_code(code).map(|x| x.label(s)),
            _ => EventStatus::from_code(code).map(|x| x.label(s)),
        };
        match (c.field.as_str(), named) {
            ("status", Some(n)) => n.to_string(),
            ("model", _) if c.entity == "network" => crate::domain::NetworkModel::from_code(code).map_or_else(
                || if code.is_empty() { "—".to_string() } else { code.to_string() },
                |m| m.label(s).to_string(),
            ),
            ("state", _) if code == "active" => s.hist_active.to_string(),
            ("state", _) if code == "ended" => s.inactive.to_string(),
            _ if code.is_empty() => "—".to_string(),
            _ => code.to_string(),
        }
    };
    let mark = |text: &str| match crate::store::read_mark_text(text) {
        Some(m) => mark_words(&m, s),
        None => "—".to_string(),
    };
    if c.field == "*" {
        (s.whole_row(&c.new).to_string(), "—".to_string(), "—".to_string())
    } else if c.field == "mark" {
        (s.hist_mark.to_string(), mark(&c.old), mark(&c.new))
    } else {
        (field_label(&c.field, s), label(&c.old), label(&c.new))
    }
}

/// What a history line is about, in the UI's words: the row's title or name while it exists
/// (an order as its kind, issuer, date and number), else its kind and id.
pub fn log_what(l: &crate::store::LogLine, s: &Strings) -> String {
    let c = &l.change;
    match (l.what.is_empty(), c.entity.as_str()) {
        (true, _) => format!("{} {}", entity_label(&c.entity, s), c.entity_id),
        // The store gives an order as «order:…» or «directive:…».
        (false, "order") => match l.what.split_once(':') {
            Some(("directive", rest)) => format!("{} {rest}", s.ord_kind_directive),
            Some((_, rest)) => format!("{} {rest}", s.ord_kind),
            None => l.what.clone(),
        },
        (false, _) => l.what.clone(),
    }
}

/// A line of the history: when, who, what, which field, old → new (statuses by their names).
pub fn change_view(i: usize, l: &crate::store::LogLine, s: &Strings) -> ViewRow {
    let c = &l.change;
    let (field, old, new) = change_words(c, s);
    let change = if c.field == "*" { String::new() } else { format!("{old} → {new}") };
    // A row gone since (or one with no name of its own): what it was, in the UI's words.
    let what = log_what(l, s);
    ViewRow {
        cells: vec![crate::text::format_stamp(&c.at), c.who.clone(), what, field, change].into(),
        item: Some(ItemRef::Change(i)),
        tone: Tone::Normal,
        facets: Some(std::sync::Arc::new([
            String::new(),
            String::new(),
            fold(&format!("{} {}", c.entity, entity_label(&c.entity, s))),
            String::new(),
            fold(&c.who),
            String::new(),
        ])),
    }
}
