//! A key press on the roadmap of a year with 100,000 events (100 districts of 1,000 events,
//! `nastavnik demo --scale 100 --events-per-district 1000`): move, scroll in time, zoom and a
//! status change, each followed by drawing the 120×40 screen, as the TUI does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::app::{App, Pane};
use nastavnik::store::Store;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::path::PathBuf;

fn store_path() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-store");
    let path = dir.join("roadmap100k.db");
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join("building-roadmap.db");
        let _ = std::fs::remove_file(&tmp);
        let store = Store::create_new(&tmp, "bench").unwrap();
        nastavnik::synth::generate_sized(&store, 100, 1000).unwrap();
        store.checkpoint().unwrap();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

fn app(timeline: bool) -> (App, Terminal<TestBackend>) {
    let store = Store::open(&store_path(), "bench").unwrap();
    let (keys, _) = nastavnik::keys::KeyMap::new(&Default::default());
    let mut app = App::new(store, &nastavnik::i18n::RU, keys, Default::default(), Rect::new(0, 0, 120, 40)).unwrap();
    app.set_pane(Pane::Roadmap);
    assert!(app.data.events.len() >= 100_000, "{} events", app.data.events.len());
    if timeline {
        app.handle_key(KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE));
    }
    (app, Terminal::new(TestBackend::new(120, 40)).unwrap())
}

fn press_and_draw(app: &mut App, term: &mut Terminal<TestBackend>, key: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
    term.draw(|f| nastavnik::ui::draw(f, app)).unwrap();
}

#[divan::bench(args = ["j", "k", "l", "h", "+", "-"])]
fn timeline_key(bencher: divan::Bencher, key: &str) {
    let (mut app, mut term) = app(true);
    let c = key.chars().next().unwrap();
    bencher.bench_local(|| press_and_draw(&mut app, &mut term, c));
}

#[divan::bench(args = ["j", "k", "G", "g"])]
fn list_key(bencher: divan::Bencher, key: &str) {
    let (mut app, mut term) = app(false);
    let c = key.chars().next().unwrap();
    bencher.bench_local(|| press_and_draw(&mut app, &mut term, c));
}

/// `i` then `p` on the selected event: written to the store, the row and the screen updated.
#[divan::bench(sample_count = 20)]
fn status_change(bencher: divan::Bencher) {
    let (mut app, mut term) = app(true);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        press_and_draw(&mut app, &mut term, if flip { 'i' } else { 'p' });
    });
}

/// A character typed into the `/` filter (and taken back), the rows filtered and the screen
/// drawn: the rows are built and folded once, not per key.
#[divan::bench(sample_count = 40)]
fn filter_char(bencher: divan::Bencher) {
    let (mut app, mut term) = app(false);
    press_and_draw(&mut app, &mut term, '/');
    for c in "семинар".chars() {
        press_and_draw(&mut app, &mut term, c);
    }
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        if flip {
            press_and_draw(&mut app, &mut term, 'ы');
        } else {
            app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            term.draw(|f| nastavnik::ui::draw(f, &app)).unwrap();
        }
    });
}

/// The commit of a status change alone, synced to the disk (`synchronous=FULL`): what a
/// coordinator waits for between pressing the key and the change being safe from a power cut.
#[divan::bench(sample_count = 50)]
fn status_commit_synced(bencher: divan::Bencher) {
    let store = Store::open(&store_path(), "bench").unwrap();
    assert!(store.durable().unwrap());
    let id = store.events(store.default_year().unwrap()).unwrap()[0].id;
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let status =
            if flip { nastavnik::domain::EventStatus::InProgress } else { nastavnik::domain::EventStatus::Postponed };
        store.set_event_status(id, status, None).unwrap()
    });
}

/// A colleague's status change in another program: the commit seen by `tick`, the row read
/// again and the screen drawn — what the README promises within half a second.
#[divan::bench(sample_count = 20)]
fn colleague_status_seen(bencher: divan::Bencher) {
    let (mut app, mut term) = app(false);
    let colleague = Store::open(&store_path(), "colleague").unwrap();
    let id = app.data.events[0].id;
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let status =
            if flip { nastavnik::domain::EventStatus::InProgress } else { nastavnik::domain::EventStatus::Planned };
        colleague.set_event_status(id, status, None).unwrap();
        app.tick();
        term.draw(|f| nastavnik::ui::draw(f, &app)).unwrap();
    });
}

/// The week ahead read from the store of 100,000 events, on a day when every open event of
/// the generated year is overdue (the Agenda pane's part of a load, and `nastavnik agenda`).
#[divan::bench(sample_count = 20)]
fn agenda_of_the_region(bencher: divan::Bencher) {
    let store = Store::open(&store_path(), "bench").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    bencher.bench_local(|| {
        let a = nastavnik::agenda::agenda(&store, today, 14, 30, None, &nastavnik::i18n::RU).unwrap();
        assert!(a.items.len() > 1000, "{}", a.items.len());
        a.items.len()
    });
}

fn main() {
    divan::main();
}
