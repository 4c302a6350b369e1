# shellcheck shell=bash
# Sourced by the launcher test and the benchmark: the synth daemons that src/main/scripts/app.sh
# started for a checkout, found through their pid files. A stale pid file's number may be another
# process's by now, so a process counts only while its command line names SynthDaemon (a zombie's
# is empty).

# synth_daemons CHECKOUT: the process ids of the checkout's running synth daemons.
synth_daemons() {
  local file pid
  for file in "$1"/target/app/*/synth-*.sock.pid; do
    pid="$(cat "$file" 2>/dev/null)" || continue
    if is_synth_daemon "$pid"; then echo "$pid"; fi
  done
}

# stop_synth_daemons CHECKOUT [SIGNAL]: signals them (TERM unless told) and waits until they end.
stop_synth_daemons() {
  local pid
  for pid in $(synth_daemons "$1"); do
    kill -s "${2:-TERM}" "$pid" 2>/dev/null || continue
    while is_synth_daemon "$pid"; do sleep 0.05; done
  done
}

is_synth_daemon() { grep -qa SynthDaemon "/proc/$1/cmdline" 2>/dev/null; }

# Run rather than sourced, for users (like `gradle --status` / `--stop`), from the project root:
#   bash src/main/scripts/synth-daemons.sh status   each daemon of this checkout: pid, resident
#                                                   memory, age, and the build it serves
#   bash src/main/scripts/synth-daemons.sh stop     stops them all (each stops by itself anyway)
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  checkout="$(cd "$(dirname "$0")/../../.." && pwd)"
  case "${1:-}" in
    status)
      pids="$(synth_daemons "$checkout")"
      if [ -z "$pids" ]; then
        echo "no synth daemon runs for $checkout"
        exit 0
      fi
      for pid in $pids; do
        build="$(grep -l "^$pid$" "$checkout"/target/app/*/synth-*.sock.pid 2>/dev/null | head -n 1)"
        printf 'pid %s  resident %s MiB  running %s  build %s\n' "$pid" \
          "$(($(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status") / 1024))" \
          "$(ps -o etime= -p "$pid" | tr -d ' ')" "$(basename "$(dirname "$build")")"
      done
      ;;
    stop)
      stop_synth_daemons "$checkout"
      echo "no synth daemon runs for $checkout"
      ;;
    *)
      echo "usage: bash src/main/scripts/synth-daemons.sh status|stop (got \"${1:-}\")" >&2
      exit 2
      ;;
  esac
fi
