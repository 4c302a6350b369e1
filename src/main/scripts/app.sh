#!/usr/bin/env bash
# The app command of cdktf.json: synthesizes the stack into $CDKTF_OUTDIR (set by the CDKTF CLI;
# cdktf.out/ otherwise). Maven runs only when the code or the build changed since the last build.
# The synth then goes to a synth daemon of that build (started by the first synth, it keeps the JVM
# and jsii's loaded AWS provider between synths), or, with the daemon off, to a JVM started at once
# on a cached classpath. help/performance.md has the figures and the daemon's settings;
# src/test/scripts/launcher-test.sh proves that edits are picked up and the output is unchanged.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/main/scripts/jsii-env.sh
. src/main/scripts/synth-daemons.sh

# The settings of the synth daemon, checked before anything runs.
refuse() {
  echo "app.sh: $1 is \"$2\"; allowed: $3 (help/performance.md, \"The synth daemon\")" >&2
  exit 2
}
daemon="${DR_SYNTH_DAEMON:-on}"
if [ "${CI:-}" = true ]; then daemon="${DR_SYNTH_DAEMON:-off}"; fi
case "$daemon" in on | off) ;; *) refuse DR_SYNTH_DAEMON "$daemon" "on or off" ;; esac
idle="${DR_SYNTH_DAEMON_IDLE_MINUTES:-30}"
if ! [[ "$idle" =~ ^[1-9][0-9]{0,3}$ ]] || [ "$idle" -gt 1440 ]; then
  refuse DR_SYNTH_DAEMON_IDLE_MINUTES "$idle" "a whole number of minutes from 1 to 1440"
fi

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

# What a build depends on, by content (so an edit is seen whatever its mtime): sources, resources,
# the POM, Maven's settings, the JDK's version, this script (its flags shape the CDS archive) and
# the synth daemon's client (its protocol is the daemon's).
fingerprint() {
  local inputs=() path
  for path in src/main/java src/main/resources pom.xml .mvn "$jdk_bin/../release" \
    src/main/scripts/app.sh src/main/scripts/synth-client.js src/main/scripts/synth-daemons.sh; do
    if [ -e "$path" ]; then inputs+=("$path"); fi
  done
  find "${inputs[@]}" -type f -print0 | LC_ALL=C sort -z | sha256 -0 | sha256 | cut -c1-16
}

# Information goes to stdout: the CDKTF CLI shows what an app writes to stderr as [ERROR].
info() { echo "app.sh: $*"; }

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

# One build per fingerprint, made in a temporary directory and renamed into place whole: a synth
# never runs a half-made build, and a failed compile leaves nothing to run.
build() {
  exec 9>target/app/.lock
  # Concurrent synths: one compiles, the others wait for it and reuse its build. Without flock
  # (macOS) they may compile side by side; each still renames a whole build into place.
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if [ -f "$cache/classpath" ]; then return; fi
  rm -rf target/app/.build.* # left by failed compiles
  info "the code changed since the last build: compiling"
  local tmp
  tmp="$(mktemp -d target/app/.build.XXXXXX)"
  # Maven's own change detection compares mtimes, and misses a source put back with an older mtime
  # (cp -p, tar, rsync -t); a changed fingerprint always recompiles. Maven recompiles the whole
  # module on any change anyway, so this costs nothing.
  rm -rf target/classes
  maven compile dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$PWD/$tmp/classpath"
  # A jar, not target/classes: class-data sharing archives classes from jars only, and Maven runs
  # that rewrite target/classes later cannot change the build under a running synth.
  "$jdk_bin/jar" --create --file "$tmp/classes.jar" -C target/classes .
  sed -n 's:.*<main.class>\(.*\)</main.class>.*:\1:p' pom.xml >"$tmp/main-class"
  if [ ! -s "$tmp/main-class" ]; then
    echo "app.sh: pom.xml names no <main.class> to run" >&2
    exit 1
  fi
  find target/app -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' -exec rm -rf {} +
  mv "$tmp" "$cache"
}

mkdir -p target/app
cache="target/app/$(fingerprint)"
if [ ! -f "$cache/classpath" ]; then
  build
  exec 9>&- # the lock
fi

# The heap limit keeps jsii's Node.js process (most of the memory) from growing past what it needs;
# after the caller's options, so that it also holds under the CDKTF CLI, which asks for 4096 MiB.
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=1536"
# JVM flags, each measured in help/performance.md: the C1 compiler only (a synth, even the 25 of a
# daemon, is too short for C2 to pay off), and the app's classes from a class-data sharing archive
# that the first synth of a build without the daemon writes.
java=("$jdk_bin/java" -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
  -cp "$cache/classes.jar:$(<"$cache/classpath")")
archive=()
if [ -f "$cache/app.jsa" ]; then archive=(-XX:SharedArchiveFile="$cache/app.jsa"); fi

# A daemon serves one build and one set of the variables that its JVM and jsii's Node.js process
# read when they start, which it cannot take per synth; the CLI's outdir and context, and the
# settings' overrides, it takes from each synth's environment.
daemon_key() {
  local at_start='CDKTF_|JSII_|NODE_OPTIONS=|TERRAFORM_BINARY_NAME=|(JAVA_TOOL|JDK_JAVA|_JAVA)_OPTIONS='
  env -0 | grep -zE "^($at_start|DR_SYNTH_DAEMON_IDLE_MINUTES=)" |
    grep -zvE '^CDKTF_(OUTDIR|CONTEXT_JSON)=' | LC_ALL=C sort -z | sha256 | cut -c1-12
}

# Names of variables that may hold credentials or other secrets (any case). A synth needs none, so
# neither the daemon's own environment nor the environment each synth sends it carries them.
secrets='^(AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|CONTAINER_CREDENTIALS_.*|CONTAINER_AUTHORIZATION_TOKEN.*)|.*(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY).*)$'

# Starts the daemon unless another synth did while this one waited for the lock; returns once it
# listens. Detached (own session, no inherited descriptors) so that the CLI does not wait for it.
# It stops by itself (see SynthDaemon), at the latest after 25 synths: jsii keeps what each one
# creates, about 5 MiB, and 25 keep the daemon near the 1 GiB of a synth without it.
start_daemon() {
  exec 8>"$cache/.daemon.lock"
  flock 8
  local pid
  # Running, not merely a pid: a stopped daemon can linger as a zombie, which kill -0 still finds.
  if [ -S "$socket" ] && pid="$(cat "$socket.pid" 2>/dev/null)" && is_synth_daemon "$pid"; then
    return
  fi
  rm -f "$socket"
  local unset=(-u CDKTF_OUTDIR -u CDKTF_CONTEXT_JSON) name
  for name in $(compgen -e); do
    if [[ "${name^^}" =~ $secrets ]]; then unset+=(-u "$name"); fi
  done
  info "starting a synth daemon for this build (stops after $idle idle minutes)"
  (
    # No descriptor but the log: a lock's would stay locked, a pipe's would keep the CLI waiting.
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    exec env "${unset[@]}" setsid "${java[@]}" "${archive[@]}" \
      io.drstack.launcher.SynthDaemon "$socket" "PT${idle}M" 25 \
      </dev/null >>"$cache/synth-daemon.log" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$socket.pid"
  local tries
  for ((tries = 0; tries < 300; tries++)); do
    if [ -S "$socket" ]; then return; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "app.sh: the synth daemon did not start (log: $cache/synth-daemon.log)" >&2
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
  socket="$cache/synth-$(daemon_key).sock"
  status=0
  node src/main/scripts/synth-client.js "$socket" "$secrets" || status=$?
  if [ "$status" -eq 75 ] && start_daemon; then
    exec 8>&-
    status=0
    node src/main/scripts/synth-client.js "$socket" "$secrets" || status=$?
  fi
  case "$status" in
    75 | 76)
      echo "app.sh: no answer from the synth daemon (log: $cache/synth-daemon.log):" \
        "synthesizing without it" >&2
      ;;
    *) exit "$status" ;;
  esac
fi

# Without the daemon.
main="$(<"$cache/main-class")"
if [ "${#archive[@]}" -gt 0 ]; then
  exec "${java[@]}" "${archive[@]}" "$main" "$@"
fi
dump="$cache/.app.jsa.$$"
status=0
"${java[@]}" -XX:ArchiveClassesAtExit="$dump" "$main" "$@" || status=$?
if [ "$status" -eq 0 ]; then mv -f "$dump" "$cache/app.jsa"; else rm -f "$dump"; fi
exit "$status"
