//! iCalendar export of the roadmap: every event as a whole-day event over its dates, every
//! decision's deadline as a whole-day event on its last day, for any calendar program.

use crate::domain::{EventStatus, When};
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
/// involving a school whose name matches `school`.
pub fn calendar(store: &Store, year: Option<AcademicYear>, school: Option<&str>, s: &Strings) -> Result<String> {
    let years = match year {
        Some(y) => vec![y],
        None => store.years()?,
    };
    let mut cal = Calendar::new();
    cal.name("nastavnik");
    let mut seen = std::collections::HashSet::new();
    let wanted = |text: &str| school.is_none_or(|q| matches_query(&fold(text), q));
    for y in years {
        for e in store.events(y)? {
            if !seen.insert(("event", e.id))
                || !wanted(&format!("{} {} {}", e.host_school, e.host_short, e.participants))
            {
                continue;
            }
            let mut ev = Event::new();
            if !days(&mut ev, &e.when, &e.time) {
                continue;
            }
            let mut about = vec![
                format!("{}: {}", s.col_date, e.when.display()),
                format!("{}: {}", s.col_status, e.status.label(s)),
            ];
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
                .summary(&summary(&e))
                .description(&about.join("\n"))
                .location(&e.host_school)
                .status(status(e.status));
            cal.push(ev.done());
        }
        for x in store.decisions(y)? {
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
    }
    Ok(cal.done().to_string())
}
