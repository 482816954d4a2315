//! A throwaway PostgreSQL database: made on a server, dropped when done. Tests, benchmarks and
//! load runs use one each, so that they never touch a team's data and leave nothing behind.

use postgres::NoTls;

use crate::{Result, StoreError};

/// The server tests and benchmarks use: `CASEFILE_TEST_POSTGRES`, or the local server a
/// casefile development machine runs (127.0.0.1:5432, user postgres, trust authentication).
pub fn server() -> String {
    std::env::var("CASEFILE_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A scratch database on [`server`] for one test, or None (said on stderr) when
/// `CASEFILE_TEST_POSTGRES=off` leaves the PostgreSQL tests out. A server that cannot make one
/// fails the test, with what to do.
pub fn for_test() -> Option<ScratchDatabase> {
    let admin = server();
    if admin == "off" {
        eprintln!("CASEFILE_TEST_POSTGRES=off: the PostgreSQL part of this test is left out");
        return None;
    }
    Some(ScratchDatabase::create(&admin).unwrap_or_else(|e| panic!("{e}")))
}

/// A database made for one test or run, dropped (with any connection left to it) on drop.
pub struct ScratchDatabase {
    admin: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// A new, empty database on the server at `admin` (an address whose user may create
    /// databases), named `casefile_scratch_…`.
    pub fn create(admin: &str) -> Result<ScratchDatabase> {
        let name = format!(
            "casefile_scratch_{}_{}",
            std::process::id(),
            crate::common::random_hex(6)
        );
        let url = with_database(admin, &name);
        let made = crate::pg::off_runtime(|| {
            let mut c = postgres::Client::connect(admin, NoTls)?;
            c.batch_execute(&format!("CREATE DATABASE {name}"))
        });
        made.map_err(|e| {
            StoreError::Server(format!(
                "cannot make a scratch database on {}: {}. Tests of the team database need a PostgreSQL server: start one, or set CASEFILE_TEST_POSTGRES to the address of one whose user may create databases",
                crate::pg::shown(admin),
                crate::pg::describe(&e)
            ))
        })?;
        Ok(ScratchDatabase {
            admin: admin.to_string(),
            name,
            url,
        })
    }

    /// The database's address.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let (admin, name) = (&self.admin, &self.name);
        let _ = crate::pg::off_runtime(|| {
            let mut c = postgres::Client::connect(admin, NoTls)?;
            c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        });
    }
}

/// `url` naming database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..host_end])
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_database_name_replaces_the_servers() {
        assert_eq!(
            super::with_database("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(super::with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(
            super::with_database("postgresql://u:p@h/db?sslmode=disable", "x"),
            "postgresql://u:p@h/x?sslmode=disable"
        );
    }
}
