//! What needs the coordinator now, of every year: overdue first, then this week and next.
//! A line opens where it lives.

use super::{Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::*;
use crate::app::{App, Message, Pane};
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::fold;
use crate::text::AcademicYear;
use ratatui::layout::Constraint::{Fill, Length};

/// The pane (the agenda itself is [`crate::agenda::Agenda`]).
pub struct AgendaPane;

static LAYOUT: Layout = Layout {
    widths: &[Length(10), Length(26), Length(12), Fill(7), Fill(3), Fill(3)],
    // date, state, kind, what, where, responsible
    least: &[10, 16, 10, 26, 10, 12],
    give_way: &[2, 5, 4],
    status: Some(1),
    compact_status: false,
};

impl PaneSlice for AgendaPane {
    fn name(&self) -> &'static str {
        "agenda"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_agenda
    }
    fn by_year(&self) -> bool {
        false
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![s.col_deadline, s.exp_state, s.col_kind, s.col_what, s.col_where, s.col_responsible]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    /// Read for the district in focus: nothing to narrow afterwards.
    fn fetch(&self, store: &Store, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        d.agenda = crate::agenda::agenda(store, w.today, w.agenda_days, w.expiring_days, f, w.s)?;
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        std::mem::swap(&mut d.agenda, &mut from.agenda);
    }

    fn rows(&self, d: &YearData, s: &Strings, _today: chrono::NaiveDate) -> Vec<ViewRow> {
        let width = self.columns(s).len();
        let mut out = Vec::new();
        let a = &d.agenda;
        for (b, items) in a.groups() {
            // The filter adds each group's count to its heading.
            out.push(ViewRow::header(a.heading(b, s), width));
            for (i, it) in items {
                out.push(agenda_view(i, it, a.today, s));
            }
        }
        out
    }

    /// A line opens in its own pane, not as a card (see [`PaneSlice::act`]).
    fn card(&self, _app: &mut App, _item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        None
    }

    /// The decisions without a deadline, when there are any.
    fn top_note(&self, app: &App) -> Option<String> {
        app.data.agenda.undated_line(app.s)
    }

    fn act(&self, app: &mut App, action: Action) -> bool {
        match (action, app.selected_item()) {
            (Action::Open, Some(ItemRef::Agenda(i))) => app.open_agenda_item(i),
            _ => return false,
        }
        true
    }

    fn records(&self, store: &Store, _year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        let today = crate::text::today();
        let days = crate::config::AgendaConfig::default().days;
        let expiring = crate::config::AgreementsConfig::default().expiring_days;
        let a = crate::agenda::agenda(store, today, days, expiring, None, s)?;
        let rows = a
            .groups()
            .into_iter()
            .flat_map(|(b, items)| {
                items.into_iter().map(move |(_, i)| {
                    vec![
                        b.label(s).to_string(),
                        i.when.clone(),
                        i.state(today, s),
                        i.kind.to_string(),
                        i.what.clone(),
                        i.place.clone(),
                        i.who.clone(),
                    ]
                })
            })
            .collect();
        Ok((vec!["week", "date", "state", "kind", "what", "where", "responsible"], rows))
    }
}

pub fn agenda_view(i: usize, it: &crate::agenda::Item, today: chrono::NaiveDate, s: &Strings) -> ViewRow {
    let state = it.state(today, s);
    let facets = [fold(&it.place), String::new(), fold(it.kind), fold(&state), fold(&it.who), String::new()];
    ViewRow {
        cells: Cells::of(&[&it.date(today), &state, it.kind, &it.what, &it.place, &it.who]),
        item: Some(ItemRef::Agenda(i)),
        tone: if it.due < today { Tone::Overdue } else { Tone::Normal },
        facets: Some(std::sync::Arc::new(facets)),
    }
}

impl App {
    /// An agenda line opened where it lives: its pane, in its year, with it selected (a filter
    /// that hides it is cleared).
    pub(in crate::app) fn open_agenda_item(&mut self, i: usize) {
        use crate::agenda::Source;
        let Some(it) = self.data.agenda.items.get(i).cloned() else { return };
        let pane = match it.source {
            Source::Event(_) | Source::Decision(_) => Pane::Roadmap,
            Source::Risk(_) | Source::Indicator(..) => Pane::Deficits,
            Source::Agreement(_) | Source::Task(_) => Pane::Agreements,
        };
        if pane.by_year() && self.year != it.year {
            self.year = it.year;
            if !self.reload() {
                return;
            }
        }
        // The pane is read (when it is not yet) before its row is looked for.
        self.set_pane(pane);
        let d = &self.data;
        let found = match it.source {
            Source::Event(id) => self.item_of("event", id),
            Source::Decision(id) => self.item_of("decision", id),
            Source::Agreement(id) => self.item_of("agreement", id),
            Source::Task(id) => self.item_of("programme_task", id),
            Source::Risk(id) => d.risks.iter().position(|r| r.id == id).map(ItemRef::Risk),
            Source::Indicator(id, org) => {
                d.indicators.iter().rposition(|r| r.id == id && r.org == org).map(ItemRef::Indicator)
            }
        };
        let Some(item) = found else {
            self.message = Some(Message { text: self.s.wk_not_in_pane.to_string(), error: true });
            return;
        };
        let key = self.key_of(item);
        if !self.views[pane.index()].rows.iter().any(|r| r.item == Some(item)) {
            self.views[pane.index()].filter.clear();
        }
        self.refilter_keeping(pane, Some(key));
    }
}
