//! An import's plan read from and applied to the store: what the store holds, as the plan
//! matches against it, and the plan's steps written in one transaction, as one action (one
//! `u` undoes the whole import), each new row and changed field in history like any other.

use super::{now_stamp, Result, Store};
use crate::import::{
    self, Cols, Dir, ImportError, LinkRec, Options, OrgRec, PersonRec, Plan, Ref, Side, StatusRec, Step, LINK_COLS,
    ORG_COLS, PERSON_COLS, STATUS_COLS,
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
        Ok(Dir::new(districts, orgs, people, statuses, links))
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
        for step in &plan.steps {
            match step {
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
                Step::Update { table, entity, id: row, changes } => {
                    let seen = self.check_version(table, *row, None, entity)?;
                    seen.settle(false)?;
                    for (col, old, new) in changes {
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
                    match *table {
                        "organizations" => self.conn.execute(
                            "UPDATE organizations SET name_fold = ?1 WHERE id = ?2",
                            rusqlite::params![self.folded_org(*row)?, row],
                        )?,
                        "people" => self.conn.execute(
                            "UPDATE people SET name_fold = ?1 WHERE id = ?2",
                            rusqlite::params![self.folded_person(*row)?, row],
                        )?,
                        _ => 0,
                    };
                    self.stamp_row(table, *row)?;
                }
            }
        }
        Ok(())
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
