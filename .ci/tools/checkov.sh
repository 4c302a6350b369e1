#!/usr/bin/env bash
# Security tier: checkov (pinned in .ci/requirements.txt) on synthesized stacks, judged together
# against .ci/checkov-skips.yaml. With no argument it synthesizes the production shape first: both
# regions with a certificate (placeholder ARNs: nothing is deployed), so the scan sees the HTTPS
# listeners and the redirect on port 80 that a real deployment has; and the same shape with the
# Global Accelerator front door, whose resources the default shape does not have. A skip is stale
# only when it matches a failure in none of the stacks. See help/security.md.
#   .ci/tools/checkov.sh [cdk.tf.json...]
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="$(.ci/tools/python-tools.sh)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dr-checkov.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Synthesizes into $WORK/$1 with the production shape's certificates and prints the stack's path.
synth() {
  DR_PRIMARY_CERTIFICATE_ARN="arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001" \
  DR_SECONDARY_CERTIFICATE_ARN="arn:aws:acm:us-east-2:123456789012:certificate/00000000-0000-0000-0000-000000000002" \
    .ci/tools/synth.sh "$WORK/$1"
  printf '%s\n' "$WORK/$1/$(python3 -c 'import json, sys; [s] = json.load(open(sys.argv[1]))["stacks"].values(); print(s["synthesizedStackPath"])' "$WORK/$1/manifest.json")"
}

if [ $# -ge 1 ]; then
  STACKS=("$@")
else
  STACKS=("$(synth production)" "$(DR_FRONT_DOOR=accelerator synth accelerator)")
fi

REPORTS=()
for i in "${!STACKS[@]}"; do
  test -s "${STACKS[$i]}"
  # checkov exits 1 on any failed check; the gate below decides, so its status is not used here.
  "$VENV/bin/checkov" --config-file .ci/checkov.yaml -f "${STACKS[$i]}" -o json >"$WORK/report-$i.json" || true
  REPORTS+=("$WORK/report-$i.json")
done
"$VENV/bin/python" .ci/tools/checkov_gate.py "${REPORTS[@]}" .ci/checkov-skips.yaml
