//! The framework agreements with their plans, the programmes with their tasks, the reports
//! with their recommendations and the orders the records rest on, of every year.

use super::{Hints, Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::*;
use crate::app::{agreement, App};
use crate::domain::*;
use crate::headless::marks_words;
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::fold;
use crate::text::AcademicYear;
use ratatui::layout::Constraint::{Fill, Length};

pub struct Agreements;

static LAYOUT: Layout = Layout {
    widths: &[Fill(3), Length(10), Length(10), Fill(5), Fill(5), Fill(3), Length(13), Length(18)],
    // kind, number, signed, agreement, parties, term, plan, status
    least: &[10, 8, 10, 16, 14, 10, 10, 12],
    give_way: &[6, 0, 2, 5, 1],
    status: Some(7),
    compact_status: true,
};

impl PaneSlice for Agreements {
    fn name(&self) -> &'static str {
        "agreements"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_agreements
    }
    fn by_year(&self) -> bool {
        false
    }
    fn has_status(&self) -> bool {
        true
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![
            s.col_kind,
            s.col_number,
            s.col_signed,
            s.col_agreement,
            s.col_parties,
            s.col_term,
            s.col_plan,
            s.col_status,
        ]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    fn fetch(&self, store: &Store, _w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        d.agreements = store.agreements()?;
        d.orders = store.orders()?;
        // A row needs only its first record's name (for an untitled order) and how many
        // rest on it; the card reads the names again. At a region's scale that is tens
        // of thousands of names not kept.
        for o in &mut d.orders {
            o.refs.iter_mut().skip(1).for_each(|r| r.label = String::new());
            o.refs.shrink_to_fit();
        }
        d.programmes = store.programmes()?;
        d.report_docs = store.report_docs()?;
        super::narrow_to(self, d, f);
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        use std::mem::swap;
        swap(&mut d.agreements, &mut from.agreements);
        swap(&mut d.orders, &mut from.orders);
        swap(&mut d.programmes, &mut from.programmes);
        swap(&mut d.report_docs, &mut from.report_docs);
    }

    fn narrow(&self, d: &mut YearData, f: &FocusSets) {
        d.agreements.retain(|a| f.agreements.contains(&a.id));
        d.orders.retain(|o| o.district_id.is_none_or(|d| d == f.district));
        d.programmes.retain(|p| p.district_id.is_none_or(|d| d == f.district));
        d.report_docs.retain(|r| r.district_id.is_none_or(|d| d == f.district));
    }

    fn rows(&self, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> Vec<ViewRow> {
        let width = self.columns(s).len();
        let mut out = Vec::new();
        for (i, a) in d.agreements.iter().enumerate() {
            out.push(agreement_view(i, a, s, today, d.expiring_days));
        }
        if !d.programmes.is_empty() {
            out.push(ViewRow::header(s.sec_programmes.to_string(), width));
        }
        for (i, p) in d.programmes.iter().enumerate() {
            out.push(programme_view(i, p, s));
            for (j, t) in p.tasks.iter().enumerate() {
                out.push(task_view(i, j, t, s, today));
            }
        }
        if !d.report_docs.is_empty() {
            out.push(ViewRow::header(s.sec_reports.to_string(), width));
        }
        for (i, r) in d.report_docs.iter().enumerate() {
            out.push(report_doc_view(i, r, s));
        }
        if !d.orders.is_empty() {
            out.push(ViewRow::header(s.sec_orders.to_string(), width));
        }
        for (i, o) in d.orders.iter().enumerate() {
            out.push(order_view(i, o, s, today));
        }
        out
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        match item {
            ItemRef::Agreement(i) => {
                let a = app.data.agreements[i].clone();
                let doc = app.report(agreement::card(&app.store, &a, &app.data.agreements, s, app.today))?;
                Some((a.title.clone(), doc))
            }
            ItemRef::Order(i) => {
                let kept = &app.data.orders[i];
                let key = (kept.district_id, kept.kind, kept.key());
                let all = app.report(app.store.orders())?;
                let Some(o) = all.into_iter().find(|o| (o.district_id, o.kind, o.key()) == key) else {
                    app.reload();
                    return None;
                };
                let h = match o.stored {
                    Some((id, _)) => app.report(app.store.history("order", id))?,
                    None => Vec::new(),
                };
                Some((o.name(s), order_doc(&o, &h, s, app.today)))
            }
            ItemRef::Programme(i) => {
                let p = app.data.programmes[i].clone();
                let h = app.report(app.store.history("programme", p.id))?;
                Some((p.name.clone(), programme_doc(&p, &h, s, app.today)))
            }
            ItemRef::ReportDoc(i) => {
                let r = app.data.report_docs[i].clone();
                let h = app.report(app.store.history("report", r.id))?;
                Some((r.title.clone(), report_doc_doc(&r, &h, s, app.today)))
            }
            ItemRef::Task(i, j) => {
                let p = app.data.programmes[i].clone();
                let t = p.tasks[j].clone();
                let h = app.report(app.store.history("programme_task", t.id))?;
                Some((format!("{} {}", s.pg_task_form, t.pos), task_doc(&p, &t, &h, s)))
            }
            _ => None,
        }
    }

    fn reread(&self, app: &mut App, item: ItemRef) -> Option<Result<ViewRow, StoreError>> {
        let ItemRef::Agreement(i) = item else { return None };
        let id = app.data.agreements.get(i)?.id;
        Some(app.store.agreement(id).map(|a| {
            let row = agreement_view(i, &a, app.s, app.today, app.expiring_days);
            app.data.agreements[i] = a;
            row
        }))
    }

    fn act(&self, app: &mut App, action: Action) -> bool {
        match action {
            Action::Delete => match app.selected_item() {
                Some(ItemRef::Programme(_) | ItemRef::Task(..) | ItemRef::ReportDoc(_)) => app.ask_remove_programme(),
                _ => app.ask_remove_order(),
            },
            Action::Edit => match app.selected_item() {
                Some(ItemRef::Order(i)) => app.order_form(Some(i)),
                Some(ItemRef::Programme(i)) => app.programme_form(Some(i)),
                Some(ItemRef::Task(i, j)) => app.task_form(i, Some(j)),
                Some(ItemRef::ReportDoc(i)) => app.report_doc_form(Some(i)),
                _ => app.edit_agreement(),
            },
            Action::New => match app.selected_item() {
                Some(ItemRef::Order(_)) => app.order_form(None),
                Some(ItemRef::Programme(_) | ItemRef::Task(..)) => app.programme_form(None),
                Some(ItemRef::ReportDoc(_)) => app.report_doc_form(None),
                _ => app.new_agreement(),
            },
            Action::NewAdditional => app.new_additional(),
            Action::PlanRow => match app.selected_item() {
                Some(ItemRef::Programme(i) | ItemRef::Task(i, _)) => app.task_form(i, None),
                Some(ItemRef::ReportDoc(i)) => app.recommendation_form(i),
                _ => app.new_plan_row(),
            },
            Action::Advance => app.advance_agreement(),
            Action::Terminate => app.ask_terminate(),
            _ => return false,
        }
        true
    }

    fn owns(&self, action: Action) -> bool {
        matches!(action, Action::Delete | Action::Advance | Action::Terminate | Action::NewAdditional | Action::PlanRow)
    }

    /// The same key removes what the pane lists: a document, or an order's own row.
    fn describe(&self, action: Action, s: &Strings) -> Option<&'static str> {
        (action == Action::Delete).then_some(s.act_remove_document)
    }

    fn hints(&self, app: &App, h: &mut Hints) -> bool {
        let s = app.s;
        let k = |a| super::key(app, a);
        match app.selected_item() {
            Some(ItemRef::ReportDoc(_)) => {
                h.push((k(Action::Edit), s.hint_edit));
                h.push((k(Action::PlanRow), s.hint_new_recommendation));
                h.push((k(Action::New), s.hint_new));
                h.push((k(Action::Delete), s.hint_remove));
                h.push((k(Action::Undo), s.hint_undo));
            }
            Some(on @ (ItemRef::Programme(_) | ItemRef::Task(..))) => {
                h.push((k(Action::Edit), s.hint_edit));
                h.push((k(Action::PlanRow), s.hint_new_task));
                if matches!(on, ItemRef::Task(..)) {
                    h.push((k(Action::Status), s.hint_status));
                }
                h.push((k(Action::New), s.hint_new));
                h.push((k(Action::Delete), s.hint_remove));
                h.push((k(Action::Undo), s.hint_undo));
            }
            Some(ItemRef::Order(_)) => {
                h.push((k(Action::New), s.hint_new_order));
                h.push((k(Action::Edit), s.hint_edit));
                h.push((k(Action::Delete), s.hint_remove));
                h.push((k(Action::Undo), s.hint_undo));
            }
            _ => {
                h.push((k(Action::New), s.hint_new_agreement));
                h.push((k(Action::Advance), s.hint_advance));
                h.push((k(Action::Status), s.hint_status));
                h.push((k(Action::Edit), s.hint_edit));
                h.push((k(Action::Undo), s.hint_undo));
            }
        }
        false
    }

    fn records(&self, store: &Store, _year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        let today = crate::text::today();
        let marks = store.marks_of("agreement")?;
        let mut rows: Vec<Vec<String>> = store
            .agreements()?
            .into_iter()
            .map(|a| {
                let marked = marks_words(marks.get(&a.id), s);
                let status = crate::lifecycle::effective(&a, today).label(s).to_string();
                let plan = plan_progress(&a, s);
                vec![
                    a.kind.label(s).to_string(),
                    a.number,
                    a.date,
                    a.title,
                    a.parties,
                    a.term,
                    plan,
                    status,
                    String::new(),
                    marked,
                ]
            })
            .collect();
        // A row of another kind with its marks in the last column, after «related».
        let kinds = ["programme", "programme_task", "report", "order"];
        let mut marks_by_kind = std::collections::HashMap::new();
        for kind in kinds {
            marks_by_kind.insert(kind, store.marks_of(kind)?);
        }
        let marked = |mut cells: Vec<String>, kind: &str, id: Option<i64>| -> Vec<String> {
            cells.resize(9, String::new());
            let marks = id.and_then(|id| marks_by_kind.get(kind).and_then(|m| m.get(&id)));
            cells.push(marks_words(marks, s));
            cells
        };
        // The programmes, each followed by its tasks.
        for (i, p) in store.programmes()?.iter().enumerate() {
            let row = programme_view(i, p, s);
            let mut cells: Vec<String> = row.cells.iter().map(str::to_string).collect();
            cells.push(if p.basis.is_empty() { String::new() } else { format!("{}: {}", s.pg_basis, p.basis) });
            rows.push(marked(cells, "programme", Some(p.id)));
            for (j, t) in p.tasks.iter().enumerate() {
                let row = task_view(i, j, t, s, today);
                let mut cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
                cells[0] = s.pg_task.to_string();
                cells.push(String::new());
                rows.push(marked(cells, "programme_task", Some(t.id)));
            }
        }
        // The reports, each with its recommendations.
        for (i, r) in store.report_docs()?.iter().enumerate() {
            let row = report_doc_view(i, r, s);
            let mut cells: Vec<String> = row.cells.iter().map(str::to_string).collect();
            let list: Vec<String> = r
                .recommendations
                .iter()
                .map(|x| {
                    let to = if x.responsible.is_empty() { String::new() } else { format!(" ({})", x.responsible) };
                    format!("{}. {}{to}", x.number, x.text)
                })
                .collect();
            cells.push(list.join("; "));
            rows.push(marked(cells, "report", Some(r.id)));
        }
        // The orders the records rest on, each with what rests on it.
        for (i, o) in store.orders()?.iter().enumerate() {
            let row = order_view(i, o, s, today);
            let mut cells: Vec<String> = row.cells.iter().map(str::to_string).collect();
            cells[1] = o.number.clone();
            let rests: Vec<String> = o
                .refs
                .iter()
                .map(|r| {
                    let year = r.year.map(|y| format!(" ({})", y.label())).unwrap_or_default();
                    format!("{}: {}{year}", r.kind.label(s), r.label)
                })
                .collect();
            cells.push(rests.join("; "));
            rows.push(marked(cells, "order", o.stored.map(|(id, _)| id)));
        }
        // «document», not «title»: an agreement's or an order's name is not an event's title
        // (the sheets and Excel headers say «Название», not «Мероприятие»).
        Ok((vec!["kind", "number", "date", "document", "parties", "term", "plan", "status", "related", "marks"], rows))
    }
}

/// The status a programme's tasks add up to: none without tasks, done when all are,
/// under way once one has begun.
pub fn programme_status(p: &crate::domain::ProgrammeRow) -> Option<EventStatus> {
    let (done, live) = p.done();
    if live == 0 {
        None
    } else if done == live {
        Some(EventStatus::Done)
    } else if p.tasks.iter().any(|t| matches!(t.status, EventStatus::InProgress | EventStatus::Done)) {
        Some(EventStatus::InProgress)
    } else {
        Some(EventStatus::Planned)
    }
}

/// A programme of the Agreements pane: its name, district, period, how many tasks are done.
pub fn programme_view(i: usize, p: &crate::domain::ProgrammeRow, s: &Strings) -> ViewRow {
    let (done, live) = p.done();
    let progress = if live == 0 { String::new() } else { format!("{done}/{live} {}", s.pg_tasks_done) };
    let status = programme_status(p).map_or("", |x| x.task_label(s));
    // A roadmap is named so; a programme otherwise.
    let kind = if fold(&p.name).starts_with("дорожная карта") { s.pg_kind_roadmap } else { s.pg_kind };
    ViewRow {
        cells: Cells::of(&[kind, "", "", &p.name, &p.district, &p.when.display_running(s), &progress, status]),
        item: Some(ItemRef::Programme(i)),
        tone: Tone::Normal,
        facets: Some(std::sync::Arc::new([
            fold(&p.district),
            String::new(),
            fold(kind),
            fold(status),
            String::new(),
            crate::orders::facet_of(&p.basis),
        ])),
    }
}

/// A task of a programme, under it: its number, deadline, text, responsible, indicator, status.
pub fn task_view(i: usize, j: usize, t: &crate::domain::TaskRow, s: &Strings, today: chrono::NaiveDate) -> ViewRow {
    let deadline = t.deadline.display();
    ViewRow {
        cells: Cells::of(&[
            &format!("  └ {}", s.pg_task),
            &format!("{}.", t.pos),
            &deadline,
            &t.text,
            &t.responsible,
            "",
            &t.indicator,
            t.status.task_label(s),
        ]),
        item: Some(ItemRef::Task(i, j)),
        tone: event_tone(t.status, t.deadline.last_day(), today),
        facets: Some(std::sync::Arc::new([
            String::new(),
            String::new(),
            fold(s.pg_task),
            fold(t.status.task_label(s)),
            fold(&t.responsible),
            String::new(),
        ])),
    }
}

/// A report of the Agreements pane: its period, title, author, how many recommendations and
/// how many of them are done.
pub fn report_doc_view(i: usize, r: &crate::domain::ReportDocRow, s: &Strings) -> ViewRow {
    let live: Vec<_> = r.recommendations.iter().filter(|x| x.status != EventStatus::Cancelled).collect();
    let done = live.iter().filter(|x| x.status == EventStatus::Done).count();
    let progress = if live.is_empty() { String::new() } else { format!("{done}/{} {}", live.len(), s.pg_tasks_done) };
    let who = [r.author.as_str(), &r.district].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(", ");
    ViewRow {
        cells: Cells::of(&[s.rep_kind, "", &r.period.display(), &r.title, &who, "", &progress, ""]),
        item: Some(ItemRef::ReportDoc(i)),
        tone: Tone::Normal,
        facets: Some(std::sync::Arc::new([
            fold(&r.district),
            String::new(),
            fold(s.rep_kind),
            String::new(),
            fold(&r.author),
            String::new(),
        ])),
    }
}

/// A report's card: its period, author, conclusions and the recommendations by addressee.
pub fn report_doc_doc(
    r: &crate::domain::ReportDocRow,
    history: &[HistoryRow],
    s: &Strings,
    today: chrono::NaiveDate,
) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_district, &r.district);
    field(&mut out, s.pg_period, &r.period.display());
    field(&mut out, s.rep_author, &r.author);
    field(&mut out, s.rep_note, &r.note);
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(format!(
        "{} ({})",
        s.rep_recommendations,
        crate::i18n::plural(r.recommendations.len(), s.forms_recommendation, s)
    )));
    let mut last: Option<&str> = None;
    for x in &r.recommendations {
        if last != Some(x.responsible.as_str()) {
            let to = if x.responsible.is_empty() { s.rep_no_addressee } else { x.responsible.as_str() };
            out.push(DocLine::Text(format!("{}: {to}", s.rep_addressee)));
            last = Some(&x.responsible);
        }
        let overdue = matches!(x.status, EventStatus::Planned | EventStatus::InProgress)
            && x.deadline.last_day().is_some_and(|d| d < today);
        let deadline = x.deadline.display();
        let deadline = if deadline.is_empty() { s.rp_no_deadline.to_string() } else { deadline };
        let mark = if overdue { format!(" ⚠ {}", s.sm_overdue) } else { String::new() };
        out.push(DocLine::Text(format!("  {}. {} — {}, {deadline}{mark}", x.number, x.text, x.status.task_label(s))));
    }
    history_lines(&mut out, s, history);
    out
}

/// A programme's card: its district, period, basis, goal and each task with its status.
pub fn programme_doc(
    p: &crate::domain::ProgrammeRow,
    history: &[HistoryRow],
    s: &Strings,
    today: chrono::NaiveDate,
) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_district, &p.district);
    field(&mut out, s.pg_period, &p.when.display_running(s));
    field(&mut out, s.pg_basis, &p.basis);
    field(&mut out, s.rk_goal, &p.goal);
    field(&mut out, s.col_note, &p.note);
    out.push(DocLine::Blank);
    let (done, live) = p.done();
    out.push(DocLine::Heading(format!("{} ({done}/{live} {})", s.pg_tasks, s.pg_tasks_done)));
    if p.tasks.is_empty() {
        out.push(DocLine::Text(s.pg_no_tasks.to_string()));
    }
    for t in &p.tasks {
        let overdue = matches!(t.status, EventStatus::Planned | EventStatus::InProgress)
            && t.deadline.last_day().is_some_and(|d| d < today);
        let mark = if overdue { format!(" ⚠ {}", s.sm_overdue) } else { String::new() };
        out.push(DocLine::Text(format!("{}. {} — {}{mark}", t.pos, t.text, t.status.task_label(s))));
        for (label, value) in [
            (s.col_responsible, t.responsible.clone()),
            (s.rk_deadline, t.deadline.display()),
            (s.pg_indicator, t.indicator.clone()),
            (s.rk_progress, t.progress.clone()),
            (s.col_note, t.note.clone()),
        ] {
            if !value.is_empty() {
                out.push(DocLine::Field(format!("   {label}"), value));
            }
        }
    }
    history_lines(&mut out, s, history);
    out
}

/// A task's card: its programme, text, responsible, deadline, indicator, status, progress.
pub fn task_doc(
    p: &crate::domain::ProgrammeRow,
    t: &crate::domain::TaskRow,
    history: &[HistoryRow],
    s: &Strings,
) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.pg_form, &p.name);
    field(&mut out, s.pg_task_title, &t.text);
    field(&mut out, s.col_status, t.status.task_label(s));
    field(&mut out, s.col_responsible, &t.responsible);
    field(&mut out, s.rk_deadline, &t.deadline.display());
    field(&mut out, s.pg_indicator, &t.indicator);
    field(&mut out, s.rk_progress, &t.progress);
    field(&mut out, s.col_note, &t.note);
    history_lines(&mut out, s, history);
    out
}

/// An order of the Agreements pane: its kind, number, date, title (or its name as the
/// documents write it), issuer and how many records rest on it.
pub fn order_view(i: usize, o: &crate::orders::OrderRow, s: &Strings, today: chrono::NaiveDate) -> ViewRow {
    let date = o.date.map(crate::text::format_date).unwrap_or_else(|| o.date_text.clone());
    // Untitled (the texts give no title): what rests on it, so that a reader sees what it is for.
    let title = match (o.title.is_empty(), o.refs.first()) {
        (false, _) | (true, None) => o.title.clone(),
        (true, Some(r)) if o.refs.len() == 1 => r.label.clone(),
        (true, Some(r)) => format!("{} (+{})", r.label, o.refs.len() - 1),
    };
    let refs = if o.refs.is_empty() { s.ord_no_refs.to_string() } else { crate::i18n::count_records(o.refs.len(), s) };
    ViewRow {
        cells: Cells::of(&[
            o.kind.label(s),
            &if o.number.is_empty() { String::new() } else { format!("№ {}", o.number) },
            &date,
            &title,
            &[o.issuer.as_str(), &o.district].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(", "),
            "",
            &refs,
            "",
        ]),
        item: Some(ItemRef::Order(i)),
        tone: if o.doubtful(today) { Tone::Overdue } else { Tone::Normal },
        facets: Some(std::sync::Arc::new([
            fold(&o.district),
            String::new(),
            fold(o.kind.label(s)),
            String::new(),
            String::new(),
            o.facet(),
        ])),
    }
}

/// "1 из 2" — how much of an agreement's joint plan is done.
pub fn plan_progress(a: &AgreementRow, s: &Strings) -> String {
    if a.plan_total == 0 {
        String::new()
    } else {
        format!("{}/{} {}", a.plan_done, a.plan_total, s.ag_plan_progress)
    }
}

/// An agreement's row: the status as of today (an ended term shows as expired), flagged when
/// the term ends within `expiring_days`.
pub fn agreement_view(
    i: usize,
    a: &AgreementRow,
    s: &Strings,
    today: chrono::NaiveDate,
    expiring_days: i64,
) -> ViewRow {
    let kind = if a.parent.is_some() { format!("  └ {}", a.kind.label(s)) } else { a.kind.label(s).to_string() };
    let status = crate::lifecycle::effective(a, today);
    let mut shown = status.label(s).to_string();
    let expiring = crate::lifecycle::expiring(a, today, expiring_days);
    if let Some(days) = expiring {
        shown = format!("⚠ {shown} {days} {}", s.ag_days);
    }
    ViewRow {
        cells: vec![
            kind.clone(),
            if a.number.is_empty() { "№ ___".into() } else { format!("№ {}", a.number) },
            a.date.clone(),
            a.title.clone(),
            a.parties.clone(),
            a.term.clone(),
            plan_progress(a, s),
            shown.clone(),
        ]
        .into(),
        item: Some(ItemRef::Agreement(i)),
        tone: if expiring.is_some() { Tone::Overdue } else { Tone::Agreement(status) },
        facets: Some(std::sync::Arc::new([
            fold(&a.parties),
            String::new(),
            fold(&kind),
            fold(&if expiring.is_some() { format!("{shown} {}", s.ag_expiring_word) } else { shown }),
            String::new(),
            String::new(),
        ])),
    }
}

/// An order's card: its particulars, what rests on it by year, and its history.
pub fn order_doc(
    o: &crate::orders::OrderRow,
    history: &[HistoryRow],
    s: &Strings,
    today: chrono::NaiveDate,
) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.ord_issuer, &o.issuer);
    field(&mut out, s.col_number, &o.number);
    let date = o.date.map(crate::text::format_date).unwrap_or_else(|| o.date_text.clone());
    field(&mut out, s.col_date, &date);
    if o.doubtful(today) {
        out.push(DocLine::Text(format!("⚠ {}", s.ord_doubt)));
    }
    field(&mut out, s.ord_title, &o.title);
    field(&mut out, s.col_district, &o.district);
    field(&mut out, s.col_note, &o.note);
    if o.stored.is_none() {
        out.push(DocLine::Text(s.ord_only_text.to_string()));
    }
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(format!("{} ({})", s.ord_rests, crate::i18n::count_records(o.refs.len(), s))));
    if o.refs.is_empty() {
        out.push(DocLine::Text(s.ord_no_refs.to_string()));
    }
    for r in &o.refs {
        let year = r.year.map(|y| format!(" · {}", y.label())).unwrap_or_default();
        out.push(DocLine::Text(format!("{}: {}{year}", r.kind.label(s), r.label)));
    }
    history_lines(&mut out, s, history);
    out
}
