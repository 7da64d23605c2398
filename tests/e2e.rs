//! The real binary in a real terminal (tmux): keys typed on both layouts, the screen read, the
//! store checked afterwards, and a colleague's change seen without a restart.

mod common;

use common::{demo_file, Tmux, BIN};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn config(dir: &Path, who: &str) -> PathBuf {
    let path = dir.join(format!("{who}.toml"));
    std::fs::write(&path, format!("language = \"ru\"\ndisplay_name = \"{who}\"\n")).unwrap();
    path
}

fn show(db: &Path, pane: &str, year: &str) -> String {
    let out = Command::new(BIN).arg("--db").arg(db).args(["show", pane, "--year", year]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_coordinator_marks_an_event_on_the_russian_layout_and_it_is_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let cfg = config(dir.path(), "Боброва");
    let t = Tmux::start("status", &format!("{BIN} --db {} --config {}", db.display(), cfg.display()));
    t.wait_for("Кластеры");
    t.wait_for("Боброва");
    // Pane 3, filter "маслова", open the status picker with ы (= s), move with о (= j).
    t.keys(&["3"]);
    t.wait_for("Дорожная карта ·");
    t.keys(&["/"]);
    t.type_text("маслова");
    t.keys(&["Enter"]);
    t.wait_for("фильтр: «маслова»");
    t.keys(&["ы"]);
    t.wait_for("Новый статус");
    t.keys(&["о", "Enter"]);
    let screen = t.wait_for("Статус сохранён");
    assert!(screen.contains("перенесено"), "{screen}");
    // Help on ? (typed on the Russian layout as ",").
    t.keys(&[","]);
    t.wait_for("Клавиши — Дорожная карта");
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.keys(&["й"]);
    t.wait_gone();

    let roadmap = show(&db, "roadmap", "2021-2022");
    let line = roadmap
        .lines()
        .find(|l| l.contains("Т.П. Маслова") && l.contains("21.10.2021"))
        .expect("Маслова's master class");
    assert!(line.contains("перенесено"), "{line}");
}

#[test]
fn a_colleagues_change_appears_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let watcher_cfg = config(dir.path(), "Серякова");
    let watcher = Tmux::start("watch", &format!("{BIN} --db {} --config {}", db.display(), watcher_cfg.display()));
    watcher.wait_for("Кластеры");
    watcher.keys(&["5"]);
    watcher.wait_for("проект");

    let cfg = config(dir.path(), "Боброва");
    let actor = Tmux::start("act", &format!("{BIN} --db {} --config {}", db.display(), cfg.display()));
    actor.wait_for("Кластеры");
    // On the Russian layout: "ф" is the key of "a", the agreement's next step.
    actor.keys(&["5", "ф"]);
    actor.wait_for("Статус сохранён");

    let seen = watcher.wait_for("на согласовании");
    assert!(seen.contains("Данные обновлены"), "{seen}");
}

#[test]
fn escape_sequences_in_the_store_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    {
        // Another program writes a hostile title straight into the file.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE events SET title = ?1 WHERE id = (SELECT min(id) FROM events)",
            ["Семинар\u{1b}[2J\u{1b}[H\u{202E}взлом\u{7}"],
        )
        .unwrap();
    }
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["snapshot", "roadmap", "--year", "2021-2022", "--size", "150x50"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The whole sequence goes, not just its ESC: no "[2J[H" is left behind (issue 11.11).
    assert!(text.contains("Семинарвзлом"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202E}') && !text.contains('\u{7}'));
    let shown = show(&db, "roadmap", "2021-2022");
    assert!(!shown.contains('\u{1b}'));
}

#[test]
fn bad_files_end_in_a_clear_message_and_stay_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "не база").unwrap();
    let out = Command::new(BIN)
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(&notes)
        .args(["show", "clusters"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a nastavnik store"), "{err}");
    assert!(!err.contains("panicked"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "не база");

    // demo --out refuses to overwrite.
    let out = Command::new(BIN).env("LANG", "en_US.UTF-8").args(["demo", "--out"]).arg(&notes).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already; nastavnik does not overwrite files"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "не база");

    // The TUI says the same and leaves the terminal usable.
    let t = Tmux::start("bad", &format!("{BIN} --db {}; echo EXIT=$?; sleep 30", notes.display()));
    let s = t.wait_for("EXIT=1");
    assert!(s.contains("это не хранилище nastavnik"), "{s}");
}

#[test]
fn show_prints_one_self_contained_line_per_row_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let clusters = show(&db, "clusters", "2021-2022");
    assert!(clusters.lines().any(
        |l| l == "МАОУ «СОШ № 7 имени Пичуева Л.П.» | город Усть-Илимск | Усть-Илимск | ШНОР | сильно неуспевающая"
    ));
    let mentoring = show(&db, "mentoring", "2021-2022");
    // The school pair of Pikalevo as the minutes give it: school to school, no teacher pairs.
    assert!(mentoring.lines().any(|l| l.starts_with("МБОУ «СОШ №3» г. Пикалево | МБОУ «СОШ №1» г. Пикалево")));
    assert!(!mentoring.contains("Кузикова"), "{mentoring}");
    let json = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["show", "agreements", "--year", "2023-2024", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // Agreements span school years: every one is listed, whatever --year says.
    let v = v.as_array().unwrap();
    let agreements: Vec<_> = v.iter().filter(|r| r["kind"] == "договор" || r["kind"] == "доп. соглашение").collect();
    assert_eq!(agreements.len(), 4);
    // Then the orders the records rest on, each with what rests on it.
    let o285 = v.iter().find(|r| r["kind"] == "приказ" && r["number"] == "285").expect("order 285");
    assert_eq!(o285["date"], "29.03.2022");
    // Its title as the Ust-Ilimsk report gives it, under «document» (an event has a «title»).
    assert!(o285["document"].as_str().unwrap().starts_with("Об утверждении состава рабочей группы"), "{o285}");
    assert_eq!(o285["plan"], "8 записей", "seven links and the working group");
    assert!(o285["related"].as_str().unwrap().contains("связь: МКУ ЦРО → СОШ № 5 (2021-2022)"), "{o285}");
    assert!(o285["related"].as_str().unwrap().contains("группа: Рабочая группа по оказанию"), "{o285}");
    // The programme with its seven tasks, and the reports with their recommendations.
    assert_eq!(v.iter().filter(|r| r["kind"] == "задача").count(), 7);
    let report = v.iter().find(|r| r["kind"] == "отчёт" && r["date"] == "2023 год").expect("Leningradsky's report");
    assert_eq!(report["plan"], "0/9 выполнено");
    assert_eq!(v[1]["plan"], "0/2 выполнено");
    // Ust-Ilimsk's network agreement: in force as its report says, with no term it does not give.
    assert_eq!((v[2]["status"].as_str(), v[2]["term"].as_str()), (Some("действует"), Some("")));
    let csv = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["show", "deficits", "--year", "2021-2022", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("type,owner,item,target,actual,period\n"), "{text}");
    assert!(text.contains("\"50,4%\""), "{text}");
    let bad = Command::new(BIN).arg("--db").arg(&db).args(["show", "roadmap", "--year", "2022"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("2022-2023"));
}

#[test]
fn who_answers_from_the_command_line_and_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let out = Command::new(BIN).arg("--db").arg(&db).args(["who", "маслова"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Т.П. Маслова"), "{text}");
    // A teacher of the mentor school: what her school mentors, through it.
    assert!(text.contains("→ МБОУ «СОШ №1» г. Пикалево [через МБОУ «СОШ №3» г. Пикалево] — школа → школа"), "{text}");

    let out = Command::new(BIN).arg("--db").arg(&db).args(["who", "Ерошенкова", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["subject"]["name"], "Н.О. Ерошенкова");
    assert_eq!(v["mentees"].as_array().unwrap().len(), 1);

    let out = Command::new(BIN).arg("--db").arg(&db).args(["who", "маслова", "петрович"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Ничего не найдено") && err.contains("Т.П. Маслова"), "{err}");
}

#[test]
fn the_ics_file_reads_back_with_an_icalendar_parser() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let out = dir.path().join("pikalevo.ics");
    let run = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["ics", "--year", "2021-2022", "--school", "пикалево сош 1", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let reader = ical::IcalParser::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()));
    let calendars: Vec<_> = reader.collect::<Result<_, _>>().expect("a well-formed iCalendar file");
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let visit = events
        .iter()
        .find(|e| prop(e, "DTSTART") == "20211125")
        .expect("the lesson visit of 25.11.2021 hosted by СОШ №1");
    // The title tells the visits of a year apart: subject, grades, teacher.
    assert_eq!(prop(visit, "SUMMARY").replace("\\,", ","), "Взаимопосещение уроков — математика, 7 кл., Е.С. Кузикова");
    assert_eq!(prop(visit, "DTEND"), "20211126");
    assert!(prop(visit, "DESCRIPTION").contains("Е.С. Кузикова"));
    // Only Pikalevo's school No. 1: its six visits and master classes, consultations, monitoring…
    assert!(events.iter().all(|e| !prop(e, "LOCATION").contains("Усть-Илимск")));
    let uids: std::collections::HashSet<String> = events.iter().map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "every UID is unique");
    // The round table's decisions are there with their deadlines.
    let all = Command::new(BIN).arg("--db").arg(&db).args(["ics", "--year", "2021-2022"]).output().unwrap();
    let text = String::from_utf8(all.stdout).unwrap();
    let cal = ical::IcalParser::new(text.as_bytes()).next().unwrap().unwrap();
    let deadline =
        cal.events.iter().find(|e| prop(e, "UID").starts_with("decision-") && prop(e, "DTSTART") == "20220606");
    let deadline = deadline.expect("the deadline of 06.06.2022");
    assert_eq!(prop(deadline, "DTEND"), "20220607", "a deadline is a day long, not zero");
    // An existing file is not overwritten.
    let again = Command::new(BIN).arg("--db").arg(&db).args(["ics", "--out"]).arg(&out).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn minutes_print_in_the_shape_of_a_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let list = Command::new(BIN).arg("--db").arg(&db).arg("minutes").output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let line = list.lines().find(|l| l.contains("№5 Круглый стол")).expect("the round table of 03.06.2022");
    assert!(line.contains("03.06.2022"), "{line}");
    let id = line.split(" | ").next().unwrap();
    let out = Command::new(BIN).arg("--db").arg(&db).args(["minutes", id, "--format", "md"]).output().unwrap();
    let doc = String::from_utf8(out.stdout).unwrap();
    for part in [
        "# Протокол №5",
        "**Дата:** 03.06.2022",
        "**Время:** 15.00–16.00",
        "**Формат проведения:** дистанционный, платформа видеоконференции ZOOM",
        "### Повестка",
        "### Слушали",
        "### Решили",
        "   Срок: август 2022.",
        "   Ответственные: Т.С. Боброва.",
    ] {
        assert!(doc.contains(part), "no «{part}» in\n{doc}");
    }
    let missing = Command::new(BIN).arg("--db").arg(&db).args(["minutes", "999"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn a_colleagues_change_appears_while_one_keeps_typing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let watcher_cfg = config(dir.path(), "Серякова");
    let watcher = Tmux::start("typing", &format!("{BIN} --db {} --config {}", db.display(), watcher_cfg.display()));
    watcher.wait_for("Кластеры");
    watcher.keys(&["5"]);
    watcher.wait_for("проект");
    // Another program changes the draft while the watcher presses a key every 0.2 s.
    let store = nastavnik::store::Store::open(&db, "Боброва").unwrap();
    let draft = store.agreements().unwrap().into_iter().find(|a| a.title.contains("Дополнительное")).unwrap();
    let today = chrono::Local::now().date_naive();
    store.set_agreement_status(draft.id, nastavnik::domain::AgreementStatus::Approval, None, today).unwrap();
    let mut seen = false;
    for _ in 0..25 {
        watcher.keys(&["j"]);
        std::thread::sleep(Duration::from_millis(140));
        if watcher.screen().contains("на согласовании") {
            seen = true;
            break;
        }
    }
    assert!(seen, "the change showed while typing:\n{}", watcher.screen());
}

fn who(db: &std::path::Path, query: &str) -> std::process::Output {
    Command::new(BIN).env("LANG", "ru_RU.UTF-8").arg("--db").arg(db).arg("who").args(query.split(' ')).output().unwrap()
}

#[test]
fn who_answers_about_the_school_typed_with_its_number_glued_or_asks() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let out = who(&db, "сош3 пикалево");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("МБОУ «СОШ №3» г. Пикалево"), "{out:?}");
    let out = who(&db, "сш40");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("МБОУ «СШ № 40»"), "{out:?}");
    // A number is never another number: there is no СОШ №2 in Pikalevo (there is an ООШ №2).
    let out = who(&db, "сош 2 пикалево");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Three schools fit "сош пикалево" as well as each other: the answer is a question.
    let out = who(&db, "сош пикалево");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("уточните запрос") && err.contains("СОШ №1") && err.contains("СОШ №3"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn names_folded_before_glued_numbers_were_words_are_folded_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    nastavnik::store::Store::create_at_version(&path, 8).unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        // As version 8 folded "СОШ7": one word.
        c.execute(
            "INSERT INTO organizations (kind, school_type, name, short_name, town, name_fold) VALUES ('school', 'СОШ', 'МОУ СОШ7', 'СОШ7', 'Луга', 'моу сош7 сош7 луга')",
            [],
        )
        .unwrap();
    }
    let out = who(&path, "сош 7 луга");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("МОУ СОШ7"), "{out:?}");
}

#[test]
fn who_refuses_a_table_format_it_cannot_give() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let out = Command::new(BIN)
        .env("LANG", "ru_RU.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["who", "маслова", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("не таблица"), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn history_speaks_the_ui_language_and_finds_a_part_of_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    {
        let store = nastavnik::store::Store::open(&db, "Петрова Н.А.").unwrap();
        let e = store.events(nastavnik::text::AcademicYear(2021)).unwrap().remove(0);
        store.set_event_status(e.id, nastavnik::domain::EventStatus::Postponed, None).unwrap();
    }
    let out = Command::new(BIN)
        .env("LANG", "ru_RU.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["history", "--who", "петрова"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().next().expect("her change, found by a part of her name, folded");
    assert!(
        line.contains("| Петрова Н.А. | мероприятие |") && line.ends_with("| статус | проведено | перенесено"),
        "{line}"
    );
    // The creation lines keep their seven columns, with «—» where there is no value.
    let all = Command::new(BIN).env("LANG", "ru_RU.UTF-8").arg("--db").arg(&db).arg("history").output().unwrap();
    let all = String::from_utf8(all.stdout).unwrap();
    assert!(all.lines().all(|l| l.split(" | ").count() == 7), "{all}");
}

#[test]
fn an_empty_store_imports_a_windows_1251_spreadsheet_from_the_keyboard_and_w_finds_its_mentor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("district.db");
    let out = Command::new(BIN).arg("--db").arg(&db).arg("init").output().unwrap();
    assert!(out.status.success());
    let csv = dir.path().join("район.csv");
    let text = "Список школ и наставников\r\n\
                Наименование ОО;Район;Статус;Учебный год\r\n\
                МБОУ «СОШ №1» г. Энска;Энский;ШНОР;2024-2025\r\n\
                МБОУ «Гимназия №2»;Энский;школа-наставник;2024-2025\r\n";
    std::fs::write(&csv, encoding_rs::WINDOWS_1251.encode(text).0).unwrap();
    let links = dir.path().join("пары.csv");
    std::fs::write(&links, "Наставник;Наставляемый;Предмет\nГимназия №2;СОШ №1;математика\n").unwrap();
    let cfg = config(dir.path(), "Боброва");
    let t = Tmux::start("import", &format!("{BIN} --db {} --config {}", db.display(), cfg.display()));
    t.wait_for("База пуста");
    for (file, new) in [(&csv, "новых: 2"), (&links, "новых: 1")] {
        // Ш is I on the Russian layout; Tab completes the file's name.
        t.keys(&["Ш"]);
        t.wait_for("Импорт из таблицы");
        let path = file.display().to_string();
        t.type_text(&path[..path.len() - 4]);
        t.keys(&["Tab"]);
        t.wait_for(&path);
        t.keys(&["Enter"]);
        let preview = t.wait_for(new);
        assert!(preview.contains("Enter или y — записать"), "{preview}");
        t.keys(&["Enter"]);
        t.wait_for("Импортировано");
    }
    let screen = t.wait_for("МБОУ «СОШ №1» г. Энска");
    assert!(screen.contains("2024-2025"), "{screen}");
    t.keys(&["ц"]);
    t.wait_for("Кто кого наставляет");
    t.type_text("сош1");
    t.keys(&["Enter"]);
    let answer = t.wait_for("Гимназия №2");
    assert!(answer.contains("математика"), "{answer}");
}
