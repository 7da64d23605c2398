//! iCalendar export of the roadmap: every event as a whole-day event over its dates, every
//! decision's deadline as a whole-day event on its last day, for any calendar program.

use crate::domain::{DecisionRow, EventRow, EventStatus, When};
use crate::i18n::Strings;
use crate::store::{Result, Store};
use crate::text::{fold, matches_query, AcademicYear};
use icalendar::{Calendar, Component, Event, EventLike};

fn status(s: EventStatus) -> icalendar::EventStatus {
    match s {
        EventStatus::Planned | EventStatus::Postponed => icalendar::EventStatus::Tentative,
        EventStatus::InProgress | EventStatus::Done => icalendar::EventStatus::Confirmed,
        EventStatus::Cancelled => icalendar::EventStatus::Cancelled,
    }
}

/// Whole days from the first to the last (iCalendar's end date is the day after); a one-day
/// event whose time is written as a clock reads it («15.00–16.00»; an hour when no end is
/// given), in the calendar's own time zone.
fn days(e: &mut Event, w: &When, time: &str) -> bool {
    let (Some(start), Some(last)) = (w.start, w.last_day()) else { return false };
    let clock = crate::period::parse_clock(time)
        .map(|(from, to)| (from, to.unwrap_or(from + chrono::Duration::hours(1))))
        .filter(|(from, to)| to > from);
    match clock {
        Some((from, to)) if start == last => {
            e.starts(start.and_time(from));
            e.ends(start.and_time(to));
        }
        _ => {
            e.starts(start);
            e.ends(last.succ_opt().unwrap_or(last));
        }
    }
    true
}

/// What a calendar shows in its grid: the title, and what tells apart events of the same title
/// (five «Взаимопосещение уроков» of a year): subject, grades, teacher.
fn summary(e: &crate::domain::EventRow) -> String {
    let grades = if e.grades.is_empty() { String::new() } else { format!("{} кл.", e.grades) };
    let more: Vec<&str> =
        [e.subject.as_str(), grades.as_str(), e.teacher.as_str()].into_iter().filter(|p| !p.is_empty()).collect();
    if more.is_empty() {
        e.title.clone()
    } else {
        format!("{} — {}", e.title, more.join(", "))
    }
}

/// The calendar of the given years (all with data when `None`), narrowed to events hosted by or
/// involving a school whose name matches `school`: the years read from the store, then
/// [`calendar_of`].
pub fn calendar(store: &Store, year: Option<AcademicYear>, school: Option<&str>, s: &Strings) -> Result<String> {
    let years = match year {
        Some(y) => vec![y],
        None => store.years()?,
    };
    let mut events = Vec::new();
    let mut decisions = Vec::new();
    for y in years {
        events.extend(store.events(y)?);
        decisions.extend(store.decisions(y)?);
    }
    Ok(calendar_of(&events, &decisions, school, s))
}

/// The calendar of these events and decisions (each once, though a year's read may repeat
/// one that runs over two), narrowed to those of a school whose name matches `school`.
pub fn calendar_of(events: &[EventRow], decisions: &[DecisionRow], school: Option<&str>, s: &Strings) -> String {
    let mut cal = Calendar::new();
    cal.name("nastavnik");
    let mut seen = std::collections::HashSet::new();
    let wanted = |text: &str| school.is_none_or(|q| matches_query(&fold(text), q));
    for e in events {
        if !seen.insert(("event", e.id)) || !wanted(&format!("{} {} {}", e.host_school, e.host_short, e.participants)) {
            continue;
        }
        let mut ev = Event::new();
        if !days(&mut ev, &e.when, &e.time) {
            continue;
        }
        let mut about =
            vec![format!("{}: {}", s.col_date, e.when.display()), format!("{}: {}", s.col_status, e.status.label(s))];
        for (label, value) in [
            (s.col_kind, &e.kind),
            (s.doc_time, &e.time),
            (s.doc_format, &e.format),
            (s.col_subject, &e.subject),
            (s.col_grades, &e.grades),
            (s.col_teacher, &e.teacher),
            (s.col_participants, &e.participants),
            (s.col_responsible, &e.responsible),
            (s.col_result, &e.result),
        ] {
            if !value.is_empty() {
                about.push(format!("{label}: {value}"));
            }
        }
        ev.uid(&format!("event-{}@nastavnik", e.id))
            .summary(&summary(e))
            .description(&about.join("\n"))
            .location(&e.host_school)
            .status(status(e.status));
        cal.push(ev.done());
    }
    for x in decisions {
        if !seen.insert(("decision", x.id)) || !wanted(&x.text) {
            continue;
        }
        let Some(last) = x.deadline.last_day() else { continue };
        let mut ev = Event::new();
        // A day long: iCalendar's end date is the day after.
        ev.starts(last)
            .ends(last.succ_opt().unwrap_or(last))
            .uid(&format!("decision-{}@nastavnik", x.id))
            .summary(&format!("{}: {}", s.col_deadline, x.text))
            .description(&format!(
                "{}\n{}: {}\n{}: {}\n{}: {}",
                x.meeting,
                s.col_deadline,
                x.deadline.display(),
                s.col_responsible,
                x.responsible,
                s.col_status,
                x.status.task_label(s)
            ))
            .status(status(x.status));
        cal.push(ev.done());
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn event(id: i64, title: &str, when: When, time: &str, host: &str) -> EventRow {
        EventRow {
            id,
            when,
            status: EventStatus::Done,
            kind: "семинар".into(),
            title: title.into(),
            subject: "физика".into(),
            grades: "9".into(),
            host_school: host.into(),
            host_short: host.into(),
            teacher: String::new(),
            participants: String::new(),
            responsible: String::new(),
            result: String::new(),
            district: String::new(),
            stamp: Default::default(),
            note: String::new(),
            format: "ВКС".into(),
            time: time.into(),
            marked: false,
            proposal: false,
            turnout: Default::default(),
            details: Vec::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The calendar's lines, folded ones joined, so that a property reads whole.
    fn lines(cal: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in cal.split("\r\n") {
            match l.strip_prefix(' ') {
                Some(more) => out.last_mut().unwrap().push_str(more),
                None => out.push(l.to_string()),
            }
        }
        out
    }

    #[test]
    fn a_day_with_a_clock_time_is_at_that_time_and_a_period_is_whole_days() {
        let s = crate::i18n::Lang::Ru.strings();
        let events = [
            event(1, "Круглый стол", When::day(day(2022, 6, 3)), "15.00–16.00", "СОШ №3"),
            event(2, "Совещание", When::day(day(2022, 4, 20)), "15.00", "ЦДО"),
            event(
                3,
                "Консультации",
                When::period(day(2021, 9, 1), day(2022, 8, 31), "в течение года"),
                "15.00",
                "ППМС",
            ),
            event(4, "Семинар", When::day(day(2022, 5, 5)), "после уроков", "СОШ №1"),
        ];
        let cal = lines(&calendar_of(&events, &[], None, s));
        // A property of the event with this UID: the line of its block that starts with it.
        let prop = |uid: &str, name: &str| -> String {
            let block = cal.split(|l| l == "BEGIN:VEVENT").find(|b| b.contains(&format!("UID:{uid}"))).unwrap();
            block.iter().find(|l| l.starts_with(name)).cloned().unwrap_or_default()
        };
        assert_eq!(prop("event-1@nastavnik", "DTSTART"), "DTSTART:20220603T150000");
        assert_eq!(prop("event-1@nastavnik", "DTEND"), "DTEND:20220603T160000");
        // No end written: an hour.
        assert_eq!(prop("event-2@nastavnik", "DTEND"), "DTEND:20220420T160000");
        // A period of days stays whole days, whatever its time says.
        assert_eq!(prop("event-3@nastavnik", "DTSTART"), "DTSTART;VALUE=DATE:20210901");
        assert_eq!(prop("event-3@nastavnik", "DTEND"), "DTEND;VALUE=DATE:20220901");
        // A time that is no clock stays words in the description.
        assert_eq!(prop("event-4@nastavnik", "DTSTART"), "DTSTART;VALUE=DATE:20220505");
        assert!(prop("event-4@nastavnik", "DESCRIPTION").contains("Время: после уроков"), "{cal:?}");
        // Commas escaped as iCalendar wants them.
        assert_eq!(prop("event-1@nastavnik", "SUMMARY"), "SUMMARY:Круглый стол — физика\\, 9 кл.");
    }

    #[test]
    fn a_school_narrows_the_calendar_and_an_event_read_twice_is_in_it_once() {
        let s = crate::i18n::Lang::Ru.strings();
        let one = event(1, "Взаимопосещение", When::day(day(2022, 3, 11)), "", "МБОУ «СОШ №1» г. Пикалево");
        let other = event(2, "Мастер-класс", When::day(day(2022, 3, 12)), "", "МБОУ «СОШ №3» г. Пикалево");
        let cal = calendar_of(&[one.clone(), other, one], &[], Some("сош 1 пикалево"), s);
        assert_eq!(cal.matches("BEGIN:VEVENT").count(), 1, "{cal}");
        assert!(cal.contains("UID:event-1@nastavnik"));
    }
}
