//! What a store shared by several coordinators needs besides its verbs: the log of who changed
//! what, and a consistent copy taken while others write.

use super::{Result, Store, StoreError};
use crate::domain::HistoryRow;
use rusqlite::params;
use std::path::Path;

/// A line of the history log: the change, and the name of what it changed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LogLine {
    #[serde(flatten)]
    pub change: HistoryRow,
    /// The title of the event, the agreement, the school of a risk direction… when it still exists.
    pub what: String,
}

impl Store {
    /// Every change, newest first: since a day (inclusive), by a user, at most `limit`.
    pub fn log(&self, since: Option<chrono::NaiveDate>, who: Option<&str>, limit: usize) -> Result<Vec<LogLine>> {
        let since = since.map(|d| d.format("%Y-%m-%d").to_string());
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.at, h.who, h.entity, h.entity_id, h.field, h.old, h.new,
                    CASE h.entity
                      WHEN 'event' THEN (SELECT title FROM events WHERE id = h.entity_id)
                      WHEN 'decision' THEN (SELECT text FROM decisions WHERE id = h.entity_id)
                      WHEN 'agreement' THEN (SELECT title FROM agreements WHERE id = h.entity_id)
                      WHEN 'party' THEN (SELECT a.title FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id
                                          WHERE p.id = h.entity_id)
                      WHEN 'indicator' THEN (SELECT name FROM indicators WHERE id = h.entity_id)
                      WHEN 'risk' THEN (SELECT o.short_name || ': ' || r.direction FROM risk_directions r
                                          JOIN organizations o ON o.id = r.org_id WHERE r.id = h.entity_id)
                      WHEN 'risk_direction' THEN (SELECT o.short_name || ': ' || r.direction FROM risk_directions r
                                          JOIN organizations o ON o.id = r.org_id WHERE r.id = h.entity_id)
                      WHEN 'mentoring_link' THEN (SELECT coalesce(mo.short_name, mp.full_name, '') || ' → '
                                                     || coalesce(eo.short_name, ep.full_name, '')
                                                    FROM mentoring_links l
                                                    LEFT JOIN organizations mo ON mo.id = l.mentor_org_id
                                                    LEFT JOIN people mp ON mp.id = l.mentor_person_id
                                                    LEFT JOIN organizations eo ON eo.id = l.mentee_org_id
                                                    LEFT JOIN people ep ON ep.id = l.mentee_person_id
                                                   WHERE l.id = h.entity_id)
                      WHEN 'meeting' THEN (SELECT title FROM meetings WHERE id = h.entity_id)
                      WHEN 'report' THEN (SELECT title FROM meetings WHERE id = h.entity_id)
                      WHEN 'order' THEN (SELECT kind || ':' || trim(issuer || coalesce(' от ' || nullif(date_text, ''), '')
                                                || ' № ' || number)
                                           FROM orders WHERE id = h.entity_id)
                      WHEN 'programme' THEN (SELECT name FROM programmes WHERE id = h.entity_id)
                      WHEN 'programme_task' THEN (SELECT text FROM programme_tasks WHERE id = h.entity_id)
                      WHEN 'group' THEN (SELECT name FROM people_groups WHERE id = h.entity_id)
                      WHEN 'indicator_value' THEN (SELECT i.name FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
                                                    WHERE v.id = h.entity_id)
                      WHEN 'organization' THEN (SELECT coalesce(nullif(short_name, ''), name) FROM organizations
                                                 WHERE id = h.entity_id)
                      WHEN 'person' THEN (SELECT full_name FROM people WHERE id = h.entity_id)
                      WHEN 'cluster_status' THEN (SELECT coalesce(nullif(o.short_name, ''), o.name) || ': ' || c.status
                                                   FROM cluster_status c JOIN organizations o ON o.id = c.org_id
                                                  WHERE c.id = h.entity_id)
                      WHEN 'diagnostic' THEN (SELECT coalesce(nullif(o.short_name, ''), o.name, d2.name, '') || ': ' || g.round
                                               FROM diagnostics g LEFT JOIN organizations o ON o.id = g.org_id
                                               LEFT JOIN districts d2 ON d2.id = g.district_id WHERE g.id = h.entity_id)
                      WHEN 'network' THEN (SELECT name FROM networks WHERE id = h.entity_id)
                      WHEN 'district' THEN (SELECT name FROM districts WHERE id = h.entity_id)
                      WHEN 'report_note' THEN (SELECT n.year || '-' || (n.year + 1) || coalesce(' ' || d3.name, '')
                                                FROM report_notes n LEFT JOIN districts d3 ON d3.id = n.district_id
                                               WHERE n.id = h.entity_id)
                      ELSE '' END
               FROM history h
              WHERE (?1 IS NULL OR h.at >= ?1) AND (?2 IS NULL OR h.who = ?2)
              ORDER BY h.id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![since, who, limit as i64], |r| {
            let t = |i: usize| -> rusqlite::Result<String> { super::read::text(r, i) };
            Ok(LogLine {
                change: HistoryRow {
                    at: t(0)?,
                    who: t(1)?,
                    entity: t(2)?,
                    entity_id: r.get(3)?,
                    field: t(4)?,
                    old: t(5)?,
                    new: t(6)?,
                },
                what: t(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What `nastavnik check` reports: SQLite's own integrity check, then every text value
    /// that is not valid UTF-8 (written by another tool), by table, row and column. Empty
    /// when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(format!("integrity_check: {line}"));
            }
        }
        for t in self.table_names()? {
            for c in self.columns(&t)? {
                let mut stmt = self.conn.prepare(&format!(
                    "SELECT rowid, CAST(\"{c}\" AS BLOB) FROM \"{t}\" WHERE typeof(\"{c}\") IN ('text', 'blob')"
                ))?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    let bytes: Vec<u8> = r.get(1)?;
                    if std::str::from_utf8(&bytes).is_err() {
                        let shown = crate::text::clean_line(&String::from_utf8_lossy(&bytes));
                        problems.push(format!(
                            "{t} {} {c}: {} «{}»",
                            r.get::<_, i64>(0)?,
                            "not UTF-8",
                            crate::text::truncate(&shown, 60)
                        ));
                    }
                }
            }
        }
        Ok(problems)
    }

    /// Copies the live store to `dest` with SQLite's online backup, consistent even while
    /// others write; the copy appears whole under its name or not at all, with the store's own
    /// permissions. A copy that an earlier, killed backup left half-made beside it is removed.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |e: std::io::Error| StoreError::Io { path: dest.to_path_buf(), what: e.to_string() };
        if dest.exists() {
            return Err(StoreError::Exists { path: dest.to_path_buf() });
        }
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        remove_stale_backups(&dir);
        let prefix = format!("{BACKUP_PREFIX}{}-", std::process::id());
        let tmp = tempfile::Builder::new().prefix(&prefix).tempfile_in(&dir).map_err(io)?;
        {
            let mut to = rusqlite::Connection::open(tmp.path())?;
            // No journal file beside the copy: a copy cut short is thrown away whole anyway.
            to.pragma_update(None, "journal_mode", "OFF")?;
            let b = rusqlite::backup::Backup::new(&self.conn, &mut to)?;
            // Pages a step, pausing between steps so that writers are not held up.
            b.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        if let Ok(meta) = std::fs::metadata(&self.path) {
            std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
        }
        tmp.persist_noclobber(dest).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// What a backup's copy is called until it is whole: `.nastavnik-backup-PID-XXXXXX`.
const BACKUP_PREFIX: &str = ".nastavnik-backup-";

/// Removes the half-made copies (and their journals) of backups whose process is gone.
fn remove_stale_backups(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(BACKUP_PREFIX) else { continue };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        // A copy of a process still running is its own business; one without a number is
        // of an older version, which never runs beside this one.
        let alive = pid.is_some_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
