//! Schema migrations of both backends, applied in order, each in its own transaction. Never
//! edit a released migration: add a new one.

/// SQLite (SQLCipher): one case database file.
pub const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "initial schema",
        r#"
CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
CREATE TABLE reports (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    id          TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    path        TEXT NOT NULL,
    original    BLOB NOT NULL,
    document    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (case_id, sha256)
);
CREATE TABLE failures (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    path        TEXT NOT NULL,
    error       TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE TABLE case_files (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
    built_at    TEXT NOT NULL,
    json        TEXT NOT NULL
);
CREATE TABLE entities (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    id          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (case_id, id)
);
CREATE TABLE events (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    id          TEXT NOT NULL,
    type        TEXT NOT NULL,
    date        TEXT,
    json        TEXT NOT NULL,
    PRIMARY KEY (case_id, id)
);
CREATE TABLE decisions (
    seq         INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    made_at     TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    json        TEXT NOT NULL
);
"#,
    ),
    (
        2,
        "hash-chained decision log, accounts and sessions",
        r#"
ALTER TABLE decisions ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    entries     INTEGER NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    csrf        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
"#,
    ),
    (
        3,
        "full-text search of reports, inside the encrypted database",
        r#"
CREATE VIRTUAL TABLE report_search USING fts5(
    case_id UNINDEXED,
    doc_id UNINDEXED,
    published UNINDEXED,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO report_search (case_id, doc_id, published, text)
    SELECT case_id, id, COALESCE(json_extract(document, '$.published.value'), json_extract(document, '$.published_bounds.earliest'), ''), json_extract(document, '$.text')
    FROM reports;
"#,
    ),
    (
        4,
        "web captures (the WARC records of each captured page) and the hash-chained custody log",
        r#"
CREATE TABLE captures (
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    doc_id       TEXT NOT NULL,
    requested    TEXT NOT NULL,
    url          TEXT NOT NULL,
    captured_at  TEXT NOT NULL,
    warc         BLOB NOT NULL,
    warc_sha256  TEXT NOT NULL,
    seq          INTEGER NOT NULL
);
CREATE INDEX captures_by_case ON captures (case_id, seq);
CREATE TABLE custody (
    seq         INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    made_at     TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    json        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TABLE custody_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    entries     INTEGER NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TRIGGER custody_append_only_update BEFORE UPDATE ON custody
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_append_only_delete BEFORE DELETE ON custody
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
"#,
    ),
    (
        5,
        "authors' signing keys, sealed by their own passwords; signed decisions",
        r#"
ALTER TABLE users ADD COLUMN sealed_key BLOB;
CREATE TABLE user_keys (
    name        TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE decision_signatures (
    seq         INTEGER PRIMARY KEY REFERENCES decisions(seq),
    signer      TEXT NOT NULL,
    signature   TEXT NOT NULL
);
CREATE TRIGGER decision_signatures_append_only_update BEFORE UPDATE ON decision_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
CREATE TRIGGER decision_signatures_append_only_delete BEFORE DELETE ON decision_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
"#,
    ),
    (
        6,
        "each report's annotations with the version of the annotator that made them; reports in order by an index; no copies of the case file's entities and events",
        r#"
CREATE TABLE annotations (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    report_id   TEXT NOT NULL,
    version     TEXT NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (case_id, report_id)
);
-- the next report's place is read from an index, not from every stored report's row
CREATE INDEX reports_by_seq ON reports (case_id, seq);
CREATE INDEX captures_by_seq ON captures (case_id, seq);
-- copies of the case file's entities and events, written on every build and never read
DROP TABLE entities;
DROP TABLE events;
"#,
    ),
];

/// PostgreSQL: a team database. Sealed columns (`BYTEA`, and the logs' `content`) hold what
/// [`crate::seal`] sealed; `*_tag` columns hold keyed tags for lookups. The logs are the same
/// hash chains as SQLite's, their content as stored; triggers keep them append-only.
pub const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "team database: sealed case data, hash-chained logs, accounts",
        r#"
CREATE TABLE keyring (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    encrypted   BOOLEAN NOT NULL,
    salt        BYTEA NOT NULL,
    check_value BYTEA NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE cases (
    id          BIGSERIAL PRIMARY KEY,
    name_tag    TEXT NOT NULL UNIQUE,
    name        BYTEA NOT NULL,
    case_key    BYTEA NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE reports (
    seq         BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    id_tag      TEXT NOT NULL,
    sha_tag     TEXT NOT NULL,
    meta        BYTEA NOT NULL,
    original    BYTEA NOT NULL,
    document    BYTEA NOT NULL,
    added_at    TEXT NOT NULL,
    UNIQUE (case_id, sha_tag)
);
CREATE INDEX reports_by_id ON reports (case_id, id_tag);
CREATE TABLE failures (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    entry       BYTEA NOT NULL,
    at          TEXT NOT NULL
);
CREATE TABLE case_files (
    case_id     BIGINT PRIMARY KEY REFERENCES cases(id),
    built_at    TEXT NOT NULL,
    json        BYTEA NOT NULL
);
CREATE TABLE captures (
    seq         BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    meta        BYTEA NOT NULL,
    warc        BYTEA NOT NULL
);
CREATE TABLE decisions (
    seq         BIGINT PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    made_at     TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    json        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TABLE audit_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    entries     BIGINT NOT NULL,
    hash        TEXT NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '');
CREATE TABLE custody (
    seq         BIGINT PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    made_at     TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    json        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TABLE custody_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    entries     BIGINT NOT NULL,
    hash        TEXT NOT NULL
);
INSERT INTO custody_head VALUES (1, 0, '');
CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    sealed_key    BYTEA
);
CREATE TABLE user_keys (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE decision_signatures (
    seq         BIGINT PRIMARY KEY REFERENCES decisions(seq),
    signer      TEXT NOT NULL,
    signature   TEXT NOT NULL
);
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    csrf        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE TABLE generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    n           BIGINT NOT NULL
);
INSERT INTO generation VALUES (1, 0);
CREATE FUNCTION casefile_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION casefile_append_only();
CREATE TRIGGER custody_append_only BEFORE UPDATE OR DELETE ON custody
    FOR EACH ROW EXECUTE FUNCTION casefile_append_only();
CREATE TRIGGER signatures_append_only BEFORE UPDATE OR DELETE ON decision_signatures
    FOR EACH ROW EXECUTE FUNCTION casefile_append_only();
CREATE FUNCTION casefile_next_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER reports_generation AFTER INSERT OR UPDATE OR DELETE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION casefile_next_generation();
CREATE TRIGGER decisions_generation AFTER INSERT ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION casefile_next_generation();
CREATE TRIGGER case_files_generation AFTER INSERT OR UPDATE ON case_files
    FOR EACH STATEMENT EXECUTE FUNCTION casefile_next_generation();
"#,
    ),
    (
        2,
        "the ingest queue: reports waiting for a worker, each leased to one at a time",
        r#"
CREATE TABLE jobs (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    meta        BYTEA NOT NULL,
    bytes       BYTEA NOT NULL,
    queued_at   TEXT NOT NULL,
    taken_by    TEXT,
    lease_until TIMESTAMPTZ,
    attempts    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_waiting ON jobs (id) WHERE taken_by IS NULL;
"#,
    ),
    (
        3,
        "each report's annotations (sealed) with the version of the annotator that made them",
        r#"
CREATE TABLE annotations (
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    id_tag      TEXT NOT NULL,
    version     TEXT NOT NULL,
    body        BYTEA NOT NULL,
    PRIMARY KEY (case_id, id_tag)
);
"#,
    ),
];
