//! A group of people (`B` in Clusters, `e` on a group's row, `n` there for another): its name,
//! kind, district, basis, composition as written, since when, members by name and a note.

use super::deficitforms::{FieldsForm, Purpose};
use super::App;
use crate::store::GroupFields;

impl App {
    /// The form of group `i`, or of a new one (its district the one in focus, or the store's
    /// only district).
    pub(super) fn group_form(&mut self, i: Option<usize>) {
        let s = self.s;
        let (purpose, title, texts) = match i.and_then(|i| self.data.groups.get(i)) {
            Some(g) => (
                Purpose::Group { id: Some((g.id, g.stamp.version)) },
                format!("{}: {}", s.gr_form, g.name),
                [
                    g.name.clone(),
                    g.kind.clone(),
                    g.district.clone(),
                    g.basis.clone(),
                    g.composition.clone(),
                    g.since.clone(),
                    g.members
                        .iter()
                        .map(|(_, n, r)| if r.is_empty() { n.clone() } else { format!("{n} — {r}") })
                        .collect::<Vec<_>>()
                        .join("\n"),
                    g.note.clone(),
                ],
            ),
            None => {
                let district = self.default_district();
                let mut texts: [String; 8] = Default::default();
                texts[2] = district;
                (Purpose::Group { id: None }, s.gr_new.to_string(), texts)
            }
        };
        let [name, kind, district, basis, composition, since, members, note] = texts;
        let mut form = FieldsForm::new(
            purpose,
            title,
            vec![
                (s.gr_name, 1, name),
                (s.gr_kind, 1, kind),
                (s.col_district, 1, district),
                (s.col_basis, 1, basis),
                (s.gr_composition, 2, composition),
                (s.gr_since, 1, since),
                (s.gr_members, 3, members),
                (s.col_note, 2, note),
            ],
        );
        form.fields[1].2.set_placeholder_text(s.gr_kind_hint);
        form.fields[6].2.set_placeholder_text(s.gr_members_hint);
        self.open_fields(form);
    }

    pub(super) fn save_group_form(
        &mut self,
        text: [String; 8],
        id: Option<(i64, i64)>,
        errors: &mut Vec<(usize, String)>,
    ) -> Option<crate::store::Result<&'static str>> {
        let s = self.s;
        let [name, kind, district_name, basis, composition, since, members_text, note] = text;
        if name.is_empty() {
            errors.push((0, s.err_required.to_string()));
        }
        let dir = match self.store.import_directory() {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        let district = match self.read_district(&district_name, 2, errors) {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        let mut members: Vec<(i64, String)> = Vec::new();
        for line in members_text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (who, role) = match line.split_once(" — ").or_else(|| line.split_once(" - ")) {
                Some((w, r)) => (w.trim(), r.trim()),
                None => (line, ""),
            };
            match dir.person_id(who, s) {
                Ok(p) if !members.iter().any(|(m, _)| *m == p) => members.push((p, role.to_string())),
                Ok(_) => {}
                Err(why) => {
                    errors.push((6, why));
                    break;
                }
            }
        }
        if !errors.is_empty() {
            return None;
        }
        let f = GroupFields { district, kind, name, basis, composition, since, note, members };
        Some(self.store.save_group(id, &f).map(|changed| if changed { s.gr_saved } else { s.sc_unchanged }))
    }
}
