#!/usr/bin/env bash
# Rebuild the entity tagger casefile ships: first the word classes (crates/annotate/data/
# clusters.tsv, from the words of CoNLL-2003 eng.train and UD English EWT train and dev), then
# the tagger (crates/annotate/data/ner.model: two passes, trained on eng.train, the epoch chosen
# on eng.testa), rebuilding casefile between the steps so that each embeds what the last wrote, and
# score it on eng.testa. Data from ../shared/data (see docs/data.md).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
cargo build --release -p casefile
target/release/casefile train-clusters "$data/conll2003/eng.train" \
  "$data/ud-english-ewt/en_ewt-ud-train.conllu" "$data/ud-english-ewt/en_ewt-ud-dev.conllu" \
  --out crates/syntax/data/clusters.tsv
cargo build --release -p casefile
target/release/casefile train-ner "$data/conll2003/eng.train" --dev "$data/conll2003/eng.testa" --out crates/annotate/data/ner.model --epochs 15
cargo build --release -p casefile
target/release/casefile eval-ner "$data/conll2003/eng.testa" | tail -7
