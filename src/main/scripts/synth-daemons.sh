# shellcheck shell=bash
# Sourced by app.sh, the launcher test and the benchmark: the synth daemons that
# src/main/scripts/app.sh started for a checkout, found through their pid files. A pid file proves
# nothing by itself: its number may name another checkout's daemon, or any process by now. So a
# process counts only while it is this checkout's daemon of that socket (is_synth_daemon), and
# nothing else is ever signalled.

# is_synth_daemon PID SOCKET CHECKOUT: whether PID runs SynthDaemon on SOCKET (a path relative to
# CHECKOUT, as app.sh starts it; a successor has its predecessor's command line) in CHECKOUT as its
# working directory. Another user's process, whose /proc entries cannot be read, and a zombie,
# whose command line is empty, are not.
is_synth_daemon() {
  local args=() i
  [[ "$1" =~ ^[1-9][0-9]*$ ]] || return 1
  [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$(cd "$3" && pwd -P)" ] || return 1
  mapfile -d '' -t args 2>/dev/null <"/proc/$1/cmdline" || return 1
  for ((i = 0; i + 1 < ${#args[@]}; i++)); do
    if [ "${args[i]}" = io.drstack.launcher.SynthDaemon ] && [ "${args[i + 1]}" = "$2" ]; then
      return 0
    fi
  done
  return 1
}

# synth_daemon_sockets CHECKOUT: "PID SOCKET" of each of the checkout's running synth daemons.
synth_daemon_sockets() {
  local file pid socket
  for file in "$1"/target/app/*/synth-*.sock.pid; do
    pid="$(cat "$file" 2>/dev/null)" || continue
    socket="${file%.pid}"
    socket="${socket#"$1"/}"
    if is_synth_daemon "$pid" "$socket" "$1"; then echo "$pid $socket"; fi
  done
}

# synth_daemons CHECKOUT: the process ids of the checkout's running synth daemons.
synth_daemons() {
  local pid socket
  synth_daemon_sockets "$1" | while read -r pid socket; do echo "$pid"; done
}

# stop_synth_daemons CHECKOUT [SIGNAL]: signals them (TERM unless told) and waits until they end.
stop_synth_daemons() {
  local pid socket
  synth_daemon_sockets "$1" | while read -r pid socket; do
    kill -s "${2:-TERM}" "$pid" 2>/dev/null || continue
    while is_synth_daemon "$pid" "$socket" "$1"; do sleep 0.05; done
  done
}

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
