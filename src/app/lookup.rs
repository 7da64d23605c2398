//! The lookup (`w`) and its answer: who mentors a school or a person, and whom it mentors.

use super::{App, Message, Overlay};
use crate::answer::{self, AnswerLine};
use crate::keys::Action;
use crate::lookup::{Entity, Index};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

pub const LOOKUP_LIMIT: usize = 50;

pub struct LookupState {
    pub input: TextArea<'static>,
    pub hits: Vec<(Entity, String, String)>,
    pub selected: usize,
    /// Opened from a form to pick a mentor or mentee, rather than to answer.
    pub picking: bool,
}

pub struct AnswerState {
    pub subject: Entity,
    pub lines: Vec<AnswerLine>,
    pub text: String,
    pub selected: usize,
}

impl App {
    pub fn open_lookup(&mut self) {
        if self.index.is_none() {
            match self.store.search_entries() {
                Ok(mut entries) => {
                    // With a district in focus, nobody of another district is offered.
                    if let Some(f) = &self.focus_sets {
                        entries.retain(|e| f.shows_entity(e.entity));
                    }
                    self.index = Some(Index::new(entries))
                }
                Err(e) => {
                    self.message = Some(Message { text: e.to_string(), error: true });
                    return;
                }
            }
        }
        let mut input = TextArea::default();
        input.set_placeholder_text(self.s.lookup_prompt);
        self.overlays.push(Overlay::Lookup(Box::new(LookupState::new(input))));
    }

    /// Keys typed into the lookup: letters stay letters on any layout.
    pub(super) fn lookup_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Lookup(st)) = self.overlays.last_mut() else { return };
        match ev.code {
            KeyCode::Esc => {
                self.overlays.pop();
            }
            KeyCode::Down => st.selected = (st.selected + 1).min(st.hits.len().saturating_sub(1)),
            KeyCode::Up => st.selected = st.selected.saturating_sub(1),
            KeyCode::Enter => {
                let typed = crate::text::clean_line(st.input.lines().join(" ").trim());
                if let Some((e, name, context)) = st.hits.get(st.selected).cloned() {
                    let picking = st.picking;
                    self.overlays.pop();
                    if picking {
                        let line = if context.is_empty() { name.clone() } else { format!("{name}, {context}") };
                        if !self.minutes_picked(line) && !self.event_picked(e, name.clone()) {
                            self.picked(e, name);
                        }
                    } else {
                        self.show_answer(e);
                    }
                } else if st.picking && !typed.is_empty() {
                    // Minutes take a participant the store does not know, as typed.
                    if matches!(self.overlays.iter().rev().nth(1), Some(Overlay::Minutes(_))) {
                        self.overlays.pop();
                        self.minutes_picked(typed);
                    }
                }
            }
            _ => {
                st.input.input(ev);
                let query = st.input.lines().join(" ");
                st.hits = match &self.index {
                    Some(ix) => ix
                        .search(&query, LOOKUP_LIMIT)
                        .into_iter()
                        .map(|h| (ix.entity(h.index), ix.name(h.index).to_string(), ix.context(h.index).to_string()))
                        .collect(),
                    None => Vec::new(),
                };
                st.selected = 0;
            }
        }
    }

    pub fn show_answer(&mut self, e: Entity) {
        let r = answer::answer(&self.store, e);
        let Some(a) = self.report(r) else { return };
        let lines = answer::lines(&a, self.s);
        let selected = lines.iter().position(|l| l.target.is_some()).unwrap_or(0);
        let text = answer::plain_text(&a, self.s);
        self.overlays.push(Overlay::Answer(AnswerState { subject: e, lines, text, selected }));
    }

    /// The answer on top, read again after a change (the selected line kept).
    pub(super) fn refresh_answer(&mut self) {
        let Some(Overlay::Answer(st)) = self.overlays.last() else { return };
        let (e, selected) = (st.subject, st.selected);
        let Ok(a) = answer::answer(&self.store, e) else {
            self.overlays.pop();
            return;
        };
        let lines = answer::lines(&a, self.s);
        let text = answer::plain_text(&a, self.s);
        let selected = if lines.get(selected).is_some_and(|l| l.target.is_some()) {
            selected
        } else {
            lines.iter().position(|l| l.target.is_some()).unwrap_or(0)
        };
        if let Some(Overlay::Answer(st)) = self.overlays.last_mut() {
            *st = AnswerState { subject: e, lines, text, selected };
        }
    }

    pub(super) fn answer_action(&mut self, action: Action) {
        let Some(Overlay::Answer(st)) = self.overlays.last_mut() else { return };
        let targets: Vec<usize> =
            st.lines.iter().enumerate().filter(|(_, l)| l.target.is_some()).map(|(i, _)| i).collect();
        let pos = targets.iter().position(|i| *i == st.selected);
        match action {
            Action::Down => {
                if let Some(next) = pos.map_or(targets.first(), |p| targets.get(p + 1)) {
                    st.selected = *next;
                }
            }
            Action::Up => {
                if let Some(prev) = pos.and_then(|p| p.checked_sub(1)).and_then(|p| targets.get(p)) {
                    st.selected = *prev;
                }
            }
            Action::Open => {
                if let Some(e) = st.lines.get(st.selected).and_then(|l| l.target) {
                    self.show_answer(e);
                }
            }
            Action::Copy => {
                self.clipboard = Some(st.text.clone());
                self.message = Some(Message { text: self.s.copied.to_string(), error: false });
            }
            Action::Lookup => self.open_lookup(),
            Action::New => {
                let e = st.subject;
                self.new_link(Some(e));
            }
            // The directory's record of whoever the answer is about, or of the school's
            // person selected in its staff.
            Action::Edit => match acted_on(st) {
                Entity::Person(id) => self.person_form(Some(id), None),
                Entity::Org(id) => self.edit_school_id(id),
            },
            Action::NewPerson => {
                if let Entity::Org(id) = st.subject {
                    self.person_form(None, Some(id));
                }
            }
            // A teacher who left: out of the lookup and the pickers, kept in history; `R`
            // on them in their school's staff brings them back.
            Action::Retire => {
                if let Entity::Person(id) = acted_on(st) {
                    let was = self.store.person_retired(id).unwrap_or(false);
                    let r = self.store.set_person_retired(id, (!was).then_some(self.today));
                    if self.report(r).is_some() {
                        self.index = None;
                        let text = if was { self.s.rt_person_back } else { self.s.rt_person_done };
                        self.after_write(text);
                        self.refresh_answer();
                    }
                }
            }
            Action::Merge => {
                let e = acted_on(st);
                self.merge_entity(e);
            }
            Action::Undo | Action::Redo => {
                self.undo_redo(action == Action::Redo);
                self.index = None;
                self.refresh_answer();
            }
            Action::Back => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }
}

/// Whom `e`, `R` and `M` in an answer act on: the school's person selected in its staff, else
/// the one the answer is about.
fn acted_on(st: &AnswerState) -> Entity {
    st.lines.get(st.selected).filter(|l| l.staff).and_then(|l| l.target).unwrap_or(st.subject)
}
