//! Deficit diagnostics in the store: risk profiles with their anti-risk programmes, indicator
//! values per school and district, and the rounds of teachers' diagnostics.

use super::{now_stamp, Result, Store, StoreError};
use crate::deficits::Kind;
use crate::domain::{ClusterChange, DiagnosticItem, DiagnosticRow, EventStatus, IndicatorRow, RiskRow};
use crate::text::{clean_line, AcademicYear};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::read::{clean_multi as multi, date, stamp, text};
use super::write::iso;

const RISK_COLS: &str = "r.id, r.org_id, o.name, coalesce(d.name, ''), o.district_id, r.year, r.direction,
    r.programme, r.progress, r.goal, r.measures, r.responsible, r.deadline, r.status,
    r.version, r.changed_by, r.changed_at
    FROM risk_directions r JOIN organizations o ON o.id = r.org_id
    LEFT JOIN districts d ON d.id = o.district_id";

fn risk_row(r: &Row) -> rusqlite::Result<RiskRow> {
    Ok(RiskRow {
        id: r.get(0)?,
        org: r.get(1)?,
        school: text(r, 2)?,
        district: text(r, 3)?,
        district_id: r.get(4)?,
        year: r.get(5)?,
        direction: text(r, 6)?,
        programme: multi(r, 7)?,
        progress: multi(r, 8)?,
        goal: multi(r, 9)?,
        measures: multi(r, 10)?,
        responsible: text(r, 11)?,
        deadline: date(r, 12)?,
        status: EventStatus::from_code(&r.get::<_, String>(13)?).unwrap_or(EventStatus::InProgress),
        stamp: stamp(r, 14)?,
    })
}

/// An anti-risk programme as its form edits it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RiskFields {
    pub goal: String,
    pub measures: String,
    pub responsible: String,
    pub deadline: Option<NaiveDate>,
    pub progress: String,
}

/// A value as its form gives it, already checked.
#[derive(Clone, Debug, PartialEq)]
pub struct NewValue {
    /// The school the value is of, for a district's indicator measured per school.
    pub org: Option<i64>,
    pub year: AcademicYear,
    pub period: String,
    /// The value as typed ("98,6"), and its counts when known.
    pub value: String,
    pub part: Option<f64>,
    pub whole: Option<f64>,
    pub measured_on: Option<NaiveDate>,
}

/// A diagnostics round as its form gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewDiagnostic {
    pub org: Option<i64>,
    pub district: Option<i64>,
    pub year: AcademicYear,
    pub round: String,
    pub teachers: Option<f64>,
    pub diagnosed: Option<f64>,
    pub with_programme: Option<f64>,
    pub trained: Option<f64>,
    pub in_percent: bool,
    pub items: Vec<DiagnosticItem>,
}

impl Store {
    /// The verified risk directions of the year, by district and school.
    pub fn risks(&self, year: AcademicYear) -> Result<Vec<RiskRow>> {
        let sql = format!("SELECT {RISK_COLS} WHERE r.year = ?1 ORDER BY d.name, o.name, r.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([year.0], risk_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Anti-risk programmes not done nor cancelled whose deadline is on or before `until`,
    /// of every year: what the agenda lists.
    pub fn open_risks_until(&self, until: NaiveDate) -> Result<Vec<RiskRow>> {
        let sql = format!(
            "SELECT {RISK_COLS} WHERE r.deadline IS NOT NULL AND r.deadline <= ?1
               AND r.status NOT IN ('done', 'cancelled') ORDER BY r.deadline, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([until.format("%Y-%m-%d").to_string()], risk_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A school's risk directions of every year, for its card.
    pub fn risks_of(&self, org: i64) -> Result<Vec<RiskRow>> {
        let sql = format!("SELECT {RISK_COLS} WHERE r.org_id = ?1 ORDER BY r.year, r.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([org], risk_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn risk(&self, id: i64) -> Result<RiskRow> {
        let sql = format!("SELECT {RISK_COLS} WHERE r.id = ?1");
        self.conn.prepare_cached(&sql)?.query_row([id], risk_row).optional()?.ok_or(StoreError::NotFound("risk"))
    }

    /// Every value of the year: a school's or a district's own, and for a district indicator
    /// measured per school, the district's share rolled up from the schools' counts.
    pub fn indicators(&self, year: AcademicYear) -> Result<Vec<IndicatorRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, v.id, coalesce(vo.name, o.name, d.name, ''), coalesce(v.org_id, i.org_id),
                    coalesce(i.district_id, o.district_id, vo.district_id), i.name, i.unit, i.target,
                    coalesce(nullif(v.period, ''), i.period_label), v.value, i.is_bool, i.deadline,
                    i.lower_is_better, v.part, v.whole,
                    NOT EXISTS (SELECT 1 FROM indicator_values l WHERE l.indicator_id = i.id
                                   AND l.org_id IS v.org_id
                                   AND (l.year > v.year OR (l.year = v.year AND l.id > v.id)))
               FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id
               LEFT JOIN organizations o ON o.id = i.org_id
               LEFT JOIN organizations vo ON vo.id = v.org_id
               LEFT JOIN districts d ON d.id = i.district_id
              WHERE v.year = ?1
              ORDER BY d.name, i.org_id IS NOT NULL, o.name, i.id, v.org_id IS NOT NULL, vo.name, v.id",
        )?;
        let rows: Vec<IndicatorRow> = stmt
            .query_map([year.0], |r| {
                let unit = text(r, 6)?;
                let is_bool: bool = r.get(10)?;
                let kind = Kind::of(&unit, is_bool);
                let target = text(r, 7)?;
                let actual = text(r, 9)?;
                Ok(IndicatorRow {
                    id: r.get(0)?,
                    value_id: r.get(1)?,
                    owner: text(r, 2)?,
                    org: r.get(3)?,
                    district_id: r.get(4)?,
                    name: text(r, 5)?,
                    target_num: crate::deficits::value_number(kind, &target),
                    actual_num: crate::deficits::value_number(kind, &actual),
                    target: with_unit(&target, &unit, is_bool),
                    period: text(r, 8)?,
                    actual: with_unit(&actual, &unit, is_bool),
                    kind,
                    unit,
                    deadline: date(r, 11)?,
                    lower_is_better: r.get(12)?,
                    part: r.get(13)?,
                    whole: r.get(14)?,
                    rolled_from: 0,
                    latest: r.get(15)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(with_rollups(rows))
    }

    /// An indicator's values across every year, oldest first: (year, period, value as shown,
    /// the number).
    pub fn indicator_history(&self, id: i64, org: Option<i64>) -> Result<Vec<(AcademicYear, String, Option<f64>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.year, coalesce(nullif(v.period, ''), i.period_label), v.value, i.unit, i.is_bool, v.part, v.whole
               FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
              WHERE v.indicator_id = ?1 AND v.org_id IS ?2
              ORDER BY v.year, coalesce(v.measured_on, ''), v.id",
        )?;
        let rows = stmt.query_map(params![id, org], |r| {
            let unit = text(r, 3)?;
            let kind = Kind::of(&unit, r.get(4)?);
            let value = text(r, 2)?;
            Ok((AcademicYear(r.get(0)?), text(r, 1)?, crate::deficits::value_number(kind, &value)))
        })?;
        let mut out: Vec<(AcademicYear, String, Option<f64>)> = rows.collect::<rusqlite::Result<_>>()?;
        // A district measured per school only: its share per year, rolled up.
        if out.is_empty() && org.is_none() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT v.year, coalesce(nullif(v.period, ''), i.period_label), sum(v.part), sum(v.whole)
                   FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
                  WHERE v.indicator_id = ?1 AND v.part IS NOT NULL AND v.whole > 0
                  GROUP BY v.year, 2 ORDER BY v.year",
            )?;
            let rows = stmt.query_map([id], |r| {
                let (p, w): (f64, f64) = (r.get(2)?, r.get(3)?);
                Ok((AcademicYear(r.get(0)?), text(r, 1)?, crate::deficits::rollup(&[(p, w)])))
            })?;
            out = rows.collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    /// The rounds of teachers' diagnostics of the year.
    pub fn diagnostics(&self, year: AcademicYear) -> Result<Vec<DiagnosticRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.id, g.org_id, coalesce(g.district_id, o.district_id), coalesce(o.name, d.name, ''), g.round,
                    g.teachers, g.diagnosed, g.with_programme, g.trained, g.in_percent,
                    g.version, g.changed_by, g.changed_at
               FROM diagnostics g LEFT JOIN organizations o ON o.id = g.org_id
               LEFT JOIN districts d ON d.id = coalesce(g.district_id, o.district_id)
              WHERE g.year = ?1 ORDER BY d.name, g.org_id IS NOT NULL, o.name, g.id",
        )?;
        let mut rows: Vec<DiagnosticRow> = stmt
            .query_map([year.0], |r| {
                Ok(DiagnosticRow {
                    id: r.get(0)?,
                    org: r.get(1)?,
                    district_id: r.get(2)?,
                    owner: text(r, 3)?,
                    round: text(r, 4)?,
                    teachers: r.get(5)?,
                    diagnosed: r.get(6)?,
                    with_programme: r.get(7)?,
                    trained: r.get(8)?,
                    in_percent: r.get(9)?,
                    items: Vec::new(),
                    stamp: stamp(r, 10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = self.conn.prepare_cached(
            "SELECT kind, label, count, in_percent FROM diagnostic_items WHERE diagnostic_id = ?1 ORDER BY kind, id",
        )?;
        for d in &mut rows {
            d.items = items
                .query_map([d.id], |r| {
                    Ok(DiagnosticItem { kind: r.get(0)?, label: text(r, 1)?, count: r.get(2)?, in_percent: r.get(3)? })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(rows)
    }

    /// Schools whose place in a low-result list changed from the year before: (school,
    /// district, status, whether it came in). Only districts with lists for both years are
    /// compared: a district whose low-result list of either year was not entered has no changes
    /// to show (an empty list cannot be told from one nobody typed in).
    pub fn cluster_changes(&self, year: AcademicYear) -> Result<Vec<ClusterChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name, o.district_id, c.status, c.year = ?1
               FROM cluster_status c JOIN organizations o ON o.id = c.org_id
              WHERE c.year IN (?1, ?1 - 1)
                AND c.status IN ('ШНОР', 'ШНРО', 'ШФНСУ', 'ШФЗР')
                AND NOT EXISTS (SELECT 1 FROM cluster_status x WHERE x.org_id = c.org_id AND x.status = c.status
                                   AND x.year = CASE WHEN c.year = ?1 THEN ?1 - 1 ELSE ?1 END)
                AND EXISTS (SELECT 1 FROM cluster_status y JOIN organizations yo ON yo.id = y.org_id
                             WHERE y.year = ?1 - 1 AND yo.district_id IS o.district_id
                               AND y.status IN ('ШНОР', 'ШНРО', 'ШФНСУ', 'ШФЗР'))
                AND EXISTS (SELECT 1 FROM cluster_status z JOIN organizations zo ON zo.id = z.org_id
                             WHERE z.year = ?1 AND zo.district_id IS o.district_id
                               AND z.status IN ('ШНОР', 'ШНРО', 'ШФНСУ', 'ШФЗР'))
              ORDER BY o.name",
        )?;
        let rows = stmt.query_map([year.0], |r| {
            Ok(ClusterChange {
                org: r.get(0)?,
                school: text(r, 1)?,
                district: r.get(2)?,
                status: text(r, 3)?,
                came_in: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a risk direction verified for a school in a year (from the configured list).
    pub fn verify_risk(&self, org: i64, year: AcademicYear, direction: &str) -> Result<i64> {
        self.user_action(|s| {
            let exists: Option<i64> = s
                .conn
                .query_row(
                    "SELECT id FROM risk_directions WHERE org_id = ?1 AND year = ?2 AND direction = ?3",
                    params![org, year.0, clean_line(direction)],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(StoreError::Duplicate);
            }
            s.add_risk_direction(org, year, direction, "", "")
        })
    }

    /// Saves an anti-risk programme's fields; each changed one is a history line.
    pub fn update_risk(&self, id: i64, f: &RiskFields, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("risk_directions", id, seen_version, "risk")?;
            let cols: [(&str, Option<String>); 5] = [
                ("goal", Some(crate::text::clean(f.goal.trim()))),
                ("measures", Some(crate::text::clean(f.measures.trim()))),
                ("responsible", Some(clean_line(f.responsible.trim()))),
                ("deadline", iso(f.deadline)),
                ("progress", Some(crate::text::clean(f.progress.trim()))),
            ];
            let mut changed = false;
            for (col, new) in cols {
                let old: Option<String> =
                    s.conn
                        .query_row(&format!("SELECT {col} FROM risk_directions WHERE id = ?1"), [id], |r| r.get(0))?;
                if old.as_deref().unwrap_or("") == new.as_deref().unwrap_or("") {
                    continue;
                }
                s.conn.execute(&format!("UPDATE risk_directions SET {col} = ?1 WHERE id = ?2"), params![new, id])?;
                s.record("risk", id, col, old.as_deref(), new.as_deref())?;
                changed = true;
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("risk_directions", id)?;
            }
            Ok(changed)
        })
    }

    pub fn set_risk_status(&self, id: i64, status: EventStatus, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("risk_directions", id, seen_version, "risk")?;
            let old: String =
                s.conn.query_row("SELECT status FROM risk_directions WHERE id = ?1", [id], |r| r.get(0))?;
            seen.settle(old != status.code())?;
            if old == status.code() {
                return Ok(false);
            }
            s.conn.execute("UPDATE risk_directions SET status = ?1 WHERE id = ?2", params![status.code(), id])?;
            s.stamp_row("risk_directions", id)?;
            s.record("risk", id, "status", Some(&old), Some(status.code()))?;
            Ok(true)
        })
    }

    /// Records a value of an indicator; the caller has checked it (see `deficits`).
    pub fn record_value(&self, indicator: i64, v: &NewValue) -> Result<i64> {
        self.user_action(|s| {
            s.conn.execute(
                "INSERT INTO indicator_values (indicator_id, year, period, value, org_id, part, whole, measured_on,
                    changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    indicator,
                    v.year.0,
                    clean_line(&v.period),
                    clean_line(&v.value),
                    v.org,
                    v.part,
                    v.whole,
                    iso(v.measured_on),
                    s.user,
                    now_stamp()
                ],
            )?;
            let id = s.conn.last_insert_rowid();
            s.record("indicator_value", id, "*", None, Some(&clean_line(&v.value)))?;
            Ok(id)
        })
    }

    /// A value as its form shows it again, with its version.
    pub fn value_fields(&self, id: i64) -> Result<(NewValue, i64)> {
        Ok(self.conn.query_row(
            "SELECT org_id, year, period, value, part, whole, measured_on, version FROM indicator_values WHERE id = ?1",
            [id],
            |r| {
                let day: Option<String> = r.get(6)?;
                Ok((
                    NewValue {
                        org: r.get(0)?,
                        year: AcademicYear(r.get(1)?),
                        period: super::read::text(r, 2)?,
                        value: super::read::text(r, 3)?,
                        part: r.get(4)?,
                        whole: r.get(5)?,
                        measured_on: day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    },
                    r.get(7)?,
                ))
            },
        )?)
    }

    /// Corrects a value (a typo, a share its counts contradict), each field in history.
    /// Returns false when nothing changed.
    pub fn update_value(&self, id: i64, v: &NewValue, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("indicator_values", id, seen_version, "indicator_value")?;
            let (old, _) = s.value_fields(id)?;
            let num = |x: Option<f64>| x.map(crate::text::format_number).unwrap_or_default();
            let mut changed = false;
            if old.org != v.org {
                s.conn.execute("UPDATE indicator_values SET org_id = ?1 WHERE id = ?2", params![v.org, id])?;
                let name = |o: Option<i64>| -> Result<String> {
                    Ok(match o {
                        Some(o) => s.entry(crate::lookup::Entity::Org(o))?.name,
                        None => String::new(),
                    })
                };
                s.record("indicator_value", id, "school", Some(&name(old.org)?), Some(&name(v.org)?))?;
                changed = true;
            }
            for (col, was, now) in [
                ("period", old.period.clone(), clean_line(&v.period)),
                ("value", old.value.clone(), clean_line(&v.value)),
            ] {
                if was != now {
                    s.conn
                        .execute(&format!("UPDATE indicator_values SET {col} = ?1 WHERE id = ?2"), params![now, id])?;
                    s.record("indicator_value", id, col, Some(&was), Some(&now))?;
                    changed = true;
                }
            }
            for (col, was, now) in [("part", old.part, v.part), ("whole", old.whole, v.whole)] {
                if was != now {
                    s.conn
                        .execute(&format!("UPDATE indicator_values SET {col} = ?1 WHERE id = ?2"), params![now, id])?;
                    s.record("indicator_value", id, col, Some(&num(was)), Some(&num(now)))?;
                    changed = true;
                }
            }
            if old.measured_on != v.measured_on {
                s.conn.execute(
                    "UPDATE indicator_values SET measured_on = ?1 WHERE id = ?2",
                    params![iso(v.measured_on), id],
                )?;
                let day = |d: Option<NaiveDate>| d.map(crate::text::format_date).unwrap_or_default();
                s.record("indicator_value", id, "date", Some(&day(old.measured_on)), Some(&day(v.measured_on)))?;
                changed = true;
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("indicator_values", id)?;
            }
            Ok(changed)
        })
    }

    /// Records a round of diagnostics with its items.
    pub fn record_diagnostic(&self, d: &NewDiagnostic) -> Result<i64> {
        self.user_action(|s| s.add_diagnostic(d))
    }

    /// The same, inside the caller's transaction (the demo).
    pub fn add_diagnostic(&self, d: &NewDiagnostic) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO diagnostics (district_id, org_id, year, round, teachers, diagnosed, with_programme, trained,
                in_percent, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                d.district,
                d.org,
                d.year.0,
                clean_line(&d.round),
                d.teachers,
                d.diagnosed,
                d.with_programme,
                d.trained,
                d.in_percent,
                self.user,
                now_stamp()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        for it in &d.items {
            self.conn.execute(
                "INSERT INTO diagnostic_items (diagnostic_id, kind, label, count, in_percent) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, it.kind, clean_line(&it.label), it.count, it.in_percent],
            )?;
        }
        self.record("diagnostic", id, "*", None, Some("created"))?;
        Ok(id)
    }

    /// A school by its full or short name, as typed (any case; ё = е).
    pub fn org_named(&self, name: &str) -> Result<Option<i64>> {
        let folded = crate::text::fold(name);
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM organizations WHERE name_fold = ?1 OR lower(short_name) = lower(?2) OR name = ?2
                  ORDER BY kind = 'school' DESC LIMIT 1",
                params![folded, name.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// An indicator by its exact name (the demo).
    pub fn indicator_id(&self, name: &str) -> Result<i64> {
        self.conn
            .query_row("SELECT id FROM indicators WHERE name = ?1", [name], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound("indicator"))
    }

    /// A programme's status without history (the demo).
    pub fn update_risk_status_raw(&self, id: i64, status: EventStatus) -> Result<()> {
        self.conn.execute("UPDATE risk_directions SET status = ?1 WHERE id = ?2", params![status.code(), id])?;
        Ok(())
    }

    /// Sets when an indicator's target is to be reached, and whether lower is better.
    pub fn set_indicator_deadline(&self, id: i64, deadline: Option<NaiveDate>, lower_is_better: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE indicators SET deadline = ?1, lower_is_better = ?2 WHERE id = ?3",
            params![iso(deadline), lower_is_better, id],
        )?;
        Ok(())
    }
}

fn with_unit(v: &str, unit: &str, is_bool: bool) -> String {
    if v.is_empty() || is_bool || unit.is_empty() || v.ends_with(unit) {
        v.to_string()
    } else if unit == "%" {
        format!("{v}%")
    } else {
        format!("{v} {unit}")
    }
}

/// Adds, for every district indicator measured per school with counts, the district's share
/// rolled up from those counts — unless the district has a value of its own for the period.
fn with_rollups(rows: Vec<IndicatorRow>) -> Vec<IndicatorRow> {
    let mut out: Vec<IndicatorRow> = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let id = rows[i].id;
        let group: Vec<IndicatorRow> = rows[i..].iter().take_while(|r| r.id == id).cloned().collect();
        i += group.len();
        let own = group.iter().any(|r| r.org.is_none());
        let counts: Vec<(f64, f64)> =
            group.iter().filter(|r| r.org.is_some()).filter_map(|r| Some((r.part?, r.whole?))).collect();
        let district_indicator = group.iter().any(|r| r.org.is_some()) && group[0].kind == Kind::Share;
        if district_indicator && !own {
            if let Some(v) = crate::deficits::rollup(&counts) {
                let first = &group[0];
                out.push(IndicatorRow {
                    value_id: None,
                    owner: String::new(),
                    org: None,
                    actual: crate::deficits::share_text(v),
                    actual_num: Some(v),
                    part: Some(counts.iter().map(|c| c.0).sum()),
                    whole: Some(counts.iter().map(|c| c.1).sum()),
                    rolled_from: counts.len(),
                    ..first.clone()
                });
            }
        }
        out.extend(group);
    }
    out
}
