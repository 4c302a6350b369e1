# shellcheck shell=bash disable=SC2154 # $work: the sourcing script's scratch directory
# Sourced by src/bench/*.sh: runs a command and records its wall time, CPU time and peak memory;
# prints min / median / max over the recorded runs. Needs bash 5 and Linux's /proc, nothing else.

if [ -z "${EPOCHREALTIME:-}" ] || [ ! -r "/proc/$$/task/$$/children" ]; then
  echo "src/bench needs bash 5 (EPOCHREALTIME) and Linux's /proc/PID/task/TID/children" >&2
  exit 2
fi
page_kib=$(($(getconf PAGESIZE) / 1024))
clock_tick=$(getconf CLK_TCK)

# snapshot ROOT: ROOT and all its descendants as they are now, into snap_name[PID],
# snap_ticks[PID] (CPU time, user + system, in clock ticks) and snap_kib[PID] (resident memory);
# zombies left out. Builtins only, so that sampling costs next to nothing.
declare -A snap_name snap_ticks snap_kib
snapshot() {
  snap_name=() snap_ticks=() snap_kib=()
  local -a pids=("$1") kids stat
  local i p f rss stat_line
  for ((i = 0; i < ${#pids[@]}; i++)); do
    p=${pids[i]}
    { read -r stat_line <"/proc/$p/stat" && read -r _ rss _ <"/proc/$p/statm"; } 2>/dev/null ||
      continue
    read -r -a stat <<<"${stat_line##*) }" # state ppid ... utime(11) stime(12)
    [ "${stat[0]}" = Z ] && continue
    snap_name[$p]=${stat_line#*(} snap_name[$p]=${snap_name[$p]%)*}
    snap_ticks[$p]=$((stat[11] + stat[12]))
    snap_kib[$p]=$((rss * page_kib))
    for f in /proc/"$p"/task/*/children; do
      kids=()
      read -r -a kids 2>/dev/null <"$f" || true
      pids+=("${kids[@]}")
    done
  done
}

# watch ROOT: samples ROOT's tree every 50 ms until ROOT ends, and prints
# "CPU_S TREE_KIB JAVA_KIB NODE_KIB": their CPU time (user + system, as last sampled per process)
# and the peaks of the resident memory of the whole tree and of its java and of its node processes.
# It can miss a spike under 50 ms.
watch() {
  local root=$1 tree=0 java=0 node=0 t j n p
  local -A cpu=()
  while :; do
    snapshot "$root"
    t=0 j=0 n=0
    for p in "${!snap_kib[@]}"; do
      cpu[$p]=${snap_ticks[$p]}
      t=$((t + snap_kib[$p]))
      case ${snap_name[$p]} in
        java) j=$((j + snap_kib[$p])) ;;
        node) n=$((n + snap_kib[$p])) ;;
      esac
    done
    ((t > tree)) && tree=$t
    ((j > java)) && java=$j
    ((n > node)) && node=$n
    ((t == 0)) && break # ROOT has ended
    sleep 0.05
  done
  local ticks=0
  for p in "${!cpu[@]}"; do ticks=$((ticks + cpu[$p])); done
  echo "$(awk -v t="$ticks" -v hz="$clock_tick" 'BEGIN { printf "%.2f", t / hz }') $tree $java $node"
}

# sample LABEL [!] COMMAND...: runs COMMAND once (its output to $work/LABEL.log) and appends
# "WALL_S CPU_S TREE_KIB JAVA_KIB NODE_KIB" to $work/LABEL.tsv. With !, COMMAND must fail.
sample() {
  local label=$1 pid status=0 start figures expect=0
  shift
  if [ "$1" = "!" ]; then
    expect=1
    shift
  fi
  start=$EPOCHREALTIME
  "$@" >"$work/$label.log" 2>&1 &
  pid=$!
  figures=$(watch "$pid")
  wait "$pid" || status=$?
  if [ $((status != 0)) -ne "$expect" ]; then
    echo "UNEXPECTED STATUS ($status): $label: $*" >&2
    tail -n 30 "$work/$label.log" >&2
    exit 1
  fi
  echo "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') $figures" \
    >>"$work/$label.tsv"
}

# column LABEL N: the Nth field of every recorded run of LABEL, sorted numerically.
column() { cut -d' ' -f"$2" "$work/$1.tsv" | sort -g; }

# min / median / max of numbers on stdin, with a format for each.
stats() {
  awk -v fmt="$1" '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf fmt " / " fmt " / " fmt, v[1], m, v[NR] }'
}

median() {
  awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mib() { awk '{ printf "%.0f", $1 / 1024 }'; }

header() {
  printf '%-44s %4s  %-22s %-6s  %s\n' "" runs "wall s min/med/max" "CPU s" \
    "peak RSS MiB: tree (java + node)"
}

# report LABEL TITLE: one line of figures; CPU time and memory as medians over the runs.
report() {
  local label=$1 title=$2
  printf '%-44s %4s  %-22s %-6s  %-4s (%s + %s)\n' "$title" \
    "$(wc -l <"$work/$label.tsv")" \
    "$(column "$label" 1 | stats %.1f)" \
    "$(column "$label" 2 | median)" \
    "$(column "$label" 3 | median | mib)" \
    "$(column "$label" 4 | median | mib)" \
    "$(column "$label" 5 | median | mib)"
}

# ratio LABEL_A LABEL_B: median wall time of A over B's.
ratio() {
  awk -v a="$(column "$1" 1 | median)" -v b="$(column "$2" 1 | median)" \
    'BEGIN { printf "%.2f", a / b }'
}
