//! A district in focus: what of the store belongs to it, and what is another district's, so
//! that a coordinator sharing the screen shows their own schools and no one else's.

use super::{Result, Store};
use std::collections::HashSet;

/// The rows of a district, and the schools and people of the others.
#[derive(Clone, Debug, Default)]
pub struct FocusSets {
    pub district: i64,
    pub orgs: HashSet<i64>,
    /// Organisations of another district (those of none — a university, a regional body —
    /// are neither).
    pub foreign_orgs: HashSet<i64>,
    pub foreign_people: HashSet<i64>,
    pub events: HashSet<i64>,
    pub decisions: HashSet<i64>,
    pub agreements: HashSet<i64>,
    pub links: HashSet<i64>,
}

impl FocusSets {
    /// Whether a row naming these organisations may be shown: one of them is the district's
    /// and none is another district's.
    pub fn shows(&self, orgs: &[i64]) -> bool {
        orgs.iter().any(|o| self.orgs.contains(o)) && !orgs.iter().any(|o| self.foreign_orgs.contains(o))
    }

    pub fn shows_entity(&self, e: crate::lookup::Entity) -> bool {
        match e {
            crate::lookup::Entity::Org(o) => !self.foreign_orgs.contains(&o),
            crate::lookup::Entity::Person(p) => !self.foreign_people.contains(&p),
        }
    }
}

impl Store {
    pub fn focus_sets(&self, district: i64) -> Result<FocusSets> {
        let ids = |sql: &str| -> Result<HashSet<i64>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([district], |r| r.get::<_, i64>(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(FocusSets {
            district,
            orgs: ids("SELECT id FROM organizations WHERE district_id = ?1")?,
            foreign_orgs: ids("SELECT id FROM organizations WHERE district_id IS NOT NULL AND district_id <> ?1")?,
            foreign_people: ids("SELECT p.id FROM people p JOIN organizations o ON o.id = p.org_id
                  WHERE o.district_id IS NOT NULL AND o.district_id <> ?1")?,
            events: ids("SELECT e.id FROM events e LEFT JOIN organizations h ON h.id = e.host_org_id
                  WHERE e.district_id = ?1 OR (e.district_id IS NULL AND h.district_id = ?1)")?,
            decisions: ids(
                "SELECT x.id FROM decisions x JOIN meetings m ON m.id = x.meeting_id WHERE m.district_id = ?1",
            )?,
            agreements: ids(
                "SELECT a.id FROM agreements a WHERE (a.district_id = ?1 OR EXISTS (SELECT 1 FROM agreement_parties p
                   JOIN organizations o ON o.id = p.org_id WHERE p.agreement_id = a.id AND o.district_id = ?1))
                   AND NOT EXISTS (SELECT 1 FROM agreement_parties p JOIN organizations o ON o.id = p.org_id
                   WHERE p.agreement_id = a.id AND o.district_id IS NOT NULL AND o.district_id <> ?1)",
            )?,
            links: ids("SELECT l.id FROM mentoring_links l
                   LEFT JOIN people mp ON mp.id = l.mentor_person_id LEFT JOIN people ep ON ep.id = l.mentee_person_id
                   LEFT JOIN organizations mo ON mo.id = coalesce(l.mentor_org_id, mp.org_id)
                   LEFT JOIN organizations eo ON eo.id = coalesce(l.mentee_org_id, ep.org_id)
                  WHERE (mo.district_id = ?1 OR eo.district_id = ?1)
                    AND coalesce(mo.district_id, ?1) = ?1 AND coalesce(eo.district_id, ?1) = ?1")?,
        })
    }

    /// One school's rows, for its own report: the school, the links it is a side of (itself
    /// or its people), the events it hosts or takes part in, the decisions of the meetings it
    /// attended, the agreements it is a party to. Every other organisation is another's.
    pub fn school_sets(&self, org: i64) -> Result<FocusSets> {
        let ids = |sql: &str| -> Result<HashSet<i64>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([org], |r| r.get::<_, i64>(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let district: Option<i64> =
            self.conn.query_row("SELECT district_id FROM organizations WHERE id = ?1", [org], |r| r.get(0))?;
        Ok(FocusSets {
            district: district.unwrap_or(-1),
            orgs: HashSet::from([org]),
            foreign_orgs: ids("SELECT id FROM organizations WHERE id <> ?1")?,
            foreign_people: ids("SELECT id FROM people WHERE org_id IS NOT ?1")?,
            events: ids(
                "SELECT id FROM events WHERE host_org_id = ?1
                         UNION SELECT event_id FROM event_participants WHERE org_id = ?1
                         UNION SELECT e.id FROM events e JOIN people p ON p.id = e.host_person_id WHERE p.org_id = ?1",
            )?,
            decisions: ids("SELECT x.id FROM decisions x JOIN meeting_participants mp ON mp.meeting_id = x.meeting_id
                             LEFT JOIN people p ON p.id = mp.person_id
                            WHERE mp.org_id = ?1 OR p.org_id = ?1")?,
            agreements: ids("SELECT agreement_id FROM agreement_parties WHERE org_id = ?1")?,
            links: ids("SELECT l.id FROM mentoring_links l
                   LEFT JOIN people mp ON mp.id = l.mentor_person_id LEFT JOIN people ep ON ep.id = l.mentee_person_id
                  WHERE ?1 IN (l.mentor_org_id, l.mentee_org_id, mp.org_id, ep.org_id)")?,
        })
    }

    /// For screen-share: the names of the district's people (none without a district), and
    /// the cluster statuses of under-performance and the risk levels the store holds.
    pub fn share_words(&self, district: Option<i64>) -> Result<(Vec<String>, Vec<String>)> {
        let keep = match district {
            Some(d) => self
                .conn
                .prepare_cached(
                    "SELECT p.full_name FROM people p JOIN organizations o ON o.id = p.org_id WHERE o.district_id = ?1",
                )?
                .query_map([d], |r| super::read::text(r, 0))?
                .collect::<rusqlite::Result<_>>()?,
            None => Vec::new(),
        };
        let words = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| super::read::text(r, 0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?.into_iter().filter(|w| !w.trim().is_empty()).collect())
        };
        // A mentor school, a leader, a resource centre is no category of under-performance.
        let mentors = crate::domain::cluster_rank("школа-наставник");
        let mut hide: Vec<String> = words("SELECT DISTINCT status FROM cluster_status")?
            .into_iter()
            .filter(|w| crate::domain::cluster_rank(w) < mentors)
            .collect();
        hide.extend(words("SELECT DISTINCT risk_level FROM cluster_status")?);
        Ok((keep, hide))
    }

    /// The schools a history line's row belongs to (none for a district's own rows).
    pub fn row_orgs(&self, entity: &str, id: i64) -> Result<Vec<i64>> {
        self.orgs_of(entity, id)
    }
}
