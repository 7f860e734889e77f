#!/usr/bin/env bash
# Installs the given Debian packages (names as apt knows them), through sudo unless run as root. Called by ./test.sh
# and bench/Router/run.sh with what they found missing; says what to run by hand when apt cannot install them.
set -euo pipefail
(($#)) || exit 0
echo "Installing $* ..." >&2
sudo_cmd=()
[[ "$(id -u)" == 0 ]] || sudo_cmd=(sudo)
if ! { "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$@" >/dev/null; }; then
    echo "Could not install $*: run 'apt-get install $*' as root, then try again." >&2
    exit 1
fi
