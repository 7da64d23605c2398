//! Programmes and roadmaps of a district with their tasks: read for the Agreements pane and
//! the cards, built by the demo, changed by their forms, each change in history.

use super::write::{iso, Column, StatusTable};
use super::{now_stamp, Result, Store};
use crate::domain::{EventStatus, ProgrammeRow, TaskRow, When};
use crate::text::{clean, clean_line};
use rusqlite::params;

/// What the programme form saves (and the demo builds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgrammeFields {
    pub district: Option<i64>,
    pub name: String,
    pub when: When,
    pub basis: String,
    pub goal: String,
    pub note: String,
}

/// What the task form saves (and the demo builds).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskFields {
    pub text: String,
    pub responsible: String,
    pub deadline: When,
    pub indicator: String,
    pub status: EventStatus,
    pub progress: String,
    pub note: String,
}

fn when_columns(old: &When, new: &When) -> [Column; 3] {
    let text = |w: &When| w.text.as_deref().map(clean_line).filter(|t| !t.is_empty());
    [
        ("start", "start_date", iso(old.start), iso(new.start)),
        ("end", "end_date", iso(old.end), iso(new.end)),
        ("period", "period_text", text(old), text(new)),
    ]
}

impl Store {
    /// Every programme with its tasks, by district and name.
    pub fn programmes(&self) -> Result<Vec<ProgrammeRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.district_id, coalesce(d.name, ''), p.name, p.start_date, p.end_date, p.period_text,
                    p.basis, p.goal, p.note, p.version, p.changed_by, p.changed_at
               FROM programmes p LEFT JOIN districts d ON d.id = p.district_id
              ORDER BY d.name, p.start_date, p.name, p.id",
        )?;
        let mut out = stmt
            .query_map([], |r| {
                Ok(ProgrammeRow {
                    id: r.get(0)?,
                    district_id: r.get(1)?,
                    district: super::read::text(r, 2)?,
                    name: super::read::text(r, 3)?,
                    when: super::read::when(r, 4)?,
                    basis: super::read::text(r, 7)?,
                    goal: super::read::clean_multi(r, 8)?,
                    note: super::read::clean_multi(r, 9)?,
                    stamp: super::read::stamp(r, 10)?,
                    tasks: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut tasks = self.conn.prepare_cached(
            "SELECT id, pos, text, responsible, start_date, end_date, period_text, indicator, status, progress, note,
                    version, changed_by, changed_at
               FROM programme_tasks WHERE programme_id = ?1 ORDER BY pos, id",
        )?;
        for p in &mut out {
            p.tasks = tasks
                .query_map([p.id], |r| {
                    let status: String = r.get(8)?;
                    Ok(TaskRow {
                        id: r.get(0)?,
                        pos: r.get(1)?,
                        text: super::read::clean_multi(r, 2)?,
                        responsible: super::read::text(r, 3)?,
                        deadline: super::read::when(r, 4)?,
                        indicator: super::read::text(r, 7)?,
                        status: EventStatus::from_code(&status).unwrap_or(EventStatus::Planned),
                        progress: super::read::clean_multi(r, 9)?,
                        note: super::read::clean_multi(r, 10)?,
                        stamp: super::read::stamp(r, 11)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    pub fn programme(&self, id: i64) -> Result<ProgrammeRow> {
        self.programmes()?.into_iter().find(|p| p.id == id).ok_or(super::StoreError::NotFound("programme"))
    }

    /// A programme as the demo and the form add it.
    pub fn add_programme(&self, f: &ProgrammeFields) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO programmes (district_id, name, start_date, end_date, period_text, basis, goal, note,
                changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                f.district,
                clean_line(f.name.trim()),
                iso(f.when.start),
                iso(f.when.end),
                f.when.text.as_deref().map(clean_line).filter(|t| !t.is_empty()),
                clean_line(f.basis.trim()),
                clean(f.goal.trim()),
                clean(f.note.trim()),
                self.user,
                now_stamp()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.record("programme", id, "*", None, Some("created"))?;
        Ok(id)
    }

    /// A task at the end of a programme, as the demo and the form add it.
    pub fn add_task(&self, programme: i64, f: &TaskFields) -> Result<i64> {
        let pos: i64 = self.conn.query_row(
            "SELECT coalesce(max(pos), 0) + 1 FROM programme_tasks WHERE programme_id = ?1",
            [programme],
            |r| r.get(0),
        )?;
        self.conn.execute(
            "INSERT INTO programme_tasks (programme_id, pos, text, responsible, start_date, end_date, period_text,
                indicator, status, progress, note, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                programme,
                pos,
                clean(f.text.trim()),
                clean_line(f.responsible.trim()),
                iso(f.deadline.start),
                iso(f.deadline.end),
                f.deadline.text.as_deref().map(clean_line).filter(|t| !t.is_empty()),
                clean_line(f.indicator.trim()),
                f.status.code(),
                clean(f.progress.trim()),
                clean(f.note.trim()),
                self.user,
                now_stamp()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.record("programme_task", id, "*", None, Some("created"))?;
        Ok(id)
    }

    /// Adds a programme (`id` none) or changes one, each field in history; false when nothing
    /// changed.
    pub fn save_programme(&self, id: Option<(i64, i64)>, f: &ProgrammeFields) -> Result<bool> {
        self.user_action(|s| {
            let Some((id, version)) = id else {
                s.add_programme(f)?;
                return Ok(true);
            };
            let seen = s.check_version("programmes", id, Some(version), "programme")?;
            let old = s.programme(id)?;
            let [a, b, c] = when_columns(&old.when, &f.when);
            let mut changed = false;
            if old.district_id != f.district {
                s.conn.execute("UPDATE programmes SET district_id = ?1 WHERE id = ?2", params![f.district, id])?;
                let (was, now) = (s.district_name(old.district_id)?, s.district_name(f.district)?);
                s.record("programme", id, "district", was.as_deref(), now.as_deref())?;
                changed = true;
            }
            let columns: [Column; 7] = [
                ("name", "name", Some(old.name.clone()), Some(clean_line(f.name.trim()))),
                a,
                b,
                c,
                ("basis", "basis", Some(old.basis.clone()), Some(clean_line(f.basis.trim()))),
                ("goal", "goal", Some(old.goal.clone()), Some(clean(f.goal.trim()))),
                ("remark", "note", Some(old.note.clone()), Some(clean(f.note.trim()))),
            ];
            let changed = s.write_columns("programmes", "programme", id, columns)? || changed;
            seen.settle(changed)?;
            if changed {
                s.stamp_row("programmes", id)?;
            }
            Ok(changed)
        })
    }

    /// Adds a task to a programme (`id` none) or changes one; false when nothing changed.
    pub fn save_task(&self, programme: i64, id: Option<(i64, i64)>, f: &TaskFields) -> Result<bool> {
        self.user_action(|s| {
            let Some((id, version)) = id else {
                s.add_task(programme, f)?;
                return Ok(true);
            };
            let seen = s.check_version("programme_tasks", id, Some(version), "programme_task")?;
            let p = s.programme(programme)?;
            let old = p.tasks.into_iter().find(|t| t.id == id).ok_or(super::StoreError::NotFound("task"))?;
            let [a, b, c] = when_columns(&old.deadline, &f.deadline);
            let columns: [Column; 9] = [
                ("text", "text", Some(old.text.clone()), Some(clean(f.text.trim()))),
                ("responsible", "responsible", Some(old.responsible.clone()), Some(clean_line(f.responsible.trim()))),
                a,
                b,
                c,
                ("indicator", "indicator", Some(old.indicator.clone()), Some(clean_line(f.indicator.trim()))),
                ("status", "status", Some(old.status.code().to_string()), Some(f.status.code().to_string())),
                ("progress", "progress", Some(old.progress.clone()), Some(clean(f.progress.trim()))),
                ("remark", "note", Some(old.note.clone()), Some(clean(f.note.trim()))),
            ];
            let changed = s.write_columns("programme_tasks", "programme_task", id, columns)?;
            seen.settle(changed)?;
            if changed {
                s.stamp_row("programme_tasks", id)?;
            }
            Ok(changed)
        })
    }

    /// A task's status, as the picker sets it.
    pub fn set_task_status(&self, id: i64, status: EventStatus, seen_version: Option<i64>) -> Result<bool> {
        self.set_status(StatusTable::Tasks, id, status.code(), seen_version, |_| Ok(()))
    }

    /// Removes a task; the programme's other tasks keep their numbers.
    pub fn remove_task(&self, id: i64, version: i64) -> Result<()> {
        self.user_action(|s| {
            s.check_version("programme_tasks", id, Some(version), "programme_task")?.settle(true)?;
            let text: String =
                s.conn.query_row("SELECT text FROM programme_tasks WHERE id = ?1", [id], |r| r.get(0))?;
            s.conn.execute("DELETE FROM programme_tasks WHERE id = ?1", [id])?;
            s.record("programme_task", id, "*", Some(&text), Some("deleted"))?;
            Ok(())
        })
    }

    /// Removes a programme with its tasks, as one action.
    pub fn remove_programme(&self, id: i64, version: i64) -> Result<()> {
        self.user_action(|s| {
            s.check_version("programmes", id, Some(version), "programme")?.settle(true)?;
            let name: String = s.conn.query_row("SELECT name FROM programmes WHERE id = ?1", [id], |r| r.get(0))?;
            s.conn.execute("DELETE FROM programme_tasks WHERE programme_id = ?1", [id])?;
            s.conn.execute("DELETE FROM programmes WHERE id = ?1", [id])?;
            s.record("programme", id, "*", Some(&name), Some("deleted"))?;
            Ok(())
        })
    }
}
