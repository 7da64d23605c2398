//! The agreement's text to sign: filled from the template, written as .docx, and read back by
//! another crate's DOCX parser the way Word or LibreOffice would open it.

use docx_rust::document::{BodyContent, TableCellContent};
use nastavnik::document::{markdown_to_docx, render_markdown, write_file, BUILTIN_TEMPLATE};
use nastavnik::store::Store;

fn demo(dir: &std::path::Path) -> Store {
    let store = Store::create_new(&dir.join("demo.db"), "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    store
}

fn additional(store: &Store) -> i64 {
    store.agreements().unwrap().into_iter().find(|a| a.parent.is_some()).unwrap().id
}

#[test]
fn the_markdown_has_the_parties_the_terms_and_the_plan_table() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let md = render_markdown(&store, additional(&store), BUILTIN_TEMPLATE, "built-in").unwrap();
    assert!(md.starts_with("# ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № _____\n"), "{md}");
    // As the Kirovsk template writes it: the director declined, «действующего».
    assert!(md.contains("**МБОУ «Средняя общеобразовательная школа № 10»** (далее — Сторона 1), в лице директора Иванова Николая Ивановича, действующего на основании Устава, с одной стороны"), "{md}");
    // A party whose signatory is not named yet keeps the blank to fill in by hand.
    assert!(md.contains("от имени которой действует директор _______________ (Ф.И.О.) на основании Устава"), "{md}");
    // The template's unnamed second party is a blank to fill by hand, not "МБОУ «...»".
    assert!(!md.contains("«...»»"));
    assert!(
        md.contains("| 2 | Встречи сторон «Сетевое взаимодействие: возможности и ожидания» | 26.11.2021 |"),
        "{md}"
    );
    assert!(md.contains("- Приложение № 2 — Список ответственных"));
}

#[test]
fn the_docx_opens_in_a_docx_reader_with_the_parties_and_the_plan_table() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let md = render_markdown(&store, additional(&store), BUILTIN_TEMPLATE, "built-in").unwrap();
    let out = dir.path().join("agreement.docx");
    write_file(&out, &markdown_to_docx(&md, "Боброва Т.С.").unwrap(), false).unwrap();

    // Its properties name the user and today, not «unknown» of 1970.
    let mut package = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut package.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(core.contains("<dc:creator>Боброва Т.С.</dc:creator>"), "{core}");
    assert!(!core.contains("1970-01-01") && core.contains(&format!(">{year}-")), "{core}");
    let file = docx_rust::DocxFile::from_file(&out).expect("a .docx package");
    let docx = file.parse().expect("a WordprocessingML document");
    let mut paragraphs = Vec::new();
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    for item in &docx.document.body.content {
        match item {
            BodyContent::Paragraph(p) => paragraphs.push(p.text()),
            BodyContent::Table(t) => tables.push(
                t.rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .filter_map(|c| match c {
                                docx_rust::document::TableRowContent::TableCell(cell) => Some(
                                    cell.content
                                        .iter()
                                        .map(|x| match x {
                                            TableCellContent::Paragraph(p) => p.text(),
                                            #[allow(unreachable_patterns)]
                                            _ => String::new(),
                                        })
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                ),
                                _ => None,
                            })
                            .collect()
                    })
                    .collect(),
            ),
            _ => {}
        }
    }
    assert_eq!(paragraphs[0], "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № _____");
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("МБОУ «Средняя общеобразовательная школа № 10» (далее — Сторона 1)")));
    // Signatures, then Appendix No. 1: the joint plan, header row and its two events.
    assert_eq!(tables.len(), 2, "{tables:?}");
    assert_eq!(tables[0][1][0], "МБОУ «Средняя общеобразовательная школа № 10»");
    let plan = &tables[1];
    assert_eq!(plan[0], ["№", "Мероприятие", "Сроки", "Ответственные", "Источники финансирования", "Результат"]);
    assert_eq!(plan.len(), 3);
    assert_eq!(plan[1][2], "21.10.2021");
    assert!(plan[2][1].starts_with("Встречи сторон"));

    // An existing file is not replaced without being asked to.
    assert!(write_file(&out, b"x", false).is_err());
    assert!(std::fs::metadata(&out).unwrap().len() > 1000);
}

#[test]
fn a_template_of_ones_own_replaces_the_built_in_and_its_mistakes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let id = additional(&store);
    let own = "# {{ a.title }}\n{% for p in parties %}- {{ p.signatory or 'подпись' }}\n{% endfor %}";
    let md = render_markdown(&store, id, own, "mine.md").unwrap();
    assert_eq!(
        md,
        "# Дополнительное соглашение к Рамочному договору о сетевом взаимодействии и сотрудничестве\n- Иванов Николай Иванович\n- подпись\n"
    );
    let err = render_markdown(&store, id, "ok\n{% for p in parties %}\n{{ p.name }", "mine.md").unwrap_err();
    assert!(err.to_string().starts_with("template mine.md: line "), "{err}");
    let missing = render_markdown(&store, 999, own, "mine.md").unwrap_err();
    assert!(missing.to_string().contains("999"), "{missing}");
    // Nested loops that would write gigabytes stop at the cap with a clear message.
    let runaway = "{% for i in range(10000) %}{% for j in range(10000) %}{{ a.title }}{% endfor %}{% endfor %}";
    let err = render_markdown(&store, id, runaway, "loop.md").unwrap_err();
    assert!(matches!(err, nastavnik::document::DocError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("20 MB"), "{err}");
}

#[test]
fn minutes_are_written_as_a_docx_a_reader_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let bin = env!("CARGO_BIN_EXE_nastavnik");
    assert!(std::process::Command::new(bin).args(["demo", "--out"]).arg(&db).output().unwrap().status.success());
    let list = std::process::Command::new(bin).arg("--db").arg(&db).arg("minutes").output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout).to_string();
    let smolensk =
        list.lines().find(|l| l.contains("Совещание заместителей директоров")).expect("the Smolensk minutes");
    let id = smolensk.split(" | ").next().unwrap().trim();
    let out = dir.path().join("протокол.docx");
    let run = std::process::Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["minutes", id, "--format", "docx", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let file = docx_rust::DocxFile::from_file(&out).expect("a .docx package");
    let docx = file.parse().expect("a WordprocessingML document");
    let text: Vec<String> = docx
        .document
        .body
        .content
        .iter()
        .filter_map(|c| match c {
            BodyContent::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect();
    let all = text.join("\n");
    assert!(all.contains("Совещание заместителей директоров"), "{all}");
    assert!(all.contains("Принять к сведению"), "{all}");
    // Without --out a .docx has nowhere to go: said, nothing written.
    let run = std::process::Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["minutes", id, "--format", "docx"])
        .output()
        .unwrap();
    assert!(!run.status.success());
}
