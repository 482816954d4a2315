//! The annotator's version: a SHA-256 over the code and the tables that make annotations (this
//! crate, the grammar, the name keys and the model types), so that annotations stored by one
//! build are reused only by a build that would make the same ones.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let crates = here
        .parent()
        .expect("crates/annotate is in crates/")
        .to_path_buf();
    let mut all = Vec::new();
    for krate in ["annotate", "syntax", "names", "model"] {
        for part in ["src", "data"] {
            let dir = crates.join(krate).join(part);
            if dir.exists() {
                println!("cargo:rerun-if-changed={}", dir.display());
                files(&dir, &mut all);
            }
        }
    }
    all.sort();
    let mut h = Sha256::new();
    for f in &all {
        let rel = f.strip_prefix(&crates).unwrap_or(f);
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(std::fs::read(f).unwrap_or_default());
        h.update([0]);
    }
    let hex: String = h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!(
        "cargo:rustc-env=CASEFILE_ANNOTATOR_VERSION={}+{hex}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default()
    );
}
