//! The types every casefile stage shares.
//!
//! Data flows one way: `ingest` makes [`Document`]s, `annotate` adds [`Annotations`] to each,
//! `resolve` turns mentions into [`Entity`]s and [`Event`]s, `reconcile` adds [`Claim`]s,
//! [`Discrepancy`]s, [`Intervention`]s and [`SourceLink`]s, and the result is one [`CaseFile`].
//! Every fact keeps its provenance as a [`Span`]: a document id and a byte range in that
//! document's normalised text (which [`OffsetMap`] maps back to the original bytes).

use serde::{Deserialize, Serialize};

mod date;
pub mod integral;
mod offsets;
pub mod outlets;
mod vocab;

pub use date::{month_number, DateBounds, DateValue, Precision, MONTHS, WEEKDAYS};
pub use offsets::{OffsetMap, Segment, TextBuilder};
pub use vocab::{
    ActKind, Answer, EventField, Modality, ParticipantRole, Permission, Role, Verdict,
};

/// The version of the case.json layout this crate writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A byte range `[start, end)` in the normalised text of document `doc`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub doc: String,
    #[serde(deserialize_with = "integral::usize")]
    pub start: usize,
    #[serde(deserialize_with = "integral::usize")]
    pub end: usize,
}

impl Span {
    pub fn new(doc: impl Into<String>, start: usize, end: usize) -> Self {
        Span {
            doc: doc.into(),
            start,
            end,
        }
    }
    /// The text this span covers in `text` (the document's normalised text).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How a document's text was obtained from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A PDF's text layer, page by page.
    Pdf,
}

/// A range of a document's text and the page it is on (PDF reports; 1-based page numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRange {
    pub page: u32,
    pub start: usize,
    pub end: usize,
}

/// The pages a text range of a document lies on, in order (empty for reports without pages).
pub fn pages_of(pages: &[PageRange], start: usize, end: usize) -> Vec<u32> {
    let mut out: Vec<u32> = pages
        .iter()
        .filter(|r| r.start < end.max(start + 1) && start < r.end)
        .map(|r| r.page)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A piece of a document that is not part of the report itself (credits, appeals, prompts).
/// It stays in the text, marked, and extraction skips it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    pub kind: BoilerplateKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoilerplateKind {
    PhotoCredit,
    RelatedArticle,
    DonationAppeal,
    CommentPrompt,
    Copyright,
    SourceUrl,
    Dateline,
    Byline,
    Footer,
    /// A running header at the top of a PDF's pages.
    PageHeader,
}

/// One piece of report metadata and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaField {
    /// `title`, `outlet`, `byline`, `wire`, `published`, `copyright` or `url`.
    pub field: String,
    pub value: String,
    /// Byte range in the normalised text, when the value is read from the text.
    pub span: Option<(usize, usize)>,
    /// Byte range in the original bytes (always set: markup such as `<title>` has no text span).
    pub original: (usize, usize),
}

/// One report: its original bytes (by hash), its normalised text and what was read off it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the first 16 hex digits of the SHA-256 of the original bytes.
    pub id: String,
    pub path: String,
    /// SHA-256 of the original bytes, hex.
    pub sha256: String,
    /// Size of the original bytes.
    pub size: usize,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1251`, …).
    pub encoding: String,
    pub format: Format,
    /// Normalised text (NFC, `\n` line endings, markup removed). Every span points into it.
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    /// A wire service or agency the report is credited to ("By AFP").
    pub wire: Option<String>,
    pub url: Option<String>,
    /// The report's own publication date, when it states one.
    pub published: Option<DateValue>,
    /// When the report states no date: the window it must fall in, from the dates it mentions.
    pub published_bounds: Option<DateBounds>,
    /// Where each metadata value came from.
    pub metadata: Vec<MetaField>,
    pub boilerplate: Vec<Boilerplate>,
    /// Things a reader should know about how this document was read.
    pub notes: Vec<String>,
    /// A date the report's address or metadata gives that its text contradicts, and what was
    /// used instead (shown in the build summary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_conflict: Option<String>,
    /// For a PDF: which text range is on which page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageRange>,
    /// Text offsets back to original bytes.
    pub offsets: OffsetMap,
}

impl Document {
    /// A document over plain text with no metadata (for tests, benchmarks and text that comes
    /// from other tools): UTF-8, its offsets the identity.
    pub fn from_text(
        id: impl Into<String>,
        path: impl Into<String>,
        text: impl Into<String>,
    ) -> Document {
        let text: String = text.into();
        Document {
            id: id.into(),
            path: path.into(),
            sha256: String::new(),
            size: text.len(),
            encoding: "UTF-8".into(),
            format: Format::Text,
            title: None,
            outlet: None,
            byline: None,
            wire: None,
            url: None,
            published: None,
            published_bounds: None,
            metadata: vec![],
            boilerplate: vec![],
            notes: vec![],
            date_conflict: None,
            pages: vec![],
            offsets: OffsetMap::identity(text.len(), 0),
            text,
        }
    }

    /// Whether the byte range lies (even partly) in marked boilerplate.
    pub fn in_boilerplate(&self, start: usize, end: usize) -> bool {
        self.boilerplate
            .iter()
            .any(|b| start < b.end && b.start < end)
    }
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.id.clone(), start, end)
    }
}

/// The kind of a named thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// A group of people referred to together ("the two men").
    Group,
    Other,
}

/// A name found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: EntityKind,
    /// The name a table gives for it (a gazetteer's spelling of a place, an outlet's full name).
    pub normalized: Option<String>,
    /// How it was found (`lexicon`, `title`, `gazetteer`, …): the reason in a word.
    pub source: String,
    /// 0..1, how sure the annotator is.
    pub confidence: f32,
    /// For a place, the country the gazetteer puts it in, by the country's name ("Russia" for
    /// Grozny); None for a country itself and for places the gazetteer does not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_country: Option<String>,
}

impl Mention {
    /// The `source` of a mention that stands for a name the report gave, rather than writing
    /// one: "the court" after "the Shali City Court", "me" in a testimony whose narrator is
    /// named. Its `normalized` is that name.
    pub const ANAPHOR: &'static str = "anaphor";

    /// Whether the mention stands for a name rather than writing one.
    pub fn is_anaphor(&self) -> bool {
        self.source == Self::ANAPHOR
    }
}

/// A time expression with its normalised value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub text: String,
    /// Normalised value, when it could be resolved.
    pub value: Option<DateValue>,
    /// When it could not be resolved to one value: the window it lies in.
    pub bounds: Option<DateBounds>,
    /// `date`, `time`, `duration` or `set`.
    pub kind: String,
    /// Relative expressions ("last Thursday") are resolved against the report's date.
    pub relative: bool,
    /// ISO 8601 duration for durations ("three days" → `P3D`).
    pub duration: Option<String>,
    /// A clock time that goes with the date ("at 3pm" → `15:00`).
    pub clock: Option<String>,
    /// A TimeML value outside the calendar model: `PRESENT_REF` ("now"), `PAST_REF`
    /// ("recently"), `FUTURE_REF` ("soon"), a decade (`198` for "the 1980s").
    pub special: Option<String>,
    /// A day and month whose year the report does not tell ("on January 20" in an undated
    /// report), in TimeML's form `XXXX-01-20`, when `value` could not be resolved. The other
    /// reports of the same happening may tell the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// Days from the report's own day ("today" 0, "yesterday" -1), when the report tells no
    /// day of its own: the other reports of what it dates may tell that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_offset: Option<i64>,
    /// Years from the report's own year ("last year" -1, "this year" 0), when the report tells
    /// no year of its own: the other reports of what it dates may tell that year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_year_offset: Option<i32>,
}

impl Timex {
    /// The month and day of a date whose year is unknown (see [`Timex::partial`]).
    pub fn month_day(&self) -> Option<(u32, u32)> {
        let rest = self.partial.as_deref()?.strip_prefix("XXXX-")?;
        let (m, d) = rest.split_once('-')?;
        Some((m.parse().ok()?, d.parse().ok()?))
    }
}

/// A person attribute read off the text: an age, a role, an affiliation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    /// The mention it describes (index into `Annotations::mentions`).
    pub mention: usize,
    /// `age`, `role` or `affiliation`.
    pub name: String,
    pub value: String,
    /// The date the value holds at (for ages), when known.
    pub as_of: Option<DateValue>,
    pub span: Span,
}

/// A direct quote and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMention {
    /// The quoted words, quote marks included.
    pub span: Span,
    /// The mention that names the speaker, when found (index into `Annotations::mentions`).
    pub speaker: Option<usize>,
    /// The words that tie the quote to its speaker ("said", "told AFP").
    pub cue: Option<Span>,
    /// An outlet the quote came through ("told AFP", "MBKh Media quoted").
    pub via: Option<String>,
    /// How the speaker was found, in words a reader can check: "subject (nsubj) of “said”,
    /// on which the quote hangs".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// One or two words in quote marks, or the name of an offence ("charged with “inciting
    /// social hatred”"): a term or a scare quote ("honour killings"), whose
    /// speaker (when the grammar gives one) used the words but is not quoted as saying more.
    #[serde(default)]
    pub term: bool,
}

/// Indirect speech: "X claimed that the two men had confessed".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedSpeech {
    /// The mention that names the speaker (index into `Annotations::mentions`).
    pub speaker: Option<usize>,
    /// The reporting words ("claimed that", "according to").
    pub cue: Span,
    /// What was said, as the report puts it.
    pub content: Span,
    pub modality: Modality,
}

/// A participant in an event mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRole {
    pub mention: usize,
    pub role: ParticipantRole,
    /// How the sentence's grammar ties the name to the act ("object (obj) of “detained”"),
    /// when the parse ties them directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
}

/// One report's telling of something that happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// Act type from the controlled vocabulary (see `casefile_annotate::events`).
    pub kind: ActKind,
    /// The word that signals the event.
    pub trigger: Span,
    /// The whole sentence, as source span.
    pub sentence: Span,
    pub participants: Vec<MentionRole>,
    /// A place mention (index into `mentions`).
    pub place: Option<usize>,
    /// A time expression (index into `timexes`).
    pub time: Option<usize>,
    /// True when the time comes from the sentences before, not from this one.
    pub time_from_context: bool,
    /// True when the time is that of the report of the act, told as recent news ("have
    /// granted him protection, the website reported Thursday"): the act happened by then, so
    /// it dates the act to its month only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub time_reported: bool,
    /// True when the act has no time in its sentence nor before it but is told as news done by
    /// the time of writing ("the court has reduced her term"): it dates to the report's month.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done_by_report: bool,
    /// True when the act is done to a dead body ("the body was dismembered", "handed over the
    /// remains"): it comes after the death.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_remains: bool,
    /// True when the telling points back to an act told before, by a noun with "the" and
    /// nothing of its own ("the charge was based on …"): it adds a source to that act's event
    /// and is no event of its own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refers_back: bool,
    /// The acts of the same report this one comes after, by the grammar (indices into
    /// `Annotations::events`): the act a statement tells as done ("acknowledged that Khashoggi
    /// was killed"), the act of its "after" clause ("dismembered after he was strangled").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<usize>,
    /// True when the act's verb has a subject of its own that names no one the report's names
    /// do ("the Saudi attorney general acknowledged"): someone, not known who.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doer_unnamed: bool,
    /// That subject's words, where the act is told by a verb ("Khashoggi's fiancée calls the
    /// verdict a farce"): who did it, in the report's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doer_words: Option<Span>,
    /// True when the act is done to others than anyone the case names: a count of people named
    /// by no name ("detained more than 1,000 people", "Hundreds of protesters were arrested"),
    /// or "other" people ("other lawyers detained in the same crackdown").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done_to_others: bool,
    /// For a request, an appeal or a petition: what became of it, when the words the grammar
    /// ties to it say ("her requests had been refused").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// The sentence mentions a group ("the two men", "the pair", "they") as taking part.
    pub group: bool,
    pub modality: Modality,
}

/// A statement a source attributes to an outlet or agency ("according to Meduza").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub outlet: String,
    pub span: Span,
    /// `reported`, `according-to`, `told`, `quoted`.
    pub how: String,
}

/// Everything the annotate stage read out of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    pub doc: String,
    /// Sentence byte ranges.
    pub sentences: Vec<(usize, usize)>,
    pub mentions: Vec<Mention>,
    pub timexes: Vec<Timex>,
    pub attributes: Vec<Attribute>,
    pub quotes: Vec<QuoteMention>,
    pub events: Vec<EventMention>,
    pub citations: Vec<Citation>,
    /// Indirect speech, attributed.
    pub reported: Vec<ReportedSpeech>,
    /// For a report with no date of its own: the window it must fall in.
    pub published_bounds: Option<DateBounds>,
    /// For a report longer than the analysis budget: the byte where analysis stopped (the
    /// whole text is still stored, hashed and searchable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysed_up_to: Option<usize>,
}

/// Which entity a document's mention was resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionLink {
    pub doc: String,
    /// Index into that document's `Annotations::mentions`.
    pub mention: usize,
    pub entity: String,
}

/// What the resolve stage hands on: entities, events, and the link of every mention.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub links: Vec<MentionLink>,
    /// For each event, the (doc, event-mention index) pairs it was built from.
    pub event_members: Vec<Vec<(String, usize)>>,
    /// Tellings of acts that no source asserts (only threatened, feared, demanded, denied or
    /// supposed): not events of the chain, but claims with their source.
    #[serde(default)]
    pub not_in_chain: Vec<(String, usize)>,
}

impl Resolved {
    /// The entity a mention resolved to. `links` is kept sorted by (doc, mention).
    pub fn entity_of(&self, doc: &str, mention: usize) -> Option<&str> {
        link_of(&self.links, doc, mention)
    }
}

/// Find a mention's link in links sorted by (doc, mention).
pub fn link_of<'a>(links: &'a [MentionLink], doc: &str, mention: usize) -> Option<&'a str> {
    links
        .binary_search_by(|l| (l.doc.as_str(), l.mention).cmp(&(doc, mention)))
        .ok()
        .map(|i| links[i].entity.as_str())
}

/// A decision a person made about resolution, replayed on every build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Decision {
    /// Put two entities (by any of their names or ids) together.
    Merge { a: String, b: String },
    /// Keep two entities apart.
    KeepApart { a: String, b: String },
    /// Take these mentions out of the entity they were put in, into an entity of their own.
    Split { entity: String, mentions: Vec<Span> },
    /// Undo an earlier decision (by its number in the log).
    Undo { seq: i64 },
    /// Correct an event (see [`EventField`] for what `value` holds). The event is named by one of
    /// its source passages, which stays the same from build to build.
    EditEvent {
        event: Span,
        field: EventField,
        value: String,
        /// The value before the change, as the case file had it (for the record).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<String>,
    },
    /// Change the verdict on a discrepancy.
    SetVerdict {
        subject: String,
        attribute: String,
        verdict: Verdict,
        /// The verdict before the change.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<Verdict>,
    },
    /// An extraction is wrong: drop the entity (by name) from the case.
    Reject { entity: String },
    /// An extraction is right: mark the entity (by name) as checked.
    Confirm { entity: String },
    /// A note on an entity (by name) or an event (by one of its source passages).
    Note {
        entity: Option<String>,
        event: Option<Span>,
        text: String,
    },
    /// Protect a person (by name): a public export replaces every form of their name with a
    /// pseudonym. Undo lifts it.
    Protect { entity: String },
    /// A report was taken out of the case (its bytes deleted from the store): which one, its
    /// SHA-256 and size, and why. It cannot be undone; the report can be added again.
    RemoveReport {
        doc: String,
        path: String,
        sha256: String,
        size: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

/// What a decision changes: two editors' decisions conflict when they change the same thing.
#[derive(Debug, PartialEq)]
enum Changed<'a> {
    /// An entity, by any name (compared without regard to case).
    Entity(String),
    /// One field of one event.
    EventField(&'a Span, EventField),
    /// The verdict on one discrepancy.
    Verdict(&'a str, &'a str),
    /// An earlier decision (undone).
    Decision(i64),
    /// A report (removed).
    Report(&'a str),
}

impl Decision {
    fn changes(&self) -> Vec<Changed<'_>> {
        let entity = |n: &str| Changed::Entity(n.trim().to_lowercase());
        match self {
            Decision::Merge { a, b } | Decision::KeepApart { a, b } => vec![entity(a), entity(b)],
            Decision::Split { entity: e, .. }
            | Decision::Reject { entity: e }
            | Decision::Confirm { entity: e }
            | Decision::Protect { entity: e } => vec![entity(e)],
            Decision::EditEvent { event, field, .. } => vec![Changed::EventField(event, *field)],
            Decision::SetVerdict {
                subject, attribute, ..
            } => vec![Changed::Verdict(subject, attribute)],
            Decision::Undo { seq } => vec![Changed::Decision(*seq)],
            Decision::RemoveReport { doc, .. } => vec![Changed::Report(doc)],
            // a note adds to what is there and overwrites nothing
            Decision::Note { .. } => vec![],
        }
    }

    /// Whether this decision and `other`, made by two people each on the case as they saw it,
    /// change the same thing (an entity, one field of an event, a verdict, an earlier
    /// decision, a report), so that the later one may undo what the earlier did unseen. Notes
    /// conflict with nothing.
    pub fn conflicts_with(&self, other: &Decision) -> bool {
        let theirs = other.changes();
        self.changes().iter().any(|c| theirs.contains(c))
    }
}

/// An entry of the chain of custody: a report stored, with where it came from and its hash.
/// Written by the store in the same transaction as the report, in a hash-chained log of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Custody {
    /// A report read from a file: its path as given, SHA-256 and size.
    Import {
        doc: String,
        path: String,
        sha256: String,
        size: usize,
    },
    /// A web page captured: the address asked for, the address it came from, when (UTC), the
    /// page's SHA-256 and size, and the SHA-256 of the WARC records kept with it.
    Capture {
        doc: String,
        requested: String,
        url: String,
        captured_at: String,
        sha256: String,
        size: usize,
        warc_sha256: String,
    },
}

impl Custody {
    /// The report the entry is about.
    pub fn doc(&self) -> &str {
        match self {
            Custody::Import { doc, .. } | Custody::Capture { doc, .. } => doc,
        }
    }
    /// The SHA-256 the report's bytes had when stored.
    pub fn sha256(&self) -> &str {
        match self {
            Custody::Import { sha256, .. } | Custody::Capture { sha256, .. } => sha256,
        }
    }
}

/// The role a participant plays in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub entity: String,
    pub role: ParticipantRole,
    /// Why: the grammatical relations the role was read from, one per distinct relation
    /// ("victim: object (obj) of “seized”").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
}

/// One real-world person, organisation, place or group, after resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    /// The preferred name.
    pub name: String,
    /// Every other form it is named by.
    pub aliases: Vec<String>,
    /// Roles in the case (`victim`, `lawyer`, `spokesperson`, …).
    pub roles: Vec<String>,
    pub attributes: Vec<EntityAttribute>,
    pub mentions: Vec<Span>,
    /// Why mentions were put together: one line per merge.
    pub merges: Vec<String>,
    /// Notes and checks by people ("confirmed by hand").
    #[serde(default)]
    pub notes: Vec<String>,
    /// Marked by a person as one whose name must not leave the case: `export --public`
    /// replaces every form of it with a pseudonym ("Person A").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
}

/// An attribute value held by a resolved entity, with its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityAttribute {
    pub name: String,
    pub value: String,
    pub as_of: Option<DateValue>,
    pub sources: Vec<Span>,
}

/// One happening, after resolution across reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// Act type from the controlled vocabulary.
    pub r#type: ActKind,
    /// A one-line label for people ("arrest of Salekh Magamadov, Ismail Isayev").
    pub label: String,
    pub date: Option<DateValue>,
    /// Why this date: which expressions it came from.
    pub date_basis: Vec<String>,
    /// Place entity id.
    pub place: Option<String>,
    pub participants: Vec<Participant>,
    pub modality: Modality,
    /// Every source passage (the sentences that tell of it).
    pub sources: Vec<Span>,
    /// Where the sources' information comes from (a wire service, a cited outlet, a group of
    /// reprints, or the report's own outlet): one entry per independent origin.
    pub origins: Vec<String>,
    /// Notes by people.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Event {
    /// Where the event stands in the timeline: dated events first, earliest first.
    pub fn timeline_key(&self) -> (bool, Option<chrono::NaiveDate>) {
        (
            self.date.is_none(),
            self.date.as_ref().and_then(|d| d.range()).map(|r| r.0),
        )
    }
}

/// A quote in the case file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Speaker entity id.
    pub speaker: Option<String>,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub via: Option<String>,
    /// How the speaker was found (the grammatical relation and words, or the rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// For a PDF report: the pages the quote is printed on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
}

/// A fact as one source puts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    /// Entity or event id.
    pub subject: String,
    pub attribute: String,
    pub value: String,
    pub as_of: Option<DateValue>,
    pub modality: Modality,
    /// Entity id of who asserts it, when the report attributes it.
    pub speaker: Option<String>,
    pub source: Span,
    /// Where the information comes from (see `Event::origins`).
    pub origin: String,
}

/// One value of a discrepancy and the passages that give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscrepancyValue {
    pub value: String,
    pub sources: Vec<Span>,
    /// How many independent origins stand behind this value.
    pub independent_sources: usize,
}

/// Where the sources disagree (or seem to), and the judgement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy {
    pub subject: String,
    pub attribute: String,
    pub verdict: Verdict,
    /// One sentence a documenter can read.
    pub explanation: String,
    pub values: Vec<DiscrepancyValue>,
}

/// A petition, appeal, request, campaign or public statement about the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    pub id: String,
    pub kind: String,
    /// Entity id of who acted.
    pub by: Option<String>,
    /// Entity ids of whom it was addressed to.
    pub to: Vec<String>,
    pub date: Option<DateValue>,
    /// `granted`, `refused`, `pending` or `unknown`.
    pub outcome: String,
    pub sources: Vec<Span>,
}

/// An edge of the source graph: a report cites an outlet, agency or speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLink {
    pub doc: String,
    pub cites: String,
    pub how: String,
    pub span: Span,
}

/// The whole case file, as written to case.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFile {
    pub schema_version: u32,
    pub case: String,
    pub generated_by: String,
    pub documents: Vec<DocumentSummary>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub claims: Vec<Claim>,
    pub discrepancies: Vec<Discrepancy>,
    pub interventions: Vec<Intervention>,
    pub sources: Vec<SourceLink>,
    /// Indexes of the documents and entities by id, built when first asked for (not written).
    #[serde(skip)]
    pub lookup: Lookups,
}

/// The indexes [`CaseFile::document`] and [`CaseFile::entity`] use. An index is built on the
/// first lookup and checked on every one: if the lists changed since, an entry that no longer
/// points at its item, or an id it does not hold, falls back to searching the list, so a lookup
/// is never wrong. A copy of a case file starts without indexes.
#[derive(Default)]
pub struct Lookups {
    documents: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
    entities: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

impl Clone for Lookups {
    fn clone(&self) -> Self {
        Lookups::default()
    }
}

/// Indexes say nothing about the case file: two case files are equal whatever their indexes.
impl PartialEq for Lookups {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Lookups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookups")
    }
}

/// `items[i]` whose `key` is `id`, through `index` (built from `items` when empty).
fn look_up<'a, T>(
    index: &std::sync::OnceLock<std::collections::HashMap<String, usize>>,
    items: &'a [T],
    id: &str,
    key: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    let map = index.get_or_init(|| {
        let mut m = std::collections::HashMap::with_capacity(items.len());
        for (i, t) in items.iter().enumerate() {
            m.entry(key(t).to_string()).or_insert(i);
        }
        m
    });
    map.get(id)
        .and_then(|&i| items.get(i))
        .filter(|t| key(t) == id)
        .or_else(|| items.iter().find(|t| key(t) == id))
}

/// A document as it appears in case.json: its text, metadata and provenance, without the
/// offset map (which stays in the store).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    pub path: String,
    pub sha256: String,
    pub size: usize,
    pub encoding: String,
    pub format: Format,
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub wire: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateValue>,
    pub published_bounds: Option<DateBounds>,
    pub metadata: Vec<MetaField>,
    pub boilerplate: Vec<Boilerplate>,
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_conflict: Option<String>,
    /// For a PDF: which text range is on which page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageRange>,
}

impl From<&Document> for DocumentSummary {
    fn from(d: &Document) -> Self {
        DocumentSummary {
            id: d.id.clone(),
            path: d.path.clone(),
            sha256: d.sha256.clone(),
            size: d.size,
            encoding: d.encoding.clone(),
            format: d.format,
            text: d.text.clone(),
            title: d.title.clone(),
            outlet: d.outlet.clone(),
            byline: d.byline.clone(),
            wire: d.wire.clone(),
            url: d.url.clone(),
            published: d.published.clone(),
            published_bounds: d.published_bounds.clone(),
            metadata: d.metadata.clone(),
            boilerplate: d.boilerplate.clone(),
            notes: d.notes.clone(),
            date_conflict: d.date_conflict.clone(),
            pages: d.pages.clone(),
        }
    }
}

impl CaseFile {
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        look_up(&self.lookup.entities, &self.entities, id, |e| &e.id)
    }
    pub fn document(&self, id: &str) -> Option<&DocumentSummary> {
        look_up(&self.lookup.documents, &self.documents, id, |d| &d.id)
    }
    /// The text a span covers, or "" when the span is out of range.
    pub fn span_text(&self, span: &Span) -> &str {
        self.document(&span.doc)
            .map(|d| span.text(&d.text))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod lookup_tests {
    use super::*;

    #[test]
    fn a_lookup_is_right_after_the_lists_change() {
        let mut c: CaseFile = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "case": "t", "generated_by": "t", "documents": [],
            "entities": [], "events": [], "quotes": [], "claims": [], "discrepancies": [],
            "interventions": [], "sources": []
        }))
        .unwrap();
        let e = |id: &str| Entity {
            id: id.into(),
            kind: EntityKind::Person,
            name: id.into(),
            aliases: vec![],
            roles: vec![],
            attributes: vec![],
            mentions: vec![],
            merges: vec![],
            notes: vec![],
            protected: false,
        };
        c.entities = vec![e("a"), e("b"), e("c")];
        assert_eq!(c.entity("b").unwrap().id, "b");
        assert!(c.entity("z").is_none());
        // after the index was built: an item taken out, one put in, the order changed
        c.entities.remove(0);
        c.entities.push(e("z"));
        c.entities.reverse();
        for id in ["b", "c", "z"] {
            assert_eq!(c.entity(id).unwrap().id, id);
        }
        assert!(c.entity("a").is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize) -> Span {
        Span {
            doc: "d".into(),
            start,
            end: start + 4,
        }
    }

    #[test]
    fn decisions_conflict_when_they_change_the_same_thing() {
        let merge = Decision::Merge {
            a: "Salekh Magamadov".into(),
            b: "Salek".into(),
        };
        let apart = Decision::KeepApart {
            a: "salekh magamadov ".into(),
            b: "Ismail Isaev".into(),
        };
        let other = Decision::Reject {
            entity: "Grozny".into(),
        };
        let note = Decision::Note {
            entity: Some("Salek".into()),
            event: None,
            text: "checked".into(),
        };
        let edit = |start, field| Decision::EditEvent {
            event: span(start),
            field,
            value: "x".into(),
            before: None,
        };
        let table = [
            (&merge, &apart, true),
            (&merge, &other, false),
            (&merge, &note, false),
            (&note, &note, false),
            (&edit(0, EventField::Date), &edit(0, EventField::Date), true),
            (
                &edit(0, EventField::Date),
                &edit(0, EventField::Place),
                false,
            ),
            (
                &edit(0, EventField::Date),
                &edit(9, EventField::Date),
                false,
            ),
        ];
        for (a, b, expected) in table {
            assert_eq!(a.conflicts_with(b), expected, "{a:?} / {b:?}");
            assert_eq!(b.conflicts_with(a), expected, "symmetric: {b:?} / {a:?}");
        }
    }
}
