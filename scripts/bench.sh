#!/usr/bin/env bash
# Benchmarks (not timed tests): search-as-you-type and saving a household at 100,000 demo
# households, each beside its raw-SQLite floor. The first run generates the demo database in
# target/bench-data (several minutes); later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p landa-core --bench search_and_save -- "$@"
