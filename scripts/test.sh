#!/usr/bin/env bash
# Run casefile's tests. The browser tests need Debian's chromium and chromium-driver and the
# axe-core accessibility engine (npm); the capture and PDF tests need two Python packages, warcio
# (reads the WARC casefile writes, as pywb does) and fpdf2 (writes the test PDFs): this script
# installs what is missing (apt-get as root, npm into target/axe, pip into target/pyhelpers),
# then runs every test. The seed tests read ../shared beside the repo. The team-database tests
# need a PostgreSQL server whose user may create databases (CASEFILE_TEST_POSTGRES, by default
# postgres://postgres@127.0.0.1:5432/postgres): each test makes its own database and drops it.
set -euo pipefail
cd "$(dirname "$0")/.."

PG="${CASEFILE_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
if [ "$PG" != off ]; then
  if ! command -v psql >/dev/null 2>&1 || ! command -v pg_dump >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "== installing PostgreSQL's client tools (psql, pg_dump) for the team-database tests"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq postgresql-client >/dev/null
    fi
  fi
  if ! psql "$PG" -Atqc "SELECT 1" >/dev/null 2>&1; then
    shown=$(printf '%s' "$PG" | sed -E 's#://([^:/@]+):[^@]*@#://\1:…@#')
    cat >&2 <<EOT
the team-database tests need a PostgreSQL server, and none answers at $shown.
Start one (for example: apt-get install postgresql && pg_ctlcluster 15 main start), or point
CASEFILE_TEST_POSTGRES at one whose user may create databases, or set CASEFILE_TEST_POSTGRES=off
to leave those tests out.
EOT
    exit 1
  fi
  echo "== PostgreSQL answers at $(psql "$PG" -Atqc 'SHOW server_version') (team-database tests: one scratch database each)"
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium and chromium-driver for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "the browser tests need chromium and chromedriver: apt-get install chromium chromium-driver (as root)" >&2
    exit 1
  fi
fi
if [ ! -f target/axe/node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null 2>&1 || { echo "the accessibility test needs npm (for axe-core)" >&2; exit 1; }
  echo "== installing axe-core for the accessibility test"
  mkdir -p target/axe
  npm install --silent --no-audit --no-fund --prefix target/axe axe-core@4.14.1
fi
if ! PYTHONPATH=target/pyhelpers python3 -c "import warcio, fpdf" >/dev/null 2>&1; then
  command -v python3 >/dev/null 2>&1 || { echo "the capture and PDF tests need python3 with pip" >&2; exit 1; }
  echo "== installing warcio and fpdf2 for the capture and PDF tests (into target/pyhelpers)"
  rm -rf target/pyhelpers
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore \
    --target target/pyhelpers warcio==1.8.1 fpdf2==2.8.9
fi
cargo test --workspace --locked
# each fuzz target briefly (10 s): a crash fails the tests; `bash scripts/fuzz.sh` runs them long
bash scripts/fuzz.sh --brief
