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
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .arg("history")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
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

#[test]
fn a_killed_backups_leftovers_are_cleaned_and_the_copy_keeps_the_stores_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    // What a backup killed half-way left: its copy and the copy's journal (no such process now).
    for stale in
        [".nastavnik-backup-4194999-AbCdEf", ".nastavnik-backup-4194999-AbCdEf-journal", ".nastavnik-backup-XyZ123"]
    {
        std::fs::write(backups.join(stale), vec![0u8; 1000]).unwrap();
    }
    let copy = backups.join("district-copy.db");
    let out = Command::new(BIN).arg("--db").arg(&db).arg("backup").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let left: Vec<String> =
        std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["district-copy.db"]);
    assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o640);
    let store = nastavnik::store::Store::open(&copy, "t").unwrap();
    assert!(store.count(nastavnik::store::Table::Events).unwrap() > 0);
}

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(BIN).env("LANG", "ru_RU.UTF-8").args(args).output().unwrap()
}

#[test]
fn a_foreign_or_empty_file_is_refused_untouched_and_a_wrong_path_makes_no_store() {
    let dir = tempfile::tempdir().unwrap();
    // Another program's database that happens to have a schema version of its own.
    let foreign = dir.path().join("journal.sqlite");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE lessons (day TEXT); INSERT INTO lessons VALUES ('пн'); PRAGMA user_version = 3;")
            .unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    let out = run(&["--db".as_ref(), foreign.as_os_str(), "show".as_ref(), "roadmap".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("это не хранилище nastavnik"), "{out:?}");
    assert_eq!(std::fs::read(&foreign).unwrap(), before, "not a byte changed");
    assert!(!dir.path().join("journal.sqlite-wal").exists(), "not switched to WAL");
    let c = rusqlite::Connection::open(&foreign).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let drafts: i64 =
        c.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'drafts'", [], |r| r.get(0)).unwrap();
    assert_eq!((version, drafts), (3, 0));

    // An empty file stays empty.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let out = run(&["--db".as_ref(), empty.as_os_str(), "show".as_ref(), "clusters".as_ref()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);

    // A path typed wrong: no folder and no store are made; the message says how to make one.
    let wrong = dir.path().join("no-such-folder").join("district.db");
    let out = run(&["--db".as_ref(), wrong.as_os_str(), "show".as_ref(), "clusters".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nastavnik init"), "{out:?}");
    assert!(!dir.path().join("no-such-folder").exists());

    // `init` makes one and says so; a second `init` leaves it alone.
    let new = dir.path().join("district.db");
    let out = run(&["--db".as_ref(), new.as_os_str(), "init".as_ref()]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("создано новое хранилище"), "{out:?}");
    let c = rusqlite::Connection::open(&new).unwrap();
    let mark: i64 = c.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(mark, nastavnik::store::APPLICATION_ID);
    drop(c);
    let out = run(&["--db".as_ref(), new.as_os_str(), "init".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--db".as_ref(), new.as_os_str(), "show".as_ref(), "clusters".as_ref()]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn one_damaged_value_locks_no_one_out_and_check_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        // "Сем\xFF ин": a byte that is not UTF-8, as a tool writing Windows-1251 might leave.
        c.execute("UPDATE events SET title = CAST(X'D0A1D0B5D0BCFF20D0B8D0BD' AS TEXT) WHERE id = 8", []).unwrap();
    }
    let out = run(&[
        "--db".as_ref(),
        db.as_os_str(),
        "show".as_ref(),
        "roadmap".as_ref(),
        "--year".as_ref(),
        "2021-2022".as_ref(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Сем\u{FFFD} ин"));
    let out = run(&[
        "--db".as_ref(),
        db.as_os_str(),
        "snapshot".as_ref(),
        "roadmap".as_ref(),
        "--year".as_ref(),
        "2021-2022".as_ref(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("неверной кодировкой"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out =
        run(&["--db".as_ref(), db.as_os_str(), "ics".as_ref(), "--out".as_ref(), dir.path().join("r.ics").as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    let out = run(&["--db".as_ref(), db.as_os_str(), "check".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "events 8 title: not UTF-8 «Сем\u{FFFD} ин»\n");
}

#[test]
fn force_never_replaces_a_device_or_a_link_to_one_and_existing_files_need_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let dbs = db.as_os_str();
    // --force on a device: refused, the device stays a device.
    let out = run(&[
        "--db".as_ref(),
        dbs,
        "agreement".as_ref(),
        "2".as_ref(),
        "--format".as_ref(),
        "md".as_ref(),
        "--out".as_ref(),
        "/dev/full".as_ref(),
        "--force".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("не обычный файл"), "{out:?}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    // A link to a device, likewise, for every command that writes.
    let link = dir.path().join("calendar.ics");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    for args in [vec!["ics", "--force", "--out"], vec!["backup"], vec!["agreement", "2", "--force", "--out"]] {
        let mut a: Vec<&std::ffi::OsStr> = vec!["--db".as_ref(), dbs];
        a.extend(args.iter().map(|s| std::ffi::OsStr::new(*s)));
        a.push(link.as_os_str());
        let out = run(&a);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "{args:?}");
    }
    let out = run(&["demo".as_ref(), "--out".as_ref(), link.as_os_str()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // An existing file: the same words for every command, and --force replaces it.
    let ics = dir.path().join("r.ics");
    std::fs::write(&ics, b"old").unwrap();
    let out = run(&["--db".as_ref(), dbs, "ics".as_ref(), "--out".as_ref(), ics.as_os_str()]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("уже существует; чтобы заменить, добавьте --force"),
        "{out:?}"
    );
    let shots = dir.path().join("shots");
    assert!(run(&["--db".as_ref(), dbs, "screenshots".as_ref(), "--out".as_ref(), shots.as_os_str()]).status.success());
    let again = run(&["--db".as_ref(), dbs, "screenshots".as_ref(), "--out".as_ref(), shots.as_os_str()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("уже существует; чтобы заменить, добавьте --force"));
    let out = run(&["--db".as_ref(), dbs, "ics".as_ref(), "--force".as_ref(), "--out".as_ref(), ics.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    assert!(std::fs::read_to_string(&ics).unwrap().starts_with("BEGIN:VCALENDAR"));
}

/// The name and role a command runs with, as its status bar shows them.
fn status_bar(db: &std::path::Path, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(BIN);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.arg("--db").arg(db).args(["snapshot", "roadmap", "--size", "120x10"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().to_string()
}

#[test]
fn who_you_are_comes_from_the_os_account_and_roles_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let empty_config = dir.path().join("empty.toml");
    std::fs::write(&empty_config, "").unwrap();
    let me = nastavnik::config::os_login();
    // $USER and $LOGNAME claim someone else: the program does not believe them.
    let bar = status_bar(&db, &[("USER", "Боброва"), ("LOGNAME", "Боброва")]);
    assert!(!bar.contains("Боброва"), "{bar}");
    // A coordinator lists a curator; the store itself keeps it, in history.
    let users = |args: &[&str]| {
        Command::new(BIN)
            .env("LANG", "ru_RU.UTF-8")
            .arg("--config")
            .arg(&empty_config)
            .arg("--db")
            .arg(&db)
            .arg("users")
            .args(args)
            .output()
            .unwrap()
    };
    let out =
        users(&["set", "bobrova", "--role", "curator", "--name", "Боброва", "--school", "МБОУ «СОШ №1» г. Пикалево"]);
    assert!(out.status.success(), "{out:?}");
    let list = String::from_utf8(users(&[]).stdout).unwrap();
    assert!(list.contains("bobrova | Боброва | куратор | МБОУ «СОШ №1» г. Пикалево"), "{list}");
    assert!(list.contains(&format!("{me} |  | координатор")), "the one who listed her coordinates:\n{list}");
    // Nobody can leave the list without a coordinator.
    let out = users(&["set", &me, "--role", "viewer"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("должен остаться координатор"), "{out:?}");
    // A school that is not in the store is named.
    let out = users(&["set", "x", "--role", "curator", "--school", "Школа, которой нет"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Школа, которой нет"), "{out:?}");
    // [users] in one's own config gives nothing and says so.
    let own = dir.path().join("own.toml");
    std::fs::write(&own, format!("[users.\"{me}\"]\nrole = \"viewer\"\n")).unwrap();
    let out = Command::new(BIN)
        .env("LANG", "ru_RU.UTF-8")
        .arg("--config")
        .arg(&own)
        .arg("--db")
        .arg(&db)
        .args(["show", "clusters"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("больше не читается"), "{out:?}");
    let h = String::from_utf8(users(&[]).stdout).unwrap();
    assert!(h.contains("координатор"));
}

#[test]
fn a_store_made_where_a_deleted_ones_journal_lies_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("district.db");
    let wal = dir.path().join("district.db-wal");
    std::fs::write(&wal, b"stale").unwrap();
    for args in [vec!["demo", "--out", db.to_str().unwrap()], vec!["--db", db.to_str().unwrap(), "init"]] {
        let out = std::process::Command::new(common::BIN).args(&args).env("LANG", "ru_RU.UTF-8").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("district.db-wal: остался журнал удалённой базы"), "{err}");
        assert!(!db.exists(), "nothing is made");
    }
    std::fs::remove_file(&wal).unwrap();
    let out = std::process::Command::new(common::BIN).args(["demo", "--out", db.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success() && db.exists());
}
