//! The architecture rules of ARCHITECTURE.md that a machine can check. The checks are tests in
//! `tests/tidy.rs`; this library reads the workspace for them: its crates and their
//! dependencies (from `cargo metadata`), its source files, and the functions in them.

use std::path::{Path, PathBuf};

/// The workspace root (two folders above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// Each workspace crate's folder name (`crates/NAME`) and the workspace crates it depends on
/// (normal dependencies only: tests may use anything), from `cargo metadata`.
pub fn crate_graph() -> Vec<(String, Vec<String>)> {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let folder = |manifest: &str| -> String {
        Path::new(manifest)
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let by_name: Vec<(String, String)> = packages
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_string(),
                folder(p["manifest_path"].as_str().unwrap_or_default()),
            )
        })
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| {
                    let name = d["name"].as_str()?;
                    by_name
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, f)| f.clone())
                })
                .collect();
            (
                folder(p["manifest_path"].as_str().unwrap_or_default()),
                deps,
            )
        })
        .collect()
}

/// Every Rust source file under `crates/*/src`, with its path relative to the root.
pub fn source_files() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let crates = root().join("crates");
    let mut stack: Vec<PathBuf> = std::fs::read_dir(&crates)
        .expect("crates/")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("a source folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source is UTF-8");
                let rel = p.strip_prefix(root()).unwrap_or(&p).to_path_buf();
                out.push((rel, text));
            }
        }
    }
    out.sort();
    out
}

/// A function found in a source file: its name, first line (1-based) and length in lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub line: usize,
    pub lines: usize,
}

/// The functions of a source file, tests left out (everything from a `#[cfg(test)]` line
/// on). Braces in strings and comments are skipped, so a `{` in a message does not count.
pub fn functions(text: &str) -> Vec<Function> {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .iter()
        .position(|l| l.trim_start().starts_with("#[cfg(test)]"))
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < end {
        match fn_name(lines[i]) {
            Some(name) => match body_end(&lines[..end], i) {
                Some(j) => {
                    out.push(Function {
                        name,
                        line: i + 1,
                        lines: j - i + 1,
                    });
                    i = j + 1;
                }
                None => i += 1,
            },
            None => i += 1,
        }
    }
    out
}

/// The name a line declares a function by (`pub(crate) async fn name(`), if it does.
fn fn_name(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.starts_with("//") {
        return None;
    }
    let at = t.find("fn ")?;
    let head = &t[..at];
    let qualifiers = [
        "pub",
        "pub(crate)",
        "pub(super)",
        "async",
        "const",
        "unsafe",
        "extern",
    ];
    if !head.split_whitespace().all(|w| qualifiers.contains(&w)) {
        return None;
    }
    let name: String = t[at + 3..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The line where the body opened at or after `start` closes; None for a declaration without
/// a body (a trait method ending in `;`).
fn body_end(lines: &[&str], start: usize) -> Option<usize> {
    let mut depth = 0i64;
    let mut opened = false;
    for (j, line) in lines.iter().enumerate().skip(start) {
        let mut chars = line.chars().peekable();
        let mut in_str = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_str => {
                    chars.next();
                }
                '"' => in_str = !in_str,
                '/' if !in_str && chars.peek() == Some(&'/') => break,
                '\'' if !in_str => {
                    // a char literal such as '{' (not a lifetime)
                    let rest: String = chars.clone().take(3).collect();
                    if rest.chars().nth(1) == Some('\'') || rest.starts_with('\\') {
                        for _ in 0..2 {
                            chars.next();
                        }
                    }
                }
                '{' if !in_str => {
                    depth += 1;
                    opened = true;
                }
                '}' if !in_str => depth -= 1,
                _ => {}
            }
        }
        if opened && depth <= 0 {
            return Some(j);
        }
        if !opened && line.trim_end().ends_with(';') {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_measured_from_signature_to_closing_brace() {
        let text = "\
//! doc
pub fn a() {
    let s = \"{ not a brace\";
    let c = '{';
}

fn b(x: u8)
    -> u8
{
    x // }
}

trait T {
    fn declared(&self);
}
#[cfg(test)]
mod tests {
    fn ignored() {}
}
";
        let f = functions(text);
        let got: Vec<(&str, usize, usize)> = f
            .iter()
            .map(|f| (f.name.as_str(), f.line, f.lines))
            .collect();
        assert_eq!(got, [("a", 2, 4), ("b", 7, 5)]);
    }
}
