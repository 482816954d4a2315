#!/usr/bin/env bash
# Property-based tests of the web API against its own description: schemathesis (PyPI) reads
# /api/openapi.json from a running `casefile serve` on loopback, signed in as an owner, and sends
# generated requests to every operation (examples, coverage, fuzzing and stateful phases),
# checking for server errors (5xx), responses outside the described status codes, content
# types and schemas. A throwaway case from examples/reports, unencrypted, in a temporary folder.
#
#   bash scripts/api_fuzz.sh              # 300 s
#   bash scripts/api_fuzz.sh 60           # a shorter run
# Needs python3 with venv; installs schemathesis into target/schemathesis-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
venv=target/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "== installing schemathesis into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5
fi
cargo build --quiet -p casefile
bin=target/debug/casefile
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" build --no-encryption -q examples/reports --out "$work/o"
CASEFILE_USER_PASSWORD='api fuzz password' "$bin" user add --no-encryption "$work/o/case.db" owner --role owner >/dev/null
"$bin" serve --no-encryption --bind 127.0.0.1:0 "$work/o/case.db" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q 'http://' "$work/serve.log" && break; sleep 0.2; done
addr=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
cookie=$(curl -s -i -X POST "$addr/login" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'name=owner&password=api+fuzz+password' | grep -i '^set-cookie:' | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
csrf=$(curl -s "$addr/api/session" -H "Cookie: $cookie" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
echo "== schemathesis against $addr/api/openapi.json for ${seconds} s"
# the credentials as the description's security schemes name them, so that schemathesis also
# checks each call without them is refused
session=${cookie#casefile_session=}
cat >"$work/schemathesis.toml" <<TOML
[auth.openapi.session]
api_key = "$session"
[auth.openapi.csrf]
api_key = "$csrf"
TOML
"$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$addr/api/openapi.json" \
  --checks all --max-time "$seconds" --workers 1 \
  --report json --report-json-path target/schemathesis-report.json
