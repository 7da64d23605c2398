//! What a coordinator changes. Every verb is one transaction: the row's new value, its version
//! and stamp, and the history line land together or not at all. A verb that is given the
//! version the user saw refuses to overwrite a colleague's newer change.

use super::{now_stamp, Result, Store, StoreError};
use crate::domain::{AgreementStatus, EventFields, EventStatus, ValidLink};
use crate::lookup::Entity;
use crate::text::clean_line;
use crate::text::format_date;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

/// The tables whose status a user sets from the keyboard.
#[derive(Clone, Copy)]
pub(super) enum StatusTable {
    Events,
    Decisions,
    Agreements,
    Tasks,
}

impl StatusTable {
    fn table(self) -> &'static str {
        match self {
            StatusTable::Events => "events",
            StatusTable::Decisions => "decisions",
            StatusTable::Agreements => "agreements",
            StatusTable::Tasks => "programme_tasks",
        }
    }
    fn entity(self) -> &'static str {
        match self {
            StatusTable::Events => "event",
            StatusTable::Decisions => "decision",
            StatusTable::Agreements => "agreement",
            StatusTable::Tasks => "programme_task",
        }
    }
}

/// Whether the row a verb changes had moved on since the user saw it.
#[must_use = "a stale save must be settled: refused when it changes anything"]
pub(super) struct Seen {
    conflict: Option<StoreError>,
}

impl Seen {
    /// A stale screen matters only when the save changes something: a colleague who already
    /// wrote the very values being saved is no conflict, and the save succeeds quietly.
    pub(super) fn settle(self, changed: bool) -> Result<()> {
        match self.conflict {
            Some(e) if changed => Err(e),
            _ => Ok(()),
        }
    }
}

impl Store {
    /// What a verb checks before it changes a row: that the row is there, that this user may
    /// change it as it is now (a curator's reach is judged on the row before the change here,
    /// and on the row after it where the change writes its history line), and whether the
    /// screen the user saw was stale (`seen` is the version they saw; `None` skips that, for
    /// scripts and tests).
    pub(super) fn check_version(&self, table: &str, id: i64, seen: Option<i64>, entity: &'static str) -> Result<Seen> {
        let (version, by, at): (i64, String, String) = self
            .conn
            .query_row(&format!("SELECT version, changed_by, changed_at FROM {table} WHERE id = ?1"), [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or(StoreError::NotFound(entity))?;
        if self.action.get().is_some() {
            self.check_access(entity, id)?;
        }
        Ok(Seen { conflict: seen.filter(|v| *v != version).map(|_| StoreError::Conflict { by, at }) })
    }

    /// A changed row's new version, and who changed it when.
    pub(super) fn stamp_row(&self, table: &str, id: i64) -> Result<()> {
        self.conn.execute(
            &format!("UPDATE {table} SET version = version + 1, changed_by = ?1, changed_at = ?2 WHERE id = ?3"),
            params![self.user, now_stamp(), id],
        )?;
        Ok(())
    }

    /// Returns false when the status was already `status` (nothing is written then).
    pub fn set_event_status(&self, id: i64, status: EventStatus, seen_version: Option<i64>) -> Result<bool> {
        self.set_status(StatusTable::Events, id, status.code(), seen_version, |_| Ok(()))
    }

    pub fn set_decision_status(&self, id: i64, status: EventStatus, seen_version: Option<i64>) -> Result<bool> {
        self.set_status(StatusTable::Decisions, id, status.code(), seen_version, |_| Ok(()))
    }

    /// Moves an agreement one step of its lifecycle, as of `today`; a step that is not allowed,
    /// or signing an incomplete agreement, is refused with the reason and nothing is written.
    pub fn set_agreement_status(
        &self,
        id: i64,
        status: AgreementStatus,
        seen_version: Option<i64>,
        today: NaiveDate,
    ) -> Result<bool> {
        self.set_status(StatusTable::Agreements, id, status.code(), seen_version, |s| {
            let a = s.agreement(id)?;
            if crate::lifecycle::effective(&a, today) == status {
                return Ok(());
            }
            let parties = s.agreement_parties(id)?;
            crate::lifecycle::check(&a, &parties, status, today).map_err(StoreError::Refused)
        })
    }

    pub(super) fn set_status(
        &self,
        t: StatusTable,
        id: i64,
        new: &str,
        seen_version: Option<i64>,
        allowed: impl FnOnce(&Store) -> Result<()>,
    ) -> Result<bool> {
        self.user_action(|s| {
            let table = t.table();
            let seen = s.check_version(table, id, seen_version, t.entity())?;
            let old: String =
                s.conn.query_row(&format!("SELECT status FROM {table} WHERE id = ?1"), [id], |r| r.get(0))?;
            seen.settle(old != new)?;
            allowed(s)?;
            if old == new {
                return Ok(false);
            }
            s.conn.execute(&format!("UPDATE {table} SET status = ?1 WHERE id = ?2"), params![new, id])?;
            s.stamp_row(table, id)?;
            s.record(t.entity(), id, "status", Some(&old), Some(new))?;
            Ok(true)
        })
    }
}

fn ids(e: Entity) -> (Option<i64>, Option<i64>) {
    match e {
        Entity::Org(id) => (Some(id), None),
        Entity::Person(id) => (None, Some(id)),
    }
}

/// The columns of a mentoring link that its form sets, in the order of [`link_values`].
const LINK_COLUMNS: [&str; 11] = [
    "level",
    "mentor_org_id",
    "mentor_person_id",
    "mentee_org_id",
    "mentee_person_id",
    "subject",
    "form",
    "start_date",
    "end_date",
    "basis",
    "basis_date",
];

fn link_values(l: &ValidLink) -> Vec<Box<dyn rusqlite::ToSql>> {
    let (mo, mp) = ids(l.mentor);
    let (eo, ep) = ids(l.mentee);
    vec![
        Box::new(l.level.code()),
        Box::new(mo),
        Box::new(mp),
        Box::new(eo),
        Box::new(ep),
        Box::new(l.subject.clone()),
        Box::new(l.form.clone()),
        Box::new(iso(l.start)),
        Box::new(iso(l.end)),
        Box::new(l.basis.clone()),
        Box::new(iso(l.basis_date)),
    ]
}

pub(super) fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn shown(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

impl Store {
    /// An active link between the same two parties on the same subject, running at the same
    /// time, other than `except`.
    fn duplicate_link(&self, l: &ValidLink, except: Option<i64>) -> Result<bool> {
        let (mo, mp) = ids(l.mentor);
        let (eo, ep) = ids(l.mentee);
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM mentoring_links
              WHERE mentor_org_id IS ?1 AND mentor_person_id IS ?2
                AND mentee_org_id IS ?3 AND mentee_person_id IS ?4
                AND lower(subject) = lower(?5) AND ended_at IS NULL AND id IS NOT ?6
                AND (start_date IS NULL OR ?8 IS NULL OR start_date <= ?8)
                AND (coalesce(end_date, start_date) IS NULL OR ?7 IS NULL OR coalesce(end_date, '9999') >= ?7)",
            params![mo, mp, eo, ep, l.subject, except, iso(l.start), iso(l.end)],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Creates a mentoring link, refusing a duplicate of an active one.
    pub fn create_link(&self, l: &ValidLink) -> Result<i64> {
        self.user_action(|s| {
            if s.duplicate_link(l, None)? {
                return Err(StoreError::Duplicate);
            }
            let mut values = link_values(l);
            values.push(Box::new(s.user.clone()));
            values.push(Box::new(now_stamp()));
            let holes: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            s.conn.execute(
                &format!(
                    "INSERT INTO mentoring_links ({}, changed_by, changed_at) VALUES ({})",
                    LINK_COLUMNS.join(", "),
                    holes.join(", ")
                ),
                rusqlite::params_from_iter(values.iter()),
            )?;
            let id = s.conn.last_insert_rowid();
            s.record("mentoring_link", id, "*", None, Some("created"))?;
            Ok(id)
        })
    }

    /// Changes a link; each changed field gets its line in history. Returns false when nothing
    /// changed.
    pub fn update_link(&self, id: i64, l: &ValidLink, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("mentoring_links", id, seen_version, "mentoring_link")?;
            let old = s.link(id)?;
            if s.duplicate_link(l, Some(id))? {
                return Err(StoreError::Duplicate);
            }
            let changes: Vec<(&str, String, String)> = [
                ("mentor", old.mentor.clone(), s.entry(l.mentor)?.name),
                ("mentee", old.mentee.clone(), s.entry(l.mentee)?.name),
                ("subject", old.subject.clone(), l.subject.clone()),
                ("form", old.form.clone(), l.form.clone()),
                ("start", shown(old.when.start), shown(l.start)),
                ("end", shown(old.when.end), shown(l.end)),
                ("basis", old.basis.clone(), l.basis.clone()),
                ("basis_date", shown(old.basis_date), shown(l.basis_date)),
            ]
            .into_iter()
            .filter(|(_, a, b)| a != b)
            .collect();
            seen.settle(!changes.is_empty())?;
            if changes.is_empty() {
                return Ok(false);
            }
            let mut values = link_values(l);
            let set: Vec<String> = LINK_COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
            values.push(Box::new(id));
            s.conn.execute(
                &format!(
                    "UPDATE mentoring_links SET {}, period_text = NULL WHERE id = ?{}",
                    set.join(", "),
                    values.len()
                ),
                rusqlite::params_from_iter(values.iter()),
            )?;
            s.stamp_row("mentoring_links", id)?;
            for (field, a, b) in changes {
                s.record("mentoring_link", id, field, Some(&a), Some(&b))?;
            }
            Ok(true)
        })
    }

    /// Ends a link on `end`: it stays in the store and in history, marked ended.
    pub fn end_link(&self, id: i64, end: NaiveDate, seen_version: Option<i64>) -> Result<()> {
        self.user_action(|s| {
            let seen = s.check_version("mentoring_links", id, seen_version, "mentoring_link")?;
            let old = s.link(id)?;
            seen.settle(old.active || old.when.end != Some(end))?;
            s.conn.execute(
                "UPDATE mentoring_links SET end_date = ?1, period_text = NULL, ended_at = ?2,
                    version = version + 1, changed_by = ?3, changed_at = ?2 WHERE id = ?4",
                params![iso(Some(end)), now_stamp(), s.user, id],
            )?;
            s.record("mentoring_link", id, "end", Some(&shown(old.when.end)), Some(&format_date(end)))?;
            s.record("mentoring_link", id, "state", Some("active"), Some("ended"))?;
            Ok(())
        })
    }
}

/// The history's name and the column of each count of who took part, in
/// [`crate::turnout::Turnout::numbers`]' order.
pub const TURNOUT_COLUMNS: [(&str, &str); 5] = [
    ("teachers", "n_teachers"),
    ("people", "n_people"),
    ("schools", "n_schools"),
    ("connections", "n_connections"),
    ("teams", "n_teams"),
];

/// A count of who took part that differs: its history name, its column, the old and new value.
type CountChange = (&'static str, &'static str, Option<u32>, Option<u32>);

/// The counts that differ between `old` and `new`.
fn count_changes(old: &crate::turnout::Turnout, new: &crate::turnout::Turnout) -> Vec<CountChange> {
    TURNOUT_COLUMNS
        .iter()
        .zip(old.numbers().into_iter().zip(new.numbers()))
        .filter(|(_, (a, b))| a != b)
        .map(|((field, col), (a, b))| (*field, *col, a, b))
        .collect()
}

impl Store {
    /// Writes changed counts of an event, each with its history line, inside the caller's action.
    fn write_counts(&self, id: i64, counts: &[CountChange]) -> Result<()> {
        let said = |n: &Option<u32>| n.map(|n| n.to_string());
        for (field, col, old, new) in counts {
            self.conn.execute(&format!("UPDATE events SET {col} = ?1 WHERE id = ?2"), params![new, id])?;
            self.record("event", id, field, said(old).as_deref(), said(new).as_deref())?;
        }
        Ok(())
    }
}

/// What a status key changes on an event: the status, and with it a result or how many came
/// (done) or new dates (postponed).
#[derive(Clone, Debug, Default)]
pub struct EventChange {
    pub status: Option<EventStatus>,
    pub result: Option<String>,
    pub when: Option<crate::domain::When>,
    pub turnout: Option<crate::turnout::Turnout>,
}

/// An event's changeable values as they are in the store.
struct EventNow {
    status: String,
    result: String,
    start: Option<String>,
    end: Option<String>,
    period: Option<String>,
    turnout: crate::turnout::Turnout,
}

impl Store {
    /// Changes an event's status, result and dates as one undoable action. Returns false when
    /// nothing changed.
    pub fn change_event(&self, id: i64, c: &EventChange, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("events", id, seen_version, "event")?;
            let now = s
                .conn
                .query_row(
                    "SELECT status, result, start_date, end_date, period_text,
                            n_teachers, n_people, n_schools, n_connections, n_teams FROM events WHERE id = ?1",
                    [id],
                    |r| {
                        Ok(EventNow {
                            status: r.get(0)?,
                            result: r.get(1)?,
                            start: r.get(2)?,
                            end: r.get(3)?,
                            period: r.get(4)?,
                            turnout: super::read::turnout(r, 5)?,
                        })
                    },
                )
                .optional()?
                .ok_or(StoreError::NotFound("event"))?;
            let EventNow { status, result, start, end, period, turnout } = now;
            let mut changes: Vec<(&str, &str, Option<String>, Option<String>)> = Vec::new();
            if let Some(st) = c.status {
                changes.push(("status", "status", Some(status), Some(st.code().to_string())));
            }
            if let Some(r) = &c.result {
                changes.push(("result", "result", Some(result), Some(crate::text::clean(r))));
            }
            if let Some(w) = &c.when {
                changes.push(("start", "start_date", start, iso(w.start)));
                changes.push(("end", "end_date", end, iso(w.end)));
                changes.push(("period", "period_text", period, w.text.as_deref().map(crate::text::clean_line)));
            }
            changes.retain(|(_, _, old, new)| old.as_deref().unwrap_or("") != new.as_deref().unwrap_or(""));
            let counts = c.turnout.map(|t| count_changes(&turnout, &t)).unwrap_or_default();
            let any = !changes.is_empty() || !counts.is_empty();
            seen.settle(any)?;
            if !any {
                return Ok(false);
            }
            for (field, col, old, new) in &changes {
                s.conn.execute(&format!("UPDATE events SET {col} = ?1 WHERE id = ?2"), params![new, id])?;
                s.record("event", id, field, old.as_deref(), new.as_deref())?;
            }
            s.write_counts(id, &counts)?;
            s.stamp_row("events", id)?;
            Ok(true)
        })
    }
}

/// Minutes as recorded during a call: the meeting, who took part, the agenda, the decisions.
#[derive(Clone, Debug, Default)]
pub struct NewMinutes {
    pub district: Option<i64>,
    pub number: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub time: String,
    pub format: String,
    pub link: String,
    /// The moderators and how many connected, as typed during the call.
    pub facts: crate::domain::ProtocolFacts,
    pub participants: Vec<String>,
    pub agenda: Vec<String>,
    /// Text, deadline, responsible.
    pub decisions: Vec<(String, crate::domain::When, String)>,
}

impl Store {
    /// Records a meeting with everything in it as one action.
    pub fn record_minutes(&self, m: &NewMinutes) -> Result<i64> {
        self.user_action(|s| {
            let id = s.add_meeting(super::NewMeeting {
                district: m.district,
                number: &m.number,
                title: &m.title,
                date: m.date,
                time: &m.time,
                format: &m.format,
                link: &m.link,
                facts: m.facts.clone(),
                ..Default::default()
            })?;
            for p in &m.participants {
                s.add_meeting_participant(id, None, p)?;
            }
            // «вопрос | докладчик | слушали»: what was on the agenda, who was heard, what they said.
            for a in &m.agenda {
                let mut parts = a.splitn(3, '|').map(str::trim);
                let (item, speaker, heard) =
                    (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                s.add_agenda_item(id, item, speaker, heard)?;
            }
            for (text, deadline, responsible) in &m.decisions {
                s.add_decision(id, text, deadline.clone(), responsible, EventStatus::Planned)?;
            }
            Ok(id)
        })
    }
}

impl Store {
    /// An event's fields as stored, for the form.
    pub fn event_fields(&self, id: i64) -> Result<(EventFields, i64)> {
        let (mut f, version) = self
            .conn
            .query_row(
                "SELECT e.kind, e.title, e.subject, e.grades, e.start_date, e.end_date, e.period_text,
                        e.host_org_id, coalesce(h.name, ''), e.host_person_id, coalesce(t.full_name, ''),
                        e.responsible, e.funding, e.expected_result, e.result, e.version, e.note,
                        e.n_teachers, e.n_people, e.n_schools, e.n_connections, e.n_teams, e.format, e.time
                   FROM events e LEFT JOIN organizations h ON h.id = e.host_org_id
                   LEFT JOIN people t ON t.id = e.host_person_id WHERE e.id = ?1",
                [id],
                |r| {
                    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
                    };
                    Ok((
                        EventFields {
                            kind: r.get(0)?,
                            title: r.get(1)?,
                            subject: r.get(2)?,
                            grades: r.get(3)?,
                            when: crate::domain::When { start: date(4)?, end: date(5)?, text: r.get(6)? },
                            host_org: r.get::<_, Option<i64>>(7)?.map(|id| (id, r.get(8).unwrap_or_default())),
                            host_person: r.get::<_, Option<i64>>(9)?.map(|id| (id, r.get(10).unwrap_or_default())),
                            participants: Vec::new(),
                            responsible: r.get(11)?,
                            funding: r.get(12)?,
                            expected_result: r.get(13)?,
                            result: r.get(14)?,
                            note: r.get(16)?,
                            format: r.get(22)?,
                            time: r.get(23)?,
                            turnout: super::read::turnout(r, 17)?,
                            details: Vec::new(),
                        },
                        r.get::<_, i64>(15)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound("event"))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name FROM event_participants ep JOIN organizations o ON o.id = ep.org_id
              WHERE ep.event_id = ?1 ORDER BY o.name",
        )?;
        f.participants = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        f.details = self.takings(id, "o.name")?;
        Ok((f, version))
    }

    pub fn create_event(&self, f: &EventFields) -> Result<i64> {
        self.user_action(|s| s.create_event_in(f))
    }

    /// A new event, inside the caller's action.
    pub(super) fn create_event_in(&self, f: &EventFields) -> Result<i64> {
        let s = self;
        {
            let district: Option<i64> = match f.host_org {
                Some((org, _)) => {
                    s.conn.query_row("SELECT district_id FROM organizations WHERE id = ?1", [org], |r| r.get(0))?
                }
                None => None,
            };
            s.add_event(super::NewEvent {
                district,
                kind: &f.kind,
                title: &f.title,
                subject: &f.subject,
                grades: &f.grades,
                when: f.when.clone(),
                host_org: f.host_org.as_ref().map(|h| h.0),
                host_person: f.host_person.as_ref().map(|h| h.0),
                participants: f.participants.iter().map(|p| p.0).collect(),
                responsible: &f.responsible,
                funding: &f.funding,
                expected_result: &f.expected_result,
                result: &f.result,
                status: None,
                note: &f.note,
                format: &f.format,
                time: &f.time,
                turnout: f.turnout,
                details: f.details.clone(),
            })
        }
    }

    /// Changes an event's fields; each changed one gets its history line. False when nothing changed.
    pub fn update_event(&self, id: i64, f: &EventFields, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("events", id, seen_version, "event")?;
            let (old, _) = s.event_fields(id)?;
            let names = |v: &[(i64, String)]| v.iter().map(|p| p.1.clone()).collect::<Vec<_>>().join(", ");
            let texts: [(&str, &str, String, String); 14] = [
                ("kind", "kind", old.kind.clone(), crate::text::clean_line(&f.kind)),
                ("title", "title", old.title.clone(), crate::text::clean_line(&f.title)),
                ("subject", "subject", old.subject.clone(), crate::text::clean_line(&f.subject)),
                ("grades", "grades", old.grades.clone(), crate::text::clean_line(&f.grades)),
                ("start", "start_date", iso(old.when.start).unwrap_or_default(), iso(f.when.start).unwrap_or_default()),
                ("end", "end_date", iso(old.when.end).unwrap_or_default(), iso(f.when.end).unwrap_or_default()),
                (
                    "period",
                    "period_text",
                    old.when.text.clone().unwrap_or_default(),
                    f.when.text.clone().unwrap_or_default(),
                ),
                ("responsible", "responsible", old.responsible.clone(), crate::text::clean_line(&f.responsible)),
                ("funding", "funding", old.funding.clone(), crate::text::clean_line(&f.funding)),
                ("expected", "expected_result", old.expected_result.clone(), crate::text::clean(&f.expected_result)),
                ("result", "result", old.result.clone(), crate::text::clean(&f.result)),
                ("note", "note", old.note.clone(), crate::text::clean_line(&f.note)),
                ("format", "format", old.format.clone(), crate::text::clean_line(&f.format)),
                ("time", "time", old.time.clone(), crate::text::clean_line(&f.time)),
            ];
            let mut changed = false;
            let counts = count_changes(&old.turnout, &f.turnout);
            s.write_counts(id, &counts)?;
            changed |= !counts.is_empty();
            for (field, col, a, b) in texts {
                if a != b {
                    let value = if b.is_empty() && matches!(col, "start_date" | "end_date" | "period_text") {
                        None
                    } else {
                        Some(b.clone())
                    };
                    s.conn.execute(&format!("UPDATE events SET {col} = ?1 WHERE id = ?2"), params![value, id])?;
                    s.record("event", id, field, Some(&a), value.as_deref())?;
                    changed = true;
                }
            }
            if old.host_org.as_ref().map(|h| h.0) != f.host_org.as_ref().map(|h| h.0) {
                s.conn.execute(
                    "UPDATE events SET host_org_id = ?1 WHERE id = ?2",
                    params![f.host_org.as_ref().map(|h| h.0), id],
                )?;
                let name = |h: &Option<(i64, String)>| h.as_ref().map(|x| x.1.clone()).unwrap_or_default();
                s.record("event", id, "host", Some(&name(&old.host_org)), Some(&name(&f.host_org)))?;
                changed = true;
            }
            if old.host_person.as_ref().map(|h| h.0) != f.host_person.as_ref().map(|h| h.0) {
                s.conn.execute(
                    "UPDATE events SET host_person_id = ?1 WHERE id = ?2",
                    params![f.host_person.as_ref().map(|h| h.0), id],
                )?;
                let name = |h: &Option<(i64, String)>| h.as_ref().map(|x| x.1.clone()).unwrap_or_default();
                s.record("event", id, "teacher", Some(&name(&old.host_person)), Some(&name(&f.host_person)))?;
                changed = true;
            }
            let ids = |v: &[(i64, String)]| {
                let mut x: Vec<i64> = v.iter().map(|p| p.0).collect();
                x.sort_unstable();
                x
            };
            if ids(&old.participants) != ids(&f.participants) {
                s.conn.execute("DELETE FROM event_participants WHERE event_id = ?1", [id])?;
                for (org, _) in &f.participants {
                    s.conn.execute(
                        "INSERT OR IGNORE INTO event_participants (event_id, org_id) VALUES (?1, ?2)",
                        params![id, org],
                    )?;
                }
                s.record("event", id, "participants", Some(&names(&old.participants)), Some(&names(&f.participants)))?;
                changed = true;
            }
            // The parts, notes and counts of the participants that are still on the list.
            let kept = |d: &[crate::turnout::Taking], on: &[(i64, String)]| {
                let mut v: Vec<crate::turnout::Taking> =
                    d.iter().filter(|t| !t.is_plain() && on.iter().any(|p| p.0 == t.org)).cloned().collect();
                v.iter_mut().for_each(|t| t.note = crate::text::clean_line(t.note.trim()));
                v.sort_by_key(|t| t.org);
                v
            };
            let (was, now) = (kept(&old.details, &old.participants), kept(&f.details, &f.participants));
            if was != now {
                s.write_details(id, &now)?;
                // A history line for each school whose part changed, in the store's words.
                let mut orgs: Vec<i64> = was.iter().chain(&now).map(|t| t.org).collect();
                orgs.sort_unstable();
                orgs.dedup();
                let name = |org: i64| {
                    f.participants
                        .iter()
                        .chain(&old.participants)
                        .find(|p| p.0 == org)
                        .map(|p| p.1.clone())
                        .unwrap_or_default()
                };
                let said = |v: &[crate::turnout::Taking], org: i64| {
                    v.iter()
                        .find(|t| t.org == org)
                        .map(|t| crate::turnout::Taking { name: name(org), ..t.clone() }.line(&crate::i18n::RU))
                };
                for org in orgs {
                    let (a, b) = (said(&was, org), said(&now, org));
                    if a != b {
                        let plain = || format!("{} — {}", name(org), crate::i18n::RU.pt_participant);
                        s.record("event", id, "roles", Some(&a.unwrap_or_else(plain)), Some(&b.unwrap_or_else(plain)))?;
                    }
                }
                changed = true;
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("events", id)?;
            }
            Ok(changed)
        })
    }

    /// Removes an event the user saw at `seen_version`; the undo log keeps the whole row (and
    /// its participants and plan rows), so that undo restores it as it was.
    pub fn delete_event(&self, id: i64, seen_version: Option<i64>) -> Result<()> {
        self.user_action(|s| {
            // Checked while the event and its schools are still there.
            s.check_version("events", id, seen_version, "event")?.settle(true)?;
            let title: String = s.conn.query_row(
                "SELECT title || ' (' || coalesce(period_text, start_date, '') || ')' FROM events WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            s.conn.execute("DELETE FROM events WHERE id = ?1", [id])?;
            s.record("event", id, "*", Some(&title), Some("deleted"))?;
            Ok(())
        })
    }
}

impl Store {
    /// Keeps a form's unsaved content for this user (one draft per kind of form).
    pub fn save_draft(&self, kind: &str, body: &str) -> Result<()> {
        // A viewer changes nothing, drafts included.
        if self.access == super::Access::Viewer {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO drafts (who, kind, body, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (who, kind) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            params![self.user, kind, body, now_stamp()],
        )?;
        Ok(())
    }

    /// This user's draft of a kind of form, if there is one.
    pub fn draft(&self, kind: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT body FROM drafts WHERE who = ?1 AND kind = ?2", params![self.user, kind], |r| r.get(0))
            .optional()?)
    }

    pub fn drop_draft(&self, kind: &str) -> Result<()> {
        self.conn.execute("DELETE FROM drafts WHERE who = ?1 AND kind = ?2", params![self.user, kind])?;
        Ok(())
    }
}

/// A protocol's heading and agenda, as the form corrects them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingFields {
    pub number: String,
    pub title: String,
    pub date: Option<chrono::NaiveDate>,
    pub time: String,
    pub format: String,
    pub link: String,
    pub place: String,
    pub facts: crate::domain::ProtocolFacts,
    /// The agenda, an item a line.
    pub agenda: Vec<String>,
    /// Who took part, one a line, as the protocol prints them.
    pub participants: Vec<String>,
}

impl Store {
    /// A meeting's heading and agenda, with its version.
    pub fn meeting_fields(&self, id: i64) -> Result<(MeetingFields, i64)> {
        let (mut f, version) = self.conn.query_row(
            "SELECT number, title, date, time, format, link, place, version,
                    audience, moderators, n_connections, appendices, signed, note
               FROM meetings WHERE id = ?1",
            [id],
            |r| {
                let t = |i: usize| super::read::text(r, i);
                let date: Option<String> = r.get(2)?;
                Ok((
                    MeetingFields {
                        number: t(0)?,
                        title: t(1)?,
                        date: date.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                        time: t(3)?,
                        format: t(4)?,
                        link: t(5)?,
                        place: t(6)?,
                        facts: super::read::protocol_facts(r, 8)?,
                        agenda: Vec::new(),
                        participants: Vec::new(),
                    },
                    r.get::<_, i64>(7)?,
                ))
            },
        )?;
        f.agenda = self
            .conn
            .prepare_cached("SELECT text FROM agenda_items WHERE meeting_id = ?1 ORDER BY pos, id")?
            .query_map([id], |r| super::read::text(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        f.participants = self.participant_rows(id)?.into_iter().map(|(_, t)| t).collect();
        Ok((f, version))
    }

    fn participant_rows(&self, meeting: i64) -> Result<Vec<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached(super::read::PARTICIPANTS_SQL)?
            .query_map([meeting], |r| Ok((r.get(0)?, super::read::text(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Corrects a protocol's heading and agenda (a typo, a wrong date), each change in history;
    /// an agenda item keeps what was heard on it while its place in the list stays.
    pub fn update_meeting(&self, id: i64, f: &MeetingFields, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("meetings", id, seen_version, "meeting")?;
            let (old, _) = s.meeting_fields(id)?;
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            let mut changed = false;
            for (col, was, now) in [
                ("number", old.number.clone(), clean_line(&f.number)),
                ("title", old.title.clone(), clean_line(&f.title)),
                ("date", day(old.date), day(f.date)),
                ("time", old.time.clone(), clean_line(&f.time)),
                ("format", old.format.clone(), clean_line(&f.format)),
                ("link", old.link.clone(), clean_line(&f.link)),
                ("place", old.place.clone(), clean_line(&f.place)),
            ] {
                if was != now {
                    let value: Option<&str> = if col == "date" && now.is_empty() { None } else { Some(&now) };
                    s.conn.execute(&format!("UPDATE meetings SET {col} = ?1 WHERE id = ?2"), params![value, id])?;
                    s.record("meeting", id, col, Some(&was), Some(&now))?;
                    changed = true;
                }
            }
            let some = |v: String| Some(v).filter(|v| !v.is_empty());
            let count = |n: Option<u32>| n.map(|n| n.to_string());
            let (o, n) = (&old.facts, &f.facts);
            changed |= s.write_columns(
                "meetings",
                "meeting",
                id,
                [
                    ("audience", "audience", some(o.audience.clone()), some(clean_line(&n.audience))),
                    ("moderators", "moderators", some(o.moderators.clone()), some(clean_line(&n.moderators))),
                    ("connections", "n_connections", count(o.connections), count(n.connections)),
                    ("appendices", "appendices", some(o.appendices.clone()), some(crate::text::clean(&n.appendices))),
                    ("signed", "signed", some(o.signed.clone()), some(clean_line(&n.signed))),
                    ("remark", "note", some(o.note.clone()), some(crate::text::clean(&n.note))),
                ],
            )?;
            let items: Vec<i64> = s
                .conn
                .prepare_cached("SELECT id FROM agenda_items WHERE meeting_id = ?1 ORDER BY pos, id")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let new: Vec<String> = f.agenda.iter().map(|a| clean_line(a)).filter(|a| !a.is_empty()).collect();
            for i in 0..items.len().max(new.len()) {
                match (items.get(i), new.get(i), old.agenda.get(i)) {
                    (Some(item), Some(now), Some(was)) if now != was => {
                        s.conn.execute("UPDATE agenda_items SET text = ?1 WHERE id = ?2", params![now, item])?;
                        s.record("meeting", id, "agenda", Some(was), Some(now))?;
                        changed = true;
                    }
                    (Some(item), None, was) => {
                        s.conn.execute("DELETE FROM agenda_items WHERE id = ?1", [item])?;
                        s.record("meeting", id, "agenda", was.map(String::as_str), None)?;
                        changed = true;
                    }
                    (None, Some(now), _) => {
                        s.add_agenda_item(id, now, "", "")?;
                        s.record("meeting", id, "agenda", None, Some(now))?;
                        changed = true;
                    }
                    _ => {}
                }
            }
            // Who took part: a line changed becomes that text (no longer tied to a record of
            // the directory), a line taken out goes, a new one is added.
            let rows = s.participant_rows(id)?;
            let new: Vec<String> =
                f.participants.iter().map(|a| clean_line(a)).filter(|a| !a.is_empty()).collect();
            for i in 0..rows.len().max(new.len()) {
                match (rows.get(i), new.get(i)) {
                    (Some((row, was)), Some(now)) if now != was => {
                        s.conn.execute(
                            "UPDATE meeting_participants SET text = ?1, person_id = NULL, org_id = NULL WHERE rowid = ?2",
                            params![now, row],
                        )?;
                        s.record("meeting", id, "participant", Some(was), Some(now))?;
                        changed = true;
                    }
                    (Some((row, was)), None) => {
                        s.conn.execute("DELETE FROM meeting_participants WHERE rowid = ?1", [row])?;
                        s.record("meeting", id, "participant", Some(was), None)?;
                        changed = true;
                    }
                    (None, Some(now)) => {
                        s.add_meeting_participant(id, None, now)?;
                        s.record("meeting", id, "participant", None, Some(now))?;
                        changed = true;
                    }
                    _ => {}
                }
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("meetings", id)?;
            }
            Ok(changed)
        })
    }

    /// Corrects a decision as the minutes should have had it: its text, deadline and
    /// responsible, each change in history. Returns false when nothing changed.
    pub fn update_decision(
        &self,
        id: i64,
        text: &str,
        when: &crate::domain::When,
        responsible: &str,
        seen_version: Option<i64>,
    ) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("decisions", id, seen_version, "decision")?;
            type Old = (String, Option<String>, Option<String>, Option<String>, String);
            let (old_text, start, end, period, old_resp): Old = s.conn.query_row(
                "SELECT text, start_date, end_date, period_text, responsible FROM decisions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
            // The text and the responsible are never NULL; the dates are when unknown.
            let new = [
                ("text", "text", Some(old_text), Some(crate::text::clean(text).trim().to_string())),
                ("start", "start_date", start, iso(when.start)),
                ("end", "end_date", end, iso(when.end)),
                (
                    "period",
                    "period_text",
                    period,
                    when.text.as_deref().map(crate::text::clean_line).filter(|p| !p.is_empty()),
                ),
                ("responsible", "responsible", Some(old_resp), Some(crate::text::clean_line(responsible))),
            ];
            let changed = s.write_decision(id, new)?;
            seen.settle(changed)?;
            if changed {
                s.stamp_row("decisions", id)?;
            }
            Ok(changed)
        })
    }

    /// Moves a decision's deadline and marks it postponed, as one undoable action.
    pub fn postpone_decision(&self, id: i64, when: &crate::domain::When, seen_version: Option<i64>) -> Result<()> {
        self.user_action(|s| {
            let seen = s.check_version("decisions", id, seen_version, "decision")?;
            let (status, start, end, period): (String, Option<String>, Option<String>, Option<String>) =
                s.conn.query_row(
                    "SELECT status, start_date, end_date, period_text FROM decisions WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?;
            let new = [
                ("status", "status", Some(status), Some(EventStatus::Postponed.code().to_string())),
                ("start", "start_date", start, iso(when.start)),
                ("end", "end_date", end, iso(when.end)),
                ("period", "period_text", period, when.text.as_deref().map(crate::text::clean_line)),
            ];
            let changed = s.write_decision(id, new)?;
            seen.settle(changed)?;
            if changed {
                s.stamp_row("decisions", id)?;
            }
            Ok(())
        })
    }

    /// A decision's columns that differ from what it holds, written, each in history (field,
    /// column, old, new); whether any did.
    fn write_decision<const N: usize>(&self, id: i64, new: [Column; N]) -> Result<bool> {
        self.write_columns("decisions", "decision", id, new)
    }

    /// Writes the columns of row `id` whose value changed, each with its history line; true
    /// when any did.
    pub(super) fn write_columns<const N: usize>(
        &self,
        table: &str,
        entity: &str,
        id: i64,
        columns: [Column; N],
    ) -> Result<bool> {
        let mut changed = false;
        for (field, col, old, value) in columns {
            if old.as_deref().unwrap_or("") != value.as_deref().unwrap_or("") {
                self.conn.execute(&format!("UPDATE {table} SET {col} = ?1 WHERE id = ?2"), params![value, id])?;
                self.record(entity, id, field, old.as_deref(), value.as_deref())?;
                changed = true;
            }
        }
        Ok(changed)
    }

    /// A district's name for a history line; none for no district.
    pub(super) fn district_name(&self, id: Option<i64>) -> Result<Option<String>> {
        let Some(id) = id else { return Ok(None) };
        Ok(Some(self.conn.query_row("SELECT name FROM districts WHERE id = ?1", [id], |r| r.get(0))?))
    }
}

/// A column as [`Store::write_columns`] takes it: the history's field name, the column, the
/// value it holds, the value to write.
pub(super) type Column = (&'static str, &'static str, Option<String>, Option<String>);
