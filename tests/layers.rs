//! The layers the README describes, kept by a test that reads the sources: the pure rules know
//! no database and no terminal, and the drawing reads the App's state, never the store.

use std::path::Path;

fn source(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_pure_rules_know_no_database_and_no_terminal() {
    for file in [
        "src/domain.rs",
        "src/text.rs",
        "src/period.rs",
        "src/turnout.rs",
        "src/lookup.rs",
        "src/orders.rs",
        "src/minutes.rs",
        "src/names.rs",
        "src/deficits.rs",
        "src/suggest.rs",
        "src/lifecycle.rs",
        "src/i18n.rs",
    ] {
        let text = source(file);
        for layer in ["rusqlite", "ratatui", "crossterm", "crate::store", "crate::app", "crate::ui"] {
            assert!(!text.contains(layer), "{file} reaches {layer}");
        }
    }
}

#[test]
fn the_drawing_reads_the_apps_state_not_the_store() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = vec!["src/ui.rs".to_string()];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "rs") {
            files.push(format!("src/ui/{}", p.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(files.len() > 3, "{files:?}");
    for file in files {
        let text = source(&file);
        assert!(!text.contains("app.store."), "{file} reaches the store");
        assert!(!text.contains("rusqlite"), "{file} reaches the database");
    }
}
