//! The generated region the benches at scale 100 share: 100 districts of the demo's shape
//! (5,000 schools, 60,100 people, 20,000 events) with the demo on top, made once under target/.

use nastavnik::store::Store;
use std::path::PathBuf;

pub const SCALE: usize = 100;

pub fn store_path() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-store");
    // Named by the schema, so that a store of an older one is not measured.
    let path = dir.join(format!("scale{SCALE}-v{}.db", nastavnik::store::SCHEMA_VERSION));
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join(format!("building-scale{SCALE}.db"));
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

/// The whole `nastavnik --db STORE ARGS…` process, run to its end. RUST_BACKTRACE is removed:
/// with it, an answer that is an error («Ничего не найдено») would time a captured backtrace.
pub fn nastavnik(path: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(path)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}
