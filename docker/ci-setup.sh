#!/usr/bin/env bash
# Prepares this machine for the Docker tests (docker/ module, *IT with @Tag("docker")):
#   1. installs Debian's Docker engine and Compose v1 (docker.io, docker-compose) if missing;
#   2. starts dockerd if `docker info` does not answer (no systemd here), PID in $JMPI_DOCKERD_PID_FILE;
#   3. builds the JRE base image jmpi-jre-base:bookworm from Debian's packages (no registry needed).
# The jmpi image itself (jmpi:test) is built by the docker/ Maven module in pre-integration-test
# (docker/build-image.sh), so it always holds the artifacts of the build under test.
#
# Idempotent. Logs go to stderr; stdout is a list of `export` lines for the test run:
#   eval "$(bash docker/ci-setup.sh)"
# Stop the engine it started with: bash docker/stop-dockerd.sh
set -euo pipefail
cd "$(dirname "$0")/.."

pid_file="${JMPI_DOCKERD_PID_FILE:-/tmp/jmpi-dockerd.pid}"
deadline_s="${JMPI_DOCKERD_START_TIMEOUT_S:-60}"
log() { printf 'ci-setup: %s\n' "$*" >&2; }
t0=$(date +%s)

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1 \
   || ! command -v docker >/dev/null 2>&1; then
  log "installing docker.io docker-compose"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq docker.io docker-compose >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /tmp/dockerd.log)"
  setsid dockerd >/tmp/dockerd.log 2>&1 < /dev/null &
  echo $! > "$pid_file"
  end=$(( $(date +%s) + deadline_s ))
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      log "dockerd exited; last lines of /tmp/dockerd.log:"
      tail -n 20 /tmp/dockerd.log >&2
      exit 1
    fi
    if (( $(date +%s) >= end )); then
      log "dockerd did not answer within ${deadline_s}s; last lines of /tmp/dockerd.log:"
      tail -n 20 /tmp/dockerd.log >&2
      exit 1
    fi
    sleep 0.2
  done
  log "dockerd is up (pid $(cat "$pid_file"))"
else
  log "the Docker engine answers already: $(docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})')"
fi

bash docker/build-base-image.sh

log "ready in $(( $(date +%s) - t0 )) s"
# Testcontainers: the docker/ module sets these for its own tests (docker/pom.xml); they are
# printed too so that a hand-run test outside Maven sees the same settings.
cat <<'EXPORTS'
export JMPI_REQUIRE_DOCKER=1
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE=jmpi-jre-base:bookworm
EXPORTS
