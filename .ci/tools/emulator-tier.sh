#!/usr/bin/env bash
# Emulator tier: the stack through real Terraform runs against moto (an AWS emulator, pinned in
# .ci/emulator-requirements.txt, with .ci/tools/emulator_server.py's additions) on loopback, on the JSON exactly as users get it. In order:
#   1. a stack with the placeholder zone name must not plan (nothing is created);
#   2. upgrade: the release users run (.ci/upgrade-base) is applied, then the current code plans over
#      it and may replace nothing it must not; that plan is applied;
#   3. a second plan finds no changes but moto's known read-back gaps; assertions on the emulator;
#      the manual's AWS CLI commands run as written against it (or, where moto cannot, are checked
#      by the AWS CLI only: .ci/tools/manual_commands.py);
#   3b. the state moves to an S3 bucket in the third region (us-west-2) on the emulator, locked by
#      its lock file, as stateBackend s3 configures it; every later step keeps it there but 6 and
#      9-11, which have their own;
#   3c. the failover switch with us-east-1 closed (moto refuses every call signed for it, Route 53,
#      IAM and global STS included): the manual's pull, hold and release run as written in the
#      switch region, whose datapoints give the alarm's position; and the settings that keep the
#      primary in while the switch region is down, as applied;
#   4. regional outage: with the primary's endpoints (and IAM's) unreachable, and moto refusing
#      every call for its region, the documented procedure changes the secondary's capacity, the
#      S3 state read and locked in the third region (a lock held elsewhere stops it); with the
#      primary back the state is consistent; then the same with the secondary down and the
#      primary's capacity;
#   4c. the strategy and the front door change on the deployed stack, and back: warm standby to
#      active/active (DNS), then to the accelerator (planned; applied without Global Accelerator,
#      which moto lacks), then back to warm standby; each move replaces nothing it must not;
#   5. destroy, after which nothing may be left;
#   6. the README's path: `cdktf deploy` and `cdktf destroy` of a fresh stack;
#   7.-8. strong consistency and the Region switch plan, planned;
#   9. the shipped examples (examples/), each synthesized as shipped and planned;
#  10. the deploy policy (help/deploy-policy.json): apply and destroy as a user that holds only it,
#      on a second moto that enforces IAM, after an apply without one of its actions has failed;
#  11. OpenTofu: validate, plan, apply and destroy of the same JSON (.ci/tools/opentofu.sh).
# See docs/maintainers/testing.md for what it proves and what it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$(pwd)"

# moto does not implement what these resources need; they and everything that refers to them
# (computed from the synthesized JSON and listed in the log) are left out of apply. Each is planned
# with the rest of the stack. Globs on "<type>.<logical name>"; docs/maintainers/testing.md explains each.
EXCLUDED=(
  # Global-table replicas: moto accepts UpdateTable with ReplicaUpdates but never creates the
  # replica, so Terraform waits for a replica that never becomes active.
  'aws_dynamodb_table.global-table_*'
  # Contributor Insights: moto answers DescribeContributorInsights with HTTP 500.
  'aws_dynamodb_contributor_insights.*'
)
SUFFIX=emu
PRIMARY=us-east-1
SECONDARY=us-east-2
# A zone name Route 53 accepts; the default dr-<suffix>.example.com is the placeholder of step 1.
ZONE=dr-emu.dr-stack-ci.net
STEP_TIMEOUT=15m

log() { printf '[emulator] %s (%(%H:%M:%S)T)\n' "$*" -1 >&2; }
die() {
  log "ERROR: $*"
  # What moto was asked, when it answered with an error: the usual cause of a step that fails on
  # the emulator but not in AWS (.ci/tools/emulator_server.py logs every call).
  local moto="${WORK:-}/moto.log" last
  if [ -s "$moto" ] && grep -qE '^call: .* [45][0-9]{2} attempt=' "$moto"; then
    log "moto's answers with an error status (the last 20; the whole log stays with DR_EMULATOR_KEEP=1):"
    grep -E '^call: .* [45][0-9]{2} attempt=|Traceback' "$moto" | tail -n 20 >&2
    # Every call on what the last refused call named: a call made twice shows here.
    last="$(grep -E '^call: .* [45][0-9]{2} attempt=' "$moto" | tail -n 1 | grep -oE '[A-Za-z.0-9]+=[^ ]+' | grep -v -E '^(attempt|waited|served)=' | tail -n 1 || true)"
    if [ -n "$last" ]; then
      log "every call naming $last:"
      grep -F -- "$last" "$moto" | tail -n 20 >&2
    fi
  fi
  exit 1
}

. src/main/scripts/jsii-env.sh
VENV="$(.ci/tools/python-tools.sh .ci/emulator-requirements.txt)"
eval "$(.ci/tools/terraform.sh env)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dr-emulator.XXXXXX")"
MOTO_PID=
IAM_MOTO_PID=
cleanup() {
  if [ -n "$IAM_MOTO_PID" ]; then
    kill "$IAM_MOTO_PID" 2>/dev/null || true
    wait "$IAM_MOTO_PID" 2>/dev/null || true
  fi
  if [ -n "$MOTO_PID" ]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
  git -C "$REPO" worktree remove --force "$WORK/base" 2>/dev/null || true
  if [ -n "${DR_EMULATOR_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT="$(free_port)"
ENDPOINT="http://127.0.0.1:$PORT"
log "starting moto on $ENDPOINT, with what it lacks (.ci/tools/emulator_server.py)"
"$VENV/bin/python" "$REPO/.ci/tools/emulator_server.py" -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
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

TF="$WORK/tf"
mkdir "$TF" "$WORK/state"
# Outside the working directory, as the stack's default is: `init -reconfigure` empties a state
# file named terraform.tfstate in the working directory (it takes it for the implicit one).
STATE="$WORK/state/TapStack$SUFFIX.tfstate"
# synth CHECKOUT OUTDIR [VAR=value...]: the checkout's stack in emulator mode, deletion protection
# and prevent_destroy off so that destroy can finish, the local state in $TF.
# The emulator mode's settings, for every synth of the tier (later VAR=value entries win).
EMULATOR_SETTINGS=(
  ENVIRONMENT_SUFFIX="$SUFFIX" DR_EMULATOR_ENDPOINT="$ENDPOINT"
  DR_PRIMARY_REGION="$PRIMARY" DR_SECONDARY_REGION="$SECONDARY"
  DR_TABLE_DELETION_PROTECTION=false DR_ALB_DELETION_PROTECTION=false DR_PREVENT_DESTROY=false
  DR_LOCAL_STATE_PATH="$STATE" DR_ZONE_NAME="$ZONE"
  # Nobody is paged here on purpose; step 1 shows that a plan stops without it.
  DR_ALARM_SUBSCRIBER_WAIVED=true
)
synth() {
  local checkout="$1" out="$2"
  shift 2
  (cd "$checkout" && env "${EMULATOR_SETTINGS[@]}" "$@" .ci/tools/synth.sh "$out")
  test -s "$out/stacks/TapStack$SUFFIX/cdk.tf.json"
}
# use OUTDIR: makes that synthesized stack the one in $TF (the state stays).
use() {
  rm -f "$TF"/*.tf.json
  cp "$1/stacks/TapStack$SUFFIX/cdk.tf.json" "$TF/"
}
tf() { (cd "$TF" && timeout "$STEP_TIMEOUT" terraform "$@" -no-color -input=false); }
# The resources in the state (none: empty output), and a saved plan as JSON.
state_list() { (cd "$TF" && terraform state list 2>/dev/null) || true; }
plan_json() { (cd "$TF" && terraform show -json "$1"); }
# Terraform's one-line outcome of a step, or its whole log when that line is missing.
outcome() { grep -E "$1" "$2" >&2 || { cat "$2" >&2; die "no '$1' in $2"; }; }
targets() {
  "$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" targets "$TF/cdk.tf.json" "${EXCLUDED[@]}"
}
checks() { "$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" "$@"; }
# no_drift LOG: a plan of everything applied finds no changes but moto's known read-back gaps.
no_drift() {
  local status=0
  tf plan -detailed-exitcode -out=replan.tfplan "${TARGETS[@]}" >"$WORK/$1" 2>&1 || status=$?
  case "$status" in
    0) outcome 'No changes' "$WORK/$1" ;;
    2)
      outcome '^Plan:' "$WORK/$1"
      plan_json replan.tfplan >"$WORK/replan.json"
      checks drift "$WORK/replan.json" || { cat "$WORK/$1" >&2; die "drift ($1)"; }
      ;;
    *) cat "$WORK/$1" >&2; die "plan failed ($1, exit $status)" ;;
  esac
}

log "1. the placeholder zone: a plan must stop before anything is created"
synth "$REPO" "$WORK/placeholder" DR_ZONE_NAME=
use "$WORK/placeholder"
tf init >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "terraform init failed"; }
if tf plan >"$WORK/placeholder.log" 2>&1; then
  die "a stack with the placeholder zone name planned"
fi
for name in DR_ZONE_NAME DR_HOSTED_ZONE_ID zoneName hostedZoneId; do
  grep -q "$name" "$WORK/placeholder.log" || { cat "$WORK/placeholder.log" >&2; die "the refusal does not name $name"; }
done
grep -E 'Resource precondition failed' "$WORK/placeholder.log" >&2
[ -z "$(state_list)" ] || die "the refused plan left state behind: $(state_list)"
log "1b. nobody paged: a plan must stop the same way"
synth "$REPO" "$WORK/unpaged" DR_ALARM_SUBSCRIBER_WAIVED=false
use "$WORK/unpaged"
if tf plan >"$WORK/unpaged.log" 2>&1; then
  die "a stack that pages nobody planned"
fi
for name in alarmEmail alarmSubscriberWaived; do
  grep -q "$name" "$WORK/unpaged.log" || { cat "$WORK/unpaged.log" >&2; die "the refusal does not name $name"; }
done
[ -z "$(state_list)" ] || die "the refused plan left state behind: $(state_list)"

BASE="$(grep -v '^#' .ci/upgrade-base | head -1)"
log "2. upgrade from the release users run, $BASE"
git worktree prune # worktrees of runs that were killed
git worktree add --detach "$WORK/base" "$BASE" >/dev/null 2>&1 || die "no commit $BASE to upgrade from"
# The release's own build and synth; its launcher compiles it in the worktree.
synth "$WORK/base" "$WORK/base-out" || die "the release $BASE does not synthesize"
use "$WORK/base-out"
tf init -reconfigure >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "terraform init (release) failed"; }
mapfile -t TARGETS < <(targets)
log "apply of the release: ${#TARGETS[@]} resources"
tf apply -auto-approve "${TARGETS[@]}" >"$WORK/release-apply.log" 2>&1 || { cat "$WORK/release-apply.log" >&2; die "apply of the release failed"; }
outcome '^Apply complete' "$WORK/release-apply.log"
[ "$(state_list | wc -l)" -ge "${#TARGETS[@]}" ] || die "the release's state holds $(state_list | wc -l) resources"

log "plan of the current code over the release's state"
synth "$REPO" "$WORK/out"
use "$WORK/out"
tf init -reconfigure >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "terraform init failed"; }
log "state before the upgrade plan: $(state_list | wc -l) resources"
tf plan -out=upgrade.tfplan >"$WORK/upgrade-plan.log" 2>&1 || { cat "$WORK/upgrade-plan.log" >&2; die "the upgrade does not plan"; }
outcome '^Plan:' "$WORK/upgrade-plan.log"
plan_json upgrade.tfplan >"$WORK/upgrade.json"
checks upgrade "$WORK/upgrade.json"

mapfile -t TARGETS < <(targets)
log "apply of the upgrade: ${#TARGETS[@]} resources (the excluded ones are listed above)"
tf apply -auto-approve "${TARGETS[@]}" >"$WORK/apply.log" 2>&1 || { cat "$WORK/apply.log" >&2; die "apply failed"; }
outcome '^Apply complete' "$WORK/apply.log"

# moto reads the launch templates' tags back as tag specifications, so the provider makes new
# template versions, and the groups refresh: with the stack's preferences, launch before terminate.
checks refresh "$ENDPOINT" "dr-app-$SUFFIX" "$PRIMARY" "$SECONDARY"

log "3. second plan: must find no changes but moto's known read-back gaps"
no_drift replan.log
log "assertions against the emulator"
checks applied "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"
log "the manual's AWS CLI commands: checked by the CLI, run against the emulator where it can"
# The drill's forcing and the failover's scaling run and are undone by the manual's own restore
# and failback commands; the next plan (step 4) shows any state they leave behind.
"$VENV/bin/python" "$REPO/.ci/tools/manual_commands.py" run "$ENDPOINT" "$TF" "$SUFFIX" "$PRIMARY" "$SECONDARY" \
  "$REPO/help/operations.md" "$REPO/help/troubleshooting.md" >"$WORK/manual.log" 2>&1 \
  || { cat "$WORK/manual.log" >&2; die "the manual's AWS CLI commands"; }
outcome '^ok: .* ran against the emulator' "$WORK/manual.log"

# ---- S3 state and the failover switch without us-east-1 -----------------------------------------
# close_regions REGION...: moto refuses every call signed for REGION (and, for us-east-1, every
# global service) from now on; no REGION: every region answers again (emulator_server.py,
# RegionOutage).
close_regions() {
  local down
  down="$(IFS=,; echo "$*")"
  "$VENV/bin/python" - "$ENDPOINT" "$down" <<'EOF'
import json, sys, urllib.request
endpoint, down = sys.argv[1:]
request = urllib.request.Request(f"{endpoint}/dr-stack/outage?down={down}", method="POST")
answer = json.loads(urllib.request.urlopen(request, timeout=10).read())["down"]
if ",".join(answer) != ",".join(sorted(filter(None, down.split(",")))):
    sys.exit(f"the emulator reports {answer} down, not {down}")
EOF
}
# aws_emu ARG...: the pinned AWS CLI against the emulator, dummy credentials, no retries.
aws_emu() {
  env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_CONFIG_FILE=/dev/null \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1 \
    "$VENV/bin/aws" --endpoint-url "$ENDPOINT" "$@"
}
STATE_REGION=us-west-2 # the configuration's default for us-east-1 and us-east-2
STATE_BUCKET="dr-state-$SUFFIX"
STATE_KEY="dr-stack/$SUFFIX/terraform.tfstate"
LOCK_FILE="$STATE_KEY.tflock"
# state_on_s3: the applied stack's state moves from the local file into S3 (terraform init
# -migrate-state, as help/operations.md "Upgrading" says), and later synths keep it there.
state_on_s3() {
  local before
  before="$(state_list | wc -l)"
  aws_emu s3api create-bucket --region "$STATE_REGION" --bucket "$STATE_BUCKET" \
    --create-bucket-configuration LocationConstraint="$STATE_REGION" >/dev/null
  aws_emu s3api put-bucket-versioning --region "$STATE_REGION" --bucket "$STATE_BUCKET" \
    --versioning-configuration Status=Enabled
  EMULATOR_SETTINGS+=(DR_STATE_BACKEND=s3 DR_STATE_BUCKET="$STATE_BUCKET")
  synth "$REPO" "$WORK/out-s3"
  "$VENV/bin/python" - "$WORK/out-s3/stacks/TapStack$SUFFIX/cdk.tf.json" "$STATE_REGION" "$STATE_KEY" <<'EOF' \
    || die "the S3 backend is not the one expected"
import json, sys
backend = json.load(open(sys.argv[1]))["terraform"]["backend"]["s3"]
print(f"backend: {json.dumps(backend, sort_keys=True)}", file=sys.stderr)
assert backend["region"] == sys.argv[2] and backend["key"] == sys.argv[3], backend
assert backend["use_lockfile"] is True and "dynamodb_table" not in backend, backend
EOF
  use "$WORK/out-s3"
  tf init -migrate-state -force-copy >"$WORK/init-s3.log" 2>&1 \
    || { cat "$WORK/init-s3.log" >&2; die "the state does not move to S3"; }
  [ "$(state_list | wc -l)" -eq "$before" ] || die "the S3 state holds $(state_list | wc -l) resources, the local one $before"
  aws_emu s3api head-object --region "$STATE_REGION" --bucket "$STATE_BUCKET" --key "$STATE_KEY" >/dev/null \
    || die "no state object s3://$STATE_BUCKET/$STATE_KEY"
  log "the state ($before resources) is in s3://$STATE_BUCKET/$STATE_KEY ($STATE_REGION)"
}
# switch_without_us_east_1: help/operations.md's switch commands with us-east-1 closed; the
# terraform outputs they start from come from the S3 state.
switch_without_us_east_1() {
  local probe refused_before
  close_regions us-east-1
  # The outage is real for the CLI: a call for us-east-1 or a global service fails.
  for probe in "route53 list-hosted-zones --region $SECONDARY" "sts get-caller-identity --region us-east-1" \
    "iam list-roles --region $SECONDARY" "cloudwatch describe-alarms --region us-east-1"; do
    # shellcheck disable=SC2086 # the probe's words
    if aws_emu $probe >/dev/null 2>&1; then die "aws $probe answered with us-east-1 closed"; fi
  done
  refused_before="$(grep -c ' outage: ' "$WORK/moto.log" || true)"
  "$VENV/bin/python" "$REPO/.ci/tools/manual_commands.py" switch "$ENDPOINT" "$TF" "$SUFFIX" "$PRIMARY" "$SECONDARY" \
    "$REPO/help/operations.md" "$REPO/help/troubleshooting.md" >"$WORK/switch.log" 2>&1 \
    || { cat "$WORK/switch.log" >&2; die "the failover switch with us-east-1 closed"; }
  grep -E '^(ran: |  [a-z0-9-]+: the period)' "$WORK/switch.log" >&2
  outcome '^ok: .* switch commands ran' "$WORK/switch.log"
  [ "$(grep -c ' outage: ' "$WORK/moto.log" || true)" -eq "$refused_before" ] \
    || die "the switch's commands made calls for us-east-1: $(grep ' outage: ' "$WORK/moto.log" | tail -n 5)"
  close_regions
  # What Route 53 does with the switch region down cannot be evaluated here: the settings.
  checks switch-holds "$ENDPOINT" "$SECONDARY" "dr-failover-switch-$SUFFIX"
}
# hold_lock: the lock file another run holds (as Terraform writes it, naming who); release_lock
# removes it; no_lock_left fails if any is left.
hold_lock() {
  printf '{"ID":"00000000-0000-0000-0000-00000000dead","Operation":"OperationTypeApply","Info":"","Who":"on-call@elsewhere","Version":"1.11.4","Created":"2026-01-01T00:00:00Z","Path":"%s/%s"}' \
    "$STATE_BUCKET" "$STATE_KEY" >"$WORK/held.tflock"
  aws_emu s3api put-object --region "$STATE_REGION" --bucket "$STATE_BUCKET" --key "$LOCK_FILE" \
    --body "$WORK/held.tflock" >/dev/null
}
release_lock() {
  aws_emu s3api delete-object --region "$STATE_REGION" --bucket "$STATE_BUCKET" --key "$LOCK_FILE" >/dev/null
}
no_lock_left() {
  if aws_emu s3api head-object --region "$STATE_REGION" --bucket "$STATE_BUCKET" --key "$LOCK_FILE" >/dev/null 2>&1; then
    die "a lock file s3://$STATE_BUCKET/$LOCK_FILE is left behind"
  fi
}

log "3b. the state moves to S3, in $STATE_REGION"
state_on_s3
log "3c. the failover switch with us-east-1 closed (moto refuses every call for it)"
switch_without_us_east_1

log "4. regional outage: the primary's endpoint stops answering"
closed="http://127.0.0.1:$(free_port)"
# outage SITE: an override file that points every endpoint of SITE's provider at a closed port (no
# retries), and the other provider's IAM endpoint too when SITE is in us-east-1, where IAM's API is.
outage() {
  "$VENV/bin/python" - "$TF/cdk.tf.json" "$closed" "$1" >"$TF/$1_outage_override.tf.json" <<'EOF'
import json, sys
config, closed, down = sys.argv[1:]
providers = {p["alias"]: p for p in json.load(open(config))["provider"]["aws"] if "alias" in p}
up = "secondary" if down == "primary" else "primary"
blocks = [{"alias": down, "endpoints": [{s: closed for s in providers[down]["endpoints"][0]}],
           "max_retries": 0}]
if providers[down]["region"] == "us-east-1":
    blocks.append({"alias": up, "endpoints": [dict(providers[up]["endpoints"][0], iam=closed)]})
print(json.dumps({"provider": {"aws": blocks}}))
EOF
}
outage primary
close_regions "$PRIMARY"
# survive SITE NAME VAR=value...: help/operations.md's procedure while the other region is down:
# change the settings, synth, and apply only SITE's group, refreshing nothing (IAM among it). The
# override files stay.
survive() {
  local site="$1" name="$2" group
  shift 2
  synth "$REPO" "$WORK/$name" "$@"
  rm -f "$TF/cdk.tf.json"
  cp "$WORK/$name/stacks/TapStack$SUFFIX/cdk.tf.json" "$TF/"
  group="$(state_list | grep -E "^aws_autoscaling_group\.$site-")"
  [ -n "$group" ] || die "no $site group in the state"
  # The lock: while another run holds it, the procedure stops before it changes anything.
  hold_lock
  if tf apply -auto-approve -refresh=false -target="$group" >"$WORK/$name-locked.log" 2>&1; then
    die "the $name procedure ran while another run held the state's lock"
  fi
  if ! grep -q 'Error acquiring the state lock' "$WORK/$name-locked.log" \
    || ! grep -q 'on-call@elsewhere' "$WORK/$name-locked.log"; then
    cat "$WORK/$name-locked.log" >&2
    die "the $name procedure failed, but not on the lock"
  fi
  release_lock
  local locks
  locks="$(grep -c "/$STATE_BUCKET/$LOCK_FILE 20[04] " "$WORK/moto.log" || true)"
  tf apply -auto-approve -refresh=false -target="$group" >"$WORK/$name-apply.log" 2>&1 \
    || { cat "$WORK/$name-apply.log" >&2; die "the $name procedure failed"; }
  outcome '^Apply complete' "$WORK/$name-apply.log"
  # It took the lock (the lock file written, then deleted) in the state's region, and left none.
  [ "$(grep -c "/$STATE_BUCKET/$LOCK_FILE 20[04] " "$WORK/moto.log" || true)" -ge $((locks + 2)) ] \
    || die "the $name procedure did not take the lock file s3://$STATE_BUCKET/$LOCK_FILE"
  no_lock_left
}
survive secondary primary-outage DR_SECONDARY_MIN_CAPACITY=2 DR_SECONDARY_DESIRED_CAPACITY=2
close_regions
checks capacity "$ENDPOINT" "$SECONDARY" "dr-app-$SUFFIX" 2
checks capacity "$ENDPOINT" "$PRIMARY" "dr-app-$SUFFIX" 2
log "the primary is back: the state must be consistent"
rm -f "$TF/primary_outage_override.tf.json"
no_drift after-outage.log

log "4b. the secondary's outage: its endpoints stop answering, the primary's group grows"
outage secondary
close_regions "$SECONDARY"
# help/operations.md, "While the secondary region is down": a plain plan fails (it refreshes the
# secondary's resources), the targeted apply of the primary's group does not.
if tf plan >"$WORK/secondary-outage-plan.log" 2>&1; then
  die "a plan of the whole stack refreshed with the secondary's endpoints closed"
fi
survive primary secondary-outage DR_SECONDARY_MIN_CAPACITY=2 DR_SECONDARY_DESIRED_CAPACITY=2 \
  DR_PRIMARY_MIN_CAPACITY=3 DR_PRIMARY_DESIRED_CAPACITY=3
checks capacity "$ENDPOINT" "$PRIMARY" "dr-app-$SUFFIX" 3
log "the secondary is back: the state must be consistent"
rm -f "$TF/secondary_outage_override.tf.json"
close_regions
no_drift after-outage2.log

# move LABEL VAR=value...: the current code with these settings planned over the applied stack;
# it may replace nothing and destroy only what .ci/tools/emulator_checks.py's MOVE_DESTROYS lists.
move() {
  local label="$1"
  shift
  synth "$REPO" "$WORK/move-$label" "$@"
  use "$WORK/move-$label"
  tf plan -out="move-$label.tfplan" >"$WORK/move-$label-plan.log" 2>&1 \
    || { cat "$WORK/move-$label-plan.log" >&2; die "the move to $label does not plan"; }
  outcome '^Plan:' "$WORK/move-$label-plan.log"
  plan_json "move-$label.tfplan" >"$WORK/move-$label.json"
  checks move "$WORK/move-$label.json"
}
# move_applied LABEL EXCLUSION...: that plan's stack applied but for the exclusions (and what
# refers to them), then planned again: no changes but moto's read-back gaps.
move_applied() {
  local label="$1"
  shift
  mapfile -t TARGETS < <("$VENV/bin/python" "$REPO/.ci/tools/emulator_checks.py" targets "$TF/cdk.tf.json" "${EXCLUDED[@]}" "$@")
  tf apply -auto-approve "${TARGETS[@]}" >"$WORK/move-$label-apply.log" 2>&1 \
    || { cat "$WORK/move-$label-apply.log" >&2; die "the move to $label does not apply"; }
  outcome '^Apply complete' "$WORK/move-$label-apply.log"
  no_drift "move-$label-replan.log"
}
log "4c. the strategy and the front door change on the deployed stack, and back"
move active-active DR_STRATEGY=activeActive
grep -E 'aws_route53_record\.dns-failover_primary-record_[A-Z0-9]+ will be updated in-place' "$WORK/move-active-active-plan.log" >&2 \
  || die "the move to activeActive does not change the records"
move_applied active-active
# moto has no Global Accelerator: its resources, and the PRIMARY record that aliases the
# accelerator, are planned here and left out of the apply (docs/maintainers/testing.md).
move accelerator DR_STRATEGY=activeActive DR_FRONT_DOOR=accelerator
grep -E 'aws_globalaccelerator_accelerator\..* will be created' "$WORK/move-accelerator-plan.log" >&2 \
  || die "the move to the accelerator does not create it"
move_applied accelerator 'aws_globalaccelerator_*'
move warm-standby
move_applied warm-standby

log "5. destroy"
tf destroy -auto-approve >"$WORK/destroy.log" 2>&1 || { cat "$WORK/destroy.log" >&2; die "destroy failed"; }
outcome '^Destroy complete' "$WORK/destroy.log"
left="$(state_list)"
[ -z "$left" ] || die "state still holds: $left"
checks empty "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"

log "6. the README's path: cdktf deploy and cdktf destroy of a fresh stack"
# The CLI runs terraform itself; Terraform appends TF_CLI_ARGS_apply to its apply, which is how the
# exclusions reach it. destroy needs none: it removes what the state holds.
cli_state="$WORK/state/cli.tfstate"
cli() {
  local verb="$1"
  (env "${EMULATOR_SETTINGS[@]}" DR_STATE_BACKEND=local DR_LOCAL_STATE_PATH="$cli_state" TF_CLI_ARGS_apply="${TARGETS[*]}" \
    timeout "$STEP_TIMEOUT" npx --yes "$DR_CDKTF_CLI" "$verb" --auto-approve --no-color \
      --output "$WORK/cli-out" >"$WORK/cli-$verb.log" 2>&1) && return
  # After a targeted apply Terraform leaves the outputs of what it did not apply (the excluded
  # table's, the constants') unset, and cdktf-cli 0.19.2 then fails rendering them
  # (Object.entries of null). A full apply, as users run it, sets every output.
  if [ "$verb" = deploy ] && grep -q 'Apply complete!' "$WORK/cli-$verb.log" &&
    grep -q 'TypeError: Cannot convert undefined or null to object' "$WORK/cli-$verb.log"; then
    log "cdktf deploy applied; its rendering of the outputs a targeted apply left unset failed (known)"
    return
  fi
  tail -n 60 "$WORK/cli-$verb.log" >&2
  die "cdktf $verb failed"
}
# Without a lock file the CLI runs `terraform providers lock`, which asks registry.terraform.io
# whatever the CLI configuration says: offline, the stack gets the one init wrote from the mirror
# (a synth keeps it, as it keeps a team's committed lock file).
mkdir -p "$WORK/cli-out/stacks/TapStack$SUFFIX"
cp "$TF/.terraform.lock.hcl" "$WORK/cli-out/stacks/TapStack$SUFFIX/"
cli deploy
outcome 'Apply complete' "$WORK/cli-deploy.log"
checks applied "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"
cli destroy
outcome 'Destroy complete' "$WORK/cli-destroy.log"
checks empty "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"
log "7. strong consistency: planned with its witness, and refused over a table of the other mode"
synth "$REPO" "$WORK/strong" DR_TABLE_CONSISTENCY=strong DR_TABLE_TTL_ATTRIBUTE= DR_TARGET_RPO_SECONDS=0
use "$WORK/strong"
tf plan -out=strong.tfplan >"$WORK/strong-plan.log" 2>&1 || { cat "$WORK/strong-plan.log" >&2; die "the strong mode does not plan"; }
outcome '^Plan:' "$WORK/strong-plan.log"
plan_json strong.tfplan >"$WORK/strong.json"
checks strong "$WORK/strong.json" us-west-2
# An eventual table of the stack's name in the primary region: every plan must stop, naming it.
checks table "$ENDPOINT" "$PRIMARY" "dr-table-$SUFFIX" create
if tf plan >"$WORK/strong-refused.log" 2>&1; then die "the strong mode planned over an eventual table"; fi
grep -q "dr-table-$SUFFIX exists in $PRIMARY with eventual consistency" "$WORK/strong-refused.log" \
  || { cat "$WORK/strong-refused.log" >&2; die "the refusal does not name the eventual table"; }
grep -E 'Resource precondition failed' "$WORK/strong-refused.log" >&2
checks table "$ENDPOINT" "$PRIMARY" "dr-table-$SUFFIX" delete

log "8. the Region switch plan: planned with approval and trigger (moto has no ARC Region switch)"
synth "$REPO" "$WORK/plan" DR_REGION_SWITCH_PLAN=true DR_REGION_SWITCH_APPROVAL=true DR_REGION_SWITCH_TRIGGERS=true
use "$WORK/plan"
tf plan -out=plan.tfplan >"$WORK/plan-plan.log" 2>&1 || { cat "$WORK/plan-plan.log" >&2; die "the Region switch plan does not plan"; }
outcome '^Plan:' "$WORK/plan-plan.log"
plan_json plan.tfplan >"$WORK/plan.json"
checks region-switch "$WORK/plan.json" "$PRIMARY" "$SECONDARY"

# The shipped examples (examples/<name>/cdktf.json), each as a user has it but for the emulator's
# endpoint: synthesized by the CDKTF CLI with the example's own cdktf.json (its app run from this
# checkout) and planned against the tier's moto, its backend replaced by a local state. Plan only:
# the apply of the stack is steps 2-6.
plan_examples() {
  local example name dir
  for example in "$REPO"/examples/*/cdktf.json; do
    name="$(basename "$(dirname "$example")")"
    dir="$WORK/example-$name"
    mkdir -p "$dir/app" "$dir/tf"
    "$VENV/bin/python" - "$example" "$REPO/src/main/scripts/app.sh" >"$dir/app/cdktf.json" <<'PY'
import json, shlex, sys
config = json.load(open(sys.argv[1]))
config["app"] = "bash " + shlex.quote(sys.argv[2])
print(json.dumps(config, indent=2))
PY
    (cd "$dir/app" && env ENVIRONMENT_SUFFIX="$name" DR_EMULATOR_ENDPOINT="$ENDPOINT" \
      npx --yes "$DR_CDKTF_CLI" synth --output "$dir/out" >"$WORK/example-$name-synth.log" 2>&1) \
      || { cat "$WORK/example-$name-synth.log" >&2; die "the example $name does not synthesize"; }
    cp "$dir/out/stacks/TapStack$name/cdk.tf.json" "$TF/.terraform.lock.hcl" "$dir/tf/"
    printf '{"terraform": {"backend": {"local": {"path": "%s"}}}}\n' "$WORK/state/example-$name.tfstate" \
      >"$dir/tf/backend_override.tf.json"
    (cd "$dir/tf" && terraform init -no-color -input=false) >"$WORK/example-$name-init.log" 2>&1 \
      || { cat "$WORK/example-$name-init.log" >&2; die "terraform init of the example $name failed"; }
    (cd "$dir/tf" && timeout "$STEP_TIMEOUT" terraform plan -no-color -input=false) \
      >"$WORK/example-$name-plan.log" 2>&1 \
      || { cat "$WORK/example-$name-plan.log" >&2; die "the example $name does not plan"; }
    log "example $name planned:"
    outcome '^Plan:' "$WORK/example-$name-plan.log"
  done
}

log "9. the shipped examples: synthesized as shipped and planned against the emulator"
plan_examples

# The deploy policy (help/deploy-policy.json, help/security.md): the stack applied and destroyed
# as an IAM user that holds only that policy, on a moto of its own that enforces IAM
# (.ci/tools/emulator_iam_server.py says what that enforcement covers and what it does not); first
# as a user whose policy lacks one action the apply needs, which must fail naming it.
deploy_policy() {
  local port endpoint dir refused mark missing=sns:CreateTopic
  port="$(free_port)"
  endpoint="http://127.0.0.1:$port"
  dir="$WORK/deploy-policy"
  mkdir "$dir"
  # Six calls unchecked: two users, their policies and access keys.
  "$VENV/bin/python" "$REPO/.ci/tools/emulator_iam_server.py" -H 127.0.0.1 -p "$port" \
    --unchecked-calls 6 >"$WORK/moto-iam.log" 2>&1 &
  IAM_MOTO_PID=$!
  "$VENV/bin/python" - "$endpoint" "$REPO/help/deploy-policy.json" "$missing" "$dir" "$TF/cdk.tf.json" <<'PY' \
    || { cat "$WORK/moto-iam.log" >&2; die "the deploy policy's users could not be created"; }
import json, sys, time, urllib.request
import boto3
endpoint, policy_file, missing, out, config = sys.argv[1:]
deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(endpoint + "/moto-api/", timeout=2)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("moto did not start")
        time.sleep(0.5)
policy = json.load(open(policy_file))
# moto checks every call's action against the resource "*" and ignores conditions: each statement
# is kept with its actions, its resources widened so that moto can match them.
for statement in policy["Statement"]:
    statement["Resource"] = "*"
short = json.loads(json.dumps(policy))
for statement in short["Statement"]:
    statement["Action"] = [a for a in statement["Action"] if a != missing]
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
aliases = [p["alias"] for p in json.load(open(config))["provider"]["aws"] if "alias" in p]
for user, document in (("deployer", policy), ("deployer-short", short)):
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName="deploy", PolicyDocument=json.dumps(document))
    key = iam.create_access_key(UserName=user)["AccessKey"]
    endpoints = json.load(open(config))["provider"]["aws"][0]["endpoints"][0]
    blocks = [{"alias": alias, "access_key": key["AccessKeyId"], "secret_key": key["SecretAccessKey"],
               "endpoints": [{service: endpoint for service in endpoints}]} for alias in aliases]
    with open(f"{out}/{user}.json", "w") as f:
        json.dump({"provider": {"aws": blocks}}, f)
PY
  cp "$TF/cdk.tf.json" "$TF/.terraform.lock.hcl" "$dir/"
  policy_tf() { (cd "$dir" && timeout "$STEP_TIMEOUT" terraform "$@" -no-color -input=false); }
  policy_tf init -backend-config="path=$WORK/state/deploy-policy.tfstate" >"$WORK/deploy-policy-init.log" 2>&1 \
    || { cat "$WORK/deploy-policy-init.log" >&2; die "terraform init (deploy policy) failed"; }
  cp "$dir/deployer-short.json" "$dir/deployer_override.tf.json"
  if policy_tf apply -auto-approve "${TARGETS[@]}" >"$WORK/deploy-policy-short.log" 2>&1; then
    die "the apply without $missing succeeded"
  fi
  # moto's refusals (HTTP 403, by operation): exactly the missing action's; the SDK may not parse
  # moto's message, so Terraform's error names the operation and the status.
  refused="$(grep -E '^call: .* 403 attempt=' "$WORK/moto-iam.log" | cut -d' ' -f3 | sort -u | tr '\n' ' ')"
  [ "$refused" = "${missing#*:} " ] \
    || { tail -n 60 "$WORK/deploy-policy-short.log" >&2; die "moto refused '$refused', not only ${missing#*:}"; }
  grep -m 2 -E "${missing#*:}.*(StatusCode: 403|not authorized)" "$WORK/deploy-policy-short.log" >&2 \
    || { tail -n 60 "$WORK/deploy-policy-short.log" >&2; die "the apply without $missing did not fail naming it"; }
  mark="$(wc -l <"$WORK/moto-iam.log")"
  log "with the whole policy: apply (carrying on from the refused one), then destroy"
  cp "$dir/deployer.json" "$dir/deployer_override.tf.json"
  policy_tf apply -auto-approve "${TARGETS[@]}" >"$WORK/deploy-policy-apply.log" 2>&1 \
    || { cat "$WORK/deploy-policy-apply.log" >&2; die "apply with the deploy policy failed"; }
  outcome '^Apply complete' "$WORK/deploy-policy-apply.log"
  policy_tf destroy -auto-approve >"$WORK/deploy-policy-destroy.log" 2>&1 \
    || { cat "$WORK/deploy-policy-destroy.log" >&2; die "destroy with the deploy policy failed"; }
  outcome '^Destroy complete' "$WORK/deploy-policy-destroy.log"
  if tail -n "+$mark" "$WORK/moto-iam.log" | grep -E '^call: .* 403 attempt=' >&2; then
    die "moto refused the calls above to the whole deploy policy"
  fi
  [ -z "$( (cd "$dir" && terraform state list 2>/dev/null) || true)" ] || die "the deploy policy's state is not empty"
  kill "$IAM_MOTO_PID" 2>/dev/null || true
  wait "$IAM_MOTO_PID" 2>/dev/null || true
  IAM_MOTO_PID=
}

log "10. the deploy policy: apply and destroy as a user that holds only it, moto enforcing IAM"
use "$WORK/out"
deploy_policy

if [ "${DR_OPENTOFU:-true}" = false ]; then
  log "11. OpenTofu: SKIPPED (.ci/run found no OpenTofu within its build budget)"
  log "emulator tier passed"
  exit 0
fi
log "11. OpenTofu: the same JSON validated, planned, applied and destroyed, next to Terraform"
eval "$(.ci/tools/opentofu.sh env)"
TOFU_DIR="$WORK/tofu"
mkdir "$TOFU_DIR"
cp "$WORK/out/stacks/TapStack$SUFFIX/cdk.tf.json" "$TOFU_DIR/"
# The common flags right after the command: OpenTofu takes no flag after a positional argument
# (the saved plan of apply).
tofu_run() { (cd "$TOFU_DIR" && timeout "$STEP_TIMEOUT" tofu "$1" -no-color -input=false "${@:2}"); }
log "$(tofu version | head -1)"
# Its own state, beside Terraform's: the backend block names the stack's path, -backend-config
# moves it.
tofu_run init -backend-config="path=$WORK/state/tofu.tfstate" >"$WORK/tofu-init.log" 2>&1 \
  || { cat "$WORK/tofu-init.log" >&2; die "tofu init failed"; }
# validate takes no -input.
(cd "$TOFU_DIR" && tofu validate -no-color) >"$WORK/tofu-validate.log" 2>&1 \
  || { cat "$WORK/tofu-validate.log" >&2; die "tofu validate failed"; }
tofu_run plan -out=tofu.tfplan "${TARGETS[@]}" >"$WORK/tofu-plan.log" 2>&1 \
  || { cat "$WORK/tofu-plan.log" >&2; die "tofu plan failed"; }
outcome '^Plan:' "$WORK/tofu-plan.log"
tofu_run apply -auto-approve tofu.tfplan >"$WORK/tofu-apply.log" 2>&1 \
  || { cat "$WORK/tofu-apply.log" >&2; die "tofu apply failed"; }
outcome '^Apply complete' "$WORK/tofu-apply.log"
checks applied "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"
tofu_run destroy -auto-approve >"$WORK/tofu-destroy.log" 2>&1 \
  || { cat "$WORK/tofu-destroy.log" >&2; die "tofu destroy failed"; }
outcome '^Destroy complete' "$WORK/tofu-destroy.log"
left="$( (cd "$TOFU_DIR" && tofu state list 2>/dev/null) || true)"
[ -z "$left" ] || die "OpenTofu's state still holds: $left"
checks empty "$ENDPOINT" "$SUFFIX" "$PRIMARY" "$SECONDARY"

log "emulator tier passed"
