#!/usr/bin/env bash
# Sets up and starts Landa: system packages, the front end, a release build, then the app.
# Arguments are passed to the app, e.g. `scripts/run.sh --data-dir /tmp/landa-demo`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh
[[ -f "$HOME/.cargo/env" ]] && source "$HOME/.cargo/env"

(cd ui && npm ci --no-audit --no-fund && npm run build)
# custom-protocol embeds ui/dist in the binary, so nothing is loaded from a network at runtime.
cargo build --release -p landa-app --features custom-protocol
exec target/release/landa-app "$@"
