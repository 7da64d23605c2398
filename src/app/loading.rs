//! Reading the year into the panes: at start, after one's own change (one row when it can),
//! and after a colleague's commit on the reader thread; rows rebuilt and filtered again
//! keeping the selection.

use super::rows::{self, ItemRef};
use super::selection::first_item;
use super::{reading, App, Message, Pane};
use crate::store::StoreError;

impl App {
    /// Reads the chosen year from the store and rebuilds every pane, keeping each pane's
    /// selection on the same item where it still exists.
    pub fn load(&mut self) -> Result<(), StoreError> {
        self.load_first()?;
        self.read_unread()
    }

    /// Reads what the pane shown needs, and no more: the first frame waits for nothing else.
    /// The other panes are read by [`App::finish_loading`], after that frame is drawn (and
    /// before any key is handled), or when one is opened.
    pub fn load_first(&mut self) -> Result<(), StoreError> {
        self.index = None;
        // What each pane had selected, by identity, to find it again among the new rows; a
        // pane not read since the last load keeps what it had then.
        for pane in Pane::ALL {
            if !self.unread[pane.index()] {
                self.keep[pane.index()] = self.selected_key(pane);
            }
        }
        // A read under way on the reader thread is overtaken by this one.
        if let Some(r) = &mut self.reader {
            r.cancel();
        }
        // Taken before anything is read: a colleague's commit from now on is seen by `tick`.
        let pre = reading::preamble(&self.store, &self.wanted())?;
        self.history_seen = pre.seen;
        self.take_preamble(pre);
        self.unread = [true; Pane::COUNT];
        self.read_pane(self.pane)?;
        self.note_damaged();
        Ok(())
    }

    /// What a read of the year shown is of.
    pub(super) fn wanted(&self) -> reading::Wanted {
        reading::Wanted {
            year: self.year,
            focus: self.focus.as_ref().map(|(d, _)| *d),
            today: self.today,
            limits: self.limits,
            agenda_days: self.agenda_days,
            expiring_days: self.expiring_days,
            s: self.s,
        }
    }

    /// What a read rests on, kept: the district's sets, the years, whether the store is empty.
    pub(super) fn take_preamble(&mut self, pre: reading::Preamble) {
        self.index = None;
        self.focus_sets = pre.focus_sets;
        self.data.store_empty = pre.store_empty;
        self.years = pre.years;
        self.read_share_rules();
    }

    /// From now on a colleague's commit has the year read again by a thread of its own, with
    /// its own connection to the store, while this one keeps drawing and taking keys on the
    /// rows it has (the TUI and `serve`; tests and `snapshot` read on the spot).
    pub fn read_in_background(&mut self) {
        self.reader = Some(reading::Reader::start(self.store.path().to_path_buf(), self.store.user().to_string()));
    }

    /// The year is being read again off the drawing thread, and has been for this long.
    pub fn reading_behind(&self) -> Option<std::time::Duration> {
        self.reader.as_ref().and_then(|r| r.pending).map(|(t, _)| t.elapsed())
    }

    /// Has the reader thread read the year again: the pane shown first, then the others the
    /// last load read (the Agenda only when it is shown). Without a reader, read here.
    pub(super) fn reload_in_background(&mut self) {
        if self.reader.is_none() {
            if self.reload() {
                self.message = Some(Message { text: self.s.reloaded.to_string(), error: false });
            }
            return;
        }
        let mut panes = vec![self.pane];
        panes.extend(Pane::ALL.into_iter().filter(|p| *p != self.pane && *p != Pane::Agenda));
        let seen = self.store.last_change().unwrap_or(self.history_seen);
        let w = self.wanted();
        if let Some(r) = &mut self.reader {
            r.ask(w, panes, seen);
        }
    }

    /// After keys were handled while the reader thread reads: a change this user committed
    /// meanwhile may be missing from what it read, so it starts again (what it had sent is
    /// not taken).
    pub(super) fn catch_up_reading(&mut self) {
        let Some(seen) = self.reader.as_ref().and_then(|r| r.pending).map(|(_, s)| s) else { return };
        if self.store.last_change().is_ok_and(|l| l != seen) {
            self.reload_in_background();
        }
    }

    /// Takes what the reader thread has read so far onto the screen (one pane at most), each
    /// pane keeping what it has selected.
    pub(super) fn take_reads(&mut self) {
        let Some(seen) = self.reader.as_ref().and_then(|r| r.pending).map(|(_, s)| s) else { return };
        // One pane a frame: the screen is drawn between them.
        while let Some(r) = self.reader.as_mut().and_then(|r| r.next_reply()) {
            match r {
                reading::Reply::Preamble(pre) => {
                    self.take_preamble(*pre);
                }
                reading::Reply::Pane(read) => {
                    let reading::PaneRead { pane, mut data, all, hays } = *read;
                    let keep = if self.unread[pane.index()] {
                        self.keep[pane.index()].take()
                    } else {
                        self.selected_key(pane)
                    };
                    self.data.swap_part(pane, &mut data);
                    let view = &mut self.views[pane.index()];
                    let old = (data, std::mem::replace(&mut view.all, all), std::mem::replace(&mut view.hays, hays));
                    view.matched.clear();
                    let rows = std::mem::take(&mut view.rows);
                    self.unread[pane.index()] = false;
                    self.refilter_keeping(pane, keep);
                    reading::discard((old, rows));
                    break;
                }
                reading::Reply::Done { damaged } => {
                    self.history_seen = seen;
                    if self.pane != Pane::Agenda {
                        self.unread[Pane::Agenda.index()] = true;
                    }
                    self.message = Some(Message { text: self.s.reloaded.to_string(), error: false });
                    if damaged > 0 {
                        self.message =
                            Some(Message { text: format!("{} ({damaged})", self.s.damaged_values), error: true });
                    }
                    // Something was committed while it read (a colleague, or this user's own
                    // change): read again.
                    if self.store.last_change().is_ok_and(|l| l != seen) {
                        self.reload_in_background();
                    }
                }
                reading::Reply::Failed(e) => {
                    self.report::<()>(Err(e));
                }
                reading::Reply::Gone => {
                    self.reader = None;
                    self.reload();
                }
            }
        }
    }

    /// Reads every pane not read yet but the Agenda (read when it is looked at). Called after
    /// the first frame is drawn and before any key, paste, click or tick is handled, so that
    /// nothing acts on a pane's rows before they are there.
    pub fn finish_loading(&mut self) -> bool {
        if !self.reading() {
            return false;
        }
        let r = self.read_unread();
        self.report(r);
        true
    }

    /// Panes are still to be read (the Agenda, read when opened, aside).
    pub fn reading(&self) -> bool {
        self.unread.iter().enumerate().any(|(i, u)| *u && Pane::ALL[i] != Pane::Agenda)
    }

    pub(super) fn read_unread(&mut self) -> Result<(), StoreError> {
        for pane in Pane::ALL {
            if pane != Pane::Agenda && self.unread[pane.index()] {
                self.read_pane(pane)?;
            }
        }
        self.note_damaged();
        Ok(())
    }

    /// Reads one pane's data of the year shown and builds its rows, keeping its selection.
    pub(super) fn read_pane(&mut self, pane: Pane) -> Result<(), StoreError> {
        let began = std::time::Instant::now();
        let y = self.year;
        let w = self.wanted();
        reading::fetch(&self.store, pane, &w, self.focus_sets.as_ref(), &mut self.data)?;
        self.unread[pane.index()] = false;
        let read = began.elapsed();
        let keep = self.keep[pane.index()].take();
        self.rebuild_keeping(pane, keep);
        tracing::debug!(pane = pane.name(), year = %y.label(), ?read, rows = ?(began.elapsed() - read), "pane read");
        Ok(())
    }

    /// What follows rows mended in place: the history's newest line shown, the agenda read
    /// again (now when it is open, else when it is looked at).
    fn after_rows_changed(&mut self) {
        if !self.unread[Pane::History.index()] {
            if let Ok(log) = self.read_log() {
                self.data.log = log;
                self.rebuild(Pane::History);
            }
        }
        self.unread[Pane::Agenda.index()] = true;
        if self.pane == Pane::Agenda {
            self.refresh_agenda();
        }
    }

    /// After a change to one row: read that row again and redraw it in place, so that a status
    /// set during a call costs one row, not the whole year. Dates move a row: then the year is
    /// read again.
    pub(crate) fn refresh_row(&mut self, item: ItemRef, moved: bool) {
        if moved {
            self.reload();
            return;
        }
        let fresh = Pane::ALL.into_iter().find_map(|p| Some((p, p.slice().reread(self, item)?)));
        let Some((pane, fresh)) = fresh else {
            self.reload();
            return;
        };
        match fresh {
            Ok(row) => {
                let v = &mut self.views[pane.index()];
                if let Some(pos) = v.all.iter().position(|r| r.item == Some(item)) {
                    v.hays[pos] = rows::haystack(&row);
                    v.all[pos] = rows::strip(row.clone());
                    v.matched.clear();
                }
                if let Some(pos) = v.rows.iter().position(|r| r.item == Some(item)) {
                    v.rows[pos] = rows::strip(row);
                }
                self.after_rows_changed();
            }
            Err(e) => {
                self.report::<()>(Err(e));
                self.reload();
            }
        }
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
    }

    /// Rebuilds a pane's rows from the same data (a filter changed), keeping the selection.
    pub(super) fn rebuild(&mut self, pane: Pane) {
        let keep = self.selected_key(pane);
        self.rebuild_keeping(pane, keep);
    }

    /// Rebuilds a pane's rows from the data and selects the row with identity `keep` when it
    /// is still there.
    pub(super) fn rebuild_keeping(&mut self, pane: Pane, keep: Option<(u8, i64)>) {
        let (all, hays) = reading::build(pane, &self.data, self.s, self.today);
        let view = &mut self.views[pane.index()];
        view.hays = hays;
        view.all = all;
        view.matched.clear();
        self.refilter_keeping(pane, keep);
    }

    /// Applies the pane's filter to its rows again (a key typed into `/`): nothing is built
    /// or folded but the query.
    pub(super) fn refilter_keeping(&mut self, pane: Pane, keep: Option<(u8, i64)>) {
        let typing = self.filter_input.is_some() && pane == self.pane;
        let view = &mut self.views[pane.index()];
        // The rows this query keeps: found again among the last keys' results, or searched (in
        // the result of a query it refines, when one is kept), and kept only while the filter
        // is typed into, a few keys deep — used where they are kept, not copied.
        let cached = view.matched.iter().position(|(q, _)| *q == view.filter);
        if cached.is_none() {
            let within =
                view.matched.iter().rev().find(|(q, _)| rows::refines(q, &view.filter)).map(|(_, m)| m.as_slice());
            let found = rows::matching(&view.all, &view.hays, &view.filter, within);
            if view.matched.len() >= 8 {
                view.matched.remove(0);
            }
            view.matched.push((view.filter.clone(), found));
        }
        let k = cached.unwrap_or(view.matched.len() - 1);
        let rows = rows::assemble(&view.all, &view.matched[k].1);
        if !typing {
            view.matched = Vec::new();
        }
        let found = keep.and_then(|key| rows.iter().position(|r| r.item.is_some_and(|i| self.key_of(i) == key)));
        let view = &mut self.views[pane.index()];
        // The pane's header counts what it names (the schools, the agreements): the networks
        // and groups under the schools, the programmes, reports and orders under the
        // agreements are counted in their own sections' headings.
        view.items = rows
            .iter()
            .filter(|r| {
                r.item.is_some_and(|i| {
                    !matches!(
                        i,
                        ItemRef::Order(_)
                            | ItemRef::Programme(_)
                            | ItemRef::Task(..)
                            | ItemRef::ReportDoc(_)
                            | ItemRef::Group(_)
                            | ItemRef::Network(_)
                    )
                })
            })
            .count();
        view.rows = rows;
        view.selected = found.unwrap_or_else(|| first_item(&view.rows, 0, 1));
        self.scroll_into_view(pane);
        if pane == Pane::Roadmap {
            self.group_by_school();
        }
    }

    /// The agenda as of today, of the district in focus.
    pub(super) fn read_agenda(&self) -> Result<crate::agenda::Agenda, StoreError> {
        let f = self.focus_sets.as_ref();
        crate::agenda::agenda(&self.store, self.today, self.agenda_days, self.expiring_days, f, self.s)
    }

    /// Reads the agenda again (a row changed since the year was read).
    pub(super) fn refresh_agenda(&mut self) {
        let a = self.read_agenda();
        if let Some(a) = self.report(a) {
            self.data.agenda = a;
            self.unread[Pane::Agenda.index()] = false;
            self.rebuild(Pane::Agenda);
        }
    }

    pub(super) fn change_year(&mut self, delta: isize) {
        let pos = self.years.iter().position(|y| *y == self.year).unwrap_or(0) as isize + delta;
        if pos >= 0 && (pos as usize) < self.years.len() {
            self.year = self.years[pos as usize];
            self.reload();
        }
    }

    /// Reads the year again, the pane shown first (the others after the next frame, or when
    /// opened); a failure becomes the message line.
    pub(crate) fn reload(&mut self) -> bool {
        let r = self.load_first();
        self.report(r).is_some()
    }

    /// The latest changes as the History pane lists them: with a district in focus, only the
    /// lines of its schools' rows.
    pub(super) fn read_log(&self) -> Result<Vec<crate::store::LogLine>, StoreError> {
        reading::log(&self.store, self.focus_sets.as_ref())
    }

    /// After a read: a value another tool wrote as broken text is shown with � where the bytes
    /// were, and the message line says so (`nastavnik check` names the rows).
    pub(super) fn note_damaged(&mut self) {
        let n = crate::store::take_damaged();
        if n > 0 {
            self.message = Some(Message { text: format!("{} ({n})", self.s.damaged_values), error: true });
        }
    }

    /// Called many times a second: takes what the reader thread has read, or looks for a
    /// colleague's commit. A commit that wrote no history line (a colleague's draft, a backup's
    /// checkpoint) changes nothing on this screen and is not reloaded for. Says whether the
    /// screen may have changed (and is to be drawn again).
    pub fn tick(&mut self) -> bool {
        let loaded = self.finish_loading();
        if self.reading_behind().is_some() {
            self.take_reads();
            return true;
        }
        let Ok(v) = self.store.data_version() else { return loaded };
        if v == self.data_version {
            return loaded;
        }
        self.data_version = v;
        let Ok(last) = self.store.last_change() else { return loaded };
        if last == self.history_seen {
            return loaded;
        }
        // A colleague's few changes (what happens during a call) are applied row by row; anything
        // else has the year read again on the reader thread.
        const FEW: usize = 50;
        if let Ok(changes) = self.store.changes_after(self.history_seen, FEW + 1) {
            if changes.len() <= FEW && self.apply_changes(&changes, last) {
                self.history_seen = last;
                self.message = Some(Message { text: self.s.reloaded.to_string(), error: false });
                return true;
            }
        }
        self.reload_in_background();
        true
    }

    /// A colleague's changes taken in without reading the year: a status, a result or how many
    /// came set on a listed row (that row read again), and any change to an event (new, moved,
    /// corrected, removed: that event read again and its row put in its place). False, with
    /// nothing applied, when another kind of change is among them, or a district is in focus
    /// (which events it shows is known from the read). `last` is the newest history line the
    /// changes run to.
    fn apply_changes(&mut self, changes: &[(String, i64, String)], last: i64) -> bool {
        let mut items = Vec::new();
        let mut events = Vec::new();
        for (entity, id, field) in changes {
            let light = matches!(
                field.as_str(),
                "status" | "result" | "teachers" | "people" | "schools" | "connections" | "teams"
            );
            match light.then(|| self.item_of(entity, *id)).flatten() {
                Some(item) => items.push(item),
                None if entity == "event" && self.focus_sets.is_none() => events.push(*id),
                None => return false,
            }
        }
        if items.is_empty() && events.is_empty() {
            return false;
        }
        // Row by row first, while the places they name are the places they are at.
        items.dedup();
        for item in items {
            self.refresh_row(item, false);
        }
        if events.is_empty() {
            return true;
        }
        events.sort_unstable();
        events.dedup();
        match super::panes::roadmap::apply_events(self, &events) {
            Ok(true) => {}
            Ok(false) => return false,
            Err(e) => {
                self.report::<()>(Err(e));
                return false;
            }
        }
        // The mentors' loads count their events: read again on the reader thread (here, when
        // there is none), the screen drawn meanwhile. It reads what `last` holds, no later
        // commit, so that one is not taken as read when it is done.
        let w = self.wanted();
        match &mut self.reader {
            Some(r) => r.ask(w, vec![Pane::Mentoring], last),
            None => self.unread[Pane::Mentoring.index()] = true,
        }
        self.after_rows_changed();
        if self.pane != Pane::Agenda && self.unread[self.pane.index()] {
            let read = self.read_pane(self.pane);
            self.report(read);
        }
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
        true
    }
}
