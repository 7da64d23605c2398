//! What a hostile or unlucky environment does to the program, and what it must not: a reader
//! that goes away, a full disk, a viewer's forms, a runaway template, a killed backup.

mod common;

use common::{demo_file, BIN};
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // The reader is gone before the program writes a byte (as `| head -1` after its line).
    let mut child =
        Command::new(BIN).arg("--db").arg(&db).arg("history").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(BIN)
        .env("LANG", "ru_RU.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["show", "roadmap", "--year", "2021-2022"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("не удалось записать вывод") && !err.contains("panicked"), "{err}");
}
