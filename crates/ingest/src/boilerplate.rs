//! Mark (never delete) the parts of a page that are not the report: photo and image credits,
//! "Related article:" lines, donation appeals, comment prompts, and the footer after a
//! copyright line.

use std::sync::OnceLock;

use casefile_model::{Boilerplate, BoilerplateKind};
use regex::Regex;

use crate::metadata::{lines, re};

/// Photo agencies and image hosts that appear in credits.
const IMAGE_SOURCES: &str = r"AP|AFP|Reuters|TASS|EPA|Getty(?: Images)?|Shutterstock|Sputnik|Flickr|Wikimedia(?: Commons)?|Wikipedia|Alamy|Unsplash|Pexels|iStock|Twitter|Instagram|Facebook|Telegram|YouTube|Kommersant|Anadolu|Xinhua|PA(?: Images)?|Pool|Handout|Supplied|Courtesy";

/// Find boilerplate in normalised text.
pub fn find(text: &str, copyright_lines: &[(usize, usize)]) -> Vec<Boilerplate> {
    static CREDIT_LINE: OnceLock<Regex> = OnceLock::new();
    static CREDIT_TAIL: OnceLock<Regex> = OnceLock::new();
    static VIA: OnceLock<Regex> = OnceLock::new();
    static RELATED: OnceLock<Regex> = OnceLock::new();
    static APPEAL: OnceLock<Regex> = OnceLock::new();
    static COMMENT: OnceLock<Regex> = OnceLock::new();
    static SUPPORT: OnceLock<Regex> = OnceLock::new();
    let credit_line = re(
        &CREDIT_LINE,
        r"(?i)^\s*(?:photo(?:graph)?s?|image|picture|credit|illustration|video)(?:\s+credit)?\s*(?:by)?\s*[:：]\s*\S.{0,100}$",
    );
    let credit_tail = re(
        &CREDIT_TAIL,
        &format!(
            r"(?:^|[.!?”\x22]\s+|\s+[-–—|]\s+)(\(?(?:[\p{{Lu}}][\p{{L}}'.-]*\s+){{0,3}}[\p{{L}}'.-]+\s*/\s*(?:{IMAGE_SOURCES})(?:\s*/\s*[\p{{Lu}}][\p{{L}}.&-]*(?: [\p{{Lu}}][\p{{L}}.&-]*)?){{0,3}}\)?)\s*$"
        ),
    );
    // "… Jamal Khashoggi (Domenico Stinellis/AP)": a caption's credit in parentheses
    static CREDIT_PAREN: OnceLock<Regex> = OnceLock::new();
    let credit_paren = re(
        &CREDIT_PAREN,
        &format!(
            r"\s(\((?:[\p{{Lu}}][\p{{L}}'.-]*\s+){{0,3}}[\p{{L}}'.-]+\s*/\s*(?:{IMAGE_SOURCES})(?:\s*/\s*[\p{{Lu}}][\p{{L}}.&-]*(?: [\p{{Lu}}][\p{{L}}.&-]*)?){{0,3}}\))\s*$"
        ),
    );
    let via = re(
        &VIA,
        &format!(
            r"^\s*(?:[\p{{L}}\d_.'-]+\s+){{0,3}}[\p{{L}}\d_.'-]+\s+via\s+(?:{IMAGE_SOURCES})\s*$"
        ),
    );
    let related = re(
        &RELATED,
        r"(?i)^\s*(?:related(?:\s+(?:article|story|stories|reading|content|coverage))?|read\s+(?:more|also|next)|see\s+also|more\s+on\s+this(?:\s+story)?|also\s+read|recommended)\s*:",
    );
    let appeal = re(
        &APPEAL,
        r"(?i)\b(?:donat(?:e|ion|ions|ing)|subscribe\b|become\s+a\s+(?:member|supporter|patron|subscriber)|support\s+(?:us|our\s+(?:work|journalism)|independent)|we\s+need\s+your\s+(?:help|support)|per\s+month|make\s+a\s+contribution|chip\s+in|sign\s+up\s+(?:for|to)\s+our\s+newsletter)",
    );
    let comment = re(
        &COMMENT,
        r"(?i)(?:(?:sign|log)\s+in\s+to\s+comment|leave\s+a\s+(?:comment|reply)|^\s*\d*\s*comments?\.?\s*(?:please\b.*)?$|join\s+the\s+(?:conversation|discussion))",
    );
    let support = re(
        &SUPPORT,
        r"^\s*(?:Support|Donate to|Subscribe to)\s+(?:\S+\s*){1,3}$",
    );

    let mut out = Vec::new();
    let mut push = |kind, s: usize, e: usize| {
        out.push(Boilerplate {
            kind,
            start: s,
            end: e,
        })
    };
    // the footer: everything after a copyright line in the last part of the text
    let footer_from = copyright_lines
        .iter()
        .map(|&(_, e)| e)
        .filter(|&e| e * 10 >= text.len() * 6)
        .min();
    for (at, line) in lines(text) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let s = at + (line.len() - line.trim_start().len());
        let e = s + t.len();
        if let Some(f) = footer_from {
            if s >= f {
                push(BoilerplateKind::Footer, s, e);
                continue;
            }
        }
        if credit_line.is_match(t) || via.is_match(t) {
            push(BoilerplateKind::PhotoCredit, s, e);
        } else if let Some(c) = credit_tail.captures(t).or_else(|| credit_paren.captures(t)) {
            let m = c.get(1).expect("group");
            push(BoilerplateKind::PhotoCredit, s + m.start(), s + m.end());
        } else if related.is_match(t) {
            push(BoilerplateKind::RelatedArticle, s, e);
        } else if comment.is_match(t) && t.len() < 200 {
            push(BoilerplateKind::CommentPrompt, s, e);
        } else if support.is_match(t) || (appeal.is_match(t) && t.len() < 1200) {
            push(BoilerplateKind::DonationAppeal, s, e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BoilerplateKind, String)> {
        find(text, &[])
            .into_iter()
            .map(|b| (b.kind, text[b.start..b.end].to_string()))
            .collect()
    }

    #[test]
    fn credits() {
        assert_eq!(
            kinds("The minister spoke on Tuesday. Ivan Petrov / AP / TASS\n"),
            vec![(
                BoilerplateKind::PhotoCredit,
                "Ivan Petrov / AP / TASS".to_string()
            )]
        );
        assert_eq!(
            kinds("lensman42 via Flickr\n")[0].0,
            BoilerplateKind::PhotoCredit
        );
        assert_eq!(
            kinds("Photo: Jane Roe\n")[0].0,
            BoilerplateKind::PhotoCredit
        );
        assert_eq!(
            kinds("Anna Roe, the widow of Oleg Marchenko (Ivan Petrov/AP)\n"),
            vec![(BoilerplateKind::PhotoCredit, "(Ivan Petrov/AP)".to_string())]
        );
        assert!(kinds("The court in Moscow said the men were held.").is_empty());
        assert!(kinds("He met the minister (and his deputy) in Moscow.").is_empty());
    }

    #[test]
    fn appeals_prompts_related() {
        let k = kinds("Related article: Other story\nPlease donate to keep us going.\n12 comments. Please sign in to comment.\nSupport The Ledger\n");
        let got: Vec<_> = k.iter().map(|x| x.0).collect();
        assert_eq!(
            got,
            vec![
                BoilerplateKind::RelatedArticle,
                BoilerplateKind::DonationAppeal,
                BoilerplateKind::CommentPrompt,
                BoilerplateKind::DonationAppeal
            ]
        );
    }

    #[test]
    fn footer_after_copyright() {
        let text = "Body one.\nBody two.\nBody three.\n© 2024 Ledger\nWe are a charity.\n";
        let c = text.find('©').unwrap();
        let b = find(text, &[(c, c + 13)]);
        assert_eq!(b.len(), 1);
        assert_eq!(&text[b[0].start..b[0].end], "We are a charity.");
    }
}
