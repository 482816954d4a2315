#!/usr/bin/env bash
# Build the case files of every bundled and shared report set into OUT, one folder each:
# examples/reports, examples/wire, ../shared/seeds and every ../shared/cases/*/reports.
# Used to show that a change of code leaves behaviour alone:
#
#   bash scripts/case_files.sh /tmp/before          # on the old commit
#   bash scripts/case_files.sh /tmp/after           # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
#
# JOBS=N builds with `--jobs N` (the case files must be the same whatever N is).
# Outputs are case.json, report.md and report.html (the database, which holds timestamps and
# random salts, is left out). Uses target/release/casefile; builds it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/case_files.sh OUT}
bin=${CASEFILE_BIN:-target/release/casefile}
[ -x "$bin" ] || cargo build --release --locked -p casefile
mkdir -p "$out"

sets=(examples/reports examples/wire)
[ -d ../shared/seeds ] && sets+=(../shared/seeds)
for d in ../shared/cases/*/reports; do [ -d "$d" ] && sets+=("$d"); done

for set in "${sets[@]}"; do
  name=$(echo "$set" | sed 's#^\.\./shared/##; s#/reports$##; s#/#-#g')
  work=$(mktemp -d)
  "$bin" build "$set" --out "$work" --no-encryption --quiet ${JOBS:+--jobs "$JOBS"}
  mkdir -p "$out/$name"
  cp "$work/case.json" "$work/report.md" "$work/report.html" "$out/$name/"
  rm -rf "$work"
  echo "$name: $(sha256sum "$out/$name/case.json" | cut -c1-16)"
done
