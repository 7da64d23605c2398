//! Turning the store's rows into what a pane lists and what a detail view shows. Built once per
//! load or filter change, never per frame.

use super::Pane;
use crate::domain::*;
use crate::i18n::Strings;
use crate::text::fold;

/// What a listed row stands for, to open it or change its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    Cluster(i64),
    Link(usize),
    Event(usize),
    Decision(usize),
    Risk(usize),
    Indicator(usize),
    Agreement(usize),
    Uncovered(usize),
    Attention(usize),
    Diagnostic(usize),
    Change(usize),
    Network(usize),
    /// A group of people (a working group, a community).
    Group(usize),
    Order(usize),
    Programme(usize),
    /// A report (not minutes) with its recommendations.
    ReportDoc(usize),
    /// A programme's task: the programme, the task.
    Task(usize, usize),
    /// A line of the agenda.
    Agenda(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Header,
    Muted,
    Event(EventStatus),
    Overdue,
    Agreement(AgreementStatus),
}

/// A row's cells in one shared allocation: the texts one after another, apart by a unit
/// separator (a control character no stored text keeps). Shared, so that a filtered list is a
/// list of the same rows, not of copies; one allocation, not one a cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cells(std::sync::Arc<str>);

const SEP: char = '\u{1F}';

impl Cells {
    pub fn iter(&self) -> std::str::Split<'_, char> {
        self.0.split(SEP)
    }

    pub fn len(&self) -> usize {
        self.0.matches(SEP).count() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    pub fn join(&self, sep: &str) -> String {
        self.iter().collect::<Vec<_>>().join(sep)
    }
}

impl std::ops::Index<usize> for Cells {
    type Output = str;
    /// The cell `i`; a cell beyond the row's is empty.
    fn index(&self, i: usize) -> &str {
        self.iter().nth(i).unwrap_or("")
    }
}

impl Cells {
    /// The cells from borrowed texts: one string made, no copy of each cell first.
    pub fn of(cells: &[&str]) -> Cells {
        let mut text = String::with_capacity(cells.iter().map(|c| c.len() + 1).sum());
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                text.push(SEP);
            }
            if c.contains(SEP) {
                text.push_str(&c.replace(SEP, " "));
            } else {
                text.push_str(c);
            }
        }
        Cells(text.into())
    }
}

impl From<Vec<String>> for Cells {
    fn from(cells: Vec<String>) -> Cells {
        Cells::of(&cells.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

#[derive(Clone, Debug)]
pub struct ViewRow {
    pub cells: Cells,
    pub item: Option<ItemRef>,
    pub tone: Tone,
    /// Folded text per facet a filter can name ("школа:", "предмет:", "вид:", "статус:",
    /// "отв:", "приказ:"), for the rows that have them; the free words of a filter search `cells` and these.
    pub facets: Option<std::sync::Arc<[String; 6]>>,
}

/// The facet names a filter understands, in both languages, in the order of `facets`.
const FACETS: [(&str, &str); 6] = [
    ("школа", "school"),
    ("предмет", "subject"),
    ("вид", "kind"),
    ("статус", "status"),
    ("отв", "resp"),
    ("приказ", "order"),
];

impl ViewRow {
    pub(crate) fn header(title: String, width: usize) -> ViewRow {
        let mut cells = vec![String::new(); width];
        cells[0] = title;
        ViewRow { cells: cells.into(), item: None, tone: Tone::Header, facets: None }
    }
}

/// The rows of one academic year, as the store gives them.
#[derive(Default, Clone)]
pub struct YearData {
    pub clusters: Vec<ClusterRow>,
    pub links: Vec<LinkRow>,
    pub events: Vec<EventRow>,
    pub decisions: Vec<DecisionRow>,
    pub risks: Vec<RiskRow>,
    pub indicators: Vec<IndicatorRow>,
    pub diagnostics: Vec<DiagnosticRow>,
    /// What needs attention this year, as of the day the data was read.
    pub attention: Vec<crate::deficits::Attention>,
    pub agreements: Vec<AgreementRow>,
    /// The orders the records rest on, of every year (the Agreements pane).
    pub orders: Vec<crate::orders::OrderRow>,
    /// The districts' programmes and roadmaps with their tasks (the Agreements pane).
    pub programmes: Vec<crate::domain::ProgrammeRow>,
    /// The reports with their recommendations (the Agreements pane).
    pub report_docs: Vec<crate::domain::ReportDocRow>,
    /// What needs attention now, of every year (the Agenda pane).
    pub agenda: crate::agenda::Agenda,
    /// The year's networks of schools, with their members.
    pub networks: Vec<crate::store::NetworkRow>,
    /// The groups of people, of every year (the Clusters pane).
    pub groups: Vec<crate::domain::GroupRow>,
    /// The latest changes to the store, every year, newest first.
    pub log: Vec<crate::store::LogLine>,
    /// An agreement whose term ends within this many days is flagged (config `[agreements]`).
    pub expiring_days: i64,
    pub loads: Vec<crate::suggest::Load>,
    /// Schools needing a mentor this year, each with its suggested mentors, best first.
    pub uncovered: Vec<(crate::suggest::Uncovered, Vec<crate::suggest::Suggestion>)>,
    /// The store has no school or organisation at all: a district just starting.
    pub store_empty: bool,
}

impl YearData {
    /// Only the district's rows: its schools' and people's, its events, decisions and
    /// agreements (a district in focus, a district's report).
    pub fn narrow(&mut self, f: &crate::store::FocusSets) {
        for pane in Pane::ALL {
            self.narrow_part(pane, f);
        }
    }

    /// Takes one pane's fields from `from` (read for that pane alone), leaving the others;
    /// what they held is left in `from`.
    pub fn swap_part(&mut self, pane: Pane, from: &mut YearData) {
        pane.slice().take(self, from)
    }

    /// [`YearData::narrow_part`] when a district is in focus.
    pub fn narrow_to(&mut self, pane: Pane, focus: Option<&crate::store::FocusSets>) {
        if let Some(f) = focus {
            self.narrow_part(pane, f);
        }
    }

    /// Keeps of what one pane reads only the rows of the district in focus.
    pub fn narrow_part(&mut self, pane: Pane, f: &crate::store::FocusSets) {
        pane.slice().narrow(self, f)
    }
}

pub fn columns(pane: Pane, s: &Strings) -> Vec<&'static str> {
    pane.slice().columns(s)
}

fn event_tone(status: EventStatus, last_day: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> Tone {
    let open = matches!(status, EventStatus::Planned | EventStatus::InProgress);
    if open && last_day.is_some_and(|d| d < today) {
        Tone::Overdue
    } else {
        Tone::Event(status)
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

/// A link's facets: only the orders its basis cites (`приказ:285`), none for a link whose
/// basis cites no order.
pub(crate) fn link_facets(
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

/// All rows of a pane, with group headers, before filtering.
pub fn build(pane: Pane, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> Vec<ViewRow> {
    pane.slice().rows(d, s, today)
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

/// A history line's field as the screens name it.
pub fn field_label(field: &str, s: &Strings) -> String {
    match field {
        "status" => s.col_status,
        "result" => s.col_result,
        "start" | "end" | "period" | "date" => s.col_date,
        "title" => s.min_title,
        "number" => s.col_number,
        "responsible" => s.col_responsible,
        "subject" => s.col_subject,
        "deadline" => s.rk_deadline,
        "goal" => s.rk_goal,
        "goals" => s.ag_goals,
        "tasks" => s.ag_tasks,
        "measures" => s.rk_measures,
        "progress" => s.rk_progress,
        "composition" => s.gr_composition,
        "since" => s.gr_since,
        "author" => s.rep_author,
        "indicator" => s.pg_indicator,
        "kind" => s.col_kind,
        "grades" => s.col_grades,
        "host" => s.col_host,
        "teacher" => s.col_teacher,
        "participants" => s.col_participants,
        "roles" => s.col_roles,
        "teachers" => return s.hf_teachers.to_string(),
        "people" => return s.hf_people.to_string(),
        "schools" => return s.hf_schools.to_string(),
        "connections" => return s.hf_connections.to_string(),
        "teams" => return s.hf_teams.to_string(),
        "funding" => s.ev_funding,
        "expected" => s.ev_expected,
        "mentor" => s.col_mentor,
        "mentee" => s.col_mentee,
        "form" => s.col_form,
        "basis" | "basis_date" => s.col_basis,
        "place" => s.ag_place,
        "term" => s.ag_term_text,
        "signatory" => s.ag_signatory,
        "position" => s.ag_position,
        "address" => s.ag_address,
        "state" => s.hist_state,
        "role" => s.hist_role,
        "name" | "full_name" => s.hist_name,
        "merged" => s.hist_merged,
        "text" => s.hist_text,
        "time" => s.doc_time,
        "format" => s.doc_format,
        "audience" => s.doc_audience,
        "moderators" => s.doc_moderators,
        "appendices" => s.doc_appendices,
        "signed" => s.doc_signed,
        "link" => s.min_link,
        "agenda" => s.doc_agenda,
        "participant" => s.col_participants,
        "value" => s.val_value,
        "part" => s.val_part,
        "whole" => s.val_whole,
        "school" => s.col_school,
        "member" => s.hist_member,
        "model" => s.nw_model,
        "retired" => s.hist_retired,
        "short_name" => s.sc_short,
        "school_type" => s.sc_type,
        "town" => s.col_town,
        "district" => s.col_district,
        "issuer" => s.ord_issuer,
        "inn" => return "ИНН".to_string(),
        "ogrn" => return "ОГРН".to_string(),
        "phone" => s.sc_phone,
        "email" => return "e-mail".to_string(),
        "director" => s.sc_director,
        "subjects" => s.col_subject,
        "risk_level" => s.col_risk,
        "note" => s.col_basis,
        "remark" => s.col_note,
        "start_date" | "end_date" | "period_text" => s.col_date,
        other => return other.to_string(),
    }
    .trim()
    .to_lowercase()
}

/// What a history line's entity is, as the screens name it.
pub fn entity_label(entity: &str, s: &Strings) -> String {
    s.entity(entity)
}

/// A history line as words: the field, and its old and new values (statuses by their names,
/// «—» for nothing), the same on the History pane and in `nastavnik history`.
/// A mark in words: «Тема: так в документе — вероятно, «формы»».
pub fn mark_words(m: &crate::domain::Mark, s: &Strings) -> String {
    let (field, kind) = (crate::text::capitalized(&field_label(&m.field, s)), m.kind.label(s));
    if m.note.is_empty() {
        format!("{field}: {kind}")
    } else {
        format!("{field}: {kind} — {}", m.note)
    }
}

/// A card with its marks: each after the line of its field (or at the end when the card does
/// not show that field), «⚠ так в документе: …».
pub fn with_marks(mut doc: Vec<DocLine>, marks: &[crate::domain::Mark], s: &Strings) -> Vec<DocLine> {
    for m in marks {
        let label = field_label(&m.field, s);
        let line = if m.note.is_empty() {
            format!("⚠ {}", m.kind.label(s))
        } else {
            format!("⚠ {}: {}", m.kind.label(s), m.note)
        };
        let at = doc.iter().position(|d| matches!(d, DocLine::Field(l, _) if l.to_lowercase() == label));
        // A field the card gives as a heading and its text («Предмет договора», «Задачи»):
        // the mark at the end of that text.
        let under = doc.iter().position(|d| matches!(d, DocLine::Heading(h) if h.to_lowercase().starts_with(&label)));
        match (at, under) {
            (Some(i), _) => doc.insert(i + 1, DocLine::Text(format!("  {line}"))),
            (None, Some(h)) => {
                let end =
                    doc[h + 1..].iter().position(|d| !matches!(d, DocLine::Text(_))).map_or(doc.len(), |n| h + 1 + n);
                doc.insert(end, DocLine::Text(line));
            }
            (None, None) => {
                // Before the history, if the card has one.
                let end = doc
                    .iter()
                    .position(|d| matches!(d, DocLine::Heading(h) if h == s.sec_history))
                    .map_or(doc.len(), |h| h.saturating_sub(1));
                doc.insert(end, DocLine::Field(crate::text::capitalized(&label), line));
            }
        }
    }
    doc
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

/// A filter as typed: free words, and "facet:value" pairs for the rows that have facets.
struct Query {
    words: String,
    facets: Vec<(usize, String)>,
}

fn parse_query(query: &str) -> Query {
    let mut words = Vec::new();
    let mut facets = Vec::new();
    for token in query.split_whitespace() {
        if let Some((k, v)) = token.split_once(':') {
            let k = fold(k);
            if let Some(i) =
                FACETS.iter().position(|(ru, en)| !k.is_empty() && (ru.starts_with(&k) || en.starts_with(&k)))
            {
                let v = fold(v);
                if !v.is_empty() {
                    facets.push((i, v));
                }
                continue;
            }
        }
        words.push(token);
    }
    Query { words: words.join(" "), facets }
}

/// The folded text of a row that a filter searches: its cells, then its facets, each facet a
/// range of the same text (one allocation a row, not six).
#[derive(Clone, Debug, Default)]
pub struct Hay {
    pub text: String,
    facets: Option<[(u32, u32); 6]>,
}

impl Hay {
    fn facet(&self, i: usize) -> Option<&str> {
        let (a, b) = self.facets?[i];
        self.text.get(a as usize..b as usize)
    }
}

/// A row's [`Hay`]: its cells and facets folded. The row's own facets are no longer needed
/// once it is made ([`strip`]).
pub fn haystack(r: &ViewRow) -> Hay {
    let mut text = crate::text::fold_join(r.cells.iter());
    let facets = r.facets.as_ref().map(|f| {
        let mut spans = [(0u32, 0u32); 6];
        for (i, x) in f.iter().enumerate() {
            text.push(' ');
            let a = text.len() as u32;
            text.push_str(x);
            spans[i] = (a, text.len() as u32);
        }
        spans
    });
    text.shrink_to_fit();
    Hay { text, facets }
}

/// The row as a pane keeps it once its [`Hay`] is made: its facets live in the hay.
pub fn strip(mut r: ViewRow) -> ViewRow {
    r.facets = None;
    r
}

fn row_matches(hay: &Hay, q: &Query, words: &[&str]) -> bool {
    if !q.facets.is_empty() {
        if hay.facets.is_none() {
            return false;
        }
        let all = q.facets.iter().all(|(i, v)| {
            let f = hay.facet(*i).unwrap_or("");
            v.split(' ').all(|w| crate::text::word_matches(f, w))
        });
        if !all {
            return false;
        }
    }
    words.iter().all(|w| crate::text::word_matches(&hay.text, w))
}

/// Keeps the rows matching `query` (every word, any order, case and ё folded; "школа:сош3",
/// "предмет:", "вид:", "статус:", "отв:" narrow to one facet, combinable), and the group
/// headers that still have rows under them, each with the count of its rows shown. `hays` are
/// the rows' folded texts ([`haystack`]), made once with the rows.
pub fn filter(rows: &[ViewRow], hays: &[Hay], query: &str) -> Vec<ViewRow> {
    assemble(rows, &matching(rows, hays, query, None))
}

/// The positions in `rows` of the item rows `query` keeps, in order. `within` is an earlier
/// query's result that this one [`refines`]: only those rows are searched again.
pub fn matching(rows: &[ViewRow], hays: &[Hay], query: &str, within: Option<&[u32]>) -> Vec<u32> {
    let q = parse_query(query);
    let folded = fold(&q.words);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let everything = fold(query).is_empty();
    let keep = |i: usize| rows[i].item.is_some() && (everything || row_matches(&hays[i], &q, &words));
    match within {
        Some(earlier) => earlier.iter().copied().filter(|i| keep(*i as usize)).collect(),
        None => (0..rows.len()).filter(|i| keep(*i)).map(|i| i as u32).collect(),
    }
}

/// Whether every row `new` keeps is one `old` keeps, so that `new` may search `old`'s result
/// alone: each word and each facet value of `old` grown or kept in `new` at its place, more
/// words or facets only added. A word of digits matches a whole word (`7` is not in «72»),
/// so a query with one is never taken as grown from it.
pub fn refines(old: &str, new: &str) -> bool {
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let (o, n) = (parse_query(old), parse_query(new));
    let (ow, nw) = (fold(&o.words), fold(&n.words));
    let ow: Vec<&str> = ow.split(' ').filter(|w| !w.is_empty()).collect();
    let nw: Vec<&str> = nw.split(' ').filter(|w| !w.is_empty()).collect();
    ow.len() <= nw.len()
        && o.facets.len() <= n.facets.len()
        && ow.iter().zip(&nw).all(|(a, b)| !digits(a) && b.contains(a))
        && o.facets.iter().zip(&n.facets).all(|((i, a), (j, b))| {
            i == j && a.split(' ').all(|w| !digits(w)) && b.split(' ').zip(a.split(' ')).all(|(y, x)| y.contains(x))
        })
}

/// The rows shown for the item rows at `matched` (positions in `rows`, in order): each under
/// its group's header, a header with none under it left out, and the count of the rows it
/// names beside it.
pub fn assemble(rows: &[ViewRow], matched: &[u32]) -> Vec<ViewRow> {
    let mut out: Vec<ViewRow> = Vec::with_capacity(matched.len() + 16);
    let mut header: Option<usize> = None;
    // Rows under a group's heading, and of them the ones it names (a programme's tasks are
    // listed under it, not counted as programmes).
    let (mut count, mut named) = (0, 0);
    let close = |out: &mut Vec<ViewRow>, header: Option<usize>, count: usize, named: usize| {
        if let Some(h) = header {
            if count == 0 {
                out.remove(h);
            } else if named > 0 {
                let mut cells = out[h].cells.to_vec();
                cells[0] = format!("{} ({named})", cells[0]);
                out[h].cells = cells.into();
            }
        }
    };
    // The group headers (rows with no item) in order, walked beside the matched rows.
    let headers: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.item.is_none()).map(|(i, _)| i).collect();
    let mut next_header = 0;
    for &i in matched {
        let i = i as usize;
        let mut opened = false;
        while next_header < headers.len() && headers[next_header] < i {
            next_header += 1;
            opened = true;
        }
        if opened {
            close(&mut out, header, count, named);
            header = Some(out.len());
            (count, named) = (0, 0);
            out.push(rows[headers[next_header - 1]].clone());
        }
        let r = &rows[i];
        count += 1;
        named += usize::from(!matches!(r.item, Some(ItemRef::Task(..))));
        out.push(r.clone());
    }
    close(&mut out, header, count, named);
    out
}

/// One line of a detail view.
#[derive(Clone, Debug, PartialEq)]
pub enum DocLine {
    Heading(String),
    Field(String, String),
    Text(String),
    Blank,
}

fn field(out: &mut Vec<DocLine>, label: &str, value: &str) {
    if !value.is_empty() {
        out.push(DocLine::Field(label.to_string(), value.to_string()));
    }
}

/// A card's history: every change of the row, in the same words as the History pane.
pub(crate) fn history_lines(out: &mut Vec<DocLine>, s: &Strings, history: &[HistoryRow]) {
    if history.is_empty() {
        return;
    }
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(s.sec_history.to_string()));
    for h in history {
        let (field, old, new) = change_words(h, s);
        let what = if h.field == "*" { field } else { format!("{field}: {old} → {new}") };
        out.push(DocLine::Text(format!("{}  {}  {}", crate::text::format_stamp(&h.at), h.who, what)));
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

/// A protocol's heading and signature under one of its decisions: when, where, how, for whom,
/// who led it, how many connected, what is appended, who signed, and what the source says of
/// it.
pub fn protocol_lines(out: &mut Vec<DocLine>, m: &crate::domain::Minutes, s: &Strings) {
    out.push(DocLine::Blank);
    let number = if m.number.is_empty() { String::new() } else { format!(" №{}", m.number) };
    out.push(DocLine::Heading(format!("{}{number}: {}", s.doc_protocol, m.title)));
    field(out, s.doc_date, &m.date.map(crate::text::format_date).unwrap_or_default());
    field(out, s.doc_time, &m.time);
    field(out, s.doc_place, &m.place);
    let format = [m.format.as_str(), &m.link].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(" ");
    field(out, s.doc_format, &format);
    let f = &m.facts;
    field(out, s.doc_audience, &f.audience);
    field(out, s.doc_moderators, &f.moderators);
    field(out, s.doc_connections, &f.connections.map(|n| n.to_string()).unwrap_or_default());
    field(out, s.col_participants, &m.participants.join("; "));
    field(out, s.doc_appendices, &f.appendices);
    field(out, s.doc_signed, &f.signed);
    field(out, s.col_note, &f.note);
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

/// The card, and for a school nobody mentors, the mentors suggested for it with their reasons.
pub fn card_with_suggestions(c: &SchoolCard, d: &YearData, s: &Strings) -> Vec<DocLine> {
    let mut out = card_doc(c, s);
    let attention: Vec<&crate::deficits::Attention> = d.attention.iter().filter(|a| a.org() == Some(c.id)).collect();
    if !attention.is_empty() {
        // Right under the school's name and place, before its history.
        let at = out.iter().position(|l| *l == DocLine::Blank).unwrap_or(out.len());
        let mut lines = vec![DocLine::Blank, DocLine::Heading(format!("{} ({})", s.sec_attention, attention.len()))];
        lines.extend(attention.iter().map(|a| DocLine::Text(format!("⚠ {}", a.parts(s).1))));
        out.splice(at..at, lines);
    }
    if let Some((school, suggestions)) = d.uncovered.iter().find(|(u, _)| u.org == c.id) {
        out.push(DocLine::Blank);
        out.push(DocLine::Heading(format!("{} — {}", s.sec_suggestions, school.needs.join("; "))));
        if suggestions.is_empty() {
            out.push(DocLine::Text(s.no_candidates.to_string()));
        }
        for g in suggestions {
            out.push(DocLine::Text(format!("{} — {}", g.name, g.reason)));
        }
    }
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

pub fn card_doc(c: &SchoolCard, s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_district, &c.district);
    field(&mut out, s.col_town, &c.town);
    field(&mut out, s.sec_director, &c.director);
    field(&mut out, "ИНН", &c.inn);
    field(&mut out, "ОГРН", &c.ogrn);
    field(&mut out, s.sc_address, &c.address);
    field(&mut out, s.sc_phone, &c.phone);
    field(&mut out, "e-mail", &c.email);
    let section = |out: &mut Vec<DocLine>, title: &str, lines: Vec<String>| {
        out.push(DocLine::Blank);
        out.push(DocLine::Heading(format!("{title} ({})", lines.len())));
        if lines.is_empty() {
            out.push(DocLine::Text(s.none.to_string()));
        }
        out.extend(lines.into_iter().map(DocLine::Text));
    };
    section(
        &mut out,
        s.sec_staff,
        c.staff.iter().map(|(n, role)| if role.is_empty() { n.clone() } else { format!("{n} — {role}") }).collect(),
    );
    section(
        &mut out,
        s.sec_networks,
        c.networks
            .iter()
            .map(|n| {
                let model = n.model.map_or(s.nw_no_model, |m| m.label(s));
                format!("{}  {} — {model}", n.year.label(), n.name)
            })
            .collect(),
    );
    section(
        &mut out,
        s.sec_status_history,
        c.statuses
            .iter()
            .map(|(y, st, risk, note)| {
                let mut line = if risk.is_empty() { format!("{y}  {st}") } else { format!("{y}  {st}, {risk}") };
                if !note.is_empty() {
                    line.push_str(&format!(" — {note}"));
                }
                line
            })
            .collect(),
    );
    let link_line = |l: &LinkRow, other: &str| {
        let mut t = format!("{other} — {}", l.level_label(s));
        for extra in [&l.subject, &l.form] {
            if !extra.is_empty() {
                t.push_str(", ");
                t.push_str(extra);
            }
        }
        t.push_str(&format!(" ({})", l.when.display_running(s)));
        let basis = l.basis_text();
        if !basis.is_empty() {
            t.push_str(&format!("; {basis}"));
        }
        if l.basis_doubtful() {
            t.push_str(&format!(" ({})", s.basis_doubt_short));
        }
        t
    };
    // Mentors and those who support (a coordinator, a curator, a body) apart; the second
    // heading only where there is someone under it.
    for (mentoring, support, links) in
        [(s.sec_mentors, s.sec_supporters, &c.mentors), (s.sec_mentees, s.sec_supported, &c.mentees)]
    {
        let (backing, mentoring_links): (Vec<&LinkRow>, Vec<&LinkRow>) = links.iter().partition(|l| l.is_support());
        let line = |l: &&LinkRow| link_line(l, &format!("{} → {}", l.mentor, l.mentee));
        section(&mut out, mentoring, mentoring_links.iter().map(line).collect());
        if !backing.is_empty() {
            section(&mut out, support, backing.iter().map(line).collect());
        }
    }
    section(
        &mut out,
        s.sec_events,
        c.events
            .iter()
            .map(|e| {
                let mut t = format!("{}  [{}]  {}", e.when.display(), e.status.label(s), e.title);
                for extra in [&e.subject, &e.grades, &e.teacher] {
                    if !extra.is_empty() {
                        t.push_str(", ");
                        t.push_str(extra);
                    }
                }
                t
            })
            .collect(),
    );
    section(
        &mut out,
        s.sec_agreements,
        c.agreements.iter().map(|a| format!("{} — {} [{}]", a.kind.label(s), a.title, a.status.label(s))).collect(),
    );
    section(
        &mut out,
        s.sec_risks,
        c.risks
            .iter()
            .map(|r| {
                if r.progress.is_empty() {
                    r.direction.clone()
                } else {
                    format!("{} — {}", r.direction, r.progress)
                }
            })
            .collect(),
    );
    out
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

/// A group's card: its kind, district, basis, composition, members and history.
pub fn group_doc(g: &crate::domain::GroupRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.gr_kind, &g.kind);
    field(&mut out, s.col_district, &g.district);
    field(&mut out, s.col_basis, &g.basis);
    field(&mut out, s.gr_since, &g.since);
    field(&mut out, s.gr_composition, &g.composition);
    field(&mut out, s.col_note, &g.note);
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(format!("{} ({})", s.gr_members, g.members.len())));
    if g.members.is_empty() {
        out.push(DocLine::Text(s.gr_no_members.to_string()));
    }
    for (_, name, role) in &g.members {
        out.push(DocLine::Text(if role.is_empty() { name.clone() } else { format!("{name} — {role}") }));
    }
    history_lines(&mut out, s, history);
    out
}

/// A network's card: its year, district, model, members and history.
pub fn network_doc(n: &crate::store::NetworkRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.year_label, &n.year.label());
    field(&mut out, s.col_district, &n.district);
    field(&mut out, s.nw_model, n.model.map_or(s.nw_no_model, |m| m.label(s)));
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(format!("{} ({})", s.nw_members, n.members.len())));
    if n.members.is_empty() {
        out.push(DocLine::Text(s.nw_no_members.to_string()));
    }
    out.extend(n.members.iter().map(|(_, name)| DocLine::Text(name.clone())));
    history_lines(&mut out, s, history);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: Option<ItemRef>, cells: &[&str], facets: Option<[&str; 6]>) -> ViewRow {
        ViewRow {
            cells: Cells::of(cells),
            item,
            tone: Tone::Normal,
            facets: facets.map(|f| std::sync::Arc::new(f.map(fold))),
        }
    }

    /// Two groups of events: a heading, then its rows.
    fn rows() -> Vec<ViewRow> {
        let ev = |i: usize, title: &str, school: &str, kind: &str| {
            row(Some(ItemRef::Event(i)), &[title, school], Some([school, "", kind, "", "", ""]))
        };
        vec![
            row(None, &["Мероприятия"], None),
            ev(0, "Семинар по физике 7 класс", "СОШ №3", "семинар"),
            ev(1, "Семинар по химии 72 ч", "СОШ №1", "семинар"),
            ev(2, "Мастер-класс по физике", "СОШ №3", "мастер-класс"),
            row(None, &["Решения"], None),
            ev(3, "Провести семинар к сентябрю", "СОШ №1", "решение"),
        ]
    }

    fn titles(shown: &[ViewRow]) -> Vec<String> {
        shown.iter().map(|r| r.cells[0].to_string()).collect()
    }

    #[test]
    fn a_query_grown_letter_by_letter_keeps_what_a_fresh_search_keeps() {
        let all = rows();
        let hays: Vec<Hay> = all.iter().map(haystack).collect();
        let typed = [
            "",
            "с",
            "се",
            "сем",
            "семинар",
            "семинар ф",
            "семинар физ",
            "семинар физ школа:сош",
            "семинар физ школа:сош3",
        ];
        let mut earlier: Option<Vec<u32>> = None;
        for (k, q) in typed.iter().enumerate() {
            if k > 0 {
                assert!(refines(typed[k - 1], q), "«{}» → «{q}»", typed[k - 1]);
            }
            let fresh = matching(&all, &hays, q, None);
            let grown = matching(&all, &hays, q, earlier.as_deref());
            assert_eq!(grown, fresh, "«{q}»");
            earlier = Some(grown);
        }
        assert_eq!(titles(&assemble(&all, &earlier.unwrap())), ["Мероприятия (1)", "Семинар по физике 7 класс"]);
    }

    #[test]
    fn a_query_that_does_not_narrow_the_one_before_is_searched_afresh() {
        // «7» matches the word 7 only: «72» is another word, not a narrower one.
        assert!(!refines("7", "72"));
        // A letter taken back, a word changed, a word becoming a facet's name.
        assert!(!refines("семинар", "семина"));
        assert!(!refines("физ", "хим"));
        assert!(!refines("ш", "ш:сош"));
        assert!(!refines("школа:сош", "предмет:сош"));
        assert!(refines("", "школа:сош"));
        let all = rows();
        let hays: Vec<Hay> = all.iter().map(haystack).collect();
        assert_eq!(titles(&filter(&all, &hays, "72")), ["Мероприятия (1)", "Семинар по химии 72 ч"]);
        assert_eq!(titles(&filter(&all, &hays, "7")), ["Мероприятия (1)", "Семинар по физике 7 класс"]);
    }

    #[test]
    fn a_group_with_no_row_left_loses_its_heading_and_the_others_count_theirs() {
        let all = rows();
        let hays: Vec<Hay> = all.iter().map(haystack).collect();
        assert_eq!(titles(&filter(&all, &hays, "сентябр")), ["Решения (1)", "Провести семинар к сентябрю"]);
        assert_eq!(
            titles(&filter(&all, &hays, "семинар")),
            [
                "Мероприятия (2)",
                "Семинар по физике 7 класс",
                "Семинар по химии 72 ч",
                "Решения (1)",
                "Провести семинар к сентябрю"
            ]
        );
        assert!(filter(&all, &hays, "зюзюкина").is_empty());
    }
}
