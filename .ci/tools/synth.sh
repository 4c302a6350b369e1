#!/usr/bin/env bash
# Synthesizes the stack with the README's CDKTF CLI into OUTDIR (cdktf.json's context plus any
# DR_* settings in the environment), leaving cdktf.out/ alone.  Usage: synth.sh OUTDIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
OUTDIR="$(mkdir -p "$1" && cd "$1" && pwd)"
cd "$(dirname "$0")/../.."
. src/main/scripts/jsii-env.sh
# stdout is kept for callers' results; the CLI's progress and warnings go to stderr.
npx --yes "$DR_CDKTF_CLI" synth --output "$OUTDIR" >&2
test -s "$OUTDIR/manifest.json"
