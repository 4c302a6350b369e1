#!/usr/bin/env bash
# The app command of cdktf.json: synthesizes the stack into $CDKTF_OUTDIR (set by the CDKTF CLI;
# cdktf.out/ otherwise). Maven runs only when the code or the build changed since the last build;
# otherwise the JVM starts at once on a cached classpath. help/performance.md has the figures;
# src/test/scripts/launcher-test.sh proves that edits are picked up and the output is unchanged.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/main/scripts/jsii-env.sh

# The JDK Maven uses too: JAVA_HOME's, else the one of the java on PATH.
if ! java="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")"; then
  echo "app.sh: no java: install a JDK (17 or later) or set JAVA_HOME" >&2
  exit 1
fi
jdk_bin="$(dirname "$(readlink -f "$java")")"

# What a build depends on, by content (so an edit is seen whatever its mtime): sources, resources,
# the POM, Maven's settings, the JDK's version and this script (its flags shape the CDS archive).
fingerprint() {
  local inputs=() path
  for path in src/main/java src/main/resources pom.xml .mvn "$jdk_bin/../release" \
    src/main/scripts/app.sh; do
    if [ -e "$path" ]; then inputs+=("$path"); fi
  done
  find "${inputs[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum |
    cut -c1-16
}

# Maven offline first (no remote metadata checks); online only when an artifact is missing.
maven() {
  local log status=0
  log="$(mktemp)"
  mvn -B -q -o "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] && grep -q 'in offline mode' "$log"; then
    status=0
    mvn -B -q "$@" >"$log" 2>&1 || status=$?
  fi
  sed $'s/\e\\[0m//g' "$log" >&2 # Maven prints colour resets even in batch mode
  rm -f "$log"
  return "$status"
}

# One build per fingerprint, made in a temporary directory and renamed into place whole: a synth
# never runs a half-made build, and a failed compile leaves nothing to run.
build() {
  exec 9>target/app/.lock
  flock 9 # concurrent synths: one compiles, the others wait for it and reuse its build
  if [ -f "$cache/classpath" ]; then return; fi
  rm -rf target/app/.build.* # left by failed compiles
  echo "app.sh: the code changed since the last build: compiling" >&2
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

# Flags for a short-lived process, each measured in help/performance.md: the C1 compiler only, and
# the app's classes from a class-data sharing archive that the first run of each build writes.
# The heap limit keeps jsii's Node.js process (most of the memory) from growing past what it needs.
export NODE_OPTIONS="--max-old-space-size=1536${NODE_OPTIONS:+ $NODE_OPTIONS}"
java=(
  "$jdk_bin/java" -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
  -cp "$cache/classes.jar:$(<"$cache/classpath")"
)
main="$(<"$cache/main-class")"
if [ -f "$cache/app.jsa" ]; then
  exec "${java[@]}" -XX:SharedArchiveFile="$cache/app.jsa" "$main" "$@"
fi
archive="$cache/.app.jsa.$$"
status=0
"${java[@]}" -XX:ArchiveClassesAtExit="$archive" "$main" "$@" || status=$?
if [ "$status" -eq 0 ]; then mv -f "$archive" "$cache/app.jsa"; else rm -f "$archive"; fi
exit "$status"
