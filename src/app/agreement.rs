//! The Agreements pane's verbs: the lifecycle keys (advance, terminate, any status with the
//! picker), the agreement's form (number, date, place, term, texts and each party's signatory),
//! and its card (parties, the joint plan with each event's status, additional agreements,
//! history).

use super::rows::{DocLine, ItemRef};
use super::{App, Confirmed, Message, Overlay};
use crate::domain::{AgreementFields, AgreementKind, AgreementRow, AgreementStatus, PartyRow};
use crate::i18n::Strings;
use crate::store::{Store, StoreError};
use crate::text::{format_date, parse_date};
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgField {
    Title,
    Number,
    Date,
    Place,
    Start,
    End,
    Term,
    Subject,
    Goals,
    Tasks,
    PartyName(usize),
    Signatory(usize),
    Position(usize),
    Basis(usize),
    Address(usize),
}

impl AgField {
    pub fn label(self, s: &Strings) -> String {
        match self {
            AgField::Title => s.min_title.to_string(),
            AgField::Number => s.col_number.to_string(),
            AgField::Date => s.col_signed.to_string(),
            AgField::Place => s.ag_place.to_string(),
            AgField::Start => s.ag_start.to_string(),
            AgField::End => s.ag_end.to_string(),
            AgField::Term => s.ag_term_text.to_string(),
            AgField::Subject => s.ag_subject.to_string(),
            AgField::Goals => s.ag_goals.to_string(),
            AgField::Tasks => s.ag_tasks.to_string(),
            AgField::PartyName(i) => format!("{} {}", s.ag_party, i + 1),
            AgField::Signatory(_) => s.ag_signatory.to_string(),
            AgField::Position(_) => s.ag_position.to_string(),
            AgField::Basis(_) => s.ag_basis.to_string(),
            AgField::Address(_) => s.ag_address.to_string(),
        }
    }
    pub fn height(self) -> u16 {
        match self {
            AgField::Subject | AgField::Goals | AgField::Tasks => 3,
            _ => 1,
        }
    }
}

/// The kind of draft a new framework agreement's form keeps.
const DRAFT: &str = "agreement";

pub struct AgreementForm {
    /// The agreement edited and the version seen; `None` for a new one.
    pub editing: Option<(i64, i64)>,
    /// What a new one is: framework, or additional to `parent`.
    pub kind: AgreementKind,
    pub parent: Option<i64>,
    pub title: String,
    pub fields: Vec<(AgField, TextArea<'static>)>,
    /// The parties as read, for their ids.
    pub parties: Vec<PartyRow>,
    pub focus: usize,
    pub errors: Vec<(AgField, &'static str)>,
}

fn area(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.split('\n').map(str::to_string).collect());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

impl AgreementForm {
    pub fn new(editing: Option<(i64, i64)>, title: String, f: &AgreementFields) -> AgreementForm {
        let mut fields = vec![
            (AgField::Title, area(&f.title)),
            (AgField::Number, area(&f.number)),
            (AgField::Date, area(&day(f.date))),
            (AgField::Place, area(&f.place)),
            (AgField::Start, area(&day(f.start))),
            (AgField::End, area(&day(f.end))),
            (AgField::Term, area(&f.term_text)),
            (AgField::Subject, area(&f.subject)),
            (AgField::Goals, area(&f.goals)),
            (AgField::Tasks, area(&f.tasks)),
        ];
        for (i, p) in f.parties.iter().enumerate() {
            // A placeholder left from the template is shown empty, to be typed over.
            let keep = |t: &str| if crate::lifecycle::is_placeholder(t) { String::new() } else { t.to_string() };
            fields.push((AgField::PartyName(i), area(&keep(&p.name))));
            fields.push((AgField::Signatory(i), area(&keep(&p.signatory))));
            fields.push((AgField::Position(i), area(&p.position)));
            fields.push((AgField::Basis(i), area(&p.basis)));
            fields.push((AgField::Address(i), area(&p.address)));
        }
        AgreementForm {
            editing,
            kind: AgreementKind::Framework,
            parent: None,
            title,
            fields,
            parties: f.parties.clone(),
            focus: 0,
            errors: Vec::new(),
        }
    }

    pub fn text(&self, f: AgField) -> String {
        self.fields.iter().find(|(g, _)| *g == f).map(|(_, t)| t.lines().join("\n")).unwrap_or_default()
    }

    pub fn field(&self) -> AgField {
        self.fields[self.focus].0
    }

    pub fn error_of(&self, f: AgField) -> Option<&'static str> {
        self.errors.iter().find(|(g, _)| *g == f).map(|(_, e)| *e)
    }

    /// The values typed, or the fields that cannot be read, each with its message.
    pub fn values(&self, s: &Strings) -> Result<AgreementFields, Vec<(AgField, &'static str)>> {
        let mut errors = Vec::new();
        let mut date = |f: AgField| {
            let t = self.text(f);
            if t.trim().is_empty() {
                return None;
            }
            let d = parse_date(t.trim());
            if d.is_none() {
                errors.push((f, crate::text::date_error(&t, s)));
            }
            d
        };
        let (signed, start, end) = (date(AgField::Date), date(AgField::Start), date(AgField::End));
        if self.text(AgField::Title).trim().is_empty() {
            errors.push((AgField::Title, s.err_required));
        }
        if let (Some(a), Some(b)) = (start, end) {
            if b < a {
                errors.push((AgField::End, s.err_end_before));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let parties = self
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| PartyRow {
                name: self.text(AgField::PartyName(i)),
                signatory: self.text(AgField::Signatory(i)),
                position: self.text(AgField::Position(i)),
                basis: self.text(AgField::Basis(i)),
                address: self.text(AgField::Address(i)),
                ..p.clone()
            })
            .collect();
        Ok(AgreementFields {
            title: self.text(AgField::Title),
            number: self.text(AgField::Number),
            date: signed,
            place: self.text(AgField::Place),
            start,
            end,
            term_text: self.text(AgField::Term),
            subject: self.text(AgField::Subject),
            goals: self.text(AgField::Goals),
            tasks: self.text(AgField::Tasks),
            parties,
        })
    }
}

impl App {
    fn selected_agreement(&self) -> Option<AgreementRow> {
        match self.selected_item() {
            Some(ItemRef::Agreement(i)) => self.data.agreements.get(i).cloned(),
            _ => None,
        }
    }

    pub(super) fn edit_agreement(&mut self) {
        let Some(a) = self.selected_agreement() else { return };
        let Some((f, version)) = self.report(self.store.agreement_fields(a.id)) else { return };
        let form = AgreementForm::new(Some((a.id, version)), a.title, &f);
        self.overlays.push(Overlay::Agreement(Box::new(form)));
    }

    /// `n`: a new framework agreement between two parties, typed in the form.
    pub(super) fn new_agreement(&mut self) {
        let f = AgreementFields {
            title: self.s.ag_new_title.to_string(),
            term_text: String::new(),
            parties: vec![
                PartyRow { basis: "Устава".into(), position: "директор".into(), ..Default::default() },
                PartyRow { basis: "Устава".into(), position: "директор".into(), ..Default::default() },
            ],
            ..Default::default()
        };
        let mut form = AgreementForm::new(None, self.s.ag_new.to_string(), &f);
        // What was typed before Esc comes back, field by field.
        if let Some(texts) = self.restore_draft::<Vec<String>>(DRAFT) {
            if texts.len() == form.fields.len() {
                for ((_, area_), text) in form.fields.iter_mut().zip(texts) {
                    *area_ = area(&text);
                }
            }
        }
        self.overlays.push(Overlay::Agreement(Box::new(form)));
    }

    /// `A`: an additional agreement to the selected framework agreement (or to the one the
    /// selected additional agreement amends), with the same parties.
    pub(super) fn new_additional(&mut self) {
        let Some(a) = self.selected_agreement() else { return };
        let framework = a.parent.unwrap_or(a.id);
        let Some((fw, _)) = self.report(self.store.agreement_fields(framework)) else { return };
        let f = AgreementFields {
            title: format!("{} {}", self.s.ag_additional_title, fw.title),
            place: fw.place.clone(),
            term_text: self.s.ag_from_signing.to_string(),
            parties: fw.parties.clone(),
            ..Default::default()
        };
        let mut form = AgreementForm::new(None, self.s.ag_new_additional.to_string(), &f);
        form.kind = AgreementKind::Additional;
        form.parent = Some(framework);
        self.overlays.push(Overlay::Agreement(Box::new(form)));
    }

    /// `P`: a new row of the selected agreement's joint plan, made as a roadmap event.
    pub(super) fn new_plan_row(&mut self) {
        let Some(a) = self.selected_agreement() else { return };
        self.new_event();
        if let Some(Overlay::Event(form)) = self.overlays.last_mut() {
            form.plan_for = Some((a.id, a.title.clone()));
        }
    }

    /// One key: the next step of the lifecycle, or the reason it cannot be taken.
    pub(super) fn advance_agreement(&mut self) {
        let Some(a) = self.selected_agreement() else { return };
        let now = crate::lifecycle::effective(&a, self.today);
        let Some(next) = crate::lifecycle::next(now) else {
            self.message = Some(Message { text: self.s.ag_last_step.to_string(), error: true });
            return;
        };
        self.set_agreement(a.id, a.stamp.version, next);
    }

    pub(super) fn ask_terminate(&mut self) {
        let Some(a) = self.selected_agreement() else { return };
        let question = format!("{} «{}»?", self.s.ag_terminate_q, a.title);
        let action = Confirmed::Terminate { id: a.id, version: a.stamp.version };
        self.overlays.push(Overlay::Confirm { title: self.s.ag_terminate_q, question, action, yes_focused: false });
    }

    pub(super) fn terminate(&mut self, id: i64, version: i64) {
        self.set_agreement(id, version, AgreementStatus::Terminated);
    }

    fn set_agreement(&mut self, id: i64, version: i64, to: AgreementStatus) {
        let r = self.store.set_agreement_status(id, to, Some(version), self.today);
        if self.report(r).is_some() {
            if let Some(item) = self.item_of("agreement", id) {
                self.refresh_row(item, false);
            }
            let text = format!("{}: {}", self.s.status_saved, to.label(self.s));
            self.message = Some(Message { text, error: false });
        }
    }

    pub(super) fn agreement_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Agreement(form)) = self.overlays.last_mut() else { return };
        let new_framework = form.editing.is_none() && form.kind == AgreementKind::Framework;
        if ev.modifiers.contains(crossterm::event::KeyModifiers::CONTROL)
            && matches!(ev.code, crossterm::event::KeyCode::Char('d' | 'в'))
        {
            self.overlays.pop();
            if new_framework {
                self.discard_draft(DRAFT);
                self.message = Some(Message { text: self.s.draft_discarded.to_string(), error: false });
            }
            return;
        }
        let (n, multi) = (form.fields.len(), form.field().height() > 1);
        match super::form_key(&ev, &mut form.focus, n, multi) {
            super::FormKey::Close => {
                // A new agreement's text is kept as a draft, as every other form keeps its own.
                let texts: Vec<String> = form.fields.iter().map(|(_, t)| t.lines().join("\n")).collect();
                self.overlays.pop();
                if new_framework {
                    self.keep_draft(DRAFT, &texts);
                }
            }
            super::FormKey::Save => self.save_agreement(),
            super::FormKey::Moved => {}
            super::FormKey::Type => {
                let f = form.focus;
                form.errors.retain(|(g, _)| *g != form.fields[f].0);
                form.fields[f].1.input(ev);
            }
        }
    }

    fn save_agreement(&mut self) {
        let s = self.s;
        let Some(Overlay::Agreement(form)) = self.overlays.last_mut() else { return };
        let values = match form.values(s) {
            Ok(v) => v,
            Err(errors) => {
                form.focus = form.fields.iter().position(|(f, _)| *f == errors[0].0).unwrap_or(form.focus);
                form.errors = errors;
                return;
            }
        };
        let (editing, title) = (form.editing, form.title.clone());
        let r = match editing {
            Some((id, version)) => self.store.update_agreement(id, &values, Some(version)).map(|_| ()),
            None => self.store.create_agreement(form.kind, form.parent, &values).map(|_| ()),
        };
        let new_framework = editing.is_none() && form.kind == AgreementKind::Framework;
        match (r, editing) {
            (Ok(()), _) => {
                self.overlays.pop();
                if new_framework {
                    self.discard_draft(DRAFT);
                }
                self.after_write(s.ag_saved);
            }
            (Err(e), Some((id, _))) => {
                let retry = super::conflict::Retry::Agreement { id, values: Box::new(values), title };
                self.conflict_or_report(e, retry);
            }
            (Err(e), None) => {
                self.report::<()>(Err(e));
            }
        }
    }
}

/// The agreement's card: what it is, its parties, the agreements it amends or that amend it,
/// its appendices with the plan's events and their statuses, and its history.
pub fn card(
    store: &Store,
    a: &AgreementRow,
    all: &[AgreementRow],
    s: &Strings,
    today: chrono::NaiveDate,
) -> Result<Vec<DocLine>, StoreError> {
    let mut out = Vec::new();
    let field = |out: &mut Vec<DocLine>, label: &str, value: &str| {
        if !value.is_empty() {
            out.push(DocLine::Field(label.to_string(), value.to_string()));
        }
    };
    field(&mut out, s.col_kind, a.kind.label(s));
    field(&mut out, s.col_number, if a.number.is_empty() { "___" } else { &a.number });
    field(&mut out, s.col_signed, if a.date.is_empty() { "«__» _____" } else { &a.date });
    field(&mut out, s.ag_place, &a.place);
    field(&mut out, s.col_term, &a.term);
    let now = crate::lifecycle::effective(a, today);
    let mut status = now.label(s).to_string();
    if now != a.status {
        status = format!("{status} ({} «{}»; {})", s.ag_recorded, a.status.label(s), s.ag_by_term);
    }
    field(&mut out, s.col_status, &status);
    let next: Vec<&str> = crate::lifecycle::allowed(now).iter().map(|x| x.label(s)).collect();
    field(&mut out, s.ag_next_steps, &next.join(", "));
    if let Some(parent) = a.parent.and_then(|p| all.iter().find(|x| x.id == p)) {
        let number = if parent.number.is_empty() { "___".to_string() } else { parent.number.clone() };
        field(&mut out, s.ag_amends, &format!("{} № {number}", parent.title));
    }
    field(
        &mut out,
        s.col_changed,
        &format!("{} {}", crate::text::format_stamp(&a.stamp.changed_at), a.stamp.changed_by),
    );

    out.push(DocLine::Blank);
    out.push(DocLine::Heading(s.ag_parties_sec.to_string()));
    let parties = store.agreement_parties(a.id)?;
    for (i, p) in parties.iter().enumerate() {
        let name = if crate::lifecycle::is_placeholder(&p.name) { "…" } else { &p.name };
        let signatory = if crate::lifecycle::is_placeholder(&p.signatory) { "…" } else { &p.signatory };
        let mut line = format!("{}. {name} — {} {signatory}", i + 1, p.position);
        if !p.basis.is_empty() {
            line.push_str(&format!(", {} {}", s.ag_basis.trim(), p.basis));
        }
        out.push(DocLine::Text(line));
    }
    for (title, text) in [(s.ag_subject, &a.subject), (s.ag_goals, &a.goals), (s.ag_tasks, &a.tasks)] {
        if !text.is_empty() {
            out.push(DocLine::Blank);
            out.push(DocLine::Heading(title.to_string()));
            out.extend(text.lines().map(|l| DocLine::Text(l.to_string())));
        }
    }
    let children: Vec<&AgreementRow> = all.iter().filter(|x| x.parent == Some(a.id)).collect();
    if !children.is_empty() {
        out.push(DocLine::Blank);
        out.push(DocLine::Heading(s.ag_additional_sec.to_string()));
        for c in children {
            let number = if c.number.is_empty() { "___".to_string() } else { c.number.clone() };
            out.push(DocLine::Text(format!(
                "№ {number} — {} [{}]",
                c.title,
                crate::lifecycle::effective(c, today).label(s)
            )));
        }
    }
    let mut plan_rows = 0;
    for ap in store.appendices(a.id)? {
        out.push(DocLine::Blank);
        out.push(DocLine::Heading(format!("{} № {} — {}", s.ag_appendix, ap.number, ap.title)));
        for it in &ap.items {
            plan_rows += 1;
            let status = it.status.map(|x| format!("[{}] ", x.label(s))).unwrap_or_default();
            let mut line = format!("{}. {status}{}", it.number, it.event);
            for extra in [&it.dates, &it.responsible, &it.funding, &it.result] {
                if !extra.is_empty() {
                    line.push_str(" | ");
                    line.push_str(extra);
                }
            }
            if !it.outcome.is_empty() {
                line.push_str(&format!(" → {}", it.outcome.replace('\n', " ")));
            }
            out.push(DocLine::Text(line));
        }
    }
    if a.plan_total > 0 {
        out.push(DocLine::Blank);
        field(&mut out, s.ag_plan_sec, &crate::app::panes::agreements::plan_progress(a, s));
        if plan_rows > 0 {
            out.push(DocLine::Text(s.ag_in_roadmap.to_string()));
        }
    }
    let mut history = store.history("agreement", a.id)?;
    for p in &parties {
        history.extend(store.history("party", p.id)?);
    }
    history.sort_by(|x, y| y.at.cmp(&x.at));
    super::rows::history_lines(&mut out, s, &history);
    Ok(out)
}
