#!/usr/bin/env bash
# Stops the dockerd that docker/ci-setup.sh started (by the PID it recorded); leaves any other
# Docker engine alone.
set -euo pipefail
pid_file="${JMPI_DOCKERD_PID_FILE:-/tmp/jmpi-dockerd.pid}"
if [[ ! -f "$pid_file" ]]; then
  echo "stop-dockerd: no $pid_file: ci-setup.sh did not start a dockerd" >&2
  exit 0
fi
pid="$(cat "$pid_file")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "stop-dockerd: dockerd (pid $pid) still runs after 30 s; sending SIGKILL" >&2
    kill -KILL "$pid"
  fi
fi
rm -f "$pid_file"
echo "stop-dockerd: stopped dockerd (pid $pid)" >&2
