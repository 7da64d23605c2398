//! The weak schools' risk profiles, the teachers' diagnosed deficits and the indicators, with
//! what needs attention first; the pictures are drawn from the same data.

use super::{Hints, Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::{self, DocLine, ItemRef, Tone, ViewRow, YearData};
use crate::app::App;
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::AcademicYear;
use ratatui::layout::Constraint::{Fill, Length};

pub struct Deficits;

static LAYOUT: Layout = Layout {
    widths: &[Fill(2), Fill(5), Length(12), Fill(3), Length(16)],
    // owner, item, target, actual, due
    least: &[12, 26, 10, 8, 14],
    give_way: &[2],
    status: None,
    compact_status: false,
};

impl PaneSlice for Deficits {
    fn name(&self) -> &'static str {
        "deficits"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_deficits
    }
    fn has_status(&self) -> bool {
        true
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![s.col_owner, s.col_item, s.col_target, s.col_actual, s.col_due]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    fn fetch(&self, store: &Store, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        let y = w.year;
        d.risks = store.risks(y)?;
        d.indicators = store.indicators(y)?;
        d.diagnostics = store.diagnostics(y)?;
        // Narrowed before what needs attention is worked out from them.
        super::narrow_to(self, d, f);
        let changes = store.cluster_changes(y)?;
        d.attention = crate::deficits::attention(&d.indicators, &d.risks, &d.diagnostics, &changes, w.today);
        if let Some(f) = f {
            d.attention.retain(|a| a.org().is_none_or(|o| f.orgs.contains(&o)));
        }
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        use std::mem::swap;
        swap(&mut d.risks, &mut from.risks);
        swap(&mut d.indicators, &mut from.indicators);
        swap(&mut d.diagnostics, &mut from.diagnostics);
        swap(&mut d.attention, &mut from.attention);
    }

    fn narrow(&self, d: &mut YearData, f: &FocusSets) {
        d.risks.retain(|r| f.orgs.contains(&r.org));
        d.indicators.retain(|i| i.org.map_or(i.district_id == Some(f.district), |o| f.orgs.contains(&o)));
        d.diagnostics.retain(|g| g.org.map_or(g.district_id == Some(f.district), |o| f.orgs.contains(&o)));
    }

    fn rows(&self, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> Vec<ViewRow> {
        let width = self.columns(s).len();
        let mut out = Vec::new();
        if !d.attention.is_empty() {
            out.push(ViewRow::header(s.sec_attention.to_string(), width));
        }
        for (i, a) in d.attention.iter().enumerate() {
            let (owner, what) = a.parts(s);
            out.push(ViewRow {
                cells: vec![format!("⚠ {owner}"), what, String::new(), String::new(), String::new()].into(),
                item: Some(ItemRef::Attention(i)),
                tone: Tone::Overdue,
                facets: None,
            });
        }
        if !d.risks.is_empty() {
            out.push(ViewRow::header(s.sec_risks.to_string(), width));
        }
        for (i, r) in d.risks.iter().enumerate() {
            out.push(rows::risk_view(i, r, s, today));
        }
        if !d.diagnostics.is_empty() {
            out.push(ViewRow::header(s.sec_diagnostics.to_string(), width));
        }
        for (i, g) in d.diagnostics.iter().enumerate() {
            out.push(ViewRow {
                cells: vec![
                    g.owner.clone(),
                    rows::diagnostic_summary(g, s),
                    String::new(),
                    String::new(),
                    g.round.clone(),
                ]
                .into(),
                item: Some(ItemRef::Diagnostic(i)),
                tone: Tone::Normal,
                facets: None,
            });
        }
        if !d.indicators.is_empty() {
            out.push(ViewRow::header(s.sec_indicators.to_string(), width));
        }
        for (i, r) in d.indicators.iter().enumerate() {
            out.push(rows::indicator_view(i, r, s));
        }
        out
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        match item {
            ItemRef::Attention(i) => match app.data.attention[i].org() {
                Some(org) => app.school_card_doc(Some(org)),
                None => Some((s.sec_attention.to_string(), vec![DocLine::Text(app.data.attention[i].text(s))])),
            },
            ItemRef::Risk(i) => {
                let r = app.data.risks[i].clone();
                let h = app.report(app.store.history("risk", r.id))?;
                Some((format!("{}: {}", r.school, r.direction), rows::risk_doc(&r, &h, s)))
            }
            ItemRef::Diagnostic(i) => {
                let g = &app.data.diagnostics[i];
                let doc = rows::diagnostic_summary(g, s).split("; ").map(|l| DocLine::Text(l.to_string())).collect();
                Some((format!("{}: {}", g.owner, g.round), doc))
            }
            ItemRef::Indicator(i) => {
                Some((s.col_indicator.to_string(), rows::indicator_doc(&app.data.indicators[i], s)))
            }
            _ => None,
        }
    }

    fn act(&self, app: &mut App, action: Action) -> bool {
        match action {
            Action::Timeline => app.toggle_pictures(),
            Action::New => app.new_in_deficits(),
            Action::Edit => match app.selected_item() {
                Some(ItemRef::Indicator(i)) => app.value_form(i, true),
                _ => app.edit_risk(),
            },
            _ => return false,
        }
        true
    }

    /// The pictures take the timeline's key.
    fn owns(&self, action: Action) -> bool {
        action == Action::Timeline
    }

    fn hints(&self, app: &App, h: &mut Hints) -> bool {
        let s = app.s;
        let k = |a| super::key(app, a);
        h.push((k(Action::Timeline), if app.pictures_on() { s.hint_list } else { s.hint_pictures }));
        h.push((k(Action::New), s.hint_new));
        h.push((k(Action::Edit), s.hint_edit));
        h.push((k(Action::Status), s.hint_status));
        false
    }

    fn records(&self, store: &Store, year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        let today = crate::text::today();
        let risks = store.risks(year)?;
        let indicators = store.indicators(year)?;
        let diagnostics = store.diagnostics(year)?;
        let changes = store.cluster_changes(year)?;
        let attention = crate::deficits::attention(&indicators, &risks, &diagnostics, &changes, today);
        let mut rows: Vec<Vec<String>> = attention
            .iter()
            .map(|a| {
                let (owner, what) = a.parts(s);
                vec!["attention".into(), owner, what, String::new(), String::new(), String::new()]
            })
            .collect();
        rows.extend(risks.into_iter().map(|r| {
            let due = r.deadline.map(crate::text::format_date).unwrap_or_default();
            let status = r.status.task_label(s).to_string();
            vec!["risk".into(), r.school, r.direction, r.goal, format!("{status}; {}", r.progress), due]
        }));
        rows.extend(diagnostics.iter().map(|g| {
            let summary = rows::diagnostic_summary(g, s);
            vec!["diagnostics".into(), g.owner.clone(), summary, String::new(), String::new(), g.round.clone()]
        }));
        rows.extend(indicators.into_iter().map(|i| {
            let owner = if i.rolled_from > 0 {
                format!("{} ({} {})", s.ind_rollup, i.rolled_from, s.ind_schools)
            } else {
                i.owner
            };
            vec!["indicator".into(), owner, i.name, i.target, i.actual, i.period]
        }));
        Ok((vec!["type", "owner", "item", "target", "actual", "period"], rows))
    }
}
