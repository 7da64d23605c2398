//! Creating, editing, copying and removing roadmap events. Dates are read the way the documents
//! write them; the host school, the teacher and the participating schools are picked with the
//! lookup; a form closed by mistake keeps its draft until it is saved or discarded.

use super::{App, Message, Overlay};
use crate::domain::EventFields;
use crate::lookup::Entity;
use crate::period::parse_when;
use crate::text::clean_line;
use crate::turnout::Taking;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvField {
    Kind,
    Title,
    When,
    Time,
    Format,
    Subject,
    Grades,
    Host,
    Teacher,
    Participants,
    Turnout,
    Responsible,
    Funding,
    Expected,
    Result,
    Note,
}

impl EvField {
    pub const ALL: [EvField; 16] = [
        EvField::Kind,
        EvField::Title,
        EvField::When,
        EvField::Time,
        EvField::Format,
        EvField::Subject,
        EvField::Grades,
        EvField::Host,
        EvField::Teacher,
        EvField::Participants,
        EvField::Turnout,
        EvField::Responsible,
        EvField::Funding,
        EvField::Expected,
        EvField::Result,
        EvField::Note,
    ];
    pub fn label(self, s: &crate::i18n::Strings) -> &'static str {
        match self {
            EvField::Kind => s.col_kind,
            EvField::Title => s.min_title,
            EvField::When => s.col_date,
            EvField::Time => s.doc_time,
            EvField::Format => s.doc_format,
            EvField::Subject => s.col_subject,
            EvField::Grades => s.col_grades,
            EvField::Host => s.col_host,
            EvField::Teacher => s.col_teacher,
            EvField::Participants => s.col_participants,
            EvField::Turnout => s.col_turnout,
            EvField::Responsible => s.col_responsible,
            EvField::Funding => s.ev_funding,
            EvField::Expected => s.ev_expected,
            EvField::Result => s.col_result,
            EvField::Note => s.col_note,
        }
    }
    pub fn is_pick(self) -> bool {
        matches!(self, EvField::Host | EvField::Teacher | EvField::Participants)
    }
    pub fn height(self) -> u16 {
        if matches!(self, EvField::Expected | EvField::Result) {
            2
        } else {
            1
        }
    }
}

/// What an event form's draft keeps: its texts and what was picked.
#[derive(serde::Serialize, serde::Deserialize)]
struct EventDraft {
    texts: Vec<String>,
    host: Option<(i64, String)>,
    teacher: Option<(i64, String)>,
    participants: Vec<(i64, String)>,
    #[serde(default)]
    details: Vec<Taking>,
}

/// What the line being typed in the participants' list is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterEdit {
    Note,
    Counts,
}

/// The participants' list opened from the form (`Enter` on «Участники»): each school's part,
/// note and counts.
pub struct Roster {
    pub selected: usize,
    pub editing: Option<(RosterEdit, TextArea<'static>)>,
    pub error: Option<&'static str>,
}

pub struct EventForm {
    /// The event being edited and the version seen; `None` for a new one (or a copy).
    pub editing: Option<(i64, i64)>,
    pub fields: Vec<TextArea<'static>>,
    pub host: Option<(i64, String)>,
    pub teacher: Option<(i64, String)>,
    pub participants: Vec<(i64, String)>,
    /// The parts, notes and counts of participants with more than a name on the list.
    pub details: Vec<Taking>,
    pub focus: usize,
    pub errors: Vec<(EvField, &'static str)>,
    /// The agreement whose joint plan a new event is a row of, and its title.
    pub plan_for: Option<(i64, String)>,
    /// The participants' list, when it is open over the form.
    pub roster: Option<Roster>,
}

fn area(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.split('\n').map(str::to_string).collect());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl EventForm {
    fn from_fields(editing: Option<(i64, i64)>, f: &EventFields, s: &crate::i18n::Strings) -> EventForm {
        let texts = [
            f.kind.clone(),
            f.title.clone(),
            f.when.display(),
            f.time.clone(),
            f.format.clone(),
            f.subject.clone(),
            f.grades.clone(),
            String::new(),
            String::new(),
            String::new(),
            f.turnout.display(s),
            f.responsible.clone(),
            f.funding.clone(),
            f.expected_result.clone(),
            f.result.clone(),
            f.note.clone(),
        ];
        EventForm {
            editing,
            fields: texts.iter().map(|t| area(t)).collect(),
            host: f.host_org.clone(),
            teacher: f.host_person.clone(),
            participants: f.participants.clone(),
            details: f.details.clone(),
            focus: 1,
            errors: Vec::new(),
            plan_for: None,
            roster: None,
        }
    }

    /// A participant's part, note and counts: what is kept, or plain participation.
    pub fn taking(&self, org: i64) -> Taking {
        let name = self.participants.iter().find(|p| p.0 == org).map(|p| p.1.clone()).unwrap_or_default();
        self.details
            .iter()
            .find(|t| t.org == org)
            .cloned()
            .map(|t| Taking { name: name.clone(), ..t })
            .unwrap_or(Taking { org, name, ..Default::default() })
    }

    /// Puts a participant's part, note and counts back (dropped when plain).
    fn set_taking(&mut self, t: Taking) {
        self.details.retain(|d| d.org != t.org);
        if !t.is_plain() {
            self.details.push(t);
        }
    }

    /// The form of an event being edited, with these values (after a conflict, to edit again).
    pub fn editing(id: i64, version: i64, f: &EventFields, s: &crate::i18n::Strings) -> EventForm {
        EventForm::from_fields(Some((id, version)), f, s)
    }

    pub fn field(&self) -> EvField {
        EvField::ALL[self.focus]
    }

    pub fn text(&self, f: EvField) -> String {
        self.fields[f as usize].lines().join("\n")
    }

    /// What a pick field shows.
    pub fn picked(&self, f: EvField, s: &crate::i18n::Strings) -> String {
        match f {
            EvField::Host => self.host.as_ref().map(|h| h.1.clone()).unwrap_or_default(),
            EvField::Teacher => self.teacher.as_ref().map(|h| h.1.clone()).unwrap_or_default(),
            EvField::Participants => self
                .participants
                .iter()
                .map(|p| match self.details.iter().find(|t| t.org == p.0) {
                    Some(t) => format!("{} ({})", p.1, t.details(s)),
                    None => p.1.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    }

    pub fn error_of(&self, f: EvField) -> Option<&'static str> {
        self.errors.iter().find(|(g, _)| *g == f).map(|(_, e)| *e)
    }

    fn values(&self) -> EventFields {
        EventFields {
            kind: clean_line(self.text(EvField::Kind).trim()),
            title: clean_line(self.text(EvField::Title).trim()),
            subject: clean_line(self.text(EvField::Subject).trim()),
            grades: clean_line(self.text(EvField::Grades).trim()),
            when: parse_when(&self.text(EvField::When)).unwrap_or_default(),
            host_org: self.host.clone(),
            host_person: self.teacher.clone(),
            participants: self.participants.clone(),
            responsible: clean_line(self.text(EvField::Responsible).trim()),
            funding: clean_line(self.text(EvField::Funding).trim()),
            expected_result: crate::text::clean(self.text(EvField::Expected).trim()),
            result: crate::text::clean(self.text(EvField::Result).trim()),
            note: clean_line(self.text(EvField::Note).trim()),
            format: clean_line(self.text(EvField::Format).trim()),
            time: clean_line(self.text(EvField::Time).trim()),
            turnout: crate::turnout::Turnout::parse(&self.text(EvField::Turnout)).unwrap_or_default(),
            details: self.details.iter().filter(|t| self.participants.iter().any(|p| p.0 == t.org)).cloned().collect(),
        }
    }
}

impl App {
    pub fn new_event(&mut self) {
        let draft = self.restore_draft::<EventDraft>("event").map(|mut d| {
            // A draft kept before the form asked how many came has one field fewer, and one
            // kept before it asked the time and the format two more fewer: they are put in
            // empty where they now stand, so that no text lands in another field.
            const BEFORE_TURNOUT: usize = EvField::ALL.len() - 3;
            if d.texts.len() == BEFORE_TURNOUT {
                d.texts.insert(EvField::Turnout as usize - 2, String::new());
            }
            if d.texts.len() + 2 == EvField::ALL.len() {
                d.texts.insert(EvField::Time as usize, String::new());
                d.texts.insert(EvField::Format as usize, String::new());
            }
            d
        });
        if let Some(d) = draft.filter(|d| d.texts.len() == EvField::ALL.len()) {
            let form = EventForm {
                editing: None,
                fields: d.texts.iter().map(|t| area(t)).collect(),
                host: d.host,
                teacher: d.teacher,
                participants: d.participants,
                details: d.details,
                focus: 1,
                errors: Vec::new(),
                plan_for: None,
                roster: None,
            };
            self.overlays.push(Overlay::Event(Box::new(form)));
            return;
        }
        let f = EventFields { when: crate::domain::When::day(self.today), ..Default::default() };
        let mut form = EventForm::from_fields(None, &f, self.s);
        form.fields[EvField::When as usize] = area(&crate::text::format_date(self.today));
        self.overlays.push(Overlay::Event(Box::new(form)));
    }

    /// Edit (`e`) or copy (`C`) the selected event; a copy is a new event with the same fields.
    pub fn open_event(&mut self, copy: bool) {
        let Some(super::rows::ItemRef::Event(i)) = self.selected_item() else { return };
        let id = self.data.events[i].id;
        let Some((mut f, version)) = self.report(self.store.event_fields(id)) else { return };
        if copy {
            f.result.clear();
            f.turnout = Default::default();
            f.details.clear();
        }
        let editing = (!copy).then_some((id, version));
        self.overlays.push(Overlay::Event(Box::new(EventForm::from_fields(editing, &f, self.s))));
    }

    pub fn ask_delete_event(&mut self) {
        let Some(super::rows::ItemRef::Event(i)) = self.selected_item() else { return };
        let e = &self.data.events[i];
        let question = format!("{} «{}» ({})?", self.s.ev_delete, e.title, e.when.display());
        let action = super::Confirmed::DeleteEvent { id: e.id, version: e.stamp.version };
        self.overlays.push(Overlay::Confirm { title: self.s.ev_delete, question, action, yes_focused: false });
    }

    pub(super) fn confirm_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Confirm { action, yes_focused, .. }) = self.overlays.last_mut() else { return };
        let action = *action;
        let yes = match ev.code {
            // y, and its twin н and д («да») on the Russian layout.
            KeyCode::Char('y' | 'Y' | 'н' | 'Н' | 'д' | 'Д') => true,
            KeyCode::Enter => *yes_focused,
            KeyCode::Left | KeyCode::Right | KeyCode::Tab | KeyCode::BackTab => {
                *yes_focused = !*yes_focused;
                return;
            }
            _ => false,
        };
        self.overlays.pop();
        if !yes {
            return;
        }
        match action {
            super::Confirmed::DeleteEvent { id, version } => {
                let r = self.store.delete_event(id, Some(version));
                if self.report(r).is_some() {
                    self.after_write(self.s.ev_deleted);
                }
            }
            super::Confirmed::Terminate { id, version } => self.terminate(id, version),
            super::Confirmed::RemoveOrder { id, version } => self.remove_order(id, version),
            a @ (super::Confirmed::RemoveProgramme { .. }
            | super::Confirmed::RemoveTask { .. }
            | super::Confirmed::RemoveReport { .. }
            | super::Confirmed::RemoveGroup { .. }) => self.remove_programme_or_task(a),
            super::Confirmed::Merge { keep, gone } => {
                use crate::lookup::Entity;
                let r = match (keep, gone) {
                    (Entity::Org(k), Entity::Org(g)) => self.store.merge_orgs(k, g),
                    (Entity::Person(k), Entity::Person(g)) => self.store.merge_people(k, g),
                    _ => return,
                };
                if let Some(moved) = self.report(r) {
                    self.index = None;
                    self.after_write(&format!("{} {moved}", self.s.mg_done));
                    self.refresh_answer();
                }
            }
        }
    }

    pub(super) fn event_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Event(form)) = self.overlays.last_mut() else { return };
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if form.roster.is_some() && !(ctrl && matches!(ev.code, KeyCode::Char('s' | 'ы'))) {
            self.roster_key(ev);
            return;
        }
        let multi = form.field().height() > 1;
        let n = EvField::ALL.len();
        match ev.code {
            KeyCode::Esc => {
                if let Some(Overlay::Event(form)) = self.overlays.pop() {
                    if form.editing.is_none() {
                        let draft = EventDraft {
                            texts: EvField::ALL.iter().map(|f| form.text(*f)).collect(),
                            host: form.host,
                            teacher: form.teacher,
                            participants: form.participants,
                            details: form.details,
                        };
                        self.keep_draft("event", &draft);
                    }
                }
            }
            KeyCode::Char('d' | 'в') if ctrl => {
                self.overlays.pop();
                self.discard_draft("event");
                self.message = Some(Message { text: self.s.draft_discarded.to_string(), error: false });
            }
            KeyCode::Char('s' | 'ы') if ctrl => self.save_event(),
            KeyCode::Tab => form.focus = (form.focus + 1) % n,
            KeyCode::BackTab => form.focus = (form.focus + n - 1) % n,
            // The list of participants, once there is one: each school's part, note and counts
            // (Enter adds another school, as on every pick field).
            KeyCode::Char(' ') if form.field() == EvField::Participants && !form.participants.is_empty() => {
                form.roster = Some(Roster { selected: 0, editing: None, error: None });
            }
            KeyCode::Enter if form.field().is_pick() => {
                self.open_lookup();
                if let Some(Overlay::Lookup(st)) = self.overlays.last_mut() {
                    st.picking = true;
                }
            }
            KeyCode::Backspace | KeyCode::Delete if form.field().is_pick() => match form.field() {
                EvField::Host => form.host = None,
                EvField::Teacher => form.teacher = None,
                _ => {
                    if let Some((gone, _)) = form.participants.pop() {
                        form.details.retain(|t| t.org != gone);
                    }
                }
            },
            KeyCode::Down | KeyCode::Enter if !multi => form.focus = (form.focus + 1).min(n - 1),
            KeyCode::Up if !multi => form.focus = form.focus.saturating_sub(1),
            _ if form.field().is_pick() => {}
            _ => {
                let f = form.focus;
                form.fields[f].input(ev);
            }
        }
    }

    /// A key in the participants' list over the event form.
    fn roster_key(&mut self, ev: KeyEvent) {
        let s = self.s;
        let Some(Overlay::Event(form)) = self.overlays.last_mut() else { return };
        let Some(mut roster) = form.roster.take() else { return };
        let org = form.participants.get(roster.selected).map(|p| p.0);
        if let Some((what, input)) = roster.editing.as_mut() {
            match ev.code {
                KeyCode::Esc => {
                    roster.editing = None;
                    roster.error = None;
                }
                KeyCode::Enter => {
                    let text = clean_line(input.lines().join(" ").trim());
                    if let Some(org) = org {
                        let mut t = form.taking(org);
                        match what {
                            RosterEdit::Note => t.note = text,
                            RosterEdit::Counts => match Taking::parse_counts(&text) {
                                Ok((teachers, connections)) => {
                                    t.teachers = teachers;
                                    t.connections = connections;
                                }
                                Err(code) => {
                                    roster.error = Some(crate::turnout::Turnout::error_text(code, s));
                                    form.roster = Some(roster);
                                    return;
                                }
                            },
                        }
                        form.set_taking(t);
                    }
                    roster.editing = None;
                    roster.error = None;
                }
                _ => {
                    input.input(ev);
                }
            }
            form.roster = Some(roster);
            return;
        }
        let n = form.participants.len();
        match ev.code {
            KeyCode::Esc | KeyCode::Enter => return,
            KeyCode::Up | KeyCode::Char('k' | 'л') => roster.selected = roster.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j' | 'о') => {
                roster.selected = (roster.selected + 1).min(n.saturating_sub(1))
            }
            KeyCode::Char('a' | 'ф' | '+') | KeyCode::Insert => {
                form.roster = Some(roster);
                self.open_lookup();
                if let Some(Overlay::Lookup(st)) = self.overlays.last_mut() {
                    st.picking = true;
                }
                return;
            }
            KeyCode::Delete | KeyCode::Backspace | KeyCode::Char('x' | 'ч') => {
                if let Some(org) = org {
                    form.participants.retain(|p| p.0 != org);
                    form.details.retain(|t| t.org != org);
                }
                if form.participants.is_empty() {
                    return;
                }
                roster.selected = roster.selected.min(form.participants.len() - 1);
            }
            KeyCode::Char('p' | 'з') => {
                if let Some(org) = org {
                    let mut t = form.taking(org);
                    t.part = t.part.next();
                    form.set_taking(t);
                }
            }
            KeyCode::Char('n' | 'т') => {
                let note = org.map(|o| form.taking(o).note).unwrap_or_default();
                roster.editing = Some((RosterEdit::Note, area(&note)));
            }
            KeyCode::Char('t' | 'е') => {
                let counts = org.map(|o| form.taking(o).counts(s)).unwrap_or_default();
                roster.editing = Some((RosterEdit::Counts, area(&counts)));
            }
            _ => {}
        }
        form.roster = Some(roster);
    }

    /// Called by the lookup when it was opened to pick for the event form.
    pub(super) fn event_picked(&mut self, e: Entity, name: String) -> bool {
        let s = self.s;
        let Some(Overlay::Event(form)) = self.overlays.last_mut() else { return false };
        form.errors.clear();
        match (form.field(), e) {
            (EvField::Host, Entity::Org(id)) => {
                form.host = Some((id, name));
                form.focus += 1;
            }
            (EvField::Participants, Entity::Org(id)) => {
                if !form.participants.iter().any(|p| p.0 == id) {
                    form.participants.push((id, name));
                }
                // In the list, the school picked is the one selected.
                let at = form.participants.iter().position(|p| p.0 == id).unwrap_or(0);
                if let Some(r) = form.roster.as_mut() {
                    r.selected = at;
                }
            }
            (EvField::Teacher, Entity::Person(id)) => {
                form.teacher = Some((id, name));
                form.focus += 1;
            }
            (f, _) => form.errors = vec![(f, if f == EvField::Teacher { s.ev_pick_person } else { s.ev_pick_school })],
        }
        true
    }

    fn save_event(&mut self) {
        let s = self.s;
        let Some(Overlay::Event(form)) = self.overlays.last_mut() else { return };
        let mut errors = Vec::new();
        if form.text(EvField::Title).trim().is_empty() {
            errors.push((EvField::Title, s.err_required));
        }
        if parse_when(&form.text(EvField::When)).is_none() {
            errors.push((EvField::When, crate::text::when_error(&form.text(EvField::When), s)));
        }
        if let Err(code) = crate::turnout::Turnout::parse(&form.text(EvField::Turnout)) {
            errors.push((EvField::Turnout, crate::turnout::Turnout::error_text(code, s)));
        }
        if !errors.is_empty() {
            form.errors = errors;
            return;
        }
        let values = form.values();
        let form_was_new = form.editing.is_none();
        let editing = form.editing;
        let result = match (form.editing, &form.plan_for) {
            (None, Some((agreement, _))) => self.store.add_plan_event(*agreement, &values).map(|_| ()),
            (None, None) => self.store.create_event(&values).map(|_| ()),
            (Some((id, version)), _) => self.store.update_event(id, &values, Some(version)).map(|_| ()),
        };
        let in_plan = form.plan_for.is_some();
        match result {
            Ok(()) => {
                self.overlays.pop();
                if form_was_new {
                    self.discard_draft("event");
                }
                // A new event may be in another year: show the year it is in (a plan row is
                // added from the Agreements pane, which lists every year).
                if let Some(start) = values.when.start.filter(|_| !in_plan) {
                    self.year = crate::text::AcademicYear::of(start);
                }
                self.after_write(if in_plan { s.ag_plan_row_saved } else { s.ev_saved });
            }
            Err(e) => match editing {
                Some((id, _)) => {
                    self.conflict_or_report(e, super::conflict::Retry::Event { id, values: Box::new(values) })
                }
                None => {
                    self.report::<()>(Err(e));
                }
            },
        }
    }
}
