//! Reading dates and periods the way the documents write them: `25.11.2021`, `2021-11-25`,
//! `21.10.2021–25.10.2021`, `октябрь–ноябрь 2021`, `в октябре 2021`, `осенние каникулы 2021`,
//! `в течение 2022-2023 учебного года`, `второе полугодие 2022`. The words typed are kept for
//! display; the dates are what the timeline and sorting use.

use crate::domain::When;
use crate::text::{fold, parse_date, AcademicYear};
use chrono::NaiveDate;

const MONTHS: [&str; 12] =
    ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

fn month_of(word: &str) -> Option<u32> {
    // "ма" (май, мая, мае) must not swallow "март": try the longer stems first.
    let mut order: Vec<usize> = (0..12).collect();
    order.sort_by_key(|i| std::cmp::Reverse(MONTHS[*i].len()));
    order.into_iter().find(|i| word.starts_with(MONTHS[*i]) && word.len() <= MONTHS[*i].len() + 6).map(|i| i as u32 + 1)
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt()).expect("a month has a last day")
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Reads a date or a period; `None` when the words are not understood.
pub fn parse_when(input: &str) -> Option<When> {
    let text = crate::text::clean_line(input.trim());
    if text.is_empty() {
        return None;
    }
    if let Some(d) = parse_date(&text) {
        return Some(When::day(d));
    }
    // A deadline: «до 01.03.2025», «не позднее 01.03.2025», «by 01.03.2025» — the day, kept as
    // written.
    let lower = text.to_lowercase();
    for prefix in ["до ", "не позднее ", "by ", "until "] {
        if let Some(d) =
            lower.strip_prefix(prefix).and_then(|rest| parse_date(rest.trim().trim_end_matches(['г', '.', ' '])))
        {
            return Some(When { start: Some(d), end: Some(d), text: Some(text.clone()) });
        }
    }
    // Two dates with a dash between them.
    for sep in ['–', '—', '-'] {
        if let Some((a, b)) = text.split_once(&format!(" {sep} ")).or_else(|| text.split_once(sep)) {
            if let (Some(a), Some(b)) = (parse_date(a), parse_date(b)) {
                return (a <= b).then_some(When { start: Some(a), end: Some(b), text: None });
            }
        }
    }
    let f = fold(&text);
    let words: Vec<&str> = f.split(' ').collect();
    let years: Vec<i32> =
        words.iter().filter_map(|w| w.parse::<i32>().ok()).filter(|y| crate::text::YEARS.contains(y)).collect();
    let keep = |start, end| Some(When { start: Some(start), end: Some(end), text: Some(text.clone()) });

    // "в течение 2022-2023 учебного года", "2022-2023 учебный год": fold turns "2022-2023" into two words.
    if f.contains("учебн") && years.len() >= 2 && years[1] == years[0] + 1 {
        let y = AcademicYear(years[0]);
        return keep(y.start(), y.end());
    }
    let year = *years.first()?;
    if f.contains("каникул") {
        let (s, e) = if f.contains("осен") {
            (ymd(year, 10, 25)?, ymd(year, 11, 7)?)
        } else if f.contains("зимн") {
            (ymd(year, 12, 29)?, ymd(year + 1, 1, 8)?)
        } else if f.contains("весен") {
            (ymd(year, 3, 23)?, ymd(year, 3, 31)?)
        } else if f.contains("летн") {
            (ymd(year, 6, 1)?, ymd(year, 8, 31)?)
        } else {
            return None;
        };
        return keep(s, e);
    }
    if f.contains("полугод") {
        return if f.contains("перв") || f.contains("1 полугод") {
            keep(ymd(year, 1, 1)?, ymd(year, 6, 30)?)
        } else if f.contains("втор") || f.contains("2 полугод") {
            keep(ymd(year, 9, 1)?, ymd(year, 12, 31)?)
        } else {
            None
        };
    }
    let months: Vec<u32> = words.iter().filter_map(|w| month_of(w)).collect();
    match months.as_slice() {
        [m] => keep(ymd(year, *m, 1)?, month_end(year, *m)),
        [a, b] => {
            // "ноябрь–февраль 2022" runs over the new year: the later month is in the year written.
            let first_year = if b < a { year - 1 } else { year };
            keep(ymd(first_year, *a, 1)?, month_end(year, *b))
        }
        [] if words.len() == 1 => keep(ymd(year, 1, 1)?, ymd(year, 12, 31)?),
        _ => None,
    }
}

/// Reads a time of day as the documents write it — «15.00», «15:00», «в 15.00»,
/// «15.00 ч.-16.00 ч.», «15.00–16.00» — as a start and, where given, an end; `None` when the
/// words hold no time a clock could show (they are then kept as written).
pub fn parse_clock(input: &str) -> Option<(chrono::NaiveTime, Option<chrono::NaiveTime>)> {
    let mut times = Vec::new();
    let mut rest = input;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        rest = &rest[at..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let h = digits(rest);
        let after = &rest[h..];
        let sep = after.chars().next().filter(|c| *c == '.' || *c == ':');
        let m = sep.map(|_| digits(&after[1..])).unwrap_or(0);
        if h == 0 || h > 2 || m != 2 {
            return None;
        }
        let hour: u32 = rest[..h].parse().ok()?;
        let minute: u32 = after[1..3].parse().ok()?;
        times.push(chrono::NaiveTime::from_hms_opt(hour, minute, 0)?);
        rest = &after[3..];
    }
    match times[..] {
        [start] => Some((start, None)),
        [start, end] if end > start => Some((start, Some(end))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_deadline_is_read_with_its_words() {
        let w = parse_when("до 01.03.2025").unwrap();
        assert_eq!((w.start, w.end), (NaiveDate::from_ymd_opt(2025, 3, 1), NaiveDate::from_ymd_opt(2025, 3, 1)));
        assert_eq!(w.text.as_deref(), Some("до 01.03.2025"));
        assert_eq!(parse_when("не позднее 30.12.2023 г.").unwrap().end, NaiveDate::from_ymd_opt(2023, 12, 30));
        assert!(parse_when("до 32.12.2024").is_none());
    }

    use super::*;

    #[test]
    fn a_time_of_day_is_read_as_the_protocols_write_it() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(parse_clock("15.00"), Some((t(15, 0), None)));
        assert_eq!(parse_clock("в 15:30"), Some((t(15, 30), None)));
        assert_eq!(parse_clock("15.00 ч.-16.00 ч."), Some((t(15, 0), Some(t(16, 0)))));
        assert_eq!(parse_clock("15.00–16.00"), Some((t(15, 0), Some(t(16, 0)))));
        // Words a clock cannot show are kept as written, not guessed at.
        for kept in ["после уроков", "3 урок", "25.00", "16.00–15.00", "15.00, 16.00, 17.00", ""] {
            assert_eq!(parse_clock(kept), None, "{kept}");
        }
    }

    fn span(s: &str) -> (String, String, String) {
        let w = parse_when(s).unwrap_or_else(|| panic!("«{s}» not understood"));
        (
            w.start.map(|d| d.to_string()).unwrap_or_default(),
            w.end.or(w.start).map(|d| d.to_string()).unwrap_or_default(),
            w.display(),
        )
    }

    #[test]
    fn the_documents_ways_of_writing_dates() {
        assert_eq!(span("25.11.2021"), ("2021-11-25".into(), "2021-11-25".into(), "25.11.2021".into()));
        assert_eq!(span("2021-11-25").0, "2021-11-25");
        assert_eq!(span("21.10.2021–25.10.2021").1, "2021-10-25");
        assert_eq!(
            span("октябрь–ноябрь 2021"),
            ("2021-10-01".into(), "2021-11-30".into(), "октябрь–ноябрь 2021".into())
        );
        assert_eq!(span("в мае 2022"), ("2022-05-01".into(), "2022-05-31".into(), "в мае 2022".into()));
        assert_eq!(span("март 2022").1, "2022-03-31");
        assert_eq!(span("осенние каникулы 2021").0, "2021-10-25");
        assert_eq!(
            span("в течение 2022-2023 учебного года"),
            ("2022-09-01".into(), "2023-08-31".into(), "в течение 2022-2023 учебного года".into())
        );
        assert_eq!(
            span("второе полугодие 2022"),
            ("2022-09-01".into(), "2022-12-31".into(), "второе полугодие 2022".into())
        );
        assert_eq!(span("ноябрь–февраль 2022").0, "2021-11-01");
        assert_eq!(span("2023").1, "2023-12-31");
    }

    #[test]
    fn what_cannot_be_read_is_refused() {
        for bad in ["", "скоро", "31.02.2022", "25.11.2021–01.01.2021", "каникулы", "октябрь"] {
            assert!(parse_when(bad).is_none(), "«{bad}» should be refused");
        }
    }
}
