//! The panes, one module each: what a pane reads of the store, the rows it lists with their
//! columns and widths, the card each of its rows opens, its own keys with the hints shown for
//! them, and the records `show` prints. The list of panes is [`PANES`]; a new pane is a
//! module here, its line in the table and its name in [`Pane`].

pub mod agenda;
pub mod agreements;
pub mod clusters;
pub mod deficits;
pub mod history;
pub mod mentoring;
pub mod roadmap;

use super::reading::Wanted;
use super::rows::{DocLine, ItemRef, ViewRow, YearData};
use super::{App, Pane};
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::AcademicYear;
use ratatui::layout::Constraint;

/// How a pane's list is laid out.
pub struct Layout {
    /// The columns' widths on a wide list.
    pub widths: &'static [Constraint],
    /// Each column's least width.
    pub least: &'static [usize],
    /// The order the secondary columns give way in when the list is narrow: the identifying
    /// text (a title, a school with its number, a date) is never cut before a kind, a subject
    /// or grades are hidden.
    pub give_way: &'static [usize],
    /// The column holding the status, coloured by it.
    pub status: Option<usize>,
    /// Whether the status column is shown as a symbol on a narrow list.
    pub compact_status: bool,
}

/// The keys shown at the bottom: the key, what it does.
pub type Hints = Vec<(String, &'static str)>;

/// The named fields `show` prints and its rows, before they are made as wide as the fields.
pub type Table = (Vec<&'static str>, Vec<Vec<String>>);

/// One pane.
pub trait PaneSlice: Sync {
    /// The name used on the command line and in the config (`nastavnik show roadmap`).
    fn name(&self) -> &'static str;
    /// The tab's title.
    fn title(&self, s: &Strings) -> &'static str;
    /// Whether the pane shows one academic year (the others cover them all).
    fn by_year(&self) -> bool {
        true
    }
    /// Whether `Status` means something in this pane.
    fn has_status(&self) -> bool {
        false
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str>;
    fn layout(&self) -> &'static Layout;
    /// Reads the pane's data of the year into `d` (its own fields only), narrowed to the
    /// district in focus.
    fn fetch(&self, store: &Store, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError>;
    /// Takes the pane's fields from `from` (read for this pane alone), leaving the others;
    /// what they held is left in `from`.
    fn take(&self, d: &mut YearData, from: &mut YearData);
    /// Keeps of the pane's data only the rows of the district in focus.
    fn narrow(&self, _d: &mut YearData, _f: &FocusSets) {}
    /// All rows of the pane, with group headers, before filtering.
    fn rows(&self, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> Vec<ViewRow>;
    /// The card a row of this pane opens: its title and lines; `None` when there is none or
    /// reading it failed (said on the status line).
    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)>;
    /// A row of the pane read again after a change to it alone, to be redrawn in place (a
    /// status set during a call costs one row, not the year); `None` when the row is not the
    /// pane's or the year is to be read again.
    fn reread(&self, _app: &mut App, _item: ItemRef) -> Option<Result<ViewRow, StoreError>> {
        None
    }
    /// A line of the pane's own after the year, the tabs and the filter at the top.
    fn top_note(&self, _app: &App) -> Option<String> {
        None
    }
    /// The pane's own keys: true when `action` was one of them.
    fn act(&self, _app: &mut App, _action: Action) -> bool {
        false
    }
    /// Whether `action` is one of the keys that mean something in this pane and not in every
    /// one: help lists such a key in the panes that own it alone.
    fn owns(&self, _action: Action) -> bool {
        false
    }
    /// How help names one of the pane's keys when it means something of the pane's own here.
    fn describe(&self, _action: Action, _s: &Strings) -> Option<&'static str> {
        None
    }
    /// The pane's keys shown at the bottom after help and the filter; true when they are
    /// all there is to show (the lookup and quit are not added).
    fn hints(&self, _app: &App, _h: &mut Hints) -> bool {
        false
    }
    /// The rows `show` prints, every field named.
    fn records(&self, store: &Store, year: AcademicYear, s: &Strings) -> Result<Table, StoreError>;
}

/// The panes in the order of their tabs, as [`Pane::ALL`] names them.
pub static PANES: [&dyn PaneSlice; Pane::COUNT] = [
    &clusters::Clusters,
    &mentoring::Mentoring,
    &roadmap::Roadmap,
    &deficits::Deficits,
    &agreements::Agreements,
    &history::History,
    &agenda::AgendaPane,
];

/// Whether help in `pane` lists `action`: a key every pane shares, or one of the pane's own.
pub fn in_help(pane: Pane, action: Action) -> bool {
    pane.slice().owns(action) || !PANES.iter().any(|p| p.owns(action))
}

/// [`PaneSlice::narrow`] when a district is in focus.
fn narrow_to(pane: &dyn PaneSlice, d: &mut YearData, f: Option<&FocusSets>) {
    if let Some(f) = f {
        pane.narrow(d, f);
    }
}

/// The first key bound to `a`, as the hints show it.
fn key(app: &App, a: Action) -> String {
    app.keys.first_key(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_each_pane_once_in_the_order_of_the_tabs() {
        let names: Vec<&str> = PANES.iter().map(|p| p.name()).collect();
        assert_eq!(names, ["clusters", "mentoring", "roadmap", "deficits", "agreements", "history", "agenda"]);
        for p in Pane::ALL {
            assert_eq!(Pane::from_name(p.name()), Some(p));
        }
    }

    #[test]
    fn every_pane_lays_out_as_many_columns_as_it_names() {
        for s in [crate::i18n::Lang::Ru.strings(), crate::i18n::Lang::En.strings()] {
            for p in PANES {
                let l = p.layout();
                let n = p.columns(s).len();
                assert_eq!(l.widths.len(), n, "{}", p.name());
                assert_eq!(l.least.len(), n, "{}", p.name());
                assert!(l.give_way.iter().all(|&i| i < n), "{}", p.name());
                assert!(l.status.is_none_or(|i| i < n), "{}", p.name());
            }
        }
    }
}
