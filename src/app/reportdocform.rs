//! Reports in Agreements (`e` on a report, `n` there for a new one, `P` for a recommendation
//! to it; `m` on one of its recommendations in the Roadmap): a report's title, district,
//! period, author and conclusions; a recommendation's text, addressee and deadline.

use super::deficitforms::{FieldsForm, Purpose};
use super::programmeform::read_when;
use super::App;
use crate::store::ReportDocFields;

impl App {
    /// The form of report `i` of the pane, or of a new one.
    pub(super) fn report_doc_form(&mut self, i: Option<usize>) {
        let r = i.and_then(|i| self.data.report_docs.get(i)).cloned();
        self.report_doc_form_of(r.as_ref());
    }

    /// `m` on a report's recommendation in the Roadmap: the report's form.
    pub(super) fn report_doc_form_by_id(&mut self, id: i64) {
        let Some(all) = self.report(self.store.report_docs()) else { return };
        if let Some(r) = all.into_iter().find(|r| r.id == id) {
            self.report_doc_form_of(Some(&r));
        }
    }

    fn report_doc_form_of(&mut self, r: Option<&crate::domain::ReportDocRow>) {
        let s = self.s;
        let (purpose, title, texts) = match r {
            Some(r) => (
                Purpose::ReportDoc { id: Some((r.id, r.stamp.version)) },
                format!("{}: {}", s.rep_form, r.title),
                [r.title.clone(), r.district.clone(), r.period.display(), r.author.clone(), r.note.clone()],
            ),
            None => {
                let district = self.default_district();
                let mut texts: [String; 5] = Default::default();
                texts[1] = district;
                (Purpose::ReportDoc { id: None }, s.rep_new.to_string(), texts)
            }
        };
        let [name, district, period, author, note] = texts;
        let mut form = FieldsForm::new(
            purpose,
            title,
            vec![
                (s.min_title, 2, name),
                (s.col_district, 1, district),
                (s.pg_period, 1, period),
                (s.rep_author, 1, author),
                (s.rep_note, 4, note),
            ],
        );
        form.fields[2].2.set_placeholder_text(s.rep_period_hint);
        self.open_fields(form);
    }

    /// A new recommendation of report `i`.
    pub(super) fn recommendation_form(&mut self, i: usize) {
        let s = self.s;
        let Some(r) = self.data.report_docs.get(i) else { return };
        let mut form = FieldsForm::new(
            Purpose::Recommendation { report: r.id },
            format!("{}: {}", s.rep_new_recommendation, r.title),
            vec![
                (s.ent_recommendation_title, 3, String::new()),
                (s.rep_addressee, 1, String::new()),
                (s.rk_deadline, 1, String::new()),
            ],
        );
        form.fields[1].2.set_placeholder_text(s.rep_addressee_hint);
        self.open_fields(form);
    }

    pub(super) fn save_report_doc_form(
        &mut self,
        text: [String; 5],
        id: Option<(i64, i64)>,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [title, district_name, period, author, note] = text;
        if title.is_empty() {
            errors.push((0, s.err_required.to_string()));
        }
        let district = match self.read_district(&district_name, 1, errors) {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        let period = read_when(&period, 2, errors, s);
        if !errors.is_empty() {
            return None;
        }
        let f = ReportDocFields { district, title, period, author, note };
        Some(self.store.save_report_doc(id, &f).map(|changed| if changed { s.rep_saved } else { s.sc_unchanged }))
    }

    pub(super) fn save_recommendation_form(
        &mut self,
        text: [String; 3],
        report: i64,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [what, addressee, deadline] = text;
        if what.is_empty() {
            errors.push((0, s.err_required.to_string()));
        }
        let deadline = read_when(&deadline, 2, errors, s);
        if !errors.is_empty() {
            return None;
        }
        Some(self.store.add_recommendation(report, &what, deadline, &addressee).map(|_| s.rep_recommendation_saved))
    }
}
