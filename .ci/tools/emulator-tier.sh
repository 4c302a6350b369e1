#!/usr/bin/env bash
# Emulator tier: the whole stack through a real Terraform run against moto (an AWS emulator, pinned
# in .ci/requirements.txt) on loopback. Plan of the whole stack; apply of everything moto
# implements; a second plan that must find no changes; assertions against the emulator; destroy,
# after which nothing may be left. See help/testing.md for what it proves and what it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$(pwd)"

# moto does not implement what these resources need; they and everything that refers to them
# (computed from the synthesized JSON and listed in the log) are left out of apply. Each is planned
# with the rest of the stack. Globs on "<type>.<logical name>"; help/testing.md explains each.
EXCLUDED=(
  # Global-table replicas: moto accepts UpdateTable with ReplicaUpdates but never creates the
  # replica, so Terraform waits for a replica that never becomes active.
  'aws_dynamodb_table.global-table_*'
  # Contributor Insights: moto answers DescribeContributorInsights with HTTP 500.
  'aws_dynamodb_contributor_insights.*'
  # CloudWatch alarms: the provider here (6.x) calls CloudWatch in the Smithy RPC v2 CBOR protocol,
  # which moto does not speak (HTTP 404); the 5.23.1 provider the bindings target uses the query
  # protocol, which moto does.
  'aws_cloudwatch_metric_alarm.*'
)
SUFFIX=emu
PRIMARY=us-east-1
SECONDARY=us-east-2
STEP_TIMEOUT=15m

log() { printf '[emulator] %s (%(%H:%M:%S)T)\n' "$*" -1 >&2; }
die() { log "ERROR: $*"; exit 1; }

VENV="$(.ci/tools/python-tools.sh)"
eval "$(.ci/tools/terraform.sh env)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dr-emulator.XXXXXX")"
MOTO_PID=
cleanup() {
  if [ -n "$MOTO_PID" ]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ENDPOINT="http://127.0.0.1:$PORT"
log "starting moto on $ENDPOINT"
"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
"$VENV/bin/python" - "$ENDPOINT" <<'EOF' || { cat "$WORK/moto.log" >&2; die "moto did not start"; }
import sys, time, urllib.request
deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=2)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit(1)
        time.sleep(0.5)
EOF

log "synthesizing in emulator mode (deletion protection off so that destroy can finish)"
ENVIRONMENT_SUFFIX="$SUFFIX" DR_EMULATOR_ENDPOINT="$ENDPOINT" \
  DR_PRIMARY_REGION="$PRIMARY" DR_SECONDARY_REGION="$SECONDARY" \
  DR_TABLE_DELETION_PROTECTION=false DR_ALB_DELETION_PROTECTION=false \
  .ci/tools/synth.sh "$WORK/out"
.ci/tools/terraform.sh workdir "$WORK/out/stacks/TapStack$SUFFIX" "$WORK/tf"
cd "$WORK/tf"

tf() { timeout "$STEP_TIMEOUT" terraform "$@" -no-color -input=false; }
# Terraform's one-line outcome of a step, or its whole log when that line is missing.
outcome() { grep -E "$1" "$2" >&2 || { cat "$2" >&2; die "no '$1' in $2"; }; }

log "terraform init"
tf init >init.log 2>&1 || { cat init.log >&2; die "terraform init failed"; }

log "plan of the whole stack"
tf plan -out=whole.tfplan >plan.log 2>&1 || { cat plan.log >&2; die "the whole stack does not plan"; }
outcome '^Plan:' plan.log

mapfile -t TARGETS < <("$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" targets cdk.tf.json "${EXCLUDED[@]}")
log "apply of ${#TARGETS[@]} resources (the excluded ones are listed above)"
tf apply -auto-approve "${TARGETS[@]}" >apply.log 2>&1 || { cat apply.log >&2; die "apply failed"; }
outcome '^Apply complete' apply.log

log "second plan: must find no changes but moto's known read-back gaps"
status=0
tf plan -detailed-exitcode -out=replan.tfplan "${TARGETS[@]}" >replan.log 2>&1 || status=$?
case "$status" in
  0) outcome 'No changes' replan.log ;;
  2)
    outcome '^Plan:' replan.log
    terraform show -json replan.tfplan >replan.json
    "$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" drift replan.json \
      || { cat replan.log >&2; die "drift after apply"; }
    ;;
  *) cat replan.log >&2; die "second plan failed (exit $status)" ;;
esac

log "assertions against the emulator"
"$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" applied "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"

log "destroy"
tf destroy -auto-approve >destroy.log 2>&1 || { cat destroy.log >&2; die "destroy failed"; }
outcome '^Destroy complete' destroy.log
left="$(terraform state list 2>/dev/null || true)"
[ -z "$left" ] || die "state still holds: $left"
"$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" empty "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"
log "emulator tier passed"
