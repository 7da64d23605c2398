//! Programmes and roadmaps in Agreements: `e` on a programme or a task edits it, `n` there
//! starts a new programme, `P` adds a task to the selected one, `s` sets a task's status, `D`
//! removes after asking.

use super::deficitforms::{FieldsForm, Purpose};
use super::rows::ItemRef;
use super::{App, Confirmed, Overlay};
use crate::domain::{EventStatus, When};
use crate::store::{ProgrammeFields, TaskFields};

/// A period or deadline as typed («2022-2024», «до 30.12.2023», «01.09.2022–31.05.2023»),
/// empty for none; the error under its field otherwise.
pub(super) fn read_when(text: &str, field: usize, errors: &mut Vec<(usize, String)>, s: &crate::i18n::Strings) -> When {
    if text.is_empty() {
        return When::default();
    }
    crate::period::parse_when(text).unwrap_or_else(|| {
        errors.push((field, crate::text::when_error(text, s).to_string()));
        When::default()
    })
}

/// A task's status as typed, in either language, by its task word or its event word.
pub fn read_status(text: &str, s: &crate::i18n::Strings) -> Option<EventStatus> {
    let t = crate::text::fold(text);
    if t.is_empty() {
        return Some(EventStatus::Planned);
    }
    let langs = [&crate::i18n::RU, &crate::i18n::EN];
    EventStatus::ALL.iter().copied().find(|st| {
        langs
            .iter()
            .chain(std::iter::once(&s))
            .any(|l| [st.task_label(l), st.label(l)].iter().any(|w| crate::text::fold(w) == t))
    })
}

impl App {
    /// The form of programme `i`, or of a new one (its district the one in focus, or the
    /// store's only district).
    pub(super) fn programme_form(&mut self, i: Option<usize>) {
        let s = self.s;
        let (purpose, title, texts) = match i.and_then(|i| self.data.programmes.get(i)) {
            Some(p) => (
                Purpose::Programme { id: Some((p.id, p.stamp.version)) },
                format!("{}: {}", s.pg_form, p.name),
                [p.name.clone(), p.district.clone(), p.when.display(), p.basis.clone(), p.goal.clone(), p.note.clone()],
            ),
            None => {
                let district = self.default_district();
                let texts = [String::new(), district, String::new(), String::new(), String::new(), String::new()];
                (Purpose::Programme { id: None }, s.pg_new.to_string(), texts)
            }
        };
        let [name, district, period, basis, goal, note] = texts;
        let mut form = FieldsForm::new(
            purpose,
            title,
            vec![
                (s.pg_name, 2, name),
                (s.col_district, 1, district),
                (s.pg_period, 1, period),
                (s.pg_basis, 2, basis),
                (s.rk_goal, 3, goal),
                (s.col_note, 2, note),
            ],
        );
        form.fields[3].2.set_placeholder_text(s.pg_basis_hint);
        self.open_fields(form);
    }

    /// The form of task `j` of programme `i`, or of a new task of it.
    pub(super) fn task_form(&mut self, i: usize, j: Option<usize>) {
        let s = self.s;
        let Some(p) = self.data.programmes.get(i) else { return };
        let (id, title, texts) = match j.and_then(|j| p.tasks.get(j)) {
            Some(t) => (
                Some((t.id, t.stamp.version)),
                format!("{} {}: {}", s.pg_task_form, t.pos, p.name),
                [
                    t.text.clone(),
                    t.responsible.clone(),
                    t.deadline.display(),
                    t.indicator.clone(),
                    t.status.task_label(s).to_string(),
                    t.progress.clone(),
                    t.note.clone(),
                ],
            ),
            None => (None, format!("{}: {}", s.pg_task_new, p.name), Default::default()),
        };
        let [text, responsible, deadline, indicator, status, progress, note] = texts;
        let mut form = FieldsForm::new(
            Purpose::Task { programme: p.id, id },
            title,
            vec![
                (s.pg_task_title, 2, text),
                (s.col_responsible, 1, responsible),
                (s.rk_deadline, 1, deadline),
                (s.pg_indicator, 1, indicator),
                (s.col_status, 1, status),
                (s.rk_progress, 3, progress),
                (s.col_note, 2, note),
            ],
        );
        form.fields[4].2.set_placeholder_text(s.pg_status_hint);
        self.open_fields(form);
    }

    pub(super) fn save_programme_form(
        &mut self,
        text: [String; 6],
        id: Option<(i64, i64)>,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [name, district_name, period, basis, goal, note] = text;
        if name.is_empty() {
            errors.push((0, s.err_required.to_string()));
        }
        let district = match self.read_district(&district_name, 1, errors) {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        let when = read_when(&period, 2, errors, s);
        if !errors.is_empty() {
            return None;
        }
        let f = ProgrammeFields { district, name, when, basis, goal, note };
        Some(self.store.save_programme(id, &f).map(|changed| if changed { s.pg_saved } else { s.sc_unchanged }))
    }

    pub(super) fn save_task_form(
        &mut self,
        text: [String; 7],
        programme: i64,
        id: Option<(i64, i64)>,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [task, responsible, deadline, indicator, status, progress, note] = text;
        if task.is_empty() {
            errors.push((0, s.err_required.to_string()));
        }
        let deadline = read_when(&deadline, 2, errors, s);
        let status = read_status(&status, s).unwrap_or_else(|| {
            errors.push((4, s.pg_bad_status.to_string()));
            EventStatus::Planned
        });
        if !errors.is_empty() {
            return None;
        }
        let f = TaskFields { text: task, responsible, deadline, indicator, status, progress, note };
        Some(
            self.store
                .save_task(programme, id, &f)
                .map(|changed| if changed { s.pg_task_saved } else { s.sc_unchanged }),
        )
    }

    /// `D` on a programme, a task, a report or a group: removed after a question.
    pub(super) fn ask_remove_programme(&mut self) {
        let s = self.s;
        let (title, question, action) = match self.selected_item() {
            Some(ItemRef::Programme(i)) => {
                let p = &self.data.programmes[i];
                let tasks = if p.tasks.is_empty() {
                    String::new()
                } else {
                    format!(" ({}: {})", s.pg_tasks.to_lowercase(), p.tasks.len())
                };
                (
                    s.pg_remove,
                    format!("{} «{}»{tasks}?", s.pg_remove, p.name),
                    Confirmed::RemoveProgramme { id: p.id, version: p.stamp.version },
                )
            }
            Some(ItemRef::ReportDoc(i)) => {
                let r = &self.data.report_docs[i];
                let n = r.recommendations.len();
                let with = if n == 0 {
                    String::new()
                } else {
                    format!(" ({})", crate::i18n::plural(n, s.forms_recommendation, s))
                };
                (
                    s.rep_remove,
                    format!("{} «{}»{with}?", s.rep_remove, r.title),
                    Confirmed::RemoveReport { id: r.id, version: r.stamp.version },
                )
            }
            Some(ItemRef::Group(i)) => {
                let g = &self.data.groups[i];
                (
                    s.gr_remove,
                    format!("{} «{}»?", s.gr_remove, g.name),
                    Confirmed::RemoveGroup { id: g.id, version: g.stamp.version },
                )
            }
            Some(ItemRef::Task(i, j)) => {
                let t = &self.data.programmes[i].tasks[j];
                (
                    s.pg_remove_task,
                    format!("{} {} «{}»?", s.pg_remove_task, t.pos, crate::text::truncate(&t.text, 60)),
                    Confirmed::RemoveTask { id: t.id, version: t.stamp.version },
                )
            }
            _ => return,
        };
        self.overlays.push(Overlay::Confirm { title, question, action, yes_focused: false });
    }

    pub(super) fn remove_programme_or_task(&mut self, action: Confirmed) {
        let (r, done) = match action {
            Confirmed::RemoveProgramme { id, version } => (self.store.remove_programme(id, version), self.s.pg_removed),
            Confirmed::RemoveTask { id, version } => (self.store.remove_task(id, version), self.s.pg_task_removed),
            Confirmed::RemoveReport { id, version } => (self.store.remove_report_doc(id, version), self.s.rep_removed),
            Confirmed::RemoveGroup { id, version } => (self.store.remove_group(id, version), self.s.gr_removed),
            _ => return,
        };
        if self.report(r).is_some() {
            self.after_write(done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tasks_status_is_read_in_either_language_or_refused() {
        let s = &crate::i18n::RU;
        assert_eq!(read_status("Выполнено", s), Some(EventStatus::Done));
        assert_eq!(read_status("в работе", s), Some(EventStatus::InProgress));
        assert_eq!(read_status("done", s), Some(EventStatus::Done));
        assert_eq!(read_status("", s), Some(EventStatus::Planned));
        assert_eq!(read_status("почти", s), None);
    }
}
