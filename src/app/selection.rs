//! Which pane is open and which row is selected: moving, scrolling, the mouse, the window's
//! size.

use super::rows::{ItemRef, ViewRow};
use super::{areas, tab_labels, App, Pane, PaneView};
use crate::keys::Action;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

impl App {
    /// A row's identity that survives a reload: its kind and the id of what it shows.
    pub(super) fn key_of(&self, item: ItemRef) -> (u8, i64) {
        let d = &self.data;
        match item {
            ItemRef::Cluster(org) => (0, org),
            ItemRef::Link(i) => (1, d.links.get(i).map_or(-1, |x| x.id)),
            ItemRef::Event(i) => (2, d.events.get(i).map_or(-1, |x| x.id)),
            ItemRef::Decision(i) => (3, d.decisions.get(i).map_or(-1, |x| x.id)),
            ItemRef::Risk(i) => (4, i as i64),
            ItemRef::Indicator(i) => (5, i as i64),
            ItemRef::Agreement(i) => (6, d.agreements.get(i).map_or(-1, |x| x.id)),
            ItemRef::Uncovered(i) => (7, d.uncovered.get(i).map_or(-1, |x| x.0.org)),
            ItemRef::Attention(i) => (8, i as i64),
            ItemRef::Diagnostic(i) => (9, d.diagnostics.get(i).map_or(-1, |x| x.id)),
            ItemRef::Change(i) => (10, i as i64),
            ItemRef::Network(i) => (11, d.networks.get(i).map_or(-1, |x| x.id)),
            ItemRef::Group(i) => (22, d.groups.get(i).map_or(-1, |x| x.id)),
            ItemRef::Order(i) => (17, d.orders.get(i).map_or(-1, order_identity)),
            ItemRef::Programme(i) => (18, d.programmes.get(i).map_or(-1, |x| x.id)),
            ItemRef::ReportDoc(i) => (21, d.report_docs.get(i).map_or(-1, |x| x.id)),
            ItemRef::Task(i, j) => (19, d.programmes.get(i).and_then(|p| p.tasks.get(j)).map_or(-1, |x| x.id)),
            ItemRef::Agenda(i) => match d.agenda.items.get(i).map(|x| x.source) {
                Some(crate::agenda::Source::Event(id)) => (12, id),
                Some(crate::agenda::Source::Decision(id)) => (13, id),
                Some(crate::agenda::Source::Risk(id)) => (14, id),
                Some(crate::agenda::Source::Indicator(id, org)) => (15, id * 1_000_000 + org.unwrap_or(0)),
                Some(crate::agenda::Source::Agreement(id)) => (16, id),
                Some(crate::agenda::Source::Task(id)) => (20, id),
                None => (12, -1),
            },
        }
    }

    /// The identity of a pane's selected row, to find it again after its rows are rebuilt.
    pub(super) fn selected_key(&self, pane: Pane) -> Option<(u8, i64)> {
        let v = &self.views[pane.index()];
        v.rows.get(v.selected).and_then(|r| r.item).map(|i| self.key_of(i))
    }

    pub fn view(&self) -> &PaneView {
        &self.views[self.pane.index()]
    }

    pub fn selected_item(&self) -> Option<ItemRef> {
        let v = self.view();
        v.rows.get(v.selected).and_then(|r| r.item)
    }

    /// Rows of the list that fit on screen (the table's header line excluded).
    pub fn list_height(&self) -> usize {
        self.list_body().height.saturating_sub(3) as usize
    }

    pub(super) fn scroll_into_view(&mut self, pane: Pane) {
        let h = self.list_height().max(1);
        let v = &mut self.views[pane.index()];
        if v.selected < v.offset {
            v.offset = v.selected;
        } else if v.selected >= v.offset + h {
            v.offset = v.selected + 1 - h;
        }
        // A header directly above the first visible item stays visible.
        if v.offset > 0 && v.offset == v.selected && v.rows.get(v.offset - 1).is_some_and(|r| r.item.is_none()) {
            v.offset -= 1;
        }
        v.offset = v.offset.min(v.rows.len().saturating_sub(1));
        if pane == Pane::Deficits {
            self.refresh_pictures();
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let pane = self.pane;
        let v = &mut self.views[pane.index()];
        if v.rows.is_empty() {
            return;
        }
        let dir = if delta < 0 { -1 } else { 1 };
        let mut target = v.selected as isize;
        let mut steps = delta.abs();
        while steps > 0 {
            let next = target + dir;
            if next < 0 || next >= v.rows.len() as isize {
                break;
            }
            target = next;
            if v.rows[target as usize].item.is_some() {
                steps -= 1;
            }
        }
        if v.rows.get(target as usize).is_some_and(|r| r.item.is_some()) {
            v.selected = target as usize;
        }
        self.scroll_into_view(pane);
    }

    pub(super) fn select_edge(&mut self, end: bool) {
        let pane = self.pane;
        let v = &mut self.views[pane.index()];
        v.selected =
            if end { first_item(&v.rows, v.rows.len().saturating_sub(1), -1) } else { first_item(&v.rows, 0, 1) };
        self.scroll_into_view(pane);
    }

    pub fn set_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.filter_input = None;
        if self.unread[pane.index()] {
            if pane == Pane::Agenda {
                self.refresh_agenda();
            } else {
                let r = self.read_pane(pane);
                self.report(r);
            }
        }
    }

    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        self.finish_loading();
        match ev.kind {
            MouseEventKind::ScrollDown if self.overlays.is_empty() => self.move_selection(1),
            MouseEventKind::ScrollUp if self.overlays.is_empty() => self.move_selection(-1),
            MouseEventKind::ScrollDown => self.overlay_action(Action::Down),
            MouseEventKind::ScrollUp => self.overlay_action(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => self.click(ev.column, ev.row),
            _ => {}
        }
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
        if !self.overlays.is_empty() {
            return;
        }
        let a = areas(self.size);
        if y == a.tabs.y {
            let (_, spans, _) = tab_labels(self.s, self.size.width, self.pane);
            if let Some(i) = spans.iter().position(|(l, r)| x >= *l && x < *r) {
                self.set_pane(Pane::ALL[i]);
            }
            return;
        }
        // The table sits inside a border (1 line) under its column header (1 line).
        let first = a.body.y + 2;
        if y >= first && y < a.body.bottom().saturating_sub(1) {
            let pane = self.pane;
            let v = &mut self.views[pane.index()];
            let idx = v.offset + (y - first) as usize;
            if v.rows.get(idx).is_some_and(|r| r.item.is_some()) {
                if v.selected == idx {
                    self.open_selected();
                } else {
                    v.selected = idx;
                }
            }
        }
    }

    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        for pane in Pane::ALL {
            self.scroll_into_view(pane);
        }
    }
}

pub(super) fn first_item(rows: &[ViewRow], from: usize, dir: isize) -> usize {
    let mut i = from as isize;
    while i >= 0 && (i as usize) < rows.len() {
        if rows[i as usize].item.is_some() {
            return i as usize;
        }
        i += dir;
    }
    from.min(rows.len().saturating_sub(1))
}

/// An order's identity across reloads: its district, issuer, number and date.
fn order_identity(o: &crate::orders::OrderRow) -> i64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (o.district_id, o.key()).hash(&mut h);
    (h.finish() >> 1) as i64
}
