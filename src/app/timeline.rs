//! The roadmap as a timeline: a window of time in columns (months or weeks), moved with ← →,
//! zoomed with + −, brought to today with t; rows are the roadmap's own rows (so filter,
//! selection and status keys work the same) or one row per host school.

use super::rows::{self, ItemRef};
use super::{App, Pane, RoadmapSummary};
use chrono::{Datelike, Days, Months, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    Months,
    Weeks,
}

#[derive(Clone, Debug)]
pub struct Timeline {
    pub on: bool,
    pub zoom: Zoom,
    /// The first day of the first column.
    pub start: NaiveDate,
    pub by_school: bool,
    pub school_offset: usize,
}

impl Timeline {
    pub fn new(year_start: NaiveDate) -> Timeline {
        Timeline { on: false, zoom: Zoom::Months, start: year_start, by_school: false, school_offset: 0 }
    }

    /// The first day of column `i`.
    pub fn column_start(&self, i: usize) -> NaiveDate {
        match self.zoom {
            Zoom::Months => self.start + Months::new(i as u32),
            Zoom::Weeks => self.start + Days::new(7 * i as u64),
        }
    }

    /// Where `d` falls, in columns from the window's start (fractional, may be outside).
    pub fn position(&self, d: NaiveDate) -> f64 {
        match self.zoom {
            Zoom::Months => {
                let months = (d.year() - self.start.year()) * 12 + d.month() as i32 - self.start.month() as i32;
                let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of a month");
                let len = (first + Months::new(1) - first).num_days() as f64;
                months as f64 + (d - first).num_days() as f64 / len
            }
            Zoom::Weeks => (d - self.start).num_days() as f64 / 7.0,
        }
    }

    fn step(&mut self, columns: i32) {
        self.start = match (self.zoom, columns >= 0) {
            (Zoom::Months, true) => self.start + Months::new(columns as u32),
            (Zoom::Months, false) => self.start - Months::new(columns.unsigned_abs()),
            (Zoom::Weeks, true) => self.start + Days::new(7 * columns as u64),
            (Zoom::Weeks, false) => self.start - Days::new(7 * columns.unsigned_abs() as u64),
        };
    }

    /// Puts `d` in the window: months start at the academic year's September or the month of
    /// `d`; weeks start on the Monday two weeks before `d`.
    fn show(&mut self, d: NaiveDate, year_start: NaiveDate) {
        self.start = match self.zoom {
            Zoom::Months => {
                if d >= year_start && d < year_start + Months::new(12) {
                    year_start
                } else {
                    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of a month")
                }
            }
            Zoom::Weeks => {
                let monday = d - Days::new(d.weekday().num_days_from_monday() as u64);
                monday - Days::new(14)
            }
        };
    }
}

impl App {
    pub fn timeline_on(&self) -> bool {
        self.pane == Pane::Roadmap && self.timeline.on
    }

    pub(super) fn toggle_timeline(&mut self) {
        if self.pane != Pane::Roadmap {
            return;
        }
        self.timeline.on = !self.timeline.on;
        if self.timeline.on {
            let anchor = self.selected_date().unwrap_or(self.year.start());
            self.timeline.show(anchor, self.year.start());
        }
    }

    fn selected_date(&self) -> Option<NaiveDate> {
        match self.selected_item()? {
            super::rows::ItemRef::Event(i) => self.data.events.get(i)?.when.start,
            super::rows::ItemRef::Decision(i) => self.data.decisions.get(i)?.deadline.last_day(),
            _ => None,
        }
    }

    pub(super) fn scroll_time(&mut self, columns: i32) {
        self.timeline.step(columns);
    }

    pub(super) fn zoom(&mut self, closer: bool) {
        let anchor = self.selected_date().unwrap_or(self.timeline.start);
        self.timeline.zoom = if closer { Zoom::Weeks } else { Zoom::Months };
        self.timeline.show(anchor, self.year.start());
    }

    /// Jumps to today: the current academic year, the window around today.
    pub(super) fn jump_to_today(&mut self) {
        let year = crate::text::AcademicYear::of(self.today);
        if year != self.year {
            self.year = year;
            self.reload();
        }
        self.timeline.show(self.today, self.year.start());
    }

    pub(super) fn toggle_rows_by_school(&mut self) {
        self.timeline.by_school = !self.timeline.by_school;
        self.timeline.school_offset = 0;
    }
}

impl App {
    /// The roadmap's rows grouped by host school, for the timeline's rows per school: made when
    /// the rows are, not per frame.
    pub(in crate::app) fn group_by_school(&mut self) {
        // By the host's short name, borrowed and hashed: one string made a school, not one a
        // row, and sorted once at the end.
        let mut groups: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        let mut summary = RoadmapSummary::default();
        let year_start = self.year.start();
        for (pos, row) in self.views[Pane::Roadmap.index()].rows.iter().enumerate() {
            if let Some(ItemRef::Event(i)) = row.item {
                let e = &self.data.events[i];
                groups.entry(e.host_short.as_str()).or_default().push(pos);
                let at = match row.tone {
                    rows::Tone::Overdue => 5,
                    _ => match e.status {
                        crate::domain::EventStatus::Done => 0,
                        crate::domain::EventStatus::InProgress => 1,
                        crate::domain::EventStatus::Planned => 2,
                        crate::domain::EventStatus::Postponed => 3,
                        crate::domain::EventStatus::Cancelled => 4,
                    },
                };
                summary.by_status[at] += 1;
                // By the month it begins in, September first; one that began the year before
                // counts in September.
                if let Some(start) = e.when.start {
                    use chrono::Datelike;
                    let months = (start.year() - year_start.year()) * 12 + start.month() as i32 - 9;
                    summary.by_month[months.clamp(0, 11) as usize] += 1;
                }
            }
        }
        let mut groups: Vec<(String, Vec<usize>)> = groups.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.school_groups = groups;
        self.summary = summary;
    }
}
