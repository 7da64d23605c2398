//! Reports and their recommendations. A report is kept in `meetings` with the kind `report`
//! (so that its recommendations are decisions: they follow up on the Roadmap, the Agenda and
//! in the year's report like any decision), but it has a period, an author and conclusions in
//! place of a meeting's date, time and format, and it is never printed as minutes.

use super::write::{iso, Column};
use super::{now_stamp, Result, Store, StoreError};
use crate::domain::{EventStatus, ReportDocRow, When};
use crate::text::{clean, clean_line};
use rusqlite::params;

/// What the report form saves (and the demo builds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportDocFields {
    pub district: Option<i64>,
    pub title: String,
    pub period: When,
    pub author: String,
    pub note: String,
}

impl Store {
    /// Every report with its recommendations, by district and period.
    pub fn report_docs(&self) -> Result<Vec<ReportDocRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.district_id, coalesce(d.name, ''), m.title, m.period_start, m.period_end, m.period_text,
                    m.author, m.note, m.version, m.changed_by, m.changed_at
               FROM meetings m LEFT JOIN districts d ON d.id = m.district_id
              WHERE m.kind = 'report' ORDER BY d.name, m.period_end, m.id",
        )?;
        let mut out = stmt
            .query_map([], |r| {
                Ok(ReportDocRow {
                    id: r.get(0)?,
                    district_id: r.get(1)?,
                    district: super::read::text(r, 2)?,
                    title: super::read::text(r, 3)?,
                    period: super::read::when(r, 4)?,
                    author: super::read::text(r, 7)?,
                    note: super::read::clean_multi(r, 8)?,
                    stamp: super::read::stamp(r, 9)?,
                    recommendations: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for rep in &mut out {
            rep.recommendations = self.decisions_of(rep.id)?;
        }
        Ok(out)
    }

    /// A report as the demo adds it.
    pub fn add_report_doc(&self, f: &ReportDocFields) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO meetings (district_id, kind, title, period_start, period_end, period_text, author, note,
                changed_by, changed_at) VALUES (?1, 'report', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                f.district,
                clean_line(f.title.trim()),
                iso(f.period.start),
                iso(f.period.end.or(f.period.start)),
                f.period.text.as_deref().map(clean_line).filter(|t| !t.is_empty()),
                clean_line(f.author.trim()),
                clean(f.note.trim()),
                self.user,
                now_stamp()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.record("report", id, "*", None, Some("created"))?;
        Ok(id)
    }

    /// Adds a report (`id` none) or changes one, each field in history; false when nothing
    /// changed.
    pub fn save_report_doc(&self, id: Option<(i64, i64)>, f: &ReportDocFields) -> Result<bool> {
        self.user_action(|s| {
            let Some((id, version)) = id else {
                s.add_report_doc(f)?;
                return Ok(true);
            };
            let seen = s.check_version("meetings", id, Some(version), "report")?;
            let old = s.report_docs()?.into_iter().find(|r| r.id == id).ok_or(StoreError::NotFound("report"))?;
            let text = |w: &When| w.text.as_deref().map(clean_line).filter(|t| !t.is_empty());
            let columns: [Column; 6] = [
                ("title", "title", Some(old.title.clone()), Some(clean_line(f.title.trim()))),
                ("start", "period_start", iso(old.period.start), iso(f.period.start)),
                ("end", "period_end", iso(old.period.end), iso(f.period.end.or(f.period.start))),
                ("period", "period_text", text(&old.period), text(&f.period)),
                ("author", "author", Some(old.author.clone()), Some(clean_line(f.author.trim()))),
                ("remark", "note", Some(old.note.clone()), Some(clean(f.note.trim()))),
            ];
            let changed = s.write_columns("meetings", "report", id, columns)?;
            seen.settle(changed)?;
            if changed {
                s.stamp_row("meetings", id)?;
            }
            Ok(changed)
        })
    }

    /// A recommendation added to a report, to whom it is addressed and by when.
    pub fn add_recommendation(&self, report: i64, text: &str, deadline: When, addressee: &str) -> Result<i64> {
        self.user_action(|s| {
            let kind: String = s.conn.query_row("SELECT kind FROM meetings WHERE id = ?1", [report], |r| r.get(0))?;
            if kind != "report" {
                return Err(StoreError::NotFound("report"));
            }
            s.add_decision(report, text, deadline, addressee, EventStatus::Planned)
        })
    }

    /// Removes a report with its recommendations, as one action.
    pub fn remove_report_doc(&self, id: i64, version: i64) -> Result<()> {
        self.user_action(|s| {
            s.check_version("meetings", id, Some(version), "report")?.settle(true)?;
            let title: String =
                s.conn.query_row("SELECT title FROM meetings WHERE id = ?1 AND kind = 'report'", [id], |r| r.get(0))?;
            s.conn.execute("DELETE FROM decisions WHERE meeting_id = ?1", [id])?;
            s.conn.execute("DELETE FROM meetings WHERE id = ?1", [id])?;
            s.record("report", id, "*", Some(&title), Some("deleted"))?;
            Ok(())
        })
    }
}
