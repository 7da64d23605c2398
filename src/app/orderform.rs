//! An order as a record (`e` on an order in Agreements, `n` there for a new one, `D` to
//! remove its own row): who issued it, its number and date, its title, district and note. An
//! order that records cite keeps the issuer, number, date and district their texts give:
//! those are corrected in the texts, the form says so under the field.

use super::deficitforms::{FieldsForm, Purpose};
use super::rows::ItemRef;
use super::{App, Confirmed, Overlay};
use crate::store::{OrderFields, StoreError};

/// What an order's form knows of the order it was opened on.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// Its row in the store (id, version), if it has one.
    pub stored: Option<(i64, i64)>,
    /// The district, issuer, number and date the citing texts give, and how many cite it.
    pub cited: Option<(Option<i64>, crate::orders::Key, usize)>,
    /// The kind of document it was opened as.
    pub kind: crate::orders::DocKind,
}

impl App {
    /// The form of order `i` of the pane, or of a new one (its district the one in focus, or
    /// the store's only district).
    pub(super) fn order_form(&mut self, i: Option<usize>) {
        let s = self.s;
        let (opened, title, fields) = match i.and_then(|i| self.data.orders.get(i)) {
            Some(o) => {
                let cited = (!o.refs.is_empty()).then(|| (o.district_id, o.key(), o.refs.len()));
                let date = o.date.map(crate::text::format_date).unwrap_or_else(|| o.date_text.clone());
                (
                    Opened { stored: o.stored, cited, kind: o.kind },
                    o.name(s),
                    [
                        o.kind.label(s).to_string(),
                        o.issuer.clone(),
                        o.number.clone(),
                        date,
                        o.title.clone(),
                        o.district.clone(),
                        o.note.clone(),
                    ],
                )
            }
            None => {
                let district = self.default_district();
                let mut fields: [String; 7] = Default::default();
                fields[0] = s.ord_kind.to_string();
                fields[5] = district;
                (Opened { stored: None, cited: None, kind: Default::default() }, s.ord_new.to_string(), fields)
            }
        };
        let [kind, issuer, number, date, name, district, note] = fields;
        let mut form = FieldsForm::new(
            Purpose::Order(Box::new(opened)),
            title,
            vec![
                (s.ord_doc_kind, 1, kind),
                (s.ord_issuer, 1, issuer),
                (s.col_number, 1, number),
                (s.col_date, 1, date),
                (s.ord_title, 2, name),
                (s.col_district, 1, district),
                (s.col_note, 3, note),
            ],
        );
        form.fields[1].2.set_placeholder_text(s.ord_issuer_hint);
        self.open_fields(form);
    }

    /// The order form's fields checked and saved; `None` with the errors under their fields.
    pub(super) fn save_order_form(
        &mut self,
        text: [String; 7],
        opened: &Opened,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [kind_text, issuer, number, date_text, title, district_name, note] = text;
        let kind = crate::orders::DocKind::read(&kind_text).unwrap_or_else(|| {
            errors.push((0, s.ord_bad_kind.to_string()));
            opened.kind
        });
        let date = crate::text::parse_date(&date_text);
        if !date_text.is_empty() && date.is_none() {
            errors.push((3, crate::text::date_error(&date_text, s).to_string()));
        }
        if number.is_empty() && date_text.is_empty() {
            errors.push((2, s.ord_needs_number.to_string()));
        }
        let district = match self.read_district(&district_name, 5, errors) {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        // An order the records cite is named by their texts: its particulars stay theirs.
        if let Some((was_district, key, n)) = &opened.cited {
            let now = crate::orders::key(&issuer, &number, date, &date_text);
            if now != *key || kind != opened.kind || (district.is_some() && district != *was_district) {
                let field = if kind != opened.kind {
                    0
                } else if now.0 != key.0 {
                    1
                } else if now.1 != key.1 {
                    2
                } else if now.2 != key.2 {
                    3
                } else {
                    5
                };
                errors.push((field, format!("{} {}", s.ord_cited_fixed, crate::i18n::count_records(*n, s))));
            }
        }
        if !errors.is_empty() {
            return None;
        }
        let district = match &opened.cited {
            Some((d, ..)) => *d,
            None => district,
        };
        let f = OrderFields { kind, district, issuer, number, date_text, date, title, note };
        match self.store.save_order(opened.stored, &f) {
            Err(StoreError::Duplicate) => {
                errors.push((2, s.ord_duplicate.to_string()));
                None
            }
            other => Some(other.map(|changed| if changed { s.ord_saved } else { s.sc_unchanged })),
        }
    }

    /// `D` on an order: its own row (title, note) removed after a question; the texts that
    /// cite it still do, so it stays listed as they name it.
    pub(super) fn ask_remove_order(&mut self) {
        let s = self.s;
        let Some(ItemRef::Order(i)) = self.selected_item() else { return };
        let o = &self.data.orders[i];
        let Some((id, version)) = o.stored else {
            self.message = Some(super::Message { text: s.ord_not_stored.to_string(), error: true });
            return;
        };
        let question = if o.refs.is_empty() {
            format!("{} «{}»?", s.ord_remove_q, o.name(s))
        } else {
            format!("{} «{}»?\n{}", s.ord_remove_own_q, o.name(s), s.ord_remove_keeps)
        };
        let action = Confirmed::RemoveOrder { id, version };
        self.overlays.push(Overlay::Confirm { title: s.ord_remove, question, action, yes_focused: false });
    }

    pub(super) fn remove_order(&mut self, id: i64, version: i64) {
        let r = self.store.remove_order(id, version);
        if self.report(r).is_some() {
            self.after_write(self.s.ord_removed);
        }
    }
}
