//! Networks of schools (a distributed or a resource model) per academic year, with their
//! members: read for the Clusters pane and the cards, changed by its form, exported.

use super::{Result, Store, StoreError};
use crate::domain::NetworkModel;
pub use crate::domain::NetworkRow;
use crate::text::{clean_line, AcademicYear};
use rusqlite::{params, OptionalExtension};

/// What the network form saves.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkFields {
    pub district: i64,
    pub year: AcademicYear,
    pub model: Option<NetworkModel>,
    pub name: String,
    pub members: Vec<i64>,
}

impl Store {
    /// The networks of a year (of every year with `None`), by district and name.
    pub fn networks(&self, year: Option<AcademicYear>) -> Result<Vec<NetworkRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.district_id, coalesce(d.name, ''), n.year, n.model, n.name, n.version
               FROM networks n LEFT JOIN districts d ON d.id = n.district_id
              WHERE ?1 IS NULL OR n.year = ?1 ORDER BY n.year, d.name, n.name, n.id",
        )?;
        let rows = stmt
            .query_map([year.map(|y| y.0)], |r| {
                let model: Option<String> = r.get(4)?;
                Ok(NetworkRow {
                    id: r.get(0)?,
                    district_id: r.get(1)?,
                    district: super::read::text(r, 2)?,
                    year: AcademicYear(r.get(3)?),
                    model: model.as_deref().and_then(NetworkModel::from_code),
                    name: super::read::text(r, 5)?,
                    members: Vec::new(),
                    version: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut members = self.conn.prepare_cached(
            "SELECT o.id, coalesce(nullif(o.short_name, ''), o.name) FROM network_members m
               JOIN organizations o ON o.id = m.org_id WHERE m.network_id = ?1 ORDER BY o.name_fold, o.id",
        )?;
        let mut out = rows;
        for n in &mut out {
            n.members = members
                .query_map([n.id], |r| Ok((r.get(0)?, super::read::text(r, 1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    /// The districts with their ids, by name.
    pub fn district_list(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM districts ORDER BY name, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, super::read::text(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The districts' names, by name.
    pub fn district_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM districts ORDER BY name")?;
        let rows = stmt.query_map([], |r| super::read::text(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each district's name and how many organisations it has.
    pub fn district_counts(&self) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.name, (SELECT count(*) FROM organizations o WHERE o.district_id = d.id) FROM districts d
              ORDER BY d.name",
        )?;
        let rows = stmt.query_map([], |r| Ok((super::read::text(r, 0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Renames a district; another of that name is a duplicate (merge them instead).
    pub fn rename_district(&self, id: i64, name: &str) -> Result<bool> {
        let name = clean_line(name);
        self.user_action(|s| {
            let old: String = s.conn.query_row("SELECT name FROM districts WHERE id = ?1", [id], |r| r.get(0))?;
            if old == name || name.is_empty() {
                return Ok(false);
            }
            let twins: Vec<String> = s
                .conn
                .prepare_cached("SELECT name FROM districts WHERE id <> ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if twins.iter().any(|t| crate::text::fold(t) == crate::text::fold(&name)) {
                return Err(StoreError::Duplicate);
            }
            s.check_version("districts", id, None, "district")?.settle(true)?;
            s.conn.execute("UPDATE districts SET name = ?1 WHERE id = ?2", params![name, id])?;
            s.record("district", id, "name", Some(&old), Some(&name))?;
            s.stamp_row("districts", id)?;
            Ok(true)
        })
    }

    /// Merges district `gone` into `keep`: everything in `gone` is in `keep`, `gone` is removed.
    pub fn merge_districts(&self, keep: i64, gone: i64) -> Result<usize> {
        if keep == gone {
            return Err(StoreError::NotFound("district"));
        }
        self.user_action(|s| {
            let name = |id: i64| -> Result<String> {
                Ok(s.conn.query_row("SELECT name FROM districts WHERE id = ?1", [id], |r| r.get(0))?)
            };
            let (k, g) = (name(keep)?, name(gone)?);
            let moved = s.move_references("districts", keep, gone)?;
            s.conn.execute("DELETE FROM districts WHERE id = ?1", [gone])?;
            s.record("district", gone, "*", Some(&g), Some("deleted"))?;
            s.record("district", keep, "merged", Some(&g), Some(&k))?;
            s.stamp_row("districts", keep)?;
            Ok(moved)
        })
    }

    /// One network, as the form opens it.
    pub fn network(&self, id: i64) -> Result<NetworkRow> {
        self.networks(None)?.into_iter().find(|n| n.id == id).ok_or(StoreError::NotFound("network"))
    }

    /// The networks a school is a member of, every year.
    pub fn networks_of(&self, org: i64) -> Result<Vec<NetworkRow>> {
        Ok(self.networks(None)?.into_iter().filter(|n| n.members.iter().any(|(m, _)| *m == org)).collect())
    }

    /// Adds a network (`id` none) or changes one: its name, model and members, each change in
    /// history. A name the district already has that year is a duplicate. Returns false when
    /// nothing changed.
    /// The closing part of the year's report of a district (or of all): its row, text and
    /// version, when it was written.
    pub fn report_note(&self, year: AcademicYear, district: Option<i64>) -> Result<Option<(i64, String, i64)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, text, version FROM report_notes WHERE year = ?1 AND district_id IS ?2 ORDER BY id LIMIT 1",
                params![year.0, district],
                |r| Ok((r.get(0)?, super::read::clean_multi(r, 1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// Writes the closing part of a report (recorded, undoable); false when it says the same.
    pub fn save_report_note(&self, year: AcademicYear, district: Option<i64>, text: &str) -> Result<bool> {
        let text = crate::text::clean(text).trim().to_string();
        self.user_action(|s| match s.report_note(year, district)? {
            Some((_, old, _)) if old == text => Ok(false),
            Some((id, old, _)) => {
                s.conn.execute("UPDATE report_notes SET text = ?1 WHERE id = ?2", params![text, id])?;
                s.record("report_note", id, "text", Some(&old), Some(&text))?;
                s.stamp_row("report_notes", id)?;
                Ok(true)
            }
            None if text.is_empty() => Ok(false),
            None => {
                s.conn.execute(
                    "INSERT INTO report_notes (year, district_id, text, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![year.0, district, text, s.user, super::now_stamp()],
                )?;
                let id = s.conn.last_insert_rowid();
                s.record("report_note", id, "text", None, Some(&text))?;
                Ok(true)
            }
        })
    }

    pub fn save_network(&self, id: Option<i64>, f: &NetworkFields, seen_version: Option<i64>) -> Result<bool> {
        // The form refuses an empty name under its field.
        let name = clean_line(&f.name);
        self.user_action(|s| {
            let twin: i64 = s.conn.query_row(
                "SELECT count(*) FROM networks WHERE district_id = ?1 AND year = ?2 AND name = ?3 AND id IS NOT ?4",
                params![f.district, f.year.0, name, id],
                |r| r.get(0),
            )?;
            if twin > 0 {
                return Err(StoreError::Duplicate);
            }
            let Some(id) = id else {
                s.add_network(f.district, f.year, f.model, &name, &f.members)?;
                return Ok(true);
            };
            let seen = s.check_version("networks", id, seen_version, "network")?;
            let old = s.network(id)?;
            let mut changed = false;
            if old.name != name {
                s.conn.execute("UPDATE networks SET name = ?1 WHERE id = ?2", params![name, id])?;
                s.record("network", id, "name", Some(&old.name), Some(&name))?;
                changed = true;
            }
            if old.model != f.model {
                let code = |m: Option<NetworkModel>| m.map(|m| m.code().to_string()).unwrap_or_default();
                s.conn
                    .execute("UPDATE networks SET model = ?1 WHERE id = ?2", params![f.model.map(|m| m.code()), id])?;
                s.record("network", id, "model", Some(&code(old.model)), Some(&code(f.model)))?;
                changed = true;
            }
            for (org, school) in &old.members {
                if !f.members.contains(org) {
                    s.conn.execute(
                        "DELETE FROM network_members WHERE network_id = ?1 AND org_id = ?2",
                        params![id, org],
                    )?;
                    s.record("network", id, "member", Some(school), None)?;
                    changed = true;
                }
            }
            for org in &f.members {
                if !old.members.iter().any(|(m, _)| m == org) {
                    s.conn.execute(
                        "INSERT OR IGNORE INTO network_members (network_id, org_id) VALUES (?1, ?2)",
                        params![id, org],
                    )?;
                    let school = s.entry(crate::lookup::Entity::Org(*org))?.name;
                    s.record("network", id, "member", None, Some(&school))?;
                    changed = true;
                }
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("networks", id)?;
            }
            Ok(changed)
        })
    }
}
