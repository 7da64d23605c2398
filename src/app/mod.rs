//! The program's state and the one place that changes it. Keys become actions (see `keys`),
//! actions change state here, and the store is read or written here — never while drawing.

pub mod agreement;
pub mod conflict;
pub mod deficitforms;
pub mod eventform;
mod groupform;
pub mod importer;
pub mod linkform;
pub mod lookup;
pub mod markform;
pub mod minutesform;
pub mod networkform;
mod orderform;
pub mod panes;
pub mod pictures;
mod programmeform;
pub mod prompt;
pub mod reading;
mod reportdocform;
mod reportform;
pub mod rows;
pub mod timeline;

use crate::config::Theme;
use crate::domain::{AgreementStatus, EventStatus};
use crate::i18n::Strings;
use crate::keys::{Action, KeyMap};
use crate::store::{Store, StoreError};
use crate::text::AcademicYear;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;
use rows::{DocLine, ItemRef, ViewRow, YearData};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Clusters,
    Mentoring,
    Roadmap,
    Deficits,
    Agreements,
    History,
    /// What needs the coordinator now, of every year: overdue first, then this week and next.
    Agenda,
}

impl Pane {
    pub const COUNT: usize = 7;
    pub const ALL: [Pane; Pane::COUNT] =
        [Pane::Clusters, Pane::Mentoring, Pane::Roadmap, Pane::Deficits, Pane::Agreements, Pane::History, Pane::Agenda];
    pub fn index(self) -> usize {
        self as usize
    }
    /// What the pane reads, lists, opens and takes keys for.
    pub fn slice(self) -> &'static dyn panes::PaneSlice {
        panes::PANES[self.index()]
    }
    pub fn title(self, s: &Strings) -> &'static str {
        self.slice().title(s)
    }
    /// The name used on the command line (`nastavnik show roadmap`).
    pub fn name(self) -> &'static str {
        self.slice().name()
    }
    pub fn from_name(s: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.name() == s)
    }
    /// Whether `Status` means something in this pane.
    pub fn has_status(self) -> bool {
        self.slice().has_status()
    }
    /// Whether the pane shows one academic year (agreements, the history and the agenda
    /// cover them all).
    pub fn by_year(self) -> bool {
        self.slice().by_year()
    }
}

/// The Roadmap's listed events counted: by status (held, under way, planned, postponed,
/// cancelled, overdue — an open event whose days have passed counts only as overdue) and by
/// the month they begin in, September to August.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoadmapSummary {
    pub by_status: [u64; 6],
    pub by_month: [u64; 12],
}

#[derive(Clone, Debug, Default)]
pub struct PaneView {
    /// Every row of the pane before the filter, with the folded text the filter searches:
    /// made when the data changes, not per key typed into `/`.
    pub all: Vec<ViewRow>,
    pub hays: Vec<rows::Hay>,
    /// The rows shown: `all` as the filter leaves them.
    pub rows: Vec<ViewRow>,
    /// How many of `rows` are items, not group headers: counted when the rows are built.
    pub items: usize,
    pub selected: usize,
    pub offset: usize,
    pub filter: String,
    /// While `/` is typed into: the queries of the last keys with the rows each kept
    /// (positions in `all`), so that a letter more searches the rows the query before it
    /// kept, and a letter taken back finds its rows again. Dropped when `all` changes.
    pub matched: Vec<(String, Vec<u32>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusTarget {
    Event {
        id: i64,
        version: i64,
    },
    Decision {
        id: i64,
        version: i64,
    },
    Agreement {
        id: i64,
        version: i64,
    },
    Risk {
        id: i64,
        version: i64,
    },
    /// A task of a programme.
    Task {
        id: i64,
        version: i64,
    },
    /// A risk direction to verify for a school, from `Overlay::StatusPicker`'s options.
    Direction {
        org: i64,
    },
    /// The district in focus: the first option is the whole region, then the districts by name.
    Focus,
}

pub enum Overlay {
    Help {
        scroll: u16,
    },
    StatusPicker {
        target: StatusTarget,
        title: String,
        options: Vec<String>,
        selected: usize,
    },
    /// A read-only page; `entity` is the school it is the card of, for `n`.
    Detail {
        title: String,
        doc: Vec<DocLine>,
        scroll: u16,
        entity: Option<crate::lookup::Entity>,
    },
    Lookup(Box<lookup::LookupState>),
    Answer(lookup::AnswerState),
    LinkForm(Box<linkform::LinkForm>),
    Prompt(Box<prompt::Prompt>),
    Minutes(Box<minutesform::MinutesForm>),
    Event(Box<eventform::EventForm>),
    /// "Remove this event?" — answered yes only by y (н, д on the Russian layout) or by Enter
    /// on the «Да» button; the focus starts on «Нет», and no movement key ever confirms.
    Confirm {
        title: &'static str,
        question: String,
        action: Confirmed,
        yes_focused: bool,
    },
    Agreement(Box<agreement::AgreementForm>),
    Fields(Box<deficitforms::FieldsForm>),
    Conflict(Box<conflict::Conflict>),
    Import(Box<importer::Importer>),
}

impl Overlay {
    /// An overlay that reads keys itself (a form, a prompt, a question), not through the key map.
    pub fn reads_keys(&self) -> bool {
        matches!(
            self,
            Overlay::Lookup(_)
                | Overlay::Answer(_)
                | Overlay::LinkForm(_)
                | Overlay::Prompt(_)
                | Overlay::Minutes(_)
                | Overlay::Event(_)
                | Overlay::Confirm { .. }
                | Overlay::Agreement(_)
                | Overlay::Fields(_)
                | Overlay::Conflict(_)
                | Overlay::Import(_)
        )
    }
}

/// An order's identity across reloads: its district, issuer, number and date.
fn order_identity(o: &crate::orders::OrderRow) -> i64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (o.district_id, o.key()).hash(&mut h);
    (h.finish() >> 1) as i64
}

/// What a key does in a form of labelled fields.
/// Where a user's district in focus is kept between sessions (with the drafts).
const FOCUS_DRAFT: &str = "focus";

pub(crate) enum FormKey {
    Close,
    Save,
    /// The focus moved to another field.
    Moved,
    /// The key is for the focused field's text.
    Type,
}

/// Tab/Shift-Tab, ↓/↑ and Enter (in a one-line field) move between the `n` fields; Ctrl-S saves;
/// Esc closes; anything else is typed.
pub(crate) fn form_key(ev: &KeyEvent, focus: &mut usize, n: usize, multi_line: bool) -> FormKey {
    let ctrl = ev.modifiers.contains(crossterm::event::KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Esc => FormKey::Close,
        KeyCode::Char('s' | 'ы') if ctrl => FormKey::Save,
        KeyCode::Tab => {
            *focus = (*focus + 1) % n;
            FormKey::Moved
        }
        KeyCode::BackTab => {
            *focus = (*focus + n - 1) % n;
            FormKey::Moved
        }
        KeyCode::Down | KeyCode::Enter if !multi_line => {
            *focus = (*focus + 1).min(n - 1);
            FormKey::Moved
        }
        KeyCode::Up if !multi_line => {
            *focus = focus.saturating_sub(1);
            FormKey::Moved
        }
        _ => FormKey::Type,
    }
}

/// The most characters one paste puts into a field: a field of a form holds a title, a
/// result, a list of names — not a book, and the screen stays quick.
pub const MAX_PASTE: usize = 10_000;

/// What a confirmation does when answered yes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    DeleteEvent { id: i64, version: i64 },
    RemoveOrder { id: i64, version: i64 },
    RemoveProgramme { id: i64, version: i64 },
    RemoveTask { id: i64, version: i64 },
    RemoveReport { id: i64, version: i64 },
    RemoveGroup { id: i64, version: i64 },
    Terminate { id: i64, version: i64 },
    Merge { keep: crate::lookup::Entity, gone: crate::lookup::Entity },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: Store,
    pub s: &'static Strings,
    pub keys: KeyMap,
    pub theme: Theme,
    pub pane: Pane,
    pub year: AcademicYear,
    pub years: Vec<AcademicYear>,
    pub data: YearData,
    pub views: [PaneView; Pane::ALL.len()],
    pub overlays: Vec<Overlay>,
    pub filter_input: Option<TextArea<'static>>,
    pub message: Option<Message>,
    pub size: Rect,
    pub quit: bool,
    pub today: chrono::NaiveDate,
    /// The lookup's index, built on first use and dropped when the data changes.
    pub index: Option<crate::lookup::Index>,
    /// Text the terminal should put on the clipboard (OSC 52); the event loop sends it.
    pub clipboard: Option<String>,
    /// Above these a mentor is marked overloaded (config `[load]`).
    /// The newest history line when the data was last read: a commit that adds none needs
    /// no reload.
    pub history_seen: i64,
    pub limits: crate::suggest::LoadLimits,
    /// The risk directions of the config (`[risks]`), in order.
    pub risk_directions: Vec<String>,
    /// An agreement ending within this many days is flagged (config `[agreements]`).
    pub expiring_days: i64,
    /// How many days ahead the Agenda pane looks (config `[agenda] days`).
    pub agenda_days: i64,
    /// The panes whose data is not read yet: after a load, every pane but the one shown, read
    /// once the first frame is drawn ([`App::finish_loading`]) or when the pane is opened. The
    /// Agenda (of every year) is read only when it is looked at, and again after a row changed.
    pub unread: [bool; Pane::COUNT],
    /// What each pane had selected before a load, found again when its rows are read.
    keep: [Option<(u8, i64)>; Pane::COUNT],
    /// The status bar says while the other panes are being read (the TUI reads them after
    /// the first frame; `snapshot` never does, and says nothing).
    pub says_reading: bool,
    pub timeline: timeline::Timeline,
    pub pictures: pictures::Pictures,
    /// The roadmap's row positions by host school, for the timeline's rows per school.
    pub school_groups: Vec<(String, Vec<usize>)>,
    /// The Roadmap's listed events counted, for the strip under the list.
    pub summary: RoadmapSummary,
    /// Whether the files `I` reads are the user's own (false over SSH: a path would name a
    /// file on the server, which a remote user must not read through the preview).
    pub local_files: bool,
    /// The school marked by `M`, to be merged into the one `M` is pressed on next.
    pub merge_mark: Option<(crate::lookup::Entity, String)>,
    /// The district in focus (`F`): only its schools, people and rows are on screen.
    pub focus: Option<(i64, String)>,
    /// What belongs to the district in focus, read with the year.
    pub focus_sets: Option<crate::store::FocusSets>,
    /// Screen-share mode (`S`): people's names cut to initials, categories behind «—».
    pub share: bool,
    /// What screen-share hides: read when it is turned on, and with the year.
    pub share_rules: crate::ui::share::ShareRules,
    data_version: i64,
    /// The reader thread, when the year is read again off the drawing thread (the TUI and
    /// `serve`; see [`App::read_in_background`]).
    reader: Option<reading::Reader>,
}

/// Where things are on a screen of a given size. Drawing and mouse clicks both use it.
pub struct Areas {
    pub tabs: Rect,
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

pub fn areas(size: Rect) -> Areas {
    let tabs = Rect { height: 1, ..size };
    let header = Rect { y: size.y + 1, height: 1, ..size };
    let status = Rect { y: size.bottom().saturating_sub(2), height: 2, ..size };
    let body = Rect { y: size.y + 2, height: size.height.saturating_sub(4), ..size };
    Areas { tabs, header, body, status }
}

/// The tabs as drawn on a line of `width` with `current` open: each pane's number and name,
/// or — when that and the year do not fit — the names of the other panes left out (their
/// numbers stay), so that the year is always on screen. With each label its columns, for clicks.
pub fn tab_labels(s: &Strings, width: u16, current: Pane) -> (Vec<String>, Vec<(u16, u16)>, bool) {
    let full: Vec<String> = Pane::ALL.iter().enumerate().map(|(i, p)| format!(" {} {} ", i + 1, p.title(s))).collect();
    let used = |labels: &[String]| -> u16 {
        labels.iter().map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) as u16 + 1).sum()
    };
    // "2021-2022 ([/]) ": the year's least room (its label «Учебный год:» goes first).
    let year_room = 17;
    let compact = used(&full) + year_room > width;
    let labels: Vec<String> = if compact {
        Pane::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| if *p == current { full[i].clone() } else { format!(" {} ", i + 1) })
            .collect()
    } else {
        full
    };
    let mut x = 0u16;
    let spans = labels
        .iter()
        .map(|l| {
            let w = unicode_width::UnicodeWidthStr::width(l.as_str()) as u16;
            let span = (x, x + w);
            x += w + 1;
            span
        })
        .collect();
    (labels, spans, compact)
}

impl App {
    pub fn new(store: Store, s: &'static Strings, keys: KeyMap, theme: Theme, size: Rect) -> Result<App, StoreError> {
        let mut app = App::configured(store, s, keys, theme, size, &crate::config::Settings::default())?;
        app.finish_loading();
        Ok(app)
    }

    /// The app as the config sets it up, its year read once: the one way the TUI, `serve` and
    /// `snapshot` make it.
    pub fn configured(
        store: Store,
        s: &'static Strings,
        keys: KeyMap,
        theme: Theme,
        size: Rect,
        settings: &crate::config::Settings,
    ) -> Result<App, StoreError> {
        App::configured_at(store, s, keys, theme, size, settings, None, None)
    }

    /// [`App::configured`] on a given year and pane (`snapshot --year`), each read once.
    #[allow(clippy::too_many_arguments)]
    pub fn configured_at(
        store: Store,
        s: &'static Strings,
        keys: KeyMap,
        theme: Theme,
        size: Rect,
        settings: &crate::config::Settings,
        year: Option<crate::text::AcademicYear>,
        pane: Option<Pane>,
    ) -> Result<App, StoreError> {
        let chosen = year.is_some();
        let year = match year {
            Some(y) => y,
            None => store.default_year()?,
        };
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            s,
            keys,
            theme,
            pane: Pane::Clusters,
            year,
            years: Vec::new(),
            data: YearData::default(),
            views: Default::default(),
            overlays: Vec::new(),
            filter_input: None,
            message: None,
            size,
            quit: false,
            today: crate::text::today(),
            index: None,
            clipboard: None,
            limits: settings.limits,
            risk_directions: settings.risk_directions.clone(),
            expiring_days: settings.expiring_days,
            agenda_days: settings.agenda_days,
            unread: [false; Pane::COUNT],
            keep: [None; Pane::COUNT],
            says_reading: false,
            timeline: timeline::Timeline::new(year.start()),
            pictures: Default::default(),
            school_groups: Vec::new(),
            summary: RoadmapSummary::default(),
            local_files: true,
            merge_mark: None,
            focus: None,
            focus_sets: None,
            share: false,
            share_rules: Default::default(),
            data_version,
            history_seen: 0,
            reader: None,
        };
        // The district this user had in focus, while it is still a district of the store.
        let kept: Option<(i64, String)> =
            app.store.draft(FOCUS_DRAFT).ok().flatten().and_then(|b| serde_json::from_str(&b).ok());
        app.focus = kept.and_then(|(id, _)| app.store.district_list().ok()?.into_iter().find(|(d, _)| *d == id));
        if let Some(pane) = pane.or_else(|| settings.start_pane.as_deref().and_then(Pane::from_name)) {
            app.pane = pane;
        }
        // The pane shown is read now; the others once its first frame is drawn.
        app.load_first()?;
        let current = crate::text::AcademicYear::of(app.today);
        if !chosen && year != current {
            let text = format!("{} {}; {}: {}", s.no_rows_year, current.label(), s.falling_back, year.label());
            app.message = Some(Message { text, error: false });
        }
        Ok(app)
    }

    /// The program ends: the store is closed as usual, and the rows are left to the operating
    /// system, which takes the whole memory back at once — freeing a region's hundreds of
    /// thousands of strings one by one kept the terminal waiting a tenth of a second.
    pub fn dismiss(mut self) {
        std::mem::forget(std::mem::take(&mut self.data));
        std::mem::forget(std::mem::take(&mut self.views));
        std::mem::forget(self.index.take());
    }

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
    fn wanted(&self) -> reading::Wanted {
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
    fn take_preamble(&mut self, pre: reading::Preamble) {
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
    fn reload_in_background(&mut self) {
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
    fn catch_up_reading(&mut self) {
        let Some(seen) = self.reader.as_ref().and_then(|r| r.pending).map(|(_, s)| s) else { return };
        if self.store.last_change().is_ok_and(|l| l != seen) {
            self.reload_in_background();
        }
    }

    /// Takes what the reader thread has read so far onto the screen (one pane at most), each
    /// pane keeping what it has selected.
    fn take_reads(&mut self) {
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

    fn read_unread(&mut self) -> Result<(), StoreError> {
        for pane in Pane::ALL {
            if pane != Pane::Agenda && self.unread[pane.index()] {
                self.read_pane(pane)?;
            }
        }
        self.note_damaged();
        Ok(())
    }

    /// Reads one pane's data of the year shown and builds its rows, keeping its selection.
    fn read_pane(&mut self, pane: Pane) -> Result<(), StoreError> {
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
                // The change is the newest line of the history.
                if !self.unread[Pane::History.index()] {
                    if let Ok(log) = self.read_log() {
                        self.data.log = log;
                        self.rebuild(Pane::History);
                    }
                }
                // What is done leaves the agenda: read again when it is looked at.
                self.unread[Pane::Agenda.index()] = true;
                if self.pane == Pane::Agenda {
                    self.refresh_agenda();
                }
            }
            Err(e) => {
                self.report::<()>(Err(e));
                self.reload();
            }
        }
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
    }

    /// The row showing an entity of the history table, if this year lists it.
    pub(crate) fn item_of(&self, entity: &str, id: i64) -> Option<ItemRef> {
        let d = &self.data;
        match entity {
            "event" => d.events.iter().position(|e| e.id == id).map(ItemRef::Event),
            "decision" => d.decisions.iter().position(|x| x.id == id).map(ItemRef::Decision),
            "agreement" => d.agreements.iter().position(|a| a.id == id).map(ItemRef::Agreement),
            "programme_task" => d
                .programmes
                .iter()
                .enumerate()
                .find_map(|(i, p)| p.tasks.iter().position(|t| t.id == id).map(|j| ItemRef::Task(i, j))),
            _ => None,
        }
    }

    /// Keeps a form's unsaved content in the store, so that neither `Esc` nor a dropped SSH
    /// session loses it.
    pub(crate) fn keep_draft<T: serde::Serialize>(&mut self, kind: &str, value: &T) {
        if let Ok(body) = serde_json::to_string(value) {
            let r = self.store.save_draft(kind, &body);
            self.report(r);
        }
    }

    /// This user's draft of a kind of form, announced on the message line.
    pub(crate) fn restore_draft<T: serde::de::DeserializeOwned>(&mut self, kind: &str) -> Option<T> {
        let body = self.store.draft(kind).ok().flatten()?;
        let value = serde_json::from_str(&body).ok()?;
        self.message = Some(Message { text: self.s.draft_restored.to_string(), error: false });
        Some(value)
    }

    pub(crate) fn discard_draft(&mut self, kind: &str) {
        let r = self.store.drop_draft(kind);
        self.report(r);
    }

    /// A row's identity that survives a reload: its kind and the id of what it shows.
    fn key_of(&self, item: ItemRef) -> (u8, i64) {
        let d = &self.data;
        match item {
            ItemRef::Cluster(org) => (0, org),
            ItemRef::Link(i) => (1, d.links.get(i).map_or(-1, |x| x.id)),
            ItemRef::Event(i) => (2, d.events.get(i).map_or(-1, |x| x.id)),
            ItemRef::Decision(i) => (3, d.decisions.get(i).map_or(-1, |x| x.id)),
            ItemRef::Risk(i) => (4, i as i64),
            ItemRef::Indicator(i) => (5, i as i64),
            ItemRef::Agreement(i) => (6, d.agreements.get(i).map_or(-1, |x| x.id)),
            ItemRef::Uncovered(i) => (7, d.uncovered.get(i).map_or(-1, |x| x.0.org)),
            ItemRef::Attention(i) => (8, i as i64),
            ItemRef::Diagnostic(i) => (9, d.diagnostics.get(i).map_or(-1, |x| x.id)),
            ItemRef::Change(i) => (10, i as i64),
            ItemRef::Network(i) => (11, d.networks.get(i).map_or(-1, |x| x.id)),
            ItemRef::Group(i) => (22, d.groups.get(i).map_or(-1, |x| x.id)),
            ItemRef::Order(i) => (17, d.orders.get(i).map_or(-1, order_identity)),
            ItemRef::Programme(i) => (18, d.programmes.get(i).map_or(-1, |x| x.id)),
            ItemRef::ReportDoc(i) => (21, d.report_docs.get(i).map_or(-1, |x| x.id)),
            ItemRef::Task(i, j) => (19, d.programmes.get(i).and_then(|p| p.tasks.get(j)).map_or(-1, |x| x.id)),
            ItemRef::Agenda(i) => match d.agenda.items.get(i).map(|x| x.source) {
                Some(crate::agenda::Source::Event(id)) => (12, id),
                Some(crate::agenda::Source::Decision(id)) => (13, id),
                Some(crate::agenda::Source::Risk(id)) => (14, id),
                Some(crate::agenda::Source::Indicator(id, org)) => (15, id * 1_000_000 + org.unwrap_or(0)),
                Some(crate::agenda::Source::Agreement(id)) => (16, id),
                Some(crate::agenda::Source::Task(id)) => (20, id),
                None => (12, -1),
            },
        }
    }

    /// The identity of a pane's selected row, to find it again after its rows are rebuilt.
    fn selected_key(&self, pane: Pane) -> Option<(u8, i64)> {
        let v = &self.views[pane.index()];
        v.rows.get(v.selected).and_then(|r| r.item).map(|i| self.key_of(i))
    }

    /// Rebuilds a pane's rows from the same data (a filter changed), keeping the selection.
    fn rebuild(&mut self, pane: Pane) {
        let keep = self.selected_key(pane);
        self.rebuild_keeping(pane, keep);
    }

    /// Rebuilds a pane's rows from the data and selects the row with identity `keep` when it
    /// is still there.
    fn rebuild_keeping(&mut self, pane: Pane, keep: Option<(u8, i64)>) {
        let (all, hays) = reading::build(pane, &self.data, self.s, self.today);
        let view = &mut self.views[pane.index()];
        view.hays = hays;
        view.all = all;
        view.matched.clear();
        self.refilter_keeping(pane, keep);
    }

    /// Applies the pane's filter to its rows again (a key typed into `/`): nothing is built
    /// or folded but the query.
    fn refilter_keeping(&mut self, pane: Pane, keep: Option<(u8, i64)>) {
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

    /// The roadmap's rows grouped by host school, for the timeline's rows per school: made when
    /// the rows are, not per frame.
    fn group_by_school(&mut self) {
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

    /// What this user may change: the drawing asks the App, never the store.
    pub fn access(&self) -> &crate::store::Access {
        self.store.access()
    }

    /// Whose name the changes are written in.
    pub fn user(&self) -> &str {
        self.store.user()
    }

    /// The store's file, for the status bar.
    pub fn store_path(&self) -> &std::path::Path {
        self.store.path()
    }

    pub fn view(&self) -> &PaneView {
        &self.views[self.pane.index()]
    }

    pub fn selected_item(&self) -> Option<ItemRef> {
        let v = self.view();
        v.rows.get(v.selected).and_then(|r| r.item)
    }

    /// Rows of the list that fit on screen (the table's header line excluded).
    pub fn list_height(&self) -> usize {
        self.list_body().height.saturating_sub(3) as usize
    }

    fn scroll_into_view(&mut self, pane: Pane) {
        let h = self.list_height().max(1);
        let v = &mut self.views[pane.index()];
        if v.selected < v.offset {
            v.offset = v.selected;
        } else if v.selected >= v.offset + h {
            v.offset = v.selected + 1 - h;
        }
        // A header directly above the first visible item stays visible.
        if v.offset > 0 && v.offset == v.selected && v.rows.get(v.offset - 1).is_some_and(|r| r.item.is_none()) {
            v.offset -= 1;
        }
        v.offset = v.offset.min(v.rows.len().saturating_sub(1));
        if pane == Pane::Deficits {
            self.refresh_pictures();
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let pane = self.pane;
        let v = &mut self.views[pane.index()];
        if v.rows.is_empty() {
            return;
        }
        let dir = if delta < 0 { -1 } else { 1 };
        let mut target = v.selected as isize;
        let mut steps = delta.abs();
        while steps > 0 {
            let next = target + dir;
            if next < 0 || next >= v.rows.len() as isize {
                break;
            }
            target = next;
            if v.rows[target as usize].item.is_some() {
                steps -= 1;
            }
        }
        if v.rows.get(target as usize).is_some_and(|r| r.item.is_some()) {
            v.selected = target as usize;
        }
        self.scroll_into_view(pane);
    }

    fn select_edge(&mut self, end: bool) {
        let pane = self.pane;
        let v = &mut self.views[pane.index()];
        v.selected =
            if end { first_item(&v.rows, v.rows.len().saturating_sub(1), -1) } else { first_item(&v.rows, 0, 1) };
        self.scroll_into_view(pane);
    }

    pub fn set_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.filter_input = None;
        if self.unread[pane.index()] {
            if pane == Pane::Agenda {
                self.refresh_agenda();
            } else {
                let r = self.read_pane(pane);
                self.report(r);
            }
        }
    }

    /// The agenda as of today, of the district in focus.
    fn read_agenda(&self) -> Result<crate::agenda::Agenda, StoreError> {
        let f = self.focus_sets.as_ref();
        crate::agenda::agenda(&self.store, self.today, self.agenda_days, self.expiring_days, f, self.s)
    }

    /// Reads the agenda again (a row changed since the year was read).
    fn refresh_agenda(&mut self) {
        let a = self.read_agenda();
        if let Some(a) = self.report(a) {
            self.data.agenda = a;
            self.unread[Pane::Agenda.index()] = false;
            self.rebuild(Pane::Agenda);
        }
    }

    fn change_year(&mut self, delta: isize) {
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
    fn read_log(&self) -> Result<Vec<crate::store::LogLine>, StoreError> {
        reading::log(&self.store, self.focus_sets.as_ref())
    }

    /// After a read: a value another tool wrote as broken text is shown with � where the bytes
    /// were, and the message line says so (`nastavnik check` names the rows).
    fn note_damaged(&mut self) {
        let n = crate::store::take_damaged();
        if n > 0 {
            self.message = Some(Message { text: format!("{} ({n})", self.s.damaged_values), error: true });
        }
    }

    pub(crate) fn report<T>(&mut self, r: Result<T, StoreError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                match &e {
                    StoreError::Forbidden { .. } | StoreError::Conflict { .. } | StoreError::Refused(_) => {
                        tracing::info!(user = %self.store.user(), pane = self.pane.name(), "change refused: {e}")
                    }
                    _ => tracing::error!(user = %self.store.user(), pane = self.pane.name(), "{e}"),
                }
                let text = e.text(self.s);
                self.message = Some(Message { text, error: true });
                None
            }
        }
    }

    /// Keys that arrived together, handled in order once the escape sequences the terminal's
    /// parser split are mended (see [`crate::keys::mend_escapes`]); the screen is drawn after
    /// all of them.
    pub fn handle_keys(&mut self, keys: Vec<KeyEvent>) {
        self.finish_loading();
        for k in crate::keys::mend_escapes(keys, &self.keys) {
            self.handle_key(k);
        }
        self.catch_up_reading();
    }

    /// Text pasted (bracketed paste): typed into the field that has the focus, as text — never
    /// read as commands. Line breaks become spaces.
    pub fn paste(&mut self, text: &str) {
        self.finish_loading();
        let typing = self.filter_input.is_some() || self.overlays.last().is_some_and(|o| o.reads_keys());
        if !typing {
            return;
        }
        let total = text.chars().count();
        if total > MAX_PASTE {
            self.message = Some(Message {
                text: format!("{} {MAX_PASTE} {} {total}", self.s.paste_cut, self.s.paste_of),
                error: true,
            });
        }
        for c in text.chars().take(MAX_PASTE) {
            let c = match c {
                '\r' => continue,
                '\n' | '\t' => ' ',
                c => c,
            };
            self.handle_key(KeyEvent::new(KeyCode::Char(c), crossterm::event::KeyModifiers::NONE));
        }
    }

    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.finish_loading();
        if ev.kind == KeyEventKind::Release {
            return;
        }
        // An invisible character typed or pasted (a zero-width joiner, a bidi mark) would
        // reach the terminal from the field and be dropped from the store anyway: never typed.
        if let KeyCode::Char(c) = ev.code {
            if c.is_control() || crate::text::is_format_char(c) {
                return;
            }
        }
        if self.filter_input.is_some() {
            self.filter_key(ev);
            return;
        }
        match self.overlays.last() {
            Some(Overlay::Lookup(_)) => {
                self.message = None;
                self.lookup_key(ev);
                return;
            }
            Some(Overlay::LinkForm(_)) => {
                self.form_key(ev);
                return;
            }
            Some(Overlay::Prompt(_)) => {
                self.prompt_key(ev);
                return;
            }
            Some(Overlay::Minutes(_)) => {
                self.minutes_key(ev);
                return;
            }
            Some(Overlay::Event(_)) => {
                self.event_key(ev);
                return;
            }
            Some(Overlay::Confirm { .. }) => {
                self.confirm_key(ev);
                return;
            }
            Some(Overlay::Agreement(_)) => {
                self.agreement_key(ev);
                return;
            }
            Some(Overlay::Fields(_)) => {
                self.fields_key(ev);
                return;
            }
            Some(Overlay::Conflict(_)) => {
                self.conflict_key(ev);
                return;
            }
            Some(Overlay::Import(_)) => {
                self.import_key(ev);
                return;
            }
            _ => {}
        }
        let Some(action) = self.keys.action(&ev) else {
            return;
        };
        self.message = None;
        if action.writes() && *self.store.access() == crate::store::Access::Viewer {
            self.message = Some(Message { text: self.s.forbidden_viewer.to_string(), error: true });
            return;
        }
        if !self.overlays.is_empty() {
            self.overlay_action(action);
        } else {
            self.pane_action(action);
        }
    }

    fn filter_key(&mut self, ev: KeyEvent) {
        let Some(input) = self.filter_input.as_mut() else {
            return;
        };
        match ev.code {
            KeyCode::Esc => {
                self.filter_input = None;
                self.views[self.pane.index()].filter.clear();
                self.rebuild(self.pane);
            }
            KeyCode::Enter => {
                self.filter_input = None;
                self.views[self.pane.index()].matched = Vec::new();
            }
            KeyCode::Down | KeyCode::Up => {
                let d = if ev.code == KeyCode::Down { 1 } else { -1 };
                self.move_selection(d);
            }
            _ => {
                input.input(ev);
                let text = crate::text::clean_line(&input.lines().join(" "));
                self.views[self.pane.index()].filter = text;
                let keep = self.selected_key(self.pane);
                self.refilter_keeping(self.pane, keep);
            }
        }
    }

    fn overlay_action(&mut self, action: Action) {
        if matches!(self.overlays.last(), Some(Overlay::Answer(_))) {
            self.answer_action(action);
            return;
        }
        let Some(top) = self.overlays.last_mut() else {
            return;
        };
        if top.reads_keys() {
            return;
        }
        match (top, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::Detail { .. }, Action::Lookup) => self.open_lookup(),
            (Overlay::Detail { entity: Some(crate::lookup::Entity::Org(org)), .. }, Action::NewPerson) => {
                let org = *org;
                self.person_form(None, Some(org));
            }
            (Overlay::Detail { entity: Some(e), .. }, Action::New) => {
                let e = *e;
                self.new_link(Some(e));
            }
            (Overlay::Help { .. }, Action::Help) | (_, Action::Back) => {
                self.overlays.pop();
            }
            (Overlay::Help { scroll } | Overlay::Detail { scroll, .. }, a) => match a {
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::Top => *scroll = 0,
                _ => {}
            },
            (Overlay::StatusPicker { selected, options, .. }, a) => match a {
                Action::Down => *selected = (*selected + 1).min(options.len().saturating_sub(1)),
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Top => *selected = 0,
                Action::Bottom => *selected = options.len().saturating_sub(1),
                Action::Open => {
                    let choice = *selected;
                    if let Some(Overlay::StatusPicker { target, .. }) = self.overlays.pop() {
                        self.apply_status(target, choice);
                    }
                }
                _ => {}
            },
            // The overlays that read keys themselves returned above.
            _ => {}
        }
    }

    fn pane_action(&mut self, action: Action) {
        // The pane's own keys first: the same key means its own thing in each pane.
        if self.pane.slice().act(self, action) {
            return;
        }
        let page = self.list_height().max(1) as isize;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::NextTab => self.set_pane(Pane::ALL[(self.pane.index() + 1) % Pane::ALL.len()]),
            Action::PrevTab => self.set_pane(Pane::ALL[(self.pane.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]),
            Action::Tab(n) => self.set_pane(Pane::ALL[(n as usize).clamp(1, Pane::ALL.len()) - 1]),
            Action::Down if self.timeline_on() && self.timeline.by_school => self.timeline.school_offset += 1,
            Action::Up if self.timeline_on() && self.timeline.by_school => {
                self.timeline.school_offset = self.timeline.school_offset.saturating_sub(1)
            }
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::PageDown => self.move_selection(page),
            Action::PageUp => self.move_selection(-page),
            Action::Top => self.select_edge(false),
            Action::Bottom => self.select_edge(true),
            Action::Left if self.timeline_on() => self.scroll_time(-1),
            Action::Right if self.timeline_on() => self.scroll_time(1),
            Action::Left => self.change_year(-1),
            Action::Right => self.change_year(1),
            Action::Timeline => self.toggle_timeline(),
            Action::ZoomIn if self.timeline_on() => self.zoom(true),
            Action::ZoomOut if self.timeline_on() => self.zoom(false),
            Action::Today if self.timeline_on() => self.jump_to_today(),
            Action::RowsBySchool if self.timeline_on() => self.toggle_rows_by_school(),
            Action::ZoomIn | Action::ZoomOut | Action::Today | Action::RowsBySchool => {}
            Action::PrevYear => self.change_year(-1),
            Action::NextYear => self.change_year(1),
            Action::Open => self.open_selected(),
            Action::Back => {
                if self.merge_mark.take().is_some() {
                    self.message = Some(Message { text: self.s.mg_cancelled.to_string(), error: false });
                } else if !self.view().filter.is_empty() {
                    self.clear_filter();
                }
            }
            Action::Filter => {
                let mut t = TextArea::new(vec![self.view().filter.clone()]);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                self.filter_input = Some(t);
            }
            Action::ClearFilter => self.clear_filter(),
            Action::Status => self.open_status_picker(),
            Action::Lookup => self.open_lookup(),
            Action::Focus => self.open_focus(),
            Action::ScreenShare => {
                self.share = !self.share;
                self.read_share_rules();
                let text = if self.share { self.s.share_on } else { self.s.share_off };
                self.message = Some(Message { text: text.to_string(), error: false });
            }
            Action::Import => self.open_import(),
            Action::Copy => {}
            Action::Mark => self.mark_form(),
            // The pane's own keys, where its pane has nothing for them.
            Action::Merge
            | Action::NewPerson
            | Action::Retire
            | Action::New
            | Action::Edit
            | Action::NewNetwork
            | Action::NewGroup
            | Action::CopyEvent
            | Action::Delete
            | Action::End
            | Action::Advance
            | Action::Terminate
            | Action::NewAdditional
            | Action::PlanRow
            | Action::SetStatus(_)
            | Action::Minutes => {}
            Action::Undo => self.undo_redo(false),
            Action::Redo => self.undo_redo(true),
            Action::Report => self.report_form(),
            Action::Load => {
                let doc = crate::app::panes::mentoring::load_doc(&self.data, self.limits, self.s);
                let title = format!("{} — {}", self.s.load_title, self.year.label());
                self.overlays.push(Overlay::Detail { title, doc, scroll: 0, entity: None });
            }
            Action::Reload => {
                if self.reload() {
                    self.data_version = self.store.data_version().unwrap_or(self.data_version);
                }
            }
        }
    }

    fn clear_filter(&mut self) {
        self.views[self.pane.index()].filter.clear();
        self.rebuild(self.pane);
    }

    fn open_selected(&mut self) {
        let Some(item) = self.selected_item() else {
            return;
        };
        // The school the row is about, for `w` from its card.
        let org = match item {
            ItemRef::Cluster(org) => Some(org),
            ItemRef::Uncovered(i) => Some(self.data.uncovered[i].0.org),
            ItemRef::Attention(i) => self.data.attention[i].org(),
            _ => None,
        };
        let entity = org.map(crate::lookup::Entity::Org);
        let Some((title, doc)) = self.pane.slice().card(self, item) else {
            return;
        };
        // The values marked as written or doubtful, beside their fields.
        let doc = match self.marked(item) {
            Some((kind, id)) => match self.report(self.store.marks(kind, id)) {
                Some(marks) => rows::with_marks(doc, &marks, self.s),
                None => return,
            },
            None => doc,
        };
        self.overlays.push(Overlay::Detail { title, doc, scroll: 0, entity });
    }

    /// The record a row is, as marks and history name it, when its values can be marked.
    pub(crate) fn marked(&self, item: ItemRef) -> Option<(&'static str, i64)> {
        let d = &self.data;
        Some(match item {
            ItemRef::Event(i) => ("event", d.events.get(i)?.id),
            ItemRef::Decision(i) => ("decision", d.decisions.get(i)?.id),
            ItemRef::Link(i) => ("mentoring_link", d.links.get(i)?.id),
            ItemRef::Agreement(i) => ("agreement", d.agreements.get(i)?.id),
            ItemRef::Risk(i) => ("risk", d.risks.get(i)?.id),
            ItemRef::Programme(i) => ("programme", d.programmes.get(i)?.id),
            ItemRef::Task(i, j) => ("programme_task", d.programmes.get(i)?.tasks.get(j)?.id),
            ItemRef::Group(i) => ("group", d.groups.get(i)?.id),
            ItemRef::ReportDoc(i) => ("report", d.report_docs.get(i)?.id),
            // An order is a record of its own only once entered; one read from the texts that
            // cite it is corrected there.
            ItemRef::Order(i) => ("order", d.orders.get(i)?.stored?.0),
            _ => return None,
        })
    }

    /// An agenda line opened where it lives: its pane, in its year, with it selected (a filter
    /// that hides it is cleared).
    fn open_agenda_item(&mut self, i: usize) {
        use crate::agenda::Source;
        let Some(it) = self.data.agenda.items.get(i).cloned() else { return };
        let pane = match it.source {
            Source::Event(_) | Source::Decision(_) => Pane::Roadmap,
            Source::Risk(_) | Source::Indicator(..) => Pane::Deficits,
            Source::Agreement(_) | Source::Task(_) => Pane::Agreements,
        };
        if pane.by_year() && self.year != it.year {
            self.year = it.year;
            if !self.reload() {
                return;
            }
        }
        // The pane is read (when it is not yet) before its row is looked for.
        self.set_pane(pane);
        let d = &self.data;
        let found = match it.source {
            Source::Event(id) => self.item_of("event", id),
            Source::Decision(id) => self.item_of("decision", id),
            Source::Agreement(id) => self.item_of("agreement", id),
            Source::Task(id) => self.item_of("programme_task", id),
            Source::Risk(id) => d.risks.iter().position(|r| r.id == id).map(ItemRef::Risk),
            Source::Indicator(id, org) => {
                d.indicators.iter().rposition(|r| r.id == id && r.org == org).map(ItemRef::Indicator)
            }
        };
        let Some(item) = found else {
            self.message = Some(Message { text: self.s.wk_not_in_pane.to_string(), error: true });
            return;
        };
        let key = self.key_of(item);
        if !self.views[pane.index()].rows.iter().any(|r| r.item == Some(item)) {
            self.views[pane.index()].filter.clear();
        }
        self.refilter_keeping(pane, Some(key));
    }

    /// A school's card with its suggested mentors and what needs attention.
    fn school_card_doc(&mut self, org: Option<i64>) -> Option<(String, Vec<rows::DocLine>)> {
        let card = self.report(self.store.school_card(org.unwrap_or_default()))?;
        Some((format!("{}: {}", self.s.card_title, card.name), rows::card_with_suggestions(&card, &self.data, self.s)))
    }

    /// The names screen-share keeps (the people of the district in focus) and the categories
    /// it hides, when it is on.
    fn read_share_rules(&mut self) {
        if !self.share {
            return;
        }
        let focus = self.focus.as_ref().map(|(d, _)| *d);
        if let Some((keep, hide)) = self.report(self.store.share_words(focus)) {
            let mut hide = hide;
            hide.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            self.share_rules =
                crate::ui::share::ShareRules { keep: keep.iter().map(|n| crate::text::fold(n)).collect(), hide };
        }
    }

    /// `F`: which district is on screen — the whole region, or one district.
    fn open_focus(&mut self) {
        let Some(districts) = self.report(self.store.district_list()) else { return };
        let mut options = vec![self.s.focus_all.to_string()];
        options.extend(districts.iter().map(|(_, n)| n.clone()));
        let selected =
            self.focus.as_ref().and_then(|(d, _)| districts.iter().position(|(x, _)| x == d)).map_or(0, |i| i + 1);
        self.overlays.push(Overlay::StatusPicker {
            target: StatusTarget::Focus,
            title: self.s.focus_title.to_string(),
            options,
            selected,
        });
    }

    /// The district chosen in the focus picker (0: the whole region), kept for this user.
    fn set_focus(&mut self, choice: usize) {
        let Some(districts) = self.report(self.store.district_list()) else { return };
        self.focus = choice.checked_sub(1).and_then(|i| districts.get(i).cloned());
        match &self.focus {
            Some(f) => {
                let f = f.clone();
                self.keep_draft(FOCUS_DRAFT, &f);
            }
            None => self.discard_draft(FOCUS_DRAFT),
        }
        self.reload();
        let text = match &self.focus {
            Some((_, name)) => format!("{}: {name}", self.s.focus_on),
            None => self.s.focus_off.to_string(),
        };
        self.message = Some(Message { text, error: false });
    }

    /// `R` on a school: out of the network (kept, dimmed, out of the lookup), or back in.
    fn retire_key(&mut self) {
        let Some(ItemRef::Cluster(org)) = self.selected_item() else { return };
        let Some(c) = self.data.clusters.iter().find(|c| c.org_id == org) else { return };
        let retire = (!c.retired).then_some(self.today);
        let version = self.store.school_fields(org).map(|(_, v)| v).ok();
        let r = self.store.set_org_retired(org, retire, version);
        if self.report(r).is_some() {
            self.index = None;
            let text = if retire.is_some() { self.s.rt_done } else { self.s.rt_back };
            self.after_write(text);
        }
    }

    /// `M` on a school marks it; `M` on another asks whether the marked one goes into it.
    fn merge_key(&mut self) {
        if let Some(ItemRef::Cluster(org)) = self.selected_item() {
            self.merge_entity(crate::lookup::Entity::Org(org));
        }
    }

    /// The first `M` marks a school or person; the second, on another of the same kind, asks
    /// whether the marked one goes into it.
    pub(crate) fn merge_entity(&mut self, e: crate::lookup::Entity) {
        use crate::lookup::Entity;
        let s = self.s;
        let name = |app: &App, e: Entity| app.store.entry(e).map(|x| x.name).unwrap_or_default();
        match self.merge_mark.take() {
            Some((gone, _)) if gone == e => {
                self.message = Some(Message { text: s.mg_cancelled.to_string(), error: false });
            }
            Some((gone, gone_name)) if std::mem::discriminant(&gone) == std::mem::discriminant(&e) => {
                let (title, detail) = match e {
                    Entity::Org(_) => (s.mg_title, s.mg_detail),
                    Entity::Person(_) => (s.mg_person_title, s.mg_person_detail),
                };
                let question = format!("«{gone_name}» {} «{}»: {detail}", s.mg_question, name(self, e));
                let action = Confirmed::Merge { keep: e, gone };
                self.overlays.push(Overlay::Confirm { title, question, action, yes_focused: false });
            }
            _ => {
                let n = name(self, e);
                let key = self.keys.first_key(Action::Merge);
                let marked = match e {
                    Entity::Org(_) => s.mg_marked,
                    Entity::Person(_) => s.mg_person_marked,
                };
                self.message =
                    Some(Message { text: format!("«{n}» {marked} {key} · {}", s.mg_cancel), error: false });
                self.merge_mark = Some((e, n));
            }
        }
    }

    fn open_status_picker(&mut self) {
        let s = self.s;
        let Some(item) = self.selected_item() else {
            return;
        };
        let (target, title, current, options): (StatusTarget, String, usize, Vec<&'static str>) = match item {
            ItemRef::Risk(i) => {
                let r = &self.data.risks[i];
                let cur = EventStatus::ALL.iter().position(|x| *x == r.status).unwrap_or(0);
                (
                    StatusTarget::Risk { id: r.id, version: r.stamp.version },
                    format!("{}: {}", r.school, r.direction),
                    cur,
                    EventStatus::ALL.iter().map(|x| x.label(s)).collect(),
                )
            }
            ItemRef::Event(i) => {
                let e = &self.data.events[i];
                let cur = EventStatus::ALL.iter().position(|x| *x == e.status).unwrap_or(0);
                (
                    StatusTarget::Event { id: e.id, version: e.stamp.version },
                    e.title.clone(),
                    cur,
                    EventStatus::ALL.iter().map(|x| x.label(s)).collect(),
                )
            }
            ItemRef::Decision(i) => {
                let x = &self.data.decisions[i];
                let cur = EventStatus::ALL.iter().position(|y| *y == x.status).unwrap_or(0);
                (
                    StatusTarget::Decision { id: x.id, version: x.stamp.version },
                    x.text.clone(),
                    cur,
                    EventStatus::ALL.iter().map(|x| x.label(s)).collect(),
                )
            }
            ItemRef::Task(i, j) => {
                let t = &self.data.programmes[i].tasks[j];
                let cur = EventStatus::ALL.iter().position(|x| *x == t.status).unwrap_or(0);
                (
                    StatusTarget::Task { id: t.id, version: t.stamp.version },
                    t.text.clone(),
                    cur,
                    EventStatus::ALL.iter().map(|x| x.task_label(s)).collect(),
                )
            }
            ItemRef::Agreement(i) => {
                let a = &self.data.agreements[i];
                let now = crate::lifecycle::effective(a, self.today);
                let cur = AgreementStatus::ALL.iter().position(|x| *x == now).unwrap_or(0);
                (
                    StatusTarget::Agreement { id: a.id, version: a.stamp.version },
                    a.title.clone(),
                    cur,
                    AgreementStatus::ALL.iter().map(|x| x.label(s)).collect(),
                )
            }
            _ => return,
        };
        let title = format!("{}: {}", s.status_title, crate::text::truncate(&title, 40));
        let options = options.into_iter().map(str::to_string).collect();
        self.overlays.push(Overlay::StatusPicker { target, title, options, selected: current });
    }

    fn apply_status(&mut self, target: StatusTarget, choice: usize) {
        let result = match target {
            StatusTarget::Event { id, version } => {
                self.store.set_event_status(id, EventStatus::ALL[choice], Some(version))
            }
            StatusTarget::Decision { id, version } => {
                self.store.set_decision_status(id, EventStatus::ALL[choice], Some(version))
            }
            StatusTarget::Agreement { id, version } => {
                self.store.set_agreement_status(id, AgreementStatus::ALL[choice], Some(version), self.today)
            }
            StatusTarget::Risk { id, version } => {
                self.store.set_risk_status(id, EventStatus::ALL[choice], Some(version))
            }
            StatusTarget::Task { id, version } => {
                self.store.set_task_status(id, EventStatus::ALL[choice], Some(version))
            }
            StatusTarget::Direction { org } => {
                self.verify_direction(org, choice);
                return;
            }
            StatusTarget::Focus => {
                self.set_focus(choice);
                return;
            }
        };
        let result = match result {
            Err(e @ StoreError::Conflict { .. }) => {
                self.conflict_or_report(e, conflict::Retry::Status { target, choice });
                return;
            }
            other => other,
        };
        let changed = self.report(result);
        match (changed, self.selected_item()) {
            (Some(_), Some(item)) => self.refresh_row(item, false),
            _ => {
                self.reload();
            }
        }
        if let Some(changed) = changed {
            let text = if changed { self.s.status_saved } else { self.s.status_unchanged };
            self.message = Some(Message { text: text.to_string(), error: false });
        }
    }

    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        self.finish_loading();
        match ev.kind {
            MouseEventKind::ScrollDown if self.overlays.is_empty() => self.move_selection(1),
            MouseEventKind::ScrollUp if self.overlays.is_empty() => self.move_selection(-1),
            MouseEventKind::ScrollDown => self.overlay_action(Action::Down),
            MouseEventKind::ScrollUp => self.overlay_action(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => self.click(ev.column, ev.row),
            _ => {}
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        if !self.overlays.is_empty() {
            return;
        }
        let a = areas(self.size);
        if y == a.tabs.y {
            let (_, spans, _) = tab_labels(self.s, self.size.width, self.pane);
            if let Some(i) = spans.iter().position(|(l, r)| x >= *l && x < *r) {
                self.set_pane(Pane::ALL[i]);
            }
            return;
        }
        // The table sits inside a border (1 line) under its column header (1 line).
        let first = a.body.y + 2;
        if y >= first && y < a.body.bottom().saturating_sub(1) {
            let pane = self.pane;
            let v = &mut self.views[pane.index()];
            let idx = v.offset + (y - first) as usize;
            if v.rows.get(idx).is_some_and(|r| r.item.is_some()) {
                if v.selected == idx {
                    self.open_selected();
                } else {
                    v.selected = idx;
                }
            }
        }
    }

    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        for pane in Pane::ALL {
            self.scroll_into_view(pane);
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
        // A colleague set a status, a result or how many came on rows this year shows (what happens during a
        // call): those rows are read again, not the whole year.
        const FEW: usize = 50;
        if let Ok(changes) = self.store.changes_after(self.history_seen, FEW + 1) {
            let items: Option<Vec<ItemRef>> = (changes.len() <= FEW)
                .then(|| {
                    changes
                        .iter()
                        .map(|(entity, id, field)| {
                            matches!(
                                field.as_str(),
                                "status" | "result" | "teachers" | "people" | "schools" | "connections" | "teams"
                            )
                            .then(|| self.item_of(entity, *id))
                            .flatten()
                        })
                        .collect()
                })
                .flatten();
            if let Some(mut items) = items.filter(|i| !i.is_empty()) {
                items.dedup();
                for item in items {
                    self.refresh_row(item, false);
                }
                self.history_seen = last;
                self.message = Some(Message { text: self.s.reloaded.to_string(), error: false });
                return true;
            }
        }
        self.reload_in_background();
        true
    }
}

fn first_item(rows: &[ViewRow], from: usize, dir: isize) -> usize {
    let mut i = from as isize;
    while i >= 0 && (i as usize) < rows.len() {
        if rows[i as usize].item.is_some() {
            return i as usize;
        }
        i += dir;
    }
    from.min(rows.len().saturating_sub(1))
}
