//! Editing an agreement and its parties: every changed field is one history line of one
//! action, so that a save is undone as a whole, and the version the user saw is checked first.

use super::{now_stamp, Result, Store};
use crate::domain::{AgreementFields, AgreementKind, AgreementStatus};
use rusqlite::params;

/// The agreement's columns a form edits: history field, column, value as stored.
fn agreement_columns(f: &AgreementFields) -> Vec<(&'static str, &'static str, Option<String>)> {
    use super::write::iso;
    let text = |t: &str| Some(crate::text::clean(t.trim()));
    let line = |t: &str| Some(crate::text::clean_line(t.trim()));
    vec![
        ("title", "title", line(&f.title)),
        ("number", "number", line(&f.number)),
        ("date", "date", iso(f.date)),
        ("place", "place", line(&f.place)),
        ("start", "start_date", iso(f.start)),
        ("end", "end_date", iso(f.end)),
        ("term", "term_text", line(&f.term_text)),
        ("subject", "subject", text(&f.subject)),
        ("goals", "goals", text(&f.goals)),
        ("tasks", "tasks", text(&f.tasks)),
    ]
}

impl Store {
    /// A school of the store whose full or short name is exactly `name`, for a party typed by
    /// name.
    fn school_named(&self, name: &str) -> Result<Option<(i64, Option<i64>)>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT id, district_id FROM organizations WHERE name = ?1 OR short_name = ?1 ORDER BY kind = 'school' DESC LIMIT 1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// A new draft: a framework agreement, or an additional one to `parent` (its parties, and
    /// appendices No. 1, the joint plan, and No. 2, the list of responsible people).
    pub fn create_agreement(&self, kind: AgreementKind, parent: Option<i64>, f: &AgreementFields) -> Result<i64> {
        self.user_action(|s| {
            let mut district: Option<i64> = match parent {
                Some(p) => s.conn.query_row("SELECT district_id FROM agreements WHERE id = ?1", [p], |r| r.get(0))?,
                None => None,
            };
            let mut parties = Vec::new();
            for p in &f.parties {
                let found = if p.org.is_some() { None } else { s.school_named(&p.name)? };
                if district.is_none() {
                    district = found.and_then(|(_, d)| d);
                }
                parties.push((p.org.or(found.map(|(o, _)| o)), p));
            }
            let id = s.add_agreement(super::NewAgreement {
                kind,
                parent,
                district,
                number: &f.number,
                title: &f.title,
                subject: &f.subject,
                date: f.date,
                term: crate::domain::When {
                    start: f.start,
                    end: f.end,
                    text: Some(f.term_text.clone()).filter(|t| !t.trim().is_empty()),
                },
                status: AgreementStatus::Draft,
                place: &f.place,
                goals: &f.goals,
                tasks: &f.tasks,
            })?;
            for (org, p) in parties {
                let org_name: Option<String> = match org {
                    Some(o) => s.conn.query_row("SELECT name FROM organizations WHERE id = ?1", [o], |r| r.get(0))?,
                    None => None,
                };
                // A party that is a school of the store is named by the store.
                let by_store = org_name.is_some() && (p.org.is_none() || org_name.as_deref() == Some(p.name.trim()));
                let name = if by_store { "" } else { p.name.as_str() };
                s.add_agreement_party(
                    id,
                    super::NewParty {
                        org,
                        name,
                        signatory: &p.signatory,
                        position: &p.position,
                        basis: &p.basis,
                        address: &p.address,
                    },
                )?;
            }
            if kind == AgreementKind::Additional {
                s.add_appendix(id, 1, "План совместной деятельности сторон в рамках сетевого взаимодействия")?;
                s.add_appendix(id, 2, "Список ответственных")?;
            }
            s.conn.execute(
                "UPDATE agreements SET changed_by = ?1, changed_at = ?2 WHERE id = ?3",
                rusqlite::params![s.user, now_stamp(), id],
            )?;
            Ok(id)
        })
    }

    /// Lists a new roadmap event as the next row of the agreement's joint plan (appendix
    /// No. 1, made when missing), in one action.
    pub fn add_plan_event(&self, agreement: i64, f: &crate::domain::EventFields) -> Result<i64> {
        self.user_action(|s| {
            let appendix: Option<i64> = {
                use rusqlite::OptionalExtension;
                s.conn
                    .query_row(
                        "SELECT id FROM agreement_appendices WHERE agreement_id = ?1 AND number = 1",
                        [agreement],
                        |r| r.get(0),
                    )
                    .optional()?
            };
            let appendix = match appendix {
                Some(a) => a,
                None => s.add_appendix(agreement, 1, "План совместной деятельности сторон в рамках сетевого взаимодействия")?,
            };
            let event = s.create_event_in(f)?;
            s.conn.execute(
                "UPDATE events SET district_id = coalesce(district_id, (SELECT district_id FROM agreements WHERE id = ?1))
                  WHERE id = ?2",
                rusqlite::params![agreement, event],
            )?;
            s.append_plan_item(appendix, event)?;
            Ok(event)
        })
    }

    /// The agreement as its form edits it, with the version to check at save.
    pub fn agreement_fields(&self, id: i64) -> Result<(AgreementFields, i64)> {
        let a = self.agreement(id)?;
        let (start, end): (Option<String>, Option<String>) =
            self.conn.query_row("SELECT start_date, end_date FROM agreements WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let day = |s: Option<String>| s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        let term_text: String =
            self.conn.query_row("SELECT term_text FROM agreements WHERE id = ?1", [id], |r| r.get(0))?;
        let f = AgreementFields {
            title: a.title,
            number: a.number,
            date: a.signed_on,
            place: a.place,
            start: day(start),
            end: day(end),
            term_text,
            subject: a.subject,
            goals: a.goals,
            tasks: a.tasks,
            parties: self.agreement_parties(id)?,
        };
        Ok((f, a.stamp.version))
    }

    /// Saves what the form changed; false when nothing did. A party's name typed as the
    /// school's own name is not stored twice.
    pub fn update_agreement(&self, id: i64, f: &AgreementFields, seen_version: Option<i64>) -> Result<bool> {
        self.user_action(|s| {
            let seen = s.check_version("agreements", id, seen_version, "agreement")?;
            let mut changed = false;
            for (field, col, new) in agreement_columns(f) {
                let old: Option<String> =
                    s.conn.query_row(&format!("SELECT {col} FROM agreements WHERE id = ?1"), [id], |r| r.get(0))?;
                if old.as_deref().unwrap_or("") == new.as_deref().unwrap_or("") {
                    continue;
                }
                s.conn.execute(&format!("UPDATE agreements SET {col} = ?1 WHERE id = ?2"), params![new, id])?;
                s.record("agreement", id, field, old.as_deref(), new.as_deref())?;
                changed = true;
            }
            let before = s.agreement_parties(id)?;
            for p in &f.parties {
                let Some(old) = before.iter().find(|b| b.id == p.id) else { continue };
                let org_name: Option<String> = match old.org {
                    Some(org) => {
                        s.conn.query_row("SELECT name FROM organizations WHERE id = ?1", [org], |r| r.get(0))?
                    }
                    None => None,
                };
                let name = crate::text::clean_line(p.name.trim());
                let name = if org_name.as_deref() == Some(name.as_str()) { String::new() } else { name };
                let mut party_changed = false;
                for (field, new) in [
                    ("name", name),
                    ("signatory", crate::text::clean_line(p.signatory.trim())),
                    ("position", crate::text::clean_line(p.position.trim())),
                    ("basis", crate::text::clean_line(p.basis.trim())),
                    ("address", crate::text::clean_line(p.address.trim())),
                ] {
                    let now: String = s.conn.query_row(
                        &format!("SELECT {field} FROM agreement_parties WHERE id = ?1"),
                        [p.id],
                        |r| r.get(0),
                    )?;
                    if now == new {
                        continue;
                    }
                    s.conn.execute(
                        &format!("UPDATE agreement_parties SET {field} = ?1 WHERE id = ?2"),
                        params![new, p.id],
                    )?;
                    s.record("party", p.id, field, Some(&now), Some(&new))?;
                    party_changed = true;
                }
                if party_changed {
                    s.stamp_row("agreement_parties", p.id)?;
                    changed = true;
                }
            }
            seen.settle(changed)?;
            if changed {
                s.stamp_row("agreements", id)?;
            }
            Ok(changed)
        })
    }
}
