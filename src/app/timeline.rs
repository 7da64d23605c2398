//! The roadmap as a timeline: a window of time in columns (months or weeks), moved with ← →,
//! zoomed with + −, brought to today with t; rows are the roadmap's own rows (so filter,
//! selection and status keys work the same) or one row per host school.

use super::{App, Pane};
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
