//! nastavnik: a terminal program for district coordinators of network mentoring between schools.
//! Layers point one way: `domain` ← `store` ← `app` ← `ui`; `main.rs` wires them together.

pub mod agenda;
pub mod answer;
pub mod app;
pub mod chart;
pub mod config;
pub mod deficits;
pub mod demo;
pub mod document;
pub mod domain;
pub mod export;
pub mod headless;
pub mod i18n;
pub mod ics;
pub mod import;
pub mod keys;
pub mod lifecycle;
pub mod log;
pub mod lookup;
pub mod minutes;
pub mod names;
pub mod orders;
pub mod output;
pub mod period;
pub mod report;
pub mod serve;
pub mod store;
pub mod suggest;
pub mod synth;
pub mod text;
pub mod tui;
pub mod turnout;
pub mod ui;
