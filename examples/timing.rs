use std::time::Instant;
fn main() {
    let p = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let store = nastavnik::store::Store::open(&p, "x").unwrap();
    let y = nastavnik::text::AcademicYear(2025);
    let t = Instant::now();
    let e = store.events(y).unwrap();
    eprintln!("events {} {:?}", e.len(), t.elapsed());
    let t = Instant::now();
    let _ = store.links(y).unwrap();
    eprintln!("links {:?}", t.elapsed());
    let t = Instant::now();
    let _ = store.clusters(y).unwrap();
    eprintln!("clusters {:?}", t.elapsed());
    let t = Instant::now();
    let _ = store.decisions(y).unwrap();
    eprintln!("decisions {:?}", t.elapsed());
    let t = Instant::now();
    let _ = store.mentor_loads(y).unwrap();
    eprintln!("loads {:?}", t.elapsed());
    let t = Instant::now();
    let u = store.uncovered_schools(y).unwrap();
    eprintln!("uncovered {} {:?}", u.len(), t.elapsed());
    let t = Instant::now();
    let _ = store.years().unwrap();
    eprintln!("years {:?}", t.elapsed());
    let t = Instant::now();
    let _ = store.default_year().unwrap();
    eprintln!("default_year {:?}", t.elapsed());
    let (keys, _) = nastavnik::keys::KeyMap::new(&Default::default());
    let t = Instant::now();
    let mut app = nastavnik::app::App::new(
        store,
        &nastavnik::i18n::RU,
        keys,
        Default::default(),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    )
    .unwrap();
    eprintln!("app new {:?}", t.elapsed());
    let t = Instant::now();
    app.load().unwrap();
    eprintln!("load {:?}", t.elapsed());
}
