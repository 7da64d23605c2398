//! The status picker: an event's, a decision's, a task's, an agreement's or a risk's status
//! chosen from a list.

use super::rows::ItemRef;
use super::{conflict, App, Message, Overlay, StatusTarget};
use crate::domain::{AgreementStatus, EventStatus};
use crate::store::StoreError;

impl App {
    pub(super) fn open_status_picker(&mut self) {
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

    pub(super) fn apply_status(&mut self, target: StatusTarget, choice: usize) {
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
}
