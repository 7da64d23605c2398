//! What the end-to-end tests share: the program in a real terminal (tmux), its screen read.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_nastavnik");

/// A new store with the demo data, made by the program itself.
pub fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("district.db");
    let out = Command::new(BIN).args(["demo", "--out"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

pub struct Tmux {
    pub session: String,
}

impl Tmux {
    pub fn start(name: &str, cmd: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()),
            "tmux is needed for the end-to-end tests (.ci/run installs it)"
        );
        let session = format!("nastavnik-e2e-{name}-{}", std::process::id());
        let ok = Command::new("tmux")
            .args(["new-session", "-d", "-s", &session, "-x", "120", "-y", "36", cmd])
            .env("LANG", "ru_RU.UTF-8")
            .status()
            .unwrap();
        assert!(ok.success());
        Tmux { session }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = Command::new("tmux").args(["send-keys", "-t", &self.session, k]).status().unwrap();
            assert!(ok.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Text typed literally (so "Enter" is five letters, not a key).
    pub fn type_text(&self, text: &str) {
        let ok = Command::new("tmux").args(["send-keys", "-t", &self.session, "-l", text]).status().unwrap();
        assert!(ok.success());
        std::thread::sleep(Duration::from_millis(100));
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.session]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits (a bounded while, not a speed test) until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("the screen never showed «{text}»:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn alive(&self) -> bool {
        Command::new("tmux").args(["has-session", "-t", &self.session]).status().is_ok_and(|s| s.success())
    }

    pub fn wait_gone(&self) {
        let start = Instant::now();
        while self.alive() {
            assert!(start.elapsed() < Duration::from_secs(20), "the program did not quit:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.session]).status();
    }
}
