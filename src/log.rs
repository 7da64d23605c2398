//! The log: what happened, for whoever runs the server. Connections with the key's name and
//! address, refused keys, session ends and their cause, refused changes (role, version),
//! errors with their context. Nothing personal beyond the coordinator's name, and no key
//! material. It goes to a file, never to the terminal the program draws on.

use std::path::{Path, PathBuf};

/// The log's default place: `nastavnik.log` in the XDG state directory
/// (`~/.local/state/nastavnik/`), or beside the store's data when there is no state directory.
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "nastavnik")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.data_dir()).join("nastavnik.log"))
}

/// Starts writing the log to `path` (appended), at the levels `RUST_LOG` names (`info` when it
/// names none; e.g. `RUST_LOG=debug`, `RUST_LOG=nastavnik=warn`). A log that cannot be opened
/// is not a reason to refuse to work: the error is returned for the caller to mention.
pub fn init(path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .try_init()
        .map_err(|e| e.to_string())
}
