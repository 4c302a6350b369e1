#!/usr/bin/env bash
# Synthesis and test speed of this project, measured: min / median / max wall time, median CPU
# time and peak resident memory over RUNS runs after one warm-up run. docs/maintainers/performance.md explains
# the method and keeps the latest figures.
#
# Usage: src/bench/synth.sh [-n RUNS] [-t TEST_RUNS] [SECTION...]
#   synth   the README's `cdktf synth`: through the warm synth daemon with nothing changed, after
#           an edit of one Java source of the stack, with a refused configuration; starting the
#           daemon; with the daemon off; beside a one-resource app with the conventional app
#           command (`mvn -e -q compile exec:java`) and beside this stack with that command; the
#           daemon's memory and CPU; checks that all write the same stack
#   inproc  synthesis in one process (JVM start to cdk.tf.json written, the daemon off) with its
#           peak memory, and how it grows: one resource, the default stack, the stack with a third
#           provider region; beside it the one-resource app run by `mvn -e -q compile exec:java`,
#           without the CLI; and the same stacks through the warm daemon
#   tests   the README's `mvn -B verify` and `mvn -B -o surefire:test`, with per-class times
#   flags   the launcher's JVM and Node.js flags, each left out in turn
# Default: -n 5 -t 3 synth inproc tests. Needs what the README needs, bash 5 and Linux's /proc.
# Run it on an otherwise idle machine: it runs Maven and the CDKTF CLI in this checkout.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
runs=5
test_runs=3
while getopts n:t: opt; do
  case $opt in
    n) runs=$OPTARG ;;
    t) test_runs=$OPTARG ;;
    *) sed -n '2,19s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -gt 0 ]; then sections=("$@"); else sections=(synth inproc tests); fi

. src/main/scripts/jsii-env.sh
work="$(mktemp -d)"
# The edit case changes a source of the stack; it is put back, content and mtime, at the end.
edited=src/main/java/io/drstack/TapStack.java
cp -p "$edited" "$work/edited.orig"
trap 'cp -p "$work/edited.orig" "$edited"; rm -rf "$work"' EXIT
. src/bench/lib.sh
. src/main/scripts/synth-daemons.sh

cli=(npx --yes "$DR_CDKTF_CLI" synth)
conventional=(mvn -e -q compile exec:java)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The context the CDKTF CLI hands the app, for runs without the CLI.
context="$(node -e 'process.stdout.write(JSON.stringify(require(process.argv[1]).context || {}))' \
  "$root/cdktf.json")"

warm() {
  "$@" >"$work/warm-up.log" 2>&1 || { tail -n 30 "$work/warm-up.log" >&2; exit 1; }
}

baseline() {
  if [ ! -d "$work/baseline" ]; then
    bash src/bench/baseline.sh "$work/baseline"
    warm env -C "$work/baseline" mvn -B -q compile
  fi
}

# Same stacks in two output directories: cdk.tf.json byte for byte, manifest.json once jsii's
# per-run temporary directory names (in its annotations' stack traces) are masked.
same_output() {
  local mask='s#jsii-kernel-[A-Za-z0-9]*#jsii-kernel-#g; s#jsii-java-runtime[0-9]*#jsii-java-runtime#g'
  local stack name
  for stack in "$2"/stacks/*/; do
    name="$(basename "$stack")"
    cmp "$1/stacks/$name/cdk.tf.json" "$2/stacks/$name/cdk.tf.json" || return 1
  done
  cmp <(sed "$mask" "$1/manifest.json") <(sed "$mask" "$2/manifest.json")
}

resources() {
  node -e 'const s = require(process.argv[1]);
    const n = (o) => Object.values(o || {}).reduce((a, t) => a + Object.keys(t).length, 0);
    console.log(n(s.resource), n(s.data), Object.values(s.provider || {}).flat().length)' "$1"
}

# tree_figures PID: "CPU_TICKS RSS_KIB" of PID and its descendants, now.
tree_figures() {
  local ticks=0 kib=0 p
  snapshot "$1"
  for p in "${!snap_kib[@]}"; do
    ticks=$((ticks + snap_ticks[$p]))
    kib=$((kib + snap_kib[$p]))
  done
  echo "$ticks $kib"
}

section_synth() {
  echo
  echo "== The README's synth command (warm), beside the conventional app command"
  baseline
  stop_synth_daemons "$root"
  local readme=(env -C "$root" DR_SYNTH_DAEMON=on "${cli[@]}")
  local direct=(env -C "$root" DR_SYNTH_DAEMON=off "${cli[@]}" --output "$work/direct.out")
  local template=(env -C "$work/baseline" "${cli[@]}")
  local slow=(env -C "$root" "${cli[@]}" --app "${conventional[*]}" --output "$work/slow.out")
  local refused=(env -C "$root" DR_SYNTH_DAEMON=on ENVIRONMENT_SUFFIX=Bad_Suffix "${cli[@]}"
    --output "$work/refused.out")
  warm "${readme[@]}"
  warm "${direct[@]}"
  warm "${template[@]}"
  warm "${slow[@]}"
  local daemon before after
  for ((i = 0; i < runs; i++)); do # interleaved, so that load changes hit all alike
    stop_synth_daemons "$root"
    sample cold "${readme[@]}" # starts the daemon that the next run finds warm
    daemon="$(synth_daemons "$root" | head -n 1)"
    read -r -a before <<<"$(tree_figures "$daemon")"
    sample readme "${readme[@]}"
    read -r -a after <<<"$(tree_figures "$daemon")"
    echo "$((after[0] - before[0])) ${after[1]}" >>"$work/daemon.tsv"
    # One edit of a source of the stack (a comment: the output stays comparable), then the synth.
    echo "// benchmark edit $i" >>"$edited"
    sample edit "${readme[@]}"
    grep -qF "compiling" "$work/edit.log" || { echo "the edit was not compiled" >&2; exit 1; }
    read -r -a after <<<"$(tree_figures "$(synth_daemons "$root" | head -n 1)")"
    echo "0 ${after[1]}" >>"$work/daemon-edit.tsv"
    sample refused ! "${refused[@]}"
    grep -qF 'ENVIRONMENT_SUFFIX = "Bad_Suffix"' "$work/refused.log" ||
      { echo "the refusal did not name the setting" >&2; exit 1; }
    sample direct "${direct[@]}"
    sample template "${template[@]}"
    sample slow "${slow[@]}"
  done
  header
  report readme "dr-stack: cdktf synth, warm daemon (README)"
  report edit "dr-stack: cdktf synth, warm daemon, 1 edit"
  report refused "dr-stack: cdktf synth, refused configuration"
  report cold "dr-stack: cdktf synth, starting the daemon"
  report direct "dr-stack: cdktf synth, daemon off"
  report template "one resource: cdktf synth (mvn exec:java)"
  report slow "dr-stack: cdktf synth (mvn exec:java)"
  echo "the warm daemon, outside the README row's process tree: $(column daemon 1 | median |
    awk -v hz="$clock_tick" '{ printf "%.2f", $1 / hz }') s CPU per synth; resident after its" \
    "second synth: $(column daemon 2 | median | mib) MiB (java + node)"
  echo "the daemon after an edit's synth: resident $(column daemon-edit 2 | tail -n 1 | mib) MiB" \
    "(highest of the runs)"
  echo "ratio dr-stack, warm daemon (README) / one resource (mvn exec:java), median wall:" \
    "$(ratio readme template) (target <= 0.35)"
  echo "ratio dr-stack, warm daemon, 1 edit / one resource (mvn exec:java): $(ratio edit template)" \
    "(target <= 0.5)"
  echo "ratio dr-stack, refused configuration / one resource (mvn exec:java):" \
    "$(ratio refused template) (target <= 0.3)"
  echo "ratio dr-stack, starting the daemon / one resource (mvn exec:java): $(ratio cold template)"
  echo "ratio dr-stack, daemon off / one resource (mvn exec:java): $(ratio direct template)"
  echo "ratio dr-stack, warm daemon / dr-stack (mvn exec:java): $(ratio readme slow)"
  if same_output "$work/slow.out" "$root/cdktf.out" && same_output "$work/slow.out" "$work/direct.out"
  then
    echo "output of the daemon, of app.sh without it and of mvn exec:java: identical"
  else
    echo "output of the daemon, of app.sh without it and of mvn exec:java: DIFFERENT" >&2
    exit 1
  fi
}

section_inproc() {
  echo
  echo "== Synthesis in one process: bash src/main/scripts/app.sh, warm (JVM start to cdk.tf.json)"
  baseline
  local app=(DR_SYNTH_DAEMON=off bash src/main/scripts/app.sh)
  local one=(env -C "$work/baseline" CDKTF_OUTDIR="$work/one" "${app[@]}")
  local one_mvn=(env -C "$work/baseline" CDKTF_OUTDIR="$work/one-mvn" "${conventional[@]}")
  local two=(env -C "$root" CDKTF_OUTDIR="$work/two" CDKTF_CONTEXT_JSON="$context" "${app[@]}")
  # Neither region is us-east-1: the stack adds a third provider for the health-check alarms.
  local third_region=(DR_PRIMARY_REGION=eu-west-1 DR_SECONDARY_REGION=eu-central-1)
  local three=(env -C "$root" CDKTF_OUTDIR="$work/three" CDKTF_CONTEXT_JSON="$context"
    "${third_region[@]}" "${app[@]}")
  # The same two stacks through the warm synth daemon: the synthesis alone.
  local served=(DR_SYNTH_DAEMON=on bash src/main/scripts/app.sh)
  local two_daemon=(env -C "$root" CDKTF_OUTDIR="$work/two-daemon" CDKTF_CONTEXT_JSON="$context"
    "${served[@]}")
  local three_daemon=(env -C "$root" CDKTF_OUTDIR="$work/three-daemon"
    CDKTF_CONTEXT_JSON="$context" "${third_region[@]}" "${served[@]}")
  warm "${one[@]}"
  warm "${one_mvn[@]}"
  warm "${two[@]}"
  warm "${three[@]}"
  warm "${two_daemon[@]}"
  warm "${three_daemon[@]}"
  for ((i = 0; i < runs; i++)); do
    sample one "${one[@]}"
    sample one_mvn "${one_mvn[@]}"
    sample two "${two[@]}"
    sample three "${three[@]}"
    sample two_daemon "${two_daemon[@]}"
    sample three_daemon "${three_daemon[@]}"
  done
  header
  report one "one resource (app.sh)"
  report one_mvn "one resource (mvn -e -q compile exec:java)"
  report two "dr-stack, default: 2 regions"
  report three "dr-stack, eu-west-1/eu-central-1 + us-east-1"
  report two_daemon "dr-stack, default, warm daemon"
  report three_daemon "dr-stack, third region, warm daemon"
  local -a n1 n2 n3
  read -r -a n1 <<<"$(resources "$work"/one/stacks/*/cdk.tf.json)"
  read -r -a n2 <<<"$(resources "$work"/two/stacks/*/cdk.tf.json)"
  read -r -a n3 <<<"$(resources "$work"/three/stacks/*/cdk.tf.json)"
  printf '%-44s %9s %12s %9s\n' "" resources "data sources" providers \
    "one resource" "${n1[@]}" "dr-stack, default" "${n2[@]}" "dr-stack, third region" "${n3[@]}"
  awk -v r1="${n1[0]}" -v r2="${n2[0]}" -v r3="${n3[0]}" \
    -v w1="$(column one 1 | median)" -v w2="$(column two 1 | median)" \
    -v w3="$(column three 1 | median)" -v c1="$(column one 2 | median)" \
    -v c2="$(column two 2 | median)" -v c3="$(column three 2 | median)" 'BEGIN {
      printf "fixed cost (one resource): %.2f s wall, %.2f s CPU\n", w1, c1
      printf "per added resource, default stack: %.0f ms wall, %.0f ms CPU\n",
        1000 * (w2 - w1) / (r2 - r1), 1000 * (c2 - c1) / (r2 - r1)
      printf "third region: +%d resources, %+.2f s wall, %+.2f s CPU\n", r3 - r2, w3 - w2, c3 - c2
    }'
  echo "ratio dr-stack (app.sh) / one resource (mvn exec:java), median wall: $(ratio two one_mvn)"
  echo "through the warm daemon, median wall: default $(column two_daemon 1 | median) s," \
    "third region $(column three_daemon 1 | median) s"
  echo "peak memory of the default stack, highest of the runs: $(column two 3 | tail -n 1 | mib) MiB (target <= 1024)"
}

# attribute NAME FILE: an attribute of a surefire report's <testsuite> element.
attribute() { sed -n "/<testsuite /{s/.*[[:space:]]$1=\"\([^\"]*\)\".*/\1/p;q}" "$2"; }

section_tests() {
  echo
  echo "== The unit-test suite, warm"
  local verify=(env -C "$root" mvn -B verify)
  local surefire=(env -C "$root" mvn -B -o surefire:test)
  warm "${verify[@]}"
  for ((i = 0; i < test_runs; i++)); do
    sample verify "${verify[@]}"
    # Reports of test classes that no longer exist stay in target/ until a clean.
    rm -rf "$root/target/surefire-reports"
    sample surefire "${surefire[@]}"
  done
  header
  report verify "mvn -B verify (README)"
  report surefire "mvn -B -o surefire:test (tests only)"
  echo "per test class, from the last run's target/surefire-reports (seconds, tests, class):"
  local file
  for file in "$root"/target/surefire-reports/TEST-*.xml; do
    echo "$(attribute time "$file" | tr -d ,) $(attribute tests "$file") $(attribute name "$file")"
  done | sort -gr >"$work/classes"
  awk '{ printf "  %7.2f %4d  %s\n", $1, $2, $3 }' "$work/classes"
  awk -v wall="$(column surefire 1 | median)" '{ s += $1; t += $2 }
    END { printf "%d classes, %d tests: %.1f s in test classes; %.1f s of the tests-only run" \
          " outside them (Maven, JVM start)\n", NR, t, s, wall - s }' "$work/classes"
}

section_flags() {
  echo
  echo "== The launcher's flags, each left out in turn (in-process synthesis, warm)"
  warm env CDKTF_OUTDIR="$work/flags" CDKTF_CONTEXT_JSON="$context" DR_SYNTH_DAEMON=off \
    bash src/main/scripts/app.sh
  # app.sh's builds: the launcher's (classpath, main class), and in it the app's (classes, archive).
  local launcher app
  launcher="$(find target/app -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' -print -quit)"
  app="$(find "$launcher" -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' -print -quit)"
  local cp main
  cp="$app/classes.jar:$(<"$launcher/classpath")"
  main="$(<"$launcher/main-class")"
  # src/main/scripts/app.sh's flags, and the serial collector, measured and not kept.
  local c1=-XX:TieredStopAtLevel=1 serial=-XX:+UseSerialGC
  local cds=-XX:SharedArchiveFile="$app/app.jsa" heap=--max-old-space-size=1536
  local quiet=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  local run=(env CDKTF_OUTDIR="$work/flags" CDKTF_CONTEXT_JSON="$context")
  local -A variants=(
    [all]="NODE_OPTIONS=$heap $java $c1 $cds"
    [no-c1]="NODE_OPTIONS=$heap $java $cds"
    [no-cds]="NODE_OPTIONS=$heap $java $c1"
    [no-node-heap]="$java $c1 $cds"
    [none]="$java"
    [all+serial-gc]="NODE_OPTIONS=$heap $java $c1 $cds $serial"
  )
  local order=(all no-c1 no-cds no-node-heap none all+serial-gc) v
  for ((i = 0; i < runs; i++)); do
    for v in "${order[@]}"; do
      # shellcheck disable=SC2086 # each variant is a list of words
      sample "flags-$v" "${run[@]}" ${variants[$v]} "${quiet[@]}" -cp "$cp" "$main"
    done
  done
  header
  for v in "${order[@]}"; do report "flags-$v" "$v"; done
}

echo "dr-stack benchmark: $(date -u +%FT%TZ), $runs runs (tests: $test_runs) after one warm-up"
echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p;T;q' /proc/cpuinfo)), $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }') memory"
echo "tools: $("$java" -version 2>&1 | head -n 1); node $(node -v); $(mvn -v 2>/dev/null | sed -n 's/\x1b\[[0-9;]*m//g; 1p')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for section in "${sections[@]}"; do
  case $section in
    synth | inproc | tests | flags) "section_$section" ;;
    *) echo "unknown section: $section (synth, inproc, tests, flags)" >&2; exit 2 ;;
  esac
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
