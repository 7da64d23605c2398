//! The lookup per key press and the whole `nastavnik who` process, over a generated region of
//! 100 districts: 5,000 schools and 60,100 people (plus the demo). Run with `cargo bench`.

use nastavnik::lookup::Index;
use nastavnik::store::Store;

mod common;
use common::store_path;

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
#[divan::bench(args = ["маслова", "сош 13 янгеля", "кузикво"], sample_count = 20)]
fn who_process(bencher: divan::Bencher, query: &str) {
    let path = store_path();
    bencher.bench_local(|| {
        let args: Vec<&str> = std::iter::once("who").chain(query.split(' ')).collect();
        let out = common::nastavnik(&path, &args);
        assert!(out.status.success());
    });
}

fn main() {
    divan::main();
}
