//! The year's roadmap: its events, and the decisions of its meetings and reports with their
//! deadlines; the timeline is drawn from the same rows.

use super::{Hints, Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::*;
use crate::app::{App, Pane};
use crate::domain::*;
use crate::headless::marks_words;
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::{fold, AcademicYear};
use ratatui::layout::Constraint::{Fill, Length};

pub struct Roadmap;

static LAYOUT: Layout = Layout {
    // The status keeps its width ("⚠ запланировано"); the rest share what is left.
    widths: &[Fill(3), Length(15), Fill(2), Fill(7), Fill(2), Length(6), Fill(3), Fill(3)],
    // date, status, kind, title, subject, grades, host, teacher
    least: &[12, 15, 9, 26, 9, 5, 10, 12],
    give_way: &[5, 2, 4, 7, 6],
    status: Some(1),
    compact_status: true,
};

impl PaneSlice for Roadmap {
    fn name(&self) -> &'static str {
        "roadmap"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_roadmap
    }
    fn has_status(&self) -> bool {
        true
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![s.col_date, s.col_status, s.col_kind, s.col_title, s.col_subject, s.col_grades, s.col_host, s.col_teacher]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    fn fetch(&self, store: &Store, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        let y = w.year;
        d.events = store.events(y)?;
        d.decisions = store.decisions(y)?;
        super::narrow_to(self, d, f);
        d.events.shrink_to_fit();
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        use std::mem::swap;
        swap(&mut d.events, &mut from.events);
        swap(&mut d.decisions, &mut from.decisions);
    }

    fn narrow(&self, d: &mut YearData, f: &FocusSets) {
        d.events.retain(|e| f.events.contains(&e.id));
        d.decisions.retain(|x| f.decisions.contains(&x.id));
    }

    fn rows(&self, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> Vec<ViewRow> {
        let width = self.columns(s).len();
        let mut out = Vec::new();
        if !d.events.is_empty() {
            out.push(ViewRow::header(s.sec_events.to_string(), width));
        }
        for (i, e) in d.events.iter().enumerate() {
            out.push(event_view(i, e, s, today));
        }
        if !d.decisions.is_empty() {
            out.push(ViewRow::header(s.sec_decisions.to_string(), width));
        }
        for (i, x) in d.decisions.iter().enumerate() {
            out.push(decision_view(i, x, s, today));
        }
        out
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        match item {
            ItemRef::Event(i) => {
                let e = app.data.events[i].clone();
                let h = app.report(app.store.history("event", e.id))?;
                Some((e.title.clone(), event_doc(&e, &h, s)))
            }
            ItemRef::Decision(i) => {
                let x = app.data.decisions[i].clone();
                let h = app.report(app.store.history("decision", x.id))?;
                // A decision of a meeting: the protocol's heading beneath it (`m` corrects it).
                let minutes = match x.of_report {
                    true => None,
                    false => {
                        let m = app.store.meeting_of_decision(x.id).and_then(|m| app.store.minutes(m));
                        Some(app.report(m)?)
                    }
                };
                let doc = decision_doc(&x, minutes.as_ref(), &h, s);
                Some((format!("{}: {} {}", s.col_decision, x.meeting, x.number), doc))
            }
            _ => None,
        }
    }

    fn reread(&self, app: &mut App, item: ItemRef) -> Option<Result<ViewRow, StoreError>> {
        let (s, today) = (app.s, app.today);
        match item {
            ItemRef::Event(i) => {
                let id = app.data.events.get(i)?.id;
                Some(app.store.event(id).map(|mut e| {
                    // The list's participants are already known; keep them.
                    e.participants = std::mem::take(&mut app.data.events[i].participants);
                    let row = event_view(i, &e, s, today);
                    app.data.events[i] = e;
                    row
                }))
            }
            ItemRef::Decision(i) => match app.store.decisions(app.year) {
                Ok(d) if i < d.len() => {
                    app.data.decisions = d;
                    Some(Ok(decision_view(i, &app.data.decisions[i], s, today)))
                }
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            },
            _ => None,
        }
    }

    fn act(&self, app: &mut App, action: Action) -> bool {
        match action {
            Action::New => app.new_event(),
            Action::Edit => match app.selected_item() {
                Some(ItemRef::Decision(i)) => app.edit_decision(i),
                _ => app.open_event(false),
            },
            Action::CopyEvent => app.open_event(true),
            Action::Delete => app.ask_delete_event(),
            Action::SetStatus(st) => app.set_status_key(st),
            Action::Minutes => match app.selected_item() {
                Some(ItemRef::Decision(i)) => app.edit_meeting_of(i),
                _ => app.new_minutes(),
            },
            _ => return false,
        }
        true
    }

    fn owns(&self, action: Action) -> bool {
        matches!(
            action,
            Action::SetStatus(_)
                | Action::Timeline
                | Action::ZoomIn
                | Action::ZoomOut
                | Action::Today
                | Action::RowsBySchool
                | Action::Minutes
                | Action::CopyEvent
                | Action::Delete
        )
    }

    fn hints(&self, app: &App, h: &mut Hints) -> bool {
        let s = app.s;
        let k = |a| super::key(app, a);
        h.push((
            format!(
                "{}/{}/{}/{}/{}",
                k(Action::SetStatus(EventStatus::Planned)),
                k(Action::SetStatus(EventStatus::InProgress)),
                k(Action::SetStatus(EventStatus::Done)),
                k(Action::SetStatus(EventStatus::Postponed)),
                k(Action::SetStatus(EventStatus::Cancelled))
            ),
            s.hint_status,
        ));
        if app.timeline_on() {
            // The timeline's own keys first; the rest are in help.
            h.truncate(1);
            h.push((k(Action::Timeline), s.hint_list));
            h.push(("←→".into(), s.hint_scroll));
            h.push((format!("{}{}", k(Action::ZoomIn), k(Action::ZoomOut)), s.hint_zoom));
            h.push((k(Action::Today), s.hint_today));
            h.push((k(Action::RowsBySchool), s.hint_rows));
            h.push((k(Action::Quit), s.hint_quit));
            return true;
        }
        h.push((k(Action::Undo), s.hint_undo));
        h.push((k(Action::Minutes), s.hint_minutes));
        h.push((k(Action::Timeline), s.hint_timeline));
        false
    }

    fn records(&self, store: &Store, year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        let (event_marks, decision_marks) = (store.marks_of("event")?, store.marks_of("decision")?);
        let mut rows: Vec<Vec<String>> = store
            .events(year)?
            .into_iter()
            .map(|e| {
                let marked = marks_words(event_marks.get(&e.id), s);
                let n = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
                let t = e.turnout;
                vec![
                    "event".into(),
                    e.when.display(),
                    e.time,
                    e.format,
                    e.status.label(s).to_string(),
                    e.kind,
                    e.title,
                    e.subject,
                    e.grades,
                    e.host_school,
                    e.teacher,
                    e.responsible,
                    e.result,
                    n(t.teachers),
                    n(t.people),
                    n(t.schools),
                    n(t.connections),
                    n(t.teams),
                    e.details.iter().map(|t| t.line(s)).collect::<Vec<_>>().join("; "),
                    e.note,
                    marked,
                ]
            })
            .collect();
        rows.extend(store.decisions(year)?.into_iter().map(|x| {
            let marked = marks_words(decision_marks.get(&x.id), s);
            vec![
                if x.of_report { "recommendation" } else { "decision" }.into(),
                x.deadline.display(),
                String::new(),
                String::new(),
                x.status.task_label(s).to_string(),
                if x.of_report { s.ent_recommendation.to_string() } else { s.col_decision.to_lowercase() },
                x.text,
                String::new(),
                String::new(),
                x.meeting,
                String::new(),
                x.responsible,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                marked,
            ]
        }));
        Ok((
            vec![
                "type",
                "date",
                "time",
                "format",
                "status",
                "kind",
                "title",
                "subject",
                "grades",
                "host_school",
                "teacher",
                "responsible",
                "result",
                "teachers",
                "people",
                "schools",
                "connections",
                "teams",
                "roles",
                "note",
                "marks",
            ],
            rows,
        ))
    }
}

pub fn event_view(i: usize, e: &EventRow, s: &Strings, today: chrono::NaiveDate) -> ViewRow {
    // A value of it marked as written or doubtful: «⚠» before its title, the mark in its card.
    let marked;
    let title = if e.marked {
        marked = format!("⚠ {}", e.title);
        marked.as_str()
    } else {
        e.title.as_str()
    };
    ViewRow {
        cells: Cells::of(&[
            &e.when.display(),
            e.status.label(s),
            &e.kind,
            title,
            &e.subject,
            &e.grades,
            &e.host_short,
            &e.teacher,
        ]),
        item: Some(ItemRef::Event(i)),
        tone: if e.proposal { Tone::Muted } else { event_tone(e.status, e.when.last_day(), today) },
        facets: Some(std::sync::Arc::new([
            crate::text::fold_join([e.host_school.as_str(), &e.host_short, &e.participants]),
            fold(&e.subject),
            fold(&e.kind),
            fold(e.status.label(s)),
            crate::text::fold_join([e.responsible.as_str(), &e.teacher]),
            crate::orders::facet_of(&e.note),
        ])),
    }
}

pub fn decision_view(i: usize, x: &DecisionRow, s: &Strings, today: chrono::NaiveDate) -> ViewRow {
    ViewRow {
        cells: vec![
            Some(x.deadline.display()).filter(|d| !d.is_empty()).unwrap_or_else(|| s.none.to_string()),
            x.status.task_label(s).to_string(),
            if x.of_report { s.ent_recommendation.to_string() } else { s.col_decision.to_lowercase() },
            format!("{}. {}", x.number, x.text),
            String::new(),
            String::new(),
            x.meeting.clone(),
            x.responsible.clone(),
        ]
        .into(),
        item: Some(ItemRef::Decision(i)),
        tone: event_tone(x.status, x.deadline.last_day(), today),
        facets: Some(std::sync::Arc::new([
            fold(&format!("{} {}", x.meeting, x.text)),
            String::new(),
            fold(if x.of_report { s.ent_recommendation } else { s.col_decision }),
            fold(x.status.task_label(s)),
            fold(&x.responsible),
            String::new(),
        ])),
    }
}

pub fn event_doc(e: &EventRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_date, &e.when.display());
    field(&mut out, s.doc_time, &e.time);
    field(&mut out, s.doc_format, &e.format);
    field(&mut out, s.col_status, e.status.label(s));
    if e.proposal {
        out.push(DocLine::Text(s.ev_proposal.to_string()));
    }
    field(&mut out, s.col_kind, &e.kind);
    field(&mut out, s.col_subject, &e.subject);
    field(&mut out, s.col_grades, &e.grades);
    field(&mut out, s.col_host, &e.host_school);
    field(&mut out, s.col_teacher, &e.teacher);
    field(&mut out, s.col_participants, &e.participants);
    field(&mut out, s.col_turnout, &e.turnout.display(s));
    let roles: Vec<String> = e.details.iter().map(|t| t.line(s)).collect();
    field(&mut out, s.col_roles, &roles.join("; "));
    field(&mut out, s.col_responsible, &e.responsible);
    field(&mut out, s.col_result, &e.result);
    field(&mut out, s.col_district, &e.district);
    field(&mut out, s.col_note, &e.note);
    field(
        &mut out,
        s.col_changed,
        &format!("{} {}", crate::text::format_stamp(&e.stamp.changed_at), e.stamp.changed_by),
    );
    history_lines(&mut out, s, history);
    out
}

pub fn decision_doc(
    x: &DecisionRow,
    minutes: Option<&crate::domain::Minutes>,
    history: &[HistoryRow],
    s: &Strings,
) -> Vec<DocLine> {
    let mut out = vec![DocLine::Text(x.text.clone()), DocLine::Blank];
    field(&mut out, s.col_deadline, &x.deadline.display());
    field(&mut out, if x.of_report { s.rep_addressee } else { s.col_responsible }, &x.responsible);
    field(&mut out, s.col_status, x.status.task_label(s));
    field(&mut out, s.col_basis, &x.meeting);
    field(
        &mut out,
        s.col_changed,
        &format!("{} {}", crate::text::format_stamp(&x.stamp.changed_at), x.stamp.changed_by),
    );
    if let Some(m) = minutes {
        protocol_lines(&mut out, m, s);
    }
    history_lines(&mut out, s, history);
    out
}

/// A colleague's changes to events of the year taken into the Roadmap's rows as they are:
/// each changed event read alone and its row taken out, or put where the year's list has it
/// (a new event, a moved one), nothing else read or built again. False when the rows cannot
/// be mended so (the list had no event, or has none left): then the year is read again.
pub(in crate::app) fn apply_events(app: &mut App, ids: &[i64]) -> Result<bool, StoreError> {
    let pane = Pane::Roadmap;
    // Not read yet: it is read when it is opened.
    if app.unread[pane.index()] {
        return Ok(true);
    }
    let (s, today, y) = (app.s, app.today, app.year);
    // The order and the range of `Store::events`.
    let order = |e: &EventRow| (e.when.start, e.when.end.or(e.when.start), e.id);
    let in_year = |e: &EventRow| {
        e.when.start.is_some_and(|d| d <= y.end()) && e.when.end.or(e.when.start).is_some_and(|d| d >= y.start())
    };
    let keep = app.selected_key(pane);
    // Each event's row stands for its place in the list: the rows after a place taken out or
    // put in stand for the next or the previous one.
    let shift = |all: &mut [ViewRow], from: usize, up: bool| {
        for r in all {
            if let Some(ItemRef::Event(j)) = &mut r.item {
                if *j >= from {
                    *j = if up { *j + 1 } else { *j - 1 };
                }
            }
        }
    };
    for &id in ids {
        let fresh = app.store.find_event(id)?.filter(in_year);
        let view = &mut app.views[pane.index()];
        let events = &mut app.data.events;
        if let Some(p) = events.iter().position(|e| e.id == id) {
            let Some(at) = view.all.iter().position(|r| r.item == Some(ItemRef::Event(p))) else {
                return Ok(false);
            };
            view.all.remove(at);
            view.hays.remove(at);
            events.remove(p);
            shift(&mut view.all, p + 1, false);
        }
        if events.is_empty() {
            return Ok(false);
        }
        if let Some(e) = fresh {
            let q = events.partition_point(|x| order(x) < order(&e));
            let next = view.all.iter().position(|r| r.item == Some(ItemRef::Event(q)));
            let at = match next {
                Some(at) => at,
                None => {
                    let last = q.checked_sub(1).map(ItemRef::Event);
                    match view.all.iter().position(|r| r.item.is_some() && r.item == last) {
                        Some(at) => at + 1,
                        None => return Ok(false),
                    }
                }
            };
            shift(&mut view.all, q, true);
            let row = event_view(q, &e, s, today);
            view.hays.insert(at, haystack(&row));
            view.all.insert(at, strip(row));
            events.insert(q, e);
        }
    }
    app.views[pane.index()].matched.clear();
    app.refilter_keeping(pane, keep);
    Ok(true)
}
