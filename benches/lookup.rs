//! The lookup per key press and the whole `nastavnik who` process, over a generated region of
//! 100 districts: 5,000 schools and 60,100 people (plus the demo). Run with `cargo bench`.

use nastavnik::lookup::Index;
use nastavnik::store::Store;
use std::path::PathBuf;
use std::process::Command;

const SCALE: usize = 100;

/// The generated store, made once and kept under target/ for later runs.
fn store_path() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-store");
    let path = dir.join(format!("scale{SCALE}.db"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join("building.db");
        let _ = std::fs::remove_file(&tmp);
        let store = Store::create_new(&tmp, "bench").unwrap();
        nastavnik::demo::load(&store).unwrap();
        nastavnik::synth::generate(&store, SCALE).unwrap();
        store.checkpoint().unwrap();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

fn index() -> Index {
    let store = Store::open(&store_path(), "bench").unwrap();
    Index::new(store.search_entries().unwrap())
}

/// What the screen redraws from after each key: the best 50 matches for what is typed so far.
#[divan::bench(args = ["м", "ма", "мас", "масл", "маслова", "сош 13 луга", "кузикво", "ерошенкова"])]
fn keystroke(bencher: divan::Bencher, query: &str) {
    let ix = index();
    assert!(ix.len() > 65_000);
    bencher.bench_local(|| ix.search(divan::black_box(query), 50));
}

/// Opening the lookup builds its index from the store once.
#[divan::bench(sample_count = 10)]
fn build_index(bencher: divan::Bencher) {
    let store = Store::open(&store_path(), "bench").unwrap();
    bencher.bench_local(|| Index::new(store.search_entries().unwrap()));
}

/// The whole process: start, open the store, find, answer, print.
#[divan::bench(args = ["маслова", "сош 13 луга", "кузикво"], sample_count = 20)]
fn who_process(bencher: divan::Bencher, query: &str) {
    let path = store_path();
    bencher.bench_local(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
            .arg("--db")
            .arg(&path)
            .arg("who")
            .args(query.split(' '))
            .output()
            .unwrap();
        assert!(out.status.success());
    });
}

fn main() {
    divan::main();
}
