//! A network of schools of the year (`S` in Clusters, `e` on a network's row): its name,
//! district, model and members, one school a line, each matched as the import matches a name.

use super::deficitforms::{FieldsForm, Purpose};
use super::rows::ItemRef;
use super::App;
use crate::domain::NetworkModel;
use crate::store::{NetworkFields, StoreError};

impl App {
    /// The form of the year's network `i`, or of a new one (its district from the school
    /// selected, or the store's only district).
    pub(super) fn network_form(&mut self, i: Option<usize>) {
        let s = self.s;
        let (purpose, title, name, district, model, members) = match i.and_then(|i| self.data.networks.get(i)) {
            Some(n) => (
                Purpose::Network { id: Some((n.id, n.version)) },
                format!("{}: {}", s.nw_form, n.name),
                n.name.clone(),
                n.district.clone(),
                n.model.map(|m| m.label(s).to_string()).unwrap_or_default(),
                n.members.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>().join("\n"),
            ),
            None => {
                let district = match self.selected_item() {
                    Some(ItemRef::Cluster(org)) => {
                        self.data.clusters.iter().find(|c| c.org_id == org).map(|c| c.district.clone())
                    }
                    _ => None,
                };
                let district = district.or_else(|| self.store.district_names().ok().filter(|d| d.len() == 1)?.pop());
                let title = format!("{} {}", s.nw_new, self.year.label());
                (
                    Purpose::Network { id: None },
                    title,
                    String::new(),
                    district.unwrap_or_default(),
                    String::new(),
                    String::new(),
                )
            }
        };
        let mut form = FieldsForm::new(
            purpose,
            title,
            vec![
                (s.nw_name, 1, name),
                (s.col_district, 1, district),
                (s.nw_model, 1, model),
                (s.nw_members, 6, members),
            ],
        );
        // What each field takes, shown while it is empty.
        form.fields[2].2.set_placeholder_text(s.nw_model_hint);
        form.fields[3].2.set_placeholder_text(s.nw_members_hint);
        self.open_fields(form);
    }

    /// The network form's fields checked and saved; `None` with the errors under their fields.
    pub(super) fn save_network_form(
        &mut self,
        text: [String; 4],
        id: Option<(i64, i64)>,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [name, district_name, model_text, members_text] = text;
        if name.is_empty() {
            errors.push((0, s.err_required.to_string()));
        }
        let dir = match self.store.import_directory() {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        let district = dir.district_id(&district_name);
        if district.is_none() {
            errors.push((1, format!("{} «{district_name}»", s.nw_no_district)));
        }
        let model = NetworkModel::read(&model_text).unwrap_or_else(|_| {
            errors.push((2, s.nw_bad_model.to_string()));
            None
        });
        let mut members = Vec::new();
        for line in members_text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match dir.org_in(line, district, s) {
                Ok(id) if !members.contains(&id) => members.push(id),
                Ok(_) => {}
                Err(why) => {
                    errors.push((3, why));
                    break;
                }
            }
        }
        let district = district?;
        if !errors.is_empty() {
            return None;
        }
        let f = NetworkFields { district, year: self.year, model, name, members };
        match self.store.save_network(id.map(|r| r.0), &f, id.map(|r| r.1)) {
            Err(StoreError::Duplicate) => {
                errors.push((0, s.nw_duplicate.to_string()));
                None
            }
            other => Some(other.map(|changed| if changed { s.nw_saved } else { s.sc_unchanged })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_is_read_in_either_language_or_refused() {
        assert_eq!(NetworkModel::read("Распределённая"), Ok(Some(NetworkModel::Distributed)));
        assert_eq!(NetworkModel::read("ресурсная концентрированная"), Ok(Some(NetworkModel::ResourceConcentrated)));
        assert_eq!(NetworkModel::read("resource"), Ok(Some(NetworkModel::ResourceConcentrated)));
        assert_eq!(NetworkModel::read(""), Ok(None));
        assert_eq!(NetworkModel::read("кольцевая"), Err(crate::domain::NotAModel));
    }
}
