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
