//! Groups of people (working groups, communities, creative groups): read for the Clusters
//! pane and the cards, built by the demo, changed by their form, each change in history.

use super::{now_stamp, Result, Store, StoreError};
use crate::domain::GroupRow;
use crate::text::{clean, clean_line};
use rusqlite::params;

/// What the group form saves (and the demo builds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupFields {
    pub district: Option<i64>,
    pub kind: String,
    pub name: String,
    pub basis: String,
    pub composition: String,
    pub since: String,
    pub note: String,
    /// Person and role.
    pub members: Vec<(i64, String)>,
}

impl Store {
    /// Every group with its named members, by district and name.
    pub fn groups(&self) -> Result<Vec<GroupRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.id, g.district_id, coalesce(d.name, ''), g.kind, g.name, g.basis, g.composition, g.since, g.note,
                    g.version, g.changed_by, g.changed_at
               FROM people_groups g LEFT JOIN districts d ON d.id = g.district_id ORDER BY d.name, g.name, g.id",
        )?;
        let mut out = stmt
            .query_map([], |r| {
                Ok(GroupRow {
                    id: r.get(0)?,
                    district_id: r.get(1)?,
                    district: super::read::text(r, 2)?,
                    kind: super::read::text(r, 3)?,
                    name: super::read::text(r, 4)?,
                    basis: super::read::text(r, 5)?,
                    composition: super::read::clean_multi(r, 6)?,
                    since: super::read::text(r, 7)?,
                    note: super::read::clean_multi(r, 8)?,
                    stamp: super::read::stamp(r, 9)?,
                    members: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut members = self.conn.prepare_cached(
            "SELECT p.id, p.full_name, m.role FROM group_members m JOIN people p ON p.id = m.person_id
              WHERE m.group_id = ?1 ORDER BY p.name_fold, p.id",
        )?;
        for g in &mut out {
            g.members = members
                .query_map([g.id], |r| Ok((r.get(0)?, super::read::text(r, 1)?, super::read::text(r, 2)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    /// A group as the demo adds it.
    pub fn add_group(&self, f: &GroupFields) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO people_groups (district_id, kind, name, basis, composition, since, note, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                f.district,
                clean_line(f.kind.trim()),
                clean_line(f.name.trim()),
                clean_line(f.basis.trim()),
                clean(f.composition.trim()),
                clean_line(f.since.trim()),
                clean(f.note.trim()),
                self.user,
                now_stamp()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.record("group", id, "*", None, Some("created"))?;
        for (person, role) in &f.members {
            self.conn.execute(
                "INSERT OR IGNORE INTO group_members (group_id, person_id, role) VALUES (?1, ?2, ?3)",
                params![id, person, clean_line(role.trim())],
            )?;
        }
        Ok(id)
    }

    /// Adds a group (`id` none) or changes one — its fields and its members, each change in
    /// history; false when nothing changed.
    pub fn save_group(&self, id: Option<(i64, i64)>, f: &GroupFields) -> Result<bool> {
        self.user_action(|s| {
            let Some((id, version)) = id else {
                s.add_group(f)?;
                return Ok(true);
            };
            let seen = s.check_version("people_groups", id, Some(version), "group")?;
            let old = s.groups()?.into_iter().find(|g| g.id == id).ok_or(StoreError::NotFound("group"))?;
            let columns: [super::write::Column; 6] = [
                ("kind", "kind", Some(old.kind.clone()), Some(clean_line(f.kind.trim()))),
                ("name", "name", Some(old.name.clone()), Some(clean_line(f.name.trim()))),
                ("basis", "basis", Some(old.basis.clone()), Some(clean_line(f.basis.trim()))),
                ("composition", "composition", Some(old.composition.clone()), Some(clean(f.composition.trim()))),
                ("since", "since", Some(old.since.clone()), Some(clean_line(f.since.trim()))),
                ("remark", "note", Some(old.note.clone()), Some(clean(f.note.trim()))),
            ];
            let mut changed = s.write_columns("people_groups", "group", id, columns)?;
            if old.district_id != f.district {
                s.conn.execute("UPDATE people_groups SET district_id = ?1 WHERE id = ?2", params![f.district, id])?;
                let (was, now) = (s.district_name(old.district_id)?, s.district_name(f.district)?);
                s.record("group", id, "district", was.as_deref(), now.as_deref())?;
                changed = true;
            }
            for (person, name, role) in &old.members {
                match f.members.iter().find(|(p, _)| p == person) {
                    None => {
                        s.conn.execute(
                            "DELETE FROM group_members WHERE group_id = ?1 AND person_id = ?2",
                            params![id, person],
                        )?;
                        s.record("group", id, "member", Some(&format!("{name} — {role}")), None)?;
                        changed = true;
                    }
                    Some((_, r)) if clean_line(r.trim()) != *role => {
                        let r = clean_line(r.trim());
                        s.conn.execute(
                            "UPDATE group_members SET role = ?1 WHERE group_id = ?2 AND person_id = ?3",
                            params![r, id, person],
                        )?;
                        s.record(
                            "group",
                            id,
                            "member",
                            Some(&format!("{name} — {role}")),
                            Some(&format!("{name} — {r}")),
                        )?;
                        changed = true;
                    }
                    Some(_) => {}
                }
            }
            for (person, role) in &f.members {
                if !old.members.iter().any(|(p, ..)| p == person) {
                    let role = clean_line(role.trim());
                    s.conn.execute(
                        "INSERT OR IGNORE INTO group_members (group_id, person_id, role) VALUES (?1, ?2, ?3)",
                        params![id, person, role],
                    )?;
                    let name = s.entry(crate::lookup::Entity::Person(*person))?.name;
                    s.record("group", id, "member", None, Some(&format!("{name} — {role}")))?;
                    changed = true;
                }
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("people_groups", id)?;
            }
            Ok(changed)
        })
    }

    /// Removes a group with its members' places in it, as one action.
    pub fn remove_group(&self, id: i64, version: i64) -> Result<()> {
        self.user_action(|s| {
            s.check_version("people_groups", id, Some(version), "group")?.settle(true)?;
            let name: String = s.conn.query_row("SELECT name FROM people_groups WHERE id = ?1", [id], |r| r.get(0))?;
            s.conn.execute("DELETE FROM group_members WHERE group_id = ?1", [id])?;
            s.conn.execute("DELETE FROM people_groups WHERE id = ?1", [id])?;
            s.record("group", id, "*", Some(&name), Some("deleted"))?;
            Ok(())
        })
    }
}
