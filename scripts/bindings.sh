#!/usr/bin/env bash
# Regenerates ui/src/ipc/bindings.ts from the Rust commands (commit the result).
set -euo pipefail
cd "$(dirname "$0")/.."
LANDA_WRITE_BINDINGS=1 cargo test -p landa-app typescript_bindings_are_current
