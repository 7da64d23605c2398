//! The demo's documents as data: one TOML file per seed document (`src/demo/*.toml`), each
//! fact beside a comment with the document's line it comes from, read by this one loader. A
//! reader checks the demo against `shared/seeds/` line by line without reading Rust.
//!
//! Records refer to each other by a `key` given in the file («sch1», «bobrova»); a key that
//! names nothing, a date that does not read or a status the program does not know is refused
//! with the file and the key, and nothing of the file is written (the demo loads in one
//! transaction).

use crate::domain::{AgreementKind, AgreementStatus, EventStatus, LinkLevel, NetworkModel, OrgKind, When};
use crate::domain::{DiagnosticItem, Mark, MarkKind};
use crate::orders::DocKind;
use crate::store::{
    GroupFields, NewAgreement, NewDiagnostic, NewEvent, NewLink, NewMeeting, NewParty, OrderFields, Party,
    ProgrammeFields, ReportDocFields, Result, Store, StoreError, TaskFields,
};
use crate::text::{parse_date, AcademicYear};
use crate::turnout::{Part, Taking, Turnout};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    /// The seed document, a file of `shared/seeds/`.
    #[allow(dead_code)]
    source: String,
    district: District,
    #[serde(default)]
    org: Vec<Org>,
    #[serde(default)]
    person: Vec<Person>,
    #[serde(default)]
    status: Vec<Status>,
    #[serde(default)]
    link: Vec<Link>,
    #[serde(default)]
    network: Vec<Network>,
    #[serde(default)]
    event: Vec<Event>,
    #[serde(default)]
    meeting: Vec<Meeting>,
    #[serde(default)]
    group: Vec<Group>,
    #[serde(default)]
    programme: Vec<Programme>,
    #[serde(default)]
    indicator: Vec<Indicator>,
    #[serde(default)]
    report: Vec<Report>,
    #[serde(default)]
    agreement: Vec<Agreement>,
    #[serde(default)]
    risk: Vec<Risk>,
    #[serde(default)]
    diagnostic: Vec<Diagnostic>,
    #[serde(default)]
    order: Vec<Order>,
}

/// A value of the record marked as the document writes it («as_written») or doubtful.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkSpec {
    field: String,
    kind: String,
    #[serde(default)]
    note: String,
}

/// A verified risk direction of a school, with its anti-risk programme and what it did.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Risk {
    org: String,
    year: i32,
    direction: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    progress: String,
}

/// A round of teachers' diagnostics (a school's, or the district's when no `org`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnostic {
    #[serde(default)]
    org: Option<String>,
    year: i32,
    round: String,
    #[serde(default)]
    teachers: Option<f64>,
    #[serde(default)]
    diagnosed: Option<f64>,
    #[serde(default)]
    with_programme: Option<f64>,
    #[serde(default)]
    trained: Option<f64>,
    #[serde(default)]
    in_percent: bool,
    #[serde(default)]
    item: Vec<DiagnosticLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiagnosticLine {
    /// «course», «deficit» or «vacancy».
    kind: String,
    label: String,
    #[serde(default)]
    count: Option<f64>,
    #[serde(default)]
    in_percent: bool,
}

/// An order or a directive a record rests on, with the title the document gives it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Order {
    /// «order» or «directive».
    kind: String,
    issuer: String,
    number: String,
    date: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Agreement {
    key: String,
    /// «framework» or «additional».
    kind: String,
    /// The agreement an additional one is to, by key.
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    number: String,
    title: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    term: Option<WhenSpec>,
    /// «draft», «approval», «signed», «in_force», «expired», «terminated».
    status: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    tasks: String,
    #[serde(default)]
    party: Vec<AgreementParty>,
    #[serde(default)]
    appendix: Vec<Appendix>,
    #[serde(default)]
    marks: Vec<MarkSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreementParty {
    /// A school of the file by key; or only the name the agreement gives.
    #[serde(default)]
    org: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    signatory: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    address: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Appendix {
    number: i64,
    title: String,
    /// The joint plan's rows: events of the district.
    #[serde(default)]
    plan: Vec<Event>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    kind: String,
    name: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    composition: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    note: String,
    /// People of the file by key, each with a role: `[["krumina", "руководитель"]]`.
    #[serde(default)]
    members: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Programme {
    name: String,
    #[serde(default)]
    when: Option<WhenSpec>,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    task: Vec<Task>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Task {
    text: String,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    deadline: Option<WhenSpec>,
    #[serde(default)]
    indicator: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    progress: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Indicator {
    name: String,
    /// A school's own indicator; the district's when none.
    #[serde(default)]
    org: Option<String>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    period: String,
    /// A yes-or-no indicator («да»).
    #[serde(default)]
    yes_no: bool,
    /// By when the target is to be reached.
    #[serde(default)]
    deadline: Option<String>,
    /// Fewer is better («Число ШНОР»).
    #[serde(default)]
    lower_is_better: bool,
    #[serde(default)]
    value: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Value {
    year: i32,
    period: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    title: String,
    period: WhenSpec,
    #[serde(default)]
    author: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    recommendation: Vec<Decision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct District {
    name: String,
    region: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Org {
    key: String,
    /// «school» or «body».
    kind: String,
    #[serde(default, rename = "type")]
    school_type: String,
    name: String,
    short: String,
    town: String,
    /// A body of no district of the file (a region's institute).
    #[serde(default)]
    outside: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Person {
    key: String,
    name: String,
    position: String,
    #[serde(default)]
    org: Option<String>,
    #[serde(default)]
    subjects: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Status {
    org: String,
    /// The school year's first calendar year: 2021 for 2021-2022.
    year: i32,
    status: String,
    #[serde(default)]
    risk_level: String,
    /// What the status rests on, as the document writes it.
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    /// «school_school», «person_school» or «person_person».
    level: String,
    mentor: String,
    mentee: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    form: String,
    when: WhenSpec,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    marks: Vec<MarkSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Network {
    year: i32,
    /// «distributed», «resource», or none when the document does not say.
    #[serde(default)]
    model: Option<String>,
    name: String,
    #[serde(default)]
    members: Vec<String>,
}

/// A date or a period: `"25.11.2021"`, or `{ from, to, text }`, or `{ school_year = 2021 }`,
/// or `{ date, text }` for a day the document writes in words of its own.
#[derive(Deserialize)]
#[serde(untagged)]
enum WhenSpec {
    Day(String),
    Full {
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        school_year: Option<i32>,
    },
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Counts {
    teachers: Option<u32>,
    people: Option<u32>,
    schools: Option<u32>,
    connections: Option<u32>,
    teams: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Detail {
    org: String,
    /// The school's part by its code («organiser», «awarded», …); plain participation if none.
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    teachers: Option<u32>,
    #[serde(default)]
    connections: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    kind: String,
    title: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    grades: String,
    when: WhenSpec,
    #[serde(default)]
    time: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    host_org: Option<String>,
    #[serde(default)]
    host_person: Option<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    funding: String,
    #[serde(default)]
    expected_result: String,
    #[serde(default)]
    result: String,
    /// «planned» when not given.
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    turnout: Counts,
    #[serde(default)]
    details: Vec<Detail>,
    #[serde(default)]
    marks: Vec<MarkSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Meeting {
    #[serde(default)]
    number: String,
    title: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    time: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    link: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    audience: String,
    #[serde(default)]
    moderators: String,
    #[serde(default)]
    connections: Option<u32>,
    #[serde(default)]
    appendices: String,
    #[serde(default)]
    signed: String,
    #[serde(default)]
    note: String,
    /// Schools and people of the file, by key, in the protocol's order.
    #[serde(default)]
    participants: Vec<String>,
    /// Participants the protocol names as a group, not a record («члены рабочих групп …»).
    #[serde(default)]
    participants_text: Vec<String>,
    #[serde(default)]
    agenda: Vec<Item>,
    #[serde(default)]
    decision: Vec<Decision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    text: String,
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    heard: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Decision {
    text: String,
    #[serde(default)]
    deadline: Option<WhenSpec>,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    marks: Vec<MarkSpec>,
}

/// What is wrong in a demo file, as the store reports it.
fn bad(file: &str, what: String) -> StoreError {
    StoreError::Io { path: std::path::PathBuf::from(format!("src/demo/{file}")), what }
}

/// The records of one file already written, by key.
struct Keys<'a> {
    file: &'a str,
    orgs: HashMap<String, i64>,
    people: HashMap<String, i64>,
}

impl Keys<'_> {
    fn org(&self, key: &str) -> Result<i64> {
        self.orgs.get(key).copied().ok_or_else(|| bad(self.file, format!("no organisation «{key}»")))
    }
    fn person(&self, key: &str) -> Result<i64> {
        self.people.get(key).copied().ok_or_else(|| bad(self.file, format!("no person «{key}»")))
    }
    /// A school or a body by its key, or a person.
    fn party(&self, key: &str) -> Result<Party> {
        match (self.orgs.get(key), self.people.get(key)) {
            (Some(o), None) => Ok(Party::Org(*o)),
            (None, Some(p)) => Ok(Party::Person(*p)),
            (Some(_), Some(_)) => Err(bad(self.file, format!("«{key}» names both a school and a person"))),
            (None, None) => Err(bad(self.file, format!("no school or person «{key}»"))),
        }
    }
    fn date(&self, text: &str) -> Result<chrono::NaiveDate> {
        parse_date(text).ok_or_else(|| bad(self.file, format!("the date «{text}» does not read")))
    }
    fn when(&self, w: &WhenSpec) -> Result<When> {
        Ok(match w {
            WhenSpec::Day(d) => When::day(self.date(d)?),
            WhenSpec::Full { school_year: Some(y), date: None, from: None, to: None, text: None } => {
                let start = chrono::NaiveDate::from_ymd_opt(*y, 9, 1);
                let end = chrono::NaiveDate::from_ymd_opt(*y + 1, 8, 31);
                When { start, end, text: Some(format!("в течение {}-{} учебного года", y, y + 1)) }
            }
            WhenSpec::Full { date: Some(d), text, from: None, to: None, school_year: None } => {
                When { start: Some(self.date(d)?), end: None, text: text.clone() }
            }
            WhenSpec::Full { from: Some(f), to: Some(t), text, date: None, school_year: None } => {
                When { start: Some(self.date(f)?), end: Some(self.date(t)?), text: text.clone() }
            }
            // Words only: a term the document gives no dates for («2023-2024 учебный год»).
            WhenSpec::Full { text: Some(t), date: None, from: None, to: None, school_year: None } => {
                When { start: None, end: None, text: Some(t.clone()) }
            }
            _ => {
                return Err(bad(
                    self.file,
                    "a date is a day, { from, to, text }, { date, text }, { text } or { school_year }".into(),
                ))
            }
        })
    }
    /// An event of the file as the store adds it.
    fn event<'e>(&self, dist: i64, e: &'e Event) -> Result<NewEvent<'e>> {
        let file = self.file;
        let details = e
            .details
            .iter()
            .map(|t| {
                let part = match t.part.as_deref() {
                    None => Part::default(),
                    Some(p) => Part::ALL
                        .iter()
                        .copied()
                        .find(|x| x.code() == p)
                        .ok_or_else(|| bad(file, format!("no part «{p}»")))?,
                };
                let org = self.org(&t.org)?;
                Ok(Taking {
                    org,
                    part,
                    note: t.note.clone(),
                    teachers: t.teachers,
                    connections: t.connections,
                    ..Default::default()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let c = &e.turnout;
        Ok(NewEvent {
            district: Some(dist),
            kind: &e.kind,
            title: &e.title,
            subject: &e.subject,
            grades: &e.grades,
            when: self.when(&e.when)?,
            host_org: e.host_org.as_deref().map(|k| self.org(k)).transpose()?,
            host_person: e.host_person.as_deref().map(|k| self.person(k)).transpose()?,
            participants: e.participants.iter().map(|k| self.org(k)).collect::<Result<_>>()?,
            responsible: &e.responsible,
            funding: &e.funding,
            expected_result: &e.expected_result,
            result: &e.result,
            status: Some(self.status(e.status.as_deref())?),
            note: &e.note,
            format: &e.format,
            time: &e.time,
            turnout: Turnout {
                teachers: c.teachers,
                people: c.people,
                schools: c.schools,
                connections: c.connections,
                teams: c.teams,
            },
            details,
        })
    }

    /// Writes a record's marks: each field one the record can have marked, each kind known.
    fn mark(&self, s: &Store, entity: &str, id: i64, marks: &[MarkSpec]) -> Result<()> {
        for m in marks {
            if !crate::domain::markable(entity).contains(&m.field.as_str()) {
                return Err(bad(self.file, format!("no field «{}» to mark on a {entity}", m.field)));
            }
            let kind = MarkKind::from_code(&m.kind).ok_or_else(|| bad(self.file, format!("no mark «{}»", m.kind)))?;
            s.put_mark(entity, id, &Mark { field: m.field.clone(), kind, note: m.note.clone() })?;
        }
        Ok(())
    }

    fn status(&self, code: Option<&str>) -> Result<EventStatus> {
        match code {
            None => Ok(EventStatus::Planned),
            Some(c) => EventStatus::from_code(c).ok_or_else(|| bad(self.file, format!("no status «{c}»"))),
        }
    }
}

/// Writes one document's records into the store (inside the caller's transaction).
pub fn load(s: &Store, file: &str, text: &str) -> Result<()> {
    let doc: Document = toml::from_str(text).map_err(|e| bad(file, e.to_string()))?;
    let dist = s.add_district(&doc.district.name, &doc.district.region)?;
    let mut keys = Keys { file, orgs: HashMap::new(), people: HashMap::new() };
    for o in &doc.org {
        let kind = OrgKind::from_code(&o.kind).ok_or_else(|| bad(file, format!("no kind «{}»", o.kind)))?;
        let district = (!o.outside).then_some(dist);
        let id = s.add_org(district, kind, &o.school_type, &o.name, &o.short, &o.town)?;
        if keys.orgs.insert(o.key.clone(), id).is_some() {
            return Err(bad(file, format!("the key «{}» twice", o.key)));
        }
    }
    for p in &doc.person {
        let org = p.org.as_deref().map(|k| keys.org(k)).transpose()?;
        let id = s.add_person(&p.name, &p.position, org, &p.subjects)?;
        if keys.people.insert(p.key.clone(), id).is_some() || keys.orgs.contains_key(&p.key) {
            return Err(bad(file, format!("the key «{}» twice", p.key)));
        }
    }
    for st in &doc.status {
        let id = s.add_cluster_status(keys.org(&st.org)?, AcademicYear(st.year), &st.status, &st.risk_level)?;
        if !st.note.is_empty() {
            s.note_cluster_status(id, &st.note)?;
        }
    }
    for l in &doc.link {
        let level = LinkLevel::from_code(&l.level).ok_or_else(|| bad(file, format!("no level «{}»", l.level)))?;
        let id = s.add_link(NewLink {
            level,
            mentor: keys.party(&l.mentor)?,
            mentee: keys.party(&l.mentee)?,
            subject: &l.subject,
            form: &l.form,
            when: keys.when(&l.when)?,
            basis: &l.basis,
        })?;
        keys.mark(s, "mentoring_link", id, &l.marks)?;
    }
    for n in &doc.network {
        let model = match n.model.as_deref() {
            None => None,
            Some(m) => Some(NetworkModel::from_code(m).ok_or_else(|| bad(file, format!("no model «{m}»")))?),
        };
        let members = n.members.iter().map(|m| keys.org(m)).collect::<Result<Vec<_>>>()?;
        s.add_network(dist, AcademicYear(n.year), model, &n.name, &members)?;
    }
    for e in &doc.event {
        let id = s.add_event(keys.event(dist, e)?)?;
        keys.mark(s, "event", id, &e.marks)?;
    }
    for m in &doc.meeting {
        let id = s.add_meeting(NewMeeting {
            district: Some(dist),
            number: &m.number,
            title: &m.title,
            date: m.date.as_deref().map(|d| keys.date(d)).transpose()?,
            time: &m.time,
            format: &m.format,
            link: &m.link,
            place: &m.place,
            facts: crate::domain::ProtocolFacts {
                audience: m.audience.clone(),
                moderators: m.moderators.clone(),
                connections: m.connections,
                appendices: m.appendices.clone(),
                signed: m.signed.clone(),
                note: m.note.clone(),
            },
        })?;
        for p in &m.participants {
            s.add_meeting_participant(id, Some(keys.party(p)?), "")?;
        }
        for t in &m.participants_text {
            s.add_meeting_participant(id, None, t)?;
        }
        for a in &m.agenda {
            s.add_agenda_item(id, &a.text, &a.speaker, &a.heard)?;
        }
        for x in &m.decision {
            let deadline = x.deadline.as_ref().map(|w| keys.when(w)).transpose()?.unwrap_or_default();
            let d = s.add_decision(id, &x.text, deadline, &x.responsible, keys.status(x.status.as_deref())?)?;
            keys.mark(s, "decision", d, &x.marks)?;
        }
    }
    for g in &doc.group {
        let members = g.members.iter().map(|(k, role)| Ok((keys.person(k)?, role.clone()))).collect::<Result<_>>()?;
        s.add_group(&GroupFields {
            district: Some(dist),
            kind: g.kind.clone(),
            name: g.name.clone(),
            basis: g.basis.clone(),
            composition: g.composition.clone(),
            since: g.since.clone(),
            note: g.note.clone(),
            members,
        })?;
    }
    for p in &doc.programme {
        let id = s.add_programme(&ProgrammeFields {
            district: Some(dist),
            name: p.name.clone(),
            when: p.when.as_ref().map(|w| keys.when(w)).transpose()?.unwrap_or_default(),
            basis: p.basis.clone(),
            goal: p.goal.clone(),
            note: p.note.clone(),
        })?;
        for t in &p.task {
            s.add_task(
                id,
                &TaskFields {
                    text: t.text.clone(),
                    responsible: t.responsible.clone(),
                    deadline: t.deadline.as_ref().map(|w| keys.when(w)).transpose()?.unwrap_or_default(),
                    indicator: t.indicator.clone(),
                    status: keys.status(t.status.as_deref())?,
                    progress: t.progress.clone(),
                    note: t.note.clone(),
                },
            )?;
        }
    }
    for i in &doc.indicator {
        let org = i.org.as_deref().map(|k| keys.org(k)).transpose()?;
        let id = s.add_indicator(Some(dist), org, &i.name, &i.unit, &i.target, &i.period, i.yes_no)?;
        if i.deadline.is_some() || i.lower_is_better {
            let deadline = i.deadline.as_deref().map(|d| keys.date(d)).transpose()?;
            s.set_indicator_deadline(id, deadline, i.lower_is_better)?;
        }
        for v in &i.value {
            s.add_indicator_value(id, AcademicYear(v.year), &v.period, &v.value)?;
        }
    }
    for r in &doc.report {
        let id = s.add_report_doc(&ReportDocFields {
            district: Some(dist),
            title: r.title.clone(),
            period: keys.when(&r.period)?,
            author: r.author.clone(),
            note: r.note.clone(),
        })?;
        for x in &r.recommendation {
            let deadline = x.deadline.as_ref().map(|w| keys.when(w)).transpose()?.unwrap_or_default();
            let d = s.add_decision(id, &x.text, deadline, &x.responsible, keys.status(x.status.as_deref())?)?;
            keys.mark(s, "decision", d, &x.marks)?;
        }
    }
    for r in &doc.risk {
        s.add_risk_direction(keys.org(&r.org)?, AcademicYear(r.year), &r.direction, &r.programme, &r.progress)?;
    }
    for d in &doc.diagnostic {
        s.add_diagnostic(&NewDiagnostic {
            org: d.org.as_deref().map(|k| keys.org(k)).transpose()?,
            district: Some(dist),
            year: AcademicYear(d.year),
            round: d.round.clone(),
            teachers: d.teachers,
            diagnosed: d.diagnosed,
            with_programme: d.with_programme,
            trained: d.trained,
            in_percent: d.in_percent,
            items: d
                .item
                .iter()
                .map(|i| DiagnosticItem {
                    kind: i.kind.clone(),
                    label: i.label.clone(),
                    count: i.count,
                    in_percent: i.in_percent,
                })
                .collect(),
        })?;
    }
    for o in &doc.order {
        let kind = match o.kind.as_str() {
            "order" => DocKind::Order,
            "directive" => DocKind::Directive,
            k => return Err(bad(file, format!("no kind of order «{k}»"))),
        };
        let date = keys.date(&o.date)?;
        s.add_order(&OrderFields {
            kind,
            district: Some(dist),
            issuer: o.issuer.clone(),
            number: o.number.clone(),
            date_text: crate::text::format_date(date),
            date: Some(date),
            title: o.title.clone(),
            note: o.note.clone(),
        })?;
    }
    let mut agreements: HashMap<&str, i64> = HashMap::new();
    for a in &doc.agreement {
        let kind = AgreementKind::from_code(&a.kind).ok_or_else(|| bad(file, format!("no kind «{}»", a.kind)))?;
        let status =
            AgreementStatus::from_code(&a.status).ok_or_else(|| bad(file, format!("no status «{}»", a.status)))?;
        let parent = match a.parent.as_deref() {
            None => None,
            Some(k) => Some(*agreements.get(k).ok_or_else(|| bad(file, format!("no agreement «{k}»")))?),
        };
        let id = s.add_agreement(NewAgreement {
            kind,
            parent,
            district: Some(dist),
            number: &a.number,
            title: &a.title,
            subject: &a.subject,
            date: a.date.as_deref().map(|d| keys.date(d)).transpose()?,
            term: a.term.as_ref().map(|w| keys.when(w)).transpose()?.unwrap_or_default(),
            status,
            place: &a.place,
            goals: &a.goals,
            tasks: &a.tasks,
        })?;
        agreements.insert(&a.key, id);
        keys.mark(s, "agreement", id, &a.marks)?;
        for p in &a.party {
            s.add_agreement_party(
                id,
                NewParty {
                    org: p.org.as_deref().map(|k| keys.org(k)).transpose()?,
                    name: &p.name,
                    signatory: &p.signatory,
                    position: &p.position,
                    basis: &p.basis,
                    address: &p.address,
                },
            )?;
        }
        for x in &a.appendix {
            let appendix = s.add_appendix(id, x.number, &x.title)?;
            for e in &x.plan {
                s.add_plan_item(appendix, keys.event(dist, e)?)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loading(text: &str) -> (String, i64) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create_new(&dir.path().join("t.db"), "tester").unwrap();
        let err =
            store.in_transaction(|s| load(s, "x.toml", text)).map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        let districts: i64 = store.count(crate::store::Table::Districts).unwrap();
        (err, districts)
    }

    const HEAD: &str = "source = \"x.txt\"\n[district]\nname = \"Район\"\nregion = \"Область\"\n";

    #[test]
    fn a_file_with_a_fault_is_refused_with_what_is_wrong_and_writes_nothing() {
        for (body, says) in [
            (
                "[[org]]\nkey = \"a\"\nkind = \"school\"\nname = \"СОШ\"\nshort = \"СОШ\"\ntown = \"\"\ncolour = 1\n",
                "colour",
            ),
            (
                "[[person]]\nkey = \"p\"\nname = \"И.И. Иванов\"\nposition = \"учитель\"\norg = \"nowhere\"\n",
                "«nowhere»",
            ),
            ("[[meeting]]\ntitle = \"Совещание\"\ndate = \"31.02.2022\"\n", "«31.02.2022»"),
            ("[[event]]\nkind = \"семинар\"\ntitle = \"С\"\nwhen = \"01.09.2022\"\nstatus = \"held\"\n", "«held»"),
            (
                "[[org]]\nkey = \"a\"\nkind = \"body\"\nname = \"А\"\nshort = \"А\"\ntown = \"\"\n\
                 [[org]]\nkey = \"a\"\nkind = \"body\"\nname = \"Б\"\nshort = \"Б\"\ntown = \"\"\n",
                "«a» twice",
            ),
        ] {
            let (err, districts) = loading(&format!("{HEAD}{body}"));
            assert!(err.contains("x.toml") && err.contains(says), "{says}: {err}");
            assert_eq!(districts, 0, "{says}: nothing of the file is written");
        }
    }

    #[test]
    fn a_date_is_a_day_a_period_a_day_in_words_or_a_school_year() {
        let body = "[[org]]\nkey = \"h\"\nkind = \"body\"\nname = \"Комитет\"\nshort = \"К\"\ntown = \"\"\n\
            [[event]]\nkind = \"a\"\ntitle = \"День\"\nwhen = \"25.11.2021\"\nhost_org = \"h\"\n\
            [[event]]\nkind = \"a\"\ntitle = \"Период\"\nwhen = { from = \"25.10.2021\", to = \"07.11.2021\", text = \"осенние каникулы 2021\" }\nhost_org = \"h\"\n\
            [[event]]\nkind = \"a\"\ntitle = \"Слова\"\nwhen = { date = \"20.04.2022\", text = \"20.04.2022 (так в заголовке)\" }\nhost_org = \"h\"\n\
            [[event]]\nkind = \"a\"\ntitle = \"Год\"\nwhen = { school_year = 2021 }\nhost_org = \"h\"\n";
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create_new(&dir.path().join("t.db"), "tester").unwrap();
        store.in_transaction(|s| load(s, "x.toml", &format!("{HEAD}{body}"))).unwrap();
        let shown: Vec<(String, String)> =
            store.events(AcademicYear(2021)).unwrap().into_iter().map(|e| (e.title, e.when.display())).collect();
        for (title, when) in [
            ("День", "25.11.2021"),
            ("Период", "осенние каникулы 2021"),
            ("Слова", "20.04.2022 (так в заголовке)"),
            ("Год", "в течение 2021-2022 учебного года"),
        ] {
            assert!(shown.iter().any(|(t, w)| t == title && w == when), "{title}: {shown:?}");
        }
        let (err, _) =
            loading(&format!("{HEAD}[[event]]\nkind = \"a\"\ntitle = \"Т\"\nwhen = {{ from = \"01.09.2022\" }}\n"));
        assert!(err.contains("a date is a day"), "{err}");
    }
}
