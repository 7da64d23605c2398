//! Adding rows: used by the demo data, by imports and by tests. Every text is cleaned and every
//! name folded on the way in; every new row is stamped and recorded in history.

use super::{now_stamp, Result, Store, StoreError};
use crate::domain::{AgreementKind, AgreementStatus, EventStatus, LinkLevel, NetworkModel, OrgKind, When};
use crate::text::{clean, clean_line, fold, AcademicYear};
use chrono::NaiveDate;
use rusqlite::{params, ToSql};

#[derive(Clone, Copy, Debug)]
pub enum Party {
    Org(i64),
    Person(i64),
}

#[derive(Default)]
pub struct NewEvent<'a> {
    pub district: Option<i64>,
    pub kind: &'a str,
    pub title: &'a str,
    pub subject: &'a str,
    pub grades: &'a str,
    pub when: When,
    pub host_org: Option<i64>,
    pub host_person: Option<i64>,
    pub participants: Vec<i64>,
    pub responsible: &'a str,
    pub funding: &'a str,
    pub expected_result: &'a str,
    pub result: &'a str,
    pub status: Option<EventStatus>,
    pub note: &'a str,
    /// How it is held, as written: «очно», «онлайн», «ВКС», «дистанционный, платформа ZOOM».
    pub format: &'a str,
    /// Its time of day, as written: «15.00», «15.00–16.00».
    pub time: &'a str,
    pub turnout: crate::turnout::Turnout,
    /// Participants' parts, notes and counts (each must be among `participants`).
    pub details: Vec<crate::turnout::Taking>,
}

#[derive(Default)]
pub struct NewMeeting<'a> {
    pub district: Option<i64>,
    pub number: &'a str,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    pub time: &'a str,
    pub format: &'a str,
    pub link: &'a str,
    pub place: &'a str,
    pub facts: crate::domain::ProtocolFacts,
}

pub struct NewAgreement<'a> {
    pub kind: AgreementKind,
    pub parent: Option<i64>,
    pub district: Option<i64>,
    pub number: &'a str,
    pub title: &'a str,
    pub subject: &'a str,
    pub date: Option<NaiveDate>,
    pub term: When,
    pub status: AgreementStatus,
    /// Where it is signed ("Кировский район").
    pub place: &'a str,
    pub goals: &'a str,
    pub tasks: &'a str,
}

/// A party to an agreement: a school of the store (`org`) or a name typed as is, with the
/// person who signs for it, their position and the basis they act on.
#[derive(Default)]
pub struct NewParty<'a> {
    pub org: Option<i64>,
    pub name: &'a str,
    pub signatory: &'a str,
    pub position: &'a str,
    pub basis: &'a str,
    pub address: &'a str,
}

pub struct NewLink<'a> {
    pub level: LinkLevel,
    pub mentor: Party,
    pub mentee: Party,
    pub subject: &'a str,
    pub form: &'a str,
    pub when: When,
    pub basis: &'a str,
}

fn opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

impl Store {
    /// Runs `f` as one transaction: all of it lands, or none of it.
    /// The write lock is taken at the start (BEGIN IMMEDIATE), so that a colleague's write
    /// makes this one wait its turn (the busy timeout) instead of failing half-way; a lock held
    /// longer than that is waited for again, a few times, before the user hears of it.
    pub fn in_transaction<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let mut tries = 0;
        let tx = loop {
            match rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate) {
                Ok(tx) => break tx,
                Err(e) if super::is_busy(&e) && tries < 5 => tries += 1,
                Err(e) if super::is_busy(&e) => return Err(StoreError::Busy),
                Err(e) => return Err(e.into()),
            }
        };
        let out = f(self)?;
        tx.commit()?;
        Ok(out)
    }

    fn insert(&self, entity: &str, sql: &str, params: &[&dyn ToSql]) -> Result<i64> {
        self.conn.prepare_cached(sql)?.execute(params)?;
        let id = self.conn.last_insert_rowid();
        self.record(entity, id, "*", None, Some("created"))?;
        Ok(id)
    }

    pub(crate) fn record(
        &self,
        entity: &str,
        id: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        self.record_at(entity, id, field, old, new, &now_stamp())
    }

    /// [`Store::record`] with the time given: an action of thousands of rows (an import) is
    /// stamped once, at one moment.
    pub(crate) fn record_at(
        &self,
        entity: &str,
        id: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        at: &str,
    ) -> Result<()> {
        // A user's change (not the demo's loading) is checked against their role, on the rows
        // as they are when the action ends (see `user_action`).
        if self.action.get().is_some() {
            self.touched.borrow_mut().push((entity.to_string(), id, field == "*" && new == Some("deleted")));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO history (at, who, entity, entity_id, field, old, new, action)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![at, self.user, entity, id, field, old, new, self.action.get()])?;
        Ok(())
    }

    pub fn add_district(&self, name: &str, region: &str) -> Result<i64> {
        self.insert(
            "district",
            "INSERT INTO districts (name, region, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4)",
            &[&clean_line(name), &clean_line(region), &self.user, &now_stamp()],
        )
    }

    pub fn add_org(
        &self,
        district: Option<i64>,
        kind: OrgKind,
        school_type: &str,
        name: &str,
        short_name: &str,
        town: &str,
    ) -> Result<i64> {
        let name = clean_line(name);
        let short = clean_line(short_name);
        let town = clean_line(town);
        let folded = fold(&format!("{name} {short} {town}"));
        self.insert(
            "organization",
            "INSERT INTO organizations (district_id, kind, school_type, name, short_name, town,
                name_fold, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &[
                &district,
                &kind.code(),
                &clean_line(school_type),
                &name,
                &short,
                &town,
                &folded,
                &self.user,
                &now_stamp(),
            ],
        )
    }

    pub fn add_person(&self, name: &str, role: &str, org: Option<i64>, subjects: &str) -> Result<i64> {
        let name = clean_line(name);
        let subjects = clean_line(subjects);
        let folded = fold(&format!("{name} {subjects}"));
        self.insert(
            "person",
            "INSERT INTO people (full_name, role, org_id, subjects, name_fold, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[&name, &clean_line(role), &org, &subjects, &folded, &self.user, &now_stamp()],
        )
    }

    pub fn add_cluster_status(&self, org: i64, year: AcademicYear, status: &str, risk_level: &str) -> Result<i64> {
        self.insert(
            "cluster_status",
            "INSERT INTO cluster_status (org_id, year, status, risk_level, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[&org, &year.0, &clean_line(status), &clean_line(risk_level), &self.user, &now_stamp()],
        )
    }

    /// What a school's status of the year rests on, as the document writes it.
    pub fn note_cluster_status(&self, id: i64, note: &str) -> Result<()> {
        self.conn.execute("UPDATE cluster_status SET note = ?1 WHERE id = ?2", params![clean_line(note), id])?;
        Ok(())
    }

    pub fn add_risk_direction(
        &self,
        org: i64,
        year: AcademicYear,
        direction: &str,
        programme: &str,
        progress: &str,
    ) -> Result<i64> {
        self.insert(
            "risk_direction",
            "INSERT INTO risk_directions (org_id, year, direction, programme, progress, changed_by,
                changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[&org, &year.0, &clean_line(direction), &clean(programme), &clean(progress), &self.user, &now_stamp()],
        )
    }

    pub fn add_link(&self, l: NewLink) -> Result<i64> {
        let (mo, mp) = split(l.mentor);
        let (eo, ep) = split(l.mentee);
        self.insert(
            "mentoring_link",
            "INSERT INTO mentoring_links (level, mentor_org_id, mentor_person_id, mentee_org_id,
                mentee_person_id, subject, form, start_date, end_date, period_text, basis,
                changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            &[
                &l.level.code(),
                &mo,
                &mp,
                &eo,
                &ep,
                &clean_line(l.subject),
                &clean_line(l.form),
                &opt_date(l.when.start),
                &opt_date(l.when.end),
                &l.when.text.as_deref().map(clean_line),
                &clean_line(l.basis),
                &self.user,
                &now_stamp(),
            ],
        )
    }

    pub fn add_network(
        &self,
        district: i64,
        year: AcademicYear,
        model: Option<NetworkModel>,
        name: &str,
        members: &[i64],
    ) -> Result<i64> {
        let id = self.insert(
            "network",
            "INSERT INTO networks (district_id, year, model, name, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[&district, &year.0, &model.map(|m| m.code()), &clean_line(name), &self.user, &now_stamp()],
        )?;
        for m in members {
            self.conn
                .prepare_cached("INSERT INTO network_members (network_id, org_id) VALUES (?1, ?2)")?
                .execute(params![id, m])?;
        }
        Ok(id)
    }

    pub fn add_event(&self, e: NewEvent) -> Result<i64> {
        let id = self.insert(
            "event",
            "INSERT INTO events (district_id, kind, title, subject, grades, start_date, end_date,
                period_text, host_org_id, host_person_id, responsible, funding, expected_result,
                result, status, note, changed_by, changed_at,
                n_teachers, n_people, n_schools, n_connections, n_teams, format, time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            &[
                &e.district,
                &clean_line(e.kind),
                &clean_line(e.title),
                &clean_line(e.subject),
                &clean_line(e.grades),
                &opt_date(e.when.start),
                &opt_date(e.when.end),
                &e.when.text.as_deref().map(clean_line),
                &e.host_org,
                &e.host_person,
                &clean_line(e.responsible),
                &clean_line(e.funding),
                &clean(e.expected_result),
                &clean(e.result),
                &e.status.unwrap_or(EventStatus::Planned).code(),
                &clean(e.note),
                &self.user,
                &now_stamp(),
                &e.turnout.teachers,
                &e.turnout.people,
                &e.turnout.schools,
                &e.turnout.connections,
                &e.turnout.teams,
                &clean_line(e.format),
                &clean_line(e.time),
            ],
        )?;
        for p in &e.participants {
            self.conn
                .prepare_cached("INSERT OR IGNORE INTO event_participants (event_id, org_id) VALUES (?1, ?2)")?
                .execute(params![id, p])?;
        }
        self.write_details(id, &e.details)?;
        Ok(id)
    }

    /// Sets the participants' parts, notes and counts of an event: the ones given, and every
    /// other participant back to plain participation.
    pub(super) fn write_details(&self, event: i64, details: &[crate::turnout::Taking]) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE event_participants SET part = 'participant', note = '', n_teachers = NULL, n_connections = NULL
                  WHERE event_id = ?1 AND (part <> 'participant' OR note <> '' OR n_teachers IS NOT NULL
                        OR n_connections IS NOT NULL)",
            )?
            .execute([event])?;
        for t in details.iter().filter(|t| !t.is_plain()) {
            self.conn
                .prepare_cached(
                    "UPDATE event_participants SET part = ?3, note = ?4, n_teachers = ?5, n_connections = ?6
                      WHERE event_id = ?1 AND org_id = ?2",
                )?
                .execute(params![event, t.org, t.part.code(), clean_line(&t.note), t.teachers, t.connections])?;
        }
        Ok(())
    }

    pub fn add_meeting(&self, m: NewMeeting) -> Result<i64> {
        self.insert(
            "meeting",
            "INSERT INTO meetings (district_id, number, title, date, time, format, link, place,
                changed_by, changed_at, audience, moderators, n_connections, appendices, signed, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            &[
                &m.district,
                &clean_line(m.number),
                &clean_line(m.title),
                &opt_date(m.date),
                &clean_line(m.time),
                &clean_line(m.format),
                &clean_line(m.link),
                &clean_line(m.place),
                &self.user,
                &now_stamp(),
                &clean_line(&m.facts.audience),
                &clean_line(&m.facts.moderators),
                &m.facts.connections,
                &clean(&m.facts.appendices),
                &clean_line(&m.facts.signed),
                &clean(&m.facts.note),
            ],
        )
    }

    pub fn add_meeting_participant(&self, meeting: i64, who: Option<Party>, text: &str) -> Result<()> {
        let (o, p) = who.map(split).unwrap_or((None, None));
        self.conn
            .prepare_cached(
                "INSERT INTO meeting_participants (meeting_id, pos, person_id, org_id, text)
                 VALUES (?1, (SELECT count(*) + 1 FROM meeting_participants WHERE meeting_id = ?1),
                 ?2, ?3, ?4)",
            )?
            .execute(params![meeting, p, o, clean_line(text)])?;
        Ok(())
    }

    pub fn add_agenda_item(&self, meeting: i64, text: &str, speaker: &str, heard: &str) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO agenda_items (meeting_id, pos, text, speaker, heard)
                 VALUES (?1, (SELECT count(*) + 1 FROM agenda_items WHERE meeting_id = ?1), ?2, ?3, ?4)",
            )?
            .execute(params![meeting, clean(text), clean_line(speaker), clean(heard)])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn add_decision(
        &self,
        meeting: i64,
        text: &str,
        deadline: When,
        responsible: &str,
        status: EventStatus,
    ) -> Result<i64> {
        self.insert(
            "decision",
            "INSERT INTO decisions (meeting_id, pos, text, start_date, end_date, period_text,
                responsible, status, changed_by, changed_at)
             VALUES (?1, (SELECT count(*) + 1 FROM decisions WHERE meeting_id = ?1), ?2, ?3, ?4,
                ?5, ?6, ?7, ?8, ?9)",
            &[
                &meeting,
                &clean(text),
                &opt_date(deadline.start),
                &opt_date(deadline.end),
                &deadline.text.as_deref().map(clean_line),
                &clean_line(responsible),
                &status.code(),
                &self.user,
                &now_stamp(),
            ],
        )
    }

    pub fn add_agreement(&self, a: NewAgreement) -> Result<i64> {
        self.insert(
            "agreement",
            "INSERT INTO agreements (kind, parent_id, district_id, number, title, subject, date,
                start_date, end_date, term_text, status, place, goals, tasks, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            &[
                &a.kind.code(),
                &a.parent,
                &a.district,
                &clean_line(a.number),
                &clean_line(a.title),
                &clean(a.subject),
                &opt_date(a.date),
                &opt_date(a.term.start),
                &opt_date(a.term.end),
                &a.term.text.as_deref().map(clean_line).unwrap_or_default(),
                &a.status.code(),
                &clean_line(a.place),
                &clean(a.goals),
                &clean(a.tasks),
                &self.user,
                &now_stamp(),
            ],
        )
    }

    pub fn add_agreement_party(&self, agreement: i64, p: NewParty) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO agreement_parties (agreement_id, pos, org_id, name, signatory, position, basis, address)
                 VALUES (?1, (SELECT count(*) + 1 FROM agreement_parties WHERE agreement_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                agreement,
                p.org,
                clean_line(p.name),
                clean_line(p.signatory),
                clean_line(p.position),
                clean_line(p.basis),
                clean_line(p.address)
            ])?;
        Ok(())
    }

    pub fn add_appendix(&self, agreement: i64, number: i64, title: &str) -> Result<i64> {
        self.conn
            .prepare_cached("INSERT INTO agreement_appendices (agreement_id, number, title) VALUES (?1, ?2, ?3)")?
            .execute(params![agreement, number, clean_line(title)])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A row of a joint plan: a roadmap event, listed in the appendix at the next position.
    pub fn add_plan_item(&self, appendix: i64, event: NewEvent) -> Result<i64> {
        let id = self.add_event(event)?;
        self.append_plan_item(appendix, id)?;
        Ok(id)
    }

    /// Lists an existing event as the next row of a plan.
    pub fn append_plan_item(&self, appendix: i64, event: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO plan_items (appendix_id, pos, event, event_id)
                 VALUES (?1, (SELECT coalesce(max(pos), 0) + 1 FROM plan_items WHERE appendix_id = ?1), '', ?2)",
            )?
            .execute(params![appendix, event])?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add_indicator(
        &self,
        district: Option<i64>,
        org: Option<i64>,
        name: &str,
        unit: &str,
        target: &str,
        period_label: &str,
        is_bool: bool,
    ) -> Result<i64> {
        self.insert(
            "indicator",
            "INSERT INTO indicators (district_id, org_id, name, unit, target, period_label, is_bool,
                changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &[
                &district,
                &org,
                &clean_line(name),
                &clean_line(unit),
                &clean_line(target),
                &clean_line(period_label),
                &is_bool,
                &self.user,
                &now_stamp(),
            ],
        )
    }

    pub fn add_indicator_value(&self, indicator: i64, year: AcademicYear, period: &str, value: &str) -> Result<i64> {
        self.insert(
            "indicator_value",
            "INSERT INTO indicator_values (indicator_id, year, period, value, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[&indicator, &year.0, &clean_line(period), &clean_line(value), &self.user, &now_stamp()],
        )
    }
}

/// A school (or another body) as the directory form enters it.
#[derive(Clone, Debug, Default)]
pub struct NewSchool {
    pub name: String,
    pub short_name: String,
    /// СОШ, ООШ, гимназия, лицей… as written.
    pub school_type: String,
    /// The district by name: found, or made when the store has none of that name.
    pub district: String,
    pub town: String,
    /// The cluster status and risk level for `year`, when given: what lists it in Clusters.
    pub status: String,
    pub risk_level: String,
    pub year: Option<AcademicYear>,
}

impl Store {
    /// Adds a school as one recorded, undoable action; refuses one that is there already (the
    /// same name, folded, in the same district).
    pub fn add_school(&self, n: &NewSchool) -> Result<i64> {
        self.user_action(|s| {
            let district = match n.district.trim() {
                "" => None,
                name => Some(s.district_named(name)?),
            };
            let folded = fold(&n.name);
            let twin: i64 = s.conn.query_row(
                "SELECT count(*) FROM organizations WHERE district_id IS ?1 AND (name_fold = ?2 OR name_fold LIKE ?2 || ' %')",
                params![district, folded],
                |r| r.get(0),
            )?;
            if twin > 0 {
                return Err(StoreError::Duplicate);
            }
            let id = s.add_org(district, OrgKind::School, &n.school_type, &n.name, &n.short_name, &n.town)?;
            if let (Some(year), false) = (n.year, n.status.trim().is_empty()) {
                s.add_cluster_status(id, year, &n.status, &n.risk_level)?;
            }
            Ok(id)
        })
    }
}

fn split(p: Party) -> (Option<i64>, Option<i64>) {
    match p {
        Party::Org(id) => (Some(id), None),
        Party::Person(id) => (None, Some(id)),
    }
}
