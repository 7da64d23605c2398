//! Who mentors whom: the links by kind, and the schools still needing a mentor with the
//! mentors suggested for them.

use super::{Hints, Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::*;
use crate::app::App;
use crate::domain::LinkLevel;
use crate::domain::*;
use crate::headless::marks_words;
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::AcademicYear;
use ratatui::layout::Constraint::Fill;

pub struct Mentoring;

static LAYOUT: Layout = Layout {
    widths: &[Fill(3), Fill(3), Fill(2), Fill(3), Fill(2)],
    // mentor, mentee, subject, form, period
    least: &[18, 18, 10, 10, 12],
    give_way: &[3, 2],
    status: None,
    compact_status: false,
};

impl PaneSlice for Mentoring {
    fn name(&self) -> &'static str {
        "mentoring"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_mentoring
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![s.col_mentor, s.col_mentee, s.col_subject, s.col_form, s.col_period]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    fn fetch(&self, store: &Store, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        let y = w.year;
        d.links = store.links(y)?;
        d.loads = store.mentor_loads(y)?;
        // Narrowed before the suggestions weigh the mentors' loads.
        super::narrow_to(self, d, f);
        let uncovered = store.uncovered_schools(y)?;
        let mut districts: Vec<i64> = uncovered.iter().filter_map(|u| u.district).collect();
        districts.sort_unstable();
        districts.dedup();
        let candidates = store.mentor_candidates(y, &districts)?;
        d.uncovered = uncovered
            .into_iter()
            .filter(|u| f.is_none_or(|f| u.district == Some(f.district)))
            .map(|u| {
                let g = crate::suggest::suggest(&u, &candidates, &d.loads, w.limits, w.s, 5);
                (u, g)
            })
            .collect();
        d.links.shrink_to_fit();
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        use std::mem::swap;
        swap(&mut d.links, &mut from.links);
        swap(&mut d.loads, &mut from.loads);
        swap(&mut d.uncovered, &mut from.uncovered);
    }

    fn narrow(&self, d: &mut YearData, f: &FocusSets) {
        d.links.retain(|l| f.links.contains(&l.id));
        d.loads.retain(|l| f.shows_entity(l.mentor));
    }

    fn rows(&self, d: &YearData, s: &Strings, _today: chrono::NaiveDate) -> Vec<ViewRow> {
        let width = self.columns(s).len();
        let mut out = Vec::new();
        let mut bases = std::collections::HashMap::new();
        // By kind as a reader names it: the links from a body («организация → школа»), of
        // a coordinator or a curator apart from those of schools and mentors.
        let mut kinds: Vec<(LinkLevel, &str)> = Vec::new();
        for level in LinkLevel::ALL {
            kinds.push((*level, level.label(s)));
            for l in d.links.iter().filter(|l| l.level == *level) {
                if !kinds.contains(&(*level, l.level_label(s))) {
                    kinds.push((*level, l.level_label(s)));
                }
            }
        }
        for (level, label) in kinds {
            let rows: Vec<_> =
                d.links.iter().enumerate().filter(|(_, l)| l.level == level && l.level_label(s) == label).collect();
            let Some((_, first)) = rows.first() else { continue };
            out.push(ViewRow::header(first.level_label(s).to_string(), width));
            for (i, l) in rows {
                out.push(ViewRow {
                    cells: vec![
                        l.mentor.clone(),
                        l.mentee.clone(),
                        l.subject.clone(),
                        l.form.clone(),
                        l.when.display_running(s),
                    ]
                    .into(),
                    item: Some(ItemRef::Link(i)),
                    tone: if l.active { Tone::Normal } else { Tone::Muted },
                    facets: link_facets(l, &mut bases),
                });
            }
        }
        if !d.uncovered.is_empty() {
            out.push(ViewRow::header(s.sec_uncovered.to_string(), width));
        }
        for (i, (school, suggestions)) in d.uncovered.iter().enumerate() {
            let (best, why) = match suggestions.first() {
                Some(b) => (format!("{}: {}", s.suggestion, b.name), b.reason.clone()),
                None => (s.no_candidates.to_string(), String::new()),
            };
            out.push(ViewRow {
                cells: vec![best, school.name.clone(), school.needs.join("; "), why, String::new()].into(),
                item: Some(ItemRef::Uncovered(i)),
                tone: Tone::Overdue,
                facets: None,
            });
        }
        out
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        match item {
            ItemRef::Uncovered(i) => app.school_card_doc(Some(app.data.uncovered[i].0.org)),
            ItemRef::Link(i) => {
                let l = app.data.links[i].clone();
                let h = app.report(app.store.history("mentoring_link", l.id))?;
                Some((format!("{} → {}", l.mentor, l.mentee), link_doc(&l, &h, s)))
            }
            _ => None,
        }
    }

    fn act(&self, app: &mut App, action: Action) -> bool {
        match action {
            Action::New => app.new_link(None),
            Action::Edit | Action::End => {
                if let Some(ItemRef::Link(i)) = app.selected_item() {
                    let l = app.data.links[i].clone();
                    if action == Action::Edit {
                        app.edit_link(&l);
                    } else {
                        app.ask_end_link(&l);
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Ending a link.
    fn owns(&self, action: Action) -> bool {
        action == Action::End
    }

    fn hints(&self, app: &App, h: &mut Hints) -> bool {
        let s = app.s;
        let k = |a| super::key(app, a);
        h.push((k(Action::New), s.hint_new));
        h.push((k(Action::Edit), s.hint_edit));
        h.push((k(Action::End), s.hint_end));
        h.push((k(Action::Load), s.hint_load));
        false
    }

    fn records(&self, store: &Store, year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        let marks = store.marks_of("mentoring_link")?;
        Ok((
            vec!["mentor", "mentee", "level", "form", "subject", "period", "basis", "state", "marks"],
            store
                .links(year)?
                .into_iter()
                .map(|l| {
                    let basis = l.basis_text();
                    let level = l.level_label(s).to_string();
                    let marked = marks_words(marks.get(&l.id), s);
                    vec![
                        l.mentor,
                        l.mentee,
                        level,
                        l.form,
                        l.subject,
                        l.when.display_running(s),
                        basis,
                        if l.active { String::new() } else { s.inactive.to_string() },
                        marked,
                    ]
                })
                .collect(),
        ))
    }
}

/// A link's facets: only the orders its basis cites (`приказ:285`), none for a link whose
/// basis cites no order.
pub fn link_facets(
    l: &LinkRow,
    read: &mut std::collections::HashMap<String, String>,
) -> Option<std::sync::Arc<[String; 6]>> {
    // A district's links rest on one order in the same words: each basis is read once.
    let basis = l.basis_text();
    let orders = match read.get(&basis) {
        Some(f) => f.clone(),
        None => {
            let f = crate::orders::facet_of(&basis);
            read.insert(basis, f.clone());
            f
        }
    };
    (!orders.is_empty()).then(|| {
        std::sync::Arc::new([String::new(), String::new(), String::new(), String::new(), String::new(), orders])
    })
}

pub fn link_doc(l: &LinkRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_mentor, &l.mentor);
    field(&mut out, s.col_mentee, &l.mentee);
    field(&mut out, s.col_level, l.level_label(s));
    field(&mut out, s.col_subject, &l.subject);
    field(&mut out, s.col_form, &l.form);
    field(&mut out, s.col_period, &l.when.display_running(s));
    field(&mut out, s.col_basis, &l.basis_text());
    if l.basis_doubtful() {
        out.push(DocLine::Text(format!("⚠ {}", s.basis_doubt)));
    }
    if !l.active {
        field(&mut out, s.col_status, s.inactive);
    }
    field(
        &mut out,
        s.col_changed,
        &format!("{} {}", crate::text::format_stamp(&l.stamp.changed_at), l.stamp.changed_by),
    );
    history_lines(&mut out, s, history);
    out
}

pub fn load_doc(d: &YearData, limits: crate::suggest::LoadLimits, s: &Strings) -> Vec<DocLine> {
    d.loads
        .iter()
        .map(|l| {
            let mark = if l.over(limits) { format!("⚠ {} — ", s.load_over) } else { String::new() };
            DocLine::Text(format!(
                "{mark}{} — {}, {}",
                l.name,
                crate::i18n::plural(l.mentees, s.load_mentees, s),
                crate::i18n::plural(l.events, s.load_events, s)
            ))
        })
        .collect()
}
