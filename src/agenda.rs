//! The week ahead: what needs the coordinator now, of every year, in date order — what is
//! overdue first (with how many days), then today, this week, next week and the rest of the
//! horizon: events not yet held, decisions' and recommendations' deadlines, anti-risk
//! programmes' deadlines, indicators due and not met, agreements ending soon. The Agenda pane
//! and `nastavnik agenda` read the same list.

use crate::domain::{AgreementStatus, EventRow};
use crate::i18n::{plural, Strings};
use crate::store::{FocusSets, Result, Store};
use crate::text::{fold, format_date, matches_query, AcademicYear};
use chrono::{Datelike, Duration, NaiveDate};

/// «1 867 дней»: days by the one–few–many rule, thousands apart as Russian prints them.
fn days(n: i64, s: &Strings) -> String {
    let n = n.max(0) as usize;
    let said = plural(n, s.forms_day, s);
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    said.replacen(&digits, &grouped, 1)
}

/// What an agenda line is, to open it in its own pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Event(i64),
    Decision(i64),
    Risk(i64),
    /// An indicator, with the school its value is of.
    Indicator(i64, Option<i64>),
    Agreement(i64),
    /// A task of a programme.
    Task(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bucket {
    Overdue,
    Today,
    ThisWeek,
    NextWeek,
    Later,
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [Bucket::Overdue, Bucket::Today, Bucket::ThisWeek, Bucket::NextWeek, Bucket::Later];

    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            Bucket::Overdue => s.wk_overdue,
            Bucket::Today => s.wk_today,
            Bucket::ThisWeek => s.wk_this_week,
            Bucket::NextWeek => s.wk_next_week,
            Bucket::Later => s.wk_later,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Item {
    pub source: Source,
    /// The day it happens: an event's first day, a deadline's last day, an agreement's end.
    pub day: NaiveDate,
    /// Its last day: after it, it is overdue.
    pub due: NaiveDate,
    /// Its dates as the store holds them («в течение 2022-2023 учебного года», «21.10.2021»).
    pub when: String,
    pub kind: &'static str,
    pub what: String,
    /// Where: the host school, the meeting, the school, the parties.
    pub place: String,
    /// Who is responsible, as written.
    pub who: String,
    /// The academic year its own pane lists it in.
    pub year: AcademicYear,
}

impl Item {
    pub fn bucket(&self, today: NaiveDate) -> Bucket {
        let sunday = today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
        if self.due < today {
            Bucket::Overdue
        } else if self.day <= today {
            Bucket::Today
        } else if self.day <= sunday {
            Bucket::ThisWeek
        } else if self.day <= sunday + Duration::days(7) {
            Bucket::NextWeek
        } else {
            Bucket::Later
        }
    }

    /// «просрочено на 5 дней», «сегодня», «через 3 дня».
    pub fn state(&self, today: NaiveDate, s: &Strings) -> String {
        if self.due < today {
            format!("{} {}", s.wk_late_by, days((today - self.due).num_days(), s))
        } else if self.day <= today {
            if self.due > today {
                format!("{} {}", s.wk_until, format_date(self.due))
            } else {
                s.wk_today_word.to_string()
            }
        } else {
            format!("{} {}", s.wk_in, days((self.day - today).num_days(), s))
        }
    }

    /// The one day a narrow column shows: the last day of what is overdue or under way, the
    /// first day of what is to come («31.08.2023» for «в течение 2022-2023 учебного года»).
    pub fn date(&self, today: NaiveDate) -> String {
        format_date(if self.day <= today { self.due } else { self.day })
    }

    /// The folded text `--who` and the filter's `отв:` look in.
    pub fn responsible_folded(&self) -> String {
        fold(&self.who)
    }
}

/// The agenda as of `today`: its lines in order, and how many open decisions have no deadline
/// (they are in no week; said in one line).
#[derive(Clone, Debug, Default)]
pub struct Agenda {
    pub today: NaiveDate,
    pub until: NaiveDate,
    pub items: Vec<Item>,
    /// The open decisions without a deadline: their ids and responsible.
    pub undated: Vec<(i64, String)>,
}

fn event_what(e: &EventRow) -> String {
    let grades = if e.grades.is_empty() { String::new() } else { format!("{} кл.", e.grades) };
    let more: Vec<&str> = [e.subject.as_str(), grades.as_str()].into_iter().filter(|p| !p.is_empty()).collect();
    let title = if e.kind.is_empty() || fold(&e.title).contains(&fold(&e.kind)) {
        e.title.clone()
    } else {
        format!("{}: {}", e.kind, e.title)
    };
    if more.is_empty() {
        title
    } else {
        format!("{title} — {}", more.join(", "))
    }
}

/// Planned or under way: not yet done, postponed or cancelled.
fn open_status(st: crate::domain::EventStatus) -> bool {
    matches!(st, crate::domain::EventStatus::Planned | crate::domain::EventStatus::InProgress)
}

/// What needs attention from `today` to `days` days ahead (agreements: `expiring_days`), of the
/// district in focus when there is one.
pub fn agenda(
    store: &Store,
    today: NaiveDate,
    days: i64,
    expiring_days: i64,
    focus: Option<&FocusSets>,
    s: &Strings,
) -> Result<Agenda> {
    let until = today + Duration::days(days.max(0));
    let mut items = Vec::new();
    for e in store.open_events_until(until)? {
        if focus.is_some_and(|f| !f.events.contains(&e.id)) {
            continue;
        }
        let (Some(day), Some(due)) = (e.when.start, e.when.last_day()) else { continue };
        let place = if e.host_short.is_empty() { e.district.clone() } else { e.host_short.clone() };
        let who = if e.responsible.is_empty() { e.teacher.clone() } else { e.responsible.clone() };
        items.push(Item {
            source: Source::Event(e.id),
            day,
            due,
            when: e.when.display(),
            kind: s.wk_kind_event,
            what: event_what(&e),
            place,
            who,
            year: AcademicYear::of(day),
        });
    }
    let mut undated = Vec::new();
    for (x, meeting_day) in store.open_decisions_until(until)? {
        if focus.is_some_and(|f| !f.decisions.contains(&x.id)) {
            continue;
        }
        let Some(due) = x.deadline.last_day() else {
            undated.push((x.id, x.responsible.clone()));
            continue;
        };
        items.push(Item {
            source: Source::Decision(x.id),
            day: due,
            due,
            when: x.deadline.display(),
            kind: if x.of_report { s.ent_recommendation } else { s.wk_kind_decision },
            what: x.text.clone(),
            place: x.meeting.clone(),
            who: x.responsible.clone(),
            // Its own pane lists a decision in the year of its deadline, or its meeting's.
            year: AcademicYear::of(x.deadline.start.or(meeting_day).unwrap_or(due)),
        });
    }
    for r in store.open_risks_until(until)? {
        if focus.is_some_and(|f| !f.orgs.contains(&r.org)) {
            continue;
        }
        let Some(due) = r.deadline else { continue };
        let what = if r.programme.is_empty() {
            format!("{} «{}»", s.att_programme, r.direction)
        } else {
            format!("{} «{}»: {}", s.att_programme, r.direction, r.programme)
        };
        items.push(Item {
            source: Source::Risk(r.id),
            day: due,
            due,
            when: format_date(due),
            kind: s.wk_kind_risk,
            what,
            place: r.school.clone(),
            who: r.responsible.clone(),
            year: AcademicYear(r.year),
        });
    }
    // An indicator is due when its deadline comes and its latest value does not meet the
    // target (or there is none yet): the latest value of each indicator and school.
    let mut latest: std::collections::HashMap<(i64, Option<i64>), (AcademicYear, crate::domain::IndicatorRow)> =
        Default::default();
    for y in store.years()? {
        for i in store.indicators(y)? {
            if !i.latest || i.deadline.is_none_or(|d| d > until) {
                continue;
            }
            latest.insert((i.id, i.org), (y, i));
        }
    }
    let mut due_indicators: Vec<(AcademicYear, crate::domain::IndicatorRow)> = latest.into_values().collect();
    due_indicators.sort_by(|a, b| (a.1.deadline, a.1.id, &a.1.owner).cmp(&(b.1.deadline, b.1.id, &b.1.owner)));
    for (y, i) in due_indicators {
        let Some(due) = i.deadline else { continue };
        if let (Some(actual), Some(target)) = (i.actual_num, i.target_num) {
            if crate::deficits::meets(actual, target, i.lower_is_better) {
                continue;
            }
        }
        if let Some(f) = focus {
            if !i.org.map_or(i.district_id == Some(f.district), |o| f.orgs.contains(&o)) {
                continue;
            }
        }
        let actual = if i.actual.is_empty() { "—".to_string() } else { i.actual.clone() };
        items.push(Item {
            source: Source::Indicator(i.id, i.org),
            day: due,
            due,
            when: format_date(due),
            kind: s.wk_kind_indicator,
            what: format!("{} — {actual} {} {}", i.name, s.att_of_target, i.target),
            place: if i.owner.is_empty() { "—".to_string() } else { i.owner.clone() },
            who: String::new(),
            year: y,
        });
    }
    // The programmes' open tasks with a deadline by then.
    for p in store.programmes()? {
        if focus.is_some_and(|f| p.district_id != Some(f.district)) {
            continue;
        }
        for t in &p.tasks {
            let Some(due) = t.deadline.last_day() else { continue };
            if !open_status(t.status) || due > until {
                continue;
            }
            items.push(Item {
                source: Source::Task(t.id),
                day: t.deadline.start.unwrap_or(due),
                due,
                when: t.deadline.display(),
                kind: s.wk_kind_task,
                what: t.text.clone(),
                place: p.name.clone(),
                who: t.responsible.clone(),
                year: AcademicYear::of(due),
            });
        }
    }
    let soon = today + Duration::days(expiring_days.max(0));
    for a in store.agreements()? {
        if focus.is_some_and(|f| !f.agreements.contains(&a.id)) {
            continue;
        }
        let status = crate::lifecycle::effective(&a, today);
        let (_, end) = crate::lifecycle::term(&a);
        let Some(end) = end else { continue };
        if !matches!(status, AgreementStatus::InForce | AgreementStatus::Signed) || end < today || end > soon {
            continue;
        }
        let number = if a.number.is_empty() { String::new() } else { format!(" № {}", a.number) };
        items.push(Item {
            source: Source::Agreement(a.id),
            day: end,
            due: end,
            when: a.term.clone(),
            kind: s.wk_kind_agreement,
            what: format!("{}{number}: {} {}", a.kind.label(s), a.title, s.wk_ends),
            place: a.parties.clone(),
            who: String::new(),
            year: AcademicYear::of(end),
        });
    }
    // What is overdue longest first; the rest by the day it comes.
    let key = |i: &Item| {
        let b = i.bucket(today);
        if b == Bucket::Overdue {
            (b, i.due, i.day)
        } else {
            (b, i.day, i.due)
        }
    };
    items.sort_by_key(key);
    Ok(Agenda { today, until, items, undated })
}

impl Agenda {
    /// Only the lines whose responsible matches `who` (a part of a name, folded as the filter
    /// folds it).
    pub fn of_responsible(mut self, who: &str) -> Agenda {
        self.items.retain(|i| matches_query(&i.responsible_folded(), who));
        self.undated.retain(|(_, r)| matches_query(&fold(r), who));
        self
    }

    /// The lines grouped by when, each group with its lines and their places in `items`,
    /// empty groups left out.
    pub fn groups(&self) -> Vec<(Bucket, Vec<(usize, &Item)>)> {
        Bucket::ALL
            .iter()
            .map(|b| {
                (*b, self.items.iter().enumerate().filter(|(_, i)| i.bucket(self.today) == *b).collect::<Vec<_>>())
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// A group's heading: «Просрочено», «Следующая неделя (07.12.2026 – 13.12.2026)».
    pub fn heading(&self, b: Bucket, s: &Strings) -> String {
        let sunday = self.today + Duration::days(6 - i64::from(self.today.weekday().num_days_from_monday()));
        let range = |from: NaiveDate, to: NaiveDate| format!("{} – {}", format_date(from), format_date(to));
        let dates = match b {
            Bucket::Overdue => String::new(),
            Bucket::Today => format!(" ({})", format_date(self.today)),
            Bucket::ThisWeek => format!(" ({})", range(self.today + Duration::days(1), sunday)),
            Bucket::NextWeek => format!(" ({})", range(sunday + Duration::days(1), sunday + Duration::days(7))),
            Bucket::Later => format!(" ({} {})", s.wk_up_to, format_date(self.until)),
        };
        format!("{}{dates}", b.label(s))
    }

    /// The line about decisions without a deadline, when there are any.
    pub fn undated_line(&self, s: &Strings) -> Option<String> {
        let n = self.undated.len();
        (n > 0).then(|| format!("{}: {}", s.wk_undated, plural(n, s.forms_decision, s)))
    }

    /// The agenda as plain text, one self-contained line per item under its group's heading.
    pub fn text(&self, s: &Strings) -> String {
        let mut out = format!("{}: {} – {}\n", s.wk_title, format_date(self.today), format_date(self.until));
        if self.items.is_empty() {
            out.push_str(s.wk_nothing);
            out.push('\n');
        }
        for (b, items) in self.groups() {
            out.push('\n');
            out.push_str(&format!("{} — {}", self.heading(b, s), items.len()));
            out.push('\n');
            for (_, i) in items {
                let who = if i.who.is_empty() { String::new() } else { format!(" | {}: {}", s.col_responsible, i.who) };
                out.push_str(&format!(
                    "  {} | {} | {} | {} | {}{who}\n",
                    i.when,
                    i.state(self.today, s),
                    i.kind,
                    i.what,
                    i.place
                ));
            }
        }
        if let Some(line) = self.undated_line(s) {
            out.push('\n');
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// The agenda as Markdown: a heading and a table per group (a Monday e-mail).
    pub fn markdown(&self, s: &Strings) -> String {
        let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
        let mut out = format!("# {}: {} – {}\n", s.wk_title, format_date(self.today), format_date(self.until));
        if self.items.is_empty() {
            out.push_str(&format!("\n{}\n", s.wk_nothing));
        }
        for (b, items) in self.groups() {
            out.push_str(&format!("\n## {} — {}\n\n", self.heading(b, s), items.len()));
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|\n",
                s.col_date, s.exp_state, s.col_kind, s.col_what, s.col_where, s.col_responsible
            ));
            for (_, i) in items {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    cell(&i.when),
                    cell(&i.state(self.today, s)),
                    cell(i.kind),
                    cell(&i.what),
                    cell(&i.place),
                    cell(&i.who)
                ));
            }
        }
        if let Some(line) = self.undated_line(s) {
            out.push_str(&format!("\n{line}\n"));
        }
        out
    }

    /// The agenda as an iCalendar: each line a whole-day event over its days (an overdue one
    /// on its last day, titled so).
    pub fn ics(&self, s: &Strings) -> String {
        use icalendar::{Calendar, Component, Event, EventLike};
        let mut cal = Calendar::new();
        cal.name(s.wk_title);
        for i in &self.items {
            let mut ev = Event::new();
            let late = i.due < self.today;
            let title = if late { format!("[{}] {}", i.state(self.today, s), i.what) } else { i.what.clone() };
            let first = if late { i.due } else { i.day };
            ev.starts(first);
            ev.ends(i.due.succ_opt().unwrap_or(i.due));
            let who = if i.who.is_empty() { String::new() } else { format!("\n{}: {}", s.col_responsible, i.who) };
            let uid = match i.source {
                Source::Event(id) => format!("agenda-event-{id}@nastavnik"),
                Source::Decision(id) => format!("agenda-decision-{id}@nastavnik"),
                Source::Risk(id) => format!("agenda-risk-{id}@nastavnik"),
                Source::Indicator(id, org) => format!("agenda-indicator-{id}-{}@nastavnik", org.unwrap_or(0)),
                Source::Agreement(id) => format!("agenda-agreement-{id}@nastavnik"),
                Source::Task(id) => format!("agenda-task-{id}@nastavnik"),
            };
            ev.uid(&uid)
                .summary(&format!("{}: {title}", i.kind))
                .description(&format!("{}: {}\n{}{who}", s.col_date, i.when, i.place));
            cal.push(ev.done());
        }
        cal.done().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(day: &str, due: &str) -> Item {
        let d = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        Item {
            source: Source::Event(1),
            day: d(day),
            due: d(due),
            when: String::new(),
            kind: "",
            what: String::new(),
            place: String::new(),
            who: String::new(),
            year: AcademicYear(2026),
        }
    }

    #[test]
    fn a_line_falls_in_the_week_its_day_is_in() {
        // Tuesday 1 December 2026: this week runs to Sunday the 6th, the next to the 13th.
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let s = &crate::i18n::RU;
        assert_eq!(item("2026-11-20", "2026-11-26").bucket(today), Bucket::Overdue);
        assert_eq!(item("2026-11-20", "2026-11-26").state(today, s), "просрочено на 5 дней");
        assert_eq!(item("2026-11-30", "2026-11-30").state(today, s), "просрочено на 1 день");
        assert_eq!(item("2026-11-28", "2026-12-03").bucket(today), Bucket::Today);
        assert_eq!(item("2026-11-28", "2026-12-03").state(today, s), "до 03.12.2026");
        assert_eq!(item("2026-12-01", "2026-12-01").state(today, s), "сегодня");
        assert_eq!(item("2026-12-06", "2026-12-06").bucket(today), Bucket::ThisWeek);
        assert_eq!(item("2026-12-03", "2026-12-03").state(today, s), "через 2 дня");
        assert_eq!(item("2026-12-07", "2026-12-07").bucket(today), Bucket::NextWeek);
        assert_eq!(item("2026-12-13", "2026-12-13").bucket(today), Bucket::NextWeek);
        assert_eq!(item("2026-12-14", "2026-12-14").bucket(today), Bucket::Later);
    }
}
