//! The directory as tables for the export: schools, people, statuses and active links, with
//! the headers the import knows (so that an exported workbook imports into another store).

use super::{Result, Store};
use crate::export::{Table, Value};
use crate::import::{Field, Kind};
use crate::text::AcademicYear;
use chrono::NaiveDate;

fn day(s: Option<String>) -> Value {
    Value::date(s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

fn headers(fields: &[Field]) -> Vec<String> {
    fields.iter().map(|f| f.header().to_string()).collect()
}

impl Store {
    /// The directory's four sheets; statuses of `year` only when one is given.
    pub fn directory_tables(&self, year: Option<AcademicYear>) -> Result<Vec<Table>> {
        use Field::*;
        let mut out = Vec::new();
        let fields = [Name, ShortName, SchoolType, OrgKind, District, Town, Inn, Ogrn, Address, Phone, Email, Director];
        let rows = self
            .conn
            .prepare(
                "SELECT o.name, o.short_name, o.school_type, o.kind, d.name, o.town, o.inn, o.ogrn, o.address,
                        o.phone, o.email, o.director
                 FROM organizations o LEFT JOIN districts d ON d.id = o.district_id
                 ORDER BY d.name, o.name, o.id",
            )?
            .query_map([], |r| {
                let mut row = Vec::new();
                for i in 0..12 {
                    let v: Option<String> = r.get(i)?;
                    let v = v.unwrap_or_default();
                    row.push(match i {
                        3 => Value::text(if v == "body" { "организация" } else { "школа" }),
                        _ => Value::text(v),
                    });
                }
                Ok(row)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Table { name: Kind::Schools.sheet_name().into(), headers: headers(&fields), rows, chart: None });

        let fields = Kind::People.fields();
        let rows = self
            .conn
            .prepare(
                "SELECT p.full_name, p.role, o.name, d.name, p.subjects, p.email, p.phone
                 FROM people p LEFT JOIN organizations o ON o.id = p.org_id
                 LEFT JOIN districts d ON d.id = o.district_id
                 ORDER BY d.name, o.name, p.full_name, p.id",
            )?
            .query_map([], |r| {
                (0..7).map(|i| Ok(Value::text(r.get::<_, Option<String>>(i)?.unwrap_or_default()))).collect()
            })?
            .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
        out.push(Table { name: Kind::People.sheet_name().into(), headers: headers(fields), rows, chart: None });

        let fields = Kind::Statuses.fields();
        let rows = self
            .conn
            .prepare(
                "SELECT o.name, d.name, c.year, c.status, c.risk_level, c.note
                 FROM cluster_status c JOIN organizations o ON o.id = c.org_id
                 LEFT JOIN districts d ON d.id = o.district_id
                 WHERE ?1 IS NULL OR c.year = ?1
                 ORDER BY c.year, d.name, o.name, c.id",
            )?
            .query_map([year.map(|y| y.0)], |r| {
                let t = |i: usize| -> rusqlite::Result<Value> {
                    Ok(Value::text(r.get::<_, Option<String>>(i)?.unwrap_or_default()))
                };
                Ok(vec![t(0)?, t(1)?, Value::text(AcademicYear(r.get(2)?).label()), t(3)?, t(4)?, t(5)?])
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Table { name: Kind::Statuses.sheet_name().into(), headers: headers(fields), rows, chart: None });

        let fields = Kind::Links.fields();
        let rows = self
            .conn
            .prepare(
                "SELECT coalesce(mp.full_name, mo.name), mpo.name, coalesce(ep.full_name, eo.name), epo.name,
                        coalesce(ed.name, epd.name), l.subject, l.form, l.start_date, l.end_date, l.period_text, l.basis
                 FROM mentoring_links l
                 LEFT JOIN organizations mo ON mo.id = l.mentor_org_id
                 LEFT JOIN people mp ON mp.id = l.mentor_person_id
                 LEFT JOIN organizations mpo ON mpo.id = mp.org_id
                 LEFT JOIN organizations eo ON eo.id = l.mentee_org_id
                 LEFT JOIN districts ed ON ed.id = eo.district_id
                 LEFT JOIN people ep ON ep.id = l.mentee_person_id
                 LEFT JOIN organizations epo ON epo.id = ep.org_id
                 LEFT JOIN districts epd ON epd.id = epo.district_id
                 WHERE l.ended_at IS NULL
                 ORDER BY l.id",
            )?
            .query_map([], |r| {
                let t = |i: usize| -> rusqlite::Result<Value> {
                    Ok(Value::text(r.get::<_, Option<String>>(i)?.unwrap_or_default()))
                };
                Ok(vec![t(0)?, t(1)?, t(2)?, t(3)?, t(4)?, t(5)?, t(6)?, day(r.get(7)?), day(r.get(8)?), t(9)?, t(10)?])
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Table { name: Kind::Links.sheet_name().into(), headers: headers(fields), rows, chart: None });

        // The columns in the order the import's kind lists them (the query follows it).
        let fields = Kind::Events.fields();
        let (from, to) = match year {
            Some(y) => (y.start().format("%Y-%m-%d").to_string(), y.end().format("%Y-%m-%d").to_string()),
            None => (String::new(), "9999".to_string()),
        };
        let s = crate::i18n::Lang::Ru.strings();
        let rows = self
            .conn
            .prepare(
                "SELECT e.title, e.kind, e.subject, e.grades, e.start_date, e.end_date, e.period_text, o.name,
                        e.responsible, e.status, e.result,
                        e.n_teachers, e.n_people, e.n_schools, e.n_connections, e.n_teams,
                        (SELECT group_concat(name, '; ') FROM (SELECT po.name FROM event_participants p
                           JOIN organizations po ON po.id = p.org_id WHERE p.event_id = e.id ORDER BY po.name)),
                        d.name, e.time, e.format
                 FROM events e LEFT JOIN organizations o ON o.id = e.host_org_id
                 LEFT JOIN districts d ON d.id = e.district_id
                 WHERE coalesce(e.start_date, '') BETWEEN ?1 AND ?2
                 ORDER BY e.start_date, e.id",
            )?
            .query_map([&from, &to], |r| {
                let t = |i: usize| -> rusqlite::Result<Value> {
                    Ok(Value::text(r.get::<_, Option<String>>(i)?.unwrap_or_default()))
                };
                let n = |i: usize| -> rusqlite::Result<Value> {
                    Ok(r.get::<_, Option<i64>>(i)?.map_or(Value::Empty, |n| Value::Number(n as f64)))
                };
                let status: String = r.get(9)?;
                let status =
                    crate::domain::EventStatus::from_code(&status).map_or(status.clone(), |st| st.label(s).to_string());
                Ok(vec![
                    t(0)?,
                    t(1)?,
                    t(2)?,
                    t(3)?,
                    day(r.get(4)?),
                    day(r.get(5)?),
                    t(6)?,
                    t(18)?,
                    t(19)?,
                    t(7)?,
                    t(8)?,
                    Value::text(status),
                    t(10)?,
                    n(11)?,
                    n(12)?,
                    n(13)?,
                    n(14)?,
                    n(15)?,
                    t(16)?,
                    t(17)?,
                ])
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Table { name: Kind::Events.sheet_name().into(), headers: headers(fields), rows, chart: None });

        // A network per member school, and a network with none on a row of its own.
        let mut rows = Vec::new();
        for n in self.networks(year)? {
            let model = n.model.map_or("", |m| m.label(&crate::i18n::RU)).to_string();
            let first = |member: &str| {
                vec![
                    Value::text(n.name.clone()),
                    Value::text(model.clone()),
                    Value::text(n.year.label()),
                    Value::text(n.district.clone()),
                    Value::text(member.to_string()),
                ]
            };
            if n.members.is_empty() {
                rows.push(first(""));
            }
            for (id, _) in &n.members {
                let name: String =
                    self.conn.query_row("SELECT name FROM organizations WHERE id = ?1", [id], |r| r.get(0))?;
                rows.push(first(&name));
            }
        }
        out.push(Table {
            name: Kind::Networks.sheet_name().into(),
            headers: headers(Kind::Networks.fields()),
            rows,
            chart: None,
        });
        Ok(out)
    }
}
