#!/usr/bin/env bash
# Security tier: checkov (pinned in .ci/requirements.txt) on a synthesized stack, judged against
# .ci/checkov-skips.yaml. With no argument it synthesizes the production shape first: both
# regions with a certificate (placeholder ARNs: nothing is deployed), so the scan sees the HTTPS
# listeners and the redirect on port 80 that a real deployment has. See help/security.md.
#   .ci/tools/checkov.sh [cdk.tf.json]
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="$(.ci/tools/python-tools.sh)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dr-checkov.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ $# -ge 1 ]; then
  STACK="$1"
else
  DR_PRIMARY_CERTIFICATE_ARN="arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001" \
  DR_SECONDARY_CERTIFICATE_ARN="arn:aws:acm:us-east-2:123456789012:certificate/00000000-0000-0000-0000-000000000002" \
    .ci/tools/synth.sh "$WORK/out"
  STACK="$WORK/out/$(python3 -c 'import json, sys; [s] = json.load(open(sys.argv[1]))["stacks"].values(); print(s["synthesizedStackPath"])' "$WORK/out/manifest.json")"
fi
test -s "$STACK"

# checkov exits 1 on any failed check; the gate below decides, so its status is not used here.
"$VENV/bin/checkov" --config-file .ci/checkov.yaml -f "$STACK" -o json >"$WORK/report.json" || true
"$VENV/bin/python" .ci/tools/checkov_gate.py "$WORK/report.json" .ci/checkov-skips.yaml
