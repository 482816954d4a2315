//! Writing a case file out: the formats and what each is made of.

use casefile_model::CaseFile;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// case.json
    Json,
    /// report.md
    Md,
    /// report.html, self-contained
    Html,
    /// entities.csv, events.csv, claims.csv, discrepancies.csv (a folder)
    Csv,
    /// FollowTheMoney entities, one JSON object a line
    Ftm,
    /// Every capture's WARC records (a .warc.gz file), byte for byte as stored; not made from
    /// the case file but from the store ([`crate::Desk::warc`]).
    Warc,
}

/// The files of a format: (file name, content). One file for every format but CSV.
pub fn files(case: &CaseFile, format: Format) -> Vec<(String, String)> {
    match format {
        Format::Json => vec![("case.json".into(), casefile_report::json(case))],
        Format::Md => vec![("report.md".into(), casefile_report::markdown::render(case))],
        Format::Html => vec![("report.html".into(), casefile_report::html::render(case))],
        Format::Ftm => vec![("case.ftm.json".into(), casefile_report::ftm::render(case))],
        Format::Csv => casefile_report::csv::render(case)
            .into_iter()
            .map(|(n, c)| (n.to_string(), c))
            .collect(),
        // bytes from the store, not text from the case file
        Format::Warc => vec![],
    }
}

impl Format {
    /// Every format a case file can be written in, and the WARC of its captures.
    pub const CHOICES: [Format; 6] = [
        Format::Json,
        Format::Md,
        Format::Html,
        Format::Csv,
        Format::Ftm,
        Format::Warc,
    ];
    /// The formats a case file is rendered in.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Md,
        Format::Html,
        Format::Csv,
        Format::Ftm,
    ];
    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Ftm => "ftm",
            Format::Warc => "warc",
        }
    }
    /// What it writes, in a line.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Json => "case.json",
            Format::Md => "report.md",
            Format::Html => "report.html, self-contained",
            Format::Csv => {
                "entities.csv, events.csv, claims.csv, discrepancies.csv (--out is a folder)"
            }
            Format::Ftm => "FollowTheMoney entities, one JSON object a line",
            Format::Warc => "every captured page's WARC records, as stored (a .warc.gz file)",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::CHOICES
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown format “{s}”: json, md, html, csv, ftm or warc"))
    }
}

/// One text for a format (CSV files joined, each ending its lines with CRLF).
pub fn render(case: &CaseFile, format: Format) -> String {
    let files = files(case, format);
    if files.len() == 1 {
        return files.into_iter().next().map(|(_, c)| c).unwrap_or_default();
    }
    files
        .into_iter()
        .map(|(_, c)| c)
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// What `casefile build` writes beside the database.
pub const BUILD_OUTPUTS: [Format; 3] = [Format::Json, Format::Md, Format::Html];
