//! An import's plan read from and applied to the store: what the store holds, as the plan
//! matches against it, and the plan's steps written in one transaction, as one action (one
//! `u` undoes the whole import), each new row and changed field in history like any other.

use super::{now_stamp, Result, Store};
use crate::import::{
    self, Cols, Dir, EventRec, ImportError, LinkRec, NetRec, Options, OrgRec, PersonRec, Plan, Ref, Side, StatusRec,
    Step, EVENT_COLS, LINK_COLS, ORG_COLS, PERSON_COLS, STATUS_COLS,
};
use crate::text::{clean_line, fold};
use rusqlite::ToSql;
use std::cell::RefCell;

fn cols(names: &[&'static str], r: &rusqlite::Row, from: usize) -> rusqlite::Result<Cols> {
    names.iter().enumerate().map(|(i, c)| Ok((*c, r.get::<_, Option<String>>(from + i)?.unwrap_or_default()))).collect()
}

impl Store {
    /// The schools, people, statuses and links an import matches against.
    pub fn import_directory(&self) -> Result<Dir> {
        let districts = self
            .conn
            .prepare("SELECT id, name FROM districts")?
            .query_map([], |r| Ok((r.get(0)?, super::read::text(r, 1)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
        let orgs = self
            .conn
            .prepare(&format!("SELECT id, district_id, {} FROM organizations", ORG_COLS.join(", ")))?
            .query_map([], |r| {
                Ok(OrgRec {
                    r: Ref::Id(r.get(0)?),
                    district: r.get::<_, Option<i64>>(1)?.map(Ref::Id),
                    cols: cols(&ORG_COLS, r, 2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let people = self
            .conn
            .prepare(&format!("SELECT id, org_id, {} FROM people", PERSON_COLS.join(", ")))?
            .query_map([], |r| {
                Ok(PersonRec {
                    r: Ref::Id(r.get(0)?),
                    org: r.get::<_, Option<i64>>(1)?.map(Ref::Id),
                    cols: cols(&PERSON_COLS, r, 2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let statuses = self
            .conn
            .prepare(&format!("SELECT id, org_id, year, status, {} FROM cluster_status", STATUS_COLS.join(", ")))?
            .query_map([], |r| {
                Ok(StatusRec {
                    id: Some(r.get(0)?),
                    org: Ref::Id(r.get(1)?),
                    year: r.get(2)?,
                    status: r.get(3)?,
                    cols: cols(&STATUS_COLS, r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // A person's side of a link carries their organisation, as the plan finds it.
        let links = self
            .conn
            .prepare(&format!(
                "SELECT l.id, coalesce(l.mentor_org_id, mp.org_id), l.mentor_person_id,
                        coalesce(l.mentee_org_id, ep.org_id), l.mentee_person_id, {}
                 FROM mentoring_links l
                 LEFT JOIN people mp ON mp.id = l.mentor_person_id
                 LEFT JOIN people ep ON ep.id = l.mentee_person_id
                 WHERE l.ended_at IS NULL",
                LINK_COLS.iter().map(|c| format!("l.{c}")).collect::<Vec<_>>().join(", ")
            ))?
            .query_map([], |r| {
                let side = |a: usize| -> rusqlite::Result<Side> {
                    Ok((r.get::<_, Option<i64>>(a)?.map(Ref::Id), r.get::<_, Option<i64>>(a + 1)?.map(Ref::Id)))
                };
                Ok(LinkRec { id: Some(r.get(0)?), mentor: side(1)?, mentee: side(3)?, cols: cols(&LINK_COLS, r, 5)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut took_part: std::collections::HashMap<i64, Vec<Ref>> = std::collections::HashMap::new();
        let mut stmt = self.conn.prepare("SELECT event_id, org_id FROM event_participants")?;
        for pair in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (event, org) = pair?;
            took_part.entry(event).or_default().push(Ref::Id(org));
        }
        let events = self
            .conn
            .prepare(&format!(
                "SELECT id, host_org_id, {} FROM events",
                EVENT_COLS
                    .iter()
                    .map(|c| if crate::import::is_count(c) {
                        format!("coalesce(CAST({c} AS TEXT), '')")
                    } else {
                        c.to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ))?
            .query_map([], |r| {
                let id: i64 = r.get(0)?;
                Ok(EventRec {
                    id: Some(id),
                    participants: took_part.remove(&id).unwrap_or_default(),
                    host: r.get::<_, Option<i64>>(1)?.map(Ref::Id),
                    cols: cols(&EVENT_COLS, r, 2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let networks = self
            .networks(None)?
            .into_iter()
            .map(|n| NetRec {
                r: Ref::Id(n.id),
                district: Some(Ref::Id(n.district_id)),
                year: n.year.0,
                name: n.name,
                model: n.model.map(|m| m.code().to_string()).unwrap_or_default(),
                members: n.members.into_iter().map(|(id, _)| Ref::Id(id)).collect(),
                step: None,
            })
            .collect();
        Ok(Dir::new(districts, orgs, people, statuses, links).with_events(events).with_networks(networks))
    }

    /// What importing `book` would do, written nothing.
    pub fn import_preview(
        &self,
        book: &import::grid::Workbook,
        opts: &Options,
        t: &'static crate::i18n::Strings,
    ) -> Result<Result<Plan, ImportError>> {
        Ok(import::plan(book, self.import_directory()?, opts, t))
    }

    /// Imports `book`: the plan made again inside the transaction (so that it matches the store
    /// as it is when written), and applied as one action.
    pub fn import(
        &self,
        book: &import::grid::Workbook,
        opts: &Options,
        t: &'static crate::i18n::Strings,
    ) -> Result<Result<Plan, ImportError>> {
        let refused = RefCell::new(None);
        let started = std::time::Instant::now();
        let plan = self.user_action(|s| {
            let dir = s.import_directory()?;
            let read = started.elapsed();
            let plan = match import::plan(book, dir, opts, t) {
                Ok(p) => p,
                Err(e) => {
                    *refused.borrow_mut() = Some(e);
                    return Ok(None);
                }
            };
            let planned = started.elapsed();
            s.apply_import(&plan)?;
            tracing::info!(
                rows = plan.rows.len(),
                steps = plan.steps.len(),
                read_ms = read.as_millis() as u64,
                plan_ms = (planned - read).as_millis() as u64,
                write_ms = (started.elapsed() - planned).as_millis() as u64,
                "import"
            );
            Ok(Some(plan))
        })?;
        tracing::info!(total_ms = started.elapsed().as_millis() as u64, "import committed");
        Ok(match (plan, refused.into_inner()) {
            (Some(p), _) => Ok(p),
            (None, Some(e)) => Err(e),
            (None, None) => Err(ImportError::NoHeader),
        })
    }

    fn apply_import(&self, plan: &Plan) -> Result<()> {
        let mut made: Vec<Option<i64>> = vec![None; plan.new_refs];
        let id = |r: Ref, made: &[Option<i64>]| -> Option<i64> {
            match r {
                Ref::Id(id) => Some(id),
                Ref::New(n) => made.get(n).copied().flatten(),
            }
        };
        let now = now_stamp();
        // One statement per table, made once.
        let org_sql = insert_sql(
            "organizations",
            &[&["district_id", "kind"], &ORG_COLS[..], &["name_fold", "changed_by", "changed_at"]].concat(),
        );
        let person_sql =
            insert_sql("people", &[&["org_id"], &PERSON_COLS[..], &["name_fold", "changed_by", "changed_at"]].concat());
        let status_sql = insert_sql(
            "cluster_status",
            &[&["org_id", "year", "status"], &STATUS_COLS[..], &["changed_by", "changed_at"]].concat(),
        );
        let link_sql = insert_sql(
            "mentoring_links",
            &[
                &["level", "mentor_org_id", "mentor_person_id", "mentee_org_id", "mentee_person_id"],
                &LINK_COLS[..],
                &["changed_by", "changed_at"],
            ]
            .concat(),
        );
        let event_sql = insert_sql(
            "events",
            &[&["district_id", "host_org_id"], &EVENT_COLS[..], &["changed_by", "changed_at"]].concat(),
        );
        for step in &plan.steps {
            match step {
                Step::Event { district, host, participants, cols } => {
                    let mut values: Vec<Box<dyn ToSql>> =
                        vec![Box::new(district.and_then(|d| id(d, &made))), Box::new(host.and_then(|h| id(h, &made)))];
                    values.extend(EVENT_COLS.iter().map(|c| {
                        let v = match import_get(cols, c) {
                            "" if *c == "status" => "planned".to_string(),
                            v => v.to_string(),
                        };
                        if crate::import::is_count(c) {
                            return Box::new(v.parse::<i64>().ok()) as Box<dyn ToSql>;
                        }
                        let v: Option<String> =
                            if matches!(*c, "start_date" | "end_date" | "period_text") && v.is_empty() {
                                None
                            } else {
                                Some(v)
                            };
                        Box::new(v) as Box<dyn ToSql>
                    }));
                    values.extend([Box::new(self.user.clone()) as Box<dyn ToSql>, Box::new(now.clone())]);
                    let event = self.insert_row("event", &event_sql, &values, &now)?;
                    for p in participants {
                        self.conn
                            .prepare_cached(
                                "INSERT OR IGNORE INTO event_participants (event_id, org_id) VALUES (?1, ?2)",
                            )?
                            .execute(rusqlite::params![event, id(*p, &made)])?;
                    }
                }
                Step::District { r, name } => {
                    let new = self.add_district(name, "")?;
                    set(&mut made, *r, new);
                }
                Step::Org { r, district, body, cols } => {
                    // The plan's values are cleaned already (each cell as it was read).
                    let v = |c: &str| import_get(cols, c).to_string();
                    let folded = fold(&format!("{} {} {}", v("name"), v("short_name"), v("town")));
                    let mut values: Vec<Box<dyn ToSql>> = vec![
                        Box::new(district.and_then(|d| id(d, &made))),
                        Box::new(if *body { "body" } else { "school" }),
                    ];
                    values.extend(ORG_COLS.iter().map(|c| Box::new(v(c)) as Box<dyn ToSql>));
                    values.extend([
                        Box::new(folded) as Box<dyn ToSql>,
                        Box::new(self.user.clone()),
                        Box::new(now.clone()),
                    ]);
                    let new = self.insert_row("organization", &org_sql, &values, &now)?;
                    set(&mut made, *r, new);
                }
                Step::Person { r, org, cols } => {
                    let v = |c: &str| import_get(cols, c).to_string();
                    let folded = fold(&format!("{} {}", v("full_name"), v("subjects")));
                    let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(org.and_then(|o| id(o, &made)))];
                    values.extend(PERSON_COLS.iter().map(|c| Box::new(v(c)) as Box<dyn ToSql>));
                    values.extend([
                        Box::new(folded) as Box<dyn ToSql>,
                        Box::new(self.user.clone()),
                        Box::new(now.clone()),
                    ]);
                    let new = self.insert_row("person", &person_sql, &values, &now)?;
                    set(&mut made, *r, new);
                }
                Step::Status { org, year, status, cols } => {
                    let mut values: Vec<Box<dyn ToSql>> =
                        vec![Box::new(id(*org, &made)), Box::new(*year), Box::new(clean_line(status))];
                    values.extend(
                        STATUS_COLS.iter().map(|c| Box::new(clean_line(import_get(cols, c))) as Box<dyn ToSql>),
                    );
                    values.extend([Box::new(self.user.clone()) as Box<dyn ToSql>, Box::new(now.clone())]);
                    self.insert_row("cluster_status", &status_sql, &values, &now)?;
                }
                Step::Link { mentor, mentee, cols } => {
                    let level = match (mentor.1, mentee.1) {
                        (Some(_), Some(_)) => "person_person",
                        (Some(_), None) => "person_school",
                        _ => "school_school",
                    };
                    let side = |s: &Side| -> (Option<i64>, Option<i64>) {
                        match s.1 {
                            Some(p) => (None, id(p, &made)),
                            None => (s.0.and_then(|o| id(o, &made)), None),
                        }
                    };
                    let (mo, mp) = side(mentor);
                    let (eo, ep) = side(mentee);
                    let mut values: Vec<Box<dyn ToSql>> =
                        vec![Box::new(level), Box::new(mo), Box::new(mp), Box::new(eo), Box::new(ep)];
                    values.extend(LINK_COLS.iter().map(|c| {
                        let v = clean_line(import_get(cols, c));
                        // Dates and the period's words are NULL when not known.
                        let v: Option<String> =
                            if matches!(*c, "start_date" | "end_date" | "period_text") && v.is_empty() {
                                None
                            } else {
                                Some(v)
                            };
                        Box::new(v) as Box<dyn ToSql>
                    }));
                    values.extend([Box::new(self.user.clone()) as Box<dyn ToSql>, Box::new(now.clone())]);
                    self.insert_row("mentoring_link", &link_sql, &values, &now)?;
                }
                Step::Network { r, district, year, model, name } => {
                    let model: Option<&str> = (!model.is_empty()).then_some(model.as_str());
                    let values: Vec<Box<dyn ToSql>> = vec![
                        Box::new(id(*district, &made)),
                        Box::new(*year),
                        Box::new(model.map(str::to_string)),
                        Box::new(clean_line(name)),
                        Box::new(self.user.clone()),
                        Box::new(now.clone()),
                    ];
                    let sql = "INSERT INTO networks (district_id, year, model, name, changed_by, changed_at)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
                    let new = self.insert_row("network", sql, &values, &now)?;
                    set(&mut made, *r, new);
                }
                Step::Participants { event, orgs } => {
                    self.check_version("events", *event, None, "event")?.settle(false)?;
                    for org in orgs {
                        let Some(org) = id(*org, &made) else { continue };
                        self.conn
                            .prepare_cached(
                                "INSERT OR IGNORE INTO event_participants (event_id, org_id) VALUES (?1, ?2)",
                            )?
                            .execute(rusqlite::params![event, org])?;
                        let school: String =
                            self.conn.query_row("SELECT name FROM organizations WHERE id = ?1", [org], |r| r.get(0))?;
                        self.record_at("event", *event, "participants", None, Some(&school), &now)?;
                    }
                    self.stamp_row("events", *event)?;
                }
                Step::Member { network, org } => {
                    let (Some(net), Some(org)) = (id(*network, &made), id(*org, &made)) else { continue };
                    self.conn
                        .prepare_cached("INSERT OR IGNORE INTO network_members (network_id, org_id) VALUES (?1, ?2)")?
                        .execute(rusqlite::params![net, org])?;
                    let school: String =
                        self.conn.query_row("SELECT name FROM organizations WHERE id = ?1", [org], |r| r.get(0))?;
                    self.record_at("network", net, "member", None, Some(&school), &now)?;
                }
                Step::Update { table, entity, id: row, changes } => {
                    let seen = self.check_version(table, *row, None, entity)?;
                    seen.settle(false)?;
                    for (col, old, new) in changes {
                        if crate::import::is_count(col) {
                            let n: Option<i64> = new.parse().ok();
                            self.conn.execute(
                                &format!("UPDATE {table} SET {col} = ?1 WHERE id = ?2"),
                                rusqlite::params![n, row],
                            )?;
                            let field = col.trim_start_matches("n_");
                            let old = Some(old.as_str()).filter(|o| !o.is_empty());
                            self.record(entity, *row, field, old, n.map(|n| n.to_string()).as_deref())?;
                            continue;
                        }
                        let value: Option<String> =
                            if matches!(*col, "start_date" | "end_date" | "period_text") && new.is_empty() {
                                None
                            } else {
                                Some(clean_line(new))
                            };
                        self.conn.execute(
                            &format!("UPDATE {table} SET {col} = ?1 WHERE id = ?2"),
                            rusqlite::params![value, row],
                        )?;
                        self.record(entity, *row, col, Some(old), value.as_deref())?;
                    }
                    self.refold_and_stamp(table, *row)?;
                }
            }
        }
        Ok(())
    }

    /// After a change to a row: a school's or a person's folded name (what the lookup and the
    /// filter search) made again from its fields, and the row's version and stamp moved on.
    fn refold_and_stamp(&self, table: &str, id: i64) -> Result<()> {
        let folded = match table {
            "organizations" => Some(self.folded_org(id)?),
            "people" => Some(self.folded_person(id)?),
            _ => None,
        };
        if let Some(f) = folded {
            self.conn.execute(&format!("UPDATE {table} SET name_fold = ?1 WHERE id = ?2"), rusqlite::params![f, id])?;
        }
        self.stamp_row(table, id)
    }

    fn folded_org(&self, id: i64) -> Result<String> {
        Ok(self.conn.query_row("SELECT name, short_name, town FROM organizations WHERE id = ?1", [id], |r| {
            Ok(fold(&format!("{} {} {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        })?)
    }

    fn folded_person(&self, id: i64) -> Result<String> {
        Ok(self.conn.query_row("SELECT full_name, subjects FROM people WHERE id = ?1", [id], |r| {
            Ok(fold(&format!("{} {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        })?)
    }

    fn insert_row(&self, entity: &str, sql: &str, values: &[Box<dyn ToSql>], at: &str) -> Result<i64> {
        self.conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(values.iter()))?;
        let id = self.conn.last_insert_rowid();
        self.record_at(entity, id, "*", None, Some("created"), at)?;
        Ok(id)
    }
}

fn insert_sql(table: &str, columns: &[&str]) -> String {
    let holes: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), holes.join(", "))
}

fn import_get<'a>(cols: &'a Cols, name: &str) -> &'a str {
    cols.iter().find(|(c, _)| *c == name).map_or("", |(_, v)| v.as_str())
}

fn set(made: &mut [Option<i64>], r: Ref, id: i64) {
    if let Ref::New(n) = r {
        if let Some(slot) = made.get_mut(n) {
            *slot = Some(id);
        }
    }
}

/// A school's (or another organisation's) directory fields, as `e` in Clusters edits them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchoolFields {
    pub name: String,
    pub short_name: String,
    pub school_type: String,
    /// The district by name: found, or made when the store has none of that name.
    pub district: String,
    pub town: String,
    pub inn: String,
    pub ogrn: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub director: String,
}

/// The form's fields and the store's columns, in the form's order (the district apart).
const SCHOOL_COLUMNS: [&str; 10] =
    ["name", "short_name", "school_type", "town", "inn", "ogrn", "address", "phone", "email", "director"];

impl SchoolFields {
    fn values(&self) -> [&str; 10] {
        [
            &self.name,
            &self.short_name,
            &self.school_type,
            &self.town,
            &self.inn,
            &self.ogrn,
            &self.address,
            &self.phone,
            &self.email,
            &self.director,
        ]
    }
}

impl Store {
    /// A school's fields and the version they were read at.
    pub fn school_fields(&self, id: i64) -> Result<(SchoolFields, i64)> {
        self.conn
            .query_row(
                "SELECT o.name, o.short_name, o.school_type, coalesce(d.name, ''), o.town, o.inn, o.ogrn, o.address,
                        o.phone, o.email, o.director, o.version
                 FROM organizations o LEFT JOIN districts d ON d.id = o.district_id WHERE o.id = ?1",
                [id],
                |r| {
                    let t = |i: usize| super::read::text(r, i);
                    Ok((
                        SchoolFields {
                            name: t(0)?,
                            short_name: t(1)?,
                            school_type: t(2)?,
                            district: t(3)?,
                            town: t(4)?,
                            inn: t(5)?,
                            ogrn: t(6)?,
                            address: t(7)?,
                            phone: t(8)?,
                            email: t(9)?,
                            director: t(10)?,
                        },
                        r.get(11)?,
                    ))
                },
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => super::StoreError::NotFound("organization"),
                e => e.into(),
            })
    }

    /// Another school the store holds that these fields would duplicate: the same ИНН, or the
    /// same folded name in the same district. Its name, for the message under the field.
    pub fn school_twin(&self, id: Option<i64>, f: &SchoolFields) -> Result<Option<(bool, String)>> {
        if !f.inn.is_empty() {
            let by_inn: Option<String> = rusqlite::OptionalExtension::optional(self.conn.query_row(
                "SELECT name FROM organizations WHERE inn = ?1 AND id IS NOT ?2",
                rusqlite::params![f.inn, id],
                |r| r.get(0),
            ))?;
            if let Some(name) = by_inn {
                return Ok(Some((true, name)));
            }
        }
        let folded = fold(&f.name);
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.name FROM organizations o LEFT JOIN districts d ON d.id = o.district_id
             WHERE coalesce(d.name, '') = ?1 AND o.id IS NOT ?2",
        )?;
        let twins = stmt
            .query_map(rusqlite::params![clean_line(&f.district), id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(twins.into_iter().find(|n| fold(n) == folded).map(|n| (false, n)))
    }

    /// Changes a school's directory fields; each changed field gets its line in history.
    /// Returns false when nothing changed.
    pub fn update_school(&self, id: i64, f: &SchoolFields, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("organizations", id, seen_version, "organization")?;
            let (old, _) = s.school_fields(id)?;
            let mut changed = false;
            for ((col, was), now) in SCHOOL_COLUMNS.iter().zip(old.values()).zip(f.values()) {
                let now = clean_line(now);
                if was != now {
                    s.conn.execute(
                        &format!("UPDATE organizations SET {col} = ?1 WHERE id = ?2"),
                        rusqlite::params![now, id],
                    )?;
                    s.record("organization", id, col, Some(was), Some(&now))?;
                    changed = true;
                }
            }
            if clean_line(&f.district) != old.district {
                let district = match clean_line(&f.district).as_str() {
                    "" => None,
                    name => Some(s.district_named(name)?),
                };
                s.conn.execute(
                    "UPDATE organizations SET district_id = ?1 WHERE id = ?2",
                    rusqlite::params![district, id],
                )?;
                s.record("organization", id, "district", Some(&old.district), Some(&clean_line(&f.district)))?;
                changed = true;
            }
            seen.settle(changed)?;
            if changed {
                s.refold_and_stamp("organizations", id)?;
            }
            Ok(changed)
        })
    }

    /// The district of this name, made when the store has none.
    pub(super) fn district_named(&self, name: &str) -> Result<i64> {
        let found: Option<i64> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT id FROM districts WHERE name = ?1",
            [clean_line(name)],
            |r| r.get(0),
        ))?;
        match found {
            Some(id) => Ok(id),
            None => self.add_district(name, ""),
        }
    }
}

impl Store {
    /// Merges `gone` into `keep` (two spellings of one school, from two imports): every row
    /// that refers to `gone` — people, statuses, links, events and their participants,
    /// meetings, agreements, indicators, diagnostics, networks — refers to `keep` instead
    /// (a row `keep` already has the same of is dropped, not doubled), `keep`'s empty
    /// directory fields take `gone`'s, and `gone` is removed. One action: `u` undoes all of it.
    /// Returns how many rows moved.
    pub fn merge_orgs(&self, keep: i64, gone: i64) -> Result<usize> {
        if keep == gone {
            return Err(super::StoreError::NotFound("organization"));
        }
        self.user_action(|s| {
            let (k, _) = s.school_fields(keep)?;
            let (g, _) = s.school_fields(gone)?;
            s.check_version("organizations", gone, None, "organization")?.settle(true)?;
            s.check_version("organizations", keep, None, "organization")?.settle(true)?;
            let moved = s.move_references("organizations", keep, gone)?;
            // What only `gone` knew of the school.
            for ((col, mine), theirs) in SCHOOL_COLUMNS.iter().zip(k.values()).zip(g.values()) {
                if mine.is_empty() && !theirs.is_empty() && *col != "name" {
                    s.conn.execute(
                        &format!("UPDATE organizations SET {col} = ?1 WHERE id = ?2"),
                        rusqlite::params![theirs, keep],
                    )?;
                    s.record("organization", keep, col, Some(""), Some(theirs))?;
                }
            }
            s.conn.execute("DELETE FROM organizations WHERE id = ?1", [gone])?;
            s.record("organization", gone, "*", Some(&g.name), Some("deleted"))?;
            s.record("organization", keep, "merged", Some(&g.name), Some(&k.name))?;
            s.refold_and_stamp("organizations", keep)?;
            Ok(moved)
        })
    }
}

impl Store {
    /// Every row that refers to `gone` in `target` (by a foreign key, found in the schema, so
    /// a table added later is not forgotten) refers to `keep` instead; a row that would become
    /// a twin of one `keep` has (a unique key) is dropped. Returns how many rows moved.
    pub(super) fn move_references(&self, target: &str, keep: i64, gone: i64) -> Result<usize> {
        let mut moved = 0;
        for table in self.table_names()? {
            let refs: Vec<String> = self
                .conn
                .prepare(&format!("SELECT \"from\" FROM pragma_foreign_key_list('{table}') WHERE \"table\" = ?1"))?
                .query_map([target], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for col in refs {
                moved += self.conn.execute(
                    &format!("UPDATE OR IGNORE \"{table}\" SET \"{col}\" = ?1 WHERE \"{col}\" = ?2"),
                    rusqlite::params![keep, gone],
                )?;
                self.conn.execute(&format!("DELETE FROM \"{table}\" WHERE \"{col}\" = ?1"), [gone])?;
            }
        }
        Ok(moved)
    }

    /// Merges `gone` into `keep` (one teacher entered twice, or spelled two ways by two
    /// imports): links, events, meetings, diagnostics and the rest that name `gone` name
    /// `keep`; `keep`'s empty fields take `gone`'s; `gone` is removed. One action.
    pub fn merge_people(&self, keep: i64, gone: i64) -> Result<usize> {
        if keep == gone {
            return Err(super::StoreError::NotFound("person"));
        }
        self.user_action(|s| {
            let (k, _, _) = s.person_fields(keep)?;
            let (g, _, _) = s.person_fields(gone)?;
            s.check_version("people", gone, None, "person")?.settle(true)?;
            s.check_version("people", keep, None, "person")?.settle(true)?;
            let moved = s.move_references("people", keep, gone)?;
            for (col, mine, theirs) in [
                ("role", &k.role, &g.role),
                ("subjects", &k.subjects, &g.subjects),
                ("email", &k.email, &g.email),
                ("phone", &k.phone, &g.phone),
            ] {
                if mine.is_empty() && !theirs.is_empty() {
                    s.conn.execute(
                        &format!("UPDATE people SET {col} = ?1 WHERE id = ?2"),
                        rusqlite::params![theirs, keep],
                    )?;
                    s.record("person", keep, col, Some(""), Some(theirs))?;
                }
            }
            if k.org.is_none() && g.org.is_some() {
                s.conn.execute("UPDATE people SET org_id = ?1 WHERE id = ?2", rusqlite::params![g.org, keep])?;
            }
            s.conn.execute("DELETE FROM people WHERE id = ?1", [gone])?;
            s.record("person", gone, "*", Some(&g.full_name), Some("deleted"))?;
            s.record("person", keep, "merged", Some(&g.full_name), Some(&k.full_name))?;
            s.refold_and_stamp("people", keep)?;
            Ok(moved)
        })
    }
}

/// A school's cluster status for one academic year, as `s` in Clusters sets it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusFields {
    pub status: String,
    pub risk_level: String,
    /// The order or document it rests on («приказ … от 26.04.2022 № 56»).
    pub note: String,
}

impl Store {
    /// The status row of a school for a year (the one named, or its only one), with its
    /// version.
    pub fn cluster_status_row(
        &self,
        org: i64,
        year: crate::text::AcademicYear,
        status: &str,
    ) -> Result<Option<(i64, StatusFields, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, status, risk_level, note, version FROM cluster_status WHERE org_id = ?1 AND year = ?2 ORDER BY id",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![org, year.0], |r| {
                let t = |i: usize| super::read::text(r, i);
                Ok((r.get::<_, i64>(0)?, StatusFields { status: t(1)?, risk_level: t(2)?, note: t(3)? }, r.get(4)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .iter()
            .find(|(_, f, _)| f.status == status)
            .or(if rows.len() == 1 { rows.first() } else { None })
            .cloned())
    }

    /// Sets a school's status for the year: changes the row `id` (each field in history), or
    /// adds one. Another row of the same status that year is a duplicate. Returns false when
    /// nothing changed.
    pub fn set_cluster_status(
        &self,
        org: i64,
        year: crate::text::AcademicYear,
        id: Option<i64>,
        f: &StatusFields,
        seen_version: Option<i64>,
    ) -> Result<bool> {
        self.user_action(|s| {
            let twin: i64 = s.conn.query_row(
                "SELECT count(*) FROM cluster_status WHERE org_id = ?1 AND year = ?2 AND status = ?3 AND id IS NOT ?4",
                rusqlite::params![org, year.0, clean_line(&f.status), id],
                |r| r.get(0),
            )?;
            if twin > 0 {
                return Err(super::StoreError::Duplicate);
            }
            let Some(id) = id else {
                s.add_cluster_status(org, year, &f.status, &f.risk_level)?;
                let new: i64 = s.conn.last_insert_rowid();
                if !f.note.trim().is_empty() {
                    s.conn.execute(
                        "UPDATE cluster_status SET note = ?1 WHERE id = ?2",
                        rusqlite::params![clean_line(&f.note), new],
                    )?;
                }
                return Ok(true);
            };
            let seen = s.check_version("cluster_status", id, seen_version, "cluster_status")?;
            let old: (String, String, String) =
                s.conn.query_row("SELECT status, risk_level, note FROM cluster_status WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            let mut changed = false;
            for (col, was, now) in
                [("status", &old.0, &f.status), ("risk_level", &old.1, &f.risk_level), ("note", &old.2, &f.note)]
            {
                let now = clean_line(now);
                if *was != now {
                    s.conn.execute(
                        &format!("UPDATE cluster_status SET {col} = ?1 WHERE id = ?2"),
                        rusqlite::params![now, id],
                    )?;
                    s.record("cluster_status", id, col, Some(was), Some(&now))?;
                    changed = true;
                }
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("cluster_status", id)?;
            }
            Ok(changed)
        })
    }
}

/// A person of the directory, as the person form edits them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonFields {
    pub full_name: String,
    /// Position and roles as written: «учитель, наставник».
    pub role: String,
    pub org: Option<i64>,
    pub subjects: String,
    pub email: String,
    pub phone: String,
}

impl Store {
    /// A person's fields, the name of their organisation, and the version.
    pub fn person_fields(&self, id: i64) -> Result<(PersonFields, String, i64)> {
        self.conn
            .query_row(
                "SELECT p.full_name, p.role, p.org_id, p.subjects, p.email, p.phone, coalesce(o.name, ''), p.version
                 FROM people p LEFT JOIN organizations o ON o.id = p.org_id WHERE p.id = ?1",
                [id],
                |r| {
                    let t = |i: usize| super::read::text(r, i);
                    Ok((
                        PersonFields {
                            full_name: t(0)?,
                            role: t(1)?,
                            org: r.get(2)?,
                            subjects: t(3)?,
                            email: t(4)?,
                            phone: t(5)?,
                        },
                        t(6)?,
                        r.get(7)?,
                    ))
                },
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => super::StoreError::NotFound("person"),
                e => e.into(),
            })
    }

    /// Adds a person (id given: changes them, each field in history). The same folded ФИО in
    /// the same organisation is a duplicate. Returns false when nothing changed.
    pub fn save_person(&self, id: Option<i64>, f: &PersonFields, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let name = fold(&f.full_name);
            let twins: Vec<String> = s
                .conn
                .prepare_cached("SELECT full_name FROM people WHERE org_id IS ?1 AND id IS NOT ?2")?
                .query_map(rusqlite::params![f.org, id], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()?;
            if twins.iter().any(|t| fold(t) == name) {
                return Err(super::StoreError::Duplicate);
            }
            let Some(id) = id else {
                let new = s.add_person(&f.full_name, &f.role, f.org, &f.subjects)?;
                s.conn.execute(
                    "UPDATE people SET email = ?1, phone = ?2 WHERE id = ?3",
                    rusqlite::params![clean_line(&f.email), clean_line(&f.phone), new],
                )?;
                return Ok(true);
            };
            let seen = s.check_version("people", id, seen_version, "person")?;
            let (old, _, _) = s.person_fields(id)?;
            let mut changed = false;
            for (col, was, now) in [
                ("full_name", &old.full_name, &f.full_name),
                ("role", &old.role, &f.role),
                ("subjects", &old.subjects, &f.subjects),
                ("email", &old.email, &f.email),
                ("phone", &old.phone, &f.phone),
            ] {
                let now = clean_line(now);
                if *was != now {
                    s.conn
                        .execute(&format!("UPDATE people SET {col} = ?1 WHERE id = ?2"), rusqlite::params![now, id])?;
                    s.record("person", id, col, Some(was), Some(&now))?;
                    changed = true;
                }
            }
            if old.org != f.org {
                let name = |o: Option<i64>| -> Result<String> {
                    Ok(match o {
                        Some(o) => s.school_fields(o)?.0.name,
                        None => String::new(),
                    })
                };
                s.conn.execute("UPDATE people SET org_id = ?1 WHERE id = ?2", rusqlite::params![f.org, id])?;
                s.record("person", id, "organization", Some(&name(old.org)?), Some(&name(f.org)?))?;
                changed = true;
            }
            seen.settle(changed)?;
            if changed {
                s.refold_and_stamp("people", id)?;
            }
            Ok(changed)
        })
    }
}

impl Store {
    /// Retires an organisation (`retired`: today) or brings it back (`None`): kept with
    /// everything that refers to it, out of the lookup and the pickers. Returns false when it
    /// already was so.
    pub fn set_org_retired(
        &self,
        id: i64,
        retired: Option<chrono::NaiveDate>,
        seen_version: Option<i64>,
    ) -> Result<bool> {
        self.set_retired("organizations", "organization", id, retired, seen_version)
    }

    /// As [`Store::set_org_retired`], for a person who left (a teacher who moved away).
    pub fn set_person_retired(&self, id: i64, retired: Option<chrono::NaiveDate>) -> Result<bool> {
        self.set_retired("people", "person", id, retired, None)
    }

    /// Whether a person is retired.
    pub fn person_retired(&self, id: i64) -> Result<bool> {
        Ok(self.conn.query_row("SELECT retired_at IS NOT NULL FROM people WHERE id = ?1", [id], |r| r.get(0))?)
    }

    fn set_retired(
        &self,
        table: &str,
        entity: &'static str,
        id: i64,
        retired: Option<chrono::NaiveDate>,
        seen_version: Option<i64>,
    ) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version(table, id, seen_version, entity)?;
            let old: Option<String> =
                s.conn.query_row(&format!("SELECT retired_at FROM {table} WHERE id = ?1"), [id], |r| r.get(0))?;
            let new = retired.map(|d| d.format("%Y-%m-%d").to_string());
            let changed = old.is_some() != new.is_some();
            seen.settle(changed)?;
            if changed {
                s.conn.execute(
                    &format!("UPDATE {table} SET retired_at = ?1 WHERE id = ?2"),
                    rusqlite::params![new, id],
                )?;
                s.record(entity, id, "retired", old.as_deref(), new.as_deref())?;
                s.stamp_row(table, id)?;
            }
            Ok(changed)
        })
    }
}
