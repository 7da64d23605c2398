//! The weak schools' risk profiles, the teachers' diagnosed deficits and the indicators, with
//! what needs attention first; the pictures are drawn from the same data.

use super::{Hints, Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::*;
use crate::app::App;
use crate::domain::*;
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::fold;
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
            out.push(risk_view(i, r, s, today));
        }
        if !d.diagnostics.is_empty() {
            out.push(ViewRow::header(s.sec_diagnostics.to_string(), width));
        }
        for (i, g) in d.diagnostics.iter().enumerate() {
            out.push(ViewRow {
                cells: vec![g.owner.clone(), diagnostic_summary(g, s), String::new(), String::new(), g.round.clone()]
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
            out.push(indicator_view(i, r, s));
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
                Some((format!("{}: {}", r.school, r.direction), risk_doc(&r, &h, s)))
            }
            ItemRef::Diagnostic(i) => {
                let g = &app.data.diagnostics[i];
                let doc = diagnostic_summary(g, s).split("; ").map(|l| DocLine::Text(l.to_string())).collect();
                Some((format!("{}: {}", g.owner, g.round), doc))
            }
            ItemRef::Indicator(i) => Some((s.col_indicator.to_string(), indicator_doc(&app.data.indicators[i], s))),
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
            let summary = diagnostic_summary(g, s);
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

/// A verified risk direction: its programme's goal, progress, deadline and status.
pub fn risk_view(i: usize, r: &RiskRow, s: &Strings, today: chrono::NaiveDate) -> ViewRow {
    let overdue =
        r.deadline.is_some_and(|d| d < today) && !matches!(r.status, EventStatus::Done | EventStatus::Cancelled);
    let mut when = r.status.task_label(s).to_string();
    if let Some(d) = r.deadline {
        when = format!("{}{when}, {}", if overdue { "⚠ " } else { "" }, crate::text::format_date(d));
    }
    let goal = if r.goal.is_empty() { r.programme.clone() } else { r.goal.clone() };
    ViewRow {
        cells: vec![r.school.clone(), r.direction.clone(), goal, r.progress.replace('\n', " "), when].into(),
        item: Some(ItemRef::Risk(i)),
        tone: if overdue { Tone::Overdue } else { Tone::Event(r.status) },
        facets: Some(std::sync::Arc::new([
            fold(&r.school),
            String::new(),
            fold(s.sec_risks),
            fold(r.status.task_label(s)),
            fold(&r.responsible),
            String::new(),
        ])),
    }
}

/// An indicator's value: a district's share rolled up from its schools says so.
pub fn indicator_view(i: usize, r: &IndicatorRow, s: &Strings) -> ViewRow {
    let owner = if r.rolled_from > 0 {
        format!("{} ({} {})", s.ind_rollup, r.rolled_from, s.ind_schools)
    } else {
        r.owner.clone()
    };
    let mut actual = if r.actual.is_empty() { s.none.to_string() } else { r.actual.clone() };
    if let (Some(p), Some(w)) = (r.part, r.whole) {
        actual = format!("{actual} ({} / {})", crate::text::format_number(p), crate::text::format_number(w));
    }
    let below =
        matches!((r.actual_num, r.target_num), (Some(a), Some(t)) if !crate::deficits::meets(a, t, r.lower_is_better));
    ViewRow {
        cells: vec![owner, r.name.clone(), r.target.clone(), actual, r.period.clone()].into(),
        item: Some(ItemRef::Indicator(i)),
        tone: if below { Tone::Overdue } else { Tone::Normal },
        facets: Some(std::sync::Arc::new([
            fold(&r.owner),
            String::new(),
            fold(s.sec_indicators),
            String::new(),
            String::new(),
            String::new(),
        ])),
    }
}

/// "прошли диагностику 83 из 100, с программой 50, обучены 98; курсы: …".
pub fn diagnostic_summary(g: &DiagnosticRow, s: &Strings) -> String {
    let n = |v: Option<f64>| match v {
        Some(v) if g.in_percent => crate::deficits::share_text(v),
        Some(v) => crate::text::format_number(v),
        None => "—".into(),
    };
    let mut parts = Vec::new();
    if !g.in_percent && g.teachers.is_some() {
        parts.push(format!("{} {}", s.dg_teachers, n(g.teachers)));
    }
    for (label, v) in
        [(s.dg_diagnosed, g.diagnosed), (s.dg_with_programme, g.with_programme), (s.dg_trained, g.trained)]
    {
        if v.is_some() {
            parts.push(format!("{label} {}", n(v)));
        }
    }
    for (kind, label) in [("course", s.dg_courses), ("deficit", s.dg_deficits), ("vacancy", s.dg_vacancies)] {
        let items: Vec<String> = g
            .items
            .iter()
            .filter(|it| it.kind == kind)
            .map(|it| match it.count {
                Some(c) if it.in_percent => format!("{} {}", it.label, crate::deficits::share_text(c)),
                Some(c) => format!("{} {}", it.label, crate::text::format_number(c)),
                None => it.label.clone(),
            })
            .collect();
        if !items.is_empty() {
            parts.push(format!("{label}: {}", items.join(", ")));
        }
    }
    parts.join("; ")
}

pub fn risk_doc(r: &RiskRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_school, &r.school);
    field(&mut out, s.col_district, &r.district);
    field(&mut out, s.col_direction, &r.direction);
    field(&mut out, s.col_status, r.status.task_label(s));
    field(&mut out, s.rk_deadline, &r.deadline.map(crate::text::format_date).unwrap_or_default());
    field(&mut out, s.col_responsible, &r.responsible);
    field(&mut out, s.col_programme, &r.programme);
    for (title, text) in [(s.rk_goal, &r.goal), (s.rk_measures, &r.measures), (s.rk_progress, &r.progress)] {
        if !text.is_empty() {
            out.push(DocLine::Blank);
            out.push(DocLine::Heading(title.to_string()));
            out.extend(text.lines().map(|l| DocLine::Text(l.to_string())));
        }
    }
    history_lines(&mut out, s, history);
    out
}

pub fn indicator_doc(r: &IndicatorRow, s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_owner, &r.owner);
    field(&mut out, s.col_indicator, &r.name);
    field(&mut out, s.col_target, &r.target);
    field(&mut out, s.col_actual, if r.actual.is_empty() { s.none } else { &r.actual });
    field(&mut out, s.col_period, &r.period);
    out
}
