//! Creating, editing and ending mentoring links from the keyboard. Mentor and mentee are picked
//! with the same lookup as `w`; every problem is shown next to its field; a form closed by
//! mistake keeps its draft until it is saved.

use super::lookup::LookupState;
use super::{App, Message, Overlay};
use crate::domain::{validate_link, LinkDraft, LinkField, LinkRow};
use crate::lookup::Entity;
use crate::store::StoreError;
use crate::text::format_date;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

pub struct LinkForm {
    /// The link being edited, with the version the user saw; `None` for a new link.
    pub editing: Option<(i64, i64)>,
    pub draft: LinkDraft,
    pub focus: usize,
    pub input: TextArea<'static>,
    pub errors: Vec<(LinkField, &'static str)>,
}

fn text_of(d: &LinkDraft, f: LinkField) -> String {
    match f {
        LinkField::Mentor => d.mentor.as_ref().map(|m| m.1.clone()).unwrap_or_default(),
        LinkField::Mentee => d.mentee.as_ref().map(|m| m.1.clone()).unwrap_or_default(),
        LinkField::Subject => d.subject.clone(),
        LinkField::Form => d.form.clone(),
        LinkField::Start => d.start.clone(),
        LinkField::End => d.end.clone(),
        LinkField::Basis => d.basis.clone(),
        LinkField::BasisDate => d.basis_date.clone(),
    }
}

fn set_text(d: &mut LinkDraft, f: LinkField, v: String) {
    match f {
        LinkField::Subject => d.subject = v,
        LinkField::Form => d.form = v,
        LinkField::Start => d.start = v,
        LinkField::End => d.end = v,
        LinkField::Basis => d.basis = v,
        LinkField::BasisDate => d.basis_date = v,
        LinkField::Mentor | LinkField::Mentee => {}
    }
}

pub(super) fn one_line(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(CursorMove::End);
    t
}

impl LinkForm {
    pub fn field(&self) -> LinkField {
        LinkField::ALL[self.focus]
    }

    fn commit(&mut self) {
        let f = self.field();
        if !f.is_pick() {
            set_text(&mut self.draft, f, crate::text::clean_line(&self.input.lines().join(" ")));
        }
    }

    fn focus_to(&mut self, i: usize) {
        self.commit();
        self.focus = i.min(LinkField::ALL.len() - 1);
        self.input = one_line(&text_of(&self.draft, self.field()));
    }

    pub fn error_of(&self, f: LinkField) -> Option<&'static str> {
        self.errors.iter().find(|(g, _)| *g == f).map(|(_, e)| *e)
    }

    pub fn value_of(&self, f: LinkField) -> String {
        text_of(&self.draft, f)
    }
}

impl App {
    fn open_form(&mut self, editing: Option<(i64, i64)>, draft: LinkDraft) {
        let mut form = LinkForm { editing, draft, focus: 0, input: one_line(""), errors: Vec::new() };
        form.input = one_line(&text_of(&form.draft, form.field()));
        self.overlays.push(Overlay::LinkForm(Box::new(form)));
    }

    /// A new link, with the mentee filled in when it is opened from a card or an answer.
    pub fn new_link(&mut self, mentee: Option<Entity>) {
        if mentee.is_none() {
            if let Some(draft) = self.restore_draft::<LinkDraft>("link") {
                self.open_form(None, draft);
                return;
            }
        }
        let mentee = mentee.and_then(|e| self.store.entry(e).ok().map(|x| (e, x.name)));
        let draft = LinkDraft { mentee, start: format_date(self.today), ..Default::default() };
        self.open_form(None, draft);
    }

    pub fn edit_link(&mut self, l: &LinkRow) {
        let draft = LinkDraft {
            mentor: Some((l.mentor_ref, l.mentor.clone())),
            mentee: Some((l.mentee_ref, l.mentee.clone())),
            subject: l.subject.clone(),
            form: l.form.clone(),
            start: l.when.start.map(format_date).unwrap_or_default(),
            end: l.when.end.map(format_date).unwrap_or_default(),
            basis: l.basis.clone(),
            basis_date: l.basis_date.map(format_date).unwrap_or_default(),
        };
        self.open_form(Some((l.id, l.stamp.version)), draft);
    }

    pub(super) fn form_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::LinkForm(form)) = self.overlays.last_mut() else { return };
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Esc => {
                form.commit();
                let Some(Overlay::LinkForm(form)) = self.overlays.pop() else { return };
                if form.editing.is_none() && form.draft != LinkDraft::default() {
                    self.keep_draft("link", &form.draft);
                }
            }
            KeyCode::Char('d' | 'в') if ctrl => {
                self.overlays.pop();
                self.discard_draft("link");
                self.message = Some(Message { text: self.s.draft_discarded.to_string(), error: false });
            }
            KeyCode::Char('s' | 'ы') if ctrl => self.save_form(),
            KeyCode::Tab | KeyCode::Down => {
                let next = form.focus + 1;
                form.focus_to(next);
            }
            KeyCode::BackTab | KeyCode::Up => {
                let prev = form.focus.saturating_sub(1);
                form.focus_to(prev);
            }
            KeyCode::Enter if form.field().is_pick() => self.open_pick(None),
            KeyCode::Enter if form.focus + 1 == LinkField::ALL.len() => self.save_form(),
            KeyCode::Enter => {
                let next = form.focus + 1;
                form.focus_to(next);
            }
            KeyCode::Char(_) if form.field().is_pick() && !ctrl => self.open_pick(Some(ev)),
            _ if !form.field().is_pick() => {
                form.input.input(ev);
            }
            _ => {}
        }
    }

    /// The lookup, choosing a mentor or a mentee for the form underneath.
    fn open_pick(&mut self, first: Option<KeyEvent>) {
        self.open_lookup();
        if let Some(Overlay::Lookup(st)) = self.overlays.last_mut() {
            st.picking = true;
        }
        if let Some(ev) = first {
            self.lookup_key(ev);
        }
    }

    /// Called by the lookup when it was opened to pick: fills the form's field.
    pub(super) fn picked(&mut self, e: Entity, name: String) {
        if let Some(Overlay::LinkForm(form)) = self.overlays.last_mut() {
            match form.field() {
                LinkField::Mentor => form.draft.mentor = Some((e, name)),
                LinkField::Mentee => form.draft.mentee = Some((e, name)),
                _ => {}
            }
            form.errors.retain(|(f, _)| !f.is_pick());
            let next = form.focus + 1;
            form.focus_to(next);
        }
    }

    fn save_form(&mut self) {
        let s = self.s;
        let Some(Overlay::LinkForm(form)) = self.overlays.last_mut() else { return };
        form.commit();
        let valid = match validate_link(&form.draft, s) {
            Ok(v) => v,
            Err(errors) => {
                form.errors = errors;
                return;
            }
        };
        let result = match form.editing {
            None => self.store.create_link(&valid).map(|_| ()),
            Some((id, version)) => self.store.update_link(id, &valid, Some(version)).map(|_| ()),
        };
        match result {
            Ok(()) => {
                self.overlays.pop();
                self.discard_draft("link");
                self.after_write(s.link_saved);
            }
            Err(StoreError::Duplicate) => {
                if let Some(Overlay::LinkForm(form)) = self.overlays.last_mut() {
                    form.errors = vec![(LinkField::Mentee, s.err_duplicate)];
                }
            }
            Err(e) => {
                self.report::<()>(Err(e));
            }
        }
    }

    /// After a write: read the year again, refresh open answers' sources, say what happened.
    pub(super) fn after_write(&mut self, what: &str) {
        self.reload();
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
        self.message = Some(Message { text: what.to_string(), error: false });
    }
}

impl LookupState {
    pub fn new(input: TextArea<'static>) -> LookupState {
        LookupState { input, hits: Vec::new(), selected: 0, picking: false }
    }
}
