//! The demo store: the five seed documents of `shared/seeds/` (copies in `tests/seeds/`), whole,
//! as data files — `src/demo/*.toml`, one a document, every fact beside a comment citing the
//! document's line it comes from, read by one loader ([`data`]). Where a document is ambiguous
//! or contradicts itself, the comment says which reading was chosen and the record's note says
//! so on screen.

use crate::store::{Result, Store};

pub mod data;

/// The documents, in the order their records are written (their ids follow it).
pub const FILES: [(&str, &str); 5] = [
    ("000_pikalevo.toml", include_str!("demo/000_pikalevo.toml")),
    ("001_leningradsky.toml", include_str!("demo/001_leningradsky.toml")),
    ("002_smolensk.toml", include_str!("demo/002_smolensk.toml")),
    ("003_kirovsk.toml", include_str!("demo/003_kirovsk.toml")),
    ("004_ust_ilimsk.toml", include_str!("demo/004_ust_ilimsk.toml")),
];

/// Fills an empty store with the demo data in one transaction.
pub fn load(store: &Store) -> Result<()> {
    store.in_transaction(|s| {
        for (file, text) in FILES {
            data::load(s, file, text)?;
        }
        Ok(())
    })
}
