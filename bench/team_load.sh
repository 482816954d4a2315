#!/usr/bin/env bash
# A load run against one casefile server on a team database (PostgreSQL), on loopback:
# EDITORS editors (default 20) making decisions, each on the version of the case it read, and
# READERS readers (default 100) reading pages and the API, for SECONDS_ seconds (default 60), on
# the seeds' case. Prints requests/s and latency, the decisions sent, stored, refused as
# conflicting and logged, and ends with `casefile audit verify` of the log. The database is made
# for the run and dropped after it (CASEFILE_TEST_POSTGRES: a server whose user may create one).
set -euo pipefail
cd "$(dirname "$0")/.."
ADMIN="${CASEFILE_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
EDITORS="${EDITORS:-20}"
READERS="${READERS:-100}"
RUN_SECONDS="${SECONDS_:-60}"
cargo build --release -q -p casefile -p casefile-bench
db="casefile_load_$$"
url="${ADMIN%/*}/$db"
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$ADMIN" -qc "CREATE DATABASE $db"
export CASEFILE_PASSPHRASE="load-run passphrase" CASEFILE_USER_PASSWORD="load-run password"
cf=target/release/casefile
$cf build ../shared/seeds --out "$work/out" --database "$url" -q
for i in $(seq 1 "$EDITORS"); do $cf user add "$url" "editor$i" --role editor >/dev/null; done
$cf user add "$url" reader --role viewer >/dev/null
port=$((18000 + $$ % 1000))
$cf serve "$url" --bind "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  grep -q serving "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
echo "== $EDITORS editors and $READERS readers for $RUN_SECONDS s against $(cat "$work/serve.log")"
target/release/casefile-bench serve "http://127.0.0.1:$port" --user reader \
  --connections "$READERS" --seconds "$RUN_SECONDS" --editors "$EDITORS" \
  --paths /,/api/timeline,/entities,/api/entities
kill "$server"; wait "$server" 2>/dev/null || true; server=""
echo "== the decision log after the run"
$cf audit verify "$url"
