//! Orders and other basis documents: gathered from the texts that cite them (a link's basis,
//! an event's note, a school's status note, a risk direction's programme) and from the
//! `orders` table, which keeps an order's title and note and the orders no text cites yet.

use super::{now_stamp, Result, Store, StoreError};
use crate::orders::{OrderRef, OrderRow, RefKind};
use crate::text::{clean_line, format_date, AcademicYear};
use chrono::NaiveDate;
use rusqlite::params;

/// What the order form saves.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderFields {
    pub kind: crate::orders::DocKind,
    pub district: Option<i64>,
    pub issuer: String,
    pub number: String,
    pub date_text: String,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub note: String,
}

/// The texts that may cite an order, each with the record it is of: the record's id, the
/// district, the text, a label and the day it begins.
const TEXTS: &[(RefKind, &str)] = &[
    (
        RefKind::Group,
        "SELECT g.id, g.district_id, coalesce(d.name, ''), g.basis, g.name, NULL, NULL
           FROM people_groups g LEFT JOIN districts d ON d.id = g.district_id
          WHERE g.basis LIKE '%риказ%' OR g.basis LIKE '%РИКАЗ%' OR g.basis LIKE '%аспоряжени%'",
    ),
    (
        RefKind::Programme,
        "SELECT p.id, p.district_id, coalesce(d.name, ''), p.basis,
                p.name || coalesce(' (' || p.period_text || ')', ''), NULL, NULL
           FROM programmes p LEFT JOIN districts d ON d.id = p.district_id
          WHERE p.basis LIKE '%риказ%' OR p.basis LIKE '%РИКАЗ%' OR p.basis LIKE '%аспоряжени%'",
    ),
    (
        RefKind::Event,
        "SELECT e.id, e.district_id, coalesce(d.name, ''), e.note, e.title, e.start_date, e.period_text
           FROM events e LEFT JOIN districts d ON d.id = e.district_id
          WHERE e.note LIKE '%риказ%' OR e.note LIKE '%РИКАЗ%' OR e.note LIKE '%аспоряжени%'",
    ),
    (
        RefKind::Link,
        "SELECT l.id, coalesce(eo.district_id, epo.district_id, mo.district_id, mpo.district_id), coalesce(d.name, ''),
                l.basis, coalesce(nullif(mo.short_name, ''), mo.name, mp.full_name, '') || ' → ' ||
                coalesce(nullif(eo.short_name, ''), eo.name, ep.full_name, ''), l.start_date, l.basis_date
           FROM mentoring_links l
           LEFT JOIN organizations mo ON mo.id = l.mentor_org_id
           LEFT JOIN people mp ON mp.id = l.mentor_person_id
           LEFT JOIN organizations mpo ON mpo.id = mp.org_id
           LEFT JOIN organizations eo ON eo.id = l.mentee_org_id
           LEFT JOIN people ep ON ep.id = l.mentee_person_id
           LEFT JOIN organizations epo ON epo.id = ep.org_id
           LEFT JOIN districts d ON d.id = coalesce(eo.district_id, epo.district_id, mo.district_id, mpo.district_id)
          WHERE l.basis LIKE '%риказ%' OR l.basis LIKE '%РИКАЗ%' OR l.basis LIKE '%аспоряжени%'",
    ),
    (
        RefKind::Status,
        "SELECT c.id, o.district_id, coalesce(d.name, ''), c.note,
                coalesce(nullif(o.short_name, ''), o.name) || ': ' || c.status, NULL, c.year
           FROM cluster_status c JOIN organizations o ON o.id = c.org_id
           LEFT JOIN districts d ON d.id = o.district_id
          WHERE c.note LIKE '%риказ%' OR c.note LIKE '%РИКАЗ%' OR c.note LIKE '%аспоряжени%'",
    ),
    (
        RefKind::Risk,
        "SELECT r.id, o.district_id, coalesce(d.name, ''), r.programme,
                coalesce(nullif(o.short_name, ''), o.name) || ': ' || r.direction, NULL, r.year
           FROM risk_directions r JOIN organizations o ON o.id = r.org_id
           LEFT JOIN districts d ON d.id = o.district_id
          WHERE r.programme LIKE '%риказ%' OR r.programme LIKE '%РИКАЗ%' OR r.programme LIKE '%аспоряжени%'",
    ),
];

impl Store {
    /// Every order: cited by a record or kept in the store, one per district, issuer, number
    /// and date, each with the records that rest on it.
    pub fn orders(&self) -> Result<Vec<OrderRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.version, o.district_id, coalesce(d.name, ''), o.issuer, o.number, o.date, o.date_text,
                    o.title, o.note, o.kind
               FROM orders o LEFT JOIN districts d ON d.id = o.district_id ORDER BY o.id",
        )?;
        let stored = stmt
            .query_map([], |r| {
                let date: Option<String> = r.get(6)?;
                Ok(OrderRow {
                    stored: Some((r.get(0)?, r.get(1)?)),
                    kind: crate::orders::DocKind::from_code(&super::read::text(r, 10)?),
                    district_id: r.get(2)?,
                    district: super::read::text(r, 3)?,
                    issuer: super::read::text(r, 4)?,
                    number: super::read::text(r, 5)?,
                    date: date.as_deref().and_then(crate::text::parse_date),
                    date_text: super::read::text(r, 7)?,
                    title: super::read::text(r, 8)?,
                    note: super::read::clean_multi(r, 9)?,
                    refs: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut texts = Vec::new();
        for (kind, sql) in TEXTS {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| {
                let start: Option<String> = r.get(5)?;
                let start = start.as_deref().and_then(crate::text::parse_date);
                let mut text = super::read::text(r, 3)?;
                let mut label = super::read::text(r, 4)?;
                let mut year = start.map(AcademicYear::of);
                match kind {
                    // A link's order may have its date apart: «приказ № 12» + 01.09.2021.
                    RefKind::Link => {
                        let basis_date: Option<String> = r.get(6)?;
                        if let Some(d) = basis_date.as_deref().and_then(crate::text::parse_date) {
                            text = format!("{text} от {}", format_date(d));
                        }
                    }
                    // Dated when the source dates it; an event «в течение года» is of its year.
                    RefKind::Event if r.get::<_, Option<String>>(6)?.is_none() => {
                        if let Some(d) = start {
                            label = format!("{label} ({})", format_date(d));
                        }
                    }
                    RefKind::Event | RefKind::Programme | RefKind::Group => {}
                    RefKind::Status | RefKind::Risk => year = r.get::<_, Option<i32>>(6)?.map(AcademicYear),
                }
                let reference = OrderRef { kind: *kind, id: r.get(0)?, label, year };
                Ok((reference, r.get::<_, Option<i64>>(1)?, super::read::text(r, 2)?, text))
            })?;
            for row in rows {
                texts.push(row?);
            }
        }
        Ok(crate::orders::gather(stored, &texts))
    }

    /// An order with what the texts citing it do not say (its title), as the demo adds it.
    pub fn add_order(&self, f: &OrderFields) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO orders (district_id, kind, issuer, number, date, date_text, title, note, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                f.district,
                f.kind.code(),
                clean_line(f.issuer.trim()),
                clean_line(f.number.trim()),
                f.date.map(|d| d.format("%Y-%m-%d").to_string()),
                clean_line(f.date_text.trim()),
                clean_line(f.title.trim()),
                crate::text::clean(f.note.trim()),
                self.user,
                now_stamp()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.record("order", id, "*", None, Some("created"))?;
        Ok(id)
    }

    /// Adds an order (`stored` none: one cited only by texts gets its row, or a new one) or
    /// changes one, each field in history. Another order of the district with the same issuer,
    /// number and date is a duplicate. False when nothing changed.
    pub fn save_order(&self, stored: Option<(i64, i64)>, f: &OrderFields) -> Result<bool> {
        let issuer = clean_line(f.issuer.trim());
        let number = clean_line(f.number.trim());
        let date_text = clean_line(f.date_text.trim());
        let title = clean_line(f.title.trim());
        let note = crate::text::clean(f.note.trim());
        let date = f.date.map(|d| d.format("%Y-%m-%d").to_string());
        let key = crate::orders::key(&issuer, &number, f.date, &date_text);
        self.user_action(|s| {
            let mine = stored.map(|(id, _)| id);
            let twin = s.orders()?.into_iter().any(|o| {
                o.district_id == f.district
                    && o.kind == f.kind
                    && o.key() == key
                    && o.stored.is_some()
                    && o.stored.map(|x| x.0) != mine
            });
            if twin {
                return Err(StoreError::Duplicate);
            }
            let Some((id, version)) = stored else {
                s.conn.execute(
                    "INSERT INTO orders (district_id, issuer, number, date, date_text, title, note, changed_by, changed_at, kind)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![f.district, issuer, number, date, date_text, title, note, s.user, now_stamp(), f.kind.code()],
                )?;
                let id = s.conn.last_insert_rowid();
                s.record("order", id, "*", None, Some("created"))?;
                return Ok(true);
            };
            let seen = s.check_version("orders", id, Some(version), "order")?;
            let old: [String; 6] = s.conn.query_row(
                "SELECT issuer, number, date_text, title, note, kind FROM orders WHERE id = ?1",
                [id],
                |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]),
            )?;
            let kind = f.kind.code().to_string();
            let new = [&issuer, &number, &date_text, &title, &note, &kind];
            let mut changed = false;
            for (i, field) in ["issuer", "number", "date", "title", "remark", "kind"].into_iter().enumerate() {
                if old[i] != *new[i] {
                    s.record("order", id, field, Some(&old[i]), Some(new[i]))?;
                    changed = true;
                }
            }
            seen.settle(changed)?;
            if changed {
                s.conn.execute(
                    "UPDATE orders SET issuer = ?1, number = ?2, date = ?3, date_text = ?4, title = ?5, note = ?6,
                        kind = ?8 WHERE id = ?7",
                    params![issuer, number, date, date_text, title, note, id, kind],
                )?;
                s.stamp_row("orders", id)?;
            }
            Ok(changed)
        })
    }

    /// Removes an order's own row (its title and note); the texts that cite it still do.
    pub fn remove_order(&self, id: i64, version: i64) -> Result<()> {
        self.user_action(|s| {
            s.check_version("orders", id, Some(version), "order")?.settle(true)?;
            let name: String = s.conn.query_row(
                "SELECT trim(issuer || ' № ' || number || ' ' || date_text) FROM orders WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            s.conn.execute("DELETE FROM orders WHERE id = ?1", [id])?;
            s.record("order", id, "*", Some(&name), Some("deleted"))?;
            Ok(())
        })
    }
}
