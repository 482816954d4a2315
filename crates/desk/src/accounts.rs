//! Accounts of the web app and their sessions. Accounts belong to the store (one database, its
//! people); what each role may do is [`Role::may`](casefile_model::Role::may).

use casefile_model::Role;
use casefile_store::{Session, Store, User};

use crate::{Actor, Desk, DeskError, Result};

/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// Make an account. The name must be a name; the password is kept as an Argon2id hash.
pub fn add_user(store: &mut impl Store, name: &str, role: Role, password: &str) -> Result<User> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(DeskError::Invalid(
            "an account needs a name of visible characters".into(),
        ));
    }
    Ok(store.add_user(name, role, password)?)
}

/// Delete an account and end its sessions; the last owner cannot be removed (nobody could
/// then manage the accounts from the web app, nor remove reports there).
pub fn remove_user(store: &mut impl Store, name: &str) -> Result<()> {
    let users = store.users()?;
    let Some(user) = users.iter().find(|u| u.name == name) else {
        return Err(no_account(name, &users));
    };
    let owners = users.iter().filter(|u| u.role == Role::Owner).count();
    if user.role == Role::Owner && owners == 1 {
        return Err(DeskError::Invalid(format!(
            "“{name}” is the last owner: make another owner first (`casefile user add DB NAME --role owner`)"
        )));
    }
    store.remove_user(name)?;
    Ok(())
}

/// Give an account a new password; its sessions end.
pub fn set_password(store: &mut impl Store, name: &str, password: &str) -> Result<()> {
    if !store.set_password(name, password)? {
        return Err(no_account(name, &store.users()?));
    }
    Ok(())
}

/// End every session of an account (signed out everywhere): how many there were.
pub fn end_sessions(store: &mut impl Store, name: &str) -> Result<usize> {
    let users = store.users()?;
    if !users.iter().any(|u| u.name == name) {
        return Err(no_account(name, &users));
    }
    Ok(store.end_sessions(name)?)
}

fn no_account(name: &str, users: &[User]) -> DeskError {
    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
    DeskError::Invalid(format!(
        "no account named “{name}” (accounts: {})",
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    ))
}

impl<S: Store> Desk<S> {
    /// Make an account, as `actor` (who must be an owner).
    pub fn add_user(
        &mut self,
        actor: &Actor,
        name: &str,
        role: Role,
        password: &str,
    ) -> Result<User> {
        actor.require(casefile_model::Permission::Administer)?;
        add_user(&mut self.store, name, role, password)
    }

    /// Sign in: a new session's token and the session, or None for a wrong name or password.
    pub fn sign_in(&mut self, name: &str, password: &str) -> Result<Option<(String, Session)>> {
        let Some(user) = self.store.check_password(name, password)? else {
            return Ok(None);
        };
        Ok(Some(self.store.create_session(&user, SESSION_HOURS)?))
    }

    /// Whether `name` is an account of the store.
    pub fn is_account(&self, name: &str) -> Result<bool> {
        Ok(self.store.users()?.iter().any(|u| u.name == name))
    }

    /// An account's signing key, opened with its password (None: wrong name or password).
    pub fn unlock_key(
        &mut self,
        name: &str,
        password: &str,
    ) -> Result<Option<casefile_store::Signer>> {
        Ok(self.store.unlock_key(name, password)?)
    }

    /// The live session a token belongs to.
    pub fn session(&self, token: &str) -> Result<Option<Session>> {
        Ok(self.store.session(token)?)
    }

    pub fn sign_out(&mut self, token: &str) -> Result<()> {
        Ok(self.store.end_session(token)?)
    }
}

impl From<&Session> for Actor {
    fn from(s: &Session) -> Actor {
        Actor {
            name: s.user.name.clone(),
            role: s.user.role,
            signer: None,
        }
    }
}
