#!/usr/bin/env bash
# Canary tier: the data-tier canary's own code, taken from the synthesized launch templates, runs
# against moto on loopback (.ci/tools/canary_check.py says what it checks). A short interval and
# threshold keep it under a minute; docs/maintainers/testing.md explains what it proves and what it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/main/scripts/jsii-env.sh
VENV="$(.ci/tools/python-tools.sh .ci/emulator-requirements.txt)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dr-canary-tier.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
ENVIRONMENT_SUFFIX=canary DR_CANARY_INTERVAL_SECONDS=5 DR_CANARY_ALARM_THRESHOLD_SECONDS=15 \
  .ci/tools/synth.sh "$WORK/out"
"$VENV/bin/python" .ci/tools/canary_check.py "$WORK/out/stacks/TapStackcanary/cdk.tf.json"
