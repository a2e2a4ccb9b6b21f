#!/usr/bin/env bash
# Stops the Slurm daemons deploy/slurm/slurm-up.sh started, by the PIDs it recorded in
# $JMPI_SLURM_DIR (default /var/lib/jmpi-slurm), slurmd first, munged last. Leaves the
# configuration, state and logs in place.
set -euo pipefail
state="${JMPI_SLURM_DIR:-/var/lib/jmpi-slurm}"
log() { printf 'slurm-down: %s\n' "$*" >&2; }

stop() { # name
  local f="$state/$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$1 (pid $pid) still runs after 10 s: SIGKILL"
      kill -KILL "$pid"
    fi
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}

for f in "$state"/slurmd-*.pid; do
  [[ -e "$f" ]] || continue
  case "$f" in *.daemon.pid) continue ;; esac
  stop "$(basename "$f" .pid)"
done
stop slurmctld
stop munged
