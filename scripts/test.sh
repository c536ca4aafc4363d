#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, Rust unit and integration tests (with the
# bindings staleness check), the front end's type check, lint and unit tests, and the
# end-to-end tests of the real app window under Xvfb, the last one without a network.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh --test
[[ -f "$HOME/.cargo/env" ]] && source "$HOME/.cargo/env"
if ! command -v tauri-driver >/dev/null && [[ ! -x "$HOME/.cargo/bin/tauri-driver" ]]; then
  cargo install tauri-driver --locked --version 2.1.0
fi

step() { printf '\n== %s\n' "$*"; }

step "front end: install"
(cd ui && npm ci --no-audit --no-fund)
(cd tests/e2e && npm ci --no-audit --no-fund)

step "rust: format"
cargo fmt --all --check

step "front end: type check, lint, unit tests, build"
(cd ui && npm run check && npm run lint && npm test && npm run build)

step "rust: clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "rust: tests (including the TypeScript bindings staleness check)"
cargo test --workspace

step "end to end: the real app window"
cargo build -p landa-app --features custom-protocol
export LANDA_APP="$PWD/target/debug/landa-app"
(cd tests/e2e && xvfb-run -a -s "-screen 0 1400x900x24" npm test)

step "end to end: offline (a network namespace with loopback only) and killed mid-fair"
(cd tests/e2e && xvfb-run -a -s "-screen 0 1400x900x24" npm run test:offline)
