//! Who may change what. A coordinator changes everything; a curator changes only what belongs
//! to the schools assigned to them; a viewer reads. Every change of a user passes through
//! `record` (it writes the history line), so the check there covers every verb, and a refused
//! change rolls back with its transaction: nothing of it is written.

use super::{Result, Store, StoreError};
use rusqlite::{params, OptionalExtension};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Access {
    #[default]
    Coordinator,
    /// The schools (organization ids) this curator looks after.
    Curator(Vec<i64>),
    Viewer,
}

impl Access {
    /// The access a role gives; a curator's schools must all be found in `store`.
    pub fn of_role(
        store: &Store,
        role: crate::config::Role,
        schools: &[String],
    ) -> std::result::Result<Access, String> {
        use crate::config::Role;
        Ok(match role {
            Role::Coordinator => Access::Coordinator,
            Role::Viewer => Access::Viewer,
            Role::Curator => match store.resolve_schools(schools).map_err(|e| e.to_string())? {
                Ok(ids) => Access::Curator(ids),
                Err(unknown) => {
                    return Err(format!("config [users]: no such school in the store: {}", unknown.join(", ")))
                }
            },
        })
    }
}

impl Store {
    pub fn set_access(&mut self, access: Access) {
        self.access = access;
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    /// Refuses a change of `entity` `id` that this user may not make.
    pub(super) fn check_access(&self, entity: &str, id: i64) -> Result<()> {
        match &self.access {
            Access::Coordinator => Ok(()),
            Access::Viewer => Err(StoreError::Forbidden { viewer: true, school: None }),
            Access::Curator(schools) => {
                let orgs = self.orgs_of(entity, id)?;
                if orgs.iter().any(|o| schools.contains(o)) {
                    Ok(())
                } else {
                    Err(StoreError::Forbidden { viewer: false, school: orgs.first().map(|o| self.org_name(*o)) })
                }
            }
        }
    }

    /// Every row the action changed must be within this user's reach as it is now: a curator
    /// may not move a row of theirs out of their schools (a deleted row was judged before).
    pub(super) fn check_touched(&self) -> Result<()> {
        if self.access == Access::Coordinator {
            return Ok(());
        }
        let touched = std::mem::take(&mut *self.touched.borrow_mut());
        let deleted: Vec<(&str, i64)> = touched.iter().filter(|t| t.2).map(|(e, id, _)| (e.as_str(), *id)).collect();
        let mut seen: Vec<(&str, i64)> = Vec::new();
        for (entity, id, _) in &touched {
            let key = (entity.as_str(), *id);
            if deleted.contains(&key) || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            self.check_access(entity, *id)?;
        }
        Ok(())
    }

    fn org_name(&self, org: i64) -> String {
        self.conn
            .query_row("SELECT coalesce(nullif(short_name, ''), name) FROM organizations WHERE id = ?1", [org], |r| {
                r.get(0)
            })
            .unwrap_or_default()
    }

    /// The schools a row belongs to; none for what belongs to the district as a whole.
    pub(super) fn orgs_of(&self, entity: &str, id: i64) -> Result<Vec<i64>> {
        let sql = match entity {
            "event" => {
                "SELECT host_org_id FROM events WHERE id = ?1 AND host_org_id IS NOT NULL
                 UNION SELECT org_id FROM event_participants WHERE event_id = ?1
                 UNION SELECT p.org_id FROM events e JOIN people p ON p.id = e.host_person_id
                  WHERE e.id = ?1 AND p.org_id IS NOT NULL"
            }
            "agreement" => "SELECT org_id FROM agreement_parties WHERE agreement_id = ?1 AND org_id IS NOT NULL",
            "party" => {
                "SELECT org_id FROM agreement_parties WHERE agreement_id =
                    (SELECT agreement_id FROM agreement_parties WHERE id = ?1) AND org_id IS NOT NULL"
            }
            "risk" => "SELECT org_id FROM risk_directions WHERE id = ?1",
            // A curator keeps their own school's record, staff and statuses.
            "organization" => "SELECT id FROM organizations WHERE id = ?1",
            "person" => "SELECT org_id FROM people WHERE id = ?1 AND org_id IS NOT NULL",
            "cluster_status" => "SELECT org_id FROM cluster_status WHERE id = ?1",
            "diagnostic" => "SELECT org_id FROM diagnostics WHERE id = ?1 AND org_id IS NOT NULL",
            "indicator_value" => {
                "SELECT coalesce(v.org_id, i.org_id) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
                  WHERE v.id = ?1 AND coalesce(v.org_id, i.org_id) IS NOT NULL"
            }
            "mentoring_link" => {
                "SELECT coalesce(l.mentee_org_id, ep.org_id) FROM mentoring_links l
                   LEFT JOIN people ep ON ep.id = l.mentee_person_id WHERE l.id = ?1
                 UNION SELECT coalesce(l.mentor_org_id, mp.org_id) FROM mentoring_links l
                   LEFT JOIN people mp ON mp.id = l.mentor_person_id WHERE l.id = ?1"
            }
            _ => return Ok(Vec::new()),
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![id], |r| r.get::<_, Option<i64>>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().flatten().collect())
    }

    /// The organizations named in a curator's list, or the names that match none.
    pub fn resolve_schools(&self, names: &[String]) -> Result<std::result::Result<Vec<i64>, Vec<String>>> {
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for n in names {
            let found: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM organizations WHERE name = ?1 OR short_name = ?1 OR name_fold = ?2 LIMIT 1",
                    params![n.trim(), crate::text::fold(n)],
                    |r| r.get(0),
                )
                .optional()?;
            match found {
                Some(id) => ids.push(id),
                None => unknown.push(n.clone()),
            }
        }
        Ok(if unknown.is_empty() { Ok(ids) } else { Err(unknown) })
    }
}

/// A user as the store lists them: the login (OS account, or the name an SSH key stands for),
/// the name the history writes, the role and a curator's schools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub login: String,
    pub name: String,
    pub role: crate::config::Role,
    pub schools: Vec<String>,
}

fn role_code(r: crate::config::Role) -> &'static str {
    use crate::config::Role;
    match r {
        Role::Coordinator => "coordinator",
        Role::Curator => "curator",
        Role::Viewer => "viewer",
    }
}

fn role_of(code: &str) -> crate::config::Role {
    use crate::config::Role;
    match code {
        "coordinator" => Role::Coordinator,
        "curator" => Role::Curator,
        _ => Role::Viewer,
    }
}

impl Store {
    /// Everyone the store lists, by login.
    pub fn users(&self) -> Result<Vec<UserRow>> {
        let mut stmt = self.conn.prepare_cached("SELECT login, name, role, schools FROM users ORDER BY login")?;
        let rows = stmt.query_map([], |r| {
            let schools: String = super::read::text(r, 3)?;
            Ok(UserRow {
                login: super::read::text(r, 0)?,
                name: super::read::text(r, 1)?,
                role: role_of(&super::read::text(r, 2)?),
                schools: schools.split('\n').filter(|s| !s.trim().is_empty()).map(str::to_string).collect(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who `login` is here: their row, or — when the store lists nobody — a coordinator (a
    /// store of one person), or — when it lists others — a viewer.
    pub fn user_of(&self, login: &str) -> Result<UserRow> {
        let all = self.users()?;
        let default = if all.is_empty() { crate::config::Role::Coordinator } else { crate::config::Role::Viewer };
        Ok(all.into_iter().find(|u| u.login == login).unwrap_or(UserRow {
            login: login.to_string(),
            name: String::new(),
            role: default,
            schools: Vec::new(),
        }))
    }

    /// Takes on who `login` is here: the name the store lists for them (else, in a store that
    /// lists anyone, the login; in a store of one person, `fallback_name`), and the access of
    /// `role` when one is given (an SSH key's `role=`), else of their listed role and schools.
    /// The one way from a login to a name and an access, for the command line and `serve`.
    pub fn identify(
        &mut self,
        login: &str,
        fallback_name: &str,
        role: Option<crate::config::Role>,
    ) -> std::result::Result<(), String> {
        let me = self.user_of(login).map_err(|e| e.to_string())?;
        let listed = !self.users().map_err(|e| e.to_string())?.is_empty();
        let name = match (me.name.is_empty(), listed) {
            (false, _) => me.name.clone(),
            (true, true) => login.to_string(),
            (true, false) => fallback_name.to_string(),
        };
        self.set_user(&name);
        let access = Access::of_role(self, role.unwrap_or(me.role), &me.schools)?;
        self.set_access(access);
        Ok(())
    }

    /// Lists `u` (or changes their row): only a coordinator may, as one recorded, undoable
    /// action. The first user listed in a store that lists nobody is made beside the one who
    /// lists them, as a coordinator, so that nobody locks themselves out.
    pub fn list_user(&self, u: &UserRow, me: &str) -> Result<()> {
        if self.access != Access::Coordinator {
            return Err(StoreError::Forbidden { viewer: self.access == Access::Viewer, school: None });
        }
        if let Err(unknown) = self.resolve_schools(&u.schools)? {
            return Err(StoreError::UnknownSchools(unknown));
        }
        self.user_action(|s| {
            let empty: i64 = s.conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
            if empty == 0 && u.login != me {
                s.upsert_user(&UserRow {
                    login: me.to_string(),
                    name: String::new(),
                    role: crate::config::Role::Coordinator,
                    schools: Vec::new(),
                })?;
            }
            s.upsert_user(u)?;
            s.keep_a_coordinator()
        })
    }

    /// A list of users without a coordinator would leave nobody able to change it.
    fn keep_a_coordinator(&self) -> Result<()> {
        let (all, coordinators): (i64, i64) = self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE role = 'coordinator') FROM users",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if all > 0 && coordinators == 0 {
            return Err(StoreError::NoCoordinator);
        }
        Ok(())
    }

    fn upsert_user(&self, u: &UserRow) -> Result<()> {
        let login = crate::text::clean_line(u.login.trim());
        let old: Option<(i64, String)> = self
            .conn
            .query_row("SELECT id, role FROM users WHERE login = ?1", [&login], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let schools = u.schools.iter().map(|s| crate::text::clean_line(s.trim())).collect::<Vec<_>>().join("\n");
        let name = crate::text::clean_line(u.name.trim());
        let role = role_code(u.role);
        match old {
            Some((id, old_role)) => {
                self.conn.execute(
                    "UPDATE users SET name = ?1, role = ?2, schools = ?3 WHERE id = ?4",
                    params![name, role, schools, id],
                )?;
                self.stamp_row("users", id)?;
                self.record("user", id, "role", Some(&old_role), Some(role))?;
            }
            None => {
                self.conn.execute(
                    "INSERT INTO users (login, name, role, schools, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![login, name, role, schools, self.user, super::now_stamp()],
                )?;
                let id = self.conn.last_insert_rowid();
                self.record("user", id, "*", None, Some("created"))?;
            }
        }
        Ok(())
    }

    /// Takes `login` off the list (they then only read, or coordinate when nobody is left).
    pub fn remove_user(&self, login: &str) -> Result<bool> {
        if self.access != Access::Coordinator {
            return Err(StoreError::Forbidden { viewer: self.access == Access::Viewer, school: None });
        }
        self.user_action(|s| {
            let id: Option<i64> =
                s.conn.query_row("SELECT id FROM users WHERE login = ?1", [login], |r| r.get(0)).optional()?;
            let Some(id) = id else { return Ok(false) };
            s.conn.execute("DELETE FROM users WHERE id = ?1", [id])?;
            s.record("user", id, "*", Some(login), Some("deleted"))?;
            s.keep_a_coordinator()?;
            Ok(true)
        })
    }
}
