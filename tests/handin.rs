//! What a coordinator hands in, made by the program: the week ahead (`nastavnik agenda`) on
//! the demo store, on fixed days (the clock is given, never the machine's).

mod common;

use std::path::Path;
use std::process::Command;

fn agenda(db: &Path, today: &str, args: &[&str]) -> String {
    let out = Command::new(common::BIN)
        .env("NASTAVNIK_TODAY", today)
        .env("LANG", "ru_RU.UTF-8")
        .arg("--db")
        .arg(db)
        .arg("agenda")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_agenda_on_a_fixed_day_puts_what_is_overdue_first_then_what_is_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    // 20 October 2022: the round table's «август 2022» and Ust-Ilimsk's «к началу 2022-2023
    // учебного года» have passed; the seminars of «второе полугодие 2022» are under way.
    let text = agenda(&db, "20.10.2022", &[]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Повестка: 20.10.2022 – 03.11.2022", "{text}");
    let overdue = lines.iter().position(|l| l.starts_with("Просрочено — ")).expect("an overdue group");
    let today = lines.iter().position(|l| l.starts_with("Сегодня (20.10.2022) — ")).expect("a group for today");
    assert!(overdue < today, "{text}");
    let between = &lines[overdue + 1..today];
    assert!(
        between.iter().any(|l| l.contains(
            "август 2022 | просрочено на 50 дней | решение | Расширить состав школ-участниц сетевого взаимодействия"
        )),
        "{text}"
    );
    assert!(between.iter().any(|l| l.contains("01.09.2022 | просрочено на 49 дней | показатель | Доля педагогов ШНОР, имеющих индивидуальные программы развития — 50,4% при цели 100%")), "{text}");
    assert!(lines[today + 1..].iter().any(|l| l.contains(
        "второе полугодие 2022 | до 31.12.2022 | мероприятие | Муниципальный семинар «Формирование и оценка функциональной грамотности»"
    )), "{text}");
    // The template's sample plan (a draft agreement's «СОШ № 10») is no one's work.
    assert!(!text.contains("СОШ № 10"), "{text}");
    // Leningradsky's recommendations without a deadline are not dated by the program: counted.
    assert!(text.contains("Открытые решения без срока (не в повестке): 9 решений"), "{text}");

    // Years later everything of the documents still open is overdue, longest first.
    let late = agenda(&db, "01.12.2026", &[]);
    assert!(!late.contains("Сегодня"), "{late}");
    let first = late.lines().nth(3).unwrap();
    assert!(first.starts_with("  август 2022 | просрочено на 1\u{a0}553 дня | решение"), "{first}");
    assert!(late.lines().any(|l| l.contains("до 30 декабря 2023 г | просрочено на 1\u{a0}067 дней | рекомендация | Провести системную доработку дорожной карты")), "{late}");
}

#[test]
fn the_agenda_of_one_responsible_as_markdown_and_as_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    let md = agenda(&db, "01.12.2026", &["--who", "СЕРЯКОВА", "--format", "md"]);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Дата")).collect();
    assert_eq!(rows.len(), 1, "{md}");
    assert!(rows[0].contains("| решение | Расширить состав школ-участниц сетевого взаимодействия"), "{md}");
    assert!(rows[0].ends_with("| Т.С. Боброва, Л.Н. Серякова, руководители школ города Пикалево |"), "{md}");
    assert!(md.contains("## Просрочено — 1\n"), "{md}");
    // None of Серякова's decisions is without a deadline.
    assert!(!md.contains("без срока"), "{md}");

    let none = agenda(&db, "01.12.2026", &["--who", "сидоров"]);
    assert!(none.contains("Ничего не просрочено и ничего не назначено на эти дни."), "{none}");

    let ics = agenda(&db, "20.10.2022", &["--format", "ics"]);
    let events = ics.matches("BEGIN:VEVENT").count();
    let text = agenda(&db, "20.10.2022", &[]);
    let lines = text.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(events, lines, "one calendar entry per line of the agenda");
    // A deadline is a whole day: it ends the day after.
    let unfolded = ics.replace("\r\n ", "");
    let block = unfolded.split("BEGIN:VEVENT").find(|b| b.contains("Расширить состав школ-участниц")).unwrap();
    assert!(block.contains("DTSTART;VALUE=DATE:20220831"), "{block}");
    assert!(block.contains("DTEND;VALUE=DATE:20220901"), "{block}");
    assert!(block.contains("SUMMARY:решение: [просрочено на 50 дней]"), "{block}");

    let out = Command::new(common::BIN).arg("--db").arg(&db).args(["agenda", "--format", "pdf"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format pdf: text, md or ics"));
}

fn report(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(common::BIN)
        .env("NASTAVNIK_TODAY", "01.12.2026")
        .env("LANG", "ru_RU.UTF-8")
        .arg("--db")
        .arg(db)
        .arg("report")
        .args(args)
        .output()
        .unwrap()
}

/// Counted in the store by SQL, apart from the program: the district's events of the year and
/// how many of them were held.
fn events_of(db: &Path, district: &str, year: i32) -> (i64, i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(
        "SELECT count(*), sum(e.status = 'done') FROM events e JOIN districts d ON d.id = e.district_id
          WHERE d.name = ?1 AND e.start_date <= ?3 AND coalesce(e.end_date, e.start_date) >= ?2",
        rusqlite::params![district, format!("{year}-09-01"), format!("{}-08-31", year + 1)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn the_ust_ilimsk_report_of_2021_2022_holds_the_documents_numbers_in_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    let out = report(&db, &["--year", "2021-2022", "--district", "усть-илимск"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("город Усть-Илимск · 2021-2022 учебный год · составлен 01.12.2026"), "{md}");
    for (n, title) in [
        "Школы в программе",
        "Сеть наставничества",
        "Исполнение дорожной карты",
        "Участие школ в мероприятиях",
        "Рисковые направления и антирисковые программы",
        "Диагностика профессиональных дефицитов и курсы",
        "Показатели и их целевые значения",
        "Договоры о сетевом взаимодействии",
        "Решения и рекомендации",
        "Программы и дорожные карты: выполнение по задачам",
        "Выводы, проблемы и предложения",
    ]
    .iter()
    .enumerate()
    {
        assert!(md.contains(&format!("## {}. {title}\n", n + 1)), "section {title}: {md}");
    }
    // The programme task by task: its seven tasks as the report lists them, none said done,
    // and what the report says was done under the fourth.
    assert!(md.contains("Задач выполнено: 0 из 7."), "{md}");
    assert!(md.contains("| 4 | сформировать эффективную муниципальную консультационную службу"), "{md}");
    assert!(md.contains("(приказ Управления образования от 29.03.2022 № 285)"), "{md}");
    // The document's own figures: 351 of 660 teachers trained (53 %), 50,4 % with an
    // individual programme against a target of 100 % — not met.
    assert!(md.contains("Педагоги города, прошедшие курсы ПК и переподготовки (351 из 660) |  | 53% |"), "{md}");
    assert!(
        md.contains(
            "| Доля педагогов ШНОР, имеющих индивидуальные программы развития | 100% | 50,4% | 2022 | не достигнуто |"
        ),
        "{md}"
    );
    assert!(md.contains("прошли диагностику 83 %; с индивидуальной программой 50,4 %"), "{md}");
    // The seven ШНОР of the city, and their categories as the report gives them.
    assert!(md.contains("| ШНОР | 7 |"), "{md}");
    assert!(md.contains("| сильно неуспевающая | 3 |"), "{md}");
    // The roadmap counted as the store holds it, by SQL here.
    let (events, held) = events_of(&db, "город Усть-Илимск", 2021);
    assert!(events > 0);
    assert!(md.contains(&format!("Мероприятий в году: {events}; проведено {held} ")), "{md}");
    assert!(md.contains(&format!("| **Итого** | {events} | {held} |")), "{md}");
    // How many came, summed from the counts the report's tables give (the nine «Школа-школе»
    // seminars: 24 + 38 + 95 + 16 + 23 + 36 + 35 teachers, «12 человек»; the contest's 10
    // teams), and counted again by SQL here.
    let c = rusqlite::Connection::open(&db).unwrap();
    let (counted, teachers, people, teams): (i64, i64, i64, i64) = c
        .query_row(
            "SELECT count(*), sum(n_teachers), sum(n_people), sum(n_teams) FROM events e
               JOIN districts d ON d.id = e.district_id
              WHERE d.name = 'город Усть-Илимск' AND e.start_date <= '2022-08-31'
                AND coalesce(e.end_date, e.start_date) >= '2021-09-01'
                AND coalesce(n_teachers, n_people, n_schools, n_connections, n_teams) IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((teachers, people, teams), (267, 12, 10));
    assert!(md.contains(&format!("Число участников указано у {counted} из {events} мероприятий")), "{md}");
    assert!(md.contains(&format!("| **Итого** | {counted} | {teachers} | {people} | {teams} |")), "{md}");
    // СОШ № 5 took part in eight of the year's events (the participation table of the report).
    assert!(md.contains("| СОШ № 5 | 8 | 0 |"), "{md}");
    // Nothing of another district.
    assert!(!md.contains("Пикалево") && !md.contains("Смоленск"), "{md}");

    // The same as Word: every table of the Markdown is a real table, the headings are in the
    // document's outline, the pages are numbered — read back from the file's own parts.
    let docx = dir.path().join("report.docx");
    let out = report(
        &db,
        &["--year", "2021-2022", "--district", "усть", "--format", "docx", "--out", docx.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let part = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let body = part(&mut zip, "word/document.xml");
    let tables_md = md.lines().filter(|l| l.starts_with("|---")).count();
    assert_eq!(body.matches("<w:tbl>").count(), tables_md);
    assert_eq!(
        body.matches(r#"<w:pStyle w:val="Heading2" />"#).count()
            + body.matches(r#"<w:pStyle w:val="Heading2"/>"#).count(),
        11
    );
    assert!(body.contains("351 из 660"));
    let styles = part(&mut zip, "word/styles.xml");
    assert!(styles.contains("w:outlineLvl"), "headings have outline levels");
    let footer = part(&mut zip, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "{footer}");
    // The roadmap's two charts and the indicators' (50,4 against 100) as pictures, under their
    // tables.
    let pictures: Vec<String> =
        zip.file_names().filter(|n| n.starts_with("word/media/") && n.ends_with(".png")).map(str::to_string).collect();
    assert_eq!(pictures.len(), 3, "{pictures:?}");
    assert_eq!(body.matches("<pic:pic").count(), 3);
    assert!(
        md.contains(
            "| 1 | Доля педагогов ШНОР, имеющих индивидуальные программы развития | 100 | 50,4 | город Усть-Илимск |"
        ),
        "{md}"
    );

    // And as a workbook: a sheet per table, numbers as numbers, a native chart.
    let xlsx = dir.path().join("report.xlsx");
    let out = report(
        &db,
        &["--year", "2021-2022", "--district", "усть", "--format", "xlsx", "--out", xlsx.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), tables_md, "{names:?}");
    assert!(names.contains(&"3. Исполнение дорожной карты".to_string()), "{names:?}");
    assert!(names.contains(&"3. Исполнение дорожной карт (2)".to_string()), "{names:?}");
    let sheet = book.worksheet_range("3. Исполнение дорожной карты").unwrap();
    let total = sheet.rows().find(|r| r[0] == "Итого").expect("the total row");
    assert_eq!(total[1], calamine::Data::Float(events as f64));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    assert!(zip.by_name("xl/charts/chart1.xml").is_ok(), "a native chart");

    let out = report(&db, &["--year", "2021-2022", "--district", "ск"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("несколько районов") && err.contains("город Смоленск"), "{err}");
}

#[test]
fn the_closing_part_the_coordinator_writes_is_kept_for_the_next_report_and_undone_like_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    let md = String::from_utf8(report(&db, &["--year", "2021-2022", "--district", "кировский"]).stdout).unwrap();
    assert!(md.contains("## 11. Выводы, проблемы и предложения\n\nЭтот раздел пишет координатор"), "{md}");
    // Written in Notepad on a Russian Windows: Windows-1251.
    let notes = dir.path().join("выводы.txt");
    let (text, _, _) =
        encoding_rs::WINDOWS_1251.encode("Сетевое взаимодействие сложилось.\n\nПроблема: нет ставок тьюторов.");
    std::fs::write(&notes, &text).unwrap();
    let out = report(&db, &["--year", "2021-2022", "--district", "кировский", "--notes", notes.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## 11. Выводы, проблемы и предложения\n\nСетевое взаимодействие сложилось.\n\nПроблема: нет ставок тьюторов.\n"), "{md}");
    // Kept: the next report has it without --notes; another district's has its own (none).
    let again = String::from_utf8(report(&db, &["--year", "2021-2022", "--district", "кировский"]).stdout).unwrap();
    assert!(again.contains("Проблема: нет ставок тьюторов."), "{again}");
    let other = String::from_utf8(report(&db, &["--year", "2021-2022", "--district", "усть"]).stdout).unwrap();
    assert!(!other.contains("ставок тьюторов"), "{other}");
    // A change like any other: in the history, and undone.
    let history = Command::new(common::BIN).arg("--db").arg(&db).args(["history", "--limit", "1"]).output().unwrap();
    let history = String::from_utf8(history.stdout).unwrap();
    assert!(history.contains("Выводы, проблемы и предложения") && history.contains("2021-2022 Кировский"), "{history}");
    let undo = Command::new(common::BIN).arg("--db").arg(&db).arg("undo").output().unwrap();
    assert!(undo.status.success(), "{}", String::from_utf8_lossy(&undo.stderr));
    let after = String::from_utf8(report(&db, &["--year", "2021-2022", "--district", "кировский"]).stdout).unwrap();
    assert!(after.contains("Этот раздел пишет координатор"), "{after}");
}

#[test]
fn a_schools_own_report_and_a_report_of_some_days() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    let out = report(&db, &["--year", "2021-2022", "--school", "сош 3 пикалево"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("МБОУ «СОШ №3» г. Пикалево · 2021-2022 учебный год"), "{md}");
    assert!(md.contains("| школа-наставник | 1 |"), "{md}");
    // Its link and no one else's: the school pair of Pikalevo.
    assert!(md.contains("Связей наставничества: 1 (школа → школа — 1)."), "{md}");
    assert!(!md.contains("Усть-Илимск") && !md.contains("Крумина"), "{md}");
    let out = report(&db, &["--year", "2021-2022", "--school", "сош 99"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("«сош 99»"));

    // March to May 2022 of Ust-Ilimsk: the events of those days (and the year-long ones).
    let md = String::from_utf8(
        report(&db, &["--year", "2021-2022", "--district", "усть", "--from", "01.03.2022", "--to", "31.05.2022"])
            .stdout,
    )
    .unwrap();
    assert!(md.contains("· с 01.03.2022 по 31.05.2022 ·"), "{md}");
    // The report dates the nine seminars only by the school year: they run through it, with
    // the April contest of teams.
    assert!(md.contains("Мероприятий в эти дни: 16;"), "{md}");
    assert!(md.contains("| апр 2022 | 1 | 1 |"), "{md}");
    let md = String::from_utf8(
        report(&db, &["--year", "2021-2022", "--district", "усть", "--from", "01.06.2022", "--to", "31.08.2022"])
            .stdout,
    )
    .unwrap();
    assert!(md.contains("Мероприятий в эти дни: 15;"), "{md}");
    assert!(!md.contains("| апр 2022 |"), "the April contest is not of the summer's days: {md}");
    let out = report(&db, &["--from", "31.02.2022"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("в феврале невисокосного года 28 дней"));
}

/// Support is not mentoring: a municipal coordinator and a body stand apart from mentors, in
/// the answer of the school they support and in their own.
#[test]
fn a_coordinator_and_a_body_support_a_school_and_are_not_called_its_mentors() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    let who = |q: &[&str]| {
        let out = Command::new(common::BIN)
            .env("LANG", "ru_RU.UTF-8")
            .arg("--db")
            .arg(&db)
            .arg("who")
            .args(q)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let school = who(&["сош", "5", "усть"]);
    let support = school.find("Кто сопровождает (координатор, куратор, организация):").expect(&school);
    assert!(school[support..].contains("← И.Ю. Крумина — координатор → школа"), "{school}");
    assert!(school[support..].contains("← МКУ «Центр развития образования» — организация → школа"), "{school}");
    assert!(!school.contains("Кто наставляет:"), "no mentor of it is named: {school}");
    let coordinator = who(&["крумина"]);
    assert!(coordinator.contains("Кого сопровождает:\n  → МАОУ «СОШ № 5»"), "{coordinator}");
    assert!(!coordinator.contains("Кого наставляет:"), "{coordinator}");
    // A mentor school still mentors.
    let mentor = who(&["сош", "3", "пикалево"]);
    assert!(mentor.contains("Кого наставляет:\n  → МБОУ «СОШ №1» г. Пикалево"), "{mentor}");
}
