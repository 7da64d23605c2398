//! Domain types and rules. No SQL and no terminal here.

use crate::i18n::Strings;
use crate::lookup::Entity;
use crate::text::{format_date, AcademicYear};
use chrono::NaiveDate;
use serde::Serialize;

/// Declares a status enum stored as a short code, labelled from the string catalogue.
macro_rules! coded_enum {
    ($name:ident { $($variant:ident = $code:literal => $label:ident),+ $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn from_code(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
            pub fn label(self, s: &Strings) -> &'static str {
                match self { $($name::$variant => s.$label),+ }
            }
        }
    };
}

coded_enum!(EventStatus {
    Planned = "planned" => st_planned,
    InProgress = "in_progress" => st_in_progress,
    Done = "done" => st_done,
    Postponed = "postponed" => st_postponed,
    Cancelled = "cancelled" => st_cancelled,
});

impl EventStatus {
    /// The state of a decision, a recommendation or a programme — work to be done, not an
    /// event to be held: «в работе», «выполнено».
    pub fn task_label(self, s: &Strings) -> &'static str {
        match self {
            EventStatus::Planned => s.tk_planned,
            EventStatus::InProgress => s.tk_in_progress,
            EventStatus::Done => s.tk_done,
            EventStatus::Postponed => s.tk_postponed,
            EventStatus::Cancelled => s.tk_cancelled,
        }
    }
}

coded_enum!(AgreementStatus {
    Draft = "draft" => ag_draft,
    Approval = "approval" => ag_approval,
    Signed = "signed" => ag_signed,
    InForce = "in_force" => ag_in_force,
    Expired = "expired" => ag_expired,
    Terminated = "terminated" => ag_terminated,
});

coded_enum!(MarkKind {
    AsWritten = "as_written" => mk_as_written,
    Doubtful = "doubtful" => mk_doubtful,
});

/// A value of a record marked: as the source writes it, or doubtful, with a word on why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    /// The field as history names it («title», «start», «basis»).
    pub field: String,
    pub kind: MarkKind,
    pub note: String,
}

/// The fields of a record that can be marked, by the names history gives them.
pub fn markable(entity: &str) -> &'static [&'static str] {
    match entity {
        "event" => &[
            "title",
            "start",
            "time",
            "format",
            "subject",
            "grades",
            "host",
            "teacher",
            "participants",
            "responsible",
            "result",
            "note",
        ],
        "decision" => &["text", "deadline", "responsible"],
        "mentoring_link" => &["mentor", "mentee", "subject", "form", "start", "basis"],
        "agreement" => &["number", "title", "subject", "date", "term", "goals", "tasks", "place"],
        "risk" => &["direction", "goal", "measures", "progress", "deadline"],
        "programme" => &["name", "start", "basis", "goal"],
        "programme_task" => &["text", "responsible", "deadline", "indicator", "progress"],
        "group" => &["name", "kind", "basis", "composition", "since"],
        "report" => &["title", "start", "author"],
        "order" => &["issuer", "number", "date", "title"],
        _ => &[],
    }
}

coded_enum!(OrgKind {
    School = "school" => kind_school,
    Body = "body" => kind_body,
});

coded_enum!(LinkLevel {
    SchoolSchool = "school_school" => lvl_school_school,
    PersonSchool = "person_school" => lvl_person_school,
    PersonPerson = "person_person" => lvl_person_person,
});

coded_enum!(NetworkModel {
    Distributed = "distributed" => model_distributed,
    ResourceConcentrated = "resource" => model_resource,
});

impl NetworkModel {
    /// The model as typed: «распределённая», «ресурсная …», their English names; `Ok(None)`
    /// for nothing, `Err` for a word that is neither.
    pub fn read(text: &str) -> Result<Option<NetworkModel>, NotAModel> {
        let t = crate::text::fold(text);
        if t.is_empty() {
            Ok(None)
        } else if t.starts_with("распред") || t.starts_with("distrib") {
            Ok(Some(NetworkModel::Distributed))
        } else if t.starts_with("ресурс") || t.starts_with("resource") {
            Ok(Some(NetworkModel::ResourceConcentrated))
        } else {
            Err(NotAModel)
        }
    }
}

/// A word that names no network model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAModel;

coded_enum!(AgreementKind {
    Framework = "framework" => ag_kind_framework,
    Additional = "additional" => ag_kind_additional,
});

/// Where a cluster status is listed: the low-result clusters first, then the project
/// participants, then the network's members and its mentors; statuses not known here last.
pub fn cluster_rank(status: &str) -> usize {
    const ORDER: &[&str] = &[
        "шнор",
        "шнро",
        "шфнсу",
        "шфзр",
        "шсрнр",
        "участник проекта 500",
        "участник сетевого взаимодействия",
        "школа наставник",
        "школа лидер",
        "ресурсный центр",
        "стажировочная площадка",
    ];
    let f = crate::text::fold(status);
    ORDER.iter().position(|o| f.starts_with(o)).unwrap_or(ORDER.len())
}

/// The clusters of schools that need a mentor: low results, unfavourable conditions, risk.
pub fn is_weak_cluster(status: &str) -> bool {
    cluster_rank(status) <= 4
}

/// A date or a period, kept both as dates (for sorting and the timeline) and as the words a
/// document used ("в течение 2021-2022 учебного года"), which are what the user sees.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct When {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub text: Option<String>,
}

impl When {
    pub fn day(d: NaiveDate) -> Self {
        When { start: Some(d), end: None, text: None }
    }
    pub fn period(start: NaiveDate, end: NaiveDate, text: &str) -> Self {
        When { start: Some(start), end: Some(end), text: Some(text.to_string()) }
    }
    pub fn display(&self) -> String {
        if let Some(t) = &self.text {
            return t.clone();
        }
        match (self.start, self.end) {
            (Some(s), Some(e)) if s != e => format!("{}–{}", format_date(s), format_date(e)),
            (Some(s), _) => format_date(s),
            _ => String::new(),
        }
    }
    /// A period that runs until it is ended (a mentoring link): a start alone reads «с
    /// 01.09.2023», not as one day.
    pub fn display_running(&self, s: &crate::i18n::Strings) -> String {
        match (&self.text, self.start, self.end) {
            (None, Some(start), None) => format!("{} {}", s.period_from, format_date(start)),
            _ => self.display(),
        }
    }
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end.or(self.start)
    }
    pub fn overlaps(&self, year: AcademicYear) -> bool {
        match (self.start, self.last_day()) {
            (Some(s), Some(e)) => s <= year.end() && e >= year.start(),
            _ => false,
        }
    }
}

/// Who changed a row and when; every editable row carries it with its version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stamp {
    pub version: i64,
    pub changed_by: String,
    pub changed_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClusterRow {
    pub org_id: i64,
    pub school: String,
    pub district: String,
    pub town: String,
    pub status: String,
    pub risk_level: String,
    /// No longer in the network: kept, shown dimmed, out of the pickers.
    pub retired: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkRow {
    pub id: i64,
    pub basis_date: Option<NaiveDate>,
    pub stamp: Stamp,
    pub level: LinkLevel,
    pub mentor_ref: crate::lookup::Entity,
    pub mentee_ref: crate::lookup::Entity,
    pub mentor: String,
    pub mentee: String,
    pub subject: String,
    pub form: String,
    pub when: When,
    pub basis: String,
    pub active: bool,
    /// The mentor is a body (МКУ ЦРО, a committee), not a school.
    pub mentor_body: bool,
    /// The mentor is a person whose position names them a coordinator or a curator, not a
    /// mentor («муниципальный координатор»): "coordinator", "curator" or empty.
    pub mentor_role: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub when: When,
    pub status: EventStatus,
    pub kind: String,
    pub title: String,
    pub subject: String,
    pub grades: String,
    pub host_school: String,
    /// The host's short name ("СОШ №3"), for narrow columns.
    pub host_short: String,
    pub teacher: String,
    pub participants: String,
    pub responsible: String,
    pub result: String,
    pub district: String,
    pub stamp: Stamp,
    pub note: String,
    /// How it is held and at what time, as written; empty for most events.
    pub format: String,
    pub time: String,
    /// One of its values is marked as written in the source or doubtful (`!`).
    pub marked: bool,
    /// A row of the joint plan of an agreement not signed (a draft, one under approval, a
    /// template's sample) or terminated: a proposal, no one's commitment — never overdue.
    pub proposal: bool,
    /// How many took part, as numbers.
    pub turnout: crate::turnout::Turnout,
    /// The schools whose part is more than being on the list (a winner, a co-organiser, a
    /// count of their own), by short name; empty for most events.
    pub details: Vec<crate::turnout::Taking>,
}

impl LinkRow {
    /// The kind of link as a reader names it: a body supporting a school is «организация →
    /// школа», not «школа → школа».
    pub fn level_label(&self, s: &Strings) -> &'static str {
        match (self.level, self.mentor_role.as_str()) {
            (LinkLevel::SchoolSchool, _) if self.mentor_body => s.lvl_org_school,
            (LinkLevel::PersonSchool, "coordinator") => s.lvl_coordinator_school,
            (LinkLevel::PersonSchool, "curator") => s.lvl_curator_school,
            (level, _) => level.label(s),
        }
    }

    /// A link of support, not of mentoring: a body, a municipal coordinator or a curator on
    /// the mentor's side.
    pub fn is_support(&self) -> bool {
        self.mentor_body || matches!(self.mentor_role.as_str(), "coordinator" | "curator")
    }

    /// The order a link rests on, with its date: "приказ № 285 от 29.03.2022".
    /// The document it rests on is dated after the link began («приказ … от 27.12.2029» for a
    /// link of 2021): held as written, and said to be a likely misprint of the source.
    pub fn basis_doubtful(&self) -> bool {
        let Some(start) = self.when.start else { return false };
        let dates = self.basis.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter_map(crate::text::parse_date);
        self.basis_date.into_iter().chain(dates).any(|d| d > start)
    }

    pub fn basis_text(&self) -> String {
        match self.basis_date {
            Some(d) if !self.basis.is_empty() => format!("{} от {}", self.basis, format_date(d)),
            Some(d) => format_date(d),
            None => self.basis.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionRow {
    pub id: i64,
    /// A recommendation of a report, not a decision of a meeting.
    pub of_report: bool,
    pub meeting: String,
    pub number: i64,
    pub text: String,
    pub deadline: When,
    pub responsible: String,
    pub status: EventStatus,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskRow {
    pub id: i64,
    pub org: i64,
    pub school: String,
    pub district: String,
    pub district_id: Option<i64>,
    pub year: i32,
    pub direction: String,
    pub programme: String,
    /// Progress notes ("3 staff hired: speech therapist, psychologist, organiser").
    pub progress: String,
    pub goal: String,
    pub measures: String,
    pub responsible: String,
    pub deadline: Option<NaiveDate>,
    pub status: EventStatus,
    pub stamp: Stamp,
}

/// One value of an indicator in a year, with what it is measured against.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorRow {
    pub id: i64,
    /// The value's row; `None` for a district's share rolled up from its schools.
    pub value_id: Option<i64>,
    /// The school or district the value is of.
    pub owner: String,
    pub org: Option<i64>,
    pub district_id: Option<i64>,
    pub name: String,
    pub unit: String,
    /// Target and actual as shown ("100%", "50,4%", "да").
    pub target: String,
    pub period: String,
    pub actual: String,
    pub kind: crate::deficits::Kind,
    pub target_num: Option<f64>,
    pub actual_num: Option<f64>,
    /// When the target is to be reached.
    pub deadline: Option<NaiveDate>,
    pub lower_is_better: bool,
    /// The counts of a school value (part of whole), and for a district row rolled up from its
    /// schools, how many schools it is made of.
    pub part: Option<f64>,
    pub whole: Option<f64>,
    pub rolled_from: usize,
    /// No later value of it (a later year, or entered later in the same year): this is the
    /// value its deadline is judged by.
    pub latest: bool,
}

/// A school that came into or left a low-results list since the year before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterChange {
    pub org: i64,
    pub school: String,
    pub district: Option<i64>,
    pub status: String,
    pub came_in: bool,
}

/// A round of the diagnostics of teachers' professional deficits at a school (or, when only
/// the district's shares are known, for the district).
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticRow {
    pub id: i64,
    pub org: Option<i64>,
    pub district_id: Option<i64>,
    pub owner: String,
    pub round: String,
    pub teachers: Option<f64>,
    pub diagnosed: Option<f64>,
    pub with_programme: Option<f64>,
    pub trained: Option<f64>,
    /// The numbers are shares of all teachers, in per cent, not counts.
    pub in_percent: bool,
    pub items: Vec<DiagnosticItem>,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct DiagnosticItem {
    /// `course`, `deficit` or `vacancy`.
    pub kind: String,
    pub label: String,
    pub count: Option<f64>,
    pub in_percent: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgreementRow {
    pub id: i64,
    pub kind: AgreementKind,
    pub number: String,
    pub date: String,
    pub title: String,
    pub parties: String,
    pub term: String,
    pub status: AgreementStatus,
    pub parent: Option<i64>,
    pub stamp: Stamp,
    /// What the agreement is about (its first section).
    pub subject: String,
    /// The day it was signed, as a date (`date` is the same, printed).
    pub signed_on: Option<NaiveDate>,
    /// Its term: from, to (an additional agreement without its own end runs as long as the
    /// agreement it amends), and the term as written.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub place: String,
    pub goals: String,
    pub tasks: String,
    /// Rows of its joint plan (its own and its additional agreements'), not counting cancelled
    /// ones, and how many of them are done.
    pub plan_total: i64,
    pub plan_done: i64,
}

/// An agreement as its form edits it.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize, Serialize)]
pub struct AgreementFields {
    pub title: String,
    pub number: String,
    pub date: Option<NaiveDate>,
    pub place: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub term_text: String,
    pub subject: String,
    pub goals: String,
    pub tasks: String,
    pub parties: Vec<PartyRow>,
}

/// A party to an agreement, as its card and its document show it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct PartyRow {
    pub id: i64,
    pub org: Option<i64>,
    /// The school's full name, or the name typed for a party that is not in the store.
    pub name: String,
    pub short: String,
    pub signatory: String,
    pub position: String,
    pub basis: String,
    pub address: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanItem {
    pub number: i64,
    pub event: String,
    pub dates: String,
    pub responsible: String,
    pub funding: String,
    pub result: String,
    /// The roadmap event this row is, its status, and what came of it (the plan's `result`
    /// is the result expected).
    pub event_id: Option<i64>,
    pub status: Option<EventStatus>,
    pub outcome: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Appendix {
    pub number: i64,
    pub title: String,
    pub items: Vec<PlanItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HistoryRow {
    pub at: String,
    pub who: String,
    pub entity: String,
    pub entity_id: i64,
    pub field: String,
    pub old: String,
    pub new: String,
}

/// An event as the form edits it: every field a coordinator can set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFields {
    pub kind: String,
    pub title: String,
    pub subject: String,
    pub grades: String,
    pub when: When,
    pub host_org: Option<(i64, String)>,
    pub host_person: Option<(i64, String)>,
    pub participants: Vec<(i64, String)>,
    pub responsible: String,
    pub funding: String,
    pub expected_result: String,
    pub result: String,
    /// What the event rests on or what the source says of it: «приказ МКУ ЦРО от 26.04.2022
    /// № 56», «так в отчёте».
    pub note: String,
    /// How it is held («очно», «онлайн», «ВКС») and at what time («15.00–16.00»), as written.
    pub format: String,
    pub time: String,
    pub turnout: crate::turnout::Turnout,
    /// What the participants with more than a name on the list were (by full name).
    pub details: Vec<crate::turnout::Taking>,
}

/// What a protocol's heading and signature say beyond its date, time, place and format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProtocolFacts {
    /// Who the meeting was for, as the protocol says («заместители директоров ОУ»).
    pub audience: String,
    /// Who led it, as written («Васинова Н.Д., Левина О.А., методисты …»).
    pub moderators: String,
    /// «Количество подключений: 25».
    pub connections: Option<u32>,
    /// What is appended to the protocol, as written («презентации по темам …»).
    pub appendices: String,
    /// Who signed it, with their position («Методист МО Васинова Н.Д.»).
    pub signed: String,
    /// What the source says of the protocol itself: a conflict of its dates, an inference.
    pub note: String,
}

/// A meeting's minutes, as the protocol document lists them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Minutes {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub time: String,
    pub format: String,
    pub link: String,
    pub place: String,
    pub district: String,
    #[serde(flatten)]
    pub facts: ProtocolFacts,
    pub participants: Vec<String>,
    /// Each item: what was on the agenda, who was heard, what they said.
    pub agenda: Vec<(String, String, String)>,
    pub decisions: Vec<DecisionRow>,
}

/// Everything the card of one school shows.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SchoolCard {
    pub id: i64,
    pub name: String,
    pub district: String,
    pub town: String,
    pub director: String,
    /// ИНН, ОГРН, address, phone, e-mail, as the directory holds them (empty: not known).
    pub inn: String,
    pub ogrn: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The people of the organisation: ФИО and position or roles.
    pub staff: Vec<(String, String)>,
    /// By year: the status, the category of under-performance, and what it rests on (a note).
    pub statuses: Vec<(String, String, String, String)>,
    pub mentors: Vec<LinkRow>,
    pub mentees: Vec<LinkRow>,
    pub events: Vec<EventRow>,
    pub agreements: Vec<AgreementRow>,
    pub risks: Vec<RiskRow>,
    /// The networks it is a member of, every year.
    pub networks: Vec<NetworkRow>,
}

/// A network of schools of one academic year and district.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkRow {
    pub id: i64,
    pub district_id: i64,
    pub district: String,
    pub year: crate::text::AcademicYear,
    pub model: Option<NetworkModel>,
    pub name: String,
    /// The member schools, by name.
    pub members: Vec<(i64, String)>,
    pub version: i64,
}

/// A mentoring link as typed into the form, before it is checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct LinkDraft {
    pub mentor: Option<(Entity, String)>,
    pub mentee: Option<(Entity, String)>,
    pub subject: String,
    pub form: String,
    pub start: String,
    pub end: String,
    pub basis: String,
    pub basis_date: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkField {
    Mentor,
    Mentee,
    Subject,
    Form,
    Start,
    End,
    Basis,
    BasisDate,
}

impl LinkField {
    pub const ALL: [LinkField; 8] = [
        LinkField::Mentor,
        LinkField::Mentee,
        LinkField::Subject,
        LinkField::Form,
        LinkField::Start,
        LinkField::End,
        LinkField::Basis,
        LinkField::BasisDate,
    ];
    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            LinkField::Mentor => s.col_mentor,
            LinkField::Mentee => s.col_mentee,
            LinkField::Subject => s.col_subject,
            LinkField::Form => s.col_form,
            LinkField::Start => s.fld_start,
            LinkField::End => s.fld_end,
            LinkField::Basis => s.fld_basis,
            LinkField::BasisDate => s.fld_basis_date,
        }
    }
    pub fn is_pick(self) -> bool {
        matches!(self, LinkField::Mentor | LinkField::Mentee)
    }
}

/// A checked link: the level follows from who mentors whom.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidLink {
    pub level: LinkLevel,
    pub mentor: Entity,
    pub mentee: Entity,
    pub subject: String,
    pub form: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub basis: String,
    pub basis_date: Option<NaiveDate>,
}

/// Checks a draft; every problem comes with the field it belongs to.
pub fn validate_link(d: &LinkDraft, s: &Strings) -> Result<ValidLink, Vec<(LinkField, &'static str)>> {
    let mut errors = Vec::new();
    let date = |text: &str, field: LinkField, errors: &mut Vec<(LinkField, &'static str)>| {
        if text.trim().is_empty() {
            return None;
        }
        let d = crate::text::parse_date(text);
        if d.is_none() {
            errors.push((field, crate::text::date_error(text, s)));
        }
        d
    };
    let start = date(&d.start, LinkField::Start, &mut errors);
    let end = date(&d.end, LinkField::End, &mut errors);
    let basis_date = date(&d.basis_date, LinkField::BasisDate, &mut errors);
    if let (Some(a), Some(b)) = (start, end) {
        if b < a {
            errors.push((LinkField::End, s.err_end_before));
        }
    }
    if d.start.trim().is_empty() {
        errors.push((LinkField::Start, s.err_required));
    }
    let mentor = d.mentor.as_ref().map(|m| m.0);
    let mentee = d.mentee.as_ref().map(|m| m.0);
    if mentor.is_none() {
        errors.push((LinkField::Mentor, s.err_required));
    }
    if mentee.is_none() {
        errors.push((LinkField::Mentee, s.err_required));
    }
    let level = match (mentor, mentee) {
        (Some(a), Some(b)) if a == b => {
            errors.push((LinkField::Mentee, s.err_self));
            None
        }
        (Some(Entity::Org(_)), Some(Entity::Org(_))) => Some(LinkLevel::SchoolSchool),
        (Some(Entity::Person(_)), Some(Entity::Org(_))) => Some(LinkLevel::PersonSchool),
        (Some(Entity::Person(_)), Some(Entity::Person(_))) => Some(LinkLevel::PersonPerson),
        (Some(Entity::Org(_)), Some(Entity::Person(_))) => {
            errors.push((LinkField::Mentor, s.err_org_person));
            None
        }
        _ => None,
    };
    match (level, mentor, mentee) {
        (Some(level), Some(mentor), Some(mentee)) if errors.is_empty() => Ok(ValidLink {
            level,
            mentor,
            mentee,
            subject: crate::text::clean_line(d.subject.trim()),
            form: crate::text::clean_line(d.form.trim()),
            start,
            end,
            basis: crate::text::clean_line(d.basis.trim()),
            basis_date,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in EventStatus::ALL {
            assert_eq!(EventStatus::from_code(s.code()), Some(*s));
        }
        for s in AgreementStatus::ALL {
            assert_eq!(AgreementStatus::from_code(s.code()), Some(*s));
        }
    }

    #[test]
    fn a_link_draft_is_checked_field_by_field() {
        let s = &crate::i18n::RU;
        let school = |id| Some((Entity::Org(id), String::new()));
        let person = |id| Some((Entity::Person(id), String::new()));
        let mut d =
            LinkDraft { mentor: school(1), mentee: school(2), start: "01.09.2022".into(), ..Default::default() };
        assert_eq!(validate_link(&d, s).unwrap().level, LinkLevel::SchoolSchool);
        d.mentee = person(5);
        assert_eq!(validate_link(&d, s).unwrap_err(), vec![(LinkField::Mentor, s.err_org_person)]);
        d.mentor = person(5);
        assert_eq!(validate_link(&d, s).unwrap_err(), vec![(LinkField::Mentee, s.err_self)]);
        d.mentor = person(4);
        d.end = "2022-08-31".into();
        assert_eq!(validate_link(&d, s).unwrap_err(), vec![(LinkField::End, s.err_end_before)]);
        d.end = "31.13.2023".into();
        assert_eq!(validate_link(&d, s).unwrap_err(), vec![(LinkField::End, s.err_date)]);
        d.end = "31.05.2023".into();
        let ok = validate_link(&d, s).unwrap();
        assert_eq!((ok.level, ok.end.unwrap().to_string()), (LinkLevel::PersonPerson, "2023-05-31".to_string()));
        let empty = validate_link(&LinkDraft::default(), s).unwrap_err();
        assert!(
            empty.contains(&(LinkField::Mentor, s.err_required)) && empty.contains(&(LinkField::Start, s.err_required))
        );
    }

    #[test]
    fn a_link_that_runs_on_reads_from_its_start() {
        let s = &crate::i18n::RU;
        let start = NaiveDate::from_ymd_opt(2023, 9, 1).unwrap();
        let open = When { start: Some(start), end: None, text: None };
        assert_eq!(open.display_running(s), "с 01.09.2023");
        assert_eq!(open.display(), "01.09.2023", "an event of one day stays one day");
        let closed = When { start: Some(start), end: NaiveDate::from_ymd_opt(2024, 5, 31), text: None };
        assert_eq!(closed.display_running(s), "01.09.2023–31.05.2024");
    }

    #[test]
    fn when_shows_the_documents_words() {
        let d = NaiveDate::from_ymd_opt(2021, 11, 25).unwrap();
        assert_eq!(When::day(d).display(), "25.11.2021");
        let p = When::period(
            NaiveDate::from_ymd_opt(2021, 9, 1).unwrap(),
            NaiveDate::from_ymd_opt(2022, 8, 31).unwrap(),
            "в течение 2021-2022 учебного года",
        );
        assert_eq!(p.display(), "в течение 2021-2022 учебного года");
        assert!(p.overlaps(AcademicYear(2021)));
        assert!(!p.overlaps(AcademicYear(2022)));
    }
}

/// A programme or a roadmap of a district: its period, the order approving it (as written),
/// its goal and its tasks.
#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeRow {
    pub id: i64,
    pub district_id: Option<i64>,
    pub district: String,
    pub name: String,
    pub when: When,
    pub basis: String,
    pub goal: String,
    pub note: String,
    pub stamp: Stamp,
    pub tasks: Vec<TaskRow>,
}

/// A task of a programme: who answers for it, by when, how its execution is measured, its
/// status and what was done.
#[derive(Clone, Debug, Serialize)]
pub struct TaskRow {
    pub id: i64,
    pub pos: i64,
    pub text: String,
    pub responsible: String,
    pub deadline: When,
    pub indicator: String,
    pub status: EventStatus,
    pub progress: String,
    pub note: String,
    pub stamp: Stamp,
}

impl ProgrammeRow {
    /// How many of its tasks are done, of how many not cancelled.
    pub fn done(&self) -> (usize, usize) {
        let live: Vec<_> = self.tasks.iter().filter(|t| t.status != EventStatus::Cancelled).collect();
        (live.iter().filter(|t| t.status == EventStatus::Done).count(), live.len())
    }
}

/// A report (not minutes): its period, who wrote it, its conclusions, and its recommendations,
/// each addressed to a body or to the directors, with a deadline where it has one.
#[derive(Clone, Debug, Serialize)]
pub struct ReportDocRow {
    pub id: i64,
    pub district_id: Option<i64>,
    pub district: String,
    pub title: String,
    pub period: When,
    pub author: String,
    pub note: String,
    pub stamp: Stamp,
    pub recommendations: Vec<DecisionRow>,
}

/// A group of people: a working group, a tutor community, a creative group of ГМО heads.
#[derive(Clone, Debug, Serialize)]
pub struct GroupRow {
    pub id: i64,
    pub district_id: Option<i64>,
    pub district: String,
    /// As the document names the kind: «рабочая группа», «творческая группа».
    pub kind: String,
    pub name: String,
    /// The order it rests on, as written.
    pub basis: String,
    /// Who is in it as the document says it («специалисты МКУ ЦРО и педагоги…»).
    pub composition: String,
    /// Since when, as written («2021»).
    pub since: String,
    pub note: String,
    pub stamp: Stamp,
    /// The members known by name: person, name, role.
    pub members: Vec<(i64, String, String)>,
}
