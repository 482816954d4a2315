#!/usr/bin/env bash
# Fuzz casefile's readers of untrusted input with cargo fuzz (libFuzzer, AddressSanitizer).
#
#   bash scripts/fuzz.sh                 # every target: 10,000,000 runs (annotate and pdf: 1,000,000)
#   bash scripts/fuzz.sh --brief         # every target for 10 s (what CI runs)
#   bash scripts/fuzz.sh --runs 500000 html pdf
#
# Targets are in fuzz/fuzz_targets (one file each says what it checks). Seeds: the example
# reports, the PDFs in fuzz/seeds/pdf, inputs that once broke a target (fuzz/seeds/TARGET), and
# slices of ../shared/data when it is there. The corpus grows in target/fuzz-corpus/TARGET; a
# crash is written to fuzz/artifacts/TARGET and fails the script. Needs cargo-fuzz (installed
# when missing) and a nightly toolchain, or RUSTC_BOOTSTRAP=1 on stable when there is none. A
# table of runs, seconds and runs/s ends it.
#
# annotate (the whole annotator on any text) costs time with the length of its input and, under
# AddressSanitizer, runs at about 12 inputs/s: its long runs (not --brief) are built without the
# sanitizer (casefile's code on its path has no `unsafe`, which is what the sanitizer checks; panics,
# hangs and memory growth are caught all the same) and take inputs of at most 512 bytes, a few
# sentences, at about 100 inputs/s a core. Long reports are the scale tests' and bench's job.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL=(ingest encoding html markdown metadata pdf timex conllu conll timeml annotate)
brief=0
runs=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --brief) brief=1 ;;
    --runs) runs="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -eq 0 ] && targets=("${ALL[@]}")

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install --locked --quiet cargo-fuzz
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

seeds() {
  local t="$1" dir="target/fuzz-seeds/$1"
  rm -rf "$dir"; mkdir -p "$dir"
  case "$t" in
    pdf) cp fuzz/seeds/pdf/*.pdf "$dir/" ;;
    ingest) cp examples/reports/* fuzz/seeds/pdf/*.pdf "$dir/" ;;
    conllu) [ -f ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu ] && head -c 20000 ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu > "$dir/dev.conllu" ;;
    conll) [ -f ../shared/data/conll2003/eng.testa ] && head -c 20000 ../shared/data/conll2003/eng.testa > "$dir/testa" ;;
    timeml) ls ../shared/data/timebank/*.tml >/dev/null 2>&1 && for f in $(ls ../shared/data/timebank/*.tml | head -5); do head -c 20000 "$f" > "$dir/$(basename "$f")"; done ;;
    *) cp examples/reports/* "$dir/" ;;
  esac
  # inputs that once broke a target stay among its seeds (fuzz/seeds/TARGET)
  if [ "$t" != pdf ] && [ -d "fuzz/seeds/$t" ]; then cp fuzz/seeds/"$t"/* "$dir/"; fi
  # at least one seed, whatever is missing
  [ -n "$(ls -A "$dir")" ] || cp examples/reports/* "$dir/"
  echo "$dir"
}

echo "== building the fuzz targets"
"${fuzz[@]}" build --release --fuzz-dir fuzz >/dev/null
mkdir -p target
printf '%-10s %12s %9s %10s  %s\n' target runs seconds runs/s result > target/fuzz-summary.txt
status=0
for t in "${targets[@]}"; do
  corpus="target/fuzz-corpus/$t"
  mkdir -p "$corpus"
  seed_dir=$(seeds "$t")
  sanitizer=()
  max_len=8192
  if [ "$brief" = 1 ]; then
    limit=(-max_total_time=10)
  else
    if [ "$t" = annotate ]; then sanitizer=(--sanitizer none); max_len=512; fi
    n="${runs:-10000000}"
    if [ -z "$runs" ] && { [ "$t" = annotate ] || [ "$t" = pdf ]; }; then n=1000000; fi
    limit=(-runs="$n")
  fi
  echo "== fuzzing $t"
  start=$(date +%s)
  log="target/fuzz-$t.log"
  if "${fuzz[@]}" run --release ${sanitizer[@]+"${sanitizer[@]}"} --fuzz-dir fuzz "$t" "$corpus" "$seed_dir" -- \
      "${limit[@]}" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and fuzz/artifacts/$t)"
    status=1
  fi
  secs=$(( $(date +%s) - start ))
  done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  done_runs=${done_runs:-0}
  rate=$(( done_runs / (secs > 0 ? secs : 1) ))
  printf '%-10s %12s %9s %10s  %s\n' "$t" "$done_runs" "$secs" "$rate" "$result" >> target/fuzz-summary.txt
  tail -1 target/fuzz-summary.txt
done
echo
cat target/fuzz-summary.txt
exit $status
