//! The Deficits pane's pictures (`v`): what they show follows the selected row — the school it
//! is about, or its district.

use super::rows::ItemRef;
use super::{App, Pane};
use ratatui::layout::Rect;

/// The rows of the Roadmap's strip of counts: the year's bar, the months' sparkline (two
/// rows) and their names.
pub const SUMMARY_HEIGHT: u16 = 4;

/// Points of an indicator's dynamics: where ("2021-2022 · август 2022") and the value.
pub type Series = Vec<(String, Option<f64>)>;

#[derive(Clone, Debug, Default)]
pub struct Pictures {
    pub on: bool,
    /// The school the pictures are of, or `None` for the whole district.
    pub org: Option<i64>,
    pub district: Option<i64>,
    pub title: String,
    /// The indicator whose dynamics are drawn, and its values across rounds and years.
    pub dynamics: Option<(String, Series)>,
}

impl App {
    pub fn pictures_on(&self) -> bool {
        self.pane == Pane::Deficits && self.pictures.on
    }

    /// Where the list is drawn: the whole body, or its upper part under the pictures.
    pub fn list_body(&self) -> Rect {
        let body = super::areas(self.size).body;
        if self.pictures_on() {
            Rect { height: (body.height * 2 / 5).max(6).min(body.height), ..body }
        } else if self.summary_on() {
            Rect { height: body.height - SUMMARY_HEIGHT, ..body }
        } else {
            body
        }
    }

    /// The Roadmap's strip of counts under the list: on a screen of 30 rows or more.
    pub fn summary_on(&self) -> bool {
        self.pane == Pane::Roadmap && !self.timeline_on() && self.size.height >= 30
    }

    pub(super) fn toggle_pictures(&mut self) {
        self.pictures.on = !self.pictures.on;
        self.refresh_pictures();
    }

    /// The scope and the dynamics for the selected row; the store is read here, not per frame.
    pub(super) fn refresh_pictures(&mut self) {
        if !self.pictures_on() {
            return;
        }
        let d = &self.data;
        let (org, district, indicator) = match self.selected_item() {
            Some(ItemRef::Risk(i)) => (Some(d.risks[i].org), d.risks[i].district_id, None),
            Some(ItemRef::Indicator(i)) => (d.indicators[i].org, d.indicators[i].district_id, Some(i)),
            Some(ItemRef::Diagnostic(i)) => (d.diagnostics[i].org, d.diagnostics[i].district_id, None),
            Some(ItemRef::Attention(i)) => {
                let org = d.attention[i].org();
                let district = org
                    .and_then(|o| d.risks.iter().find(|r| r.org == o).and_then(|r| r.district_id))
                    .or_else(|| d.indicators.first().and_then(|x| x.district_id));
                (org, district, None)
            }
            _ => (None, d.indicators.first().and_then(|x| x.district_id), None),
        };
        let district = district
            .or_else(|| org.and_then(|o| d.indicators.iter().find(|x| x.org == Some(o)).and_then(|x| x.district_id)));
        let title = match org {
            Some(o) => d
                .risks
                .iter()
                .find(|r| r.org == o)
                .map(|r| r.school.clone())
                .or_else(|| d.indicators.iter().find(|x| x.org == Some(o)).map(|x| x.owner.clone()))
                .or_else(|| d.diagnostics.iter().find(|x| x.org == Some(o)).map(|x| x.owner.clone()))
                .unwrap_or_default(),
            None => d
                .indicators
                .iter()
                .find(|x| x.org.is_none() && x.district_id == district)
                .map(|x| x.owner.clone())
                .or_else(|| d.risks.iter().find(|r| r.district_id == district).map(|r| r.district.clone()))
                .unwrap_or_default(),
        };
        // The selected indicator's dynamics, or the first in scope measured more than once.
        let in_scope: Vec<usize> = match indicator {
            Some(i) => vec![i],
            None => (0..d.indicators.len())
                .filter(|&i| d.indicators[i].org == org && (org.is_some() || d.indicators[i].district_id == district))
                .collect(),
        };
        let mut dynamics = None;
        for i in in_scope {
            let ind = &self.data.indicators[i];
            let Ok(history) = self.store.indicator_history(ind.id, ind.org) else { continue };
            if history.len() >= 2 || indicator.is_some() {
                let points = history
                    .into_iter()
                    .map(|(y, period, v)| {
                        (if period == y.label() { period } else { format!("{} · {period}", y.label()) }, v)
                    })
                    .collect();
                dynamics = Some((ind.name.clone(), points));
                break;
            }
        }
        self.pictures = Pictures { on: true, org, district, title, dynamics };
    }
}
