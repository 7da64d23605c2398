//! What a coordinator changes. Every verb is one transaction: the row's new value, its version
//! and stamp, and the history line land together or not at all. A verb that is given the
//! version the user saw refuses to overwrite a colleague's newer change.

use super::{now_stamp, Result, Store, StoreError};
use crate::domain::{AgreementStatus, EventStatus};
use rusqlite::{params, OptionalExtension};

/// The tables whose status a user sets from the keyboard.
#[derive(Clone, Copy)]
enum StatusTable {
    Events,
    Decisions,
    Agreements,
}

impl StatusTable {
    fn table(self) -> &'static str {
        match self {
            StatusTable::Events => "events",
            StatusTable::Decisions => "decisions",
            StatusTable::Agreements => "agreements",
        }
    }
    fn entity(self) -> &'static str {
        match self {
            StatusTable::Events => "event",
            StatusTable::Decisions => "decision",
            StatusTable::Agreements => "agreement",
        }
    }
}

impl Store {
    /// Returns false when the status was already `status` (nothing is written then).
    pub fn set_event_status(&self, id: i64, status: EventStatus, seen_version: Option<i64>) -> Result<bool> {
        self.set_status(StatusTable::Events, id, status.code(), seen_version)
    }

    pub fn set_decision_status(&self, id: i64, status: EventStatus, seen_version: Option<i64>) -> Result<bool> {
        self.set_status(StatusTable::Decisions, id, status.code(), seen_version)
    }

    pub fn set_agreement_status(&self, id: i64, status: AgreementStatus, seen_version: Option<i64>) -> Result<bool> {
        self.set_status(StatusTable::Agreements, id, status.code(), seen_version)
    }

    fn set_status(&self, t: StatusTable, id: i64, new: &str, seen_version: Option<i64>) -> Result<bool> {
        self.in_transaction(|s| {
            let table = t.table();
            let current: Option<(String, i64, String, String)> = s
                .conn
                .query_row(
                    &format!("SELECT status, version, changed_by, changed_at FROM {table} WHERE id = ?1"),
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let (old, version, by, at) = current.ok_or(StoreError::NotFound(t.entity()))?;
            if seen_version.is_some_and(|v| v != version) {
                return Err(StoreError::Conflict { by, at });
            }
            if old == new {
                return Ok(false);
            }
            s.conn.execute(
                &format!(
                    "UPDATE {table} SET status = ?1, version = version + 1, changed_by = ?2,
                     changed_at = ?3 WHERE id = ?4"
                ),
                params![new, s.user, now_stamp(), id],
            )?;
            s.record(t.entity(), id, "status", Some(&old), Some(new))?;
            Ok(true)
        })
    }
}
