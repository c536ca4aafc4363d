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

# Each step says how long the run has taken so far, so a slow step shows in CI's log.
step() { printf '\n== %s (%dm%02ds in)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }
# The end-to-end runs drive a real window: a hang there must fail the run with a message, not
# hold it until CI's own limit. A normal run takes about two minutes.
e2e() { timeout --kill-after=30s 20m xvfb-run -a -s "-screen 0 1400x900x24" "$@"; }

# One build from scratch: incremental caches would only double the disk it needs.
export CARGO_INCREMENTAL=0

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

step "rust: the OS keychain against a real Secret Service (gnome-keyring on a private bus)"
scripts/with-keyring.sh cargo test --workspace --test keychain -- --ignored

step "end to end: the real app window"
cargo build -p landa-app --features custom-protocol
export LANDA_APP="$PWD/target/debug/landa-app"
(cd tests/e2e && e2e npm test)

step "end to end: the OS keychain (gnome-keyring on a private session bus)"
(cd tests/e2e && e2e npm run test:keychain)

step "end to end: offline (a network namespace with loopback only) and killed mid-fair"
(cd tests/e2e && e2e npm run test:offline)
step "done"
