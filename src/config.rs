//! The config file: `config/nastavnik.toml` in the repository documents every option with its
//! default; the user's copy lives in the XDG config directory, or wherever `--config` says.

use crate::i18n::Lang;
use ratatui::style::Color;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The store; default: `nastavnik.db` in the XDG data directory.
    pub db: Option<PathBuf>,
    /// `ru` or `en`; default: from `LANG`.
    pub language: Option<Lang>,
    /// The name written into history; default: the OS user.
    pub display_name: Option<String>,
    #[serde(default)]
    pub theme: ThemeConfig,
    #[serde(default)]
    pub keys: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub load: crate::suggest::LoadLimits,
    #[serde(default)]
    pub agreements: AgreementsConfig,
    #[serde(default)]
    pub risks: RisksConfig,
    #[serde(default)]
    pub agenda: AgendaConfig,
    /// The pane the program opens on: clusters, mentoring, roadmap, deficits, agreements,
    /// history or agenda (default: clusters).
    pub start_pane: Option<String>,
    /// Roles by user name (the display name or the OS user); a user not listed coordinates.
    #[serde(default)]
    pub users: HashMap<String, UserConfig>,
}

/// What of the config the program's screens use beside keys, theme and language: the same
/// for the TUI, `serve` and `snapshot`, made in one place.
#[derive(Clone, Debug)]
pub struct Settings {
    pub limits: crate::suggest::LoadLimits,
    pub expiring_days: i64,
    pub risk_directions: Vec<String>,
    /// How many days ahead the agenda looks.
    pub agenda_days: i64,
    /// The pane the program opens on.
    pub start_pane: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            limits: crate::suggest::LoadLimits::default(),
            expiring_days: AgreementsConfig::default().expiring_days,
            risk_directions: RisksConfig::default().directions,
            agenda_days: AgendaConfig::default().days,
            start_pane: None,
        }
    }
}

impl Settings {
    pub fn of(cfg: &Config) -> Settings {
        Settings {
            limits: cfg.load,
            expiring_days: cfg.agreements.expiring_days,
            risk_directions: cfg.risks.directions.clone(),
            agenda_days: cfg.agenda.days,
            start_pane: cfg.start_pane.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Coordinator,
    Curator,
    Viewer,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    pub role: Role,
    /// For a curator: the schools they look after, by full or short name.
    #[serde(default)]
    pub schools: Vec<String>,
}

/// The risk directions a school's profile is verified against: the ten of the "500+" project,
/// which a district may extend.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RisksConfig {
    pub directions: Vec<String>,
}

pub const STANDARD_RISKS: [&str; 10] = [
    "низкий уровень оснащения школы",
    "дефицит педагогических кадров",
    "недостаточная предметная и методическая компетентность педагогических работников",
    "риски низкой адаптивности учебного процесса",
    "несформированность внутришкольной системы повышения квалификации",
    "низкое качество преодоления языковых и культурных барьеров",
    "пониженный уровень качества школьной образовательной и воспитательной среды",
    "высокая доля обучающихся с рисками учебной неуспешности",
    "низкий уровень вовлечённости родителей",
    "низкая учебная мотивация обучающихся",
];

impl Default for RisksConfig {
    fn default() -> Self {
        RisksConfig { directions: STANDARD_RISKS.iter().map(|s| s.to_string()).collect() }
    }
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaConfig {
    /// How many days ahead the Agenda pane and `nastavnik agenda` look.
    pub days: i64,
}

impl Default for AgendaConfig {
    fn default() -> Self {
        AgendaConfig { days: 14 }
    }
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementsConfig {
    /// An agreement whose term ends within this many days is flagged in the list.
    pub expiring_days: i64,
}

impl Default for AgreementsConfig {
    fn default() -> Self {
        AgreementsConfig { expiring_days: 30 }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub accent: Option<String>,
    pub selection: Option<String>,
    pub header: Option<String>,
    pub muted: Option<String>,
    pub planned: Option<String>,
    pub in_progress: Option<String>,
    pub done: Option<String>,
    pub postponed: Option<String>,
    pub cancelled: Option<String>,
    pub error: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Theme {
    pub accent: Color,
    pub selection: Color,
    pub header: Color,
    pub muted: Color,
    pub planned: Color,
    pub in_progress: Color,
    pub done: Color,
    pub postponed: Color,
    pub cancelled: Color,
    pub error: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            accent: Color::Cyan,
            selection: Color::DarkGray,
            header: Color::Yellow,
            muted: Color::Gray,
            planned: Color::Blue,
            in_progress: Color::Yellow,
            done: Color::Green,
            postponed: Color::Magenta,
            cancelled: Color::Red,
            error: Color::LightRed,
        }
    }
}

impl Theme {
    /// No colours at all, for `NO_COLOR`: the terminal's own, with the selection reversed.
    pub fn monochrome() -> Theme {
        Theme {
            accent: Color::Reset,
            selection: Color::Reset,
            header: Color::Reset,
            muted: Color::Reset,
            planned: Color::Reset,
            in_progress: Color::Reset,
            done: Color::Reset,
            postponed: Color::Reset,
            cancelled: Color::Reset,
            error: Color::Reset,
        }
    }

    /// Black on a colour (the active tab, the user's name), or reversed video without colours.
    pub fn badge(&self, bg: Color) -> ratatui::style::Style {
        use ratatui::style::{Modifier, Style};
        if bg == Color::Reset {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(Color::Black).bg(bg)
        }
    }

    /// The selected row: its colour, or reversed video when there are no colours.
    pub fn selected(&self) -> ratatui::style::Style {
        use ratatui::style::{Modifier, Style};
        let base = Style::default().add_modifier(Modifier::BOLD);
        if self.selection == Color::Reset {
            base.add_modifier(Modifier::REVERSED)
        } else {
            base.bg(self.selection)
        }
    }
}

/// Whether the user asked for no colours (https://no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl ThemeConfig {
    pub fn resolve(&self, problems: &mut Vec<String>) -> Theme {
        let mut t = Theme::default();
        let slots: [(&Option<String>, &mut Color, &str); 10] = [
            (&self.accent, &mut t.accent, "accent"),
            (&self.selection, &mut t.selection, "selection"),
            (&self.header, &mut t.header, "header"),
            (&self.muted, &mut t.muted, "muted"),
            (&self.planned, &mut t.planned, "planned"),
            (&self.in_progress, &mut t.in_progress, "in_progress"),
            (&self.done, &mut t.done, "done"),
            (&self.postponed, &mut t.postponed, "postponed"),
            (&self.cancelled, &mut t.cancelled, "cancelled"),
            (&self.error, &mut t.error, "error"),
        ];
        for (value, slot, name) in slots {
            if let Some(v) = value {
                match v.parse::<Color>() {
                    Ok(c) => *slot = c,
                    Err(_) => problems.push(format!("[theme] {name}: unknown colour \"{v}\"")),
                }
            }
        }
        t
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {msg}")]
    Read { path: PathBuf, msg: String },
}

pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "nastavnik").map(|d| d.config_dir().join("nastavnik.toml"))
}

pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "nastavnik")
        .map(|d| d.data_dir().join("nastavnik.db"))
        .unwrap_or_else(|| PathBuf::from("nastavnik.db"))
}

impl Config {
    /// Reads `explicit` (which must exist) or the user's file (which may be absent).
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_config_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| ConfigError::Read { path: path.clone(), msg: e.to_string() })?;
        Config::parse(&text).map_err(|msg| ConfigError::Read { path, msg })
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let cfg: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(p) = &cfg.start_pane {
            if crate::app::Pane::from_name(p).is_none() {
                let names: Vec<&str> = crate::app::Pane::ALL.iter().map(|p| p.name()).collect();
                return Err(format!("start_pane = \"{p}\": choose one of {}", names.join(", ")));
            }
        }
        Ok(cfg)
    }

    /// The name this user's changes are written under when the store lists nobody (a store of
    /// one person): `display_name`, else the full name of the OS account, else its login.
    /// Once the store lists users, their names and roles come from there (see `identity`).
    pub fn user(&self) -> String {
        self.display_name
            .clone()
            .filter(|s| !s.trim().is_empty())
            .map(|s| crate::text::clean_line(&s))
            .unwrap_or_else(|| os_full_name().unwrap_or_else(os_login))
    }

    pub fn lang(&self) -> Lang {
        self.language.unwrap_or_else(Lang::from_env)
    }
}

/// The login name of the process's user, from its uid, when the environment does not say.
/// The login of the OS account this process runs as, from the user database (getuid and
/// the password database through libc, NSS included) — never from `$USER` or `$LOGNAME`, which
/// anyone can set.
pub fn os_login() -> String {
    os_account().map(|u| u.name).unwrap_or_else(|| format!("uid{}", nix::unistd::getuid()))
}

/// The account's full name (the first field of its GECOS), when it has one.
pub fn os_full_name() -> Option<String> {
    let gecos = os_account()?.gecos.into_string().ok()?;
    let name = gecos.split(',').next()?.trim();
    (!name.is_empty()).then(|| crate::text::clean_line(name))
}

fn os_account() -> Option<nix::unistd::User> {
    nix::unistd::User::from_uid(nix::unistd::getuid()).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_parses_and_names_only_real_keys() {
        let text = include_str!("../config/nastavnik.toml");
        let cfg = Config::parse(text).expect("config/nastavnik.toml parses");
        let (_, problems) = crate::keys::KeyMap::new(&cfg.keys);
        assert!(problems.is_empty(), "{problems:?}");
        let mut theme_problems = Vec::new();
        cfg.theme.resolve(&mut theme_problems);
        assert!(theme_problems.is_empty(), "{theme_problems:?}");
        for (_, name, _) in crate::keys::DEFAULTS {
            assert!(cfg.keys.contains_key(*name), "config/nastavnik.toml does not document [keys] {name}");
        }
    }

    #[test]
    fn unknown_option_is_an_error() {
        assert!(Config::parse("colour = 1").is_err());
    }
}
