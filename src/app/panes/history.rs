//! The latest changes to the store, of every year, newest first: who changed what, and when.

use super::{Layout, PaneSlice, Table};
use crate::app::reading::{self, Wanted};
use crate::app::rows::{self, DocLine, ItemRef, ViewRow, YearData};
use crate::app::App;
use crate::i18n::Strings;
use crate::store::{FocusSets, Store, StoreError};
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
        d.log.iter().enumerate().map(|(i, l)| rows::change_view(i, l, s)).collect()
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        let ItemRef::Change(i) = item else { return None };
        let row = rows::change_view(i, &app.data.log[i], s);
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
