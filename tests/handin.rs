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
    assert!(text.contains("Открытые решения без срока (не в повестке): 8 решений"), "{text}");

    // Years later everything of the documents still open is overdue, longest first.
    let late = agenda(&db, "01.12.2026", &[]);
    assert!(!late.contains("Сегодня"), "{late}");
    let first = late.lines().nth(3).unwrap();
    assert!(first.starts_with("  август 2022 | просрочено на 1\u{a0}553 дня | решение"), "{first}");
    assert!(late.lines().any(|l| l.contains("до 30 декабря 2023 г. | просрочено на 1\u{a0}067 дней | решение | Провести системную доработку дорожной карты")), "{late}");
}

#[test]
fn the_agenda_of_one_responsible_as_markdown_and_as_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path());
    let md = agenda(&db, "01.12.2026", &["--who", "КРУМИНА", "--format", "md"]);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Дата")).collect();
    assert_eq!(rows.len(), 1, "{md}");
    assert!(rows[0].contains("| решение | Собрать информацию о ресурсах других образовательных организаций"), "{md}");
    assert!(rows[0].ends_with("| И.Ю. Крумина |"), "{md}");
    assert!(md.contains("## Просрочено — 1\n"), "{md}");
    // None of Крумина's decisions is without a deadline.
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
