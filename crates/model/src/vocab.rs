//! The domain words that more than one stage speaks: account roles and what each may do, the
//! roles people play in an event, the fields of an event a person may correct, the verdicts on
//! a discrepancy and the modality of a telling.
//!
//! Each is an enum with its serde name, so case.json, the decision log, the web forms and the
//! command line all spell a word the same way. A new word is a change here plus its rendering.

use serde::{Deserialize, Serialize};

/// What a signed-in account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the case: pages, API, search.
    Read,
    /// Correct the machine: merge, split, edit events, verdicts, notes, undo.
    Curate,
    /// Make and remove accounts, remove reports: the owner's alone.
    Administer,
}

/// An account's role in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including accounts and deletion.
    Owner,
    /// Reads and curates.
    Editor,
    /// Reads.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Editor, Role::Viewer];

    /// Whether this role may do `p`: the one place where roles are given their powers.
    pub fn may(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::Curate => matches!(self, Role::Owner | Role::Editor),
            Permission::Administer => self == Role::Owner,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role “{s}”: use owner, editor or viewer"))
    }
}

/// The part a named thing plays in one telling of an event.
///
/// The variants are in alphabetical order of their names, which is also their order: where
/// two roles are equally supported, resolution keeps the first in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantRole {
    /// Acted, without the act being a violation (flew, announced).
    Agent,
    /// Helped the victims (an organisation that evacuated them).
    Helper,
    /// Named in the sentence, in no clear part.
    Other,
    /// Committed the violation.
    Perpetrator,
    /// Tells of the event (a speaker, someone cited): never an actor.
    Source,
    /// Suffered the violation.
    Victim,
    /// Saw it (set by people; extraction does not guess it).
    Witness,
}

impl ParticipantRole {
    pub const ALL: [ParticipantRole; 7] = [
        ParticipantRole::Agent,
        ParticipantRole::Helper,
        ParticipantRole::Other,
        ParticipantRole::Perpetrator,
        ParticipantRole::Source,
        ParticipantRole::Victim,
        ParticipantRole::Witness,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantRole::Agent => "agent",
            ParticipantRole::Helper => "helper",
            ParticipantRole::Other => "other",
            ParticipantRole::Perpetrator => "perpetrator",
            ParticipantRole::Source => "source",
            ParticipantRole::Victim => "victim",
            ParticipantRole::Witness => "witness",
        }
    }
}

impl std::fmt::Display for ParticipantRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ParticipantRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ParticipantRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!("unknown participant role “{s}”: use victim, perpetrator, witness, agent, helper, source or other")
            })
    }
}

/// A field of an event that a person may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventField {
    /// The date: an ISO value (2021, 2021-02, 2021-02-04).
    Date,
    /// The act type.
    Type,
    /// The place: an entity name or id.
    Place,
    /// "Name:role" adds a participant (role victim when left out).
    AddParticipant,
    /// "Name" removes a participant.
    RemoveParticipant,
}

impl EventField {
    pub const ALL: [EventField; 5] = [
        EventField::Date,
        EventField::Type,
        EventField::Place,
        EventField::AddParticipant,
        EventField::RemoveParticipant,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EventField::Date => "date",
            EventField::Type => "type",
            EventField::Place => "place",
            EventField::AddParticipant => "add-participant",
            EventField::RemoveParticipant => "remove-participant",
        }
    }
}

impl std::fmt::Display for EventField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EventField {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        EventField::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "cannot edit “{s}”: date, type, place, add-participant or remove-participant"
                )
            })
    }
}

/// How two or more values of one attribute relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Conflict,
    ConsistentOverTime,
    SpellingVariant,
    Granularity,
    Imprecision,
    DifferentDetail,
    Contested,
    Paraphrase,
}

/// How a source puts an act. Only asserted and alleged acts enter the chain of events; the
/// others are claims with their source: a threat is not a deed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Told as done.
    Asserted,
    /// Told as done, on someone's word ("allegedly", "according to").
    Alleged,
    /// Someone says it was not done ("denied torturing").
    Denied,
    /// A condition or a purpose ("could", "if", "to prevent").
    Hypothetical,
    /// Threatened ("threatened to kill", "threats of").
    Threatened,
    /// Feared, or a risk ("at risk of honour killings", "could face").
    Feared,
    /// Asked for ("demands their release", "called for the arrest").
    Demanded,
    /// Told as not done ("did not", "was never").
    Negated,
}

impl Modality {
    /// Whether an act so put enters the chain of events.
    pub fn in_chain(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Alleged)
    }
}

impl Verdict {
    pub const ALL: [Verdict; 8] = [
        Verdict::Conflict,
        Verdict::ConsistentOverTime,
        Verdict::SpellingVariant,
        Verdict::Granularity,
        Verdict::Imprecision,
        Verdict::DifferentDetail,
        Verdict::Contested,
        Verdict::Paraphrase,
    ];
    /// The serde name (`spelling-variant`).
    pub fn as_str(self) -> &'static str {
        use Verdict::*;
        match self {
            Conflict => "conflict",
            ConsistentOverTime => "consistent-over-time",
            SpellingVariant => "spelling-variant",
            Granularity => "granularity",
            Imprecision => "imprecision",
            DifferentDetail => "different-detail",
            Contested => "contested",
            Paraphrase => "paraphrase",
        }
    }
}

impl std::str::FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("unknown verdict “{s}”"))
    }
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
            Modality::Threatened => "threatened",
            Modality::Feared => "feared",
            Modality::Demanded => "demanded",
            Modality::Negated => "negated",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word's name is its serde name, and reads back.
    #[test]
    fn names_are_serde_names_and_read_back() {
        fn check<T>(all: &[T], name: impl Fn(&T) -> &'static str)
        where
            T: Serialize + std::str::FromStr + PartialEq + std::fmt::Debug,
            T::Err: std::fmt::Debug,
        {
            for w in all {
                let json = serde_json::to_string(w).unwrap();
                assert_eq!(json, format!("\"{}\"", name(w)));
                assert_eq!(&name(w).parse::<T>().unwrap(), w);
            }
        }
        check(&Role::ALL, |r| r.as_str());
        check(&ParticipantRole::ALL, |r| r.as_str());
        check(&EventField::ALL, |f| f.as_str());
        check(&Verdict::ALL, |v| v.as_str());
        assert!("admin".parse::<Role>().is_err());
        assert!("killer".parse::<ParticipantRole>().is_err());
    }

    #[test]
    fn roles_and_their_powers() {
        let table = [
            (Role::Owner, [true, true, true]),
            (Role::Editor, [true, true, false]),
            (Role::Viewer, [true, false, false]),
        ];
        for (role, powers) in table {
            let got = [
                role.may(Permission::Read),
                role.may(Permission::Curate),
                role.may(Permission::Administer),
            ];
            assert_eq!(got, powers, "{role}");
        }
    }

    #[test]
    fn participant_roles_order_alphabetically() {
        let mut names: Vec<&str> = ParticipantRole::ALL.iter().map(|r| r.as_str()).collect();
        let sorted = {
            let mut s = names.clone();
            s.sort();
            s
        };
        assert_eq!(names, sorted);
        names.dedup();
        assert_eq!(names.len(), ParticipantRole::ALL.len());
    }
}
