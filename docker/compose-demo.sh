#!/usr/bin/env bash
# Runs the Compose demo (docker/compose.yaml) and checks it: builds the jmpi image from this
# checkout's artifacts (on the local base image jmpi-jre-base:bookworm when it exists), starts
# rank-0..rank-3, waits for all four containers to exit, checks every exit status and rank 0's
# output (the reduction's result and the heat equation's check), prints rank 0's output, and
# removes the containers and network.
#
#   ./mvnw -B install -DskipTests && bash docker/compose-demo.sh
# Uses `docker compose` (v2) when available, else `docker-compose` (v1). JMPI_SKIP_BUILD=1 reuses
# an existing $JMPI_IMAGE.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf 'compose-demo: %s\n' "$*" >&2; }

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  log "neither 'docker compose' nor 'docker-compose' is installed (apt-get install docker-compose)"
  exit 1
fi

export JMPI_IMAGE="${JMPI_IMAGE:-jmpi:latest}"
export JMPI_SECRET="${JMPI_SECRET:-$(head -c 32 /dev/urandom | base64)}"
project="jmpi-demo-$$"
dc=("${compose[@]}" -p "$project" -f "$here/compose.yaml")

t0=$(date +%s)
if [[ "${JMPI_SKIP_BUILD:-0}" != "1" ]]; then
  JMPI_IMAGE="$JMPI_IMAGE" bash "$here/build-image.sh"
fi

cleanup() { "${dc[@]}" down --remove-orphans >/dev/null 2>&1 || true; }
trap cleanup EXIT

log "starting rank-0..rank-3 with ${compose[*]} (project $project)"
t1=$(date +%s)
if ! up_out="$("${dc[@]}" up -d 2>&1)"; then
  printf '%s\n' "$up_out" >&2
  log "starting the containers failed"
  exit 1
fi
mapfile -t ids < <("${dc[@]}" ps -q)
if [[ ${#ids[@]} -ne 4 ]]; then
  log "expected 4 containers, found ${#ids[@]}"
  exit 1
fi
# docker wait blocks until each container exits and prints its status (no polling).
mapfile -t codes < <(docker wait "${ids[@]}")
log "job finished in $(( $(date +%s) - t1 )) s"

failed=0
for i in "${!ids[@]}"; do
  name="$(docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "${ids[$i]}")"
  if [[ "${codes[$i]}" != "0" ]]; then
    log "$name exited with status ${codes[$i]}; its output:"
    docker logs "${ids[$i]}" 2>&1 | tail -n 30 >&2
    failed=1
  fi
done

out="$("${dc[@]}" logs --no-color rank-0 2>&1)"
printf '%s\n' "$out"
expect_reduce='on task 0 after Reduce: data = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]'
expect_heat='heat: matches the sequential solution exactly'
grep -qF "$expect_reduce" <<<"$out" || { log "rank 0 did not print: $expect_reduce"; failed=1; }
grep -qF "$expect_heat" <<<"$out" || { log "rank 0 did not print: $expect_heat"; failed=1; }
if [[ $failed -ne 0 ]]; then
  log "FAILED"
  exit 1
fi
log "OK: 4 containers, reduction and heat equation correct ($(( $(date +%s) - t0 )) s in all)"
