//! The domain words that more than one stage speaks: account roles and what each may do, the
//! kinds of act, the roles people play in an event, the fields of an event a person may correct,
//! the verdicts on a discrepancy and the modality of a telling.
//!
//! Each is an enum declared with [`words!`], which spells every word once: its serde name, its
//! `as_str`, `Display`, `FromStr` and the list `ALL` all come from that one spelling, so case.json,
//! the decision log, the web forms and the command line cannot disagree. A new word is one line
//! here plus its rendering.

use serde::{Deserialize, Serialize};

/// Declare a domain vocabulary: an enum whose variants each carry the one name they are written
/// by. `what` begins the error for an unknown word ("unknown role").
macro_rules! words {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $word)] $variant, )+
        }

        impl $name {
            /// Every word, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The word as written in case.json, the log and the forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|w| w.as_str() == s)
                    .ok_or_else(|| {
                        let all: Vec<&str> = $name::ALL.iter().map(|w| w.as_str()).collect();
                        format!("{} “{s}”: use {}", $what, all.join(", "))
                    })
            }
        }
    };
}

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

words! {
    /// An account's role in a case.
    pub enum Role ("unknown role") {
        /// Everything, including accounts and deletion.
        Owner = "owner",
        /// Reads and curates.
        Editor = "editor",
        /// Reads.
        Viewer = "viewer",
    }
}

impl Role {
    /// Whether this role may do `p`: the one place where roles are given their powers.
    pub fn may(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::Curate => matches!(self, Role::Owner | Role::Editor),
            Permission::Administer => self == Role::Owner,
        }
    }
}

words! {
    /// The part a named thing plays in one telling of an event.
    ///
    /// The variants are in alphabetical order of their names, which is also their order: where
    /// two roles are equally supported, resolution keeps the first in this order.
    pub enum ParticipantRole ("unknown participant role") {
        /// Charged, tried or sentenced: the one a legal proceeding is against. The case file
        /// does not judge whether they are a victim of the proceeding or the one who did what
        /// it tries (a killer sentenced for the killing is no victim).
        Accused = "accused",
        /// Whom an appeal or a petition is addressed to: the object of "urged", "asked",
        /// "petitioned", the "to" of "appealed to", the "on" of "called on".
        Addressee = "addressee",
        /// Acted, without the act being a violation (flew, announced).
        Agent = "agent",
        /// Helped the victims (an organisation that evacuated them).
        Helper = "helper",
        /// Named in the sentence, in no clear part.
        Other = "other",
        /// Committed the violation.
        Perpetrator = "perpetrator",
        /// Tells of the event (a speaker, someone cited): never an actor.
        Source = "source",
        /// Suffered the violation.
        Victim = "victim",
        /// Saw it (set by people; extraction does not guess it).
        Witness = "witness",
    }
}

words! {
    /// A field of an event that a person may correct.
    pub enum EventField ("cannot edit") {
        /// The date: an ISO value (2021, 2021-02, 2021-02-04).
        Date = "date",
        /// The act type.
        Type = "type",
        /// The place: an entity name or id.
        Place = "place",
        /// "Name:role" adds a participant (role victim when left out).
        AddParticipant = "add-participant",
        /// "Name" removes a participant.
        RemoveParticipant = "remove-participant",
    }
}

words! {
    /// How two or more values of one attribute relate.
    pub enum Verdict ("unknown verdict") {
        Conflict = "conflict",
        ConsistentOverTime = "consistent-over-time",
        SpellingVariant = "spelling-variant",
        Granularity = "granularity",
        Imprecision = "imprecision",
        DifferentDetail = "different-detail",
        Contested = "contested",
        Paraphrase = "paraphrase",
    }
}

words! {
    /// The kind of an act, from the controlled vocabulary after the HURIDOCS Events Standard
    /// Formats (each mapped to a PLOVER type and mode in annotate's table; docs/events.md).
    pub enum ActKind ("unknown act type") {
        Abduction = "abduction",
        Disappearance = "disappearance",
        Arrest = "arrest",
        Detention = "detention",
        Raid = "raid",
        Torture = "torture",
        IllTreatment = "ill-treatment",
        Attack = "attack",
        Threat = "threat",
        Killing = "killing",
        DeathInCustody = "death-in-custody",
        Mutilation = "mutilation",
        RemainsDisposal = "remains-disposal",
        ForcedReturn = "forced-return",
        Flight = "flight",
        CriminalCharge = "criminal-charge",
        Trial = "trial",
        Ruling = "ruling",
        Judgment = "judgment",
        Release = "release",
        Pardon = "pardon",
        CoercedStatement = "coerced-statement",
        ProtectionGranted = "protection-granted",
        Petition = "petition",
        PublicStatement = "public-statement",
        Persecution = "persecution",
        AccessToCounsel = "access-to-counsel",
        Investigation = "investigation",
        Questioning = "questioning",
        Sanctions = "sanctions",
        Dismissal = "dismissal",
        Expulsion = "expulsion",
        Search = "search",
        Designation = "designation",
    }
}

impl ActKind {
    /// The family of the act: acts that tell of the same kind of happening ("seized",
    /// "arrested", "abducted" of one seizure), so that tellings in different words meet.
    pub fn family(self) -> &'static str {
        match self {
            ActKind::Arrest | ActKind::Abduction | ActKind::Disappearance | ActKind::Raid => {
                "seizure"
            }
            // an attack and the beating it was ("attacked by armed men and severely beaten")
            ActKind::Torture | ActKind::IllTreatment | ActKind::Attack => "torture",
            // a death in custody and the killing a family or a doctor tells of it: one death
            ActKind::Killing | ActKind::DeathInCustody => "killing",
            // a court's decisions: a sentence, and its review on appeal, told apart by dates
            ActKind::Trial | ActKind::Ruling => "trial",
            k => k.as_str(),
        }
    }

    /// Whether the act is a legal proceeding (charging, trying, sentencing): an authority's act
    /// in a case, whose doer is named as the one who took it, not as a perpetrator; with a doer
    /// named, it is the authorities' intervention too.
    pub fn is_proceeding(self) -> bool {
        matches!(
            self,
            ActKind::CriminalCharge | ActKind::Trial | ActKind::Ruling
        )
    }

    /// Whether the act is an intervention after the HURIDOCS Events Standard Formats: a step
    /// someone takes about the case (a petition, a statement, protection or access granted, an
    /// investigation, sanctions, a dismissal from office, diplomats expelled, a pardon), not an
    /// act done to its
    /// victims. A case has many, each its own; one that no report dates is no step of the dated
    /// chain, and is kept with its doer among the case's interventions.
    pub fn is_intervention(self) -> bool {
        matches!(
            self,
            ActKind::Petition
                | ActKind::ProtectionGranted
                | ActKind::PublicStatement
                | ActKind::AccessToCounsel
                | ActKind::Investigation
                | ActKind::Sanctions
                | ActKind::Dismissal
                | ActKind::Expulsion
                | ActKind::Pardon
                | ActKind::Judgment
        )
    }

    /// Whether a case has many acts of the kind, each its own happening: the statements and the
    /// requests of its parties (a lawyer's appeal is not the prosecutor's) and the threats made
    /// (an officer's in a cell is not a president's on television). Tellings of such a kind are
    /// one act only by the same doer.
    pub fn many_to_a_case(self) -> bool {
        matches!(
            self,
            ActKind::PublicStatement | ActKind::Petition | ActKind::Threat
        )
    }

    /// Whether the act is a campaign that lasts months or years (persecution): the background
    /// of a case, placed in its chain only where a report dates it.
    pub fn is_campaign(self) -> bool {
        self == ActKind::Persecution
    }

    /// The kind as people read it ("forced return").
    pub fn words(self) -> String {
        self.as_str().replace('-', " ")
    }
}

words! {
    /// What became of a request, an appeal or a petition, as the words the grammar ties to it
    /// say ("her requests had been refused", "the court granted the appeal", "the appeal is
    /// pending").
    pub enum Answer ("unknown answer") {
        Granted = "granted",
        Refused = "refused",
        Pending = "pending",
    }
}

words! {
    /// How a source puts an act. Only asserted and alleged acts enter the chain of events; the
    /// others are claims with their source: a threat is not a deed.
    pub enum Modality ("unknown modality") {
        /// Told as done.
        Asserted = "asserted",
        /// Told as done, on someone's word ("allegedly", "according to").
        Alleged = "alleged",
        /// Someone says it was not done ("denied torturing").
        Denied = "denied",
        /// A condition or a purpose ("could", "if", "to prevent").
        Hypothetical = "hypothetical",
        /// Threatened ("threatened to kill", "threats of").
        Threatened = "threatened",
        /// Feared, or a risk ("at risk of honour killings", "could face").
        Feared = "feared",
        /// Asked for ("demands their release", "called for the arrest").
        Demanded = "demanded",
        /// Told as not done ("did not", "was never").
        Negated = "negated",
    }
}

impl Modality {
    /// Whether an act so put enters the chain of events.
    pub fn in_chain(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Alleged)
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
        check(Role::ALL, |r| r.as_str());
        check(ParticipantRole::ALL, |r| r.as_str());
        check(EventField::ALL, |f| f.as_str());
        check(Verdict::ALL, |v| v.as_str());
        check(Modality::ALL, |m| m.as_str());
        check(ActKind::ALL, |k| k.as_str());
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
