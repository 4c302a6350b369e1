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
