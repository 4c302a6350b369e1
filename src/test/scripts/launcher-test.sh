#!/usr/bin/env bash
# Tests src/main/scripts/app.sh, the app command of cdktf.json, through the README's synth command
# on a copy of the project without target/ (as a fresh clone has it): it compiles then and when
# the code changed, and only then; every edit of a Java source reaches the next synth, whatever its
# mtime; sources that fail to compile never synthesize an older build; Maven falls back to online
# when offline lacks an artifact; and the output is the conventional app command's, byte for byte.
# Run by .ci/run; takes a few minutes (each compile runs Maven with Error Prone).
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/main/scripts/jsii-env.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
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
  (cd "$project" && npx --yes cdktf-cli@0.19.2 synth "$@") >"$work/synth.log" 2>&1 ||
    { tail -n 40 "$work/synth.log" >&2; return 1; }
  echo $(($(wc -l <"$work/mvn-calls") - before))
}
# grep reads the files itself: `cat | grep -q` fails under pipefail when grep stops early.
contains() { grep -qF "\"$1\"" "$out"/stacks/*/cdk.tf.json; }
lacks() { ! contains "$1"; }
fails() { ! "$@"; }

echo "== Fresh copy (no target/): the README's synth compiles"
calls=$(synth)
check "the first synth runs Maven once (compile and classpath)" [ "$calls" -eq 1 ]
check "the first synth writes the stack" test -s "$(echo "$out"/stacks/*/cdk.tf.json)"
cp -r "$out" "$work/original.out"

# The edits change one string literal of TapStack.java that the output shows, keeping its length
# (so the formatting check still passes): found rather than named, so the stack can evolve.
source=src/main/java/io/drstack/TapStack.java
cp -p "$project/$source" "$work/TapStack.java.orig"
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

echo "== An edit reaches the next synth"
replace "$literal" "$first"
calls=$(synth)
check "a synth after an edit compiles" [ "$calls" -eq 1 ]
check "... and its stack has the edit" contains "$first"

echo "== A second edit of the same size; Maven offline lacks an artifact"
touch "$work/offline-fails"
replace "$first" "$second"
calls=$(synth)
rm "$work/offline-fails"
check "Maven runs offline, then online" [ "$calls" -eq 2 ]
check "... and the stack has the second edit" contains "$second"
check "... and not the first" lacks "$first"

echo "== Sources that do not compile: the synth fails, and runs no older build"
echo "class Broken {" >"$project/src/main/java/io/drstack/Broken.java"
broken_synth() {
  CDKTF_OUTDIR="$work/broken.out" bash "$project/src/main/scripts/app.sh" >"$work/broken.log" 2>&1
}
check "app.sh fails" fails broken_synth
check "... and writes no stack" test ! -e "$work/broken.out/manifest.json"
rm "$project/src/main/java/io/drstack/Broken.java"

echo "== The original source put back with its old mtime (as cp -p, tar or rsync -t do)"
cp -p "$work/TapStack.java.orig" "$project/$source"
calls=$(synth)
check "a synth after the restore compiles" [ "$calls" -eq 1 ]
check "... and writes the original stack again, byte for byte" \
  diff -r "$work/original.out/stacks" "$out/stacks"

echo "== The conventional app command writes the same output"
synth --app "mvn -e -q compile exec:java" --output "$work/conventional.out" >/dev/null
mask='s#jsii-kernel-[A-Za-z0-9]*#jsii-kernel-#g; s#jsii-java-runtime[0-9]*#jsii-java-runtime#g'
check "cdk.tf.json byte for byte" diff -r "$work/conventional.out/stacks" "$out/stacks"
check "manifest.json, but for jsii's temporary directory names" \
  cmp <(sed "$mask" "$work/conventional.out/manifest.json") <(sed "$mask" "$out/manifest.json")

echo "launcher-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
