//! Outputs: case.json, report.md and a self-contained report.html.

use casefile_model::CaseFile;

pub mod html;
pub mod markdown;

/// case.json: the case file, pretty-printed.
pub fn json(case: &CaseFile) -> String {
    serde_json::to_string_pretty(case).expect("a case file always serialises")
}
