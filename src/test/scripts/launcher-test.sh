#!/usr/bin/env bash
# Tests src/main/scripts/app.sh, the app command of cdktf.json, through the README's synth command
# on a copy of the project without target/ (as a fresh clone has it): Maven runs then and when the
# POM changes, and only then, falling back to online when offline lacks an artifact; every edit of
# a Java source reaches the next synth, whatever its mtime, and so do an added and a deleted class;
# a compile error stops the synth with javac's message and its fix synthesizes again; lint never
# blocks a synth; and the output is the conventional app command's, byte for byte. The synths go
# through the synth daemon, as on a developer's machine: one daemon compiles and serves edit after
# edit, refuses a bad configuration as Main does, hands over to a successor before it grows past
# 1 GiB, and a lost daemon costs time, not a synth. The daemon runs nothing unasked: an edit is
# compiled ahead but none of its code runs before a synth; a client that never finishes its request
# holds it for the request deadline only, and a daemon that does not answer makes the synth fall
# back to running in process; it starts from an allowlist of variables, and a pid file is believed
# only for this checkout's daemon. With the daemon off (as CI has it), the output is the same, and
# its stderr has no empty line (an empty [ERROR] line under the CLI). Run by .ci/run; takes a few
# minutes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/main/scripts/jsii-env.sh
. src/main/scripts/synth-daemons.sh
work="$(mktemp -d)"
# A daemon stops within a second of its socket's deletion; this makes sure.
trap 'stop_synth_daemons "$project"; rm -rf "$work"' EXIT
export DR_SYNTH_DAEMON=on # CI=true turns it off by default
# Variables no synth needs, in every synth's environment: no daemon, successor or request may
# carry them (checked below).
canary="canary-$$-$RANDOM"
export DATABASE_URL="postgres://u:$canary@h/db" AWS_ACCESS_KEY="$canary"
export AWS_SECRET_ACCESS_KEY="$canary"
project="$work/project"
mkdir -p "$project/src"
cp -r cdktf.json pom.xml "$project/"
cp -r src/main "$project/src/"
if [ -d .mvn ]; then cp -r .mvn "$project/"; fi
out="$project/cdktf.out"

# A mvn that logs its calls and, while $work/offline-fails exists, fails offline as Maven does
# when an artifact was never downloaded.
mkdir "$work/bin"
cat >"$work/bin/mvn" <<EOF
#!/usr/bin/env bash
echo "\$*" >>"$work/mvn-calls"
if [ -e "$work/offline-fails" ] && [[ " \$* " == *" -o "* ]]; then
  echo "[ERROR] Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact com.example:missing:jar:1.0 has not been downloaded from it before."
  exit 1
fi
exec "$(command -v mvn)" "\$@"
EOF
chmod +x "$work/bin/mvn"
export PATH="$work/bin:$PATH"
touch "$work/mvn-calls"

passed=0
failed=0
check() {
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: $what"
  fi
}

# synth: the README's command in the copy; prints how many times it called Maven.
synth() {
  local before
  before=$(wc -l <"$work/mvn-calls")
  (cd "$project" && npx --yes "$DR_CDKTF_CLI" synth "$@") >"$work/synth.log" 2>&1 ||
    { tail -n 40 "$work/synth.log" >&2; return 1; }
  echo $(($(wc -l <"$work/mvn-calls") - before))
}
# app.sh run directly, as a tool would, with its own output directory; stderr also on its own.
direct_synth() {
  (cd "$project" && CDKTF_OUTDIR="$work/$1.out" bash src/main/scripts/app.sh) \
    >"$work/$1.log" 2>"$work/$1.err"
  local status=$?
  cat "$work/$1.err" >>"$work/$1.log"
  return "$status"
}
# grep reads the files itself: `cat | grep -q` fails under pipefail when grep stops early.
# An output directory other than the CLI's as a second argument.
contains() { grep -qF "\"$1\"" "${2:-$out}"/stacks/*/cdk.tf.json; }
lacks() { ! contains "$1"; }
fails() { ! "$@"; }
# The daemons the copy's synths started and that run, by process id.
daemons() { synth_daemons "$project"; }
newest_daemon() {
  cat "$(find "$project"/target/app -name 'synth-*.sock.pid' -printf '%T@ %p\n' | sort -n |
    tail -n 1 | cut -d' ' -f2-)"
}
alive() { kill -0 "$1" 2>/dev/null; }
gone_soon() {
  local tries
  for ((tries = 0; tries < 100; tries++)); do
    if ! alive "$1"; then return 0; fi
    sleep 0.1
  done
  return 1
}

echo "== Fresh copy (no target/): the README's synth compiles"
calls=$(synth)
check "the first synth runs Maven once (the classpath)" [ "$calls" -eq 1 ]
check "the first synth writes the stack" test -s "$(echo "$out"/stacks/*/cdk.tf.json)"
daemon=$(daemons)
check "... through a synth daemon it started, which is still there" alive "$daemon"
check "... telling on stdout what it does meanwhile" grep -qF "app.sh: resolving the dependencies" \
  "$work/synth.log"
check "... and that it is the first build" grep -qF "app.sh: first build: compiling" "$work/synth.log"
check "... not that the code changed" fails grep -qF "the code changed" "$work/synth.log"
cp -r "$out" "$work/original.out"

# The edits change one string literal of Outputs.java (an output's description) that the output
# shows, keeping its length (so the formatting check still passes): found rather than named, so the
# stack can evolve.
source=src/main/java/io/drstack/Outputs.java
cp -p "$project/$source" "$work/source.orig"
literal=""
while IFS= read -r candidate; do
  if [ "$(grep -cF "\"$candidate\"" "$project/$source")" -eq 1 ] && contains "$candidate"; then
    literal=$candidate
    break
  fi
done < <(grep -o '"[A-Za-z][A-Za-z ,()-]\{11,\}"' "$project/$source" | tr -d '"')
[ -n "$literal" ] || { echo "no string literal of $source appears in the stack" >&2; exit 1; }
first="${literal%??}#1"
second="${literal%??}#2"
echo "(the edits change \"$literal\" of $source)"
replace() { sed -i "s/\"$1\"/\"$2\"/" "$project/$source"; }

echo "== Unchanged sources: no Maven"
touch "$project/$source"
calls=$(synth)
check "a synth after touching a source runs no Maven" [ "$calls" -eq 0 ]
check "... and writes the same stack" diff -r "$work/original.out/stacks" "$out/stacks"
check "... through the same daemon" [ "$(daemons)" = "$daemon" ]

echo "== An edit reaches the next synth, compiled by the daemon"
replace "$literal" "$first"
calls=$(synth)
check "a synth after an edit runs no Maven" [ "$calls" -eq 0 ]
check "... compiles" grep -qF "app.sh: the code changed since the last build: compiling" \
  "$work/synth.log"
check "... and its stack has the edit" contains "$first"
check "... through the same daemon" [ "$(daemons)" = "$daemon" ]

echo "== An edit is compiled ahead of the next synth, and none of its code runs before a synth"
# A static initializer of Main that leaves a mark: loading the class for a synth runs it.
main_source=src/main/java/io/drstack/Main.java
cp -p "$project/$main_source" "$work/main.orig"
marker="$work/ran-unasked"
sed -i "s#^public final class Main {#&\n  static { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"$marker\"), \"\"); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } }#" \
  "$project/$main_source"
grep -qF "$marker" "$project/$main_source" || { echo "the marker was not added" >&2; exit 1; }
sleep 8 # the daemon reads the sources every 150 ms and compiles in a second or two
check "an idle daemon after an edit has run none of its code" test ! -e "$marker"
calls=$(synth)
check "the next synth says its compile was done ahead" \
  grep -qF "compiling (done ahead of this synth)" "$work/synth.log"
check "... and runs the edited code" test -e "$marker"
cp -p "$work/main.orig" "$project/$main_source"
rm -f "$marker"

echo "== A second edit, with an edit of the POM; Maven offline lacks an artifact"
touch "$work/offline-fails"
replace "$first" "$second"
echo "<!-- edited -->" >>"$project/pom.xml"
calls=$(synth)
rm "$work/offline-fails"
check "Maven runs offline, then online" [ "$calls" -eq 2 ]
check "... and the stack has the second edit" contains "$second"
check "... and not the first" lacks "$first"
check "... through a new daemon, as the classpath may have changed" \
  [ -n "$(daemons)" ] && [ "$(daemons)" != "$daemon" ]
check "the previous launcher build's daemon has stopped" gone_soon "$daemon"
daemon=$(daemons)

echo "== An added class reaches the synth; once deleted, it is not found"
third="${literal%??}#3"
printf '%s\n' 'package io.drstack;' 'final class AddedForTest {' '  private AddedForTest() {}' \
  "  static String label() { return \"$third\"; }" '}' \
  >"$project/src/main/java/io/drstack/AddedForTest.java"
sed -i "s/\"$second\"/AddedForTest.label()/" "$project/$source"
calls=$(synth)
check "a synth with an added class runs no Maven" [ "$calls" -eq 0 ]
check "... and its stack has what the class returns" contains "$third"
rm "$project/src/main/java/io/drstack/AddedForTest.java"
status=0
direct_synth deleted || status=$?
check "without the class, the synth fails" [ "$status" -eq 1 ]
check "... with javac's message on stderr" grep -qF "error: cannot find symbol" "$work/deleted.err"
check "... and writes no stack" test ! -e "$work/deleted.out/manifest.json"
after_error=$(daemons)
sed -i "s/AddedForTest.label()/\"$second\"/" "$project/$source"
check "the fix synthesizes again" direct_synth fixed
check "... with the stack of before" contains "$second" "$work/fixed.out"
check "... through the daemon that answered the error" [ "$(daemons)" = "$after_error" ]

echo "== Lint is mvn verify's, not synth's: a formatting slip and an Error Prone error synthesize"
printf 'package io.drstack;\nfinal class Sloppy{ void f(){int unused=1;} }\n' \
  >"$project/src/main/java/io/drstack/Sloppy.java"
check "through the daemon" direct_synth sloppy
check "... and without it" env DR_SYNTH_DAEMON=off bash -c \
  "cd '$project' && CDKTF_OUTDIR='$work/sloppy-off.out' bash src/main/scripts/app.sh >/dev/null"
rm "$project/src/main/java/io/drstack/Sloppy.java"

echo "== The daemon refuses a bad configuration as Main does, and serves on"
status=0
ENVIRONMENT_SUFFIX=Bad_Suffix direct_synth refused || status=$?
check "app.sh exits 2" [ "$status" -eq 2 ]
check "... naming the setting and its value" grep -qF 'ENVIRONMENT_SUFFIX = "Bad_Suffix"' \
  "$work/refused.log"
check "... and writes no stack" test ! -e "$work/refused.out/manifest.json"
daemon=$(newest_daemon)
check "the next synth succeeds" direct_synth accepted
check "... through the same daemon" alive "$daemon"
check "... with the settings of its own environment" grep -qF '"TapStackdev"' \
  "$work/accepted.out/manifest.json"

echo "== Edit after edit: the daemon hands over to a successor, and stays under 1 GiB"
# Resident memory of a daemon: its JVM and jsii's Node.js processes under it (not a successor).
resident_mib() {
  local kib=0 pid rss queue=("$1") kids file
  while [ "${#queue[@]}" -gt 0 ]; do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    if [ "$pid" != "$1" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != node ]; then continue; fi
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
    kib=$((kib + ${rss:-0}))
    for file in /proc/"$pid"/task/*/children; do
      kids=()
      read -r -a kids <"$file" 2>/dev/null || true # no newline at its end: read fails, yet reads
      queue+=("${kids[@]}")
    done
  done
  echo $((kib / 1024))
}
# Two daemons: the CLI's synths and app.sh run directly differ in CDKTF_* variables (daemon_key).
first_daemons=$(daemons)
previous="$second" peak=0 every_edit=true
for ((i = 10; i < 40; i++)); do
  replace "$previous" "${literal%??}$i"
  previous="${literal%??}$i"
  if ! direct_synth life || ! contains "$previous" "$work/life.out"; then every_edit=false; fi
  for pid in $(daemons); do
    mib=$(resident_mib "$pid")
    if [ "$mib" -gt "$peak" ]; then peak=$mib; fi
  done
done
replace "$previous" "$second"
check "30 synths, each with an edit: every one has its edit" $every_edit
retired=0
for pid in $first_daemons; do
  if gone_soon "$pid"; then retired=$((retired + 1)); fi
done
check "... the daemon that served them retired" [ "$retired" -eq 1 ]
check "... and a successor took its place" [ "$(daemons | wc -l)" -eq 2 ]
check "... each daemon under 1 GiB resident after every synth (highest: $peak MiB)" \
  [ "$peak" -le 1024 ]
unrelated=0
for pid in $(daemons); do
  if grep -qaF "$canary" "/proc/$pid/environ"; then unrelated=$((unrelated + 1)); fi
done
check "... none of them, the successor included, has a variable no synth needs" [ "$unrelated" -eq 0 ]

echo "== A daemon that dies costs time, not a synth"
stop_synth_daemons "$project" KILL
calls=$(synth)
check "the synth after a kill -9 succeeds, without Maven" [ "$calls" -eq 0 ]
check "... with the stack of the latest edit" contains "$second"

echo "== Settings of the daemon"
status=0
DR_SYNTH_DAEMON=maybe direct_synth bad-setting || status=$?
check "a bad DR_SYNTH_DAEMON: exit 2, naming setting, value and what is allowed" \
  grep -qF 'DR_SYNTH_DAEMON is "maybe"; allowed: on or off' "$work/bad-setting.log"
check "... and nothing written" test ! -e "$work/bad-setting.out"
before=$(daemons)
DR_SYNTH_DAEMON=off direct_synth without-daemon
check "with the daemon off, no daemon starts" [ "$(daemons)" = "$before" ]
check "... and the stack is the daemon's, byte for byte" \
  diff -r "$out/stacks" "$work/without-daemon.out/stacks"
check "... with no empty line on stderr (the CLI shows each as an empty [ERROR] line)" \
  fails grep -q '^[[:space:]]*$' "$work/without-daemon.err"

echo "== Sources that do not compile: the synth fails with javac's message, and runs no older build"
echo "class Broken {" >"$project/src/main/java/io/drstack/Broken.java"
for mode in on off; do
  status=0
  DR_SYNTH_DAEMON=$mode direct_synth "broken-$mode" || status=$?
  check "daemon $mode: app.sh exits 1" [ "$status" -eq 1 ]
  check "... with javac's message, naming the file, on stderr" \
    grep -qF "Broken.java:1: error: reached end of file while parsing" "$work/broken-$mode.err"
  check "... and writes no stack" test ! -e "$work/broken-$mode.out/manifest.json"
done
rm "$project/src/main/java/io/drstack/Broken.java"
check "the fix synthesizes again" direct_synth unbroken

echo "== The original source put back with its old mtime (as cp -p, tar or rsync -t do)"
cp -p "$work/source.orig" "$project/$source"
calls=$(synth)
check "a synth after the restore compiles, without Maven" [ "$calls" -eq 0 ]
check "... compiles" grep -qF "app.sh: the code changed since the last build: compiling" \
  "$work/synth.log"
check "... and writes the original stack again, byte for byte" \
  diff -r "$work/original.out/stacks" "$out/stacks"

echo "== The daemon starts from the variables a synth needs, without secrets"
synth_env="$(sed -n "s/^synth_env='\(.*\)'$/\1/p" "$project/src/main/scripts/app.sh")"
secrets="$(sed -n "s/^secrets='\(.*\)'$/\1/p" "$project/src/main/scripts/app.sh")"
[ -n "$synth_env" ] && [ -n "$secrets" ] || { echo "app.sh's variable patterns not found" >&2; exit 1; }
stop_synth_daemons "$project"
DR_LAUNCHER_TEST_TOKEN="$canary" db_password="$canary" DR_PRIMARY_REGION=us-east-1 synth >/dev/null
daemon="$(newest_daemon)"
check "a synth with secrets and unrelated variables in its environment starts a daemon" \
  alive "$daemon"
check "... whose environment holds none of them" fails grep -qaF "$canary" "/proc/$daemon/environ"
check "... only variables a synth needs" \
  fails grep -vE "$synth_env" <(tr '\0' '\n' <"/proc/$daemon/environ" | cut -d= -f1)
check "... among them the settings and jsii's" \
  grep -qaF "DR_PRIMARY_REGION=us-east-1" "/proc/$daemon/environ"
check "... and jsii's" grep -qaF "JSII_SILENCE_WARNING" "/proc/$daemon/environ"

echo "== A pid file is believed only for this checkout's daemon"
# Two processes that a pid file could name: a SynthDaemon of the same socket in another checkout,
# and a process of this checkout that is no daemon.
socket_file="$(find "$project"/target/app -name 'synth-*.sock' | head -n 1)"
relative="${socket_file#"$project"/}"
mkdir -p "$work/other-checkout"
(cd "$work/other-checkout" && exec bash -c 'sleep 600; :' io.drstack.launcher.SynthDaemon "$relative") &
elsewhere=$!
(cd "$project" && exec sleep 600) &
no_daemon=$!
sleep 0.2
cp "$socket_file.pid" "$work/pid.orig"
echo "$elsewhere" >"$socket_file.pid"
echo "$no_daemon" >"$project/target/app/$(basename "$(dirname "$relative")")/synth-stale.sock.pid"
check "synth-daemons.sh status lists neither" \
  fails grep -qE "^pid ($elsewhere|$no_daemon) " \
  <(bash "$project/src/main/scripts/synth-daemons.sh" status)
bash "$project/src/main/scripts/synth-daemons.sh" stop >/dev/null
check "synth-daemons.sh stop signals neither" alive "$elsewhere"
check "... nor the one of this checkout" alive "$no_daemon"
kill "$elsewhere" "$no_daemon"
wait "$elsewhere" "$no_daemon" 2>/dev/null || true
rm -f "$project/target/app/$(basename "$(dirname "$relative")")/synth-stale.sock.pid"
cp "$work/pid.orig" "$socket_file.pid"
check "synth-daemons.sh status shows this checkout's daemon" \
  grep -q "^pid $daemon " <(bash "$project/src/main/scripts/synth-daemons.sh" status)
bash "$project/src/main/scripts/synth-daemons.sh" stop >/dev/null
check "synth-daemons.sh stop stops it" gone_soon "$daemon"

echo "== A request carries the variables a synth needs, without secrets"
# What the client sends, caught by a stand-in daemon on a socket of its own.
node -e '
  const fs = require("fs"), net = require("net");
  const [socket, out] = process.argv.slice(1);
  const server = net.createServer((c) => {
    const chunks = [];
    c.on("data", (d) => chunks.push(d));
    c.on("end", () => {
      fs.writeFileSync(out, Buffer.concat(chunks));
      const exit = Buffer.alloc(6); exit[0] = 3; exit.writeUInt32BE(1, 1); exit[5] = 48;
      c.end(exit, () => server.close());
    });
  });
  server.listen(socket);
' "$work/stand-in.sock" "$work/request" &
for _ in $(seq 50); do [ -S "$work/stand-in.sock" ] && break; sleep 0.1; done
AWS_SESSION_TOKEN="$canary" My_Api_Key="$canary" DR_PRIMARY_REGION=eu-west-1 \
  node "$project/src/main/scripts/synth-client.js" "$work/stand-in.sock" "$synth_env" "$secrets"
wait
check "the request carries the settings" grep -qaF "DR_PRIMARY_REGION=eu-west-1" "$work/request"
check "... and no secret, whatever its case, nor an unrelated variable" \
  fails grep -qaF "$canary" "$work/request"

echo "== A client that never finishes its request holds the daemon for 5 s, not for ever"
direct_synth before-hang
# It connects to every daemon of the copy, sends half a request, and stays.
node -e '
  const fs = require("fs"), net = require("net");
  const [mark, ...sockets] = process.argv.slice(1);
  let connected = 0;
  for (const path of sockets) {
    const c = net.createConnection(path, () => {
      c.write("DR_PRIMARY_REGION=eu");
      if (++connected === sockets.length) fs.writeFileSync(mark, "");
    });
  }
  setTimeout(() => process.exit(0), 120000);
' "$work/hung" "$project"/target/app/*/synth-*.sock &
hung=$!
for _ in $(seq 100); do [ -e "$work/hung" ] && break; sleep 0.1; done
daemon="$(daemons | sort | tr '\n' ' ')"
started=$SECONDS
check "the next synth succeeds" direct_synth after-hang
check "... once the daemon's 5 s for the hung request have passed" [ $((SECONDS - started)) -ge 4 ]
check "... from the same daemon, which dropped the hung request" \
  grep -qF "was not complete within 5 s" "$project"/target/app/*/synth-daemon.log
check "... without falling back" fails grep -qF "no answer from the synth daemon" "$work/after-hang.log"
check "... and the daemons are the same" [ "$(daemons | sort | tr '\n' ' ')" = "$daemon" ]
kill "$hung"
wait "$hung" 2>/dev/null || true

echo "== A daemon that takes no request: the client gives up, and the synth runs in process"
sockets=("$project"/target/app/*/synth-*.sock)
stop_synth_daemons "$project"
node -e '
  const net = require("net");
  for (const path of process.argv.slice(1)) net.createServer(() => {}).listen(path);
' "${sockets[@]}" &
stuck=$!
for _ in $(seq 100); do [ -S "${sockets[0]}" ] && break; sleep 0.1; done
before="$(daemons)"
started=$SECONDS
check "the synth succeeds" direct_synth stuck
check "... after the client's 20 s" [ $((SECONDS - started)) -ge 20 ]
check "... saying the daemon did not take the request" \
  grep -qF "the synth daemon did not take the request within 20 s" "$work/stuck.log"
check "... and that it synthesized without it" \
  grep -qF "no answer from the synth daemon" "$work/stuck.log"
check "... starting no daemon" [ "$(daemons)" = "$before" ]
check "... with the stack of the sources" contains "$literal" "$work/stuck.out"
kill "$stuck"
wait "$stuck" 2>/dev/null || true
rm -f "${sockets[@]}"

echo "== Without flock and setsid (macOS, a minimal Linux): synths go without the daemon"
mkdir "$work/bare-bin"
IFS=: read -ra path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  for tool in "$dir"/*; do
    case "${tool##*/}" in flock | setsid) continue ;; esac
    if [ -x "$tool" ] && [ ! -e "$work/bare-bin/${tool##*/}" ]; then
      ln -s "$tool" "$work/bare-bin/${tool##*/}"
    fi
  done
done
before="$(daemons)"
status=0
PATH="$work/bare-bin" direct_synth bare || status=$?
check "app.sh succeeds" [ "$status" -eq 0 ]
check "... with one notice naming what is missing" \
  grep -qF "no synth daemon here (it needs flock setsid): synthesizing without it" "$work/bare.log"
check "... starting no daemon" [ "$(daemons)" = "$before" ]
check "... and writes the daemon's stack, byte for byte" diff -r "$out/stacks" "$work/bare.out/stacks"

echo "== The default local state lies outside cdktf.out: a synth of another suffix keeps it"
mkdir -p "$project/state"
echo '{"version": 4, "serial": 1}' >"$project/state/terraform.TapStackdev.tfstate"
test -d "$out/stacks/TapStackdev"
ENVIRONMENT_SUFFIX=other synth >/dev/null
check "the CLI deleted the stack directory the synth no longer produces" \
  test ! -e "$out/stacks/TapStackdev"
check "... and the first suffix's state file is still there" \
  test -s "$project/state/terraform.TapStackdev.tfstate"
check "... where its stack's JSON points" \
  grep -qF '"path": "../../../state/terraform.TapStackother.tfstate"' "$out/stacks/TapStackother/cdk.tf.json"
synth >/dev/null

echo "== Information goes to stdout: the CLI labels everything on stderr [ERROR]"
echo "// edited for the stream check" >>"$project/$source"
stop_synth_daemons "$project"
status=0
(cd "$project" && CDKTF_OUTDIR="$work/streams.out" bash src/main/scripts/app.sh) \
  >"$work/streams.stdout" 2>"$work/streams.stderr" || status=$?
check "a synth that compiles and starts a daemon succeeds" [ "$status" -eq 0 ]
check "... telling so on stdout" grep -qF "app.sh: first build: compiling" "$work/streams.stdout"
check "... and the daemon's start" grep -qF "app.sh: starting the synth daemon" "$work/streams.stdout"
check "... and writing nothing to stderr" [ ! -s "$work/streams.stderr" ]

echo "== The preflight of diff and deploy: one line before Terraform runs"
# A fake aws that logs its calls and answers as $work/aws-mode says, and a fake CLI: the app's
# parent process, named cdktf, with the command as its argument, as the CDKTF CLI runs it.
mkdir "$work/aws-bin" "$work/cli"
cat >"$work/aws-bin/aws" <<EOF
#!/usr/bin/env bash
echo "\$* AWS_STS_REGIONAL_ENDPOINTS=\${AWS_STS_REGIONAL_ENDPOINTS:-}" >>"$work/aws-calls"
case "\$(cat "$work/aws-mode")" in
  none) echo 'Unable to locate credentials. You can configure credentials by running "aws configure".' >&2; exit 253 ;;
  other) printf '111111111111\tarn:aws:sts::111111111111:assumed-role/deployer/s\n' ;;
  gov) printf '222222222222\tarn:aws-us-gov:sts::222222222222:assumed-role/deployer/s\n' ;;
  hangs) sleep 60 ;;
  *) printf '222222222222\tarn:aws:sts::222222222222:assumed-role/deployer/s\n' ;;
esac
EOF
printf '#!/usr/bin/env bash\nbash src/main/scripts/app.sh\nexit $?\n' >"$work/cli/cdktf"
chmod +x "$work/aws-bin/aws"
# cli NAME COMMAND MODE [VAR=VALUE...]: the fake CLI's COMMAND in the copy, aws answering as MODE.
cli() {
  local name=$1 command=$2
  echo "$3" >"$work/aws-mode"
  shift 3
  (cd "$project" && env PATH="$work/aws-bin:$PATH" CDKTF_OUTDIR="$work/$name.out" "$@" \
    bash "$work/cli/cdktf" "$command") >"$work/$name.log" 2>"$work/$name.err"
}
aws_calls() { if [ -f "$work/aws-calls" ]; then wc -l <"$work/aws-calls"; else echo 0; fi; }
one_line() { [ "$(wc -l <"$1")" -eq 1 ] && grep -qF "$2" "$1"; }
status=0
cli no-credentials diff none || status=$?
check "diff without credentials fails" [ "$status" -eq 1 ]
check "... with one line on stderr that says so, naming the region" one_line \
  "$work/no-credentials.err" "app.sh: no usable AWS credentials for us-east-1: Unable to locate"
check "... after asking STS in the primary region" \
  grep -qF "sts get-caller-identity --region us-east-1 " "$work/aws-calls"
check "... at the region's own endpoint" grep -qF "AWS_STS_REGIONAL_ENDPOINTS=regional" \
  "$work/aws-calls"
status=0
cli other-account deploy other DR_EXPECTED_ACCOUNT_ID=222222222222 || status=$?
check "deploy with another account than expectedAccountId fails" [ "$status" -eq 1 ]
check "... with one line naming both accounts" one_line "$work/other-account.err" \
  "are of account 111111111111, not 222222222222, the expectedAccountId"
status=0
cli other-partition deploy gov || status=$?
check "deploy with credentials of another partition fails" [ "$status" -eq 1 ]
check "... with one line naming both partitions" one_line "$work/other-partition.err" \
  "are of partition aws-us-gov, not aws, the partition of us-east-1"
status=0
SECONDS=0
cli no-answer destroy hangs || status=$?
check "destroy when STS does not answer fails" [ "$status" -eq 1 ]
check "... within the preflight's 20 s and a synth" [ "$SECONDS" -lt 50 ]
check "... with one line that says so" one_line "$work/no-answer.err" \
  "no answer from STS within 20 s"
status=0
cli expected-account diff ok DR_EXPECTED_ACCOUNT_ID=222222222222 || status=$?
check "diff with the expected account synthesizes" [ "$status" -eq 0 ]
check "... saying whose credentials on stdout" grep -qF \
  "app.sh: credentials: arn:aws:sts::222222222222:assumed-role/deployer/s" \
  "$work/expected-account.log"
check "... and nothing on stderr" [ ! -s "$work/expected-account.err" ]
check "... and writes the stack, every provider limited to that account" grep -qF \
  '"allowed_account_ids": [' "$work/expected-account.out/stacks/TapStackdev/cdk.tf.json"
calls=$(aws_calls)
cli synth-only synth none
check "synth asks for no credentials" [ "$(aws_calls)" -eq "$calls" ]
cli emulated deploy none DR_EMULATOR_ENDPOINT=http://127.0.0.1:4566
check "deploy against the emulator asks for no credentials" [ "$(aws_calls)" -eq "$calls" ]
(cd "$project" && PATH="$work/aws-bin:$PATH" CDKTF_OUTDIR="$work/tool.out" \
  bash src/main/scripts/app.sh) >/dev/null 2>&1
check "app.sh run by a tool, not the CLI, asks for no credentials" \
  [ "$(aws_calls)" -eq "$calls" ]
status=0
cli bad-account diff ok DR_EXPECTED_ACCOUNT_ID=12345 || status=$?
check "a DR_EXPECTED_ACCOUNT_ID other than 12 digits is refused" [ "$status" -eq 2 ]
check "... naming the setting and what is allowed" grep -qF \
  'DR_EXPECTED_ACCOUNT_ID) = "12345" (from the environment): expected an AWS account id of 12 digits' \
  "$work/bad-account.log" "$work/bad-account.err"
check "... before asking STS" [ "$(aws_calls)" -eq "$calls" ]

echo "== The conventional app command writes the same output"
synth --app "mvn -e -q compile exec:java" --output "$work/conventional.out" >/dev/null
mask='s#jsii-kernel-[A-Za-z0-9]*#jsii-kernel-#g; s#jsii-java-runtime[0-9]*#jsii-java-runtime#g'
check "cdk.tf.json byte for byte" diff -r "$work/conventional.out/stacks" "$out/stacks"
check "manifest.json, but for jsii's temporary directory names" \
  cmp <(sed "$mask" "$work/conventional.out/manifest.json") <(sed "$mask" "$out/manifest.json")

echo "launcher-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
