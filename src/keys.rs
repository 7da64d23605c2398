//! Keys are data: a table of named actions with their default keys, merged key by key with the
//! user's `[keys]` table. The help overlay and the status-bar hints are drawn from this table,
//! so what the screen says is what the keys do.

use crate::domain::EventStatus;
use crate::i18n::Strings;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    NextTab,
    PrevTab,
    Tab(u8),
    Down,
    Up,
    Left,
    Right,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    Filter,
    ClearFilter,
    Status,
    PrevYear,
    NextYear,
    Reload,
    Lookup,
    Copy,
    New,
    Edit,
    End,
    Load,
    SetStatus(crate::domain::EventStatus),
    Undo,
    Redo,
    Timeline,
    ZoomIn,
    ZoomOut,
    Today,
    RowsBySchool,
    Minutes,
    CopyEvent,
    Delete,
    /// An agreement's next lifecycle step (draft → under approval → signed → in force).
    Advance,
    Terminate,
    NewAdditional,
    PlanRow,
    Import,
    Merge,
    NewPerson,
    Retire,
    NewNetwork,
    NewGroup,
    /// Mark a value of the selected record as written in the source, or doubtful.
    Mark,
    /// The district's report on the year, written to a file.
    Report,
    Focus,
    ScreenShare,
}

impl Action {
    /// Whether the action changes the store (or opens a form that would): refused to a viewer
    /// before any form opens, so that a viewer never types into a form nor leaves a draft.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Status
                | Action::New
                | Action::Edit
                | Action::End
                | Action::SetStatus(_)
                | Action::Undo
                | Action::Redo
                | Action::Minutes
                | Action::CopyEvent
                | Action::Delete
                | Action::Advance
                | Action::Terminate
                | Action::NewAdditional
                | Action::PlanRow
                | Action::Import
                | Action::Merge
                | Action::NewPerson
                | Action::Retire
                | Action::NewNetwork
                | Action::NewGroup
                | Action::Mark
        )
    }
}

/// Every action with its config name and its default keys, in the order help lists them.
pub const DEFAULTS: &[(Action, &str, &[&str])] = &[
    (Action::Help, "help", &["?", "F1"]),
    (Action::Quit, "quit", &["q", "C-c"]),
    (Action::NextTab, "next_pane", &["Tab"]),
    (Action::PrevTab, "prev_pane", &["BackTab"]),
    (Action::Tab(1), "pane_1", &["1"]),
    (Action::Tab(2), "pane_2", &["2"]),
    (Action::Tab(3), "pane_3", &["3"]),
    (Action::Tab(4), "pane_4", &["4"]),
    (Action::Tab(5), "pane_5", &["5"]),
    (Action::Tab(6), "pane_6", &["6"]),
    (Action::Tab(7), "pane_7", &["7"]),
    (Action::Down, "down", &["j", "Down"]),
    (Action::Up, "up", &["k", "Up"]),
    (Action::Left, "left", &["h", "Left"]),
    (Action::Right, "right", &["l", "Right"]),
    (Action::Top, "top", &["g", "Home"]),
    (Action::Bottom, "bottom", &["G", "End"]),
    (Action::PageDown, "page_down", &["PageDown", "C-d"]),
    (Action::PageUp, "page_up", &["PageUp", "C-u"]),
    (Action::Open, "open", &["Enter"]),
    (Action::Back, "back", &["Esc"]),
    (Action::Filter, "filter", &["/"]),
    (Action::ClearFilter, "clear_filter", &["x"]),
    (Action::Status, "status", &["s"]),
    (Action::SetStatus(EventStatus::Planned), "status_planned", &["p"]),
    (Action::SetStatus(EventStatus::InProgress), "status_in_progress", &["i"]),
    (Action::SetStatus(EventStatus::Done), "status_done", &["d"]),
    (Action::SetStatus(EventStatus::Postponed), "status_postponed", &["o"]),
    (Action::SetStatus(EventStatus::Cancelled), "status_cancelled", &["c"]),
    (Action::Timeline, "timeline", &["v"]),
    (Action::ZoomIn, "zoom_in", &["+", "="]),
    (Action::ZoomOut, "zoom_out", &["-"]),
    (Action::Today, "today", &["t"]),
    (Action::RowsBySchool, "rows_by_school", &["r"]),
    (Action::Minutes, "minutes", &["m"]),
    (Action::CopyEvent, "copy_event", &["C"]),
    (Action::Delete, "delete_event", &["D"]),
    (Action::Advance, "advance", &["a"]),
    (Action::Terminate, "terminate", &["T"]),
    (Action::NewAdditional, "new_additional", &["A"]),
    (Action::PlanRow, "plan_row", &["P"]),
    (Action::Undo, "undo", &["u"]),
    (Action::Redo, "redo", &["U", "C-r"]),
    (Action::PrevYear, "prev_year", &["["]),
    (Action::NextYear, "next_year", &["]"]),
    (Action::Lookup, "lookup", &["w"]),
    (Action::Focus, "focus", &["F"]),
    (Action::ScreenShare, "screen_share", &["S"]),
    (Action::Import, "import", &["I"]),
    (Action::Merge, "merge", &["M"]),
    (Action::NewPerson, "new_person", &["N"]),
    (Action::NewNetwork, "new_network", &["K"]),
    (Action::NewGroup, "new_group", &["B"]),
    (Action::Mark, "mark", &["!"]),
    (Action::Retire, "retire", &["R"]),
    (Action::Copy, "copy", &["y"]),
    (Action::New, "new_link", &["n"]),
    (Action::Edit, "edit_link", &["e"]),
    (Action::End, "end_link", &["E"]),
    (Action::Load, "load", &["L"]),
    (Action::Report, "report", &["O"]),
    (Action::Reload, "reload", &["F5", "C-l"]),
];

impl Action {
    pub fn describe(self, s: &Strings) -> &'static str {
        match self {
            Action::Quit => s.act_quit,
            Action::Help => s.act_help,
            Action::NextTab => s.act_next_tab,
            Action::PrevTab => s.act_prev_tab,
            Action::Tab(_) => s.act_tab_n,
            Action::Down => s.act_down,
            Action::Up => s.act_up,
            Action::Left => s.act_left,
            Action::Right => s.act_right,
            Action::Top => s.act_top,
            Action::Bottom => s.act_bottom,
            Action::PageDown => s.act_page_down,
            Action::PageUp => s.act_page_up,
            Action::Open => s.act_open,
            Action::Back => s.act_back,
            Action::Filter => s.act_filter,
            Action::ClearFilter => s.act_clear_filter,
            Action::Status => s.act_status,
            Action::PrevYear => s.act_prev_year,
            Action::NextYear => s.act_next_year,
            Action::Reload => s.act_reload,
            Action::Lookup => s.act_lookup,
            Action::Copy => s.act_copy,
            Action::New => s.act_new,
            Action::Edit => s.act_edit,
            Action::End => s.act_end,
            Action::Load => s.act_load,
            Action::Report => s.act_report,
            Action::SetStatus(EventStatus::Planned) => s.act_planned,
            Action::SetStatus(EventStatus::InProgress) => s.act_in_progress,
            Action::SetStatus(EventStatus::Done) => s.act_done,
            Action::SetStatus(EventStatus::Postponed) => s.act_postponed,
            Action::SetStatus(EventStatus::Cancelled) => s.act_cancelled,
            Action::Undo => s.act_undo,
            Action::Timeline => s.act_timeline,
            Action::ZoomIn => s.act_zoom_in,
            Action::ZoomOut => s.act_zoom_out,
            Action::Today => s.act_today,
            Action::RowsBySchool => s.act_rows_by_school,
            Action::Minutes => s.act_minutes,
            Action::CopyEvent => s.act_copy_event,
            Action::Delete => s.act_delete_event,
            Action::Redo => s.act_redo,
            Action::Advance => s.act_advance,
            Action::Terminate => s.act_terminate,
            Action::NewAdditional => s.act_new_additional,
            Action::PlanRow => s.act_plan_row,
            Action::Import => s.act_import,
            Action::Merge => s.act_merge,
            Action::NewPerson => s.act_new_person,
            Action::Retire => s.act_retire,
            Action::NewNetwork => s.act_new_network,
            Action::NewGroup => s.act_new_group,
            Action::Mark => s.act_mark,
            Action::Focus => s.act_focus,
            Action::ScreenShare => s.act_share,
        }
    }
}

/// A key as the key map knows it: a code and whether Ctrl or Alt is held. Shift is part of the
/// character itself ("G"), so it is not kept separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn parse(spec: &str) -> Option<Key> {
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = spec;
        loop {
            if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("A-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" | "S-Tab" => KeyCode::BackTab,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            f if f.starts_with('F') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if ctrl { ch.to_ascii_lowercase() } else { ch })
            }
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }

    fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Key { code, ctrl: ev.modifiers.contains(KeyModifiers::CONTROL), alt: ev.modifiers.contains(KeyModifiers::ALT) }
    }
}

/// The character the same physical key gives on the US layout when the keyboard is on the
/// Russian ЙЦУКЕН layout, so that `й` acts as `q` and `о` as `j`.
pub fn latin_twin(c: char) -> Option<char> {
    const RU: &str = "йцукенгшщзхъфывапролджэячсмитьбюЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮё.,Ё\"№;:";
    const EN: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,.QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>`/?~@#$^";
    RU.chars().position(|r| r == c).and_then(|i| EN.chars().nth(i))
}

#[derive(Clone)]
pub struct KeyMap {
    bindings: HashMap<Key, Action>,
    keys_of: HashMap<Action, Vec<Key>>,
}

impl KeyMap {
    /// The defaults with the user's overrides: an action named in `overrides` gets exactly
    /// the keys given there. Unknown action names and unreadable keys are reported.
    pub fn new(overrides: &HashMap<String, Vec<String>>) -> (KeyMap, Vec<String>) {
        let mut problems = Vec::new();
        for name in overrides.keys() {
            if !DEFAULTS.iter().any(|(_, n, _)| n == name) {
                problems.push(format!("[keys] {name}: no such action"));
            }
        }
        let mut keys_of: HashMap<Action, Vec<Key>> = HashMap::new();
        for (action, name, defaults) in DEFAULTS {
            let specs: Vec<String> = match overrides.get(*name) {
                Some(v) => v.clone(),
                None => defaults.iter().map(|s| s.to_string()).collect(),
            };
            let mut keys = Vec::new();
            for spec in specs {
                match Key::parse(&spec) {
                    Some(k) => keys.push(k),
                    None => problems.push(format!("[keys] {name}: cannot read key \"{spec}\"")),
                }
            }
            keys_of.insert(*action, keys);
        }
        let mut bindings = HashMap::new();
        for (action, _, _) in DEFAULTS {
            for k in &keys_of[action] {
                bindings.entry(*k).or_insert(*action);
            }
        }
        (KeyMap { bindings, keys_of }, problems)
    }

    /// The action of a key press, trying the Russian-layout twin of a letter when the letter
    /// itself is not bound.
    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev);
        if let Some(a) = self.bindings.get(&key) {
            return Some(*a);
        }
        if let KeyCode::Char(c) = key.code {
            let twin = latin_twin(c).or_else(|| latin_twin(c.to_lowercase().next().unwrap_or(c)));
            if let Some(t) = twin {
                let t = if key.ctrl { t.to_ascii_lowercase() } else { t };
                return self.bindings.get(&Key { code: KeyCode::Char(t), ..key }).copied();
            }
        }
        None
    }

    pub fn keys(&self, action: Action) -> String {
        self.keys_of.get(&action).map(|ks| ks.iter().map(Key::label).collect::<Vec<_>>().join(" ")).unwrap_or_default()
    }

    pub fn first_key(&self, action: Action) -> String {
        self.keys_of.get(&action).and_then(|ks| ks.first()).map(Key::label).unwrap_or_default()
    }
}

/// Keys that arrived together (one read from a slow SSH link or tmux), with what the terminal
/// parser split wrongly put back: Esc followed at once by an arrow reaches crossterm as Esc,
/// `[`, `D` (two ESCs are taken as one Esc) and termwiz as Alt+Left. An escape sequence never
/// becomes commands: `[` and `D` here are Esc and ←, and an Alt key that nothing is bound to is
/// Esc and the key.
pub fn mend_escapes(keys: Vec<KeyEvent>, map: &KeyMap) -> Vec<KeyEvent> {
    let plain = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    let ch = |k: Option<&KeyEvent>| match k {
        Some(KeyEvent { code: KeyCode::Char(c), modifiers, .. }) if !modifiers.contains(KeyModifiers::CONTROL) => {
            Some(*c)
        }
        _ => None,
    };
    let mut out = Vec::with_capacity(keys.len());
    let mut i = 0;
    while i < keys.len() {
        let k = keys[i];
        if k.code == KeyCode::Esc && matches!(ch(keys.get(i + 1)), Some('[' | 'O')) {
            // The rest of a CSI or SS3 sequence: parameters, then one final letter or '~'.
            let mut j = i + 2;
            let mut params = String::new();
            while let Some(c) = ch(keys.get(j)).filter(|c| c.is_ascii_digit() || *c == ';') {
                params.push(c);
                j += 1;
            }
            let code = match (ch(keys.get(j)), params.as_str()) {
                (Some('A'), _) => Some(KeyCode::Up),
                (Some('B'), _) => Some(KeyCode::Down),
                (Some('C'), _) => Some(KeyCode::Right),
                (Some('D'), _) => Some(KeyCode::Left),
                (Some('H'), _) | (Some('~'), "1" | "7") => Some(KeyCode::Home),
                (Some('F'), _) | (Some('~'), "4" | "8") => Some(KeyCode::End),
                (Some('~'), "3") => Some(KeyCode::Delete),
                (Some('~'), "5") => Some(KeyCode::PageUp),
                (Some('~'), "6") => Some(KeyCode::PageDown),
                _ => None,
            };
            if let Some(code) = code {
                out.push(plain(KeyCode::Esc));
                out.push(plain(code));
                i = j + 1;
                continue;
            }
        }
        if k.modifiers.contains(KeyModifiers::ALT) && map.action(&k).is_none() {
            out.push(plain(KeyCode::Esc));
            out.push(KeyEvent { modifiers: k.modifiers - KeyModifiers::ALT, ..k });
        } else {
            out.push(k);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn an_escape_sequence_split_by_the_parser_is_mended_never_run_as_commands() {
        let (map, _) = KeyMap::new(&HashMap::new());
        let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
        let esc = key(KeyCode::Esc);
        // crossterm: Esc, then '[' 'D' of the arrow that followed it in the same read.
        assert_eq!(mend_escapes(vec![esc, press('['), press('D')], &map), [esc, key(KeyCode::Left)]);
        assert_eq!(
            mend_escapes(vec![esc, press('['), press('A'), press('j')], &map),
            [esc, key(KeyCode::Up), press('j')]
        );
        assert_eq!(mend_escapes(vec![esc, press('['), press('5'), press('~')], &map), [esc, key(KeyCode::PageUp)]);
        assert_eq!(mend_escapes(vec![esc, press('O'), press('H')], &map), [esc, key(KeyCode::Home)]);
        // termwiz: Alt+Left for the same bytes; Alt+x for Esc then x.
        let alt = |c: KeyCode| KeyEvent::new(c, KeyModifiers::ALT);
        assert_eq!(mend_escapes(vec![alt(KeyCode::Left)], &map), [esc, key(KeyCode::Left)]);
        assert_eq!(mend_escapes(vec![alt(KeyCode::Char('x'))], &map), [esc, press('x')]);
        // Keys typed one by one stay as they are, '[' and 'D' included.
        assert_eq!(mend_escapes(vec![press('['), press('D')], &map), [press('['), press('D')]);
        assert_eq!(mend_escapes(vec![esc, press('['), press('x')], &map), [esc, press('['), press('x')]);
    }

    #[test]
    fn russian_layout_acts_like_latin() {
        let (map, problems) = KeyMap::new(&HashMap::new());
        assert!(problems.is_empty());
        assert_eq!(map.action(&press('й')), Some(Action::Quit));
        assert_eq!(map.action(&press('о')), Some(Action::Down));
        assert_eq!(map.action(&press('л')), Some(Action::Up));
        assert_eq!(map.action(&press('ы')), Some(Action::Status));
        assert_eq!(map.action(&press('.')), Some(Action::Filter));
        assert_eq!(map.action(&press(',')), Some(Action::Help));
        assert_eq!(map.action(&press('х')), Some(Action::PrevYear));
        assert_eq!(map.action(&press('П')), Some(Action::Bottom));
        let ctrl_c = KeyEvent::new(KeyCode::Char('с'), KeyModifiers::CONTROL);
        assert_eq!(map.action(&ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn user_keys_replace_defaults_and_bad_ones_are_reported() {
        let mut o = HashMap::new();
        o.insert("quit".to_string(), vec!["Q".to_string()]);
        o.insert("fly".to_string(), vec!["f".to_string()]);
        o.insert("down".to_string(), vec!["Fx".to_string(), "n".to_string()]);
        let (map, problems) = KeyMap::new(&o);
        assert_eq!(map.action(&press('Q')), Some(Action::Quit));
        assert_eq!(map.action(&press('q')), None);
        assert_eq!(map.action(&press('n')), Some(Action::Down));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(map.keys(Action::Quit), "Q");
    }
}
