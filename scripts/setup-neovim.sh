#!/usr/bin/env bash
# Installs Neovim (Debian package, 0.7.x on bookworm) for the Neovim LSP-client test tier
# (test/neovim). Idempotent: does nothing when a usable `nvim` is already on PATH.
set -euo pipefail

if command -v nvim >/dev/null 2>&1; then
  echo "setup-neovim: $(nvim --version | head -n 1) already installed at $(command -v nvim)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-neovim: need root (or sudo) to apt-get install neovim" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null

if ! command -v nvim >/dev/null 2>&1; then
  echo "setup-neovim: apt-get install neovim finished but nvim is not on PATH" >&2
  exit 1
fi
echo "setup-neovim: installed $(nvim --version | head -n 1)"
