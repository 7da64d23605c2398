//! Many coordinators on one store: real processes writing the same events at once, one killed
//! in the middle of its work, and a backup taken while they write. Nothing acknowledged may be
//! lost and the file must stay sound.

mod common;

use common::{demo_file, BIN};
use nastavnik::store::Store;
use nastavnik::text::AcademicYear;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn events(db: &Path, n: usize) -> String {
    let store = Store::open(db, "reader").unwrap();
    let ids: Vec<String> = store.events(AcademicYear(2021)).unwrap().iter().take(n).map(|e| e.id.to_string()).collect();
    ids.join(",")
}

fn writer(db: &Path, events: &str, changes: usize, who: &str) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--db").arg(db).args(["stress", "--events", events, "--changes", &changes.to_string(), "--as", who]);
    c
}

/// How many status lines the history holds for `who`.
fn history_of(db: &Path, who: &str) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM history WHERE who = ?1 AND field = 'status'", [who], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn twenty_writers_on_the_same_events_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let ids = events(&db, 3);
    let children: Vec<_> = (0..20)
        .map(|n| {
            let who = format!("writer{n:02}");
            let child = writer(&db, &ids, 100, &who).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
            (who, child)
        })
        .collect();
    let mut acknowledged_total = 0;
    for (who, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{who}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains("error"), "{who} was refused: {text}");
        assert_eq!(text.lines().count(), 100, "{who} answered every change");
        let acknowledged = text.lines().filter(|l| l.starts_with("ok ")).count();
        assert_eq!(history_of(&db, &who), acknowledged, "{who}: every acknowledged change is in the history");
        if who == "writer00" {
            // The same, as `nastavnik history` tells it.
            let out = Command::new(BIN)
                .arg("--db")
                .arg(&db)
                .args(["history", "--who", &who, "--format", "json"])
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let lines = v.as_array().unwrap();
            assert_eq!(lines.len(), acknowledged);
            assert!(lines.iter().all(|l| l["who"] == who.as_str() && l["field"] == "status" && l["entity"] == "event"));
        }
        acknowledged_total += acknowledged;
    }
    assert!(acknowledged_total > 1000, "most changes were real changes: {acknowledged_total}");
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn a_writer_killed_mid_work_leaves_a_sound_store_with_its_acknowledged_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let ids = events(&db, 4);
    // A colleague keeps writing meanwhile.
    let mut colleague = writer(&db, &ids, 300, "colleague").stdout(Stdio::null()).spawn().unwrap();
    let mut victim = writer(&db, &ids, 1_000_000, "victim").stdout(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    let mut acknowledged = 0;
    while acknowledged < 200 {
        let line = lines.next().expect("the writer is running").unwrap();
        if line.starts_with("ok ") {
            acknowledged += 1;
        }
    }
    victim.kill().unwrap(); // SIGKILL: no destructor, no rollback, no checkpoint
    victim.wait().unwrap();
    assert!(colleague.wait().unwrap().success());
    assert_eq!(integrity(&db), "ok");
    let kept = history_of(&db, "victim");
    assert!(kept >= acknowledged, "{kept} changes kept of {acknowledged} acknowledged");
    // The store opens and takes changes as before.
    let out = writer(&db, &ids, 10, "after").output().unwrap();
    assert!(out.status.success() && !String::from_utf8_lossy(&out.stdout).contains("error"));
}

#[test]
fn a_backup_taken_while_others_write_is_a_sound_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let ids = events(&db, 3);
    let mut writers: Vec<_> =
        (0..4).map(|n| writer(&db, &ids, 200, &format!("w{n}")).stdout(Stdio::null()).spawn().unwrap()).collect();
    let copy = dir.path().join("copy.db");
    let out = Command::new(BIN).arg("--db").arg(&db).arg("backup").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for w in &mut writers {
        assert!(w.wait().unwrap().success());
    }
    assert_eq!(integrity(&copy), "ok");
    let store = Store::open(&copy, "restorer").unwrap();
    assert_eq!(store.agreements().unwrap().len(), 4);
    // A second backup to the same name is refused, the first left as it was.
    let again =
        Command::new(BIN).env("LANG", "en_US.UTF-8").arg("--db").arg(&db).arg("backup").arg(&copy).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already; nastavnik does not overwrite files"));
}

#[test]
fn a_second_store_on_the_same_file_in_one_process_keeps_the_first_sound() {
    // What a server with a session per coordinator does: several stores of one file in one
    // process, while other processes write and come and go.
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let ids = events(&db, 3);
    let first = Store::open(&db, "session1").unwrap();
    let second = Store::open(&db, "session2").unwrap();
    let mut writers: Vec<_> =
        (0..6).map(|n| writer(&db, &ids, 60, &format!("p{n}")).stdout(Stdio::null()).spawn().unwrap()).collect();
    let list: Vec<i64> = ids.split(',').map(|x| x.parse().unwrap()).collect();
    let mut acknowledged = 0;
    for n in 0..150 {
        let st = nastavnik::domain::EventStatus::ALL[n % 5];
        let store = if n % 2 == 0 { &first } else { &second };
        if store.set_event_status(list[n % list.len()], st, None).unwrap() {
            acknowledged += 1;
        }
        if n == 75 {
            // A third comes and goes in the middle.
            drop(Store::open(&db, "session3").unwrap());
        }
    }
    for w in &mut writers {
        assert!(w.wait().unwrap().success());
    }
    drop((first, second));
    assert_eq!(integrity(&db), "ok");
    assert_eq!(history_of(&db, "session1") + history_of(&db, "session2"), acknowledged);
}
