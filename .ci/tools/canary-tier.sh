#!/usr/bin/env bash
# Canary tier: the data-tier canary's own code, taken from the synthesized launch templates, runs
# against moto on loopback (.ci/tools/canary_check.py says what it checks). A short interval and
# threshold keep each run under a minute; docs/maintainers/testing.md explains what it proves and what it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/main/scripts/jsii-env.sh
VENV="$(.ci/tools/python-tools.sh .ci/emulator-requirements.txt)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dr-canary-tier.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The readiness code's own tests first (standard library, seconds).
"$VENV/bin/python" .ci/tools/dr_ready_test.py
# The canary as the DNS front door runs it, then under readiness as the accelerator's runs it.
for front_door in dns accelerator; do
  ENVIRONMENT_SUFFIX=canary DR_CANARY_INTERVAL_SECONDS=5 DR_CANARY_ALARM_THRESHOLD_SECONDS=15 \
    DR_FRONT_DOOR="$front_door" .ci/tools/synth.sh "$WORK/$front_door"
  "$VENV/bin/python" .ci/tools/canary_check.py "$WORK/$front_door/stacks/TapStackcanary/cdk.tf.json"
done
