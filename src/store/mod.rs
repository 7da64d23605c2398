//! The only module that speaks SQL. Everything else sees typed rows and verbs named after what
//! a coordinator does (`set_event_status`, `set_agreement_status`).

mod access;
mod agreements;
mod build;
mod deficits;
mod export;
mod focus;
mod groups;
mod import;
mod marks;
mod networks;
mod orders;
mod programmes;
mod read;
mod reports;
mod schema;
mod shared;
mod undo;
mod write;

pub use access::{Access, UserRow};
pub use build::*;
pub use deficits::{NewDiagnostic, NewValue, RiskFields};
pub use focus::FocusSets;
pub use groups::GroupFields;
pub use import::{PersonFields, SchoolFields, StatusFields};
pub use marks::{mark_text, read_mark_text};
pub use networks::{NetworkFields, NetworkRow};
pub use orders::OrderFields;
pub use programmes::{ProgrammeFields, TaskFields};
pub use read::{take_damaged, StaffMember, Table};
pub use reports::ReportDocFields;
pub use schema::LATEST as SCHEMA_VERSION;
pub use shared::LogLine;
pub use undo::Reverted;
pub use write::{EventChange, MeetingFields, NewMinutes};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: the file was written by a newer nastavnik (schema {found}, this version knows up to {supported}); it was left untouched — update nastavnik to open it")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: this is not a nastavnik store (another kind of file or database); it was left untouched")]
    NotADatabase { path: PathBuf },
    #[error("{path}: the file cannot be written (read-only file or folder); it was left untouched — check its permissions or pass another --db")]
    ReadOnly { path: PathBuf },
    #[error("{path}: {what}")]
    Io { path: PathBuf, what: String },
    #[error("{path} already exists; nastavnik does not overwrite a file — choose another name")]
    Exists { path: PathBuf },
    #[error("the row was changed by {by} at {at} meanwhile")]
    Conflict { by: String, at: String },
    #[error("the last change cannot be undone here")]
    NotUndoable,
    #[error("such an active link already exists")]
    Duplicate,
    /// A change this user's role does not allow; nothing was written.
    #[error("{}", if *viewer { "this user only reads; nothing was written".to_string() } else { format!("only the schools assigned to you can be changed ({}); nothing was written", school.as_deref().unwrap_or("not a school's")) })]
    Forbidden { viewer: bool, school: Option<String> },
    /// A step of an agreement's lifecycle that is not allowed; the app says why in its language.
    #[error("refused: {0:?}")]
    Refused(crate::lifecycle::Refusal),
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("no such school in the store: {}", .0.join(", "))]
    UnknownSchools(Vec<String>),
    #[error("the list of users must keep a coordinator, or nobody could change it again; nothing was written")]
    NoCoordinator,
    #[error(
        "the store stayed busy with other coordinators' changes for half a minute; nothing was written — try again"
    )]
    Busy,
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// The message in the UI's language (the `Display` above is for logs and scripts).
    pub fn text(&self, s: &crate::i18n::Strings) -> String {
        match self {
            StoreError::NewerSchema { path, found, supported } => {
                format!("{}: {} {found} / {supported}", path.display(), s.se_newer)
            }
            StoreError::NotADatabase { path } => format!("{}: {}", path.display(), s.se_not_store),
            StoreError::ReadOnly { path } => format!("{}: {}", path.display(), s.se_read_only),
            StoreError::Io { path, what } => format!("{}: {what}", path.display()),
            StoreError::Exists { path } => format!("{}: {}", path.display(), s.err_exists),
            StoreError::Conflict { by, at } => format!("{} ({by}, {})", s.conflict, crate::text::format_stamp(at)),
            StoreError::NotUndoable => s.not_undoable.to_string(),
            StoreError::Duplicate => s.err_duplicate.to_string(),
            StoreError::Forbidden { viewer: true, .. } => s.forbidden_viewer.to_string(),
            StoreError::Forbidden { school, .. } => {
                format!("{} ({})", s.forbidden_school, school.as_deref().unwrap_or(s.forbidden_district))
            }
            StoreError::Refused(r) => r.text(s),
            StoreError::NotFound(what) => format!("{}: {}", s.se_not_found, s.entity(what)),
            StoreError::UnknownSchools(names) => format!("{} {}", s.se_unknown_schools, names.join(", ")),
            StoreError::NoCoordinator => s.se_no_coordinator.to_string(),
            StoreError::Busy => s.se_busy.to_string(),
            StoreError::Sqlite(e) => format!("{} {e}", s.se_database),
        }
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    user: String,
    /// The action number the history lines being written belong to, while a user action runs.
    action: std::cell::Cell<Option<i64>>,
    /// What this user may change (config `[users]`).
    access: Access,
    /// The rows the running action changed, and whether it deleted them: checked against the
    /// user's access when the action ends.
    touched: std::cell::RefCell<Vec<(String, i64, bool)>>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The stores this process has open, by file, with how many connections each. A file SQLite
/// already has open in this process must not be opened and closed behind its back: closing any
/// descriptor of a file drops every POSIX lock the process holds on it, and another process
/// could then take the WAL for its own and reset it under the open connection.
static OPEN: std::sync::Mutex<Vec<(PathBuf, usize)>> = std::sync::Mutex::new(Vec::new());

fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn already_open(path: &Path) -> bool {
    let k = key(path);
    OPEN.lock().map(|v| v.iter().any(|(p, n)| *p == k && *n > 0)).unwrap_or(false)
}

fn note_open(path: &Path, delta: isize) {
    let k = key(path);
    if let Ok(mut v) = OPEN.lock() {
        match v.iter_mut().find(|(p, _)| *p == k) {
            Some((_, n)) => *n = n.saturating_add_signed(delta),
            None if delta > 0 => v.push((k, delta as usize)),
            None => {}
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        note_open(&self.path, -1);
    }
}

impl Store {
    /// Opens an existing store or creates a new one at `path`, upgrading an older schema.
    pub fn open(path: &Path, user: &str) -> Result<Store> {
        let existed = path.exists();
        // A file this process already has open was checked then; reading it again would drop
        // the open connection's locks (see `OPEN`).
        if existed && !already_open(path) {
            check_file(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Io { path: dir.to_path_buf(), what: e.to_string() })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        // Everything is judged before a byte is written (switching to WAL is a write).
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
        let mark: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
        if !is_ours(&conn, mark, found).map_err(|e| classify(path, e))? {
            return Err(StoreError::NotADatabase { path: path.to_path_buf() });
        }
        if found > schema::LATEST {
            return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, supported: schema::LATEST });
        }
        if existed && conn.is_readonly("main").unwrap_or(false) {
            return Err(StoreError::ReadOnly { path: path.to_path_buf() });
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        // Switching an older store to WAL needs it to itself for a moment: another program
        // opening it at the same time makes this wait (the busy handler is not asked here).
        let mut tries = 0;
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Ok(()) => break,
                Err(e) if is_busy(&e) && tries < 500 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(classify(path, e)),
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A large region's year is read whole when a pane opens: a bigger page cache and
        // memory-mapped reads spare a system call per page.
        conn.pragma_update(None, "cache_size", -65536)?;
        // A change acknowledged on screen is on the disk: every commit is synced (in WAL mode
        // NORMAL would lose the last changes to a power cut or a kernel crash).
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "mmap_size", 268_435_456)?;
        note_open(path, 1);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            user: user.to_string(),
            action: Default::default(),
            access: Access::Coordinator,
            touched: Default::default(),
        };
        store.migrate().map_err(|e| match e {
            StoreError::Sqlite(e) => classify(path, e),
            e => e,
        })?;
        store.install_undo_capture()?;
        Ok(store)
    }

    /// Creates a new store at `path`, refusing to overwrite an existing file.
    pub fn create_new(path: &Path, user: &str) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::Exists { path: path.to_path_buf() });
        }
        Store::open(path, user)
    }

    /// Creates a store with the schema as it was at `version`, for testing upgrades.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> Result<()> {
        let conn = Connection::open(path)?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().take(version as usize) {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        Ok(())
    }

    /// Brings an older schema up to date. The version is read again under the write lock, so
    /// that of two programs opening an old store at once, one upgrades and the other finds it
    /// done.
    fn migrate(&mut self) -> Result<()> {
        if self.schema_version()? >= schema::LATEST {
            return Ok(());
        }
        self.in_transaction(|s| {
            let from = s.schema_version()?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
                s.conn.execute_batch(sql)?;
                if i as i64 + 1 == schema::REFOLD {
                    s.refold_names()?;
                }
                s.conn.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            Ok(())
        })
    }

    /// Folds every school's and person's name again with the current [`crate::text::fold`].
    fn refold_names(&self) -> Result<()> {
        for (table, sql) in [
            ("organizations", "SELECT id, name || ' ' || short_name || ' ' || town FROM organizations"),
            ("people", "SELECT id, full_name || ' ' || subjects FROM people"),
        ] {
            let rows: Vec<(i64, String)> = {
                let mut stmt = self.conn.prepare(sql)?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, read::text(r, 1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut update = self.conn.prepare(&format!("UPDATE {table} SET name_fold = ?1 WHERE id = ?2"))?;
            for (id, text) in rows {
                update.execute(rusqlite::params![crate::text::fold(&text), id])?;
            }
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
    /// Writes from now on in `user`'s name (one process acting for several users).
    pub fn set_user(&mut self, user: &str) {
        self.user = user.to_string();
    }

    pub fn user(&self) -> &str {
        &self.user
    }
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
    /// Changes whenever another connection commits: the TUI polls it to show a colleague's
    /// change without a restart.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
    /// The newest history line's number: it moves with every change a user can see.
    /// What the history holds after line `after`: each line's entity, row and field (at most
    /// `limit`, oldest first).
    pub fn changes_after(&self, after: i64, limit: usize) -> Result<Vec<(String, i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entity, entity_id, field FROM history WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let rows = stmt.query_map(rusqlite::params![after, limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn last_change(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(id), 0) FROM history", [], |r| r.get(0))?)
    }

    /// Whether every commit is synced to the disk before it is acknowledged (`synchronous=FULL`).
    pub fn durable(&self) -> Result<bool> {
        Ok(self.conn.query_row("PRAGMA synchronous", [], |r| r.get::<_, i64>(0))? >= 2)
    }
    /// Writes everything to the main file and drops the WAL, so the file can be copied alone.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}

/// The mark in a store's header (`PRAGMA application_id`) that says it is nastavnik's: "NSTV".
pub const APPLICATION_ID: i64 = 0x4E53_5456;

/// Whether the open file is a nastavnik store (or a new, empty database to become one): its
/// mark, or, for a store made before the mark (schema 6 and older), the tables only nastavnik
/// has. Anything else is another program's database, not ours to change.
fn is_ours(conn: &Connection, mark: i64, version: i64) -> rusqlite::Result<bool> {
    if mark == APPLICATION_ID {
        return Ok(true);
    }
    if mark != 0 {
        return Ok(false);
    }
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        names
    };
    if version == 0 {
        return Ok(tables.is_empty());
    }
    let ours = ["districts", "organizations", "people", "events", "history", "mentoring_links"];
    Ok(version < 7 && ours.iter().all(|t| tables.iter().any(|n| n == t)))
}

/// Looks at an existing file before SQLite does, so that a foreign or read-only file is
/// refused without a byte of it being changed.
fn check_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| StoreError::Io { path: path.to_path_buf(), what: e.to_string() })?;
    if meta.is_dir() {
        return Err(StoreError::Io { path: path.to_path_buf(), what: "is a folder".into() });
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| StoreError::Io { path: path.to_path_buf(), what: e.to_string() })?;
    // An empty file is not a store: SQLite would take it as an empty database and fill it.
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase { path: path.to_path_buf() });
    }
    // Root ignores permission bits, so they are checked here rather than left to the OS.
    if meta.permissions().readonly() {
        return Err(StoreError::ReadOnly { path: path.to_path_buf() });
    }
    Ok(())
}

fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_path_buf() },
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly { path: path.to_path_buf() }
        }
        _ => StoreError::Sqlite(e),
    }
}

/// Whether SQLite gave up waiting for another connection's lock.
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}
