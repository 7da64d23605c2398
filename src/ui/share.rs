//! Screen-share mode: the frame, as drawn, with people's names cut to their initials (those
//! of the schools in focus kept) and the categories of under-performance and risk levels
//! behind «—» — applied to the whole screen, so that no pane, card or form is forgotten.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What the mode hides, read with the year.
#[derive(Clone, Debug, Default)]
pub struct ShareRules {
    /// Folded names of the people of the schools in focus: shown whole.
    pub keep: HashSet<String>,
    /// Cluster statuses and risk levels as the store writes them, longest first.
    pub hide: Vec<String>,
}

/// «Т.П. Маслова», «Маслова Т.П.», «Маслова Татьяна Павловна».
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    let surname = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?";
    Regex::new(&format!(
        r"(?P<a>[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?{surname})|(?P<b>{surname}\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)|(?P<c>{surname}\s[А-ЯЁ][а-яё]+\s[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|ич))"
    ))
    .expect("the name pattern is valid")
});

/// A name as the others in the call may see it: «Т.П. М.», «М. Т.П.», «М. Т. П.».
fn initials(m: &regex::Captures) -> String {
    let first = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
    if let Some(a) = m.name("a") {
        let (initials, surname) = a.as_str().rsplit_once(['.', ' ']).unwrap_or(("", a.as_str()));
        format!("{initials}. {}", first(surname)).replace(".. ", ". ").replace("..", ".")
    } else if let Some(b) = m.name("b") {
        let (surname, initials) = b.as_str().split_once(' ').unwrap_or((b.as_str(), ""));
        format!("{} {initials}", first(surname))
    } else {
        m[0].split(' ').map(first).collect::<Vec<_>>().join(" ")
    }
}

/// One line of text with its names and categories hidden, as long as it was (in characters).
pub fn mask_line(line: &str, rules: &ShareRules) -> String {
    let mut out: Vec<char> = line.chars().collect();
    let text: String = out.iter().collect();
    let mut put = |start: usize, len: usize, with: &str| {
        let with: Vec<char> = with.chars().chain(std::iter::repeat(' ')).take(len).collect();
        out[start..start + len].copy_from_slice(&with);
    };
    let char_at = |byte: usize| text[..byte].chars().count();
    for m in NAME.captures_iter(&text) {
        let whole = m.get(0).expect("a match");
        // «СОШ имени А.С. Пушкина» names a school, not a person in the call.
        let before = text[..whole.start()].trim_end();
        let named_after = before.ends_with("им.") || before.ends_with("имени");
        if named_after || rules.keep.contains(&crate::text::fold(whole.as_str())) {
            continue;
        }
        let (start, len) = (char_at(whole.start()), whole.as_str().chars().count());
        put(start, len, &initials(&m));
    }
    let masked: String = out.iter().collect();
    let mut out: Vec<char> = masked.chars().collect();
    for word in &rules.hide {
        let text: String = out.iter().collect();
        let mut from = 0;
        while let Some(at) = text[from..].find(word.as_str()) {
            let byte = from + at;
            let start = text[..byte].chars().count();
            let len = word.chars().count();
            let with: Vec<char> = "—".chars().chain(std::iter::repeat(' ')).take(len).collect();
            out[start..start + len].copy_from_slice(&with);
            from = byte + word.len();
        }
    }
    out.into_iter().collect()
}

/// The drawn frame, masked row by row. A cell holding more than one character (a wide or
/// combining one) stands as one placeholder, so that positions stay those of the cells.
pub fn mask(buf: &mut Buffer, area: Rect, rules: &ShareRules) {
    const OTHER: char = '\u{FFFC}';
    for y in area.top()..area.bottom() {
        let symbols: Vec<String> = (area.left()..area.right()).map(|x| buf[(x, y)].symbol().to_string()).collect();
        let line: String = symbols
            .iter()
            .map(|s| {
                let mut c = s.chars();
                match (c.next(), c.next()) {
                    (Some(one), None) => one,
                    _ => OTHER,
                }
            })
            .collect();
        let masked = mask_line(&line, rules);
        if masked == line {
            continue;
        }
        for (i, (was, now)) in line.chars().zip(masked.chars()).enumerate() {
            if was != now && now != OTHER {
                buf[(area.left() + i as u16, y)].set_char(now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_to_initials_and_categories_hidden_keeping_the_line_length() {
        let rules = ShareRules {
            keep: HashSet::from([crate::text::fold("Н.О. Ерошенкова")]),
            hide: vec!["сильно неуспевающая".into(), "ШНОР".into()],
        };
        let line =
            "│ Т.П. Маслова → Маслова Т.П., Маслова Татьяна Павловна; Н.О. Ерошенкова │ ШНОР (8) сильно неуспевающая │";
        let masked = mask_line(line, &rules);
        assert_eq!(masked.chars().count(), line.chars().count());
        assert!(!masked.contains("Маслова"), "{masked}");
        assert!(masked.contains("Т.П. М."), "{masked}");
        assert!(masked.contains("М. Т.П."), "{masked}");
        assert!(masked.contains("М. Т. П."), "{masked}");
        assert!(masked.contains("Н.О. Ерошенкова"), "the focused school's teacher is kept: {masked}");
        assert!(!masked.contains("ШНОР") && !masked.contains("неуспевающая"), "{masked}");
        assert!(masked.contains("— (8)") || masked.contains("—    (8)"), "{masked}");
        // A school's name is no person's.
        for school in ["МБОУ «СОШ №3» г. Пикалево", "МБОУ «СШ № 32 им. С.А. Лавочкина»", "Лицей имени А.С. Пушкина"]
        {
            assert_eq!(mask_line(school, &ShareRules::default()), school);
        }
    }
}
