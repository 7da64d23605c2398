//! The store as a coordinator relies on it: the schema, the demo's facts, history, and the
//! files it must refuse without touching them.

use nastavnik::domain::{AgreementStatus, EventStatus, LinkLevel, OrgKind, When};
use nastavnik::i18n::RU;
use nastavnik::store::{NewEvent, NewLink, Party, Store, StoreError, Table, SCHEMA_VERSION};
use nastavnik::text::AcademicYear;
use std::path::Path;

fn demo(dir: &Path) -> Store {
    let store = Store::create_new(&dir.join("demo.db"), "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    store
}

#[test]
fn a_new_store_gets_the_whole_schema() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("new.db"), "tester").unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    for t in [Table::Districts, Table::Events, Table::Agreements, Table::IndicatorValues, Table::History] {
        assert_eq!(store.count(t).unwrap(), 0, "{t:?}");
    }
    drop(store);
    // Opening it again neither fails nor migrates twice.
    let again = Store::open(&dir.path().join("new.db"), "tester").unwrap();
    assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn the_demo_holds_every_entity_of_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    for t in [
        Table::Districts,
        Table::Organizations,
        Table::People,
        Table::ClusterStatus,
        Table::RiskDirections,
        Table::Links,
        Table::Networks,
        Table::Events,
        Table::Meetings,
        Table::Decisions,
        Table::Agreements,
        Table::Appendices,
        Table::PlanItems,
        Table::Indicators,
        Table::IndicatorValues,
    ] {
        assert!(store.count(t).unwrap() > 0, "the demo has no {t:?}");
    }
    assert_eq!(store.count(Table::Districts).unwrap(), 5, "five documents, five municipalities");

    let y = AcademicYear(2021);
    let events = store.events(y).unwrap();
    let visit = events.iter().find(|e| e.when.display() == "25.11.2021").expect("the lesson visit of 25.11.2021");
    assert_eq!((visit.subject.as_str(), visit.grades.as_str()), ("математика", "7"));
    assert_eq!(visit.teacher, "Е.С. Кузикова");
    assert_eq!(visit.host_school, "МБОУ «СОШ №1» г. Пикалево");
    let master = events.iter().filter(|e| e.kind == "мастер-класс").count();
    assert_eq!(master, 2, "two master classes on 21.10.2021");

    let decisions = store.decisions(y).unwrap();
    let expand = decisions.iter().find(|d| d.text.starts_with("Расширить состав")).unwrap();
    assert_eq!(expand.deadline.display(), "август 2022");
    assert!(expand.responsible.contains("Т.С. Боброва"));
    let later = store.decisions(AcademicYear(2022)).unwrap();
    assert!(later.iter().any(|d| d.deadline.display() == "в течение 2022-2023 учебного года"));

    let clusters = store.clusters(y).unwrap();
    let s7 = clusters.iter().find(|c| c.school.contains("Пичуева") && c.status == "ШНОР").unwrap();
    assert_eq!(s7.risk_level, "сильно неуспевающая");
    let risks = store.risks(y).unwrap();
    assert_eq!(risks.iter().filter(|r| r.school.contains("Пичуева")).count(), 5);
    let ind = store.indicators(y).unwrap();
    let iom = ind.iter().find(|i| i.name.contains("индивидуальные программы")).unwrap();
    assert_eq!((iom.target.as_str(), iom.actual.as_str()), ("100%", "50,4%"));

    let links = store.links(y).unwrap();
    assert!(links.iter().any(|l| l.level == LinkLevel::SchoolSchool
        && l.mentor == "МБОУ «СОШ №3» г. Пикалево"
        && l.mentee == "МБОУ «СОШ №1» г. Пикалево"));
    // Lesson visits and master classes between the two schools, not teacher pairs: the minutes
    // name the teachers at the lessons, not who mentors whom.
    assert!(!links.iter().any(|l| l.mentor.starts_with("Т.П. Маслова") || l.mentee.starts_with("Е.С. Кузикова")));

    let agreements = store.agreements().unwrap();
    assert_eq!(agreements.len(), 4, "Kirovsk's framework and additional agreement, Ust-Ilimsk's two in force");
    let extra = agreements.iter().find(|a| a.parent.is_some()).unwrap();
    let appendices = store.appendices(extra.id).unwrap();
    assert_eq!(appendices.len(), 3);
    assert_eq!(appendices[0].items.len(), 2);
    assert_eq!(appendices[0].items[0].dates, "21.10.2021");
    // The plan's rows are the roadmap's events of 2021-2022.
    let plan_event = appendices[0].items[1].event_id.expect("a plan row is an event");
    assert!(store.events(y).unwrap().iter().any(|e| e.id == plan_event && e.title.starts_with("Встречи сторон")));
}

#[test]
fn a_status_change_is_versioned_stamped_and_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let e = store.events(AcademicYear(2022)).unwrap().into_iter().find(|e| e.status == EventStatus::Planned).unwrap();
    assert!(store.set_event_status(e.id, EventStatus::Done, Some(e.stamp.version)).unwrap());
    let after = store.event(e.id).unwrap();
    assert_eq!(after.status, EventStatus::Done);
    assert_eq!(after.stamp.version, e.stamp.version + 1);
    assert_eq!(after.stamp.changed_by, "tester");
    let h = store.history("event", e.id).unwrap();
    assert_eq!((h[0].field.as_str(), h[0].old.as_str(), h[0].new.as_str()), ("status", "planned", "done"));
    assert_eq!(h[0].who, "tester");

    // A colleague who still sees the old version is refused, and nothing is written.
    let err = store.set_event_status(e.id, EventStatus::Cancelled, Some(e.stamp.version)).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    assert_eq!(store.event(e.id).unwrap().status, EventStatus::Done);
    assert_eq!(store.history("event", e.id).unwrap().len(), h.len());

    // Setting the same status again writes nothing.
    assert!(!store.set_event_status(e.id, EventStatus::Done, None).unwrap());
    assert_eq!(store.history("event", e.id).unwrap().len(), h.len());
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[test]
fn an_agreement_is_signed_only_when_complete_and_the_step_is_undone_like_any_change() {
    use nastavnik::lifecycle::{Missing, Refusal};
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let a = store.agreements().unwrap().remove(0);
    assert_eq!((a.title.contains("рамочный"), a.status), (true, AgreementStatus::Draft));

    // Not along the lifecycle: refused with the reason, nothing written.
    let lines = store.history("agreement", a.id).unwrap().len();
    let err = store.set_agreement_status(a.id, AgreementStatus::Signed, None, today()).unwrap_err();
    assert!(matches!(err, StoreError::Refused(Refusal::NotAllowed { .. })), "{err}");
    assert_eq!(store.history("agreement", a.id).unwrap().len(), lines);
    assert_eq!(store.agreement(a.id).unwrap().status, AgreementStatus::Draft);
    assert!(store.set_agreement_status(a.id, AgreementStatus::Approval, None, today()).unwrap());

    // The template's blanks stop the signing, each named.
    let StoreError::Refused(r) = store.set_agreement_status(a.id, AgreementStatus::Signed, None, today()).unwrap_err()
    else {
        panic!("not a refusal")
    };
    assert_eq!(r, Refusal::Incomplete(vec![Missing::Number, Missing::Date, Missing::PartyName(2)]));
    assert_eq!(r.text(&RU), "Нельзя подписать, не хватает: номера договора; даты подписания; названия стороны 2");

    // Filled in through the form's verb, checked against the version seen.
    let (mut f, version) = store.agreement_fields(a.id).unwrap();
    f.number = "12/2026".into();
    f.date = Some(today());
    f.parties[1].name = "МКОУ «Шумская СОШ»".into();
    f.parties[1].signatory = "Петрова Анна Сергеевна".into();
    assert!(store.update_agreement(a.id, &f, Some(version)).unwrap());
    // The same values again on the stale screen are no conflict (issue 11.14); other values are.
    assert!(!store.update_agreement(a.id, &f, Some(version)).unwrap());
    let mut other = f.clone();
    other.number = "13/2026".into();
    let stale = store.update_agreement(a.id, &other, Some(version)).unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { .. }), "{stale}");
    let parties = store.agreement_parties(a.id).unwrap();
    assert_eq!(parties[1].name, "МКОУ «Шумская СОШ»");

    let seen = store.agreement(a.id).unwrap().stamp.version;
    assert!(store.set_agreement_status(a.id, AgreementStatus::Signed, Some(seen), today()).unwrap());
    assert_eq!(store.agreement(a.id).unwrap().status, AgreementStatus::Signed);
    let h = store.history("agreement", a.id).unwrap();
    assert_eq!((h[0].field.as_str(), h[0].old.as_str(), h[0].new.as_str()), ("status", "approval", "signed"));

    // Undo takes the signing back, then the form's save (number, date and the party at once).
    let back = store.undo().unwrap().unwrap();
    assert_eq!((back.from.as_str(), back.to.as_str()), ("signed", "approval"));
    store.undo().unwrap().unwrap();
    let undone = store.agreement(a.id).unwrap();
    assert_eq!((undone.number.as_str(), undone.signed_on), ("", None));
    assert_eq!(store.agreement_parties(a.id).unwrap()[1].signatory, "");
    store.redo().unwrap();
    store.redo().unwrap();
    assert_eq!(store.agreement(a.id).unwrap().status, AgreementStatus::Signed);
}

#[test]
fn the_term_expires_an_agreement_and_its_plan_is_the_roadmap() {
    use nastavnik::lifecycle::effective;
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let all = store.agreements().unwrap();
    // Ust-Ilimsk's agreement with the ЦДТ has no term in its report: in force as the report
    // says. Given one that has run out, it shows expired without anyone touching it.
    let cdt = all.iter().find(|a| a.parties.contains("ЦДТ")).unwrap();
    assert_eq!((cdt.status, effective(cdt, today())), (AgreementStatus::InForce, AgreementStatus::InForce));
    let (mut f, v) = store.agreement_fields(cdt.id).unwrap();
    f.start = chrono::NaiveDate::from_ymd_opt(2021, 9, 1);
    f.end = chrono::NaiveDate::from_ymd_opt(2022, 8, 31);
    store.update_agreement(cdt.id, &f, Some(v)).unwrap();
    let cdt = &store.agreement(cdt.id).unwrap();
    assert_eq!((cdt.status, effective(cdt, today())), (AgreementStatus::InForce, AgreementStatus::Expired));
    let err = store.set_agreement_status(cdt.id, AgreementStatus::Terminated, None, today()).unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "an expired agreement is not terminated: {err}");

    // Marking a plan row's event done in the roadmap moves the plan's progress, on the
    // additional agreement and on the framework agreement it amends.
    let extra = all.iter().find(|a| a.parent.is_some()).unwrap();
    assert_eq!((extra.plan_done, extra.plan_total), (0, 2));
    let item = &store.appendices(extra.id).unwrap()[0].items[0];
    store.set_event_status(item.event_id.unwrap(), EventStatus::Done, None).unwrap();
    let after = store.agreement(extra.id).unwrap();
    assert_eq!((after.plan_done, after.plan_total), (1, 2));
    assert_eq!(store.agreement(extra.parent.unwrap()).unwrap().plan_done, 1);
    let item = &store.appendices(extra.id).unwrap()[0].items[0];
    assert_eq!(item.status, Some(EventStatus::Done));
    // A cancelled row no longer counts.
    store.set_event_status(item.event_id.unwrap(), EventStatus::Cancelled, None).unwrap();
    let after = store.agreement(extra.id).unwrap();
    assert_eq!((after.plan_done, after.plan_total), (0, 1));
}

#[test]
fn plan_rows_of_an_older_store_become_roadmap_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    Store::create_at_version(&path, 4).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO districts (id, name) VALUES (1, 'Кировский район');
             INSERT INTO agreements (id, kind, district_id, title) VALUES (1, 'additional', 1, 'Соглашение');
             INSERT INTO agreement_parties (agreement_id, pos, name, signatory) VALUES (1, 1, 'Школа А', 'Иванов');
             INSERT INTO agreement_appendices (id, agreement_id, number, title) VALUES (1, 1, 1, 'План');
             INSERT INTO plan_items (appendix_id, pos, event, dates, result)
                  VALUES (1, 1, 'Встреча сторон', '26.11.2021', 'Актуализация'),
                         (1, 2, 'Семинар', 'весна 2022', '');",
        )
        .unwrap();
    }
    let store = Store::open(&path, "tester").unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let items = store.appendices(1).unwrap().remove(0).items;
    assert_eq!(
        items.iter().map(|i| (i.event.as_str(), i.dates.as_str(), i.event_id.is_some())).collect::<Vec<_>>(),
        vec![("Встреча сторон", "26.11.2021", true), ("Семинар", "весна 2022", true)]
    );
    assert_eq!(items[0].result, "Актуализация");
    let events = store.events(AcademicYear(2021)).unwrap();
    assert!(events.iter().any(|e| e.title == "Встреча сторон"));
    assert_eq!(store.agreement_parties(1).unwrap()[0].signatory, "Иванов");
}

#[test]
fn a_change_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let id = {
        let store = Store::create_new(&path, "tester").unwrap();
        nastavnik::demo::load(&store).unwrap();
        let e = store.events(AcademicYear(2021)).unwrap().remove(0);
        store.set_event_status(e.id, EventStatus::Postponed, None).unwrap();
        e.id
    };
    let store = Store::open(&path, "someone else").unwrap();
    assert_eq!(store.event(id).unwrap().status, EventStatus::Postponed);
}

#[test]
fn hostile_text_is_cleaned_on_the_way_in_and_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("x.db"), "tester").unwrap();
    let d = store.add_district("Район\u{1b}[2J", "").unwrap();
    let school =
        store.add_org(Some(d), OrgKind::School, "СОШ", "МБОУ \u{202E}«СОШ №9»\u{7}", "СОШ №9", "Город").unwrap();
    let p = store.add_person("Иванов\u{1b}]0;owned\u{7} И.И.", "учитель", Some(school), "").unwrap();
    store
        .add_event(NewEvent {
            district: Some(d),
            title: "Семинар\r\n\u{2066}обычный",
            when: When::day(chrono::NaiveDate::from_ymd_opt(2022, 10, 1).unwrap()),
            host_org: Some(school),
            host_person: Some(p),
            ..Default::default()
        })
        .unwrap();
    let e = store.events(AcademicYear(2022)).unwrap().remove(0);
    for text in [&e.title, &e.host_school, &e.teacher, &e.district] {
        assert!(!text.chars().any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)), "{text:?}");
    }
    // The OSC sequence goes whole, with the title it would set (issue 11.11).
    assert_eq!(e.teacher, "Иванов И.И.");
    assert_eq!(e.host_school, "МБОУ «СОШ №9»");
}

#[test]
fn a_new_link_is_listed_in_the_years_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("x.db"), "tester").unwrap();
    let d = store.add_district("Район", "").unwrap();
    let a = store.add_org(Some(d), OrgKind::School, "СОШ", "Школа А", "А", "").unwrap();
    let b = store.add_org(Some(d), OrgKind::School, "СОШ", "Школа Б", "Б", "").unwrap();
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    store
        .add_link(NewLink {
            level: LinkLevel::SchoolSchool,
            mentor: Party::Org(a),
            mentee: Party::Org(b),
            subject: "физика",
            form: "мастер-классы",
            when: When { start: Some(day(2023, 9, 1)), end: Some(day(2025, 5, 31)), text: None },
            basis: "приказ № 1",
        })
        .unwrap();
    for (year, listed) in [(2022, false), (2023, true), (2024, true), (2025, false)] {
        let links = store.links(AcademicYear(year)).unwrap();
        assert_eq!(links.len(), usize::from(listed), "{year}");
    }
    let l = store.links(AcademicYear(2024)).unwrap().remove(0);
    assert_eq!((l.mentor.as_str(), l.mentee.as_str(), l.subject.as_str()), ("Школа А", "Школа Б", "физика"));
    assert_eq!(l.when.display(), "01.09.2023–31.05.2025");
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let store = Store::open(&path, "tester").unwrap();
        store.checkpoint().unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7).unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path, "tester").err().expect("a newer schema is refused");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("newer") && msg.contains("untouched"), "{msg}");
    assert_eq!(bytes(&path), before, "the file changed");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "Протокол №5\nэто не база данных\n").unwrap();
    let before = bytes(&path);
    let err = Store::open(&path, "tester").err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("not a nastavnik store"));
    assert_eq!(bytes(&path), before);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn a_read_only_file_is_refused_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let store = demo(dir.path());
        drop(store);
        std::fs::rename(dir.path().join("demo.db"), &path).unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&path);
    let err = Store::open(&path, "tester").err().expect("refused");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("cannot be written"));
    assert_eq!(bytes(&path), before);
}

#[test]
fn create_new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.db");
    std::fs::write(&path, b"precious").unwrap();
    let err = Store::create_new(&path, "tester").err().expect("refused");
    assert!(matches!(err, StoreError::Exists { .. }));
    assert_eq!(bytes(&path), b"precious");
}

#[test]
fn status_labels_come_from_the_catalogue() {
    assert_eq!(EventStatus::Done.label(&RU), "проведено");
    assert_eq!(AgreementStatus::Draft.label(&RU), "проект");
}

#[test]
fn the_synthetic_region_has_the_demos_shape() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("synth.db"), "tester").unwrap();
    nastavnik::synth::generate(&store, 2).unwrap();
    assert_eq!(store.count(Table::Districts).unwrap(), 2);
    let schools = 2 * nastavnik::synth::SCHOOLS_PER_DISTRICT as i64;
    assert_eq!(store.count(Table::Organizations).unwrap(), schools + 4);
    assert_eq!(store.count(Table::People).unwrap(), 2 + schools * nastavnik::synth::PEOPLE_PER_SCHOOL as i64);
    assert_eq!(store.count(Table::Events).unwrap(), 2 * nastavnik::synth::EVENTS_PER_DISTRICT as i64);
    let y = AcademicYear(2025);
    let links = store.links(y).unwrap();
    for level in LinkLevel::ALL {
        assert!(links.iter().any(|l| l.level == *level), "no {level:?} link");
    }
    assert!(store.clusters(y).unwrap().iter().any(|c| c.status == "ШНОР" && !c.risk_level.is_empty()));
    // The same n gives the same region.
    let other = Store::open(&dir.path().join("again.db"), "tester").unwrap();
    nastavnik::synth::generate(&other, 2).unwrap();
    let names = |s: &Store| s.search_entries().unwrap().into_iter().map(|e| e.name).collect::<Vec<_>>();
    assert_eq!(names(&store), names(&other));
}

#[test]
fn a_store_of_schema_1_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    Store::create_at_version(&path, 1).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO organizations (id, kind, name, name_fold) VALUES (1, 'school', 'Школа А', 'школа а'),
                                                                         (2, 'school', 'Школа Б', 'школа б');
             INSERT INTO mentoring_links (level, mentor_org_id, mentee_org_id, start_date, basis)
                  VALUES ('school_school', 1, 2, '2019-09-01', 'приказ № 7');",
        )
        .unwrap();
    }
    let store = Store::open(&path, "tester").unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let l = store.links(AcademicYear(2020)).unwrap().remove(0);
    assert_eq!((l.mentor.as_str(), l.basis_text().as_str()), ("Школа А", "приказ № 7"));
}

#[test]
fn undo_and_redo_survive_a_restart_and_touch_only_my_changes() {
    use nastavnik::store::EventChange;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    let id = {
        let store = Store::create_new(&path, "Боброва").unwrap();
        nastavnik::demo::load(&store).unwrap();
        let e = store.events(AcademicYear(2022)).unwrap().remove(0);
        store
            .change_event(
                e.id,
                &EventChange { status: Some(EventStatus::Done), result: Some("24".into()), ..Default::default() },
                None,
            )
            .unwrap();
        e.id
    };
    // A colleague changes another event meanwhile.
    let other = {
        let store = Store::open(&path, "Серякова").unwrap();
        let e = store.events(AcademicYear(2022)).unwrap().remove(1);
        store.set_event_status(e.id, EventStatus::Cancelled, None).unwrap();
        e.id
    };
    let store = Store::open(&path, "Боброва").unwrap();
    let r = store.undo().unwrap().expect("my change is undone");
    assert_eq!((r.field.as_str(), r.from.as_str(), r.to.as_str()), ("status", "done", "planned"));
    let e = store.event(id).unwrap();
    assert_eq!((e.status, e.result.as_str()), (EventStatus::Planned, ""));
    assert_eq!(store.event(other).unwrap().status, EventStatus::Cancelled, "a colleague's change is not mine to undo");
    assert!(store.undo().unwrap().is_none(), "the demo's creation is not an undoable change");
    drop(store);
    let store = Store::open(&path, "Боброва").unwrap();
    store.redo().unwrap().expect("redo after a restart");
    assert_eq!(store.event(id).unwrap().result, "24");
    // Undo refuses when someone changed the value since.
    let colleague = Store::open(&path, "Серякова").unwrap();
    colleague.set_event_status(id, EventStatus::Postponed, None).unwrap();
    assert!(matches!(store.undo(), Err(StoreError::Conflict { .. })));
    assert_eq!(store.event(id).unwrap().status, EventStatus::Postponed);
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('мои заметки');").unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path, "tester").err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_decision_is_postponed_to_a_new_deadline_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let d = store
        .decisions(AcademicYear(2021))
        .unwrap()
        .into_iter()
        .find(|d| d.deadline.display() == "август 2022")
        .unwrap();
    let when = nastavnik::period::parse_when("сентябрь 2022").unwrap();
    store.postpone_decision(d.id, &when, Some(d.stamp.version)).unwrap();
    let moved =
        store.decisions(AcademicYear(2022)).unwrap().into_iter().find(|x| x.id == d.id).expect("in the next year now");
    assert_eq!((moved.status, moved.deadline.display()), (EventStatus::Postponed, "сентябрь 2022".to_string()));
    store.undo().unwrap().expect("undone");
    let back = store.decisions(AcademicYear(2021)).unwrap().into_iter().find(|x| x.id == d.id).unwrap();
    assert_eq!((back.status, back.deadline.display()), (EventStatus::Planned, "август 2022".to_string()));
}

#[test]
fn the_demo_has_ust_ilimsks_risk_profiles_the_004_indicators_and_what_needs_attention() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let y = AcademicYear(2021);
    let risks = store.risks(y).unwrap();
    let count = |school: &str| risks.iter().filter(|r| r.school.contains(school)).count();
    assert_eq!((count("СОШ № 5»"), count("Пичуева"), count("СОШ № 17")), (3, 5, 2));
    let ind = store.indicators(y).unwrap();
    let actual = |part: &str| ind.iter().find(|i| i.name.contains(part)).map(|i| i.actual.clone()).unwrap();
    assert_eq!(actual("прошедших курсы повышения квалификации за последние 3 года"), "98,6%");
    assert_eq!(actual("представивших педагогов"), "100%");
    assert_eq!(actual("реализующих программы наставничества"), "85,7%");
    assert_eq!(actual("прошедших диагностику"), "83%");
    let iom = ind.iter().find(|i| i.name.contains("индивидуальные программы")).unwrap();
    assert_eq!((iom.actual_num, iom.target_num), (Some(50.4), Some(100.0)));

    let diagnostics = store.diagnostics(y).unwrap();
    let changes = store.cluster_changes(y).unwrap();
    let found = nastavnik::deficits::attention(&ind, &risks, &diagnostics, &changes, today());
    let texts: Vec<String> = found.iter().map(|a| a.text(&RU)).collect();
    assert_eq!(
        texts,
        [
            "город Усть-Илимск: Доля педагогов ШНОР, имеющих индивидуальные программы развития — 50,4% при цели 100% (срок 01.09.2022)",
            "город Усть-Илимск: 32,6 % педагогов прошли диагностику, но не имеют индивидуальной программы",
        ]
    );

    // Kirovsk's count of low-result schools, from 5 to none: its dynamics across the years.
    let kirovsk = store.indicators(AcademicYear(2022)).unwrap();
    let shnor = kirovsk.iter().find(|i| i.name.starts_with("Число ШНОР")).unwrap();
    let history = store.indicator_history(shnor.id, None).unwrap();
    assert_eq!(
        history.iter().map(|h| (h.0, h.2)).collect::<Vec<_>>(),
        [(AcademicYear(2019), Some(5.0)), (AcademicYear(2022), Some(0.0))]
    );
}

#[test]
fn a_district_share_is_rolled_up_from_its_schools_counts() {
    use nastavnik::store::NewValue;
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let y = AcademicYear(2021);
    let risks = store.risks(y).unwrap();
    let (s5, s7) = (
        risks.iter().find(|r| r.school.contains("СОШ № 5»")).unwrap().org,
        risks.iter().find(|r| r.school.contains("Пичуева")).unwrap().org,
    );
    let district = risks[0].district_id;
    let id =
        store.add_indicator(district, None, "Доля педагогов с ИОМ (по школам)", "%", "100", "август", false).unwrap();
    for (org, part, whole) in [(s5, 9.0, 10.0), (s7, 10.0, 100.0)] {
        let v = NewValue {
            org: Some(org),
            year: y,
            period: "август 2022".into(),
            value: nastavnik::text::format_number(part / whole * 100.0),
            part: Some(part),
            whole: Some(whole),
            measured_on: None,
        };
        store.record_value(id, &v).unwrap();
    }
    let rows: Vec<_> = store.indicators(y).unwrap().into_iter().filter(|i| i.id == id).collect();
    assert_eq!(rows.len(), 3, "the district's roll-up and the two schools");
    assert_eq!((rows[0].org, rows[0].rolled_from, rows[0].actual.as_str()), (None, 2, "17,3 %"));
    assert_eq!(rows[0].actual_num.map(|v| (v * 10.0).round() / 10.0), Some(17.3), "19 of 110, not (90 + 10) / 2");
    assert_eq!(store.indicator_history(id, None).unwrap()[0].2.map(|v| (v * 10.0).round()), Some(173.0));
}

#[test]
fn an_anti_risk_programme_is_edited_with_history_and_a_missed_deadline_needs_attention() {
    use nastavnik::store::RiskFields;
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let y = AcademicYear(2021);
    let r = store.risks(y).unwrap().into_iter().find(|r| r.school.contains("СОШ № 17")).unwrap();
    let f = RiskFields {
        goal: "Повысить предметную компетентность".into(),
        measures: "Курсы ИРО\nСеминары «Школа-школе»".into(),
        responsible: "заместитель директора".into(),
        deadline: chrono::NaiveDate::from_ymd_opt(2022, 5, 31),
        progress: r.progress.clone(),
    };
    assert!(store.update_risk(r.id, &f, Some(r.stamp.version)).unwrap());
    assert!(!store.update_risk(r.id, &f, Some(r.stamp.version)).unwrap(), "the same values: no conflict");
    let other = RiskFields { goal: "Другая цель".into(), ..f.clone() };
    let stale = store.update_risk(r.id, &other, Some(r.stamp.version)).unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { .. }));
    let after = store.risk(r.id).unwrap();
    assert_eq!((after.goal.as_str(), after.measures.lines().count()), ("Повысить предметную компетентность", 2));
    let h = store.history("risk", r.id).unwrap();
    assert!(h.iter().any(|l| l.field == "deadline" && l.new == "2022-05-31"));

    let risks = store.risks(y).unwrap();
    let found = nastavnik::deficits::attention(&[], &risks, &[], &[], today());
    assert_eq!(found.len(), 1);
    assert!(found[0].text(&RU).contains("срок прошёл 31.05.2022"), "{}", found[0].text(&RU));
    // Done is no longer overdue; undo brings it back.
    store.set_risk_status(r.id, EventStatus::Done, None).unwrap();
    assert!(nastavnik::deficits::attention(&[], &store.risks(y).unwrap(), &[], &[], today()).is_empty());
    store.undo().unwrap();
    assert_eq!(store.risk(r.id).unwrap().status, EventStatus::InProgress);
}

#[test]
fn a_school_entering_or_leaving_a_low_results_list_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("c.db"), "tester").unwrap();
    let a = store.add_org(None, OrgKind::School, "СОШ", "Школа А", "А", "").unwrap();
    let b = store.add_org(None, OrgKind::School, "СОШ", "Школа Б", "Б", "").unwrap();
    store.add_cluster_status(a, AcademicYear(2021), "ШНОР", "").unwrap();
    store.add_cluster_status(b, AcademicYear(2022), "ШНОР", "").unwrap();
    let changes = store.cluster_changes(AcademicYear(2022)).unwrap();
    assert_eq!(
        changes.iter().map(|c| (c.school.as_str(), c.came_in)).collect::<Vec<_>>(),
        [("Школа А", false), ("Школа Б", true)]
    );
    let texts: Vec<String> =
        nastavnik::deficits::attention(&[], &[], &[], &changes, today()).iter().map(|a| a.text(&RU)).collect();
    assert_eq!(texts, ["Школа А: вышла из списка ШНОР", "Школа Б: вошла в список ШНОР"]);
}

#[test]
fn a_viewer_writes_nothing_and_a_curator_only_their_schools() {
    use nastavnik::store::Access;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    {
        let store = Store::create_new(&path, "tester").unwrap();
        nastavnik::demo::load(&store).unwrap();
    }
    let mut store = Store::open(&path, "guest").unwrap();
    let events = store.events(AcademicYear(2021)).unwrap();
    let lines = store.count(Table::History).unwrap();
    store.set_access(Access::Viewer);
    let e = &events[0];
    let err = store.set_event_status(e.id, EventStatus::Cancelled, None).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { viewer: true, .. }), "{err}");
    assert_eq!(store.event(e.id).unwrap().status, e.status);
    assert_eq!(store.count(Table::History).unwrap(), lines, "nothing was written");

    // A curator of Pikalevo's СОШ №1: its events yes, Ust-Ilimsk's no.
    let pikalevo = store.resolve_schools(&["МБОУ «СОШ №1» г. Пикалево".into()]).unwrap().unwrap();
    assert!(store.resolve_schools(&["Школа, которой нет".into()]).unwrap().is_err());
    store.set_access(Access::Curator(pikalevo.clone()));
    let mine = events.iter().find(|e| e.host_short == "СОШ №1").expect("an event hosted by СОШ №1");
    assert!(store.set_event_status(mine.id, EventStatus::Cancelled, None).unwrap());
    let theirs = events.iter().find(|e| e.district.contains("Усть-Илимск")).unwrap();
    let err = store.set_event_status(theirs.id, EventStatus::Cancelled, None).unwrap_err();
    assert!(matches!(&err, StoreError::Forbidden { viewer: false, school: Some(_) }), "{err}");
    assert_eq!(store.event(theirs.id).unwrap().status, theirs.status);
    let risk =
        store.risks(AcademicYear(2021)).unwrap().into_iter().find(|r| r.district.contains("Усть-Илимск")).unwrap();
    assert!(store.set_risk_status(risk.id, EventStatus::Cancelled, None).is_err());
    assert!(store.delete_event(theirs.id, None).is_err());
    assert!(store.event(theirs.id).is_ok(), "not deleted");
}

#[test]
fn ust_ilimsks_tables_of_who_took_part_are_held_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let events = store.events(nastavnik::text::AcademicYear(2021)).unwrap();
    let find = |t: &str| events.iter().find(|e| e.title.contains(t)).unwrap_or_else(|| panic!("{t}"));
    // «организатор» in the webinars' table: СОШ №15 held the one on the systemic approach.
    let systemic = find("Системный подход к формированию функциональной грамотности");
    assert_eq!(systemic.host_short, "СОШ № 15");
    assert_eq!(systemic.participants, "Лицей «НОК», СОШ № 1, СОШ № 2");
    let best = find("Лучшие практики достижения качественного освоения");
    assert!(!best.result.contains("организатор"), "{}", best.result);
    // "-" for СОШ №15 in the conference on patriotic education.
    let patriotic = find("Патриотическое воспитание");
    assert!(!patriotic.participants.contains("СОШ № 15"), "{}", patriotic.participants);
    assert!(patriotic.participants.contains("СОШ № 17"), "{}", patriotic.participants);
}

#[test]
fn no_anti_risk_programme_is_done_where_the_report_says_only_its_first_stage_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let risks = store.risks(nastavnik::text::AcademicYear(2021)).unwrap();
    let staff = risks.iter().find(|r| r.school.contains("СОШ № 5") && r.direction.contains("кадров")).unwrap();
    assert_eq!(staff.status, nastavnik::domain::EventStatus::InProgress);
    assert!(
        staff.progress.starts_with("за два месяца работы (1 этап) выполнен плановый показатель"),
        "{}",
        staff.progress
    );
    assert!(risks.iter().all(|r| r.status != nastavnik::domain::EventStatus::Done));
}

#[test]
fn smolensks_minutes_dated_two_ways_say_both() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let events = store.events(nastavnik::text::AcademicYear(2021)).unwrap();
    let e = events.iter().find(|e| e.title.starts_with("Совещание заместителей директоров")).unwrap();
    assert_eq!(e.when.display(), "20.04.2022 (так в заголовке протокола; в тексте — 20.04.2023)");
    assert_eq!(e.when.start, chrono::NaiveDate::from_ymd_opt(2022, 4, 20));
}

/// Who is found by a name: the lookup's first passes and its near matches ask the store's
/// trigram index, which must follow every way a name changes.
fn found(store: &Store, word: &str) -> Vec<String> {
    let pieces = vec![vec![nastavnik::text::fold(word)]];
    store.search_entries_containing(&pieces).unwrap().into_iter().map(|e| e.name).collect()
}

#[test]
fn a_name_is_found_through_the_trigram_index_as_it_is_added_corrected_merged_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    assert_eq!(found(&store, "Маслова"), ["Т.П. Маслова"]);
    assert!(found(&store, "Зюзюкина").is_empty());
    // Entered by the form: found at once.
    let fields = |name: &str| nastavnik::store::PersonFields {
        full_name: name.to_string(),
        role: "учитель".to_string(),
        org: None,
        subjects: String::new(),
        email: String::new(),
        phone: String::new(),
    };
    assert!(store.save_person(None, &fields("Зюзюкина Анна"), None).unwrap());
    assert_eq!(found(&store, "зюзюкина"), ["Зюзюкина Анна"]);
    // A typo's candidates: the names sharing the most trigrams with «зюзюкна».
    let grams: Vec<String> = ["зюз", "юзю", "зюк", "юкн", "кна"].iter().map(|g| g.to_string()).collect();
    let near: Vec<String> = store.search_entries_near(&grams, 5).unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(near.first().map(String::as_str), Some("Зюзюкина Анна"), "{near:?}");
    // Corrected: the new spelling is found, the old one no longer.
    let id = store.search_entries_containing(&[vec!["зюзюкина".to_string()]]).unwrap()[0].entity;
    let nastavnik::lookup::Entity::Person(id) = id else { panic!("a person") };
    assert!(store.save_person(Some(id), &fields("Зюзикова Анна"), None).unwrap());
    assert!(found(&store, "зюзюкина").is_empty());
    assert_eq!(found(&store, "зюзикова"), ["Зюзикова Анна"]);
    // Undone: the first spelling again.
    store.undo().unwrap();
    assert_eq!(found(&store, "зюзюкина"), ["Зюзюкина Анна"]);
    assert!(found(&store, "зюзикова").is_empty());
    // Merged into another record: the one removed is not found, the one kept is.
    assert!(store.save_person(None, &fields("Зюзюкина А."), None).unwrap());
    let twin = found(&store, "зюзюкина");
    assert_eq!(twin.len(), 2, "{twin:?}");
    let ids: Vec<i64> = store
        .search_entries_containing(&[vec!["зюзюкина".to_string()]])
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.entity {
            nastavnik::lookup::Entity::Person(p) => Some(p),
            _ => None,
        })
        .collect();
    store.merge_people(ids[0], ids[1]).unwrap();
    assert_eq!(found(&store, "зюзюкина").len(), 1);
    store.undo().unwrap();
    assert_eq!(found(&store, "зюзюкина").len(), 2);
    // And the store's own check (SQLite's integrity check covers the index) finds nothing.
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn an_older_store_gets_its_names_indexed_when_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let store = Store::create_new(&path, "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    drop(store);
    // As a store of schema 12 was: no trigram index, no triggers.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER fts_org_names_i; DROP TRIGGER fts_org_names_d; DROP TRIGGER fts_org_names_u;
         DROP TRIGGER fts_person_names_i; DROP TRIGGER fts_person_names_d; DROP TRIGGER fts_person_names_u;
         DROP TABLE fts_org_names; DROP TABLE fts_person_names;
         ALTER TABLE events DROP COLUMN n_teachers; ALTER TABLE events DROP COLUMN n_people;
         ALTER TABLE events DROP COLUMN n_schools; ALTER TABLE events DROP COLUMN n_connections;
         ALTER TABLE events DROP COLUMN n_teams;
         ALTER TABLE event_participants DROP COLUMN part; ALTER TABLE event_participants DROP COLUMN note;
         ALTER TABLE event_participants DROP COLUMN n_teachers;
         ALTER TABLE event_participants DROP COLUMN n_connections; DROP TABLE orders;
         DROP TABLE programme_tasks; DROP TABLE programmes; DROP TABLE group_members; DROP TABLE people_groups;
         ALTER TABLE meetings DROP COLUMN kind; ALTER TABLE meetings DROP COLUMN period_start;
         ALTER TABLE meetings DROP COLUMN period_end; ALTER TABLE meetings DROP COLUMN period_text;
         ALTER TABLE meetings DROP COLUMN author; ALTER TABLE meetings DROP COLUMN note;
         ALTER TABLE meetings DROP COLUMN audience; ALTER TABLE meetings DROP COLUMN moderators;
         ALTER TABLE meetings DROP COLUMN n_connections; ALTER TABLE meetings DROP COLUMN appendices;
         ALTER TABLE meetings DROP COLUMN signed;
         ALTER TABLE events DROP COLUMN format; ALTER TABLE events DROP COLUMN time; DROP TABLE marks;
         PRAGMA user_version = 12;",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, "tester").unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(found(&store, "Маслова"), ["Т.П. Маслова"]);
    assert!(found(&store, "СОШ").len() > 5);
    // The counts came with the upgrade, empty: nothing is invented for the old rows.
    let year = store.events(AcademicYear(2021)).unwrap();
    assert!(!year.is_empty() && year.iter().all(|e| e.turnout.is_empty() && e.details.is_empty()));
    // So do an event's time and format and a protocol's moderators, connections and signature.
    assert!(year.iter().all(|e| e.time.is_empty() && e.format.is_empty()));
    for (id, ..) in store.meetings().unwrap() {
        let m = store.minutes(id).unwrap();
        assert_eq!(m.facts, Default::default(), "{}", m.title);
    }
    // The orders its texts cite are records at once, with what rests on each.
    let orders = store.orders().unwrap();
    let o = orders.iter().find(|o| o.number == "285").expect("order 285 read from the links' basis");
    assert_eq!((o.refs.len(), o.stored), (7, None));
}
