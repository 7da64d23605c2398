//! Marks on values: a field of a record held as the source writes it («так в документе»: a
//! misprint kept, a title with a slip) or doubtful, with a word on why. One mark a field; each
//! set or removed in history against the record itself, so that undo, access and a colleague's
//! view treat it like any change of that record.

use super::{now_stamp, Result, Store};
use crate::domain::{Mark, MarkKind};
use crate::text::clean_line;
use rusqlite::params;
use std::collections::HashMap;

/// A mark as its history line keeps it: the field's code, the kind's code and the note, a
/// space apart (the codes have none; history keeps no control characters).
pub fn mark_text(m: &Mark) -> String {
    format!("{} {} {}", m.field, m.kind.code(), m.note).trim_end().to_string()
}

/// The mark a history line's value holds, if it holds one.
pub fn read_mark_text(text: &str) -> Option<Mark> {
    let mut parts = text.splitn(3, ' ');
    let field = parts.next()?.to_string();
    let kind = MarkKind::from_code(parts.next()?)?;
    Some(Mark { field, kind, note: parts.next().unwrap_or_default().to_string() })
}

impl Store {
    /// The marks of one record, by field.
    pub fn marks(&self, entity: &str, id: i64) -> Result<Vec<Mark>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT field, kind, note FROM marks WHERE entity = ?1 AND entity_id = ?2 ORDER BY field",
        )?;
        let rows = stmt.query_map(params![entity, id], |r| {
            let kind: String = r.get(1)?;
            Ok(Mark {
                field: r.get(0)?,
                kind: MarkKind::from_code(&kind).unwrap_or(MarkKind::AsWritten),
                note: super::read::text(r, 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The marks of every record of a kind, by its id (for `show`).
    pub fn marks_of(&self, entity: &str) -> Result<HashMap<i64, Vec<Mark>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity_id, field, kind, note FROM marks WHERE entity = ?1 ORDER BY entity_id, field",
        )?;
        let mut out: HashMap<i64, Vec<Mark>> = HashMap::new();
        let rows = stmt.query_map([entity], |r| {
            let kind: String = r.get(2)?;
            Ok((
                r.get::<_, i64>(0)?,
                Mark {
                    field: r.get(1)?,
                    kind: MarkKind::from_code(&kind).unwrap_or(MarkKind::AsWritten),
                    note: super::read::text(r, 3)?,
                },
            ))
        })?;
        for row in rows {
            let (id, m) = row?;
            out.entry(id).or_default().push(m);
        }
        Ok(out)
    }

    /// Marks a field of a record (or changes its mark), in the demo's loading or inside an
    /// action: the history line names the record, field «mark».
    pub(crate) fn put_mark(&self, entity: &str, id: i64, mark: &Mark) -> Result<bool> {
        let mark = Mark { note: clean_line(mark.note.trim()), ..mark.clone() };
        let old = self.marks(entity, id)?.into_iter().find(|m| m.field == mark.field);
        if old.as_ref() == Some(&mark) {
            return Ok(false);
        }
        self.conn.execute(
            "INSERT INTO marks (entity, entity_id, field, kind, note, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (entity, entity_id, field) DO UPDATE SET kind = ?4, note = ?5, changed_by = ?6, changed_at = ?7",
            params![entity, id, mark.field, mark.kind.code(), mark.note, self.user, now_stamp()],
        )?;
        self.record(entity, id, "mark", old.as_ref().map(mark_text).as_deref(), Some(&mark_text(&mark)))?;
        Ok(true)
    }

    /// A user marks a field of a record; false when it was marked so already.
    pub fn set_mark(&self, entity: &str, id: i64, mark: &Mark) -> Result<bool> {
        self.user_action(|s| s.put_mark(entity, id, mark))
    }

    /// A user takes a field's mark away; false when it had none.
    pub fn remove_mark(&self, entity: &str, id: i64, field: &str) -> Result<bool> {
        self.user_action(|s| {
            let Some(old) = s.marks(entity, id)?.into_iter().find(|m| m.field == field) else { return Ok(false) };
            s.conn.execute(
                "DELETE FROM marks WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                params![entity, id, field],
            )?;
            s.record(entity, id, "mark", Some(&mark_text(&old)), None)?;
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_read_back_from_its_history_line() {
        let m =
            Mark {
                field: "title".into(), kind: MarkKind::AsWritten, note: "«формирования»; вероятно, «формы»".into()
            };
        assert_eq!(read_mark_text(&mark_text(&m)), Some(m));
        let bare = Mark { field: "start".into(), kind: MarkKind::Doubtful, note: String::new() };
        assert_eq!(mark_text(&bare), "start doubtful");
        assert_eq!(read_mark_text("start doubtful"), Some(bare));
        // Not a mark: an empty old value, an unknown kind.
        assert_eq!(read_mark_text(""), None);
        assert_eq!(read_mark_text("title maybe x"), None);
    }
}
