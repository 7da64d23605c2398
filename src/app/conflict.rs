//! A save refused because a colleague changed the row meanwhile: the screen shows their value,
//! who and when, and offers to keep theirs, to write mine over it, or to edit again.

use super::{App, Message, Overlay, StatusTarget};
use crate::domain::{AgreementFields, AgreementStatus, EventFields, EventStatus};
use crate::store::StoreError;
use crossterm::event::{KeyCode, KeyEvent};

/// What was being saved, to do it again.
#[derive(Clone, Debug)]
pub enum Retry {
    Status { target: StatusTarget, choice: usize },
    Event { id: i64, values: Box<EventFields> },
    Agreement { id: i64, values: Box<AgreementFields>, title: String },
}

pub struct Conflict {
    pub lines: Vec<String>,
    pub retry: Retry,
}

impl App {
    /// Called with a save's error: a conflict opens the choice, anything else is reported.
    pub(super) fn conflict_or_report(&mut self, e: StoreError, retry: Retry) {
        let StoreError::Conflict { by, at } = &e else {
            self.report::<()>(Err(e));
            return;
        };
        let s = self.s;
        let mut lines = vec![format!("{} {by}, {}", s.cf_changed_by, crate::text::format_stamp(at))];
        match &retry {
            Retry::Status { target, choice } => {
                let (theirs, mine) = match *target {
                    StatusTarget::Event { id, .. } => (
                        self.store.event(id).map(|e| e.status.label(s).to_string()).unwrap_or_default(),
                        EventStatus::ALL[*choice].label(s).to_string(),
                    ),
                    StatusTarget::Decision { .. } | StatusTarget::Risk { .. } | StatusTarget::Task { .. } => {
                        (String::new(), EventStatus::ALL[*choice].label(s).to_string())
                    }
                    StatusTarget::Agreement { id, .. } => (
                        self.store.agreement(id).map(|a| a.status.label(s).to_string()).unwrap_or_default(),
                        AgreementStatus::ALL[*choice].label(s).to_string(),
                    ),
                    StatusTarget::Direction { .. } | StatusTarget::Focus => (String::new(), String::new()),
                };
                if !theirs.is_empty() {
                    lines.push(format!("{}: {theirs}", s.cf_theirs));
                }
                lines.push(format!("{}: {mine}", s.cf_mine));
            }
            Retry::Event { id, values } => {
                if let Ok((now, _)) = self.store.event_fields(*id) {
                    let pairs = [
                        (s.min_title, now.title.clone(), values.title.clone()),
                        (s.col_date, now.when.display(), values.when.display()),
                        (s.col_kind, now.kind.clone(), values.kind.clone()),
                        (s.col_subject, now.subject.clone(), values.subject.clone()),
                        (s.col_responsible, now.responsible.clone(), values.responsible.clone()),
                        (s.col_result, now.result.clone(), values.result.clone()),
                    ];
                    diff(&mut lines, s, &pairs);
                }
            }
            Retry::Agreement { id, values, .. } => {
                if let Ok((now, _)) = self.store.agreement_fields(*id) {
                    let day = |d: Option<chrono::NaiveDate>| d.map(crate::text::format_date).unwrap_or_default();
                    let pairs = [
                        (s.min_title, now.title.clone(), values.title.clone()),
                        (s.col_number, now.number.clone(), values.number.clone()),
                        (s.col_signed, day(now.date), day(values.date)),
                        (s.ag_place, now.place.clone(), values.place.clone()),
                        (s.ag_subject, now.subject.clone(), values.subject.clone()),
                    ];
                    diff(&mut lines, s, &pairs);
                }
            }
        }
        lines.push(String::new());
        lines.push(s.cf_keys.to_string());
        // The form (if any) gives way to the question; "edit again" brings it back.
        if matches!(self.overlays.last(), Some(Overlay::Event(_) | Overlay::Agreement(_))) {
            self.overlays.pop();
        }
        self.reload();
        self.overlays.push(Overlay::Conflict(Box::new(Conflict { lines, retry })));
    }

    pub(super) fn conflict_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Conflict(c)) = self.overlays.last() else { return };
        let retry = c.retry.clone();
        let s = self.s;
        let key = match ev.code {
            KeyCode::Char(c) => crate::keys::latin_twin(c).unwrap_or(c),
            KeyCode::Esc => 't',
            _ => return,
        };
        match key {
            't' => {
                self.overlays.pop();
                self.message = Some(Message { text: s.cf_kept_theirs.to_string(), error: false });
            }
            'm' => {
                self.overlays.pop();
                let r = match &retry {
                    Retry::Status { target, choice } => self.overwrite_status(*target, *choice),
                    Retry::Event { id, values } => self.store.update_event(*id, values, None).map(|_| ()),
                    Retry::Agreement { id, values, .. } => self.store.update_agreement(*id, values, None).map(|_| ()),
                };
                if self.report(r).is_some() {
                    self.after_write(s.cf_wrote_mine);
                }
            }
            'e' => {
                self.overlays.pop();
                match retry {
                    Retry::Status { .. } => self.open_status_picker(),
                    Retry::Event { id, values } => {
                        if let Some((_, version)) = self.report(self.store.event_fields(id)) {
                            let form = super::eventform::EventForm::editing(id, version, &values, self.s);
                            self.overlays.push(Overlay::Event(Box::new(form)));
                        }
                    }
                    Retry::Agreement { id, values, title } => {
                        if let Some((_, version)) = self.report(self.store.agreement_fields(id)) {
                            let form = super::agreement::AgreementForm::new(Some((id, version)), title, &values);
                            self.overlays.push(Overlay::Agreement(Box::new(form)));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn overwrite_status(&mut self, target: StatusTarget, choice: usize) -> Result<(), StoreError> {
        match target {
            StatusTarget::Event { id, .. } => {
                self.store.set_event_status(id, EventStatus::ALL[choice], None).map(|_| ())
            }
            StatusTarget::Decision { id, .. } => {
                self.store.set_decision_status(id, EventStatus::ALL[choice], None).map(|_| ())
            }
            StatusTarget::Agreement { id, .. } => {
                self.store.set_agreement_status(id, AgreementStatus::ALL[choice], None, self.today).map(|_| ())
            }
            StatusTarget::Risk { id, .. } => self.store.set_risk_status(id, EventStatus::ALL[choice], None).map(|_| ()),
            StatusTarget::Task { id, .. } => self.store.set_task_status(id, EventStatus::ALL[choice], None).map(|_| ()),
            StatusTarget::Direction { .. } | StatusTarget::Focus => Ok(()),
        }
    }
}

/// The fields a colleague and I set differently: "Дата: 25.11.2021 (их) / 26.11.2021 (мои)".
fn diff(lines: &mut Vec<String>, s: &crate::i18n::Strings, pairs: &[(&str, String, String)]) {
    let before = lines.len();
    for (label, theirs, mine) in pairs {
        if theirs.trim() != mine.trim() {
            lines.push(format!("{label}: {} «{theirs}» / {} «{mine}»", s.cf_theirs_short, s.cf_mine_short));
        }
    }
    if lines.len() == before {
        lines.push(s.cf_same_fields.to_string());
    }
}
