#!/usr/bin/env bash
# One long report: `casefile build` of a single report of 0.5 to 8 MB (the seed and case reports
# of ../shared repeated), time and peak memory each, so the cost of analysing one report can be
# seen to grow with its length, not its square, and to stop at the analysis budget (4 MiB: past
# it the text is stored and searchable, not analysed). Sizes in MB: SIZES (default "0.5 1 2 4 8").
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p casefile
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for mb in ${SIZES:-0.5 1 2 4 8}; do
  python3 - "$mb" "$dir/report-$mb.txt" <<'PY'
import glob, sys
src = "".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob("../shared/seeds/*.txt")) + sorted(glob.glob("../shared/cases/*/reports/*.txt")))
n = int(float(sys.argv[1]) * 1_000_000)
open(sys.argv[2], "w", encoding="utf-8").write((src * (n // len(src) + 1))[:n])
PY
  rm -rf "$dir/out"
  /usr/bin/time -f "%e %M" -o "$dir/time" target/release/casefile build "$dir/report-$mb.txt" --out "$dir/out" --no-encryption --quiet >/dev/null
  read -r secs kb < "$dir/time"
  python3 -c "import json,sys; mb,s,kb=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{mb} MB report: {s:.1f} s, peak {kb/1024:.0f} MB'); print(json.dumps({'mb': mb, 'seconds': s, 'peak_mb': round(kb/1024)}))" "$mb" "$secs" "$kb"
  rm -f "$dir/report-$mb.txt"
done
