//! Undo and redo that survive a restart. Every user action's history lines share an action
//! number, and every row the action inserted, changed or deleted is kept whole in `undo_log`
//! (captured by triggers while the action runs), so undo can remove what was created, restore
//! what was deleted and put back what was changed — for every verb, present and future, without
//! a list of columns to keep in step. Only the user's own actions are undone, newest first, and
//! only while nobody has changed the same values since; an action that cannot be undone is
//! said so and stepped past, so the next undo reaches the one before it.

use super::{now_stamp, Result, Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value};

/// What an undo or redo changed, for the message line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reverted {
    pub entity: String,
    pub entity_id: i64,
    /// The field named in the message; `*` for a whole row created or deleted.
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

/// A row as one action left it: before and after, whole.
struct Op {
    table: String,
    row: i64,
    before: Option<Map<String, Value>>,
    after: Option<Map<String, Value>>,
}

/// Columns that say who changed a row when, not what it holds: never compared, and set anew
/// on every row that undo or redo touches.
const STAMP: [&str; 3] = ["version", "changed_by", "changed_at"];

/// An action's marks in `history.undone`.
const DONE: i64 = 0;
const UNDONE: i64 = 1;
const STEPPED_PAST: i64 = 2;

fn sql_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(*b as i64),
        Value::Number(n) => n.as_i64().map(V::Integer).unwrap_or_else(|| V::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
    }
}

fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    let null = Value::Null;
    let (a, b) = (a.unwrap_or(&null), b.unwrap_or(&null));
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn text_of(m: &Map<String, Value>, key: &str) -> String {
    m.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

impl Store {
    /// Creates the triggers that copy every row a user action touches into `undo_log`. They
    /// are TEMP triggers, this connection's own: they fire only while `nk_action` names the
    /// running action, so the demo's loading and other programs' writes cost nothing.
    pub(super) fn install_undo_capture(&self) -> Result<()> {
        let tables: Vec<String> =
            self.table_names()?.into_iter().filter(|t| !super::schema::NOT_UNDONE.contains(&t.as_str())).collect();
        let mut sql = String::from("CREATE TEMP TABLE IF NOT EXISTS nk_action (a INTEGER NOT NULL);\n");
        for t in &tables {
            let cols = self.columns(t)?;
            let image = |side: &str| {
                let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', {side}.\"{c}\"")).collect();
                format!("json_object({})", pairs.join(", "))
            };
            for (op, when, row, before, after) in [
                ("INSERT", "i", "NEW", "NULL".to_string(), image("NEW")),
                ("UPDATE", "u", "NEW", image("OLD"), image("NEW")),
                ("DELETE", "d", "OLD", image("OLD"), "NULL".to_string()),
            ] {
                sql.push_str(&format!(
                    "CREATE TEMP TRIGGER IF NOT EXISTS nk_undo_{t}_{when} AFTER {op} ON main.\"{t}\"
                     WHEN EXISTS (SELECT 1 FROM nk_action)
                     BEGIN
                       INSERT INTO undo_log (action, tbl, row, before, after)
                       SELECT a, '{t}', {row}.rowid, {before}, {after} FROM nk_action;
                     END;\n"
                ));
            }
        }
        self.conn.execute_batch(&sql)?;
        Ok(())
    }

    /// The store's own tables, by name: not SQLite's, not the name index's (`fts_…`).
    pub(super) fn table_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'fts!_%' ESCAPE '!' ORDER BY name",
        )?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(names)
    }

    /// A table's columns, in their order.
    pub(super) fn columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let cols = stmt.query_map([table], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(cols)
    }

    /// Whether the table's rowid is one of its columns (`id INTEGER PRIMARY KEY`).
    fn rowid_column(&self, table: &str) -> Result<Option<String>> {
        let pk: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare_cached("SELECT name, type FROM pragma_table_info(?1) WHERE pk > 0")?;
            let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(match pk.as_slice() {
            [(name, kind)] if kind.eq_ignore_ascii_case("INTEGER") => Some(name.clone()),
            _ => None,
        })
    }

    /// The row as it is now, whole, or `None` when it is gone.
    fn row_now(&self, table: &str, row: i64) -> Result<Option<Map<String, Value>>> {
        let cols = self.columns(table)?;
        let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', \"{c}\"")).collect();
        let json: Option<String> = self
            .conn
            .query_row(
                &format!("SELECT json_object({}) FROM \"{table}\" WHERE rowid = ?1", pairs.join(", ")),
                [row],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Runs `f` as one transaction and one undoable action.
    pub(crate) fn user_action<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.access == super::Access::Viewer {
            return Err(StoreError::Forbidden { viewer: true, school: None });
        }
        self.in_transaction(|s| {
            let next: i64 = s.conn.query_row("SELECT coalesce(max(action), 0) + 1 FROM history", [], |r| r.get(0))?;
            s.conn.execute("INSERT INTO nk_action (a) VALUES (?1)", [next])?;
            s.action.set(Some(next));
            s.touched.borrow_mut().clear();
            let out = f(s).and_then(|out| s.check_touched().map(|_| out));
            s.action.set(None);
            s.touched.borrow_mut().clear();
            s.conn.execute("DELETE FROM nk_action", [])?;
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

    fn ops(&self, action: i64) -> Result<Vec<Op>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT tbl, row, before, after FROM undo_log WHERE action = ?1 ORDER BY id")?;
        let parse = |j: Option<String>| j.and_then(|j| serde_json::from_str::<Map<String, Value>>(&j).ok());
        let rows = stmt.query_map([action], |r| {
            Ok(Op { table: r.get(0)?, row: r.get(1)?, before: parse(r.get(2)?), after: parse(r.get(3)?) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The refusal for a row someone changed (or removed) since: who and when, when known.
    fn changed_since(now: Option<&Map<String, Value>>) -> StoreError {
        match now {
            Some(m) if m.contains_key("changed_by") => {
                StoreError::Conflict { by: text_of(m, "changed_by"), at: text_of(m, "changed_at") }
            }
            _ => StoreError::NotUndoable,
        }
    }

    /// Puts one row from `from` back to `to` (either may be absent: a row created or deleted),
    /// refusing when the row is no longer as `from` says.
    fn apply(&self, op: &Op, backwards: bool) -> Result<()> {
        let (from, to) = if backwards { (&op.after, &op.before) } else { (&op.before, &op.after) };
        let table = op.table.as_str();
        let now = self.row_now(table, op.row)?;
        let content = |m: &Map<String, Value>| -> Vec<String> {
            m.keys().filter(|k| !STAMP.contains(&k.as_str())).cloned().collect()
        };
        match (from, to) {
            (Some(from), to) => {
                let Some(now) = now else { return Err(StoreError::NotUndoable) };
                // Only what this step changed must still be as it left it; a colleague's change
                // of another field stays.
                let cols: Vec<String> = match to {
                    Some(to) => content(from).into_iter().filter(|c| !same(from.get(c), to.get(c))).collect(),
                    None => content(from),
                };
                if cols.iter().any(|c| !same(now.get(c), from.get(c))) {
                    return Err(Self::changed_since(Some(&now)));
                }
                match to {
                    Some(to) if !cols.is_empty() => {
                        let set: Vec<String> =
                            cols.iter().enumerate().map(|(i, c)| format!("\"{c}\" = ?{}", i + 1)).collect();
                        let mut values: Vec<rusqlite::types::Value> =
                            cols.iter().map(|c| sql_value(to.get(c).unwrap_or(&Value::Null))).collect();
                        values.push(rusqlite::types::Value::Integer(op.row));
                        self.conn.execute(
                            &format!("UPDATE \"{table}\" SET {} WHERE rowid = ?{}", set.join(", "), values.len()),
                            rusqlite::params_from_iter(values),
                        )?;
                    }
                    Some(_) => {}
                    None => {
                        self.conn.execute(&format!("DELETE FROM \"{table}\" WHERE rowid = ?1"), [op.row])?;
                    }
                }
            }
            (None, Some(to)) => {
                if now.is_some() {
                    return Err(Self::changed_since(now.as_ref()));
                }
                let mut cols: Vec<String> = to.keys().cloned().collect();
                let mut values: Vec<rusqlite::types::Value> = to.values().map(sql_value).collect();
                if self.rowid_column(table)?.is_none() {
                    cols.push("rowid".into());
                    values.push(rusqlite::types::Value::Integer(op.row));
                }
                let holes: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
                let names: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
                self.conn.execute(
                    &format!("INSERT INTO \"{table}\" ({}) VALUES ({})", names.join(", "), holes.join(", ")),
                    rusqlite::params_from_iter(values),
                )?;
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// Undoes or redoes every row of `action`, stamps what is left of them in this user's name,
    /// and writes the history lines of the reversal.
    fn rewrite(&self, action: i64, backwards: bool) -> Result<Option<Reverted>> {
        let mut ops = self.ops(action)?;
        if ops.is_empty() {
            return Err(StoreError::NotUndoable);
        }
        if backwards {
            ops.reverse();
        }
        for op in &ops {
            self.apply(op, backwards).map_err(|e| match e {
                // Something refers to a row that would be removed, or a row's place was taken.
                StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    StoreError::NotUndoable
                }
                e => e,
            })?;
        }
        let mut stamped: Vec<(&str, i64)> = Vec::new();
        for op in &ops {
            let key = (op.table.as_str(), op.row);
            if stamped.contains(&key) {
                continue;
            }
            stamped.push(key);
            if self.columns(&op.table)?.iter().any(|c| c == "version") {
                self.conn.execute(
                    &format!(
                        "UPDATE \"{}\" SET version = version + 1, changed_by = ?1, changed_at = ?2 WHERE rowid = ?3",
                        op.table
                    ),
                    params![self.user, now_stamp(), op.row],
                )?;
            }
        }
        let mut lines = self.lines(action)?;
        if !backwards {
            lines.reverse();
        }
        let moved = lines.iter().any(|l| matches!(l.field.as_str(), "start" | "end" | "period"));
        // The status line, when there is one, is what the message names; else the first.
        let mut first: Option<Reverted> = None;
        for l in &lines {
            let (from, to) = match (l.field.as_str(), backwards) {
                ("*", true) => (
                    l.new.clone(),
                    Some(if l.new.as_deref() == Some("deleted") { "restored" } else { "undone" }.into()),
                ),
                ("*", false) => (None, l.new.clone()),
                (_, true) => (l.new.clone(), l.old.clone()),
                (_, false) => (l.old.clone(), l.new.clone()),
            };
            self.record(&l.entity, l.entity_id, &l.field, from.as_deref(), to.as_deref())?;
            if first.as_ref().is_some_and(|r| r.field == "status") {
                continue;
            }
            first = Some(Reverted {
                entity: l.entity.clone(),
                entity_id: l.entity_id,
                field: l.field.clone(),
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                moved,
            });
        }
        Ok(first)
    }

    /// Undoes this user's latest action that is not undone yet; `None` when there is none. An
    /// action that cannot be undone (a colleague changed the same values since, something now
    /// refers to a row it created, or it is older than the undo log) is refused with the reason
    /// and marked stepped past, so the next undo goes on to the action before it.
    pub fn undo(&self) -> Result<Option<Reverted>> {
        let refused = std::cell::RefCell::new(None);
        let out = self.in_transaction(|s| {
            let action: Option<i64> = s.conn.query_row(
                "SELECT max(action) FROM history WHERE who = ?1 AND action IS NOT NULL AND undone = ?2",
                params![s.user, DONE],
                |r| r.get(0),
            )?;
            let Some(action) = action else { return Ok(None) };
            s.conn.execute_batch("SAVEPOINT nk_undo")?;
            match s.rewrite(action, true) {
                Ok(out) => {
                    s.conn.execute_batch("RELEASE nk_undo")?;
                    s.conn.execute("UPDATE history SET undone = ?1 WHERE action = ?2", params![UNDONE, action])?;
                    Ok(out)
                }
                Err(e @ (StoreError::Conflict { .. } | StoreError::NotUndoable)) => {
                    s.conn.execute_batch("ROLLBACK TO nk_undo; RELEASE nk_undo")?;
                    s.conn
                        .execute("UPDATE history SET undone = ?1 WHERE action = ?2", params![STEPPED_PAST, action])?;
                    *refused.borrow_mut() = Some(e);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        })?;
        match refused.into_inner() {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Redoes the action undone last, unless a new action came after it.
    pub fn redo(&self) -> Result<Option<Reverted>> {
        self.in_transaction(|s| {
            let action: Option<i64> = s.conn.query_row(
                "SELECT min(action) FROM history WHERE who = ?1 AND undone = ?2 AND action >
                    (SELECT coalesce(max(action), 0) FROM history WHERE who = ?1 AND action IS NOT NULL AND undone = ?3)",
                params![s.user, UNDONE, DONE],
                |r| r.get(0),
            )?;
            let Some(action) = action else { return Ok(None) };
            let out = s.rewrite(action, false)?;
            s.conn.execute("UPDATE history SET undone = ?1 WHERE action = ?2", params![DONE, action])?;
            Ok(out)
        })
    }
}
