//! A district's own spreadsheets in and out, as a coordinator starting from an empty store
//! would do it: files made here as districts make them (an .xlsx with title rows above the
//! header, a Windows-1251 CSV with `;`, a school spelled two ways, a broken file), imported
//! twice, undone, exported and imported back into another empty store.

use nastavnik::i18n::RU;
use nastavnik::import::grid::{self, Workbook};
use nastavnik::import::{Counts, ImportError, Kind, Options, Outcome};
use nastavnik::store::{Store, Table};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nastavnik");

fn empty(dir: &Path, name: &str) -> Store {
    Store::create_new(&dir.join(name), "tester").unwrap()
}

fn import(store: &Store, book: &Workbook, opts: &Options) -> nastavnik::import::Plan {
    store.import(book, opts, &RU).unwrap().unwrap()
}

fn counts(new: usize, updated: usize, unchanged: usize, refused: usize) -> Counts {
    Counts { new, updated, unchanged, refused }
}

/// The schools sheet as a district keeps it: a title and a date above the header, a number
/// column, the ИНН as a number, a status for the year.
fn schools_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Перечень школ с низкими образовательными результатами").unwrap();
    sheet.write_string(1, 0, "по состоянию на 01.09.2024").unwrap();
    for (c, h) in ["№ п/п", "Полное наименование", "Краткое наименование", "Муниципальный район", "ИНН", "Статус"]
        .iter()
        .enumerate()
    {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    let rows = [
        ("МБОУ «СОШ №1» г. Энска", "СОШ №1", "Энский", 7707083893.0, "ШНОР"),
        ("МБОУ «Гимназия №2»", "Гимназия №2", "Энский", 0.0, "школа-наставник"),
        ("МОУ «ООШ №5» с. Покровка", "ООШ №5", "Покровский", 0.0, "ШНОР"),
    ];
    for (i, (name, short, district, inn, status)) in rows.iter().enumerate() {
        let r = i as u32 + 4;
        sheet.write_number(r, 0, i as f64 + 1.0).unwrap();
        sheet.write_string(r, 1, *name).unwrap();
        sheet.write_string(r, 2, *short).unwrap();
        sheet.write_string(r, 3, *district).unwrap();
        if *inn > 0.0 {
            sheet.write_number(r, 4, *inn).unwrap();
        }
        sheet.write_string(r, 5, *status).unwrap();
    }
    book.save(path).unwrap();
}

/// Teachers and mentors as a Windows-1251 CSV from Excel on a Russian Windows: `;` between
/// cells, a quoted cell with a line break, a decimal comma in a column the import does not know.
fn people_csv(path: &Path) {
    let text = "Ф.И.О. педагога;Должность;Место работы;Предмет;Ставка\r\n\
                Маслова Татьяна Павловна;\"учитель,\r\nнаставник\";СОШ №1;математика;1,5\r\n\
                Ерошенкова Наталья Олеговна;учитель;Гимназия №2;русский язык;0,75\r\n\
                Петров Пётр;учитель;Гимназия №9;физика;1\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    std::fs::write(path, bytes).unwrap();
}

fn year() -> Options {
    Options { year: nastavnik::text::AcademicYear::parse("2024-2025"), ..Options::default() }
}

#[test]
fn an_empty_store_takes_a_districts_sheets_and_the_same_files_again_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let xlsx = dir.path().join("школы.xlsx");
    schools_xlsx(&xlsx);
    let book = grid::read(&xlsx).unwrap();
    let plan = import(&store, &book, &year());
    assert_eq!(plan.sheets[0].kind, Kind::Schools);
    assert_eq!(plan.sheets[0].header_line, 4, "the title rows above the header are skipped");
    assert_eq!(plan.counts(), counts(3, 0, 0, 0));
    assert_eq!(store.count(Table::Organizations).unwrap(), 3);
    assert_eq!(store.count(Table::Districts).unwrap(), 2);
    let clusters = store.clusters(nastavnik::text::AcademicYear(2024)).unwrap();
    assert!(clusters.iter().any(|c| c.school.contains("СОШ №1") && c.status == "ШНОР" && c.district == "Энский"));

    let csv = dir.path().join("педагоги.csv");
    people_csv(&csv);
    let book = grid::read(&csv).unwrap();
    assert_eq!((book.encoding, book.separator), (Some("Windows-1251"), Some(';')));
    let plan = import(&store, &book, &Options::default());
    assert_eq!(plan.counts(), counts(2, 0, 0, 1));
    // The refused row is named by its line in the file (the quoted line break counts).
    let refused = plan.rows.iter().find(|r| matches!(r.outcome, Outcome::Refused { .. })).unwrap();
    assert_eq!(refused.line, 5);
    match &refused.outcome {
        Outcome::Refused { column, reason } => {
            assert_eq!(column, "Место работы");
            assert!(reason.contains("Гимназия №9"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // `who` finds a teacher from the file, with her school and roles joined from two lines.
    let out =
        Command::new(BIN).arg("--db").arg(dir.path().join("district.db")).args(["who", "маслова"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Маслова Татьяна Павловна (учитель, наставник, СОШ №1)"), "{text}");

    // The same files again: nothing new, nothing updated, and not one history line.
    let history = store.count(Table::History).unwrap();
    let again = import(&store, &grid::read(&xlsx).unwrap(), &year());
    assert_eq!(again.counts(), counts(0, 0, 3, 0));
    assert!(again.steps.is_empty());
    let again = import(&store, &grid::read(&csv).unwrap(), &Options::default());
    assert_eq!(again.counts(), counts(0, 0, 2, 1));
    assert_eq!(store.count(Table::History).unwrap(), history);
}

#[test]
fn an_updated_file_changes_only_what_changed_and_one_undo_takes_the_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let first = "Наименование ОО;Район;Телефон\nМБОУ «СОШ №1»;Энский;\nМБОУ «СОШ №2»;Энский;8 800 000-00-02\n";
    import(&store, &grid::read_bytes(first.as_bytes()).unwrap(), &Options::default());
    let updated = "Наименование ОО;Район;Телефон\nМБОУ «СОШ №1»;Энский;8 800 000-00-01\nМБОУ «СОШ №2»;Энский;\nМБОУ «СОШ №3»;Энский;\n";
    let plan = import(&store, &grid::read_bytes(updated.as_bytes()).unwrap(), &Options::default());
    // An empty cell clears nothing: СОШ №2 keeps its phone.
    assert_eq!(plan.counts(), counts(1, 1, 1, 0));
    assert_eq!(plan.rows[0].outcome, Outcome::Updated(vec!["phone"]));
    assert_eq!(store.count(Table::Organizations).unwrap(), 3);
    // One undo: the new school is gone and the phone is empty again, the first import stays.
    store.undo().unwrap().unwrap();
    assert_eq!(store.count(Table::Organizations).unwrap(), 2);
    let again = import(&store, &grid::read_bytes(first.as_bytes()).unwrap(), &Options::default());
    assert_eq!(again.counts(), counts(0, 0, 2, 0), "the store is as the first file left it");
}

#[test]
fn a_school_spelled_two_ways_is_one_school_however_often_the_file_comes() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let text = "Наименование ОО;Район;ИНН\nМБОУ \"СОШ № 1\";Энский;\nМБОУ «СОШ №1»;Энский;7707083893\n";
    let book = grid::read_bytes(text.as_bytes()).unwrap();
    let plan = import(&store, &book, &Options::default());
    assert_eq!(plan.counts(), counts(1, 0, 1, 0));
    assert_eq!(plan.rows[1].outcome, Outcome::Same(2));
    assert_eq!(store.count(Table::Organizations).unwrap(), 1);
    for _ in 0..2 {
        let again = import(&store, &book, &Options::default());
        assert_eq!(again.counts(), counts(0, 0, 2, 0));
    }
}

#[test]
fn bad_files_end_in_one_clear_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("district.db");
    let store = empty(dir.path(), "district.db");
    drop(store);
    let cases: [(&str, &[u8], &str); 4] = [
        ("пусто.csv", b"", "файл пуст"),
        ("картинка.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", "это не таблица"),
        ("обрыв.xlsx", b"PK\x03\x04\x14\0\0\0\x08\0", "повреждён"),
        ("чужое.csv", "Код;Значение\n1;2\n".as_bytes(), "не нашёл строку заголовков"),
    ];
    for (name, bytes, said) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = Command::new(BIN).arg("--db").arg(&db).arg("import").arg(&path).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}");
        assert!(err.contains(said), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{name}: one line: {err}");
    }
    let store = Store::open(&db, "tester").unwrap();
    assert_eq!(store.count(Table::History).unwrap(), 0);
    // And a sheet asked for that is not there names the ones that are.
    let book = grid::read_bytes("Наименование ОО\nСОШ\n".as_bytes()).unwrap();
    let e = store.import(&book, &Options { sheet: Some("Школы".into()), ..Options::default() }, &RU).unwrap();
    assert!(matches!(e, Err(ImportError::NoSheet(..))));
}

#[test]
fn a_link_names_its_sides_and_a_name_that_matches_two_is_refused_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let schools =
        "Наименование ОО;Район\nМБОУ «СОШ №1» г. Энска;Энский\nМБОУ «СОШ №3» г. Энска;Энский\nМБОУ «СОШ №13»;Энский\n";
    import(&store, &grid::read_bytes(schools.as_bytes()).unwrap(), &Options::default());
    let people = "ФИО;Должность;Организация\nМаслова Т.П.;учитель;СОШ №3\n";
    import(&store, &grid::read_bytes(people.as_bytes()).unwrap(), &Options::default());
    let links = "Наставник;Организация наставника;Наставляемый;Предмет;Начало;Окончание\n\
                 Маслова Т.П.;СОШ №3;СОШ №1;математика;01.09.2024;31.05.2025\n\
                 СОШ №3;;СОШ;;;\n\
                 СОШ №3;;СОШ №1;;31.02.2025;\n";
    let plan = import(&store, &grid::read_bytes(links.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(1, 0, 0, 2));
    assert!(plan.rows[0].label.contains("Маслова Т.П. → МБОУ «СОШ №1» г. Энска"), "{}", plan.rows[0].label);
    match &plan.rows[1].outcome {
        Outcome::Refused { column, reason } => {
            assert_eq!(column, "Наставляемый");
            assert!(reason.contains("несколько"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    match &plan.rows[2].outcome {
        Outcome::Refused { column, .. } => assert_eq!(column, "Начало"),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.count(Table::Links).unwrap(), 1);
}

/// The directory as a coordinator would compare two stores: every school, person, status and
/// active link, by name.
fn directory(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT o.name || '|' || o.short_name || '|' || o.school_type || '|' || o.kind || '|' || coalesce(d.name, '') || '|' || o.town
           FROM organizations o LEFT JOIN districts d ON d.id = o.district_id",
        "SELECT p.full_name || '|' || p.role || '|' || coalesce(o.name, '') || '|' || p.subjects
           FROM people p LEFT JOIN organizations o ON o.id = p.org_id",
        "SELECT o.name || '|' || c.year || '|' || c.status || '|' || c.risk_level || '|' || c.note
           FROM cluster_status c JOIN organizations o ON o.id = c.org_id",
        "SELECT l.level || '|' || coalesce(mp.full_name, mo.name) || '|' || coalesce(ep.full_name, eo.name) || '|' || l.subject
                || '|' || l.form || '|' || coalesce(l.start_date, '') || '|' || coalesce(l.end_date, '') || '|'
                || coalesce(l.period_text, '') || '|' || l.basis
           FROM mentoring_links l
           LEFT JOIN organizations mo ON mo.id = l.mentor_org_id LEFT JOIN people mp ON mp.id = l.mentor_person_id
           LEFT JOIN organizations eo ON eo.id = l.mentee_org_id LEFT JOIN people ep ON ep.id = l.mentee_person_id
          WHERE l.ended_at IS NULL",
        "SELECT e.title || '|' || e.kind || '|' || e.subject || '|' || e.grades || '|' || coalesce(e.start_date, '') || '|'
                || coalesce(e.end_date, '') || '|' || coalesce(e.period_text, '') || '|' || coalesce(o.name, '') || '|'
                || e.responsible || '|' || e.status || '|' || e.result || '|' || coalesce(d.name, '') || '|'
                || coalesce(e.n_teachers, '') || '/' || coalesce(e.n_people, '') || '/' || coalesce(e.n_schools, '')
                || '/' || coalesce(e.n_connections, '') || '/' || coalesce(e.n_teams, '') || '|'
                || coalesce((SELECT group_concat(n, ';') FROM (SELECT po.name n FROM event_participants p
                     JOIN organizations po ON po.id = p.org_id WHERE p.event_id = e.id ORDER BY 1)), '')
           FROM events e LEFT JOIN organizations o ON o.id = e.host_org_id LEFT JOIN districts d ON d.id = e.district_id",
        "SELECT n.name || '|' || coalesce(n.model, '') || '|' || n.year || '|' || d.name || '|'
                || coalesce((SELECT group_concat(x, ';') FROM (SELECT o.name x FROM network_members m
                     JOIN organizations o ON o.id = m.org_id WHERE m.network_id = n.id ORDER BY 1)), '')
           FROM networks n JOIN districts d ON d.id = n.district_id",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out.sort();
    out
}

#[test]
fn a_roadmap_table_becomes_events_with_their_dates_statuses_and_schools() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let schools = "Наименование ОО;Район\nМБОУ «СОШ №1» г. Энска;Энский\nМБОУ «СОШ №3» г. Энска;Энский\n";
    import(&store, &grid::read_bytes(schools.as_bytes()).unwrap(), &Options::default());
    let roadmap = "Дорожная карта на 2024-2025 учебный год\n\
                   № п/п;Мероприятие;Форма проведения;Сроки;Организатор;Участники;Статус;Результат\n\
                   1;Семинар «Функциональная грамотность»;семинар;октябрь–ноябрь 2024;СОШ №3;\"СОШ №1; СОШ №3\";проведено;24 педагога\n\
                   2;Мастер-класс по математике;мастер-класс;25.11.2024;СОШ №3;СОШ №1;;\n\
                   3;Круглый стол;;когда-нибудь;;;;\n\
                   4;Открытый урок;;12.12.2024;СОШ №13;;;\n\
                   5;Вебинар;;14.12.2024;;;в процессе;\n";
    let plan = import(&store, &grid::read_bytes(roadmap.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.sheets[0].kind, Kind::Events);
    assert_eq!(plan.counts(), counts(2, 0, 0, 3), "{:#?}", plan.rows);
    let columns: Vec<&str> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Refused { column, .. } => Some(column.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(columns, ["Сроки", "Организатор", "Статус"]);
    let events = store.events(nastavnik::text::AcademicYear(2024)).unwrap();
    let seminar = events.iter().find(|e| e.title.contains("Функциональная")).unwrap();
    assert_eq!(seminar.status, nastavnik::domain::EventStatus::Done);
    assert_eq!(seminar.result, "24 педагога");
    assert_eq!(seminar.when.start, chrono::NaiveDate::from_ymd_opt(2024, 10, 1));
    assert!(
        seminar.participants.contains("СОШ №1") && seminar.participants.contains("СОШ №3"),
        "{}",
        seminar.participants
    );
    let class = events.iter().find(|e| e.title.contains("Мастер-класс")).unwrap();
    assert_eq!(class.when.start, chrono::NaiveDate::from_ymd_opt(2024, 11, 25));
    assert_eq!(class.status, nastavnik::domain::EventStatus::Planned);
    // A status changed in the program is not taken back by the same file without a status.
    store.set_event_status(class.id, nastavnik::domain::EventStatus::Done, None).unwrap();
    let again = import(&store, &grid::read_bytes(roadmap.as_bytes()).unwrap(), &Options::default());
    assert_eq!(again.counts(), counts(0, 0, 2, 3));
    // The master class's list grows by a school in the next version of the file: one update,
    // in its history; a school left out of the list is not taken away.
    let grown = roadmap.replace("25.11.2024;СОШ №3;СОШ №1;;", "25.11.2024;СОШ №3;\"СОШ №1; СОШ №3\";;");
    let plan = import(&store, &grid::read_bytes(grown.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(0, 1, 1, 3), "{:#?}", plan.rows);
    let class =
        store.events(nastavnik::text::AcademicYear(2024)).unwrap().into_iter().find(|e| e.id == class.id).unwrap();
    assert!(class.participants.contains("СОШ №3"), "{}", class.participants);
    let h = store.history("event", class.id).unwrap();
    assert!(h.iter().any(|l| l.field == "participants" && l.new.contains("СОШ №3")), "{h:?}");
    let shrunk = roadmap.replace("\"СОШ №1; СОШ №3\"", "СОШ №1");
    let plan = import(&store, &grid::read_bytes(shrunk.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(0, 0, 2, 3));
}

#[test]
fn how_many_came_is_read_as_whole_numbers_and_a_cell_that_is_none_is_refused_in_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let roadmap = "Мероприятие;Сроки;Педагогов;Число ОО;Команд\n\
                   Семинар «Грамотность»;25.11.2024;24;5;\n\
                   Конкурс команд;апрель 2025;;;10,0\n\
                   Вебинар;12.12.2024;много;;\n\
                   Круглый стол;13.12.2024;-3;;\n";
    let plan = import(&store, &grid::read_bytes(roadmap.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(2, 0, 0, 2), "{:#?}", plan.rows);
    let refused: Vec<(&str, &str)> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Refused { column, reason } => Some((column.as_str(), reason.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(refused.iter().map(|r| r.0).collect::<Vec<_>>(), ["Педагогов", "Педагогов"]);
    assert!(refused[0].1.contains("не целое число"), "{refused:?}");
    let events = store.events(nastavnik::text::AcademicYear(2024)).unwrap();
    let seminar = events.iter().find(|e| e.title.contains("Грамотность")).unwrap();
    assert_eq!((seminar.turnout.teachers, seminar.turnout.schools), (Some(24), Some(5)));
    let contest = events.iter().find(|e| e.title.contains("Конкурс")).unwrap();
    assert_eq!((contest.turnout.teams, contest.turnout.teachers), (Some(10), None));
    // The same file again changes nothing; a corrected count is one update with its history.
    let again = import(&store, &grid::read_bytes(roadmap.as_bytes()).unwrap(), &Options::default());
    assert_eq!(again.counts(), counts(0, 0, 2, 2), "{:#?}", again.rows);
    let fixed = roadmap.replace(";24;5;", ";26;5;");
    let plan = import(&store, &grid::read_bytes(fixed.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(0, 1, 1, 2), "{:#?}", plan.rows);
    let h = store.history("event", seminar.id).unwrap();
    assert!(h.iter().any(|l| l.field == "teachers" && l.old == "24" && l.new == "26"), "{h:?}");
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn the_demo_exported_to_xlsx_and_imported_into_an_empty_store_is_the_same_directory() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    let out = Command::new(BIN).args(["demo", "--out"]).arg(&demo).output().unwrap();
    assert!(out.status.success());
    let xlsx = dir.path().join("район.xlsx");
    let out = Command::new(BIN).arg("--db").arg(&demo).arg("export").arg(&xlsx).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // What Excel will see: the sheets, Russian headers, dates as dates.
    let book = grid::read(&xlsx).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Школы",
            "Люди",
            "Статусы",
            "Связи",
            "Мероприятия",
            "Сети",
            "Дорожная карта",
            "Дефициты",
            "Договоры",
            "История"
        ]
    );
    let links = &book.sheets[3];
    assert_eq!(links.rows[0][7], grid::Cell::Text("Начало".into()));
    assert!(links.rows.iter().skip(1).any(|r| matches!(r[7], grid::Cell::Date(_))), "a link's start is a date cell");
    let roadmap = &book.sheets[6];
    assert!(roadmap.rows.iter().skip(1).any(|r| r.iter().any(|c| matches!(c, grid::Cell::Date(_)))));
    // How many came: numbers Excel can sum, under headers the import knows.
    let events = &book.sheets[4];
    let at = events.rows[0].iter().position(|c| *c == grid::Cell::Text("Педагогов".into())).expect("a teachers column");
    let teachers: Vec<f64> = events
        .rows
        .iter()
        .skip(1)
        .filter_map(|r| match r.get(at) {
            Some(grid::Cell::Number(n)) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(teachers.iter().sum::<f64>(), 267.0 + 41.0, "the Ust-Ilimsk seminars and the Leningradsky courses");

    let copy = dir.path().join("copy.db");
    let out = Command::new(BIN).arg("--db").arg(&copy).arg("init").output().unwrap();
    assert!(out.status.success());
    let out = Command::new(BIN).arg("--db").arg(&copy).arg("import").arg(&xlsx).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("не взято: 0"), "{text}");
    assert_eq!(directory(&demo), directory(&copy));
    // And again: nothing to write.
    let out = Command::new(BIN).arg("--db").arg(&copy).arg("import").arg(&xlsx).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("новых: 0 · обновлено: 0"), "{text}");
}

#[test]
fn a_dry_run_shows_the_columns_and_rows_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("district.db");
    drop(empty(dir.path(), "district.db"));
    let csv = dir.path().join("школы.csv");
    std::fs::write(
        &csv,
        "\u{feff}Краткое наименование,Наименование ОО,ИНН,Примечание\nСОШ №1,МБОУ «СОШ №1»,7707083894,\n",
    )
    .unwrap();
    let out = Command::new(BIN).arg("--db").arg(&db).arg("import").arg(&csv).arg("--dry-run").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("(текст, UTF-8, «,»)"), "{text}");
    assert!(text.contains("«Наименование ОО» → Полное наименование · «ИНН» ·"), "{text}");
    assert!(text.contains("«Примечание» — пропущен"), "{text}");
    assert!(text.contains("строка 2, «ИНН»: ИНН — 10 цифр"), "{text}");
    assert!(text.contains("ничего не записано"), "{text}");
    let store = Store::open(&db, "tester").unwrap();
    assert_eq!(store.count(Table::Organizations).unwrap(), 0);
}

#[test]
fn two_spellings_of_one_school_are_merged_with_everything_that_refers_to_them_and_one_undo_parts_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    // Two lists spelled the school two ways the fold cannot join.
    let schools = "Наименование ОО;Краткое наименование;Район;ИНН;Статус;Учебный год\n\
                   МБОУ «Средняя общеобразовательная школа №1»;;Энский;;ШНОР;2024-2025\n\
                   МБОУ «СОШ №1»;СОШ №1;Энский;7707083893;ШНОР;2024-2025\n\
                   МБОУ «Гимназия №2»;;Энский;;школа-наставник;2024-2025\n";
    import(&store, &grid::read_bytes(schools.as_bytes()).unwrap(), &Options::default());
    let people = "ФИО;Должность;Организация\nИванова А.П.;учитель;Средняя общеобразовательная школа №1\nПетрова Н.Н.;директор;СОШ №1\n";
    import(&store, &grid::read_bytes(people.as_bytes()).unwrap(), &Options::default());
    let links = "Наставник;Наставляемый;Предмет\nГимназия №2;Средняя общеобразовательная школа №1;математика\n";
    import(&store, &grid::read_bytes(links.as_bytes()).unwrap(), &Options::default());
    let d = store.import_directory().unwrap();
    let gone = d.org_id("Средняя общеобразовательная школа №1", &RU).unwrap();
    let keep = d.org_id("СОШ №1", &RU).unwrap();
    assert_eq!(store.count(Table::Organizations).unwrap(), 3);

    let moved = store.merge_orgs(keep, gone).unwrap();
    assert!(moved >= 2, "the person and the link moved: {moved}");
    assert_eq!(store.count(Table::Organizations).unwrap(), 2);
    let card = store.school_card(keep).unwrap();
    assert_eq!(card.staff.len(), 2, "{:?}", card.staff);
    assert_eq!(card.mentors.len(), 1, "the link now names the kept record");
    // The same status both had is one status, not two.
    assert_eq!(card.statuses.len(), 1, "{:?}", card.statuses);
    assert_eq!(card.inn, "7707083893");

    // One undo: both records again, each with what was its own.
    store.undo().unwrap().unwrap();
    assert_eq!(store.count(Table::Organizations).unwrap(), 3);
    let back = store.school_card(gone).unwrap();
    assert_eq!(back.staff, vec![("Иванова А.П.".to_string(), "учитель".to_string())]);
    assert_eq!(back.mentors.len(), 1);
    assert_eq!(back.statuses.len(), 1);
    assert_eq!(store.school_card(keep).unwrap().staff.len(), 1);
}

#[test]
fn show_for_excel_has_a_bom_semicolons_and_russian_headers() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    assert!(Command::new(BIN).args(["demo", "--out"]).arg(&demo).output().unwrap().status.success());
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&demo)
        .args(["show", "clusters", "--format", "excel", "--year", "2021-2022"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("\u{feff}Школа;Район;Населённый пункт;Статус;Категория неуспешности;Участники\r\n"),
        "{text}"
    );
    assert!(text.contains("МБОУ «СОШ №1» г. Пикалево;"), "{text}");
    // Scripts keep the codes.
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&demo)
        .args(["show", "clusters", "--format", "csv", "--year", "2021-2022"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("school,district,town,cluster_status,risk_level,members\n"));
}

#[test]
fn one_teacher_entered_twice_is_merged_from_the_command_line_with_her_links() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("district.db");
    let store = empty(dir.path(), "district.db");
    let schools = "Наименование ОО;Район\nМБОУ «СОШ №1»;Энский\nМБОУ «Гимназия №2»;Энский\n";
    import(&store, &grid::read_bytes(schools.as_bytes()).unwrap(), &Options::default());
    // Two lists named her two ways; a third spelling the fold joins would not be two.
    let people = "ФИО;Должность;Организация;E-mail\n\
                  Маслова Татьяна Павловна;учитель;СОШ №1;\n\
                  Маслова Т.П.;наставник;СОШ №1;maslova@example.ru\n\
                  Петрова Н.Н.;учитель;Гимназия №2;\n";
    import(&store, &grid::read_bytes(people.as_bytes()).unwrap(), &Options::default());
    let links = "Наставник;Наставляемый;Предмет\nМаслова Т.П.;Петрова Н.Н.;математика\n";
    import(&store, &grid::read_bytes(links.as_bytes()).unwrap(), &Options::default());
    drop(store);
    let run =
        |args: &[&str]| Command::new(BIN).arg("--db").arg(&db).args(args).env("LANG", "ru_RU.UTF-8").output().unwrap();

    let out = run(&["merge", "--person", "Маслова Татьяна Павловна", "Маслова Т.П., СОШ №1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Объединено: строк перешло — 1"));
    let store = Store::open(&db, "tester").unwrap();
    let d = store.import_directory().unwrap();
    let kept = d.person_id("Маслова Татьяна Павловна", &RU).unwrap();
    assert!(d.person_id("Маслова Т.П.", &RU).is_err(), "the other record is gone");
    let (f, org, _) = store.person_fields(kept).unwrap();
    assert_eq!((f.role.as_str(), f.email.as_str(), org.as_str()), ("учитель", "maslova@example.ru", "МБОУ «СОШ №1»"));
    let who = run(&["who", "петрова"]);
    assert!(
        String::from_utf8_lossy(&who.stdout).contains("← Маслова Татьяна Павловна"),
        "{}",
        String::from_utf8_lossy(&who.stdout)
    );
    // A name that is no one is said so, and nothing changes.
    let out = run(&["merge", "--person", "Маслова Татьяна Павловна", "Сидоров"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("нет такого человека «Сидоров»"));
    drop(store);
    assert!(run(&["undo"]).status.success());
    let store = Store::open(&db, "tester").unwrap();
    assert!(store.import_directory().unwrap().person_id("Маслова Т.П.", &RU).is_ok(), "undo parts them again");
}

#[test]
fn a_networks_sheet_makes_the_years_networks_with_their_members_and_names_what_it_cannot_take() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty(dir.path(), "district.db");
    let schools = "Наименование ОО;Район\nМБОУ «СОШ №1»;Энский\nМБОУ «СОШ №3»;Энский\nМБОУ «Гимназия №2»;Энский\n";
    import(&store, &grid::read_bytes(schools.as_bytes()).unwrap(), &Options::default());
    let nets = "Сеть;Модель;Учебный год;Школа-участник\n\
                Сеть по математике;распределённая;2024-2025;СОШ №1\n\
                Сеть по математике;;2024-2025;сош3\n\
                Сеть по математике;;2024-2025;Гимназия №9\n\
                Ресурсный центр;кольцевая;2024-2025;Гимназия №2\n";
    let plan = import(&store, &grid::read_bytes(nets.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(1, 1, 0, 2), "{:#?}", plan.rows);
    let refused: Vec<_> = plan.rows.iter().filter(|r| matches!(r.outcome, Outcome::Refused { .. })).collect();
    assert_eq!((refused[0].line, refused[1].line), (4, 5));
    assert!(matches!(&refused[0].outcome, Outcome::Refused { reason, .. } if reason.contains("«Гимназия №9»")));
    assert!(matches!(&refused[1].outcome, Outcome::Refused { column, .. } if column == "Модель"));
    let n = store.networks(nastavnik::text::AcademicYear::parse("2024-2025")).unwrap();
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].model, Some(nastavnik::domain::NetworkModel::Distributed));
    assert_eq!(n[0].members.iter().map(|m| m.1.as_str()).collect::<Vec<_>>(), ["МБОУ «СОШ №1»", "МБОУ «СОШ №3»"]);
    assert_eq!(n[0].district, "Энский", "the district is its members'");
    // The same file again writes nothing; one school more is one update.
    let again = import(&store, &grid::read_bytes(nets.as_bytes()).unwrap(), &Options::default());
    assert_eq!(again.counts(), counts(0, 0, 2, 2));
    let more = "Сеть;Учебный год;Школа\nСеть по математике;2024-2025;Гимназия №2\n";
    let plan = import(&store, &grid::read_bytes(more.as_bytes()).unwrap(), &Options::default());
    assert_eq!(plan.counts(), counts(0, 1, 0, 0));
    assert_eq!(store.networks(None).unwrap()[0].members.len(), 3);
}

#[test]
fn a_district_spelled_two_ways_is_merged_and_renamed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("district.db");
    let store = empty(dir.path(), "district.db");
    let one = "Наименование ОО;Район\nМБОУ «СОШ №1»;Энский\nМБОУ «СОШ №3»;Энский\n";
    import(&store, &grid::read_bytes(one.as_bytes()).unwrap(), &Options::default());
    let two = "Наименование ОО;Муниципальный район\nМБОУ «Гимназия №2»;Энский район\n";
    import(&store, &grid::read_bytes(two.as_bytes()).unwrap(), &Options::default());
    drop(store);
    let run = |args: &[&str]| {
        let out = Command::new(BIN).arg("--db").arg(&db).args(args).env("LANG", "ru_RU.UTF-8").output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (ok, list, _) = run(&["districts"]);
    assert!(ok);
    assert_eq!(list, "Энский — 2 школы\nЭнский район — 1 школа\n");
    let (ok, _, err) = run(&["districts", "merge", "Энский", "Энский район"]);
    assert!(ok, "{err}");
    let (_, list, _) = run(&["districts"]);
    assert_eq!(list, "Энский — 3 школы\n");
    let (ok, out, _) = run(&["districts", "rename", "Энский", "Энский муниципальный район"]);
    assert!(ok && out.contains("Район переименован"), "{out}");
    let (_, list, _) = run(&["districts"]);
    assert_eq!(list, "Энский муниципальный район — 3 школы\n");
    let (ok, _, err) = run(&["districts", "rename", "Северный", "Южный"]);
    assert!(!ok && err.contains("нет такого района «Северный»"), "{err}");
    // Undo takes the rename back, then the merge.
    assert!(run(&["undo"]).0);
    assert!(run(&["undo"]).0);
    let (_, list, _) = run(&["districts"]);
    assert_eq!(list, "Энский — 2 школы\nЭнский район — 1 школа\n");
}
