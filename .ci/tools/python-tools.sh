#!/usr/bin/env bash
# Installs the pinned Python tools (.ci/requirements.txt: checkov, moto) into a virtualenv cached
# outside the repository, keyed by the requirements and the Python version, so each machine
# installs them once. Prints the virtualenv's directory; progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."

REQUIREMENTS=.ci/requirements.txt
PYTHON="${PYTHON:-python3}"
log() { printf '[python-tools] %s\n' "$*" >&2; }

key="$({ "$PYTHON" -c 'import sys; print(sys.version)'; cat "$REQUIREMENTS"; } | sha256sum | cut -c1-16)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/dr-stack"
VENV="$CACHE/venv-$key"
mkdir -p "$CACHE"

# The marker is written last: a half-finished install is never taken for a good one.
if [ ! -f "$VENV/.installed" ]; then
  exec 9>"$CACHE/.venv-$key.lock"
  flock 9
  if [ ! -f "$VENV/.installed" ]; then
    log "installing $REQUIREMENTS into $VENV"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
      -r "$REQUIREMENTS" >&2
    touch "$VENV/.installed"
  fi
fi
printf '%s\n' "$VENV"
