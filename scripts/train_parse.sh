#!/usr/bin/env bash
# Rebuild the grammar model casefile ships (crates/syntax/data/syntax.model): a two-pass
# part-of-speech tagger, a lemmatiser and an arc-eager dependency parser, trained on Universal
# Dependencies English EWT train (CC BY-SA 4.0, see crates/syntax/data/NOTICE), then rebuild
# casefile so that it embeds the model, and score it on EWT dev. The parser's features use the word
# classes of crates/syntax/data/clusters.tsv: after scripts/train_ner.sh rebuilds them, run this
# again. Deterministic: the same data gives the same model. About 2 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
cargo build --release -p casefile
target/release/casefile train-parse "$data/ud-english-ewt/en_ewt-ud-train.conllu" \
  --out crates/syntax/data/syntax.model
cargo build --release -p casefile
target/release/casefile eval-parse "$data/ud-english-ewt/en_ewt-ud-dev.conllu"
