//! The district in focus (`f`): the whole region or one district, kept between sessions; and
//! screen-share, which hides the names of people outside it.

use super::{App, Message, Overlay, StatusTarget, FOCUS_DRAFT};

impl App {
    /// The names screen-share keeps (the people of the district in focus) and the categories
    /// it hides, when it is on.
    pub(super) fn read_share_rules(&mut self) {
        if !self.share {
            return;
        }
        let focus = self.focus.as_ref().map(|(d, _)| *d);
        if let Some((keep, hide)) = self.report(self.store.share_words(focus)) {
            let mut hide = hide;
            hide.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            self.share_rules =
                crate::ui::share::ShareRules { keep: keep.iter().map(|n| crate::text::fold(n)).collect(), hide };
        }
    }

    /// `F`: which district is on screen — the whole region, or one district.
    pub(super) fn open_focus(&mut self) {
        let Some(districts) = self.report(self.store.district_list()) else { return };
        let mut options = vec![self.s.focus_all.to_string()];
        options.extend(districts.iter().map(|(_, n)| n.clone()));
        let selected =
            self.focus.as_ref().and_then(|(d, _)| districts.iter().position(|(x, _)| x == d)).map_or(0, |i| i + 1);
        self.overlays.push(Overlay::StatusPicker {
            target: StatusTarget::Focus,
            title: self.s.focus_title.to_string(),
            options,
            selected,
        });
    }

    /// The district chosen in the focus picker (0: the whole region), kept for this user.
    pub(super) fn set_focus(&mut self, choice: usize) {
        let Some(districts) = self.report(self.store.district_list()) else { return };
        self.focus = choice.checked_sub(1).and_then(|i| districts.get(i).cloned());
        match &self.focus {
            Some(f) => {
                let f = f.clone();
                self.keep_draft(FOCUS_DRAFT, &f);
            }
            None => self.discard_draft(FOCUS_DRAFT),
        }
        self.reload();
        let text = match &self.focus {
            Some((_, name)) => format!("{}: {name}", self.s.focus_on),
            None => self.s.focus_off.to_string(),
        };
        self.message = Some(Message { text, error: false });
    }
}
