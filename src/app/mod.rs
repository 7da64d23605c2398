//! The program's state and the one place that changes it. Keys become actions (see `keys`),
//! actions change state here, and the store is read or written here — never while drawing.

pub mod agreement;
pub mod conflict;
pub mod deficitforms;
pub mod eventform;
mod focus;
mod groupform;
pub mod importer;
pub mod linkform;
mod loading;
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
mod selection;
mod status;
pub mod timeline;

use crate::config::Theme;
use crate::i18n::Strings;
use crate::keys::{Action, KeyMap};
use crate::store::{Store, StoreError};
use crate::text::AcademicYear;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
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

    /// A school's card with its suggested mentors and what needs attention.
    fn school_card_doc(&mut self, org: Option<i64>) -> Option<(String, Vec<rows::DocLine>)> {
        let card = self.report(self.store.school_card(org.unwrap_or_default()))?;
        Some((format!("{}: {}", self.s.card_title, card.name), rows::card_with_suggestions(&card, &self.data, self.s)))
    }
}
