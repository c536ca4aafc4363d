#!/usr/bin/env bash
# Installs what Landa needs from the system on Debian/Ubuntu, only what is missing:
# the WebKitGTK/GTK libraries Tauri builds against, and (with --test) the X server,
# WebDriver and image tools the end-to-end tests use (iproute2, util-linux and procps for the
# offline test, which runs the app in a network namespace with loopback only; dbus and
# gnome-keyring for the tests of the OS keychain, which run against a real Secret Service).
set -euo pipefail

packages=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  build-essential pkg-config libxdo-dev file curl)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(xvfb xauth x11-utils webkit2gtk-driver imagemagick fonts-dejavu-core iproute2 util-linux procps
    dbus gnome-keyring)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: installing it with rustup (https://rustup.rs)."
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  # shellcheck disable=SC1091
  source "$HOME/.cargo/env"
fi

need_node="20.19.0"
have_node=$(node --version 2>/dev/null | sed 's/^v//' || true)
if [[ -z "$have_node" ]] || [[ "$(printf '%s\n%s\n' "$need_node" "$have_node" | sort -V | head -1)" != "$need_node" ]]; then
  echo "Landa's front end needs Node.js $need_node or newer (found: ${have_node:-none})." >&2
  echo "Install it from your distribution or https://nodejs.org, then run this command again." >&2
  exit 1
fi
