//! Text rules shared by the store and the screen: what may reach a terminal, how names are
//! folded for search, and how dates and numbers are written the way Russian documents write them.

use chrono::{Datelike, NaiveDate};

/// Unicode's format characters (general category Cf, as of Unicode 15.1): invisible, they can
/// reorder a row (bidirectional overrides), hide text (zero widths, tags, the invisible
/// operators, the soft hyphen) or split a search. None of them is needed by Russian text; the
/// zero-width joiner is kept only inside an emoji sequence (see [`clean`]).
pub fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}' | '\u{0890}'..='\u{0891}'
        | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Line and paragraph separators: invisible line breaks some terminals honour.
fn is_format_hazard(c: char) -> bool {
    is_format_char(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A character an emoji sequence joins with the zero-width joiner (👩‍🏫): pictographs and
/// their variation selector and skin tones.
fn is_emoji_part(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{FE0F}')
}

/// Skips the rest of a terminal escape sequence whose ESC (or C1 CSI) was just read: a CSI
/// (`ESC [ … final`), an OSC or a string command (`ESC ] … BEL` or `… ESC \`), or ESC and one
/// character — so that no `[2J` is left behind when the ESC is dropped.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>, csi: bool) {
    let kind = if csi { '[' } else { chars.next().unwrap_or('\0') };
    match kind {
        '[' => {
            // Parameters and intermediates, then one final byte in @..~; a character that
            // belongs to no sequence ends it and is kept.
            while let Some(&c) = chars.peek() {
                if ('\u{20}'..='\u{3F}').contains(&c) {
                    chars.next();
                } else {
                    if ('\u{40}'..='\u{7E}').contains(&c) {
                        chars.next();
                    }
                    break;
                }
            }
        }
        ']' | 'P' | 'X' | '^' | '_' => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9C}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Removes control characters (except newline), whole terminal escape sequences and format
/// characters that could move the cursor, clear the screen or reverse a row. Tabs become
/// spaces; CRLF becomes LF.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars, false),
            '\u{9b}' => skip_escape(&mut chars, true),
            '\u{200D}'
                if out.chars().last().is_some_and(is_emoji_part) && chars.peek().is_some_and(|n| is_emoji_part(*n)) =>
            {
                out.push(c)
            }
            c if c.is_control() => {}
            c if is_format_hazard(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`clean_line`] for an owned string, returning it untouched (no copy) when it is clean,
/// as nearly every string read from the store is.
pub fn clean_line_owned(s: String) -> String {
    // Printable ASCII and Russian letters, most of any text, are answered without the tables.
    let hazard = |c: char| match c {
        ' '..='~' | 'А'..='я' | 'Ё' | 'ё' => false,
        _ => c.is_control() || is_format_hazard(c),
    };
    if s.chars().any(hazard) {
        clean_line(&s)
    } else {
        s
    }
}

/// Like [`clean`], and also joins lines: for a cell of a table or a one-line field.
pub fn clean_line(s: &str) -> String {
    let cleaned = clean(s);
    if cleaned.contains('\n') {
        cleaned.split('\n').map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        cleaned
    }
}

/// The folded form used for searching: lowercase, ё→е, punctuation and quotes dropped,
/// whitespace collapsed, and a number apart from the letters it is glued to (`сош3` is
/// `сош 3`, as people type it). `LIKE` and `lower()` in SQLite fold ASCII only, so the store
/// keeps this form in a column of its own.
pub fn fold(s: &str) -> String {
    fold_join([s])
}

/// [`fold`] of the parts joined by spaces, without making the joined string first.
pub fn fold_join<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut space = true;
    let mut last_digit = false;
    let mut put = |c: char, out: &mut String| {
        let c = if c == 'ё' { 'е' } else { c };
        if is_word_char(c) {
            let digit = c.is_ascii_digit();
            if !space && digit != last_digit {
                out.push(' ');
            }
            out.push(c);
            space = false;
            last_digit = digit;
        } else if !space {
            out.push(' ');
            space = true;
        }
    };
    for (n, part) in parts.into_iter().enumerate() {
        if n > 0 {
            put(' ', &mut out);
        }
        out.reserve(part.len());
        for c in part.chars() {
            // Latin and Russian letters, the most of every name, without Unicode's tables (an
            // import folds every name of a region); the rest as Unicode lowercases it.
            match c {
                'A'..='Z' => put(c.to_ascii_lowercase(), &mut out),
                '\0'..='\u{7f}' | 'а'..='я' => put(c, &mut out),
                'А'..='Я' => put(char::from_u32(c as u32 + 0x20).unwrap_or(c), &mut out),
                'Ё' => put('е', &mut out),
                _ => c.to_lowercase().for_each(|l| put(l, &mut out)),
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A letter or a digit, as `char::is_alphanumeric`, with ASCII and Russian answered first.
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether one folded query word is in the folded haystack: a number only as a whole number
/// ("3" is not in "13" nor in "1"), a word anywhere in it.
pub fn word_matches(haystack_folded: &str, word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        haystack_folded.split(' ').any(|w| w == word)
    } else {
        haystack_folded.contains(word)
    }
}

/// True when every word of the folded query occurs in the folded haystack, in any order.
pub fn matches_query(haystack_folded: &str, query: &str) -> bool {
    let q = fold(query);
    q.split(' ').filter(|w| !w.is_empty()).all(|w| word_matches(haystack_folded, w))
}

pub fn format_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    // Not through chrono's format string: a year's rows print tens of thousands of dates.
    format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year())
}

/// A sentence of `s`: its full stop added, unless it ends with one already — an initial or an
/// abbreviation («Калинова С.А.», «2023 г.») takes no second dot.
/// The text with its first letter a capital: a field's name at the head of a line.
pub fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// When a row was changed, as stored (`2026-11-23 07:57:12`, UTC or local, maybe with a `T`),
/// printed as a Russian reads a time: `23.11.2026 07:57`. Anything else is shown as it is.
pub fn format_stamp(at: &str) -> String {
    let b = at.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shaped = b.len() >= 16
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b' ' | b'T')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16);
    if !shaped {
        return at.to_string();
    }
    format!("{}.{}.{} {}", &at[8..10], &at[5..7], &at[0..4], &at[11..16])
}

/// The years a date typed by a coordinator may fall in: a year outside them is a typing
/// mistake (`25.11.1921`, `01.09.9999`), not a school year.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Reads `25.11.2021`, `25.11.21` (a two-digit year is 20xx) or `2021-11-25`, refusing a day
/// that does not exist and a year outside [`YEARS`].
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    read_date(s).filter(|d| YEARS.contains(&d.year()))
}

/// The date as written, before the years are judged.
fn read_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let digits = |p: &str, lens: &[usize]| -> Option<u32> {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
    };
    let parts: Vec<&str> = s.split('.').collect();
    if let [d, m, y] = parts.as_slice() {
        let (d, m) = (digits(d, &[1, 2])?, digits(m, &[1, 2])?);
        let y = match y.len() {
            2 => 2000 + digits(y, &[2])? as i32,
            _ => digits(y, &[4])? as i32,
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let parts: Vec<&str> = s.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        return NaiveDate::from_ymd_opt(digits(y, &[4])? as i32, digits(m, &[1, 2])?, digits(d, &[1, 2])?);
    }
    None
}

/// Why a date field's text is refused, in the UI's language: a year outside [`YEARS`], or
/// not a date written as the documents write them.
pub fn date_error(s: &str, t: &crate::i18n::Strings) -> &'static str {
    if let Some(why) = no_such_day(s, t) {
        return why;
    }
    if read_date(s).is_some() {
        t.err_year_range
    } else {
        t.err_date
    }
}

/// «31.02.2024», «31.04.2022»: a day the month has not — said with how many days it has.
fn no_such_day(s: &str, t: &crate::i18n::Strings) -> Option<&'static str> {
    let parts: Vec<&str> = s.trim().split('.').collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let y = if y < 100 { 2000 + y } else { y };
    if !(1..=12).contains(&m) || !YEARS.contains(&y) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
    let days = (next - first).num_days() as u32;
    if d <= days || d > 31 {
        return None;
    }
    let index = if m == 2 && days == 29 { 12 } else { m as usize - 1 };
    t.month_days.split('|').nth(index)
}

/// The same for a date-or-period field: a date in it with a year outside [`YEARS`] is named
/// as such; anything else unreadable gets the examples of what is read.
pub fn when_error(s: &str, t: &crate::i18n::Strings) -> &'static str {
    if let Some(why) = s.split(|c: char| !(c.is_ascii_digit() || c == '.')).find_map(|w| no_such_day(w, t)) {
        return why;
    }
    // Runs of digits and dots: a date ("01.01.1850") or a year ("1850").
    let far_off = s.split(|c: char| !(c.is_ascii_digit() || c == '.')).any(|w| {
        let w = w.trim_matches('.');
        match read_date(w) {
            Some(d) => !YEARS.contains(&d.year()),
            None => w.len() == 4 && w.parse::<i32>().is_ok_and(|y| !YEARS.contains(&y)),
        }
    });
    if far_off {
        t.err_year_range
    } else {
        t.err_when
    }
}

/// An academic year runs from September to August and is written `2021-2022`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear(pub i32);

/// Written as people write it: «2021-2022».
impl serde::Serialize for AcademicYear {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&self.label())
    }
}

/// Today, as the program judges what is overdue: the machine's date, or `NASTAVNIK_TODAY`
/// (`25.11.2021` or `2021-11-25`) when set — the clock the tests give it, never the machine's.
pub fn today() -> NaiveDate {
    std::env::var("NASTAVNIK_TODAY")
        .ok()
        .and_then(|v| parse_date(v.trim()))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

impl AcademicYear {
    pub fn of(d: NaiveDate) -> Self {
        if d.month() >= 9 {
            AcademicYear(d.year())
        } else {
            AcademicYear(d.year() - 1)
        }
    }
    pub fn current() -> Self {
        Self::of(today())
    }
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 9, 1).expect("1 September exists")
    }
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 8, 31).expect("31 August exists")
    }
    pub fn label(self) -> String {
        format!("{}-{}", self.0, self.0 + 1)
    }
    /// Reads `2022-2023`, `2022-23` or `2022/2023`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (a, b) = s.split_once(['-', '/', '–'])?;
        let a: i32 = a.trim().parse().ok()?;
        let b: i32 = b.trim().parse().ok()?;
        let ok = b == a + 1 || (b < 100 && b == (a + 1) % 100);
        (ok && (1900..3000).contains(&a)).then_some(AcademicYear(a))
    }
}

/// A number with the decimal comma: `98,6`.
pub fn format_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.1}");
        s.replace('.', ",")
    }
}

/// Reads `98,6`, `98.6`, `98,6%`, `да`/`нет`.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
    t.parse().ok()
}

/// Cuts a string to at most `width` terminal columns, with an ellipsis when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A cell cut to `width` the way a name is best recognised: a school's legal form
/// ("МБОУ «СОШ № 15» г. Пикалево") goes first, so that its number is never what is cut
/// («СОШ № 15» г. Пикалево, then «СОШ № 15» г. Пи…).
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return s.to_string();
    }
    let legal_form = s.split_once(' ').filter(|(form, rest)| {
        (2..=6).contains(&form.chars().count())
            && form.chars().all(|c| c.is_uppercase())
            && rest.trim_start().starts_with('«')
    });
    match legal_form {
        Some((_, rest)) => truncate(rest.trim_start(), width),
        None => truncate(s, width),
    }
}

/// A key that sorts names the way people read them when compared as plain strings: folded,
/// with every run of digits padded, so "СШ № 2" comes before "СШ № 13".
pub fn natural_key(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len() + 8);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            let trimmed = digits.trim_start_matches('0');
            out.push_str(&format!("{:0>12}", if trimmed.is_empty() { "0" } else { trimmed }));
            digits.clear();
        }
    };
    for c in f.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Compares names the way people read them: "СШ № 2" before "СШ № 13", case and ё folded.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    natural_key(a).cmp(&natural_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folding of every name, as Unicode's own lowercasing and classes give it.
    fn fold_by_unicode(s: &str) -> String {
        let mut out = String::new();
        let (mut space, mut last_digit) = (true, false);
        for c in s.chars().flat_map(char::to_lowercase) {
            let c = if c == 'ё' { 'е' } else { c };
            if c.is_alphanumeric() {
                let digit = c.is_ascii_digit();
                if !space && digit != last_digit {
                    out.push(' ');
                }
                out.push(c);
                space = false;
                last_digit = digit;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        out.trim_end().to_string()
    }

    #[test]
    fn a_day_the_month_has_not_is_named_with_the_days_it_has() {
        let s = &crate::i18n::RU;
        assert_eq!(date_error("31.02.2024", s), "в феврале високосного года 29 дней");
        assert_eq!(date_error("29.02.2023", s), "в феврале невисокосного года 28 дней");
        assert_eq!(date_error("31.04.22", s), "в апреле 30 дней");
        assert_eq!(when_error("с 31.11.2021 по 10.12.2021", s), "в ноябре 30 дней");
        assert_eq!(date_error("32.01.2024", s), s.err_date);
        assert_eq!(date_error("завтра", s), s.err_date);
    }

    #[test]
    fn the_quick_fold_is_the_unicode_fold() {
        let every: String = (0u32..0x2200).filter_map(char::from_u32).collect();
        assert_eq!(fold(&every), fold_by_unicode(&every));
        for s in
            ["МБОУ «СОШ №3» г. Пикалево", "ЁЛКА ёлка Ёж", "İstanbul ǅ ß Σ", "Школа-интернат №1\tимени А.С. Пушкина"]
        {
            assert_eq!(fold(s), fold_by_unicode(s), "{s}");
        }
    }

    #[test]
    fn clean_strips_escapes_and_bidi() {
        let hostile = "Ива\u{1b}[2Jнов\u{202E}\u{7}\r\nа\tб\u{2066}";
        assert_eq!(clean(hostile), "Иванов\nа б");
        // Every kind of escape sequence goes whole, with what it carries.
        assert_eq!(clean("a\u{1b}[38;5;196mb\u{1b}]0;title\u{7}c\u{1b}]52;c;aGk=\u{1b}\\d\u{9b}2Je\u{1b}Mf"), "abcdef");
        // Invisible format characters: soft hyphen, word joiner, invisible operators, tags.
        assert_eq!(clean("Мас\u{AD}ло\u{2060}ва\u{2062}\u{206A}\u{E0041}"), "Маслова");
        // A zero-width joiner inside an emoji sequence stays; between letters it goes.
        assert_eq!(clean("👩\u{200D}🏫 у\u{200D}чи"), "👩\u{200D}🏫 учи");
        assert_eq!(clean_line("a\nb"), "a b");
    }

    #[test]
    fn fold_ignores_case_yo_and_punctuation() {
        assert_eq!(fold("МБОУ «СОШ №3» г. Пикалёво"), "мбоу сош 3 г пикалево");
        assert!(matches_query(&fold("МБОУ «СОШ №3» г. Пикалево"), "сош 3 пикалёво"));
        assert!(matches_query(&fold("МБОУ «СОШ №3» г. Пикалево"), "ПИКАЛЕВО сош"));
        assert!(!matches_query(&fold("МБОУ «СОШ №3» г. Пикалево"), "сош 4"));
        // A number glued to its letters is a word of its own, and numbers match whole.
        assert_eq!(fold("СОШ3"), "сош 3");
        assert_eq!(fold("сш40а"), "сш 40 а");
        assert!(matches_query(&fold("МБОУ «СОШ №3» г. Пикалево"), "сош3 пикалево"));
        assert!(!matches_query(&fold("МБОУ «СОШ №13»"), "сош3"));
        assert!(!matches_query(&fold("МБОУ «СОШ №1»"), "сош 13"));
        assert!(matches_query(&fold("МБОУ «СШ № 40»"), "сш40"));
    }

    #[test]
    fn dates_and_years() {
        let d = parse_date("25.11.2021").unwrap();
        assert_eq!(d, parse_date("2021-11-25").unwrap());
        assert_eq!(format_date(d), "25.11.2021");
        assert_eq!(format_stamp("2026-11-23 07:57:12"), "23.11.2026 07:57");
        assert_eq!(format_stamp("2026-11-23T07:57:12Z"), "23.11.2026 07:57");
        assert_eq!(format_stamp("вчера"), "вчера");
        assert_eq!(sentence("Калинова С.А."), "Калинова С.А.");
        assert_eq!(sentence("до 30 декабря 2023 г. "), "до 30 декабря 2023 г.");
        assert_eq!(sentence("Маслова Т.П"), "Маслова Т.П.");
        assert_eq!(AcademicYear::of(d).label(), "2021-2022");
        assert_eq!(AcademicYear::parse("2022-23"), Some(AcademicYear(2022)));
        assert_eq!(AcademicYear::parse("2022-2024"), None);
        assert!(parse_date("31.02.2021").is_none());
    }

    #[test]
    fn a_two_digit_year_is_this_century_and_a_year_far_off_is_refused() {
        assert_eq!(parse_date("25.11.21"), NaiveDate::from_ymd_opt(2021, 11, 25));
        assert_eq!(parse_date("5.9.22"), NaiveDate::from_ymd_opt(2022, 9, 5));
        for bad in ["25.11.1921", "01.01.1989", "01.01.2101", "31.12.9999", "2021-11-25x", "25.11.221", "25.11.", "1.1"]
        {
            assert_eq!(parse_date(bad), None, "«{bad}»");
        }
        let s = &crate::i18n::RU;
        assert_eq!(date_error("31.12.9999", s), s.err_year_range);
        assert_eq!(date_error("31.02.2024", s), "в феврале високосного года 29 дней");
        assert_eq!(when_error("01.01.1850–02.02.1850", s), s.err_year_range);
        assert_eq!(when_error("осенние каникулы 1850", s), s.err_year_range);
        assert_eq!(when_error("скоро", s), s.err_when);
    }

    /// Every day the program accepts, in every way the README writes a date, reads back as
    /// itself — and the day before and after the range is refused.
    #[test]
    fn every_day_of_the_range_round_trips_in_every_format() {
        let first = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(*YEARS.end(), 12, 31).unwrap();
        let mut d = first;
        while d <= last {
            assert_eq!(parse_date(&format_date(d)), Some(d));
            assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Some(d));
            assert_eq!(parse_date(&d.format("%-d.%-m.%Y").to_string()), Some(d));
            if (2000..2100).contains(&d.year()) {
                assert_eq!(parse_date(&d.format("%d.%m.%y").to_string()), Some(d));
            }
            d = d.succ_opt().unwrap();
        }
        assert_eq!(parse_date(&format_date(first.pred_opt().unwrap())), None);
        assert_eq!(parse_date(&format_date(last.succ_opt().unwrap())), None);
    }

    #[test]
    fn a_school_is_cut_from_its_legal_form_never_through_its_number() {
        assert_eq!(fit("МБОУ «СОШ № 15» г. Пикалево", 40), "МБОУ «СОШ № 15» г. Пикалево");
        assert_eq!(fit("МБОУ «СОШ № 15» г. Пикалево", 20), "«СОШ № 15» г. Пикал…");
        assert_eq!(fit("МАОУ «СОШ № 15»", 12), "«СОШ № 15»");
        assert_eq!(fit("Комитет образования администрации", 12), "Комитет обр…");
    }

    #[test]
    fn natural_order_of_school_numbers() {
        let mut v = vec!["МБОУ «СШ № 13»", "МБОУ «СШ № 2»", "мбоу «сш № 1»", "МБОУ «СШ № 1 им. А»"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["мбоу «сш № 1»", "МБОУ «СШ № 1 им. А»", "МБОУ «СШ № 2»", "МБОУ «СШ № 13»"]);
    }

    #[test]
    fn numbers_use_decimal_comma() {
        assert_eq!(format_number(98.6), "98,6");
        assert_eq!(format_number(100.0), "100");
        assert_eq!(parse_number("50,4%"), Some(50.4));
    }
}
