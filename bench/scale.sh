#!/usr/bin/env bash
# Scale: `casefile build` of piles of 1,000, 3,000 and 10,000 reports, and `casefile add` of 10
# more reports to the largest case. The piles are real text the project has: the sentences of
# CoNLL-2003 eng.train and UD English EWT train cut into reports of 10 to 40 sentences that
# overlap (so names recur across reports), one report in five a wire copy of an earlier one with
# a line added (`casefile-bench pile`). Each build is the whole job as a user runs it: an
# encrypted database, every report ingested, annotated, resolved and reconciled, and the case
# written out (--plain-outputs); all cores. Prints each step's time (CASEFILE_PROGRESS=lines),
# the wall time and peak memory of each build, how the time grows, the time of the add, and a
# last JSON line. SIZES (default "1000 3000 10000"), ADD (default 10), DATA (default
# ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data}
sizes=${SIZES:-1000 3000 10000}
add=${ADD:-10}
cargo build --release -p casefile -p casefile-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
texts=("$data/conll2003/eng.train" "$data/ud-english-ewt/en_ewt-ud-train.conllu")
export CASEFILE_PASSPHRASE=${CASEFILE_PASSPHRASE:-scale-benchmark-passphrase}
export CASEFILE_PROGRESS=lines
results="$work/results.tsv"
: > "$results"
last=""
for n in $sizes; do
  echo "== $n reports"
  target/release/casefile-bench pile "${texts[@]}" --reports "$n" --out "$work/pile-$n"
  /usr/bin/time -f "%e %M" -o "$work/time" \
    target/release/casefile build "$work/pile-$n" --out "$work/out-$n" --plain-outputs --quiet
  read -r secs kb < "$work/time"
  words=$(cat "$work/pile-$n"/*.txt | wc -w)
  echo "build: $secs s, peak $((kb / 1024)) MB"
  printf '%s\t%s\t%s\t%s\n' "$n" "$secs" "$kb" "$words" >> "$results"
  [ -n "$last" ] && rm -rf "$work/out-$last" "$work/pile-$last"
  last=$n
done
echo "== add $add reports to the $last-report case"
target/release/casefile-bench pile "${texts[@]}" --reports "$add" --first 1000000 --seed 7 --out "$work/more"
/usr/bin/time -f "%e %M" -o "$work/time" \
  target/release/casefile add "$work/out-$last/case.db" "$work/more" --quiet
read -r add_secs add_kb < "$work/time"
echo "add: $add_secs s, peak $((add_kb / 1024)) MB"
python3 - "$results" "$add" "$add_secs" "$add_kb" "$(nproc)" <<'PY'
import json, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
rows = [(int(n), float(s), int(kb), int(w)) for n, s, kb, w in rows]
print()
print("| reports | words | build | peak memory | words/s |")
print("| --- | --- | --- | --- | --- |")
for n, s, kb, w in rows:
    print(f"| {n:,} | {w:,} | {s:.1f} s | {kb/1024:,.0f} MB | {w/s:,.0f} |")
out = {"cores": int(sys.argv[5]), "builds": [{"reports": n, "words": w, "seconds": s, "peak_mb": round(kb / 1024)} for n, s, kb, w in rows]}
if len(rows) > 1:
    (n0, s0, _, _), (n1, s1, _, _) = rows[0], rows[-1]
    growth = s1 / s0
    print(f"\n{n1 / n0:.0f} times the reports took {growth:.1f} times as long")
    out["growth"] = {"reports": round(n1 / n0, 2), "time": round(growth, 2)}
print(f"add {sys.argv[2]} reports to the {rows[-1][0]:,}-report case: {float(sys.argv[3]):.1f} s, peak {int(sys.argv[4])/1024:,.0f} MB")
out["add"] = {"reports": int(sys.argv[2]), "seconds": float(sys.argv[3]), "peak_mb": round(int(sys.argv[4]) / 1024)}
print(json.dumps(out))
PY
