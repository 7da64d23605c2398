//! Reading a year's panes: the store's part of it and the rows built from what it gives, as
//! functions of a store and of what is wanted. The first frame and one's own changes read on
//! the drawing thread; a colleague's commit has the year read again by a reader thread with a
//! connection of its own, while the screen keeps drawing and taking keys on the rows it has.

use super::rows::{self, Hay, ViewRow, YearData};
use super::Pane;
use crate::i18n::Strings;
use crate::store::{FocusSets, Store, StoreError};
use crate::text::AcademicYear;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Instant;

/// What a read is of: the year, the district in focus and the settings that shape the rows.
#[derive(Clone)]
pub struct Wanted {
    pub year: AcademicYear,
    pub focus: Option<i64>,
    pub today: chrono::NaiveDate,
    pub limits: crate::suggest::LoadLimits,
    pub agenda_days: i64,
    pub expiring_days: i64,
    pub s: &'static Strings,
}

/// What every pane's read rests on, taken before any pane is read.
pub struct Preamble {
    /// The newest history line when the read began: a commit after it is read again.
    pub seen: i64,
    pub focus_sets: Option<FocusSets>,
    pub store_empty: bool,
    /// Every year that has anything, the one shown and the current one, in order.
    pub years: Vec<AcademicYear>,
}

pub fn preamble(store: &Store, w: &Wanted) -> Result<Preamble, StoreError> {
    let seen = store.last_change()?;
    let focus_sets = match w.focus {
        Some(d) => Some(store.focus_sets(d)?),
        None => None,
    };
    let store_empty = store.count(crate::store::Table::Organizations)? == 0;
    let mut years = store.years()?;
    for y in [w.year, AcademicYear::of(w.today)] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort();
    Ok(Preamble { seen, focus_sets, store_empty, years })
}

/// The latest changes as the History pane lists them: with a district in focus, only the
/// lines of its schools' rows.
pub fn log(store: &Store, f: Option<&FocusSets>) -> Result<Vec<crate::store::LogLine>, StoreError> {
    let mut log = store.log(None, None, 2000)?;
    if let Some(f) = f {
        log.retain(|l| store.row_orgs(&l.change.entity, l.change.entity_id).is_ok_and(|o| f.shows(&o)));
    }
    Ok(log)
}

/// Reads one pane's data of the year into `d` (its own fields only), narrowed to the district
/// in focus.
pub fn fetch(store: &Store, pane: Pane, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
    d.expiring_days = w.expiring_days;
    pane.slice().fetch(store, w, f, d)
}

/// A pane's rows built from its data, each with the folded text the filter searches.
pub fn build(pane: Pane, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> (Vec<ViewRow>, Vec<Hay>) {
    let mut all = rows::build(pane, d, s, today);
    all.shrink_to_fit();
    let hays = all.iter().map(rows::haystack).collect();
    (all.into_iter().map(rows::strip).collect(), hays)
}

/// One pane read by the reader thread: its data (its own fields of a [`YearData`]) and its rows.
pub struct PaneRead {
    pub pane: Pane,
    pub data: YearData,
    pub all: Vec<ViewRow>,
    pub hays: Vec<Hay>,
}

/// What the reader thread sends back for a job, in this order.
pub enum Reply {
    Preamble(Box<Preamble>),
    Pane(Box<PaneRead>),
    Failed(StoreError),
    /// Every pane asked for is read; how many values were broken text (see
    /// [`crate::store::take_damaged`]).
    Done {
        damaged: usize,
    },
    /// The thread is gone (it cannot have panicked but by a bug): the year is read here.
    Gone,
}

struct Job {
    seq: u64,
    wanted: Wanted,
    panes: Vec<Pane>,
}

/// The reader thread and the job it is doing. The thread opens its own connection to the store
/// on its first job and keeps it; it ends when this is dropped.
pub struct Reader {
    jobs: Sender<Job>,
    replies: Receiver<(u64, Reply)>,
    seq: u64,
    /// The job under way: when it was asked for and the newest history line then.
    pub pending: Option<(Instant, i64)>,
}

impl Reader {
    pub fn start(path: PathBuf, user: String) -> Reader {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (reply_tx, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name("reader".into())
            .spawn(move || work(path, user, job_rx, reply_tx))
            .expect("a thread to read the store");
        Reader { jobs, replies, seq: 0, pending: None }
    }

    /// Asks for the year to be read again, the panes in this order; a job under way is
    /// abandoned and its replies not taken. `seen` is the newest history line now.
    pub fn ask(&mut self, wanted: Wanted, panes: Vec<Pane>, seen: i64) {
        self.seq += 1;
        self.pending = Some((Instant::now(), seen));
        if self.jobs.send(Job { seq: self.seq, wanted, panes }).is_err() {
            self.pending = None;
        }
    }

    /// The job under way is of no use any more: its replies are not taken.
    pub fn cancel(&mut self) {
        self.seq += 1;
        self.pending = None;
    }

    /// The next reply of the job under way, if it has come (never waits).
    pub fn next_reply(&mut self) -> Option<Reply> {
        self.pending?;
        loop {
            match self.replies.try_recv() {
                Ok((seq, r)) if seq == self.seq => {
                    if matches!(r, Reply::Done { .. } | Reply::Failed(_)) {
                        self.pending = None;
                    }
                    return Some(r);
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.pending = None;
                    return Some(Reply::Gone);
                }
            }
        }
    }
}

/// Rows replaced on screen are freed on a thread of their own: a region's year is hundreds of
/// thousands of strings, and freeing them one by one would hold the frame up.
pub fn discard<T: Send + 'static>(old: T) {
    if std::thread::Builder::new().name("discard".into()).spawn(move || drop(old)).is_err() {
        // No thread to be had: the memory is freed with the process.
    }
}

fn work(path: PathBuf, user: String, jobs: Receiver<Job>, replies: Sender<(u64, Reply)>) {
    let mut store: Option<Store> = None;
    let mut next: Option<Job> = None;
    loop {
        let job = match next.take() {
            Some(j) => j,
            None => match jobs.recv() {
                Ok(j) => j,
                Err(_) => return,
            },
        };
        let seq = job.seq;
        let send = |r: Reply| replies.send((seq, r)).is_ok();
        if store.is_none() {
            match Store::open(&path, &user) {
                Ok(s) => store = Some(s),
                Err(e) => {
                    if !send(Reply::Failed(e)) {
                        return;
                    }
                    continue;
                }
            }
        }
        let Some(st) = store.as_ref() else { continue };
        let w = &job.wanted;
        let pre = match preamble(st, w) {
            Ok(p) => p,
            Err(e) => {
                send(Reply::Failed(e));
                continue;
            }
        };
        let f = pre.focus_sets.clone();
        if !send(Reply::Preamble(Box::new(pre))) {
            return;
        }
        let mut ok = true;
        for pane in job.panes {
            // A newer job makes this one's remaining panes pointless.
            match jobs.try_recv() {
                Ok(j) => {
                    next = Some(j);
                    ok = false;
                    break;
                }
                Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => {}
            }
            let mut d = YearData::default();
            if let Err(e) = fetch(st, pane, w, f.as_ref(), &mut d) {
                send(Reply::Failed(e));
                ok = false;
                break;
            }
            let (all, hays) = build(pane, &d, w.s, w.today);
            if !send(Reply::Pane(Box::new(PaneRead { pane, data: d, all, hays }))) {
                return;
            }
        }
        let damaged = crate::store::take_damaged();
        if ok && !send(Reply::Done { damaged }) {
            return;
        }
    }
}
