#!/usr/bin/env bash
# Runs a command beside a real Secret Service, for the tests of the OS keychain: a private
# session bus (dbus-run-session) with gnome-keyring-daemon and a login keyring made and unlocked
# with a throwaway password, in throwaway folders. A developer's own keyring is never touched.
#
#   scripts/with-keyring.sh cargo test --workspace --test keychain -- --ignored
set -euo pipefail
if [[ -z "${LANDA_KEYRING_INNER:-}" ]]; then
  exec env LANDA_KEYRING_INNER=1 dbus-run-session -- "$0" "$@" 2>&1
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# gnome-keyring keeps its keyrings under XDG_DATA_HOME and its control socket under
# XDG_RUNTIME_DIR: both point into the scratch folder.
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the password on stdin and creates the login keyring with it; the daemon
# then answers org.freedesktop.secrets on this session bus.
eval "$(printf 'landa-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
