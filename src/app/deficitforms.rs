//! The Deficits pane's forms: an anti-risk programme (`e` on a risk direction), a value of an
//! indicator (`n` on an indicator), a round of teachers' diagnostics (`n` on a diagnostics
//! row), and a risk direction to verify for a school (`n` on a risk direction). A value that
//! cannot be is refused under its field and nothing is written.

use super::rows::ItemRef;
use super::{App, Message, Overlay, StatusTarget};
use crate::deficits::{check_date, check_part, read_count, read_value, Bad, Kind};
use crate::domain::DiagnosticItem;
use crate::store::{NewDiagnostic, NewValue, RiskFields};
use crate::text::{format_date, parse_date};
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Risk {
        id: i64,
        version: i64,
    },
    /// A value of an indicator: new (`n`), or one of the store to correct (`e`: id, version).
    Value {
        indicator: i64,
        kind: Kind,
        org: Option<i64>,
        value: Option<(i64, i64)>,
    },
    Diagnostic {
        org: Option<i64>,
        district: Option<i64>,
    },
    /// A new school of the directory (`n` in Clusters), with its status for the year shown.
    School,
    /// A school's directory fields (`e` in Clusters).
    EditSchool {
        id: i64,
        version: i64,
    },
    /// A person of the directory: new (`N` on a school), or one of the store (`e` on a
    /// person's answer in `w`). `org` is the organisation the form was opened with, kept while
    /// its name in the form is not changed.
    Person {
        id: Option<(i64, i64)>,
        org: Option<(i64, String)>,
    },
    /// A school's cluster status for the year shown (`s` in Clusters): the row it had, or
    /// a new one.
    ClusterStatus {
        org: i64,
        row: Option<(i64, i64)>,
    },
    /// A protocol's heading and agenda (`m` on one of its decisions).
    Meeting {
        id: i64,
        version: i64,
    },
    /// A decision of a meeting (`e` on it in the Roadmap): its text, deadline, responsible.
    Decision {
        id: i64,
        version: i64,
    },
    /// A network of schools of the year shown: new, or one of the store (id, version).
    Network {
        id: Option<(i64, i64)>,
    },
    /// The district's report to write (`O`): year, district, format, file.
    Report,
    /// An order: new, or one listed in Agreements.
    Order(Box<super::orderform::Opened>),
    /// A group of people: new, or one of the store.
    Group {
        id: Option<(i64, i64)>,
    },
    /// A report (not minutes): new, or one of the store.
    ReportDoc {
        id: Option<(i64, i64)>,
    },
    /// A new recommendation of a report.
    Recommendation {
        report: i64,
    },
    /// A programme: new, or one of the store (id, version).
    Programme {
        id: Option<(i64, i64)>,
    },
    /// A task of a programme: new, or one of the store.
    Task {
        programme: i64,
        id: Option<(i64, i64)>,
    },
    /// A mark on one value of a record (`!`).
    Mark {
        entity: &'static str,
        id: i64,
    },
}

pub struct FieldsForm {
    pub purpose: Purpose,
    pub title: String,
    /// Label, height, input.
    pub fields: Vec<(String, u16, TextArea<'static>)>,
    pub focus: usize,
    pub errors: Vec<(usize, String)>,
    /// Something was typed: Esc keeps it as a draft.
    pub touched: bool,
}

fn area(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.split('\n').map(str::to_string).collect());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl FieldsForm {
    pub(super) fn new(purpose: Purpose, title: String, fields: Vec<(&str, u16, String)>) -> FieldsForm {
        FieldsForm {
            purpose,
            title,
            fields: fields.into_iter().map(|(l, h, t)| (l.to_string(), h, area(&t))).collect(),
            focus: 0,
            errors: Vec::new(),
            touched: false,
        }
    }

    /// The draft a form of something new is kept under (an edit's form keeps none: the record
    /// itself is there to open again).
    pub fn draft_kind(&self) -> Option<String> {
        Some(match &self.purpose {
            Purpose::School => "fields:school".to_string(),
            Purpose::Person { id: None, org } => format!("fields:person:{}", org.as_ref().map_or(0, |o| o.0)),
            Purpose::Network { id: None } => "fields:network".to_string(),
            Purpose::Order(o) if o.stored.is_none() && o.cited.is_none() => "fields:order".to_string(),
            Purpose::Programme { id: None } => "fields:programme".to_string(),
            Purpose::ReportDoc { id: None } => "fields:report".to_string(),
            Purpose::Group { id: None } => "fields:group".to_string(),
            Purpose::Recommendation { report } => format!("fields:recommendation:{report}"),
            Purpose::Task { programme, id: None } => format!("fields:task:{programme}"),
            Purpose::Value { indicator, value: None, .. } => format!("fields:value:{indicator}"),
            Purpose::Diagnostic { org, district } => {
                format!("fields:diagnostic:{}:{}", org.unwrap_or(0), district.unwrap_or(0))
            }
            _ => return None,
        })
    }

    fn texts(&self) -> Vec<String> {
        self.fields.iter().map(|(_, _, t)| t.lines().join("\n")).collect()
    }

    pub fn text(&self, i: usize) -> String {
        self.fields[i].2.lines().join("\n").trim().to_string()
    }
}

/// Lines "функциональная грамотность: 12" or "… 35 %": the label, the count, whether a share.
fn items(kind: &str, text: &str) -> Result<Vec<DiagnosticItem>, Bad> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (label, n) = match line.rsplit_once(':') {
            Some((l, n)) => (l.trim(), n.trim()),
            None => match line.rsplit_once(' ') {
                Some((l, n)) if crate::deficits::number(n).is_some() || n.ends_with('%') => (l.trim(), n.trim()),
                _ => (line, ""),
            },
        };
        // "35 %" splits at its space: take the number before the sign.
        let (label, n) = if n == "%" {
            match label.rsplit_once(' ') {
                Some((l, x)) => (l.trim(), format!("{x}%")),
                None => (label, n.to_string()),
            }
        } else {
            (label, n.to_string())
        };
        let in_percent = n.ends_with('%');
        let count = if in_percent { Some(read_value(Kind::Share, &n)?) } else { read_count(&n)? };
        out.push(DiagnosticItem { kind: kind.into(), label: label.to_string(), count, in_percent });
    }
    Ok(out)
}

impl App {
    /// The district a new record's form starts with: the one in focus, or the store's only
    /// one; empty otherwise.
    pub(super) fn default_district(&self) -> String {
        self.focus.as_ref().map(|f| f.1.clone()).unwrap_or_else(|| {
            self.store.district_names().ok().filter(|d| d.len() == 1).and_then(|mut d| d.pop()).unwrap_or_default()
        })
    }

    /// A form's district field: none when empty, the store's district of that name, or the
    /// error under field `field`.
    pub(super) fn read_district(
        &self,
        name: &str,
        field: usize,
        errors: &mut Vec<(usize, String)>,
    ) -> crate::store::Result<Option<i64>> {
        if name.is_empty() {
            return Ok(None);
        }
        let d = self.store.import_directory()?.district_id(name);
        if d.is_none() {
            errors.push((field, format!("{} «{name}»", self.s.nw_no_district)));
        }
        Ok(d)
    }

    /// `e` on a risk direction: its anti-risk programme.
    pub(super) fn edit_risk(&mut self) {
        let s = self.s;
        let Some(ItemRef::Risk(i)) = self.selected_item() else { return };
        let Some(r) = self.report(self.store.risk(self.data.risks[i].id)) else { return };
        let deadline = r.deadline.map(format_date).unwrap_or_default();
        let form = FieldsForm::new(
            Purpose::Risk { id: r.id, version: r.stamp.version },
            format!("{}: {} — {}", s.rk_form, r.school, r.direction),
            vec![
                (s.rk_goal, 3, r.goal),
                (s.rk_measures, 3, r.measures),
                (s.col_responsible, 1, r.responsible),
                (s.rk_deadline, 1, deadline),
                (s.rk_progress, 3, r.progress),
            ],
        );
        self.open_fields(form);
    }

    /// `n` in Clusters: a school into the directory, its district prefilled from the row.
    pub(super) fn new_school(&mut self) {
        let s = self.s;
        let district = match self.selected_item() {
            Some(ItemRef::Cluster(org)) => {
                self.data.clusters.iter().find(|c| c.org_id == org).map(|c| c.district.clone()).unwrap_or_default()
            }
            _ => String::new(),
        };
        let status_label = format!("{} {}", s.sc_status, self.year.label());
        let form = FieldsForm {
            touched: false,
            purpose: Purpose::School,
            title: s.sc_form.to_string(),
            fields: [
                (s.sc_name, String::new()),
                (s.sc_short, String::new()),
                (s.sc_type, String::new()),
                (s.col_district, district),
                (s.col_town, String::new()),
                (status_label.as_str(), String::new()),
                (s.col_risk, String::new()),
            ]
            .into_iter()
            .map(|(l, t)| (l.to_string(), 1, area(&t)))
            .collect(),
            focus: 0,
            errors: Vec::new(),
        };
        self.open_fields(form);
    }

    /// `e` in Clusters: the selected school's directory fields — names, type, district, town,
    /// ИНН, ОГРН, address, phone, e-mail, director.
    pub(super) fn edit_school(&mut self) {
        if let Some(ItemRef::Cluster(org)) = self.selected_item() {
            self.edit_school_id(org);
        }
    }

    pub(super) fn edit_school_id(&mut self, org: i64) {
        let s = self.s;
        let (f, version) = match self.store.school_fields(org) {
            Ok(x) => x,
            Err(e) => {
                self.report::<()>(Err(e));
                return;
            }
        };
        let form = FieldsForm::new(
            Purpose::EditSchool { id: org, version },
            format!("{}: {}", s.sc_edit_form, f.name),
            vec![
                (s.sc_name, 1, f.name),
                (s.sc_short, 1, f.short_name),
                (s.sc_type_short, 1, f.school_type),
                (s.col_district, 1, f.district),
                (s.col_town, 1, f.town),
                ("ИНН", 1, f.inn),
                ("ОГРН", 1, f.ogrn),
                (s.sc_address, 1, f.address),
                (s.sc_phone, 1, f.phone),
                ("e-mail", 1, f.email),
                (s.sc_director, 1, f.director),
            ],
        );
        self.open_fields(form);
    }

    /// The person form: a new person of `org`, or the person `id` as the store has them.
    pub(super) fn person_form(&mut self, id: Option<i64>, org: Option<i64>) {
        let s = self.s;
        let (f, org_name, row) = match id {
            Some(id) => match self.store.person_fields(id) {
                Ok((f, org_name, version)) => (f, org_name, Some((id, version))),
                Err(e) => {
                    self.report::<()>(Err(e));
                    return;
                }
            },
            None => {
                let name = org.and_then(|o| self.store.school_fields(o).ok()).map(|(f, _)| f.name).unwrap_or_default();
                (crate::store::PersonFields { org, ..Default::default() }, name, None)
            }
        };
        let title = if row.is_some() { format!("{}: {}", s.ps_form, f.full_name) } else { s.ps_new.to_string() };
        let form = FieldsForm::new(
            Purpose::Person { id: row, org: f.org.map(|o| (o, org_name.clone())) },
            title,
            vec![
                (s.ps_name, 1, f.full_name),
                (s.ps_role, 1, f.role),
                (s.ps_org, 1, org_name),
                (s.col_subject, 1, f.subjects),
                ("e-mail", 1, f.email),
                (s.sc_phone, 1, f.phone),
            ],
        );
        self.open_fields(form);
    }

    /// `s` in Clusters: the selected school's status for the year, its risk level and the
    /// order it rests on.
    pub(super) fn edit_cluster_status(&mut self) {
        let s = self.s;
        let Some(ItemRef::Cluster(org)) = self.selected_item() else { return };
        let Some(c) = self.data.clusters.iter().find(|c| c.org_id == org).cloned() else { return };
        let (row, f) = match self.store.cluster_status_row(org, self.year, &c.status) {
            Ok(Some((id, f, version))) => (Some((id, version)), f),
            Ok(None) => (None, crate::store::StatusFields::default()),
            Err(e) => {
                self.report::<()>(Err(e));
                return;
            }
        };
        let status_label = format!("{} {}", s.sc_status, self.year.label());
        let form = FieldsForm::new(
            Purpose::ClusterStatus { org, row },
            format!("{}: {}", s.cs_form, c.school),
            vec![(status_label.as_str(), 1, f.status), (s.col_risk, 1, f.risk_level), (s.cs_basis, 1, f.note)],
        );
        self.open_fields(form);
    }

    /// `n` in the Deficits pane: what is new depends on the row.
    pub(super) fn new_in_deficits(&mut self) {
        let s = self.s;
        match self.selected_item() {
            Some(ItemRef::Indicator(i)) => self.value_form(i, false),
            Some(ItemRef::Risk(i)) => {
                let r = &self.data.risks[i];
                let org = r.org;
                let taken: Vec<String> =
                    self.data.risks.iter().filter(|x| x.org == org).map(|x| crate::text::fold(&x.direction)).collect();
                let options: Vec<String> =
                    self.risk_directions.iter().filter(|d| !taken.contains(&crate::text::fold(d))).cloned().collect();
                if options.is_empty() {
                    self.message = Some(Message { text: s.rk_all_verified.to_string(), error: false });
                    return;
                }
                let title = format!("{}: {}", s.rk_verify, crate::text::truncate(&r.school, 40));
                self.overlays.push(Overlay::StatusPicker {
                    target: StatusTarget::Direction { org },
                    title,
                    options,
                    selected: 0,
                });
            }
            Some(ItemRef::Diagnostic(i)) => {
                let g = &self.data.diagnostics[i];
                let form = FieldsForm::new(
                    Purpose::Diagnostic { org: g.org, district: g.district_id },
                    format!("{}: {}", s.dg_form, g.owner),
                    vec![
                        (s.dg_round, 1, String::new()),
                        (s.dg_teachers_f, 1, String::new()),
                        (s.dg_diagnosed_f, 1, String::new()),
                        (s.dg_with_programme_f, 1, String::new()),
                        (s.dg_trained_f, 1, String::new()),
                        (s.dg_courses_f, 3, String::new()),
                        (s.dg_deficits_f, 3, String::new()),
                        (s.dg_vacancies_f, 2, String::new()),
                    ],
                );
                self.open_fields(form);
            }
            _ => {
                self.message = Some(Message { text: s.dfc_new_hint.to_string(), error: false });
            }
        }
    }

    pub(super) fn verify_direction(&mut self, org: i64, choice: usize) {
        // The picker is closed by now: its options are made again, the same way.
        let taken: Vec<String> =
            self.data.risks.iter().filter(|x| x.org == org).map(|x| crate::text::fold(&x.direction)).collect();
        let options: Vec<String> =
            self.risk_directions.iter().filter(|d| !taken.contains(&crate::text::fold(d))).cloned().collect();
        let Some(direction) = options.get(choice) else { return };
        let r = self.store.verify_risk(org, self.year, direction);
        if self.report(r).is_some() {
            self.after_write(self.s.rk_verified);
        }
    }

    /// Opens a form, with this user's draft of the same new thing when Esc left one.
    pub(super) fn open_fields(&mut self, mut form: FieldsForm) {
        if let Some(kind) = form.draft_kind() {
            let draft: Option<Vec<String>> = self.restore_draft(&kind);
            if let Some(texts) = draft.filter(|d| d.len() == form.fields.len()) {
                for ((_, _, area_of), text) in form.fields.iter_mut().zip(texts) {
                    *area_of = area(&text);
                }
                form.touched = true;
            }
        }
        self.overlays.push(Overlay::Fields(Box::new(form)));
    }

    pub(super) fn fields_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Fields(form)) = self.overlays.last_mut() else { return };
        let ctrl = ev.modifiers.contains(crossterm::event::KeyModifiers::CONTROL);
        if ctrl && matches!(ev.code, crossterm::event::KeyCode::Char('d' | 'в')) {
            let kind = form.draft_kind();
            self.overlays.pop();
            if let Some(kind) = kind {
                self.discard_draft(&kind);
                self.message = Some(Message { text: self.s.draft_discarded.to_string(), error: false });
            }
            return;
        }
        let (n, multi) = (form.fields.len(), form.fields[form.focus].1 > 1);
        match super::form_key(&ev, &mut form.focus, n, multi) {
            super::FormKey::Close => {
                let kept = form.draft_kind().filter(|_| form.touched).map(|k| (k, form.texts()));
                self.overlays.pop();
                if let Some((kind, texts)) = kept {
                    self.keep_draft(&kind, &texts);
                    self.message = Some(Message { text: self.s.draft_kept.to_string(), error: false });
                }
            }
            super::FormKey::Save => self.save_fields(),
            super::FormKey::Moved => {}
            super::FormKey::Type => {
                let f = form.focus;
                form.errors.retain(|(i, _)| *i != f);
                form.touched |= form.fields[f].2.input(ev);
            }
        }
    }

    fn save_fields(&mut self) {
        let s = self.s;
        let year = self.year;
        let Some(Overlay::Fields(form)) = self.overlays.last() else { return };
        let purpose = form.purpose.clone();
        if purpose == Purpose::Report {
            let text = [form.text(0), form.text(1), form.text(2), form.text(3), form.text(4)];
            match self.write_report_form(text) {
                Ok(path) => {
                    self.overlays.pop();
                    // The closing part may have been written to the store: the history shows it.
                    self.reload();
                    self.message = Some(Message { text: format!("{path} {}", s.doc_written), error: false });
                }
                Err(errors) => {
                    if let Some(Overlay::Fields(form)) = self.overlays.last_mut() {
                        form.focus = errors.first().map_or(0, |e| e.0);
                        form.errors = errors;
                    }
                }
            }
            return;
        }
        let mut errors: Vec<(usize, String)> = Vec::new();
        let result = match purpose {
            Purpose::Risk { id, version } => {
                let deadline = form.text(3);
                let parsed = parse_date(&deadline);
                if !deadline.is_empty() && parsed.is_none() {
                    errors.push((3, crate::text::date_error(&deadline, s).to_string()));
                }
                let f = RiskFields {
                    goal: form.text(0),
                    measures: form.text(1),
                    responsible: form.text(2),
                    deadline: parsed,
                    progress: form.text(4),
                };
                errors.is_empty().then(|| self.store.update_risk(id, &f, Some(version)).map(|_| s.rk_saved))
            }
            Purpose::Value { indicator, kind, org, value: existing } => {
                let school = form.text(0);
                let org = if school.is_empty() {
                    None
                } else {
                    match self.store.org_named(&school) {
                        Ok(Some(o)) => Some(o),
                        Ok(None) if org.is_some() => org,
                        _ => {
                            errors.push((0, s.val_no_school.to_string()));
                            None
                        }
                    }
                };
                let bad = |i: usize, b: Bad, errors: &mut Vec<(usize, String)>| errors.push((i, b.text(s).to_string()));
                let part = read_count(&form.text(3)).unwrap_or_else(|b| {
                    bad(3, b, &mut errors);
                    None
                });
                let whole = read_count(&form.text(4)).unwrap_or_else(|b| {
                    bad(4, b, &mut errors);
                    None
                });
                if let Err(b) = check_part(part, whole) {
                    bad(3, b, &mut errors);
                }
                let mut value = form.text(2);
                if value.is_empty() {
                    match (part, whole, kind) {
                        (Some(p), Some(w), Kind::Share) if w > 0.0 => {
                            value = crate::text::format_number(((p / w * 1000.0).round()) / 10.0)
                        }
                        (Some(p), _, Kind::Count) => value = crate::text::format_number(p),
                        _ => errors.push((2, s.err_required.to_string())),
                    }
                } else {
                    match read_value(kind, &value) {
                        Err(b) => bad(2, b, &mut errors),
                        Ok(v) if kind == Kind::Share => {
                            if let Err(b) = crate::deficits::check_share(v, part, whole) {
                                let given = crate::text::format_number(
                                    (part.unwrap_or(0.0) / whole.unwrap_or(1.0) * 1000.0).round() / 10.0,
                                );
                                errors.push((2, format!("{} {given} %", b.text(s))));
                            }
                        }
                        Ok(_) => {}
                    }
                }
                let date_text = form.text(5);
                let date = parse_date(&date_text);
                if !date_text.is_empty() && date.is_none() {
                    errors.push((5, crate::text::date_error(&date_text, s).to_string()));
                } else if let Err(b) = check_date(date, year) {
                    errors.push((5, format!("{} {}", b.text(s), year.label())));
                }
                let v = NewValue { org, year, period: form.text(1), value, part, whole, measured_on: date };
                errors.is_empty().then(|| match existing {
                    Some((id, version)) => self.store.update_value(id, &v, Some(version)).map(|changed| {
                        if changed {
                            s.val_corrected
                        } else {
                            s.sc_unchanged
                        }
                    }),
                    None => self.store.record_value(indicator, &v).map(|_| s.val_saved),
                })
            }
            Purpose::Diagnostic { org, district } => {
                let mut nums = [None; 4];
                let mut percent = false;
                for (k, slot) in nums.iter_mut().enumerate() {
                    let t = form.text(k + 1);
                    percent |= t.ends_with('%');
                    let r = if t.ends_with('%') { read_value(Kind::Share, &t).map(Some) } else { read_count(&t) };
                    match r {
                        Ok(v) => *slot = v,
                        Err(b) => errors.push((k + 1, b.text(s).to_string())),
                    }
                }
                let [mut teachers, diagnosed, with_programme, trained] = nums;
                if percent {
                    teachers = Some(100.0);
                }
                for (i, part) in [(2, diagnosed), (3, with_programme), (4, trained)] {
                    if let Err(b) = check_part(part, teachers) {
                        errors.push((i, b.text(s).to_string()));
                    }
                }
                if form.text(0).is_empty() {
                    errors.push((0, s.err_required.to_string()));
                }
                let mut all = Vec::new();
                for (i, kind) in [(5, "course"), (6, "deficit"), (7, "vacancy")] {
                    match items(kind, &form.text(i)) {
                        Ok(mut v) => all.append(&mut v),
                        Err(b) => errors.push((i, b.text(s).to_string())),
                    }
                }
                let d = NewDiagnostic {
                    org,
                    district,
                    year,
                    round: form.text(0),
                    teachers,
                    diagnosed,
                    with_programme,
                    trained,
                    in_percent: percent,
                    items: all,
                };
                errors.is_empty().then(|| self.store.record_diagnostic(&d).map(|_| s.dg_saved))
            }
            Purpose::School => {
                let n = crate::store::NewSchool {
                    name: form.text(0),
                    short_name: form.text(1),
                    school_type: form.text(2),
                    district: form.text(3),
                    town: form.text(4),
                    status: form.text(5),
                    risk_level: form.text(6),
                    year: Some(year),
                };
                if n.name.is_empty() {
                    errors.push((0, s.err_required.to_string()));
                }
                if n.status.is_empty() && !n.risk_level.is_empty() {
                    errors.push((5, s.sc_status_needed.to_string()));
                }
                let listed = !n.status.is_empty();
                match errors.is_empty().then(|| self.store.add_school(&n)) {
                    Some(Err(crate::store::StoreError::Duplicate)) => {
                        errors.push((0, s.sc_duplicate.to_string()));
                        None
                    }
                    other => other.map(|r| r.map(|_| if listed { s.sc_saved } else { s.sc_saved_unlisted })),
                }
            }
            Purpose::Person { id, org } => {
                let org_text = form.text(2);
                let org_id = match org {
                    Some((o, name)) if *name == org_text => Some(o),
                    _ if org_text.is_empty() => None,
                    _ => match self.store.resolve_schools(std::slice::from_ref(&org_text)) {
                        Ok(Ok(ids)) => ids.first().copied(),
                        _ => {
                            errors.push((2, format!("{} «{org_text}»", s.imp_no_org)));
                            None
                        }
                    },
                };
                let f = crate::store::PersonFields {
                    full_name: form.text(0),
                    role: form.text(1),
                    org: org_id,
                    subjects: form.text(3),
                    email: form.text(4),
                    phone: form.text(5),
                };
                if f.full_name.is_empty() {
                    errors.push((0, s.err_required.to_string()));
                }
                if !f.email.is_empty() && !crate::import::valid_email(&f.email) {
                    errors.push((4, s.imp_bad_email.to_string()));
                }
                let saved = errors.is_empty().then(|| self.store.save_person(id.map(|r| r.0), &f, id.map(|r| r.1)));
                match saved {
                    Some(Err(crate::store::StoreError::Duplicate)) => {
                        errors.push((0, s.ps_duplicate.to_string()));
                        None
                    }
                    other => other.map(|r| {
                        r.map(|changed| match (id.is_some(), changed) {
                            (false, _) => s.ps_added,
                            (true, true) => s.ps_saved,
                            (true, false) => s.sc_unchanged,
                        })
                    }),
                }
            }
            Purpose::ClusterStatus { org, row } => {
                let f =
                    crate::store::StatusFields { status: form.text(0), risk_level: form.text(1), note: form.text(2) };
                if f.status.is_empty() {
                    errors.push((0, s.err_required.to_string()));
                }
                let saved = errors
                    .is_empty()
                    .then(|| self.store.set_cluster_status(org, year, row.map(|r| r.0), &f, row.map(|r| r.1)));
                match saved {
                    Some(Err(crate::store::StoreError::Duplicate)) => {
                        errors.push((0, s.cs_duplicate.to_string()));
                        None
                    }
                    other => other.map(|r| r.map(|changed| if changed { s.cs_saved } else { s.sc_unchanged })),
                }
            }
            Purpose::Meeting { id, version } => {
                let date_text = form.text(2);
                let date = parse_date(&date_text);
                if !date_text.is_empty() && date.is_none() {
                    errors.push((2, crate::text::date_error(&date_text, s).to_string()));
                }
                if form.text(1).is_empty() {
                    errors.push((1, s.err_required.to_string()));
                }
                let connections = match form.text(9).trim() {
                    "" => None,
                    n => n.parse::<u32>().ok().or_else(|| {
                        errors.push((9, s.err_whole.to_string()));
                        None
                    }),
                };
                let f = crate::store::MeetingFields {
                    number: form.text(0),
                    title: form.text(1),
                    date,
                    time: form.text(3),
                    format: form.text(4),
                    link: form.text(5),
                    place: form.text(6),
                    facts: crate::domain::ProtocolFacts {
                        audience: form.text(7),
                        moderators: form.text(8),
                        connections,
                        appendices: form.text(12),
                        signed: form.text(13),
                        note: form.text(14),
                    },
                    agenda: form.text(10).lines().map(str::to_string).collect(),
                    participants: form.text(11).lines().map(str::to_string).collect(),
                };
                errors.is_empty().then(|| {
                    self.store.update_meeting(id, &f, Some(version)).map(|changed| {
                        if changed {
                            s.min_corrected
                        } else {
                            s.sc_unchanged
                        }
                    })
                })
            }
            Purpose::Decision { id, version } => {
                let text = form.text(0);
                if text.is_empty() {
                    errors.push((0, s.err_required.to_string()));
                }
                let deadline = form.text(1);
                let when = match crate::period::parse_when(&deadline) {
                    Some(w) => w,
                    None if deadline.is_empty() => crate::domain::When::default(),
                    None => {
                        errors.push((1, crate::text::date_error(&deadline, s).to_string()));
                        crate::domain::When::default()
                    }
                };
                let responsible = form.text(2);
                errors.is_empty().then(|| {
                    self.store.update_decision(id, &text, &when, &responsible, Some(version)).map(|changed| {
                        if changed {
                            s.dc_saved
                        } else {
                            s.sc_unchanged
                        }
                    })
                })
            }
            Purpose::Network { id } => {
                let text = [form.text(0), form.text(1), form.text(2), form.text(3)];
                self.save_network_form(text, id, &mut errors)
            }
            Purpose::Report => return,
            Purpose::Mark { entity, id } => {
                let text = [form.text(0), form.text(1), form.text(2)];
                self.save_mark_form(entity, id, text, &mut errors)
            }
            Purpose::Group { id } => {
                let text = [
                    form.text(0),
                    form.text(1),
                    form.text(2),
                    form.text(3),
                    form.text(4),
                    form.text(5),
                    form.text(6),
                    form.text(7),
                ];
                self.save_group_form(text, id, &mut errors)
            }
            Purpose::ReportDoc { id } => {
                let text = [form.text(0), form.text(1), form.text(2), form.text(3), form.text(4)];
                self.save_report_doc_form(text, id, &mut errors)
            }
            Purpose::Recommendation { report } => {
                let text = [form.text(0), form.text(1), form.text(2)];
                self.save_recommendation_form(text, report, &mut errors)
            }
            Purpose::Programme { id } => {
                let text = [form.text(0), form.text(1), form.text(2), form.text(3), form.text(4), form.text(5)];
                self.save_programme_form(text, id, &mut errors)
            }
            Purpose::Task { programme, id } => {
                let text =
                    [form.text(0), form.text(1), form.text(2), form.text(3), form.text(4), form.text(5), form.text(6)];
                self.save_task_form(text, programme, id, &mut errors)
            }
            Purpose::Order(opened) => {
                let opened = (*opened).clone();
                let text =
                    [form.text(0), form.text(1), form.text(2), form.text(3), form.text(4), form.text(5), form.text(6)];
                self.save_order_form(text, &opened, &mut errors)
            }
            Purpose::EditSchool { id, version } => {
                let f = crate::store::SchoolFields {
                    name: form.text(0),
                    short_name: form.text(1),
                    school_type: form.text(2),
                    district: form.text(3),
                    town: form.text(4),
                    inn: form.text(5).chars().filter(|c| !c.is_whitespace()).collect(),
                    ogrn: form.text(6).chars().filter(|c| !c.is_whitespace()).collect(),
                    address: form.text(7),
                    phone: form.text(8),
                    email: form.text(9),
                    director: form.text(10),
                };
                if f.name.is_empty() {
                    errors.push((0, s.err_required.to_string()));
                }
                if !f.inn.is_empty() && !crate::import::valid_inn(&f.inn) {
                    errors.push((5, s.imp_bad_inn.to_string()));
                }
                if !f.ogrn.is_empty() && !crate::import::valid_ogrn(&f.ogrn) {
                    errors.push((6, s.imp_bad_ogrn.to_string()));
                }
                if !f.email.is_empty() && !crate::import::valid_email(&f.email) {
                    errors.push((9, s.imp_bad_email.to_string()));
                }
                match self.store.school_twin(Some(id), &f) {
                    Ok(Some((true, other))) => errors.push((5, format!("{} «{other}»", s.sc_twin_inn))),
                    Ok(Some((false, other))) => errors.push((0, format!("{} «{other}»", s.sc_twin_name))),
                    _ => {}
                }
                errors.is_empty().then(|| {
                    self.store.update_school(id, &f, Some(version)).map(|changed| {
                        if changed {
                            s.sc_edited
                        } else {
                            s.sc_unchanged
                        }
                    })
                })
            }
        };
        match result {
            None => {
                if let Some(Overlay::Fields(form)) = self.overlays.last_mut() {
                    form.focus = errors[0].0;
                    form.errors = errors;
                }
            }
            Some(r) => {
                if let Some(done) = self.report(r) {
                    if let Some(Overlay::Fields(form)) = self.overlays.pop() {
                        if let Some(kind) = form.draft_kind().filter(|_| form.touched) {
                            self.discard_draft(&kind);
                        }
                    }
                    self.after_write(done);
                }
            }
        }
    }
}

impl App {
    /// The value form of indicator row `i`: a new value (`n`), or the row's own value to
    /// correct (`e`), its fields as they were entered.
    pub(super) fn value_form(&mut self, i: usize, correct: bool) {
        let s = self.s;
        let Some(ind) = self.data.indicators.get(i).cloned() else { return };
        let kind = ind.kind;
        let hint = match kind {
            Kind::Share => s.val_share_hint,
            Kind::Count => s.val_count_hint,
            Kind::YesNo => s.val_yes_no_hint,
        };
        let school = ind.org.map(|_| ind.owner.clone()).unwrap_or_default();
        let num = |x: Option<f64>| x.map(crate::text::format_number).unwrap_or_default();
        let (existing, texts) = match ind.value_id.filter(|_| correct) {
            Some(v) => {
                let Some((f, version)) = self.report(self.store.value_fields(v)) else { return };
                let day = f.measured_on.map(format_date).unwrap_or_default();
                (Some((v, version)), [school, f.period, f.value, num(f.part), num(f.whole), day])
            }
            None if correct => {
                self.message = Some(Message { text: s.val_none_to_correct.to_string(), error: false });
                return;
            }
            None => (None, [school, ind.period.clone(), String::new(), String::new(), String::new(), String::new()]),
        };
        let title = if existing.is_some() { s.val_correct_form } else { s.val_form };
        let [a, b, c, d, e, g] = texts;
        let form = FieldsForm::new(
            Purpose::Value { indicator: ind.id, kind, org: ind.org, value: existing },
            format!("{title}: {} ({hint})", ind.name),
            vec![
                (s.val_school, 1, a),
                (s.col_period, 1, b),
                (s.val_value, 1, c),
                (s.val_part, 1, d),
                (s.val_whole, 1, e),
                (s.val_date, 1, g),
            ],
        );
        self.open_fields(form);
    }

    /// `m` on a decision: its protocol's heading and agenda, to correct.
    pub(super) fn edit_meeting_of(&mut self, i: usize) {
        let s = self.s;
        let Some(x) = self.data.decisions.get(i).cloned() else { return };
        let Some(meeting) = self.report(self.store.meeting_of_decision(x.id)) else { return };
        // A report's recommendation: the report's own form, not a meeting's.
        if x.of_report {
            self.report_doc_form_by_id(meeting);
            return;
        }
        let Some((f, version)) = self.report(self.store.meeting_fields(meeting)) else { return };
        let form = FieldsForm::new(
            Purpose::Meeting { id: meeting, version },
            format!("{}: {}", s.min_correct_form, f.title),
            vec![
                (s.col_number, 1, f.number),
                (s.min_title, 1, f.title),
                (s.doc_date, 1, f.date.map(format_date).unwrap_or_default()),
                (s.doc_time, 1, f.time),
                (s.doc_format, 1, f.format),
                (s.min_link, 1, f.link),
                (s.min_place, 1, f.place),
                (s.doc_audience, 1, f.facts.audience),
                (s.doc_moderators, 1, f.facts.moderators),
                (s.form_connections, 1, f.facts.connections.map(|n| n.to_string()).unwrap_or_default()),
                (s.doc_agenda, 5, f.agenda.join("\n")),
                (s.col_participants, 4, f.participants.join("\n")),
                (s.doc_appendices, 2, f.facts.appendices),
                (s.doc_signed, 1, f.facts.signed),
                (s.col_note, 2, f.facts.note),
            ],
        );
        self.open_fields(form);
    }

    /// `e` on a decision in the Roadmap: its text, deadline and responsible, corrected.
    pub(super) fn edit_decision(&mut self, i: usize) {
        let s = self.s;
        let Some(x) = self.data.decisions.get(i).cloned() else { return };
        let form = FieldsForm::new(
            Purpose::Decision { id: x.id, version: x.stamp.version },
            format!("{}: {} № {}", s.col_decision, x.meeting, x.number),
            vec![
                (s.col_decision, 4, x.text.clone()),
                (s.col_deadline, 1, x.deadline.display()),
                (s.col_responsible, 2, x.responsible.clone()),
            ],
        );
        self.open_fields(form);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_lines_read_a_label_and_a_count_or_a_share() {
        let v = items("course", "функциональная грамотность: 12\nобновлённые ФГОС 35 %\nфизика").unwrap();
        assert_eq!(
            v.iter().map(|i| (i.label.as_str(), i.count, i.in_percent)).collect::<Vec<_>>(),
            vec![
                ("функциональная грамотность", Some(12.0), false),
                ("обновлённые ФГОС", Some(35.0), true),
                ("физика", None, false)
            ]
        );
        assert_eq!(items("course", "ОВЗ: -2"), Err(Bad::Negative));
        assert_eq!(items("course", "ОВЗ: 120 %"), Err(Bad::ShareOver100));
    }
}
