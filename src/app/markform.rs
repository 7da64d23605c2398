//! `!` on an event, a decision, a link, an agreement or a risk direction: mark one of its values
//! as the source writes it («так в документе» — a misprint kept, a slip in a title) or as
//! doubtful, with a word on why; or take the mark away. The card shows the mark beside its
//! field, the history keeps it, `u` takes it back.

use super::deficitforms::{FieldsForm, Purpose};
use super::{App, Message};
use crate::domain::{markable, Mark, MarkKind};
use crate::text::fold;

/// The field a label typed names: its label in either language or its code, case and ё
/// folded; a start of a label names it when it names only one.
pub fn read_field(entity: &str, typed: &str) -> Option<&'static str> {
    let t = fold(typed.trim());
    if t.is_empty() {
        return None;
    }
    let fields = markable(entity);
    let names = |f: &str| {
        [
            fold(&super::rows::field_label(f, &crate::i18n::RU)),
            fold(&super::rows::field_label(f, &crate::i18n::EN)),
            f.to_string(),
        ]
    };
    if let Some(f) = fields.iter().find(|f| names(f).contains(&t)) {
        return Some(f);
    }
    let starts: Vec<&&str> = fields.iter().filter(|f| names(f).iter().any(|n| n.starts_with(&t))).collect();
    match starts[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// A word in the mark's field that is no kind of mark.
#[derive(Debug, PartialEq, Eq)]
pub struct NotAMark;

/// What the mark's field says: a kind, or `None` for «снять отметку» (take it away).
pub fn read_kind(typed: &str) -> Result<Option<MarkKind>, NotAMark> {
    let t = fold(typed.trim());
    let is = |label: &str| !t.is_empty() && fold(label).starts_with(&t);
    let either = |f: fn(&crate::i18n::Strings) -> &'static str| is(f(&crate::i18n::RU)) || is(f(&crate::i18n::EN));
    if either(|s| s.mk_as_written) || t == "as_written" {
        Ok(Some(MarkKind::AsWritten))
    } else if either(|s| s.mk_doubtful) || t == "doubtful" {
        Ok(Some(MarkKind::Doubtful))
    } else if either(|s| s.mk_remove) || t == "-" {
        Ok(None)
    } else {
        Err(NotAMark)
    }
}

impl App {
    /// `!`: the mark form of the selected record, with its first mark (if any) to correct.
    pub(super) fn mark_form(&mut self) {
        let s = self.s;
        let Some((entity, id)) = self.selected_item().and_then(|i| self.marked(i)) else {
            self.message = Some(Message { text: s.mk_none_here.to_string(), error: false });
            return;
        };
        let Some(marks) = self.report(self.store.marks(entity, id)) else { return };
        let (field, kind, note) = match marks.first() {
            Some(m) => (
                crate::text::capitalized(&super::rows::field_label(&m.field, s)),
                m.kind.label(s).to_string(),
                m.note.clone(),
            ),
            None => (String::new(), s.mk_as_written.to_string(), String::new()),
        };
        // The record's name in the title; the fields it has are listed when one is not found.
        let d = &self.data;
        let name = self.selected_item().and_then(|i| match i {
            super::rows::ItemRef::Event(i) => d.events.get(i).map(|e| e.title.clone()),
            super::rows::ItemRef::Decision(i) => d.decisions.get(i).map(|x| x.text.clone()),
            super::rows::ItemRef::Link(i) => d.links.get(i).map(|l| format!("{} → {}", l.mentor, l.mentee)),
            super::rows::ItemRef::Agreement(i) => d.agreements.get(i).map(|a| a.title.clone()),
            super::rows::ItemRef::Risk(i) => d.risks.get(i).map(|r| format!("{}: {}", r.school, r.direction)),
            super::rows::ItemRef::Programme(i) => d.programmes.get(i).map(|p| p.name.clone()),
            super::rows::ItemRef::Task(i, j) => {
                d.programmes.get(i).and_then(|p| p.tasks.get(j)).map(|t| t.text.clone())
            }
            super::rows::ItemRef::Group(i) => d.groups.get(i).map(|g| g.name.clone()),
            super::rows::ItemRef::ReportDoc(i) => d.report_docs.get(i).map(|r| r.title.clone()),
            super::rows::ItemRef::Order(i) => d.orders.get(i).map(|o| o.name(self.s)),
            _ => None,
        });
        let form = FieldsForm::new(
            Purpose::Mark { entity, id },
            match name {
                Some(n) => format!("{}: {n}", s.mk_title),
                None => s.mk_title.to_string(),
            },
            vec![(s.mk_field, 1, field), (s.mk_kind, 1, kind), (s.col_note, 2, note)],
        );
        self.open_fields(form);
    }

    pub(super) fn save_mark_form(
        &mut self,
        entity: &'static str,
        id: i64,
        text: [String; 3],
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [field_text, kind_text, note] = text;
        let field = read_field(entity, &field_text);
        if field.is_none() {
            let all: Vec<String> = markable(entity).iter().map(|f| super::rows::field_label(f, s)).collect();
            let said =
                if field_text.trim().is_empty() { s.err_required.to_string() } else { s.mk_bad_field.to_string() };
            errors.push((0, format!("{said}: {}", all.join(", "))));
        }
        let kind = read_kind(&kind_text);
        if kind.is_err() {
            errors.push((1, s.mk_bad_kind.to_string()));
        }
        let (Some(field), Ok(kind)) = (field, kind) else { return None };
        Some(match kind {
            Some(kind) => {
                let mark = Mark { field: field.to_string(), kind, note };
                self.store.set_mark(entity, id, &mark).map(|changed| if changed { s.mk_saved } else { s.sc_unchanged })
            }
            None => {
                self.store.remove_mark(entity, id, field).map(|gone| if gone { s.mk_removed } else { s.sc_unchanged })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_named_by_its_label_in_either_language_or_the_start_of_one() {
        assert_eq!(read_field("event", "Тема"), Some("title"));
        assert_eq!(read_field("event", "  тема "), Some("title"));
        assert_eq!(read_field("event", "Title"), Some("title"));
        assert_eq!(read_field("event", "формат"), Some("format"));
        assert_eq!(read_field("mentoring_link", "основ"), Some("basis"));
        assert_eq!(read_field("event", "цвет"), None);
        assert_eq!(read_field("event", ""), None);
        // A field of another kind of record is not one of this one's.
        assert_eq!(read_field("decision", "классы"), None);
    }

    #[test]
    fn a_mark_is_as_written_doubtful_or_taken_away() {
        assert_eq!(read_kind("так в документе"), Ok(Some(MarkKind::AsWritten)));
        assert_eq!(read_kind("Так"), Ok(Some(MarkKind::AsWritten)));
        assert_eq!(read_kind("сомнит"), Ok(Some(MarkKind::Doubtful)));
        assert_eq!(read_kind("doubtful"), Ok(Some(MarkKind::Doubtful)));
        assert_eq!(read_kind("снять"), Ok(None));
        assert_eq!(read_kind("может быть"), Err(NotAMark));
        assert_eq!(read_kind(""), Err(NotAMark));
    }
}
