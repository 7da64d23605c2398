//! A region's directory in and out (`nastavnik demo --scale 100`: 5,261 organisations, 60,116
//! people, 2,652 statuses, 6,522 links): the workbook written, and read back into an empty
//! store — as an .xlsx and as a `;` CSV of the people — with every row matched and written as
//! one action.

use nastavnik::i18n::RU;
use nastavnik::import::{Kind, Options};
use nastavnik::store::Store;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-import")
}

fn region() -> PathBuf {
    let path = dir().join("region100.db");
    if !path.exists() {
        std::fs::create_dir_all(dir()).unwrap();
        let tmp = dir().join("building-region.db");
        let _ = std::fs::remove_file(&tmp);
        let store = Store::create_new(&tmp, "bench").unwrap();
        nastavnik::demo::load(&store).unwrap();
        nastavnik::synth::generate(&store, 100).unwrap();
        store.checkpoint().unwrap();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

fn directory_xlsx() -> Vec<u8> {
    let store = Store::open(&region(), "bench").unwrap();
    nastavnik::export::xlsx(&store.directory_tables(None).unwrap()).unwrap()
}

/// The directory's four sheets written as a workbook (what `export` does besides the panes).
#[divan::bench(sample_count = 5)]
fn export_directory_xlsx(bencher: divan::Bencher) {
    let store = Store::open(&region(), "bench").unwrap();
    bencher.bench_local(|| {
        let tables = store.directory_tables(None).unwrap();
        divan::black_box(nastavnik::export::xlsx(&tables).unwrap());
    });
}

/// The exported workbook read and imported into an empty store: 74,551 rows matched, 74,537
/// written, one transaction.
#[divan::bench(sample_count = 3)]
fn import_region_xlsx(bencher: divan::Bencher) {
    let file = dir().join("region.xlsx");
    std::fs::write(&file, directory_xlsx()).unwrap();
    let mut n = 0;
    bencher
        .with_inputs(|| {
            n += 1;
            let path = dir().join(format!("empty-{n}.db"));
            let _ = std::fs::remove_file(&path);
            Store::create_new(&path, "bench").unwrap()
        })
        .bench_local_values(|store| {
            let book = nastavnik::import::read(&file, &Options::default()).unwrap();
            let plan = store.import(&book, &Options::default(), &RU).unwrap().unwrap();
            assert!(plan.counts().new > 70_000);
            store
        });
}

/// The people alone (60,116 rows) as a CSV, into a store that has the schools already.
#[divan::bench(sample_count = 3)]
fn import_people_csv(bencher: divan::Bencher) {
    let xlsx = dir().join("region.xlsx");
    std::fs::write(&xlsx, directory_xlsx()).unwrap();
    let store = Store::open(&region(), "bench").unwrap();
    let people = &store.directory_tables(None).unwrap()[1];
    let mut csv = people.headers.join(";") + "\n";
    for row in &people.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                nastavnik::export::Value::Text(t) => format!("\"{}\"", t.replace('"', "\"\"")),
                _ => String::new(),
            })
            .collect();
        csv.push_str(&cells.join(";"));
        csv.push('\n');
    }
    let file = dir().join("people.csv");
    std::fs::write(&file, csv).unwrap();
    let schools = Options { sheet: Some("Школы".into()), ..Options::default() };
    let mut n = 0;
    bencher
        .with_inputs(|| {
            n += 1;
            let path = dir().join(format!("schools-{n}.db"));
            let _ = std::fs::remove_file(&path);
            let store = Store::create_new(&path, "bench").unwrap();
            let book = nastavnik::import::read(&xlsx, &schools).unwrap();
            store.import(&book, &schools, &RU).unwrap().unwrap();
            store
        })
        .bench_local_values(|store| {
            let opts = Options { kind: Some(Kind::People), ..Options::default() };
            let book = nastavnik::import::read(&file, &opts).unwrap();
            let plan = store.import(&book, &opts, &RU).unwrap().unwrap();
            assert!(plan.counts().new > 59_000, "{:?}", plan.counts());
            store
        });
}

fn main() {
    divan::main();
}
