//! The demo's data files against their documents: every «quote» a comment cites with its line
//! (`# L13 «…»`, `# L56–57 «…»`) is in that line of the seed document (`tests/seeds/`, copies
//! of `shared/seeds/`), and the files load.

use std::path::Path;

/// Whitespace collapsed, so that a quote may span the document's line breaks.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quotes a comment line gives for each line reference: `(first, last, quote)`.
fn citations(comment: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = comment.chars().collect();
    let mut i = 0;
    let mut current: Option<(usize, usize)> = None;
    while i < chars.len() {
        // «L13», «L56–57» (not the L of a word).
        if chars[i] == 'L' && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
            let n = digits(i + 1);
            if n > 0 {
                let first: usize = chars[i + 1..i + 1 + n].iter().collect::<String>().parse().unwrap();
                let mut j = i + 1 + n;
                let mut last = first;
                if j < chars.len() && (chars[j] == '–' || chars[j] == '-') {
                    let m = digits(j + 1);
                    if m > 0 {
                        last = chars[j + 1..j + 1 + m].iter().collect::<String>().parse().unwrap();
                        j += 1 + m;
                    }
                }
                current = Some((first, last));
                i = j;
                continue;
            }
        }
        if chars[i] == '«' {
            if let Some((first, last)) = current {
                let mut depth = 0;
                let mut j = i;
                while j < chars.len() {
                    match chars[j] {
                        '«' => depth += 1,
                        '»' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let quote: String = chars[i + 1..j.min(chars.len())].iter().collect();
                out.push((first, last, quote));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[test]
fn every_quote_of_a_demo_file_is_in_the_line_of_the_document_it_cites() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(dir.join("src/demo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "the data files: {files:?}");
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let data: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let source = data["source"].as_str().expect("each file names its document");
        let seed = std::fs::read_to_string(dir.join("tests/seeds").join(source)).unwrap();
        let lines: Vec<&str> = seed.lines().collect();
        let before = checked;
        // A comment is its run of `#` lines, read as one: a quote may go on to the next line.
        let mut comments: Vec<String> = Vec::new();
        let mut open = false;
        for line in text.lines() {
            match line.trim_start().strip_prefix('#') {
                Some(c) if open => comments.last_mut().unwrap().push_str(c),
                Some(c) => comments.push(c.to_string()),
                None => {}
            }
            open = line.trim_start().starts_with('#');
        }
        for comment in &comments {
            for (first, last, quote) in citations(comment) {
                assert!(first >= 1 && last >= first && last <= lines.len(), "{}: L{first}–{last}", file.display());
                let cited = norm(&lines[first - 1..last].join(" "));
                // «…» in a quote leaves words out: the rest is found in its order.
                let mut at = 0;
                for part in quote.split('…').map(norm).filter(|p| !p.is_empty()) {
                    match cited[at..].find(&part) {
                        Some(k) => at += k + part.len(),
                        None => panic!(
                            "{}: «{part}» is not in line {first}{} of {source}:\n{cited}",
                            file.display(),
                            if last > first { format!("–{last}") } else { String::new() }
                        ),
                    }
                }
                checked += 1;
            }
        }
        assert!(
            checked - before >= 8,
            "{}: {} quotes — its comments cite their lines",
            file.display(),
            checked - before
        );
    }
}

#[test]
fn a_quote_is_read_with_its_line_and_its_nested_quotes() {
    let c = citations(" L56–57 «Коробкова А.С., директора МБОУ «СШ № 16»», L33 «Кластер»; no L here");
    assert_eq!(
        c,
        vec![(56, 57, "Коробкова А.С., директора МБОУ «СШ № 16»".to_string()), (33, 33, "Кластер".to_string())]
    );
    assert!(citations(" «a quote with no line»").is_empty());
}

#[test]
fn the_data_files_are_the_demo_the_store_holds() {
    let dir = tempfile::tempdir().unwrap();
    let store = nastavnik::store::Store::create_new(&dir.path().join("demo.db"), "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    // 000: the round table's protocol, from the file, with its signature and its time.
    let (id, ..) = store.meetings().unwrap().into_iter().find(|m| m.2 == "5").expect("protocol №5");
    let m = store.minutes(id).unwrap();
    assert_eq!(m.facts.signed, "Ведущий специалист Комитета образования Т.С. Боброва");
    assert_eq!(m.participants.len(), 5, "{:?}", m.participants);
    assert_eq!(m.decisions.len(), 3);
    assert_eq!(m.decisions[0].deadline.display(), "август 2022");
    // 002: 13 schools in the chat, 25 connections, the heading's date with both in words.
    let (id, ..) = store.meetings().unwrap().into_iter().find(|m| m.2 == "2").expect("protocol №2");
    let m = store.minutes(id).unwrap();
    assert_eq!((m.participants.len(), m.facts.connections), (13, Some(25)));
    let year = store.events(nastavnik::text::AcademicYear(2021)).unwrap();
    let e = year.iter().find(|e| e.kind == "совещание" && e.district == "город Смоленск").unwrap();
    assert_eq!(e.when.display(), "20.04.2022 (так в заголовке протокола; в тексте — 20.04.2023)");
    assert_eq!((e.time.as_str(), e.format.as_str(), e.turnout.connections), ("15.00", "ВКС", Some(25)));
    assert_eq!(e.details.iter().filter(|t| t.connections == Some(2)).count(), 2);
}
