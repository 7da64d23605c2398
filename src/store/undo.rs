//! Undo and redo that survive a restart: the history table is the stack. Every user action's
//! lines share an action number; undo writes the old values back and marks the lines undone,
//! redo writes the new values again. Only the user's own actions are undone, and only while
//! nobody has changed the same value since.

use super::{now_stamp, Result, Store, StoreError};
use rusqlite::{params, OptionalExtension};

/// Where an undoable history line's value lives.
fn column(entity: &str, field: &str) -> Option<(&'static str, &'static str)> {
    Some(match (entity, field) {
        ("event", "status") => ("events", "status"),
        ("event", "result") => ("events", "result"),
        ("event", "start") => ("events", "start_date"),
        ("event", "end") => ("events", "end_date"),
        ("event", "period") => ("events", "period_text"),
        ("event", "title") => ("events", "title"),
        ("event", "kind") => ("events", "kind"),
        ("event", "subject") => ("events", "subject"),
        ("event", "grades") => ("events", "grades"),
        ("event", "responsible") => ("events", "responsible"),
        ("event", "funding") => ("events", "funding"),
        ("event", "expected") => ("events", "expected_result"),
        ("decision", "status") => ("decisions", "status"),
        ("decision", "start") => ("decisions", "start_date"),
        ("decision", "end") => ("decisions", "end_date"),
        ("decision", "period") => ("decisions", "period_text"),
        ("agreement" | "party", _) => return super::agreements::column(entity, field),
        ("risk", "status" | "goal" | "measures" | "responsible" | "deadline" | "progress") => (
            "risk_directions",
            match field {
                "status" => "status",
                "goal" => "goal",
                "measures" => "measures",
                "responsible" => "responsible",
                "deadline" => "deadline",
                _ => "progress",
            },
        ),
        _ => return None,
    })
}

/// What an undo or redo changed, for the message line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reverted {
    pub entity: String,
    pub entity_id: i64,
    pub field: String,
    pub from: String,
    pub to: String,
    /// Whether dates changed too, which moves the row in date order.
    pub moved: bool,
}

struct Line {
    entity: String,
    entity_id: i64,
    field: String,
    old: Option<String>,
    new: Option<String>,
}

impl Store {
    /// Runs `f` as one transaction and one undoable action.
    pub(crate) fn user_action<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.access == super::Access::Viewer {
            return Err(StoreError::Forbidden { viewer: true, school: None });
        }
        self.in_transaction(|s| {
            let next: i64 = s.conn.query_row("SELECT coalesce(max(action), 0) + 1 FROM history", [], |r| r.get(0))?;
            s.action.set(Some(next));
            let out = f(s);
            s.action.set(None);
            out
        })
    }

    fn lines(&self, action: i64) -> Result<Vec<Line>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity, entity_id, field, old, new FROM history WHERE action = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([action], |r| {
            Ok(Line { entity: r.get(0)?, entity_id: r.get(1)?, field: r.get(2)?, old: r.get(3)?, new: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes `to` where `from` should be, for every line; refuses when a value is no longer
    /// what the line says (a colleague changed it since).
    fn rewrite(&self, lines: &[Line], backwards: bool) -> Result<Option<Reverted>> {
        // The status line, when there is one, is what the message names.
        let mut first: Option<Reverted> = None;
        let moved = lines.iter().any(|l| matches!(l.field.as_str(), "start" | "end" | "period"));
        for l in lines {
            let Some((table, col)) = column(&l.entity, &l.field) else {
                return Err(StoreError::NotUndoable);
            };
            let (from, to) = if backwards { (&l.new, &l.old) } else { (&l.old, &l.new) };
            let (now, by, at): (Option<String>, String, String) = self
                .conn
                .query_row(
                    &format!("SELECT {col}, changed_by, changed_at FROM {table} WHERE id = ?1"),
                    [l.entity_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound("row"))?;
            if now.as_deref().unwrap_or("") != from.as_deref().unwrap_or("") {
                return Err(StoreError::Conflict { by, at });
            }
            self.conn.execute(
                &format!("UPDATE {table} SET {col} = ?1, version = version + 1, changed_by = ?2, changed_at = ?3 WHERE id = ?4"),
                params![to, self.user, now_stamp(), l.entity_id],
            )?;
            self.record(&l.entity, l.entity_id, &l.field, from.as_deref(), to.as_deref())?;
            if first.as_ref().is_some_and(|r: &Reverted| r.field == "status") {
                continue;
            }
            first = Some(Reverted {
                entity: l.entity.clone(),
                entity_id: l.entity_id,
                field: l.field.clone(),
                from: from.clone().unwrap_or_default(),
                to: to.clone().unwrap_or_default(),
                moved,
            });
        }
        Ok(first)
    }

    /// Undoes this user's latest action that is not undone yet; `None` when there is none.
    pub fn undo(&self) -> Result<Option<Reverted>> {
        self.in_transaction(|s| {
            let action: Option<i64> = s.conn.query_row(
                "SELECT max(action) FROM history WHERE who = ?1 AND action IS NOT NULL AND undone = 0",
                [&s.user],
                |r| r.get(0),
            )?;
            let Some(action) = action else { return Ok(None) };
            let lines = s.lines(action)?;
            let out = s.rewrite(&lines, true)?;
            s.conn.execute("UPDATE history SET undone = 1 WHERE action = ?1", [action])?;
            Ok(out)
        })
    }

    /// Redoes the action undone last, unless a new action came after it.
    pub fn redo(&self) -> Result<Option<Reverted>> {
        self.in_transaction(|s| {
            let action: Option<i64> = s.conn.query_row(
                "SELECT min(action) FROM history WHERE who = ?1 AND undone = 1 AND action >
                    (SELECT coalesce(max(action), 0) FROM history WHERE who = ?1 AND action IS NOT NULL AND undone = 0)",
                [&s.user],
                |r| r.get(0),
            )?;
            let Some(action) = action else { return Ok(None) };
            let mut lines = s.lines(action)?;
            lines.reverse();
            let out = s.rewrite(&lines, false)?;
            s.conn.execute("UPDATE history SET undone = 0 WHERE action = ?1", [action])?;
            Ok(out)
        })
    }
}
