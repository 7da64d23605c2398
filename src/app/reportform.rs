//! The district's report from the TUI (`O`): a form for the year, the district and the format,
//! the file written and its path shown — what `nastavnik report` writes.

use super::deficitforms::{FieldsForm, Purpose};
use super::{App, Message};

impl App {
    /// The report's form: the year shown, the district in focus (or of the selected school),
    /// .docx, a file in the home folder named after them.
    pub(super) fn report_form(&mut self) {
        let s = self.s;
        if !self.local_files {
            self.message = Some(Message { text: s.rp_remote.to_string(), error: true });
            return;
        }
        let district = match (&self.focus, self.selected_item()) {
            (Some((_, name)), _) => name.clone(),
            (None, Some(super::rows::ItemRef::Cluster(org))) => {
                self.data.clusters.iter().find(|c| c.org_id == org).map(|c| c.district.clone()).unwrap_or_default()
            }
            _ => String::new(),
        };
        // The closing part written last time for this year and district, to go on from.
        let district_id = self.store.district_list().ok().and_then(|all| all.into_iter().find(|(_, n)| *n == district));
        let notes =
            self.store.report_note(self.year, district_id.map(|d| d.0)).ok().flatten().map(|n| n.1).unwrap_or_default();
        let form = FieldsForm::new(
            Purpose::Report,
            s.rp_form.to_string(),
            vec![
                (s.rp_field_year, 1, self.year.label()),
                (s.col_district, 1, district.clone()),
                (s.rp_field_format, 1, "docx".to_string()),
                (s.rp_field_file, 1, default_file(self.year, &district, "docx", s)),
                (s.rp_field_notes, 6, notes),
            ],
        );
        let mut form = form;
        form.fields[1].2.set_placeholder_text(s.rp_all_districts);
        form.fields[2].2.set_placeholder_text(s.rp_bad_format);
        self.open_fields(form);
    }

    /// The form's fields checked and the report written: its path, or the errors by field.
    pub(super) fn write_report_form(&mut self, text: [String; 5]) -> Result<String, Vec<(usize, String)>> {
        let s = self.s;
        let [year_text, district_text, format, file, notes] = text;
        let mut errors = Vec::new();
        let year = crate::text::AcademicYear::parse(&year_text);
        if year.is_none() {
            errors.push((0, s.rp_bad_year.to_string()));
        }
        let district = if district_text.is_empty() {
            None
        } else {
            let all = self.store.district_list().map_err(|e| vec![(1, e.text(s))])?;
            let q = crate::text::fold(&district_text);
            let found: Vec<(i64, String)> =
                all.iter().filter(|(_, n)| crate::text::matches_query(&crate::text::fold(n), &q)).cloned().collect();
            match found.len() {
                1 => found.into_iter().next(),
                0 => {
                    errors.push((1, format!("{} «{district_text}»", s.rp_no_district)));
                    None
                }
                _ => {
                    let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
                    errors.push((1, format!("{}: {}", s.rp_two_districts, names.join(", "))));
                    None
                }
            }
        };
        let format = format.to_lowercase();
        if !matches!(format.as_str(), "docx" | "md" | "xlsx") {
            errors.push((2, s.rp_bad_format.to_string()));
        }
        let path = std::path::PathBuf::from(shellexpand_home(&file));
        if file.is_empty() {
            errors.push((3, s.err_required.to_string()));
        } else {
            match crate::output::target(&path, false) {
                // A form has no --force: another name is the way.
                Err(crate::output::OutputError::Exists(_)) => errors.push((3, s.err_exists.to_string())),
                Err(e) => errors.push((3, e.text(s))),
                Ok(_) => {}
            }
        }
        let Some(year) = year else { return Err(errors) };
        if !errors.is_empty() {
            return Err(errors);
        }
        // What the coordinator wrote is kept with the year and district, then printed.
        self.store.save_report_note(year, district.as_ref().map(|d| d.0), &notes).map_err(|e| vec![(4, e.text(s))])?;
        let scope = crate::report::Scope {
            year,
            district,
            school: None,
            from: None,
            to: None,
            today: self.today,
            author: self.store.user().to_string(),
        };
        let report = crate::report::report(&self.store, &scope, s).map_err(|e| vec![(0, e.text(s))])?;
        let bytes = match format.as_str() {
            "docx" => {
                let template = crate::document::template_named(None, "report.md", crate::document::BUILTIN_REPORT)
                    .map_err(|e| vec![(3, e.to_string())])?;
                report.docx(&template, self.store.user()).map_err(|e| vec![(3, e.to_string())])?
            }
            "xlsx" => crate::export::xlsx(&report.sheets()).map_err(|e| vec![(3, e.to_string())])?,
            _ => {
                let template = crate::document::template_named(None, "report.md", crate::document::BUILTIN_REPORT)
                    .map_err(|e| vec![(3, e.to_string())])?;
                report.render(&template, false).map_err(|e| vec![(3, e.to_string())])?.0.into_bytes()
            }
        };
        crate::document::write_file(&path, &bytes, false).map_err(|e| vec![(3, e.to_string())])?;
        Ok(path.display().to_string())
    }
}

/// «~/Отчёт 2021-2022 город Усть-Илимск.docx»: in the home folder, named by year and district.
fn default_file(year: crate::text::AcademicYear, district: &str, ext: &str, s: &crate::i18n::Strings) -> String {
    let name: String = format!("{} {} {district}", s.rp_file_name, year.label())
        .trim()
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    format!("~/{name}.{ext}")
}

/// A path's leading `~/` as the home folder.
fn shellexpand_home(p: &str) -> String {
    match (p.strip_prefix("~/"), directories::UserDirs::new()) {
        (Some(rest), Some(u)) => u.home_dir().join(rest).display().to_string(),
        _ => p.to_string(),
    }
}
