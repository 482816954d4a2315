#!/usr/bin/env bash
# Rebuild crates/annotate/data/ner.model, the entity tagger casefile ships, from CoNLL-2003
# (../shared/data/conll2003: eng.train to train, eng.testa to choose the epoch), then rebuild
# casefile so that it embeds the new model and score it on eng.testa.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/conll2003}
cargo build --release -p casefile
target/release/casefile train-ner "$data/eng.train" --dev "$data/eng.testa" --out crates/annotate/data/ner.model --epochs 15
cargo build --release -p casefile
target/release/casefile eval-ner "$data/eng.testa" | tail -7
