//! The documenter's desk: every use case of casefile, once, over any [`Store`].
//!
//! The command line and the web app are adapters: they turn arguments or HTTP requests into
//! calls of a [`Desk`] and its results into lines or pages. What a documenter can do lives here:
//! open a case, add reports ([`Desk::add_reports`]), rebuild the case file, look up an entity,
//! change the case through one typed [`Change`] that is checked once and recorded as a
//! [`Decision`](casefile_model::Decision), replay the decisions on every build, export, search,
//! and manage accounts. Who may do what is asked of [`Role`] in one place.

use casefile_model::{CaseFile, Permission, Role};
pub use casefile_store::{
    AnyStore, AuditReport, DecisionRecord, Key, Location, SearchHit, Session, Signer, Store,
    StoreError, User, MIN_PASSPHRASE_CHARS,
};

mod accounts;
pub mod audit;
mod change;
pub mod custody;
pub use casefile_capture::Options as CaptureOptions;
pub mod export;
mod intake;
pub mod lookup;
pub mod migrate;
pub mod public;
pub mod replay;
mod search;
pub mod work;

pub use accounts::{add_user, end_sessions, remove_user, set_password, SESSION_HOURS};
pub use casefile_pipeline::{sentence_svg, set_jobs, Progress, Silent, Step, ANNOTATOR_VERSION};
pub use change::Change;
pub use export::Format;
pub use intake::{Intake, Observer, Quiet};
pub use lookup::MentionRef;
pub use search::SearchQuery;
pub use work::work;

/// What went wrong, in words a documenter can act on.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The input does not make sense for this case (not a date, two kinds of thing merged, …).
    #[error("{0}")]
    Invalid(String),
    /// The input names something the case does not hold (an entity, an event, a decision).
    #[error("{0}")]
    NotFound(String),
    /// The account's role does not allow it.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing could be done with what was given.
    #[error("{0}")]
    Nothing(String),
    /// Someone else changed the same thing after the version the change was made on: nothing
    /// was changed. Holds their decisions.
    #[error("{}", casefile_store::conflict_message(.0))]
    Conflict(Vec<DecisionRecord>),
    /// Adding reports stopped part-way: those stored stay, the rest were not read.
    #[error("stopped part-way: {stored} report(s) stored in this run stay stored, {left} not read: {cause}. Run the same command again to add the rest (reports already stored are skipped)")]
    Partial {
        stored: usize,
        left: usize,
        cause: StoreError,
    },
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(theirs) => DeskError::Conflict(theirs),
            e => DeskError::Store(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, DeskError>;

/// Who acts: an account's name and role. The command line acts as the owner of the database
/// (whoever holds the passphrase); the web app as the signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub role: Role,
    /// The account's signing key, unlocked by its password: the decisions it makes are signed.
    pub signer: Option<casefile_store::Signer>,
}

impl Actor {
    /// The holder of the database's passphrase, at the command line.
    pub fn owner(name: impl Into<String>) -> Actor {
        Actor {
            name: name.into(),
            role: Role::Owner,
            signer: None,
        }
    }

    /// The same actor, signing with `signer`.
    pub fn signing(mut self, signer: Option<casefile_store::Signer>) -> Actor {
        self.signer = signer;
        self
    }
    /// Refuse unless this actor's role grants `p`.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.role.may(p) {
            return Ok(());
        }
        Err(DeskError::Forbidden(match p {
            Permission::Read => "this account cannot read the case".into(),
            Permission::Curate => format!("{}s cannot change the case", self.role),
            Permission::Administer => "only an owner can do that".into(),
        }))
    }
}

/// Open an existing store; a file that does not exist is an error that says how to make one.
pub fn open_store(at: &Location, key: Key) -> Result<AnyStore> {
    if !at.exists() {
        return Err(DeskError::Invalid(format!(
            "{}: no such database; create one with `casefile build PATH... --out DIR`",
            at.shown()
        )));
    }
    Ok(casefile_store::open(at, key)?)
}

/// Open the store at `at`, creating it when it does not exist (a file readable by its owner
/// only). The store refuses to make a new database with a passphrase shorter than
/// [`MIN_PASSPHRASE_CHARS`], on disk or on a server alike.
pub fn create_store(at: &Location, key: Key) -> Result<AnyStore> {
    let Location::File(path) = at else {
        return Ok(casefile_store::open(at, key)?);
    };
    let new = !path.exists();
    let store = casefile_store::open(at, key)?;
    // a new database is its owner's alone, encrypted or not
    #[cfg(unix)]
    if new {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
            DeskError::Invalid(format!("{}: cannot make it private: {e}", path.display()))
        })?;
    }
    Ok(store)
}

/// Check the whole decision log of a store (every case): each entry's hash, the chain, the head.
pub fn verify_audit(store: &impl Store) -> Result<AuditReport> {
    Ok(store.verify_audit()?)
}

/// One case of a store, and everything a documenter does with it.
pub struct Desk<S: Store = AnyStore> {
    store: S,
    case: i64,
    name: String,
    progress: Box<dyn Progress + Send>,
    last: Rebuilt,
    /// Annotations made while reports were added (and stored), for the next rebuild to take
    /// without reading them back.
    fresh: std::collections::HashMap<String, casefile_model::Annotations>,
}

/// What the last rebuild did with the reports' annotations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Reports annotated by this rebuild (new ones, and those read by another annotator).
    pub annotated: usize,
    /// Of those, reports whose stored annotations were made by another version of the
    /// annotator (a new casefile): read again.
    pub outdated: usize,
}

impl<S: Store> Desk<S> {
    /// The case named `name`, made when the store has none of that name.
    pub fn create(mut store: S, name: &str) -> Result<Self> {
        let case = store.case(name)?;
        Ok(Desk {
            store,
            case,
            name: name.to_string(),
            progress: Box::new(Silent),
            last: Rebuilt::default(),
            fresh: Default::default(),
        })
    }

    /// The existing case named `name`; an error lists the cases there are.
    pub fn open(store: S, name: &str) -> Result<Self> {
        let cases = store.cases()?;
        if !cases.iter().any(|c| c == name) {
            return Err(DeskError::Invalid(format!(
                "no case named “{name}”; cases here: {}",
                cases.join(", ")
            )));
        }
        // it exists, so `create` finds it and makes nothing
        Self::create(store, name)
    }

    pub fn case_name(&self) -> &str {
        &self.name
    }

    /// Tell `progress` the steps of every build from now on (a terminal shows them).
    pub fn show_progress(&mut self, progress: Box<dyn Progress + Send>) {
        self.progress = progress;
    }

    /// What the last rebuild did with the reports' annotations.
    pub fn last_rebuild(&self) -> Rebuilt {
        self.last
    }

    /// Build the case file again from the stored reports and the decisions in force, and save
    /// it. Resolution obeys merges, splits and keep-aparts; every other decision is replayed
    /// on the result ([`replay`]). Each report is annotated once: its annotations are stored
    /// with the annotator's version and reused by later builds of the same version; a new
    /// version reads every report again ([`Desk::last_rebuild`] says how many).
    pub fn rebuild(&mut self) -> Result<CaseFile> {
        let mut docs = self.store.documents(self.case)?;
        let decisions = replay::in_force(&self.store.decisions(self.case)?);
        let mut fresh = std::mem::take(&mut self.fresh);
        let mut stored = if docs.iter().all(|d| fresh.contains_key(&d.id)) {
            casefile_store::StoredAnnotations::default()
        } else {
            self.store.annotations(self.case, ANNOTATOR_VERSION)?
        };
        let known: Vec<_> = docs
            .iter()
            .map(|d| fresh.remove(&d.id).or_else(|| stored.current.remove(&d.id)))
            .collect();
        let built = casefile_pipeline::build_with(
            &self.name,
            &mut docs,
            known,
            &decisions,
            self.progress.as_mut(),
        );
        let made: Vec<(&str, &casefile_model::Annotations)> = docs
            .iter()
            .zip(&built.annotations)
            .zip(&built.made)
            .filter(|(_, made)| **made)
            .map(|((d, a), _)| (d.id.as_str(), a))
            .collect();
        if !made.is_empty() {
            self.store
                .save_annotations(self.case, ANNOTATOR_VERSION, &made)?;
        }
        self.last = Rebuilt {
            annotated: made.len(),
            outdated: stored.stale.min(made.len()),
        };
        let mut file = built.case;
        replay::apply(&decisions, &mut file);
        self.store.save_case_file(self.case, &file)?;
        Ok(file)
    }

    /// The case file as last built (built now if it never was).
    pub fn current(&mut self) -> Result<CaseFile> {
        match self.store.case_file(self.case)? {
            // a file built from the reports stored now (an `add` cut off before its rebuild
            // leaves one that is not)
            Some(f) if self.built_from_stored(&f)? => Ok(f),
            _ => self.rebuild(),
        }
    }

    /// Whether a case file was built from exactly the reports the case holds now.
    fn built_from_stored(&self, file: &CaseFile) -> Result<bool> {
        let mut stored = self.store.report_ids(self.case)?;
        let mut built: Vec<String> = file.documents.iter().map(|d| d.id.clone()).collect();
        stored.sort_unstable();
        built.sort_unstable();
        Ok(stored == built)
    }

    /// Changes whenever another process commits to the store (see [`Store::generation`]).
    pub fn generation(&self) -> Result<i64> {
        Ok(self.store.generation()?)
    }

    /// Check a change against the current case file, record it as a decision by `actor`, and
    /// rebuild. Returns the decision as recorded and the new case file.
    pub fn decide(
        &mut self,
        change: Change,
        actor: &Actor,
    ) -> Result<(casefile_model::Decision, CaseFile)> {
        self.decide_on(change, actor, None)
    }

    /// [`Desk::decide`], for a change made on the case as it stood at `base` (its
    /// [`Desk::version`] then): refused with [`DeskError::Conflict`] when someone else has
    /// changed the same thing since, never applied over their change unseen.
    pub fn decide_on(
        &mut self,
        change: Change,
        actor: &Actor,
        base: Option<i64>,
    ) -> Result<(casefile_model::Decision, CaseFile)> {
        actor.require(Permission::Curate)?;
        let file = self.current()?;
        let records = self.store.decisions(self.case)?;
        let decision = change.check(&file, &records)?;
        self.store.add_decision_on(
            self.case,
            &decision,
            &actor.name,
            actor.signer.as_ref(),
            base,
        )?;
        let file = self.rebuild()?;
        Ok((decision, file))
    }

    /// The version of the case a change is made on: the number of entries of the decision log
    /// (which every decision, by anyone, moves on).
    pub fn version(&self) -> Result<i64> {
        Ok(self.store.head(casefile_store::Log::Decisions)?.entries)
    }

    /// The case file for the public: every protected person given a pseudonym ([`public`]),
    /// and the pseudonyms given (name, pseudonym).
    pub fn public(&mut self) -> Result<(CaseFile, Vec<(String, String)>)> {
        let file = self.current()?;
        let order: Vec<String> = replay::in_force(&self.store.decisions(self.case)?)
            .into_iter()
            .filter_map(|d| match d {
                casefile_model::Decision::Protect { entity } => Some(entity),
                _ => None,
            })
            .collect();
        Ok(public::pseudonymise(&file, &order))
    }

    /// Every decision of the case, oldest first.
    pub fn decisions(&self) -> Result<Vec<DecisionRecord>> {
        Ok(self.store.decisions(self.case)?)
    }

    /// Check the whole decision log of the store.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        verify_audit(&self.store)
    }
}

#[cfg(test)]
mod tests;
