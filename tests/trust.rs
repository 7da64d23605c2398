//! What a coordinator must be able to trust of the store: a curator stays within their schools,
//! undo never jams, a stale save that agrees with the store is no conflict, every commit is on
//! the disk, and two programs upgrading one store at once do not trip over each other.

mod common;

use nastavnik::domain::{EventStatus, ValidLink};
use nastavnik::lookup::Entity;
use nastavnik::store::{Access, EventChange, Store, StoreError, Table};
use nastavnik::text::AcademicYear;
use std::path::{Path, PathBuf};

fn demo_store(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    let store = Store::create_new(&path, "demo").unwrap();
    nastavnik::demo::load(&store).unwrap();
    path
}

/// The id of the school named `short` (a short name the demo uses once).
fn school(store: &Store, short: &str) -> i64 {
    store.org_named(short).unwrap().unwrap_or_else(|| panic!("no school {short}"))
}

fn event_titled(store: &Store, year: i32, part: &str) -> nastavnik::domain::EventRow {
    store.events(AcademicYear(year)).unwrap().into_iter().find(|e| e.title.contains(part)).unwrap()
}

fn as_link(l: &nastavnik::domain::LinkRow) -> ValidLink {
    ValidLink {
        level: l.level,
        mentor: l.mentor_ref,
        mentee: l.mentee_ref,
        subject: l.subject.clone(),
        form: l.form.clone(),
        start: l.when.start,
        end: l.when.end,
        basis: l.basis.clone(),
        basis_date: l.basis_date,
    }
}

#[test]
fn a_curator_cannot_take_over_or_give_away_another_schools_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let mut store = Store::open(&path, "Куратор").unwrap();
    let mine = store.resolve_schools(&["МБОУ «СОШ №1» г. Пикалево".into()]).unwrap().unwrap();
    let mine_id = mine[0];
    store.set_access(Access::Curator(mine.clone()));
    let lines = store.count(Table::History).unwrap();

    // A seminar of the district committee, with no school of mine in it: adding my school as a
    // participant, or making my school its host, would make it mine. Both are refused.
    let foreign = event_titled(&store, 2021, "Серия практико-ориентированных семинаров");
    let (fields, version) = store.event_fields(foreign.id).unwrap();
    let mut joined = fields.clone();
    joined.participants.push((mine_id, "СОШ №1".into()));
    let err = store.update_event(foreign.id, &joined, Some(version)).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { viewer: false, .. }), "{err}");
    let mut hosted = fields.clone();
    hosted.host_org = Some((mine_id, "СОШ №1".into()));
    let err = store.update_event(foreign.id, &hosted, Some(version)).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { viewer: false, .. }), "{err}");
    assert!(store.event_fields(foreign.id).unwrap().0.participants.is_empty(), "nothing was written");

    // An event of the ППМС-центр for my school: taking my school out of it gives it away.
    let shared = event_titled(&store, 2021, "Консультации по организации работы с детьми с ОВЗ");
    let (fields, version) = store.event_fields(shared.id).unwrap();
    assert!(fields.participants.iter().any(|p| p.0 == mine_id));
    let mut left = fields.clone();
    left.participants.retain(|p| p.0 != mine_id);
    let err = store.update_event(shared.id, &left, Some(version)).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { viewer: false, .. }), "{err}");
    assert_eq!(store.event_fields(shared.id).unwrap().0.participants, fields.participants);

    // A link between two schools of Leningradsky district: making one of my teachers its mentee.
    let link = store
        .links(AcademicYear(2022))
        .unwrap()
        .into_iter()
        .find(|l| l.mentee_ref == Entity::Org(school(&store, "№ 8")))
        .expect("a link to school № 8");
    let mut taken = as_link(&link);
    let teacher = store.links_of(Entity::Org(mine_id), true).unwrap();
    assert!(!teacher.is_empty(), "my school has mentees");
    taken.mentee = Entity::Org(mine_id);
    let err = store.update_link(link.id, &taken, Some(link.stamp.version)).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { viewer: false, .. }), "{err}");
    assert_eq!(store.link(link.id).unwrap().mentee_ref, link.mentee_ref);

    // An agreement of Ust-Ilimsk's СОШ № 5: its party cannot be edited by me.
    let agreement = store.agreements().unwrap().into_iter().find(|a| a.parties.contains("СОШ № 5")).unwrap();
    let (mut f, version) = store.agreement_fields(agreement.id).unwrap();
    f.parties[0].signatory = "Подставной И.И.".into();
    let err = store.update_agreement(agreement.id, &f, Some(version)).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { viewer: false, .. }), "{err}");
    assert_ne!(store.agreement_parties(agreement.id).unwrap()[0].signatory, "Подставной И.И.");

    assert_eq!(store.count(Table::History).unwrap(), lines, "no history line of any refused change");

    // What is mine stays mine to change, and to delete.
    let own = event_titled(&store, 2021, "Взаимопосещение уроков");
    assert!(store.set_event_status(own.id, EventStatus::Postponed, Some(own.stamp.version)).unwrap());
    store.delete_event(own.id, None).unwrap();
}

#[test]
fn undo_steps_through_creations_deletions_and_link_edits_and_never_jams() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let store = Store::open(&path, "Боброва").unwrap();
    let year = AcademicYear(2021);
    let events = store.events(year).unwrap().len();

    // 1. A status change, 2. a new event, 3. a link edited, 4. an event with its participants
    // and its plan row deleted.
    let first = event_titled(&store, 2021, "Взаимопосещение уроков");
    assert!(store.set_event_status(first.id, EventStatus::Postponed, None).unwrap());
    let (mut f, _) = store.event_fields(first.id).unwrap();
    f.title = "Новое мероприятие".into();
    let created = store.create_event(&f).unwrap();
    let link = store.links(year).unwrap().remove(0);
    let mut moved = as_link(&link);
    moved.subject = "Новый предмет".into();
    moved.mentee = Entity::Org(school(&store, "СОШ №4"));
    assert!(store.update_link(link.id, &moved, None).unwrap());
    let planned = store
        .events(AcademicYear(2021))
        .unwrap()
        .into_iter()
        .find(|e| e.title.starts_with("Встречи сторон"))
        .expect("a plan row of the Kirovsk agreement");
    let (planned_fields, _) = store.event_fields(planned.id).unwrap();
    let agreement = store.agreements().unwrap().into_iter().find(|a| a.title.starts_with("Дополнительное")).unwrap();
    let plan_events = |s: &Store| -> Vec<Option<i64>> {
        s.appendices(agreement.id).unwrap().into_iter().flat_map(|a| a.items).map(|i| i.event_id).collect()
    };
    assert!(plan_events(&store).contains(&Some(planned.id)));
    store.delete_event(planned.id, Some(planned.stamp.version)).unwrap();
    assert!(store.event(planned.id).is_err());

    // Undo, newest first: the deleted event comes back whole, with its plan row.
    let r = store.undo().unwrap().unwrap();
    assert_eq!((r.field.as_str(), r.to.as_str()), ("*", "restored"));
    let back = store.event_fields(planned.id).unwrap().0;
    assert_eq!(back, planned_fields);
    assert!(plan_events(&store).contains(&Some(planned.id)), "the plan row points at it again");
    // The link edit: mentee and subject as they were.
    store.undo().unwrap().unwrap();
    let l = store.link(link.id).unwrap();
    assert_eq!((l.mentee_ref, l.subject.as_str()), (link.mentee_ref, link.subject.as_str()));
    // The creation: the new event is gone.
    let r = store.undo().unwrap().unwrap();
    assert_eq!((r.field.as_str(), r.from.as_str()), ("*", "created"));
    assert!(store.event(created).is_err());
    assert_eq!(store.events(year).unwrap().len(), events);
    // And the first change, past all of them.
    let r = store.undo().unwrap().unwrap();
    assert_eq!((r.field.as_str(), r.to.as_str()), ("status", first.status.code()));
    assert!(store.undo().unwrap().is_none(), "the demo's loading is not mine to undo");

    // Redo goes forward again, the deletion last.
    for _ in 0..4 {
        store.redo().unwrap().unwrap();
    }
    assert_eq!(store.event(first.id).unwrap().status, EventStatus::Postponed);
    assert_eq!(store.event(created).unwrap().title, "Новое мероприятие");
    assert_eq!(store.link(link.id).unwrap().subject, "Новый предмет");
    assert!(store.event(planned.id).is_err());
    assert!(store.redo().unwrap().is_none());
}

#[test]
fn an_action_that_cannot_be_undone_is_said_so_and_stepped_past() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let me = Store::open(&path, "Боброва").unwrap();
    let colleague = Store::open(&path, "Серякова").unwrap();
    let events = me.events(AcademicYear(2021)).unwrap();
    let (a, b) = (&events[0], &events[1]);
    assert!(me.set_event_status(a.id, EventStatus::Postponed, None).unwrap());
    assert!(me.set_event_status(b.id, EventStatus::Postponed, None).unwrap());
    // A colleague changes the same value of b since.
    colleague.set_event_status(b.id, EventStatus::Cancelled, None).unwrap();
    let err = me.undo().unwrap_err();
    assert!(matches!(&err, StoreError::Conflict { by, .. } if by == "Серякова"), "{err}");
    assert_eq!(me.event(b.id).unwrap().status, EventStatus::Cancelled, "their value stays");
    // The next undo is not stuck on b: it undoes a.
    let r = me.undo().unwrap().unwrap();
    assert_eq!((r.entity_id, r.to.as_str()), (a.id, a.status.code()));
    assert_eq!(me.event(a.id).unwrap().status, a.status);
    assert!(me.undo().unwrap().is_none());
}

#[test]
fn a_stale_save_of_the_value_already_there_is_no_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let me = Store::open(&path, "Боброва").unwrap();
    let colleague = Store::open(&path, "Серякова").unwrap();
    let e = me.events(AcademicYear(2021)).unwrap().remove(0);
    let seen = e.stamp.version;
    colleague.set_event_status(e.id, EventStatus::Cancelled, None).unwrap();
    // We both meant "cancelled": my save on the stale screen succeeds quietly.
    assert!(!me.set_event_status(e.id, EventStatus::Cancelled, Some(seen)).unwrap());
    assert!(!me
        .change_event(e.id, &EventChange { status: Some(EventStatus::Cancelled), ..Default::default() }, Some(seen))
        .unwrap());
    let (mut f, _) = me.event_fields(e.id).unwrap();
    assert!(!me.update_event(e.id, &f, Some(seen)).unwrap());
    // A different value is a conflict, as before.
    let err = me.set_event_status(e.id, EventStatus::Done, Some(seen)).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    f.title.push('!');
    assert!(matches!(me.update_event(e.id, &f, Some(seen)), Err(StoreError::Conflict { .. })));
    assert_eq!(me.event(e.id).unwrap().status, EventStatus::Cancelled);
}

#[test]
fn every_commit_is_synced_to_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    assert!(Store::open(&path, "tester").unwrap().durable().unwrap(), "synchronous=FULL");
}

#[test]
fn eight_programs_opening_one_old_store_at_once_upgrade_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    Store::create_at_version(&path, 3).unwrap();
    let barrier = std::time::Instant::now() + std::time::Duration::from_millis(300);
    let children: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                std::thread::sleep(barrier.saturating_duration_since(std::time::Instant::now()));
                std::process::Command::new(common::BIN)
                    .arg("--db")
                    .arg(&path)
                    .args(["show", "roadmap", "--year", "2021-2022"])
                    .output()
                    .unwrap()
            })
        })
        .collect();
    for c in children {
        let out = c.join().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let store = Store::open(&path, "tester").unwrap();
    assert_eq!(store.schema_version().unwrap(), nastavnik::store::SCHEMA_VERSION);
}

#[test]
fn snapshot_follows_the_configs_agreements_and_risks_like_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    // An agreement in force that ends in 40 days: "expiring" only for a config of 60 days.
    let end = (chrono::Local::now().date_naive() + chrono::Days::new(40)).format("%Y-%m-%d").to_string();
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute("UPDATE agreements SET end_date = ?1 WHERE status = 'in_force'", [end]).unwrap();
    drop(db);
    let config = dir.path().join("nastavnik.toml");
    std::fs::write(&config, "[agreements]\nexpiring_days = 60\n").unwrap();
    let snapshot = |config: Option<&Path>| {
        let mut cmd = std::process::Command::new(common::BIN);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        let out = cmd.arg("--db").arg(&path).args(["snapshot", "agreements", "--size", "160x20"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(snapshot(Some(&config)).contains('⚠'), "{}", snapshot(Some(&config)));
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    assert!(!snapshot(Some(&empty)).contains('⚠'), "30 days by default");
}

#[test]
fn a_failure_at_start_names_the_step_and_the_file_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, "not a store").unwrap();
    let out = std::process::Command::new(common::BIN)
        .env("LANG", "ru_RU.UTF-8")
        .arg("--db")
        .arg(&foreign)
        .args(["show", "clusters"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("nastavnik: не удалось открыть хранилище: ") && err.contains("notes.txt"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_store_that_lists_users_lets_an_unlisted_login_only_read() {
    use nastavnik::config::Role;
    use nastavnik::store::UserRow;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let store = Store::open(&path, "root").unwrap();
    assert_eq!(store.user_of("anyone").unwrap().role, Role::Coordinator, "a store of one person");
    let viewer = UserRow { login: "guest".into(), name: "Гость".into(), role: Role::Viewer, schools: vec![] };
    store.list_user(&viewer, "root").unwrap();
    assert_eq!(store.user_of("guest").unwrap().name, "Гость");
    assert_eq!(store.user_of("root").unwrap().role, Role::Coordinator, "the one who listed is kept a coordinator");
    assert_eq!(store.user_of("stranger").unwrap().role, Role::Viewer);
    // Listing is a coordinator's change: recorded, and undone like any other.
    assert!(store.history("user", 2).unwrap().iter().any(|h| h.field == "*"));
    store.undo().unwrap();
    assert!(store.users().unwrap().is_empty());
    // A viewer lists nobody.
    let mut guest = Store::open(&path, "guest").unwrap();
    guest.set_access(Access::Viewer);
    assert!(matches!(guest.list_user(&viewer, "guest"), Err(StoreError::Forbidden { .. })));
}

#[test]
fn deleting_an_event_a_colleague_changed_meanwhile_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let me = Store::open(&path, "Боброва").unwrap();
    let colleague = Store::open(&path, "Серякова").unwrap();
    let e = me.events(AcademicYear(2021)).unwrap().remove(0);
    colleague.set_event_status(e.id, EventStatus::Postponed, None).unwrap();
    let err = me.delete_event(e.id, Some(e.stamp.version)).unwrap_err();
    assert!(matches!(&err, StoreError::Conflict { by, .. } if by == "Серякова"), "{err}");
    assert!(me.event(e.id).is_ok(), "still there");
}
