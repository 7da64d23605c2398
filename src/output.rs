//! Where a command may write a file: the same rule for every command that takes `--out`
//! (`demo`, `agreement`, `ics`, `backup`, `screenshots`). Absent is fine; an existing regular
//! file only with `--force`; a symbolic link only when it leads to a regular file (then that
//! file is written); a device, a folder, a pipe or a socket never — `--force` does not turn
//! `/dev/full` into a regular file.

use crate::i18n::Strings;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("{0}: already exists; pass --force to replace it")]
    Exists(PathBuf),
    #[error("{0}: not a regular file (a device, a folder or a link to one); nothing is written there")]
    NotAFile(PathBuf),
}

impl OutputError {
    /// The message in the UI's language: one catalogue string for each case.
    pub fn text(&self, s: &Strings) -> String {
        match self {
            OutputError::Exists(p) => format!("{}: {}", p.display(), s.err_exists_force),
            OutputError::NotAFile(p) => format!("{}: {}", p.display(), s.err_not_a_file),
        }
    }
}

/// The file to write for `path`: `path` itself, or the regular file a link leads to.
pub fn target(path: &Path, force: bool) -> Result<PathBuf, OutputError> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(path.to_path_buf());
    };
    let real = if meta.file_type().is_symlink() {
        match std::fs::canonicalize(path).and_then(|p| std::fs::metadata(&p).map(|m| (p, m))) {
            Ok((p, m)) if m.is_file() => p,
            // A link to nothing, or to something that is not a file.
            _ => return Err(OutputError::NotAFile(path.to_path_buf())),
        }
    } else if meta.is_file() {
        path.to_path_buf()
    } else {
        return Err(OutputError::NotAFile(path.to_path_buf()));
    };
    if force {
        Ok(real)
    } else {
        Err(OutputError::Exists(path.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absent_paths_and_regular_files_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.docx");
        assert_eq!(target(&new, false), Ok(new.clone()));
        std::fs::write(&new, b"x").unwrap();
        assert_eq!(target(&new, false), Err(OutputError::Exists(new.clone())));
        assert_eq!(target(&new, true), Ok(new.clone()));
        let dev = Path::new("/dev/full");
        assert_eq!(target(dev, true), Err(OutputError::NotAFile(dev.to_path_buf())));
        assert_eq!(target(dir.path(), true), Err(OutputError::NotAFile(dir.path().to_path_buf())));
        let link = dir.path().join("link.docx");
        std::os::unix::fs::symlink(&new, &link).unwrap();
        assert_eq!(target(&link, true), Ok(std::fs::canonicalize(&new).unwrap()));
        let to_dev = dir.path().join("to-dev");
        std::os::unix::fs::symlink("/dev/full", &to_dev).unwrap();
        assert_eq!(target(&to_dev, true), Err(OutputError::NotAFile(to_dev.clone())));
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert_eq!(target(&dangling, true), Err(OutputError::NotAFile(dangling.clone())));
    }
}
