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
        }
    }
}
