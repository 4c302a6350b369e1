#!/usr/bin/env bash
# The app command of cdktf.json: synthesizes the stack into $CDKTF_OUTDIR (set by the CDKTF CLI;
# cdktf.out/ otherwise). Maven runs only when the POM or the launcher changed, to resolve the
# classpath; the app's sources are compiled without lint (lint is mvn verify's). The synth goes to
# the synth daemon (started by the first synth, it keeps the JVM and jsii's loaded AWS provider
# between synths, and compiles each edit itself), or, with the daemon off, to a JVM started at once
# on a cached build. docs/maintainers/performance.md has the figures; help/troubleshooting.md has
# the daemon's settings;
# src/test/scripts/launcher-test.sh proves that edits are picked up and the output is unchanged.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/main/scripts/jsii-env.sh
. src/main/scripts/synth-daemons.sh

# The launcher's settings, checked before anything runs.
refuse() {
  echo "app.sh: $1 is \"$2\"; allowed: $3 (help/troubleshooting.md, \"${4:-The synth daemon}\")" >&2
  exit 2
}
daemon="${DR_SYNTH_DAEMON:-on}"
if [ "${CI:-}" = true ]; then daemon="${DR_SYNTH_DAEMON:-off}"; fi
case "$daemon" in on | off) ;; *) refuse DR_SYNTH_DAEMON "$daemon" "on or off" ;; esac
idle="${DR_SYNTH_DAEMON_IDLE_MINUTES:-30}"
if ! [[ "$idle" =~ ^[1-9][0-9]{0,3}$ ]] || [ "$idle" -gt 1440 ]; then
  refuse DR_SYNTH_DAEMON_IDLE_MINUTES "$idle" "a whole number of minutes from 1 to 1440"
fi

# The CDKTF CLI's command that runs this synth (diff, deploy, ...), read from the ancestor process
# that runs the CLI (node .../cdktf <command> ...); empty when no CLI runs it (a tool, a test).
cli_command() {
  local pid=$PPID depth arg after_cli args
  for ((depth = 0; depth < 6; depth++)); do
    if ! [[ "$pid" =~ ^[0-9]+$ ]] || [ "$pid" -le 1 ]; then return; fi
    args=()
    if [ -r "/proc/$pid/cmdline" ]; then
      mapfile -d '' -t args <"/proc/$pid/cmdline"
      pid="$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$pid/status")"
    elif command -v ps >/dev/null 2>&1; then
      read -ra args <<<"$(ps -o args= -p "$pid")"
      pid="$(ps -o ppid= -p "$pid" | tr -d ' ')"
    else
      return
    fi
    after_cli=""
    for arg in "${args[@]}"; do
      if [ -n "$after_cli" ] && [[ "$arg" != -* ]]; then
        echo "$arg"
        return
      fi
      case "${arg##*/}" in cdktf | cdktf.js) after_cli=1 ;; esac
    done
    if [ -n "$after_cli" ]; then return; fi
  done
}
case "$(cli_command)" in diff | deploy | destroy) preflight_due=1 ;; *) preflight_due="" ;; esac

# The JDK Maven uses too: JAVA_HOME's, else the one of the java on PATH.
if ! java="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")"; then
  echo "app.sh: no java: install a JDK (17 or later) or set JAVA_HOME" >&2
  exit 1
fi
jdk_bin="$(dirname "$(readlink -f "$java")")"

# SHA-256 of standard input, or of the files named in it (NUL-separated) with -0: sha256sum (GNU
# coreutils), else shasum (macOS).
sha256() {
  local tool=(sha256sum)
  if ! command -v sha256sum >/dev/null 2>&1; then tool=(shasum -a 256); fi
  if [ "${1:-}" = -0 ]; then xargs -0 "${tool[@]}"; else "${tool[@]}"; fi
}

# Two builds, each fingerprinted by content (an edit counts whatever its mtime). The launcher's:
# the runtime classpath and the launcher's own classes (io.drstack.launcher), from the POM, Maven's
# settings, the JDK's version, these scripts and the launcher's sources; Maven runs only when it
# changes. The app's: every source and resource, compiled without lint (StackBuild) by the synth
# daemon as it serves a synth, or here without the daemon.
launcher_inputs=(pom.xml .mvn "$jdk_bin/../release" src/main/scripts/app.sh
  src/main/scripts/synth-client.js src/main/scripts/synth-daemons.sh
  src/main/java/io/drstack/launcher)
fingerprint() {
  local inputs=() path
  for path in "$@"; do
    if [ -e "$path" ]; then inputs+=("$path"); fi
  done
  find "${inputs[@]}" -type f -print0 | LC_ALL=C sort -z | sha256 -0 | sha256 | cut -c1-16
}

# Information goes to stdout: the CDKTF CLI shows what an app writes to stderr as [ERROR].
info() { echo "app.sh: $*"; }

# Before the CLI runs Terraform (diff, deploy, destroy), one line and exit status 1 when the
# credentials cannot call AWS in the stack's primary region, or belong to another partition than
# the region's, or to another account than expectedAccountId (the providers' allowed_account_ids,
# which Terraform would check only after planning): otherwise Terraform's plan
# output comes first and each provider's error after it, twice. STS is asked at the region's own
# endpoint, never the global one. Not against the emulator, whose credentials are dummies.
preflight() {
  local facts region endpoints
  facts="$(node -e '
    const fs = require("fs"), path = require("path");
    const out = process.env.CDKTF_OUTDIR || "cdktf.out";
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    for (const stack of Object.values(manifest.stacks)) {
      const json = JSON.parse(fs.readFileSync(path.join(out, stack.synthesizedStackPath), "utf8"));
      const primary = [].concat(json.provider.aws).find((p) => p.alias === "primary");
      console.log(primary.region, primary.endpoints ? "emulator" : "aws",
        (primary.allowed_account_ids || [""])[0]);
    }')" || return 0
  local expected_account
  read -r region endpoints expected_account <<<"$facts"
  if [ "$endpoints" != aws ]; then return 0; fi
  if ! command -v aws >/dev/null 2>&1; then
    info "no aws CLI here: the credentials are not checked before Terraform runs"
    return 0
  fi
  local limit=() answer status=0 account arn partition reason
  if command -v timeout >/dev/null 2>&1; then limit=(timeout 20); fi
  answer="$(AWS_STS_REGIONAL_ENDPOINTS=regional AWS_PAGER="" "${limit[@]}" aws sts \
    get-caller-identity --region "$region" --output text --query '[Account,Arn]' \
    --cli-connect-timeout 5 --cli-read-timeout 10 2>&1)" || status=$?
  if [ "$status" -ne 0 ]; then
    reason="$(grep -v '^[[:space:]]*$' <<<"$answer" | tail -n 1 || true)"
    reason="${reason%.}"
    if [ "$status" -eq 124 ]; then reason="no answer from STS within 20 s"; fi
    echo "app.sh: no usable AWS credentials for $region: ${reason:-aws exited with $status}." \
      "Nothing was planned or applied." >&2
    exit 1
  fi
  read -r account arn <<<"$answer"
  case "$region" in
    cn-*) partition=aws-cn ;;
    us-gov-*) partition=aws-us-gov ;;
    *) partition=aws ;;
  esac
  if [ "$(cut -d: -f2 <<<"$arn")" != "$partition" ]; then
    echo "app.sh: the AWS credentials ($arn) are of partition $(cut -d: -f2 <<<"$arn"), not" \
      "$partition, the partition of $region. Nothing was planned or applied." >&2
    exit 1
  fi
  if [ -n "$expected_account" ] && [ "$account" != "$expected_account" ]; then
    echo "app.sh: the AWS credentials ($arn) are of account $account, not" \
      "$expected_account, the expectedAccountId. Nothing was planned or applied." >&2
    exit 1
  fi
  info "credentials: $arn, account $account, in $region"
}
# The synth's exit status, after the preflight when it is due and the synth succeeded.
finish() {
  if [ "$1" -eq 0 ] && [ -n "$preflight_due" ]; then preflight; fi
  exit "$1"
}

# Maven offline first (no remote metadata checks); online only when an artifact is missing.
maven() {
  local log status=0
  log="$(mktemp)"
  mvn -B -q -o "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] && grep -qE 'in offline mode|No plugin found for prefix' "$log"; then
    status=0
    mvn -B -q "$@" >"$log" 2>&1 || status=$?
  fi
  # Maven prints colour resets even in batch mode; what is left goes to stderr only on failure.
  sed $'s/\e\\[0m//g' "$log" | grep -v '^[[:space:]]*$' >&"$((status == 0 ? 1 : 2))" || true
  rm -f "$log"
  return "$status"
}

# Concurrent synths: one builds, the others wait for it and reuse its build. Without flock (macOS)
# they may build side by side; each still renames a whole build into place.
lock() {
  exec 9>target/app/.lock
  if command -v flock >/dev/null 2>&1; then flock 9; fi
}

# The launcher's build, made in a temporary directory and renamed into place whole: a synth never
# runs a half-made build. Replacing it deletes the older ones, which stops their daemons.
build_launcher() {
  lock
  if [ -f "$launcher/classpath" ]; then return; fi
  rm -rf target/app/.build.* # left by failed builds
  info "resolving the dependencies with Maven (a fresh clone downloads them: a minute or more)"
  local tmp
  tmp="$(mktemp -d target/app/.build.XXXXXX)"
  # A plugin goal alone runs no lifecycle phase: no Spotless, no Error Prone (mvn verify has them).
  maven dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$PWD/$tmp/classpath"
  sed -n 's:.*<main.class>\(.*\)</main.class>.*:\1:p' pom.xml >"$tmp/main-class"
  sed -n 's:.*<maven.compiler.release>\(.*\)</maven.compiler.release>.*:\1:p' pom.xml \
    >"$tmp/release"
  if [ ! -s "$tmp/main-class" ] || [ ! -s "$tmp/release" ]; then
    echo "app.sh: pom.xml names no <main.class> or no <maven.compiler.release>" >&2
    exit 1
  fi
  info "compiling the launcher"
  "$jdk_bin/javac" -d "$tmp/launcher" --release "$(<"$tmp/release")" -g -proc:none \
    -cp "$(<"$tmp/classpath")" src/main/java/io/drstack/launcher/*.java
  find target/app -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' -exec rm -rf {} +
  mv "$tmp" "$launcher"
}

mkdir -p target/app
launcher="target/app/$(fingerprint "${launcher_inputs[@]}")"
if [ ! -f "$launcher/classpath" ]; then
  build_launcher
  exec 9>&- # the lock
fi
classpath="$(<"$launcher/classpath")"
main="$(<"$launcher/main-class")"
release="$(<"$launcher/release")"

# The heap limit keeps jsii's Node.js process (most of the memory) from growing past what it needs;
# after the caller's options, so that it also holds under the CDKTF CLI, which asks for 4096 MiB.
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=1536"
# JVM flags, each measured in docs/maintainers/performance.md: the C1 compiler only (a synth, even
# the 25 of a daemon, is too short for C2 to pay off).
java=("$jdk_bin/java" -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off)

# A daemon serves one launcher build and one set of the variables that its JVM and jsii's Node.js
# process read when they start, which it cannot take per synth; the app's code (it compiles each
# edit), the CLI's outdir and context, and the settings' overrides, it takes per synth.
daemon_key() {
  local at_start='CDKTF_|JSII_|NODE_OPTIONS=|TERRAFORM_BINARY_NAME=|(JAVA_TOOL|JDK_JAVA|_JAVA)_OPTIONS='
  env -0 | grep -zE "^($at_start|DR_SYNTH_DAEMON_IDLE_MINUTES=)" |
    grep -zvE '^CDKTF_(OUTDIR|CONTEXT_JSON)=' | LC_ALL=C sort -z | sha256 | cut -c1-12
}

# The variables a synth needs: the daemon starts with these only (its successors inherit them), and
# each request carries these only, so that nothing else of the caller's environment (a database URL,
# credentials) reaches a process that outlives it. The settings (DR_*, ENVIRONMENT_SUFFIX, and the
# launcher's own DR_SYNTH_DAEMON variables); the CDKTF CLI's hand-off (CDKTF_OUTDIR, CDKTF_CONTEXT_JSON,
# CDKTF_TARGET_STACK_ID, ...) and TERRAFORM_BINARY_NAME, which the CDKTF library reads; jsii's
# (JSII_RUNTIME names the node it starts, JSII_SILENCE_WARNING_*); NODE_OPTIONS (the heap limit
# below) and the JVM's option variables, which the user may need (a proxy, a temp directory); PATH
# (jsii starts node from it), HOME and TMPDIR (Node.js and jsii write under them), JAVA_HOME (the
# JDK in use), LANG and LC_* (the encoding of file names and messages).
synth_env='^(DR_.*|ENVIRONMENT_SUFFIX|CDKTF_.*|TERRAFORM_BINARY_NAME|JSII_.*|NODE_OPTIONS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|PATH|HOME|TMPDIR|JAVA_HOME|LANG|LC_[A-Z]+)$'

# Names of variables that may hold credentials or other secrets (any case). A synth needs none, so
# even among the variables above, neither the daemon's own environment nor any request carries them.
secrets='^(AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|CONTAINER_CREDENTIALS_.*|CONTAINER_AUTHORIZATION_TOKEN.*)|.*(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY).*)$'

# Starts the daemon unless another synth did while this one waited for the lock; returns once it
# listens. Detached (own session, no inherited descriptors) so that the CLI does not wait for it.
# It stops by itself when idle; it hands over to a fresh successor, in the background, after 25
# synths or above 940 MiB resident (jsii keeps what each synth creates), so that it stays under
# the 1 GiB of a synth without it (see SynthDaemon).
start_daemon() {
  exec 8>"$launcher/.daemon.lock"
  flock 8
  local pid
  # Running, not merely a pid: a stopped daemon can linger as a zombie, which kill -0 still finds.
  if [ -S "$socket" ] && pid="$(cat "$socket.pid" 2>/dev/null)" &&
    is_synth_daemon "$pid" "$socket" "$PWD"; then
    return
  fi
  rm -f "$socket"
  # Per request, not per daemon: the output directory and the context.
  local kept=() name
  for name in $(compgen -e); do
    if [[ "$name" =~ $synth_env ]] && ! [[ "${name^^}" =~ $secrets ]] &&
      [ "$name" != CDKTF_OUTDIR ] && [ "$name" != CDKTF_CONTEXT_JSON ]; then
      kept+=("$name=${!name}")
    fi
  done
  info "starting the synth daemon: it loads jsii and the AWS provider once, and compiles each" \
    "edit (stops after $idle idle minutes)"
  (
    # No descriptor but the log: a lock's would stay locked, a pipe's would keep the CLI waiting.
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    # A small heap, collected between synths: javac's garbage would otherwise stay resident.
    exec env -i "${kept[@]}" setsid "${java[@]}" -XX:+UseSerialGC -Xmx160m \
      -cp "$launcher/launcher:$classpath" io.drstack.launcher.SynthDaemon "$socket" \
      "PT${idle}M" 25 940 "$release" "$main" "$PWD/src/main/java" "$PWD/src/main/resources" \
      </dev/null >>"$launcher/synth-daemon.log" 2>&1
  ) &
  pid=$!
  local tries
  for ((tries = 0; tries < 300; tries++)); do
    if [ -S "$socket" ]; then return; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "app.sh: the synth daemon did not start (log: $launcher/synth-daemon.log)" >&2
  return 1
}

# The daemon needs flock, setsid and /proc (Linux); elsewhere synths go without it.
if [ "$daemon" = on ]; then
  missing=""
  for tool in flock setsid; do
    if ! command -v "$tool" >/dev/null 2>&1; then missing+=" $tool"; fi
  done
  if [ ! -d /proc/self/fd ]; then missing+=" /proc"; fi
  if [ -n "$missing" ]; then
    info "no synth daemon here (it needs$missing): synthesizing without it"
    daemon=off
  fi
fi

if [ "$daemon" = on ]; then
  socket="$launcher/synth-$(daemon_key).sock"
  status=0
  node src/main/scripts/synth-client.js "$socket" "$synth_env" "$secrets" || status=$?
  if [ "$status" -eq 75 ] && start_daemon; then
    exec 8>&-
    status=0
    node src/main/scripts/synth-client.js "$socket" "$synth_env" "$secrets" || status=$?
  fi
  case "$status" in
    75 | 76)
      echo "app.sh: no answer from the synth daemon (log: $launcher/synth-daemon.log):" \
        "synthesizing without it" >&2
      ;;
    *) finish "$status" ;;
  esac
fi

# Without the daemon: the app's build, compiled once per content of its sources.
app="$launcher/$(fingerprint src/main/java src/main/resources)"
if [ ! -f "$app/classes.jar" ]; then
  lock
  if [ ! -f "$app/classes.jar" ]; then
    rm -rf "$launcher"/.build.* # left by failed compiles
    if [ -n "$(find "$launcher" -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' -print -quit)" ]
    then
      info "the code changed since the last build: compiling"
    else
      info "first build: compiling"
    fi
    tmp="$(mktemp -d "$launcher/.build.XXXXXX")"
    "${java[@]}" -cp "$launcher/launcher:$classpath" io.drstack.launcher.StackBuild \
      "$release" src/main/java src/main/resources "$tmp/classes" || { rm -rf "$tmp"; exit 1; }
    # A jar: class-data sharing archives classes from jars only.
    "$jdk_bin/jar" --create --file "$tmp/classes.jar" -C "$tmp/classes" .
    rm -rf "$tmp/classes"
    find "$launcher" -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' -exec rm -rf {} +
    mv "$tmp" "$app"
  fi
  exec 9>&-
fi
# The app's classes from a class-data sharing archive that its first synth writes. jsii's runtime
# prints an empty line on stderr as the JVM exits, which the CDKTF CLI would show as an empty
# [ERROR] line: empty lines of its stderr are dropped.
drop_empty_lines() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ ! "$line" =~ ^[[:space:]]*$ ]]; then printf '%s\n' "$line"; fi
  done
}
java+=(-cp "$app/classes.jar:$classpath")
if [ -f "$app/app.jsa" ] && [ -z "$preflight_due" ]; then
  exec "${java[@]}" -XX:SharedArchiveFile="$app/app.jsa" "$main" "$@" \
    2> >(drop_empty_lines >&2)
fi
if [ -f "$app/app.jsa" ]; then
  status=0
  "${java[@]}" -XX:SharedArchiveFile="$app/app.jsa" "$main" "$@" \
    2> >(drop_empty_lines >&2) || status=$?
  finish "$status"
fi
dump="$app/.app.jsa.$$"
status=0
"${java[@]}" -XX:ArchiveClassesAtExit="$dump" "$main" "$@" \
  2> >(drop_empty_lines >&2) || status=$?
if [ "$status" -eq 0 ]; then mv -f "$dump" "$app/app.jsa"; else rm -f "$dump"; fi
finish "$status"
