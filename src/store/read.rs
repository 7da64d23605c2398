//! What the panes list. Text is cleaned on the way out too: a row written by another program
//! must not reach the terminal with an escape sequence in it.

use super::{Result, Store, StoreError};
use crate::domain::*;
use crate::lookup::{Entity, Entry};
use crate::text::{clean_line, natural_key, AcademicYear};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

thread_local! {
    /// How many values this thread read that were not valid UTF-8 (written by another tool).
    static DAMAGED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The number of damaged values read on this thread since the last call, and starts again.
pub fn take_damaged() -> usize {
    DAMAGED.with(|d| d.replace(0))
}

/// A text column as text, whatever another tool wrote there: a byte that is not UTF-8
/// becomes the replacement character (and is counted) instead of failing the whole read.
pub(super) fn lossy(r: &Row, i: usize) -> rusqlite::Result<Option<String>> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(b) | ValueRef::Blob(b) => Some(match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => {
                DAMAGED.with(|d| d.set(d.get() + 1));
                String::from_utf8_lossy(b).into_owned()
            }
        }),
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(crate::text::format_number(x)),
    })
}

/// A meeting's participants as printed: a person with their role and school, an organisation
/// by name, else the text as written; with each row's rowid, in order.
pub(super) const PARTICIPANTS_SQL: &str = "SELECT mp.rowid, CASE
        WHEN p.id IS NOT NULL THEN p.full_name || coalesce(', ' || nullif(p.role, ''), '')
             || coalesce(', ' || nullif(po.short_name, ''), '')
        WHEN o.id IS NOT NULL THEN o.name
        ELSE mp.text END
       FROM meeting_participants mp
       LEFT JOIN people p ON p.id = mp.person_id
       LEFT JOIN organizations po ON po.id = p.org_id
       LEFT JOIN organizations o ON o.id = mp.org_id
      WHERE mp.meeting_id = ?1 ORDER BY mp.pos, mp.rowid";

pub(super) fn text(r: &Row, i: usize) -> rusqlite::Result<String> {
    Ok(lossy(r, i)?.map(crate::text::clean_line_owned).unwrap_or_default())
}

/// Multi-line text, cleaned but keeping its line breaks.
pub(super) fn clean_multi(r: &Row, i: usize) -> rusqlite::Result<String> {
    Ok(lossy(r, i)?.map(|s| crate::text::clean(&s)).unwrap_or_default())
}

pub(super) fn date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    use rusqlite::types::ValueRef;
    // The stored form, 2021-11-25, read from its bytes: a year's rows hold tens of thousands.
    if let ValueRef::Text(b) = r.get_ref(i)? {
        if let Some(d) = iso_date(b) {
            return Ok(Some(d));
        }
    }
    Ok(lossy(r, i)?.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

/// An FTS5 query matching a row that holds any of `pieces` (folded: letters, digits, spaces).
fn fts_any(pieces: &[String]) -> String {
    let quoted: Vec<String> = pieces.iter().map(|p| format!("\"{}\"", p.replace('"', "\"\""))).collect();
    quoted.join(" OR ")
}

/// The school year a stored month (`2021-11`) falls in: September begins one.
fn month_year(month: &str) -> Option<i32> {
    let (y, m) = month.split_once('-')?;
    let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    Some(if m < 9 { y - 1 } else { y })
}

/// `YYYY-MM-DD` from bytes, without a copy; anything else is `None` (and read the slow way).
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

pub(super) fn when(r: &Row, i: usize) -> rusqlite::Result<When> {
    let t: Option<String> = r.get(i + 2)?;
    Ok(When { start: date(r, i)?, end: date(r, i + 1)?, text: t.map(|s| clean_line(&s)).filter(|s| !s.is_empty()) })
}

pub(super) fn stamp(r: &Row, i: usize) -> rusqlite::Result<Stamp> {
    Ok(Stamp { version: r.get(i)?, changed_by: text(r, i + 1)?, changed_at: text(r, i + 2)? })
}

fn bounds(y: AcademicYear) -> (String, String) {
    (y.start().format("%Y-%m-%d").to_string(), y.end().format("%Y-%m-%d").to_string())
}

/// SQL naming a party of a link: an organization, or a person with their organization.
const PARTY: &str = "coalesce(%o.name, %p.full_name || coalesce(' (' || nullif(%po.short_name, '') || ')', ''))";

fn party(prefix: &str) -> String {
    PARTY
        .replace("%o", &format!("{prefix}o"))
        .replace("%po", &format!("{prefix}po"))
        .replace("%p", &format!("{prefix}p"))
}

const EVENT_COLS: &str = "e.id, e.start_date, e.end_date, e.period_text, e.status, e.kind, e.title,
    e.subject, e.grades, coalesce(h.name, ''), coalesce(t.full_name, ''),
    NULL,
    e.responsible, e.result, coalesce(d.name, ''), e.version, e.changed_by, e.changed_at,
    coalesce(nullif(h.short_name, ''), h.name, ''), e.note,
    EXISTS (SELECT 1 FROM plan_items p
              JOIN agreement_appendices ap ON ap.id = p.appendix_id
              JOIN agreements a ON a.id = ap.agreement_id
             WHERE p.event_id = e.id AND a.status IN ('draft', 'approval', 'terminated')),
    e.n_teachers, e.n_people, e.n_schools, e.n_connections, e.n_teams, e.format, e.time,
    EXISTS (SELECT 1 FROM marks k WHERE k.entity = 'event' AND k.entity_id = e.id)
    FROM events e
    LEFT JOIN organizations h ON h.id = e.host_org_id
    LEFT JOIN people t ON t.id = e.host_person_id
    LEFT JOIN districts d ON d.id = e.district_id";

/// A decision's columns, its meeting joined as `m`, in the order [`decision_row`] reads.
const DECISION_COLS: &str = "x.id, trim(coalesce('№' || nullif(m.number, '') || ' ', '') || m.title), x.pos, x.text,
    x.start_date, x.end_date, x.period_text, x.responsible, x.status, x.version, x.changed_by, x.changed_at,
    m.kind = 'report'";

fn decision_row(r: &Row) -> rusqlite::Result<DecisionRow> {
    Ok(DecisionRow {
        id: r.get(0)?,
        of_report: r.get(12)?,
        meeting: text(r, 1)?,
        number: r.get(2)?,
        text: text(r, 3)?,
        deadline: when(r, 4)?,
        responsible: text(r, 7)?,
        status: EventStatus::from_code(&r.get::<_, String>(8)?).unwrap_or(EventStatus::Planned),
        stamp: stamp(r, 9)?,
    })
}

/// A protocol's audience, moderators, connections, appendices, signature and note, from column
/// `at` on in that order.
pub(super) fn protocol_facts(r: &Row, at: usize) -> rusqlite::Result<crate::domain::ProtocolFacts> {
    Ok(crate::domain::ProtocolFacts {
        audience: text(r, at)?,
        moderators: text(r, at + 1)?,
        connections: r.get(at + 2)?,
        appendices: clean_multi(r, at + 3)?,
        signed: text(r, at + 4)?,
        note: clean_multi(r, at + 5)?,
    })
}

fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        when: when(r, 1)?,
        status: EventStatus::from_code(&r.get::<_, String>(4)?).unwrap_or(EventStatus::Planned),
        kind: text(r, 5)?,
        title: text(r, 6)?,
        subject: text(r, 7)?,
        grades: text(r, 8)?,
        host_school: text(r, 9)?,
        host_short: text(r, 18)?,
        teacher: text(r, 10)?,
        participants: text(r, 11)?,
        responsible: text(r, 12)?,
        result: text(r, 13)?,
        district: text(r, 14)?,
        stamp: stamp(r, 15)?,
        note: text(r, 19)?,
        proposal: r.get(20)?,
        turnout: turnout(r, 21)?,
        format: text(r, 26)?,
        time: text(r, 27)?,
        marked: r.get(28)?,
        details: Vec::new(),
    })
}

/// A participant with more than a name on the list, as [`TAKING_SQL`] reads it: the event, and
/// the school's part.
fn taking_row(r: &Row) -> rusqlite::Result<(i64, crate::turnout::Taking)> {
    Ok((
        r.get(0)?,
        crate::turnout::Taking {
            org: r.get(1)?,
            name: text(r, 2)?,
            part: crate::turnout::Part::from_code(&r.get::<_, String>(3)?),
            note: text(r, 4)?,
            teachers: r.get(5)?,
            connections: r.get(6)?,
        },
    ))
}

/// The participants of events with more than a name on the list, `%name` the school's name
/// column and `%where` what picks the events.
const TAKING_SQL: &str = "SELECT ep.event_id, ep.org_id, %name, ep.part, ep.note, ep.n_teachers, ep.n_connections
       FROM event_participants ep JOIN organizations o ON o.id = ep.org_id
      WHERE (ep.part <> 'participant' OR ep.note <> '' OR ep.n_teachers IS NOT NULL OR ep.n_connections IS NOT NULL)
        AND %where
      ORDER BY ep.event_id, %name";

pub(crate) fn taking_sql(name: &str, filter: &str) -> String {
    TAKING_SQL.replace("%name", name).replace("%where", filter)
}

/// The schools' short names, as the lists show them.
pub(crate) const SHORT_NAME: &str = "coalesce(nullif(o.short_name, ''), o.name)";

/// The five counts of who took part, from column `at` on.
pub(crate) fn turnout(r: &Row, at: usize) -> rusqlite::Result<crate::turnout::Turnout> {
    let n = |i: usize| -> rusqlite::Result<Option<u32>> { r.get(at + i) };
    Ok(crate::turnout::Turnout::from_numbers([n(0)?, n(1)?, n(2)?, n(3)?, n(4)?]))
}

fn link_sql(filter: &str) -> String {
    format!(
        "SELECT l.id, l.level, {}, {}, l.subject, l.form, l.start_date, l.end_date, l.period_text,
            l.basis, l.ended_at IS NULL, l.mentor_org_id, l.mentor_person_id, l.mentee_org_id,
            l.mentee_person_id, l.basis_date, l.version, l.changed_by, l.changed_at,
            coalesce(mo.kind = 'body', 0),
            CASE WHEN instr(mp.role, 'координатор') THEN 'coordinator'
                 WHEN instr(mp.role, 'куратор') THEN 'curator' ELSE '' END
         FROM mentoring_links l
         LEFT JOIN organizations mo ON mo.id = l.mentor_org_id
         LEFT JOIN people mp ON mp.id = l.mentor_person_id
         LEFT JOIN organizations mpo ON mpo.id = mp.org_id
         LEFT JOIN organizations eo ON eo.id = l.mentee_org_id
         LEFT JOIN people ep ON ep.id = l.mentee_person_id
         LEFT JOIN organizations epo ON epo.id = ep.org_id
         WHERE {filter}
         ORDER BY l.start_date, l.id",
        party("m"),
        party("e")
    )
}

fn entity(r: &Row, org: usize) -> rusqlite::Result<Entity> {
    Ok(match r.get::<_, Option<i64>>(org)? {
        Some(id) => Entity::Org(id),
        None => Entity::Person(r.get::<_, Option<i64>>(org + 1)?.unwrap_or(0)),
    })
}

fn link_row(r: &Row) -> rusqlite::Result<LinkRow> {
    Ok(LinkRow {
        id: r.get(0)?,
        basis_date: date(r, 15)?,
        stamp: stamp(r, 16)?,
        mentor_ref: entity(r, 11)?,
        mentee_ref: entity(r, 13)?,
        level: LinkLevel::from_code(&r.get::<_, String>(1)?).unwrap_or(LinkLevel::SchoolSchool),
        mentor: text(r, 2)?,
        mentee: text(r, 3)?,
        subject: text(r, 4)?,
        form: text(r, 5)?,
        when: when(r, 6)?,
        basis: text(r, 9)?,
        active: r.get(10)?,
        mentor_body: r.get(19)?,
        mentor_role: r.get(20)?,
    })
}

/// The plan rows counted for an agreement: its own appendices' and its additional agreements'.
const PLAN_OF: &str = "FROM plan_items pi
    JOIN agreement_appendices ap ON ap.id = pi.appendix_id
    LEFT JOIN events pe ON pe.id = pi.event_id
   WHERE (ap.agreement_id = a.id OR ap.agreement_id IN (SELECT c.id FROM agreements c WHERE c.parent_id = a.id))
     AND coalesce(pe.status, '') <> 'cancelled'";

fn agreement_cols() -> String {
    format!(
        "a.id, a.kind, a.number, a.date, a.title,
    (SELECT group_concat(coalesce(nullif(p.name, ''), nullif(o.short_name, ''), o.name, '…')
                         || coalesce(' — ' || nullif(p.signatory, ''), ''), '; ')
       FROM agreement_parties p LEFT JOIN organizations o ON o.id = p.org_id
      WHERE p.agreement_id = a.id),
    a.term_text, a.status, a.parent_id, a.version, a.changed_by, a.changed_at, a.subject,
    a.start_date, coalesce(a.end_date, (SELECT pa.end_date FROM agreements pa WHERE pa.id = a.parent_id)),
    a.place, a.goals, a.tasks,
    (SELECT count(*) {PLAN_OF}),
    (SELECT count(*) {PLAN_OF} AND pe.status = 'done')
    FROM agreements a"
    )
}

fn agreement_row(r: &Row) -> rusqlite::Result<AgreementRow> {
    let signed_on = date(r, 3)?;
    let start = date(r, 13)?;
    let end = date(r, 14)?;
    let mut term = text(r, 6)?;
    if term.is_empty() {
        term = When { start, end, text: None }.display();
    }
    Ok(AgreementRow {
        id: r.get(0)?,
        kind: AgreementKind::from_code(&r.get::<_, String>(1)?).unwrap_or(AgreementKind::Framework),
        number: text(r, 2)?,
        date: signed_on.map(crate::text::format_date).unwrap_or_default(),
        title: text(r, 4)?,
        parties: text(r, 5)?,
        term,
        status: AgreementStatus::from_code(&r.get::<_, String>(7)?).unwrap_or(AgreementStatus::Draft),
        parent: r.get(8)?,
        stamp: stamp(r, 9)?,
        subject: clean_multi(r, 12)?,
        signed_on,
        start,
        end,
        place: text(r, 15)?,
        goals: clean_multi(r, 16)?,
        tasks: clean_multi(r, 17)?,
        plan_total: r.get(18)?,
        plan_done: r.get(19)?,
    })
}

/// One of an organisation's people.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub retired: bool,
}

impl Store {
    /// The academic years that have anything in any table — events, decisions and meetings,
    /// links and agreements by their dates, cluster statuses, risk profiles, diagnostics,
    /// networks and indicator values by their year — oldest first.
    pub fn years(&self) -> Result<Vec<AcademicYear>> {
        // The months that have anything (events' through the index on their first day, never
        // reading the rows), turned into school years here.
        let of = |col: &str, table: &str| format!("SELECT substr({col}, 1, 7) AS m FROM {table} WHERE {col} > ''");
        let sql = format!(
            "SELECT m, NULL FROM ({} UNION {} UNION {} UNION {} UNION {})
             UNION SELECT NULL, year FROM (SELECT year FROM cluster_status UNION SELECT year FROM indicator_values
                UNION SELECT year FROM risk_directions UNION SELECT year FROM diagnostics
                UNION SELECT year FROM networks)",
            of("start_date", "events"),
            of("start_date", "decisions"),
            of("date", "meetings"),
            of("start_date", "mentoring_links"),
            of("start_date", "agreements"),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| Ok((lossy(r, 0)?, r.get::<_, Option<i64>>(1)?)))?;
        let mut years = std::collections::BTreeSet::new();
        for row in rows {
            let y = match row? {
                (Some(month), _) => month_year(&month),
                (None, Some(y)) => i32::try_from(y).ok(),
                (None, None) => None,
            };
            years.extend(y.filter(|y| (1990..=2100).contains(y)));
        }
        Ok(years.into_iter().map(AcademicYear).collect())
    }

    /// The year a pane opens on: the current academic year when it has events, otherwise the
    /// year up to now with the most events (the latest of equals), so a store that holds past
    /// years does not open on an empty screen.
    pub fn default_year(&self) -> Result<AcademicYear> {
        let current = AcademicYear::current();
        // Counted by month through the index on the first day, summed by school year here.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT substr(start_date, 1, 7), count(*) FROM events WHERE start_date > '' GROUP BY 1")?;
        let mut counts: std::collections::BTreeMap<i32, i64> = Default::default();
        for row in stmt.query_map([], |r| Ok((lossy(r, 0)?, r.get::<_, i64>(1)?)))? {
            let (month, n) = row?;
            if let Some(y) = month.as_deref().and_then(month_year) {
                *counts.entry(y).or_default() += n;
            }
        }
        if counts.contains_key(&current.0) || self.years()?.contains(&current) {
            return Ok(current);
        }
        Ok(counts
            .iter()
            .filter(|(y, _)| **y <= current.0)
            .max_by_key(|(y, n)| (**n, **y))
            .map(|(y, _)| AcademicYear(*y))
            .unwrap_or(current))
    }

    pub fn clusters(&self, year: AcademicYear) -> Result<Vec<ClusterRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name, coalesce(d.name, ''), o.town, c.status, c.risk_level, o.retired_at IS NOT NULL
               FROM cluster_status c
               JOIN organizations o ON o.id = c.org_id
               LEFT JOIN districts d ON d.id = o.district_id
              WHERE c.year = ?1
              ORDER BY c.status, d.name, o.name",
        )?;
        let rows = stmt.query_map([year.0], |r| {
            Ok(ClusterRow {
                org_id: r.get(0)?,
                school: text(r, 1)?,
                district: text(r, 2)?,
                town: text(r, 3)?,
                status: text(r, 4)?,
                risk_level: text(r, 5)?,
                retired: r.get(6)?,
            })
        })?;
        let mut rows: Vec<ClusterRow> = rows.collect::<rusqlite::Result<_>>()?;
        rows.sort_by_cached_key(|c| {
            (cluster_rank(&c.status), natural_key(&c.status), natural_key(&c.district), natural_key(&c.school))
        });
        Ok(rows)
    }

    pub fn links(&self, year: AcademicYear) -> Result<Vec<LinkRow>> {
        let (s, e) = bounds(year);
        let sql = link_sql(
            // A link without an end runs until it is ended.
            "(l.start_date IS NULL OR l.start_date <= ?2) AND (l.end_date IS NULL OR l.end_date >= ?1)",
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![s, e], link_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn events(&self, year: AcademicYear) -> Result<Vec<EventRow>> {
        let (s, e) = bounds(year);
        // The table read in its order, not through the index on the first day: every event
        // that began before the year's end is in that index's range, each one a lookup. Sorted
        // here, not by a temporary B-tree of whole rows.
        let sql = format!(
            "SELECT {EVENT_COLS}
              WHERE +e.start_date <= ?2 AND coalesce(e.end_date, e.start_date) >= ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<EventRow> = stmt.query_map(params![s, e], event_row)?.collect::<rusqlite::Result<_>>()?;
        rows.sort_by_key(|r| (r.when.start, r.when.end.or(r.when.start), r.id));

        // The participants of all of them in one grouped pass, not one query per event.
        let mut stmt = self.conn.prepare_cached(
            "SELECT ep.event_id, group_concat(coalesce(nullif(o.short_name, ''), o.name), ', ' ORDER BY coalesce(nullif(o.short_name, ''), o.name))
               FROM event_participants ep JOIN organizations o ON o.id = ep.org_id
               JOIN events e ON e.id = ep.event_id
              WHERE +e.start_date <= ?2 AND coalesce(e.end_date, e.start_date) >= ?1
              GROUP BY ep.event_id",
        )?;
        let mut who: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        for r in stmt.query_map(params![s, e], |r| Ok((r.get::<_, i64>(0)?, text(r, 1)?)))? {
            let (id, names) = r?;
            who.insert(id, names);
        }
        // And what the few with more than a name on the list were.
        let sql = taking_sql(
            SHORT_NAME,
            "ep.event_id IN (SELECT e.id FROM events e WHERE +e.start_date <= ?2 AND coalesce(e.end_date, e.start_date) >= ?1)",
        );
        let mut details: std::collections::HashMap<i64, Vec<crate::turnout::Taking>> = std::collections::HashMap::new();
        for r in self.conn.prepare_cached(&sql)?.query_map(params![s, e], taking_row)? {
            let (id, t) = r?;
            details.entry(id).or_default().push(t);
        }
        for row in &mut rows {
            if let Some(names) = who.remove(&row.id) {
                row.participants = names;
            }
            if let Some(d) = details.remove(&row.id) {
                row.details = d;
            }
        }
        Ok(rows)
    }

    /// Events not yet held (planned or under way) that begin on or before `until`, of every
    /// year, soonest last day first: what the agenda lists. An event of the joint plan of an
    /// agreement not signed (a draft, a template's sample plan) or terminated is a proposal, no
    /// one's commitment: left out. Their participants are not read.
    pub fn open_events_until(&self, until: NaiveDate) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_COLS}
              WHERE e.status IN ('planned', 'in_progress') AND e.start_date <= ?1
                AND NOT EXISTS (SELECT 1 FROM plan_items p
                       JOIN agreement_appendices ap ON ap.id = p.appendix_id
                       JOIN agreements a ON a.id = ap.agreement_id
                      WHERE p.event_id = e.id AND a.status IN ('draft', 'approval', 'terminated'))
              ORDER BY coalesce(e.end_date, e.start_date), e.start_date, e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([until.format("%Y-%m-%d").to_string()], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Decisions not done nor cancelled whose deadline's last day is on or before `until`, or
    /// that have no deadline, of every year, each with its meeting's day.
    pub fn open_decisions_until(&self, until: NaiveDate) -> Result<Vec<(DecisionRow, Option<NaiveDate>)>> {
        let sql = format!(
            "SELECT {DECISION_COLS}, coalesce(m.date, m.period_end)
               FROM decisions x JOIN meetings m ON m.id = x.meeting_id
              WHERE x.status NOT IN ('done', 'cancelled')
                AND coalesce(x.end_date, x.start_date, '') <= ?1
              ORDER BY coalesce(x.end_date, x.start_date), m.id, x.pos"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([until.format("%Y-%m-%d").to_string()], |r| Ok((decision_row(r)?, date(r, 13)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn event(&self, id: i64) -> Result<EventRow> {
        let sql = format!("SELECT {EVENT_COLS} WHERE e.id = ?1");
        let mut row = self.conn.prepare_cached(&sql)?.query_row([id], event_row)?;
        row.participants = self
            .conn
            .prepare_cached(
                "SELECT group_concat(coalesce(nullif(o.short_name, ''), o.name), ', ' ORDER BY coalesce(nullif(o.short_name, ''), o.name))
                   FROM event_participants ep JOIN organizations o ON o.id = ep.org_id WHERE ep.event_id = ?1",
            )?
            .query_row([id], |r| text(r, 0))?;
        row.details = self.takings(id, SHORT_NAME)?;
        Ok(row)
    }

    /// The event as the year's list has it, or none when it is no longer in the store.
    pub fn find_event(&self, id: i64) -> Result<Option<EventRow>> {
        let there: bool = self
            .conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM events WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        if there {
            self.event(id).map(Some)
        } else {
            Ok(None)
        }
    }

    /// An event's participants with more than a name on the list, named by `name` (a column
    /// of `o`, the organisation).
    pub(crate) fn takings(&self, id: i64, name: &str) -> Result<Vec<crate::turnout::Taking>> {
        let sql = taking_sql(name, "ep.event_id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], taking_row)?;
        Ok(rows.map(|r| r.map(|(_, t)| t)).collect::<rusqlite::Result<_>>()?)
    }

    /// Decisions whose deadline falls in the year, or, without a deadline, whose meeting does.
    pub fn decisions(&self, year: AcademicYear) -> Result<Vec<DecisionRow>> {
        let (s, e) = bounds(year);
        let sql = format!(
            "SELECT {DECISION_COLS}
               FROM decisions x JOIN meetings m ON m.id = x.meeting_id
              WHERE coalesce(x.start_date, m.date, m.period_end) <= ?2
                AND coalesce(x.end_date, x.start_date, m.date, m.period_end) >= ?1
              ORDER BY coalesce(x.end_date, x.start_date, m.date, m.period_end), m.id, x.pos"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![s, e], decision_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The decisions of one meeting (the recommendations of one report), in their order.
    pub fn decisions_of(&self, meeting: i64) -> Result<Vec<DecisionRow>> {
        let sql = format!(
            "SELECT {DECISION_COLS}
               FROM decisions x JOIN meetings m ON m.id = x.meeting_id WHERE m.id = ?1 ORDER BY x.pos, x.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([meeting], decision_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every agreement, whatever the year: a framework agreement followed by its additional
    /// ones. Agreements span school years and there are few of them; the pane filters them.
    pub fn agreements(&self) -> Result<Vec<AgreementRow>> {
        let sql =
            format!("SELECT {} ORDER BY coalesce(a.parent_id, a.id), a.parent_id IS NOT NULL, a.id", agreement_cols());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], agreement_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn agreement(&self, id: i64) -> Result<AgreementRow> {
        let sql = format!("SELECT {} WHERE a.id = ?1", agreement_cols());
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], agreement_row)
            .optional()?
            .ok_or(StoreError::NotFound("agreement"))
    }

    /// An agreement's parties in order, with the school's name where the party is one.
    pub fn agreement_parties(&self, agreement: i64) -> Result<Vec<PartyRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.org_id, coalesce(nullif(p.name, ''), o.name, ''), coalesce(o.short_name, ''), p.signatory, p.position,
                    p.basis, p.address
               FROM agreement_parties p LEFT JOIN organizations o ON o.id = p.org_id
              WHERE p.agreement_id = ?1 ORDER BY p.pos",
        )?;
        let rows = stmt.query_map([agreement], |r| {
            Ok(PartyRow {
                id: r.get(0)?,
                org: r.get(1)?,
                name: text(r, 2)?,
                short: text(r, 3)?,
                signatory: text(r, 4)?,
                position: text(r, 5)?,
                basis: text(r, 6)?,
                address: text(r, 7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn appendices(&self, agreement: i64) -> Result<Vec<Appendix>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, title FROM agreement_appendices WHERE agreement_id = ?1 ORDER BY number",
        )?;
        let heads: Vec<(i64, i64, String)> = stmt
            .query_map([agreement], |r| Ok((r.get(0)?, r.get(1)?, text(r, 2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // A plan row that is a roadmap event reads the event: editing one edits the other.
        let mut items = self.conn.prepare_cached(
            "SELECT pi.pos, coalesce(e.title, pi.event), e.start_date, e.end_date, e.period_text, pi.dates,
                    coalesce(e.responsible, pi.responsible), coalesce(e.funding, pi.funding),
                    coalesce(e.expected_result, pi.result), e.id, e.status, e.result
               FROM plan_items pi LEFT JOIN events e ON e.id = pi.event_id
              WHERE pi.appendix_id = ?1 ORDER BY pi.pos",
        )?;
        let mut out = Vec::new();
        for (id, number, title) in heads {
            let rows = items
                .query_map([id], |r| {
                    let event_id: Option<i64> = r.get(9)?;
                    let dates = if event_id.is_some() { when(r, 2)?.display() } else { text(r, 5)? };
                    Ok(PlanItem {
                        number: r.get(0)?,
                        event: text(r, 1)?,
                        dates,
                        responsible: text(r, 6)?,
                        funding: text(r, 7)?,
                        result: clean_multi(r, 8)?,
                        event_id,
                        status: r.get::<_, Option<String>>(10)?.and_then(|c| EventStatus::from_code(&c)),
                        outcome: clean_multi(r, 11)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            out.push(Appendix { number, title, items: rows });
        }
        Ok(out)
    }

    pub fn history(&self, entity: &str, id: i64) -> Result<Vec<HistoryRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, who, entity, entity_id, field, old, new FROM history
              WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map(params![entity, id], |r| {
            Ok(HistoryRow {
                at: text(r, 0)?,
                who: text(r, 1)?,
                entity: text(r, 2)?,
                entity_id: r.get(3)?,
                field: text(r, 4)?,
                old: text(r, 5)?,
                new: text(r, 6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn school_card(&self, org: i64) -> Result<SchoolCard> {
        let (name, district, town, listed, [inn, ogrn, address, phone, email]) = self
            .conn
            .prepare_cached(
                "SELECT o.name, coalesce(d.name, ''), o.town, o.director, o.inn, o.ogrn, o.address, o.phone, o.email
                   FROM organizations o LEFT JOIN districts d ON d.id = o.district_id WHERE o.id = ?1",
            )?
            .query_row([org], |r| {
                Ok((
                    text(r, 0)?,
                    text(r, 1)?,
                    text(r, 2)?,
                    text(r, 3)?,
                    [text(r, 4)?, text(r, 5)?, text(r, 6)?, text(r, 7)?, text(r, 8)?],
                ))
            })
            .map_err(|_| super::StoreError::NotFound("organization"))?;
        // A person who left stays on the card, marked.
        let staff: Vec<(String, String)> = self
            .staff_of(org)?
            .into_iter()
            .map(|p| (if p.retired { format!("{} (×)", p.name) } else { p.name }, p.role))
            .collect();
        // The directory's own director first; else the person whose position says so.
        let director = if listed.is_empty() {
            staff.iter().find(|(_, role)| role.starts_with("директор")).map(|(n, _)| n.clone()).unwrap_or_default()
        } else {
            listed
        };
        let statuses = self
            .conn
            .prepare_cached(
                "SELECT year, status, risk_level, note FROM cluster_status WHERE org_id = ?1 ORDER BY year, id",
            )?
            .query_map([org], |r| Ok((AcademicYear(r.get(0)?).label(), text(r, 1)?, text(r, 2)?, text(r, 3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mentors = self
            .conn
            .prepare_cached(&link_sql("l.mentee_org_id = ?1 OR ep.org_id = ?1"))?
            .query_map([org], link_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mentees = self
            .conn
            .prepare_cached(&link_sql("l.mentor_org_id = ?1 OR mp.org_id = ?1"))?
            .query_map([org], link_row)?
            .collect::<rusqlite::Result<_>>()?;
        let events = self
            .conn
            .prepare_cached(&format!(
                "SELECT {EVENT_COLS} WHERE e.host_org_id = ?1
                    OR e.id IN (SELECT event_id FROM event_participants WHERE org_id = ?1)
                  ORDER BY e.start_date, e.id"
            ))?
            .query_map([org], event_row)?
            .collect::<rusqlite::Result<_>>()?;
        let agreements = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} WHERE a.id IN
                    (SELECT agreement_id FROM agreement_parties WHERE org_id = ?1) ORDER BY a.id",
                agreement_cols()
            ))?
            .query_map([org], agreement_row)?
            .collect::<rusqlite::Result<_>>()?;
        let risks = self.risks_of(org)?;
        Ok(SchoolCard {
            id: org,
            name,
            district,
            town,
            director,
            inn,
            ogrn,
            address,
            phone,
            email,
            staff,
            statuses,
            mentors,
            mentees,
            events,
            agreements,
            risks,
            networks: self.networks_of(org)?,
        })
    }

    /// Every organization and person, with the folded text the lookup matches against.
    pub fn search_entries(&self) -> Result<Vec<Entry>> {
        self.entries_where(&[])
    }

    /// Only those whose folded text contains, for every group of `pieces`, at least one piece
    /// of it (already folded): a quick first pass for one-off searches.
    pub fn search_entries_containing(&self, pieces: &[Vec<String>]) -> Result<Vec<Entry>> {
        self.entries_where(pieces)
    }

    fn entries_where(&self, pieces: &[Vec<String>]) -> Result<Vec<Entry>> {
        // A group whose pieces are all three letters or more is asked of the trigram index;
        // a shorter piece is looked for in every name.
        let mut params: Vec<String> = Vec::new();
        let mut cond = |col: &str, id: &str, fts: &str| {
            let groups: Vec<String> = pieces
                .iter()
                .map(|alts| {
                    if alts.iter().all(|a| a.chars().count() >= 3) {
                        params.push(fts_any(alts));
                        format!("{id} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?{})", params.len())
                    } else {
                        let ors: Vec<String> = alts
                            .iter()
                            .map(|a| {
                                params.push(a.clone());
                                format!("instr({col}, ?{}) > 0", params.len())
                            })
                            .collect();
                        format!("({})", ors.join(" OR "))
                    }
                })
                .map(|g| format!(" AND {g}"))
                .collect();
            groups.concat()
        };
        let orgs = cond("o.name_fold", "o.id", "fts_org_names");
        let people = cond("p.name_fold", "p.id", "fts_person_names");
        self.entries_sql(&orgs, &people, &params)
    }

    /// The names sharing the most of `grams` (three letters each), at most `limit` schools
    /// and `limit` people, best first by the index's rank: the candidates for a near match.
    pub fn search_entries_near(&self, grams: &[String], limit: usize) -> Result<Vec<Entry>> {
        let grams: Vec<String> = grams.iter().filter(|g| g.chars().count() >= 3).cloned().collect();
        if grams.is_empty() {
            return Ok(Vec::new());
        }
        let near = |id: &str, fts: &str| {
            format!(" AND {id} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?1 ORDER BY rank LIMIT ?2)")
        };
        self.entries_sql(
            &near("o.id", "fts_org_names"),
            &near("p.id", "fts_person_names"),
            &[fts_any(&grams), limit.to_string()],
        )
    }

    fn entries_sql(&self, orgs: &str, people: &str, params: &[String]) -> Result<Vec<Entry>> {
        let sql = format!(
            "SELECT 0, o.id, o.name, trim(o.town || coalesce(', ' || d.name, ''), ', '), o.name_fold
               FROM organizations o LEFT JOIN districts d ON d.id = o.district_id
              WHERE o.retired_at IS NULL{orgs}
             UNION ALL
             SELECT 1, p.id, p.full_name,
                    trim(p.role || coalesce(', ' || coalesce(nullif(o.short_name, ''), o.name), ''), ', '), p.name_fold
               FROM people p LEFT JOIN organizations o ON o.id = p.org_id
              WHERE p.retired_at IS NULL{people}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let id: i64 = r.get(1)?;
            Ok(Entry {
                entity: if r.get::<_, i64>(0)? == 0 { Entity::Org(id) } else { Entity::Person(id) },
                name: text(r, 2)?,
                context: text(r, 3)?,
                folded: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An organisation's people, by name, those who left included.
    pub fn staff_of(&self, org: i64) -> Result<Vec<StaffMember>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, full_name, role, retired_at IS NOT NULL FROM people WHERE org_id = ?1 ORDER BY full_name, id",
        )?;
        let rows = stmt.query_map([org], |r| {
            Ok(StaffMember { id: r.get(0)?, name: text(r, 1)?, role: text(r, 2)?, retired: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The name and context of one organization or person.
    pub fn entry(&self, e: Entity) -> Result<Entry> {
        let sql = match e {
            Entity::Org(_) => {
                "SELECT o.name, trim(o.town || coalesce(', ' || d.name, ''), ', '), o.name_fold
                   FROM organizations o LEFT JOIN districts d ON d.id = o.district_id WHERE o.id = ?1"
            }
            Entity::Person(_) => {
                "SELECT p.full_name, trim(p.role || coalesce(', ' || coalesce(nullif(o.short_name, ''), o.name), ''), ', '),
                        p.name_fold
                   FROM people p LEFT JOIN organizations o ON o.id = p.org_id WHERE p.id = ?1"
            }
        };
        let id = match e {
            Entity::Org(id) | Entity::Person(id) => id,
        };
        self.conn
            .prepare_cached(sql)?
            .query_row([id], |r| Ok(Entry { entity: e, name: text(r, 0)?, context: text(r, 1)?, folded: r.get(2)? }))
            .map_err(|_| super::StoreError::NotFound("organization or person"))
    }

    /// The organization a person works in.
    pub fn org_of(&self, person: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT org_id FROM people WHERE id = ?1")?
            .query_row([person], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Links in which `e` is the mentee (`as_mentee`) or the mentor. For an organization as
    /// mentor, links whose mentor is one of its people count too: a school mentors through its
    /// teachers.
    pub fn links_of(&self, e: Entity, as_mentee: bool) -> Result<Vec<LinkRow>> {
        let filter = match (e, as_mentee) {
            (Entity::Org(_), true) => "l.mentee_org_id = ?1",
            (Entity::Person(_), true) => "l.mentee_person_id = ?1",
            (Entity::Org(_), false) => "l.mentor_org_id = ?1 OR mp.org_id = ?1",
            (Entity::Person(_), false) => "l.mentor_person_id = ?1",
        };
        let id = match e {
            Entity::Org(id) | Entity::Person(id) => id,
        };
        let mut stmt = self.conn.prepare_cached(&link_sql(filter))?;
        let rows = stmt.query_map([id], link_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn link(&self, id: i64) -> Result<LinkRow> {
        self.conn
            .prepare_cached(&link_sql("l.id = ?1"))?
            .query_row([id], link_row)
            .optional()?
            .ok_or(super::StoreError::NotFound("mentoring link"))
    }

    /// Each mentor's links and hosted events in the year.
    pub fn mentor_loads(&self, year: AcademicYear) -> Result<Vec<crate::suggest::Load>> {
        use std::collections::HashMap;
        let (s, e) = bounds(year);
        let mut loads: HashMap<Entity, (String, usize, usize)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.mentor_org_id, l.mentor_person_id, coalesce(o.name, p.full_name), count(*)
               FROM mentoring_links l
               LEFT JOIN organizations o ON o.id = l.mentor_org_id
               LEFT JOIN people p ON p.id = l.mentor_person_id
              WHERE l.ended_at IS NULL AND (l.start_date IS NULL OR l.start_date <= ?2)
                AND (l.end_date IS NULL OR l.end_date >= ?1)
              GROUP BY l.mentor_org_id, l.mentor_person_id",
        )?;
        let rows = stmt.query_map(params![s, e], |r| Ok((entity(r, 0)?, text(r, 2)?, r.get::<_, i64>(3)?)))?;
        for row in rows {
            let (who, name, n) = row?;
            loads.entry(who).or_insert((name, 0, 0)).1 += n as usize;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.org, g.person, coalesce(o.name, p.full_name), g.n FROM (
                SELECT host_org_id AS org, NULL AS person, count(*) AS n FROM events
                 WHERE host_org_id IS NOT NULL AND start_date <= ?2 AND coalesce(end_date, start_date) >= ?1
                 GROUP BY host_org_id
                UNION ALL
                SELECT NULL, host_person_id, count(*) FROM events
                 WHERE host_person_id IS NOT NULL AND start_date <= ?2 AND coalesce(end_date, start_date) >= ?1
                 GROUP BY host_person_id) g
               LEFT JOIN organizations o ON o.id = g.org
               LEFT JOIN people p ON p.id = g.person",
        )?;
        let rows = stmt.query_map(params![s, e], |r| Ok((entity(r, 0)?, text(r, 2)?, r.get::<_, i64>(3)?)))?;
        for row in rows {
            let (who, name, n) = row?;
            loads.entry(who).or_insert((name, 0, 0)).2 += n as usize;
        }
        let mut out: Vec<crate::suggest::Load> = loads
            .into_iter()
            .map(|(mentor, (name, mentees, events))| crate::suggest::Load { mentor, name, mentees, events })
            .collect();
        // The sort key made once per mentor, not twice per comparison.
        out.sort_by_cached_key(|l| (std::cmp::Reverse((l.mentees, l.events)), natural_key(&l.name)));
        Ok(out)
    }

    /// Schools in a low-result cluster or with a verified risk in the year, and nobody
    /// mentoring them or their teachers then.
    pub fn uncovered_schools(&self, year: AcademicYear) -> Result<Vec<crate::suggest::Uncovered>> {
        let (s, e) = bounds(year);
        let mut stmt = self.conn.prepare_cached(
            "WITH covered AS (
                SELECT l.mentee_org_id AS org FROM mentoring_links l
                 WHERE l.mentee_org_id IS NOT NULL AND l.ended_at IS NULL
                   AND (l.start_date IS NULL OR l.start_date <= ?2) AND (l.end_date IS NULL OR l.end_date >= ?1)
                UNION
                SELECT p.org_id FROM mentoring_links l JOIN people p ON p.id = l.mentee_person_id
                 WHERE l.ended_at IS NULL
                   AND (l.start_date IS NULL OR l.start_date <= ?2) AND (l.end_date IS NULL OR l.end_date >= ?1)),
             needy AS (
                SELECT org_id FROM cluster_status WHERE year = ?3
                UNION SELECT org_id FROM risk_directions WHERE year = ?3)
             SELECT o.id, o.name, o.district_id, o.town,
                    (SELECT group_concat(status, '|') FROM cluster_status c WHERE c.org_id = o.id AND c.year = ?3),
                    (SELECT group_concat(direction, '|') FROM risk_directions r WHERE r.org_id = o.id AND r.year = ?3)
               FROM organizations o
              WHERE o.kind = 'school' AND o.id IN (SELECT org_id FROM needy) AND o.id NOT IN (SELECT org FROM covered WHERE org IS NOT NULL)
              ORDER BY o.name",
        )?;
        let rows = stmt.query_map(params![s, e, year.0], |r| {
            let statuses: Vec<String> = text(r, 4)?.split('|').filter(|x| !x.is_empty()).map(str::to_string).collect();
            let risks: Vec<String> = text(r, 5)?.split('|').filter(|x| !x.is_empty()).map(str::to_string).collect();
            Ok((r.get(0)?, text(r, 1)?, r.get(2)?, text(r, 3)?, statuses, risks))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (org, name, district, town, statuses, risks) = row?;
            let weak: Vec<String> = statuses.into_iter().filter(|x| crate::domain::is_weak_cluster(x)).collect();
            if weak.is_empty() && risks.is_empty() {
                continue;
            }
            let needs = weak.into_iter().chain(risks).collect();
            out.push(crate::suggest::Uncovered { org, name, district, town, needs, subjects: Vec::new() });
        }
        out.sort_by_cached_key(|u| natural_key(&u.name));
        Ok(out)
    }

    /// Who could mentor in the given districts in the year: schools and bodies outside the
    /// low-result clusters, and the people working there.
    pub fn mentor_candidates(&self, year: AcademicYear, districts: &[i64]) -> Result<Vec<crate::suggest::Candidate>> {
        let mut out = Vec::new();
        let mut weak_stmt =
            self.conn.prepare_cached("SELECT status FROM cluster_status WHERE org_id = ?1 AND year = ?2")?;
        let mut orgs = self.conn.prepare_cached(
            "SELECT id, name, district_id, town, coalesce(nullif(short_name, ''), name) FROM organizations
              WHERE district_id = ?1 ORDER BY id",
        )?;
        let mut people =
            self.conn.prepare_cached("SELECT id, full_name, subjects FROM people WHERE org_id = ?1 ORDER BY id")?;
        for d in districts {
            let rows: Vec<(i64, String, Option<i64>, String, String)> = orgs
                .query_map([d], |r| Ok((r.get(0)?, text(r, 1)?, r.get(2)?, text(r, 3)?, text(r, 4)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, name, district, town, short) in rows {
                let statuses: Vec<String> =
                    weak_stmt.query_map(params![id, year.0], |r| text(r, 0))?.collect::<rusqlite::Result<_>>()?;
                if statuses.iter().any(|x| crate::domain::is_weak_cluster(x)) {
                    continue;
                }
                out.push(crate::suggest::Candidate {
                    entity: Entity::Org(id),
                    name: name.clone(),
                    district,
                    town: town.clone(),
                    subjects: String::new(),
                });
                let staff: Vec<(i64, String, String)> = people
                    .query_map([id], |r| Ok((r.get(0)?, text(r, 1)?, text(r, 2)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for (pid, pname, subjects) in staff {
                    out.push(crate::suggest::Candidate {
                        entity: Entity::Person(pid),
                        name: format!("{pname} ({short})"),
                        district,
                        town: town.clone(),
                        subjects,
                    });
                }
            }
        }
        Ok(out)
    }

    /// Every meeting: id, date, number and title, newest first.
    pub fn meetings(&self) -> Result<Vec<MeetingHead>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, date, number, title FROM meetings WHERE kind = 'meeting' ORDER BY date DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, date(r, 1)?, text(r, 2)?, text(r, 3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn minutes(&self, id: i64) -> Result<Minutes> {
        let mut m = self
            .conn
            .prepare_cached(
                "SELECT m.id, m.number, m.title, m.date, m.time, m.format, m.link, m.place, coalesce(d.name, ''),
                        m.audience, m.moderators, m.n_connections, m.appendices, m.signed, m.note
                   FROM meetings m LEFT JOIN districts d ON d.id = m.district_id WHERE m.id = ?1 AND m.kind = 'meeting'",
            )?
            .query_row([id], |r| {
                Ok(Minutes {
                    id: r.get(0)?,
                    number: text(r, 1)?,
                    title: text(r, 2)?,
                    date: date(r, 3)?,
                    time: text(r, 4)?,
                    format: text(r, 5)?,
                    link: text(r, 6)?,
                    place: text(r, 7)?,
                    district: text(r, 8)?,
                    facts: protocol_facts(r, 9)?,
                    ..Default::default()
                })
            })
            .optional()?
            .ok_or(super::StoreError::NotFound("meeting"))?;
        m.participants = self
            .conn
            .prepare_cached(PARTICIPANTS_SQL)?
            .query_map([id], |r| text(r, 1))?
            .collect::<rusqlite::Result<_>>()?;
        m.agenda = self
            .conn
            .prepare_cached("SELECT text, speaker, heard FROM agenda_items WHERE meeting_id = ?1 ORDER BY pos")?
            .query_map([id], |r| Ok((clean_multi(r, 0)?, text(r, 1)?, clean_multi(r, 2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        m.decisions = self
            .conn
            .prepare_cached(
                "SELECT x.id, '', x.pos, x.text, x.start_date, x.end_date, x.period_text, x.responsible, x.status,
                        x.version, x.changed_by, x.changed_at
                   FROM decisions x WHERE x.meeting_id = ?1 ORDER BY x.pos",
            )?
            .query_map([id], |r| {
                Ok(DecisionRow {
                    id: r.get(0)?,
                    of_report: false,
                    meeting: String::new(),
                    number: r.get(2)?,
                    text: clean_multi(r, 3)?,
                    deadline: when(r, 4)?,
                    responsible: text(r, 7)?,
                    status: EventStatus::from_code(&r.get::<_, String>(8)?).unwrap_or(EventStatus::Planned),
                    stamp: stamp(r, 9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(m)
    }

    /// The meeting a decision was taken at.
    pub fn meeting_of_decision(&self, decision: i64) -> Result<i64> {
        Ok(self.conn.query_row("SELECT meeting_id FROM decisions WHERE id = ?1", [decision], |r| r.get(0))?)
    }

    pub fn count(&self, table: Table) -> Result<i64> {
        let sql = format!("SELECT count(*) FROM {}", table.name());
        Ok(self.conn.query_row(&sql, [], |r| r.get(0))?)
    }
}

/// A meeting as listed: id, date, number, title.
pub type MeetingHead = (i64, Option<NaiveDate>, String, String);

/// Tables whose rows can be counted (for tests and the status line), named without free SQL.
#[derive(Clone, Copy, Debug)]
pub enum Table {
    Districts,
    Organizations,
    People,
    ClusterStatus,
    RiskDirections,
    Links,
    Networks,
    Events,
    Meetings,
    Decisions,
    Agreements,
    Appendices,
    PlanItems,
    Indicators,
    IndicatorValues,
    History,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Districts => "districts",
            Table::Organizations => "organizations",
            Table::People => "people",
            Table::ClusterStatus => "cluster_status",
            Table::RiskDirections => "risk_directions",
            Table::Links => "mentoring_links",
            Table::Networks => "networks",
            Table::Events => "events",
            Table::Meetings => "meetings",
            Table::Decisions => "decisions",
            Table::Agreements => "agreements",
            Table::Appendices => "agreement_appendices",
            Table::PlanItems => "plan_items",
            Table::Indicators => "indicators",
            Table::IndicatorValues => "indicator_values",
            Table::History => "history",
        }
    }
}
