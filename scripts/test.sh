#!/usr/bin/env bash
# Run casefile's tests. The browser tests need Debian's chromium and chromium-driver and the
# axe-core accessibility engine (npm): this script installs what is missing (apt-get as root,
# npm into target/axe), then runs every test. The seed tests read ../shared beside the repo.
set -euo pipefail
cd "$(dirname "$0")/.."

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
cargo test --workspace --locked
