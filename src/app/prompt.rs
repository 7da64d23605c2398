//! One-line questions asked before a change: the result of an event marked done (Enter skips),
//! the new date of a postponed event, the end date of a mentoring link.

use super::linkform::one_line;
use super::{App, Overlay};
use crate::domain::{EventStatus, LinkRow};
use crate::period::parse_when;
use crate::store::EventChange;
use crate::text::format_date;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Purpose {
    EventResult { id: i64, version: i64 },
    EventDate { id: i64, version: i64 },
    DecisionDate { id: i64, version: i64 },
    EndLink { id: i64, version: i64, start: Option<chrono::NaiveDate> },
}

pub struct Prompt {
    pub purpose: Purpose,
    pub title: String,
    pub question: &'static str,
    pub input: TextArea<'static>,
    pub error: Option<&'static str>,
}

impl App {
    pub(super) fn ask(&mut self, purpose: Purpose, title: String, question: &'static str, initial: &str) {
        self.overlays.push(Overlay::Prompt(Box::new(Prompt {
            purpose,
            title,
            question,
            input: one_line(initial),
            error: None,
        })));
    }

    pub fn ask_end_link(&mut self, l: &LinkRow) {
        let purpose = Purpose::EndLink { id: l.id, version: l.stamp.version, start: l.when.start };
        self.ask(purpose, format!("{} → {}", l.mentor, l.mentee), self.s.end_prompt, &format_date(self.today));
    }

    pub(super) fn prompt_key(&mut self, ev: KeyEvent) {
        let s = self.s;
        let Some(Overlay::Prompt(p)) = self.overlays.last_mut() else { return };
        match ev.code {
            KeyCode::Esc => {
                self.overlays.pop();
            }
            KeyCode::Enter => {
                let text = crate::text::clean_line(&p.input.lines().join(" "));
                let purpose = p.purpose;
                // A new date in another academic year takes the screen there with the event.
                let mut follow: Option<crate::text::AcademicYear> = None;
                let result = match purpose {
                    Purpose::EventResult { id, version } => {
                        let result = (!text.trim().is_empty()).then(|| text.trim().to_string());
                        // «24 педагога из 5 ОО» is also counted: the numbers it names are kept
                        // as numbers, the others the event had stay.
                        let had = self.data.events.iter().find(|e| e.id == id).map(|e| e.turnout).unwrap_or_default();
                        let turnout = crate::turnout::Turnout::parse(&text).ok().filter(|t| !t.is_empty()).map(|t| {
                            crate::turnout::Turnout::from_numbers(std::array::from_fn(|i| {
                                t.numbers()[i].or(had.numbers()[i])
                            }))
                        });
                        let c = EventChange { status: Some(EventStatus::Done), result, when: None, turnout };
                        self.store.change_event(id, &c, Some(version)).map(|_| s.status_saved)
                    }
                    Purpose::EventDate { id, version } => {
                        let Some(when) = parse_when(&text) else {
                            p.error = Some(crate::text::when_error(&text, s));
                            return;
                        };
                        follow = when.start.map(crate::text::AcademicYear::of).filter(|y| *y != self.year);
                        let c = EventChange {
                            status: Some(EventStatus::Postponed),
                            when: Some(when),
                            ..Default::default()
                        };
                        self.store.change_event(id, &c, Some(version)).map(|_| s.status_saved)
                    }
                    Purpose::DecisionDate { id, version } => {
                        let Some(when) = parse_when(&text) else {
                            p.error = Some(crate::text::when_error(&text, s));
                            return;
                        };
                        self.store.postpone_decision(id, &when, Some(version)).map(|_| s.status_saved)
                    }
                    Purpose::EndLink { id, version, start } => {
                        let Some(end) = crate::text::parse_date(&text) else {
                            p.error = Some(crate::text::date_error(&text, s));
                            return;
                        };
                        if start.is_some_and(|st| end < st) {
                            p.error = Some(s.err_end_before);
                            return;
                        }
                        self.store.end_link(id, end, Some(version)).map(|_| s.link_ended)
                    }
                };
                self.overlays.pop();
                match result {
                    Ok(what) => match (purpose, self.selected_item()) {
                        (Purpose::EventResult { .. }, Some(item)) => {
                            self.refresh_row(item, false);
                            self.message = Some(super::Message { text: what.to_string(), error: false });
                        }
                        _ => match follow {
                            Some(y) => {
                                self.year = y;
                                self.after_write(&format!("{what}; {} {}", s.moved_to_year, y.label()));
                            }
                            None => self.after_write(what),
                        },
                    },
                    Err(e) => {
                        self.report::<()>(Err(e));
                        self.reload();
                    }
                }
            }
            _ => {
                p.input.input(ev);
                p.error = None;
            }
        }
    }
}

impl App {
    /// One key, one status: done asks for the result, postponed for the new date.
    pub(super) fn set_status_key(&mut self, st: EventStatus) {
        let s = self.s;
        match self.selected_item() {
            Some(super::rows::ItemRef::Event(i)) => {
                let e = self.data.events[i].clone();
                let (id, version) = (e.id, e.stamp.version);
                match st {
                    EventStatus::Done => {
                        self.ask(Purpose::EventResult { id, version }, e.title, s.ask_result, &e.result)
                    }
                    EventStatus::Postponed => {
                        self.ask(Purpose::EventDate { id, version }, e.title, s.ask_date, &e.when.display())
                    }
                    _ => {
                        let c = EventChange { status: Some(st), ..Default::default() };
                        let r = self.store.change_event(id, &c, Some(version));
                        let target = super::StatusTarget::Event { id, version };
                        self.finish_status(r, super::rows::ItemRef::Event(i), target, st);
                    }
                }
            }
            Some(super::rows::ItemRef::Decision(i)) if st == EventStatus::Postponed => {
                let x = &self.data.decisions[i];
                let purpose = Purpose::DecisionDate { id: x.id, version: x.stamp.version };
                let (title, deadline) = (x.text.clone(), x.deadline.display());
                self.ask(purpose, title, s.ask_date, &deadline);
            }
            Some(super::rows::ItemRef::Decision(i)) => {
                let x = &self.data.decisions[i];
                let target = super::StatusTarget::Decision { id: x.id, version: x.stamp.version };
                let r = self.store.set_decision_status(x.id, st, Some(x.stamp.version));
                self.finish_status(r, super::rows::ItemRef::Decision(i), target, st);
            }
            _ => {}
        }
    }

    fn finish_status(
        &mut self,
        r: crate::store::Result<bool>,
        item: super::rows::ItemRef,
        target: super::StatusTarget,
        st: EventStatus,
    ) {
        match r {
            Ok(changed) => {
                self.refresh_row(item, false);
                let text = if changed { self.s.status_saved } else { self.s.status_unchanged };
                self.message = Some(super::Message { text: text.to_string(), error: false });
            }
            Err(e) => {
                let choice = EventStatus::ALL.iter().position(|x| *x == st).unwrap_or(0);
                self.conflict_or_report(e, super::conflict::Retry::Status { target, choice });
                self.reload();
            }
        }
    }

    pub(super) fn undo_redo(&mut self, redo: bool) {
        let s = self.s;
        let r = if redo { self.store.redo() } else { self.store.undo() };
        match r {
            Ok(Some(rev)) => {
                let agreement = rev.entity == "agreement";
                let label = |code: &str| {
                    let shown = if agreement {
                        crate::domain::AgreementStatus::from_code(code).map(|x| x.label(s))
                    } else {
                        EventStatus::from_code(code).map(|x| x.label(s))
                    };
                    let shown = shown.map(str::to_string).unwrap_or_else(|| code.to_string());
                    if shown.is_empty() {
                        "—".to_string()
                    } else {
                        crate::text::truncate(&shown, 40)
                    }
                };
                let done = if redo { s.redone } else { s.undone };
                let what = if rev.field == "*" {
                    // A whole row: what became of it.
                    format!("{done}: {}", s.whole_row(&rev.to))
                } else {
                    format!("{done}: {} → {}", label(&rev.from), label(&rev.to))
                };
                // A status or a result goes back in place; dates move the row.
                let moved = rev.moved;
                match self.item_of(&rev.entity, rev.entity_id) {
                    Some(item) => self.refresh_row(item, moved),
                    None => {
                        self.reload();
                    }
                }
                self.message = Some(super::Message { text: what, error: false });
            }
            Ok(None) => {
                let text = if redo { s.nothing_to_redo } else { s.nothing_to_undo };
                self.message = Some(super::Message { text: text.to_string(), error: false });
            }
            // The action is stepped past: the next undo reaches the one before it.
            Err(crate::store::StoreError::Conflict { by, at }) if !redo => {
                self.reload();
                let text = format!("{} {by} ({}); {}", s.undo_conflict, crate::text::format_stamp(&at), s.undo_next);
                self.message = Some(super::Message { text, error: true });
            }
            Err(e) => {
                self.report::<()>(Err(e));
            }
        }
    }
}
