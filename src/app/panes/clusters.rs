//! The schools by cluster status, the networks of schools and the groups of people.

use super::{Hints, Layout, PaneSlice, Table};
use crate::app::reading::Wanted;
use crate::app::rows::*;
use crate::app::{App, Confirmed, Message, Overlay};
use crate::domain::*;
use crate::i18n::Strings;
use crate::keys::Action;
use crate::store::{Access, FocusSets, Store, StoreError};
use crate::text::fold;
use crate::text::AcademicYear;
use ratatui::layout::Constraint::{Fill, Length};

pub struct Clusters;

static LAYOUT: Layout = Layout {
    widths: &[Fill(4), Fill(3), Fill(2), Length(22)],
    // school, district, town, risk
    least: &[30, 14, 10, 18],
    give_way: &[2, 1],
    status: None,
    compact_status: false,
};

impl PaneSlice for Clusters {
    fn name(&self) -> &'static str {
        "clusters"
    }
    fn title(&self, s: &Strings) -> &'static str {
        s.tab_clusters
    }
    fn has_status(&self) -> bool {
        true
    }
    fn columns(&self, s: &Strings) -> Vec<&'static str> {
        vec![s.col_school, s.col_district, s.col_town, s.col_risk]
    }
    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }

    fn fetch(&self, store: &Store, w: &Wanted, f: Option<&FocusSets>, d: &mut YearData) -> Result<(), StoreError> {
        let y = w.year;
        d.clusters = store.clusters(y)?;
        d.networks = store.networks(Some(y))?;
        d.groups = store.groups()?;
        super::narrow_to(self, d, f);
        d.clusters.shrink_to_fit();
        Ok(())
    }

    fn take(&self, d: &mut YearData, from: &mut YearData) {
        use std::mem::swap;
        swap(&mut d.clusters, &mut from.clusters);
        swap(&mut d.networks, &mut from.networks);
        swap(&mut d.groups, &mut from.groups);
    }

    fn narrow(&self, d: &mut YearData, f: &FocusSets) {
        d.clusters.retain(|c| f.orgs.contains(&c.org_id));
        d.networks.retain(|n| n.district_id == f.district);
        d.groups.retain(|g| g.district_id.is_none_or(|d| d == f.district));
    }

    fn rows(&self, d: &YearData, s: &Strings, _today: chrono::NaiveDate) -> Vec<ViewRow> {
        let width = self.columns(s).len();
        let mut out = Vec::new();
        let mut last: Option<&str> = None;
        for c in &d.clusters {
            if last != Some(c.status.as_str()) {
                out.push(ViewRow::header(c.status.clone(), width));
                last = Some(&c.status);
            }
            let school = if c.retired { format!("{} ({})", c.school, s.rt_mark) } else { c.school.clone() };
            out.push(ViewRow {
                cells: vec![school, c.district.clone(), c.town.clone(), c.risk_level.clone()].into(),
                item: Some(ItemRef::Cluster(c.org_id)),
                tone: if c.retired { Tone::Muted } else { Tone::Normal },
                facets: None,
            });
        }
        if !d.networks.is_empty() {
            out.push(ViewRow::header(s.sec_networks.to_string(), width));
        }
        for (i, n) in d.networks.iter().enumerate() {
            out.push(ViewRow {
                cells: vec![
                    n.name.clone(),
                    n.district.clone(),
                    n.model.map_or(s.nw_no_model, |m| m.label(s)).to_string(),
                    crate::i18n::count_schools(n.members.len(), s),
                ]
                .into(),
                item: Some(ItemRef::Network(i)),
                tone: Tone::Normal,
                facets: None,
            });
        }
        if !d.groups.is_empty() {
            out.push(ViewRow::header(s.sec_groups.to_string(), width));
        }
        for (i, g) in d.groups.iter().enumerate() {
            let members = if g.members.is_empty() {
                g.composition.lines().next().unwrap_or(s.gr_no_members).to_string()
            } else {
                crate::i18n::plural(g.members.len(), s.forms_member, s)
            };
            out.push(ViewRow {
                cells: Cells::of(&[&g.name, &g.district, &g.kind, &members]),
                item: Some(ItemRef::Group(i)),
                tone: Tone::Normal,
                facets: Some(std::sync::Arc::new([
                    fold(&g.district),
                    String::new(),
                    fold(&g.kind),
                    String::new(),
                    crate::text::fold_join(g.members.iter().map(|m| m.1.as_str())),
                    crate::orders::facet_of(&g.basis),
                ])),
            });
        }
        out
    }

    fn card(&self, app: &mut App, item: ItemRef) -> Option<(String, Vec<DocLine>)> {
        let s = app.s;
        match item {
            ItemRef::Cluster(org) => app.school_card_doc(Some(org)),
            ItemRef::Network(i) => {
                let n = app.data.networks[i].clone();
                let h = app.report(app.store.history("network", n.id))?;
                Some((format!("{}: {}", s.nw_form, n.name), network_doc(&n, &h, s)))
            }
            ItemRef::Group(i) => {
                let g = app.data.groups[i].clone();
                let h = app.report(app.store.history("group", g.id))?;
                Some((format!("{}: {}", s.gr_form, g.name), group_doc(&g, &h, s)))
            }
            _ => None,
        }
    }

    fn act(&self, app: &mut App, action: Action) -> bool {
        match action {
            Action::Merge => app.merge_key(),
            Action::NewPerson => {
                if let Some(ItemRef::Cluster(org)) = app.selected_item() {
                    app.person_form(None, Some(org));
                }
            }
            Action::Retire => app.retire_key(),
            Action::Status => app.edit_cluster_status(),
            Action::New => match app.selected_item() {
                Some(ItemRef::Network(_)) => app.network_form(None),
                Some(ItemRef::Group(_)) => app.group_form(None),
                _ => app.new_school(),
            },
            Action::Edit => match app.selected_item() {
                Some(ItemRef::Network(i)) => app.network_form(Some(i)),
                Some(ItemRef::Group(i)) => app.group_form(Some(i)),
                _ => app.edit_school(),
            },
            Action::NewNetwork => app.network_form(None),
            Action::NewGroup => app.group_form(None),
            Action::Delete => app.ask_remove_programme(),
            _ => return false,
        }
        true
    }

    /// The directory's keys.
    fn owns(&self, action: Action) -> bool {
        matches!(
            action,
            Action::Delete | Action::Merge | Action::NewPerson | Action::Retire | Action::NewNetwork | Action::NewGroup
        )
    }

    /// The same key removes a group of people.
    fn describe(&self, action: Action, s: &Strings) -> Option<&'static str> {
        (action == Action::Delete).then_some(s.act_remove_group)
    }

    fn hints(&self, app: &App, h: &mut Hints) -> bool {
        let s = app.s;
        let k = |a| super::key(app, a);
        if *app.access() != Access::Coordinator {
            return false;
        }
        let on = app.selected_item();
        if matches!(on, Some(ItemRef::Network(_) | ItemRef::Group(_))) {
            h.push((k(Action::Edit), s.hint_edit));
            h.push((k(Action::NewNetwork), s.hint_new_network));
            h.push((k(Action::NewGroup), s.hint_new_group));
            if matches!(on, Some(ItemRef::Group(_))) {
                h.push((k(Action::Delete), s.hint_remove));
            }
        } else {
            h.push((k(Action::New), s.hint_new_school));
            // A district starting: import first; afterwards the room goes to the rest.
            if app.data.store_empty {
                h.push((k(Action::Import), s.hint_import));
            } else {
                h.push((k(Action::Edit), s.hint_edit));
            }
        }
        false
    }

    fn records(&self, store: &Store, year: AcademicYear, s: &Strings) -> Result<Table, StoreError> {
        Ok({
            let mut rows: Vec<Vec<String>> = store
                .clusters(year)?
                .into_iter()
                .map(|c| vec![c.school, c.district, c.town, c.status, c.risk_level, String::new()])
                .collect();
            // The year's networks and the groups of people, after the schools, with their members.
            for n in store.networks(Some(year))? {
                let model = n.model.map_or(s.nw_no_model, |m| m.label(s));
                let members: Vec<&str> = n.members.iter().map(|m| m.1.as_str()).collect();
                rows.push(vec![
                    n.name,
                    n.district,
                    String::new(),
                    format!("{}: {model}", s.sec_networks),
                    String::new(),
                    members.join("; "),
                ]);
            }
            for g in store.groups()? {
                let members: Vec<String> = g
                    .members
                    .iter()
                    .map(|(_, n, r)| if r.is_empty() { n.clone() } else { format!("{n} — {r}") })
                    .collect();
                let members = if members.is_empty() { g.composition.clone() } else { members.join("; ") };
                rows.push(vec![g.name, g.district, String::new(), g.kind, String::new(), members]);
            }
            (vec!["school", "district", "town", "cluster_status", "risk_level", "members"], rows)
        })
    }
}

/// A group's card: its kind, district, basis, composition, members and history.
pub fn group_doc(g: &crate::domain::GroupRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.gr_kind, &g.kind);
    field(&mut out, s.col_district, &g.district);
    field(&mut out, s.col_basis, &g.basis);
    field(&mut out, s.gr_since, &g.since);
    field(&mut out, s.gr_composition, &g.composition);
    field(&mut out, s.col_note, &g.note);
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(format!("{} ({})", s.gr_members, g.members.len())));
    if g.members.is_empty() {
        out.push(DocLine::Text(s.gr_no_members.to_string()));
    }
    for (_, name, role) in &g.members {
        out.push(DocLine::Text(if role.is_empty() { name.clone() } else { format!("{name} — {role}") }));
    }
    history_lines(&mut out, s, history);
    out
}

/// A network's card: its year, district, model, members and history.
pub fn network_doc(n: &crate::store::NetworkRow, history: &[HistoryRow], s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.year_label, &n.year.label());
    field(&mut out, s.col_district, &n.district);
    field(&mut out, s.nw_model, n.model.map_or(s.nw_no_model, |m| m.label(s)));
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(format!("{} ({})", s.nw_members, n.members.len())));
    if n.members.is_empty() {
        out.push(DocLine::Text(s.nw_no_members.to_string()));
    }
    out.extend(n.members.iter().map(|(_, name)| DocLine::Text(name.clone())));
    history_lines(&mut out, s, history);
    out
}

impl App {
    /// `R` on a school: out of the network (kept, dimmed, out of the lookup), or back in.
    pub(in crate::app) fn retire_key(&mut self) {
        let Some(ItemRef::Cluster(org)) = self.selected_item() else { return };
        let Some(c) = self.data.clusters.iter().find(|c| c.org_id == org) else { return };
        let retire = (!c.retired).then_some(self.today);
        let version = self.store.school_fields(org).map(|(_, v)| v).ok();
        let r = self.store.set_org_retired(org, retire, version);
        if self.report(r).is_some() {
            self.index = None;
            let text = if retire.is_some() { self.s.rt_done } else { self.s.rt_back };
            self.after_write(text);
        }
    }

    /// `M` on a school marks it; `M` on another asks whether the marked one goes into it.
    pub(in crate::app) fn merge_key(&mut self) {
        if let Some(ItemRef::Cluster(org)) = self.selected_item() {
            self.merge_entity(crate::lookup::Entity::Org(org));
        }
    }

    /// The first `M` marks a school or person; the second, on another of the same kind, asks
    /// whether the marked one goes into it.
    pub(crate) fn merge_entity(&mut self, e: crate::lookup::Entity) {
        use crate::lookup::Entity;
        let s = self.s;
        let name = |app: &App, e: Entity| app.store.entry(e).map(|x| x.name).unwrap_or_default();
        match self.merge_mark.take() {
            Some((gone, _)) if gone == e => {
                self.message = Some(Message { text: s.mg_cancelled.to_string(), error: false });
            }
            Some((gone, gone_name)) if std::mem::discriminant(&gone) == std::mem::discriminant(&e) => {
                let (title, detail) = match e {
                    Entity::Org(_) => (s.mg_title, s.mg_detail),
                    Entity::Person(_) => (s.mg_person_title, s.mg_person_detail),
                };
                let question = format!("«{gone_name}» {} «{}»: {detail}", s.mg_question, name(self, e));
                let action = Confirmed::Merge { keep: e, gone };
                self.overlays.push(Overlay::Confirm { title, question, action, yes_focused: false });
            }
            _ => {
                let n = name(self, e);
                let key = self.keys.first_key(Action::Merge);
                let marked = match e {
                    Entity::Org(_) => s.mg_marked,
                    Entity::Person(_) => s.mg_person_marked,
                };
                self.message =
                    Some(Message { text: format!("«{n}» {marked} {key} · {}", s.mg_cancel), error: false });
                self.merge_mark = Some((e, n));
            }
        }
    }
}
