#!/usr/bin/env bash
# Shared ingest on a team database: REPORTS reports (default 5,000: the real reports of
# ../shared/seeds and ../shared/cases, each copy made distinct by one line, as reprints are) are
# queued with `add --no-wait`, then ingested (1) by one worker, timed, and (2) on a fresh
# database by WORKERS workers (default 4) while one of them is killed with SIGKILL twice (and
# started again each time). Checks that every report is stored exactly once, with its custody
# entry, and that `casefile verify` and `audit verify` pass. Databases are made for the run and
# dropped after it (CASEFILE_TEST_POSTGRES: a server whose user may create them).
set -euo pipefail
cd "$(dirname "$0")/.."
ADMIN="${CASEFILE_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
REPORTS="${REPORTS:-5000}"
WORKERS="${WORKERS:-4}"
export CASEFILE_PASSPHRASE="ingest-run passphrase" CASEFILE_LEASE="${CASEFILE_LEASE:-5}"
cargo build --release -q -p casefile
cf=target/release/casefile
work=$(mktemp -d)
dbs=()
cleanup() {
  jobs -p | xargs -r kill -9 2>/dev/null || true
  for d in "${dbs[@]}"; do psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
python3 - "$work/reports" "$REPORTS" <<'PY'
import os, sys, glob
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
src = sorted(glob.glob("../shared/seeds/*") + glob.glob("../shared/cases/*/reports/*"))
for i in range(n):
    s = src[i % len(src)]
    base = os.path.basename(s)
    data = open(s, "rb").read()
    # a line inside the text: reprints differ by a line, and HTML stays HTML
    line = f"\nReprinted, copy {i}.\n".encode()
    data = data.replace(b"</body>", line + b"</body>", 1) if b"</body>" in data else data + line
    open(os.path.join(out, f"{i:05d}-{base}"), "wb").write(data)
PY
# a new database named casefile_ingest_PID_$1, its address in $url (not in a subshell: the
# cleanup must know every database made)
fresh() {
  local d="casefile_ingest_$$_$1"
  psql "$ADMIN" -qc "CREATE DATABASE $d"
  dbs+=("$d")
  url="${ADMIN%/*}/$d"
}
check() {
  local url=$1
  local v a
  v=$($cf verify "$url" --json)
  a=$($cf audit verify "$url" --json)
  python3 - "$v" "$a" "$REPORTS" <<'PY'
import json, sys
v, a, n = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
print(f"   stored {v['reports']} reports, {v['custody_entries']} custody entries; verify ok: {v['ok']}; audit ok: {a['ok']}")
assert v["ok"] and a["ok"], (v["problems"], a["problems"])
assert v["reports"] == n and v["custody_entries"] == n, "every report exactly once"
PY
}
now() { date +%s.%N; }
# a new database named casefile_ingest_PID_$1 with every report queued on it; the clock started
start_run() {
  fresh "$1"
  $cf add "$url" "$work/reports" --no-wait -q
  t0=$(now)
}
# seconds since start_run, to a tenth
elapsed() { python3 -c "print(round($(now) - $t0, 1))"; }
# $1 workers at once, until nothing waits
workers() {
  local pids=()
  for _ in $(seq 1 "$1"); do $cf worker "$url" --until-empty -q & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
}

echo "== $REPORTS reports, one worker"
start_run one
workers 1
one=$(elapsed)
echo "   one worker: ${one} s"
check "$url"

echo "== $REPORTS reports, $WORKERS workers, one of them killed with SIGKILL twice"
start_run many
workers $((WORKERS - 1)) & others=$!
for kill in 1 2; do
  $cf worker "$url" --until-empty -q & victim=$!
  sleep 0.7
  kill -9 "$victim" 2>/dev/null && echo "   killed a worker (SIGKILL) after 0.7 s" || echo "   the worker had finished"
  wait "$victim" 2>/dev/null || true
done
workers 1
wait "$others"
# what the killed worker held comes back when its lease (CASEFILE_LEASE s) runs out
sleep "$CASEFILE_LEASE"
workers 1
many=$(elapsed)
echo "   $WORKERS workers (one killed twice, lease ${CASEFILE_LEASE} s): ${many} s"
check "$url"

echo "== $REPORTS reports, $WORKERS workers, none killed"
start_run calm
workers "$WORKERS"
calm=$(elapsed)
echo "   $WORKERS workers: ${calm} s"
check "$url"
echo "{\"reports\": $REPORTS, \"one_worker_s\": $one, \"workers\": $WORKERS, \"workers_s\": $calm, \"workers_one_killed_twice_s\": $many, \"kills\": 2, \"lease_s\": $CASEFILE_LEASE}"
