//! Start to first frame, the rest of the year read after it, memory once every pane has been
//! looked at, and `who` for a name that is nowhere — over the generated region at scale 100
//! (see `common`). Run with `cargo bench --bench start`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::app::{App, Pane};
use nastavnik::store::Store;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::process::Command;

mod common;
use common::store_path;

fn configured(pane: Pane) -> App {
    let store = Store::open(&store_path(), "bench").unwrap();
    let (keys, _) = nastavnik::keys::KeyMap::new(&Default::default());
    let settings = nastavnik::config::Settings::default();
    let size = Rect::new(0, 0, 120, 40);
    App::configured_at(store, &nastavnik::i18n::RU, keys, Default::default(), size, &settings, None, Some(pane))
        .unwrap()
}

/// The store opened, the pane shown read and its 120×40 screen drawn, as the TUI starts.
#[divan::bench(args = ["clusters", "mentoring", "roadmap", "deficits", "agenda"], sample_count = 10)]
fn first_frame(bencher: divan::Bencher, pane: &str) {
    let pane = Pane::from_name(pane).unwrap();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // The app is returned: divan drops it after the sample is timed.
    bencher.bench_local(|| {
        let app = configured(pane);
        term.draw(|f| nastavnik::ui::draw(f, &app)).unwrap();
        app
    });
}

/// What the TUI reads once the first frame of Clusters is on screen: every other pane but the
/// Agenda (read when it is opened).
#[divan::bench(sample_count = 10)]
fn rest_after_first_frame(bencher: divan::Bencher) {
    bencher.with_inputs(|| configured(Pane::Clusters)).bench_local_values(|mut app| {
        app.finish_loading();
        app
    });
}

/// The whole `nastavnik snapshot` process: start, open, read the pane, draw, print.
#[divan::bench(args = ["clusters", "roadmap"], sample_count = 10)]
fn snapshot_process(bencher: divan::Bencher, pane: &str) {
    let path = store_path();
    bencher.bench_local(|| {
        let out = common::nastavnik(&path, &["snapshot", pane]);
        assert!(out.status.success());
    });
}

/// `nastavnik who` for a name no one has: found to be nowhere through the trigram index.
#[divan::bench(args = ["зюзюкина", "qqqq"], sample_count = 20)]
fn who_no_match(bencher: divan::Bencher, query: &str) {
    let path = store_path();
    bencher.bench_local(|| {
        let out = common::nastavnik(&path, &["who", query]);
        assert!(!out.status.success());
    });
}

/// The floor `who_no_match` is compared with: the `sqlite3` command-line shell looking for the
/// same name in the same store (skipped where it is not installed).
#[divan::bench(sample_count = 20)]
fn sqlite3_floor(bencher: divan::Bencher) {
    let path = store_path();
    if Command::new("sqlite3").arg("--version").output().is_err() {
        return;
    }
    bencher.bench_local(|| {
        Command::new("sqlite3")
            .arg(&path)
            .arg("SELECT count(*) FROM people WHERE instr(name_fold, 'зюзюкина') > 0")
            .output()
            .unwrap()
    });
}

/// A colleague adds an event (and, the next time, removes it) in another program while this
/// one shows the Roadmap: from their commit until every pane is read again by the reader
/// thread, while the drawing thread goes on ticking and drawing every millisecond, as the TUI's
/// loop does while it waits. Printed: how long until the row was on (or off) this screen, and
/// the longest the drawing thread was busy in one tick and frame — how long it was frozen.
#[divan::bench(sample_count = 10)]
fn colleague_event_seen(bencher: divan::Bencher) {
    let mut app = configured(Pane::Roadmap);
    app.finish_loading();
    app.read_in_background();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let colleague = Store::open(&store_path(), "colleague").unwrap();
    let day = app.year.start() + chrono::Duration::days(45);
    let mut added: Option<i64> = None;
    let mut longest = std::time::Duration::ZERO;
    let mut on_screen = Vec::new();
    bencher.bench_local(|| {
        let committed = std::time::Instant::now();
        let want = match added.take() {
            Some(id) => {
                colleague.delete_event(id, None).unwrap();
                Err(id)
            }
            None => {
                let id = colleague
                    .add_event(nastavnik::store::NewEvent {
                        title: "Фестиваль открытых уроков",
                        kind: "фестиваль",
                        when: nastavnik::domain::When::day(day),
                        ..Default::default()
                    })
                    .unwrap();
                added = Some(id);
                Ok(id)
            }
        };
        let mut seen = false;
        loop {
            let began = std::time::Instant::now();
            app.tick();
            term.draw(|f| nastavnik::ui::draw(f, &app)).unwrap();
            longest = longest.max(began.elapsed());
            let there = |id: i64| app.data.events.iter().any(|e| e.id == id);
            let shown = want.map_or_else(|id| !there(id), there);
            if shown && !seen {
                seen = true;
                on_screen.push(committed.elapsed());
            }
            if app.reading_behind().is_none() && shown {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
    if let Some(id) = added {
        colleague.delete_event(id, None).unwrap();
    }
    on_screen.sort();
    eprintln!(
        "a colleague's new or removed event on screen after {:.1?} – {:.1?} (median {:.1?}); the drawing thread at most {longest:.1?} busy in one tick and frame",
        on_screen[0],
        on_screen[on_screen.len() - 1],
        on_screen[on_screen.len() / 2]
    );
}

/// The heap this process has in use, in MiB (glibc's count of allocated bytes: freed memory the
/// allocator keeps for reuse is not counted), and its resident memory of files (the program, the
/// store's pages mapped).
fn memory() -> (f64, u64) {
    // SAFETY: mallinfo2 only reads the allocator's counters.
    let info = unsafe { libc::mallinfo2() };
    let heap = (info.uordblks + info.hblkhd) as f64 / 1_048_576.0;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let file = status
        .lines()
        .find_map(|l| l.strip_prefix("RssFile:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    (heap, file)
}

/// Every pane visited and the lookup opened, as a coordinator does in a session; the memory
/// this takes is printed (divan measures only the time).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn memory_after_every_pane(bencher: divan::Bencher) {
    let (before, _) = memory();
    let mut app = configured(Pane::Clusters);
    bencher.bench_local(|| {
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for c in ['1', '2', '3', '4', '5', '6', '7', '1', 'w'] {
            app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            term.draw(|f| nastavnik::ui::draw(f, &app)).unwrap();
        }
    });
    let (heap, file) = memory();
    eprintln!(
        "memory after every pane and w: the program's heap {:.0} MiB; files mapped {} MiB",
        heap - before,
        file / 1024
    );
    drop(app);
}

fn main() {
    divan::main();
}
