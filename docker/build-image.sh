#!/usr/bin/env bash
# Builds the jmpi image from the binary distribution of this checkout's Maven build:
#   ./mvnw -B install -DskipTests        (or package: dist/target/jmpi-<version>.tar.gz, docker/target)
#   bash docker/build-image.sh           -> image jmpi:latest
# The image holds the distribution unpacked at /opt/jmpi, plus the docker module's test programs.
#
# Environment:
#   JMPI_IMAGE       tag to build (default jmpi:latest; the Maven build uses jmpi:test)
#   JMPI_BASE_IMAGE  base image (default: jmpi-jre-base:bookworm if that exists locally, else the
#                    Dockerfile's public eclipse-temurin:17-jre). A missing jmpi-jre-base:* is
#                    built first with docker/build-base-image.sh.
# --if-docker: without a Docker engine, print why and exit 0 (the Docker tests then skip), unless
#              JMPI_REQUIRE_DOCKER=1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
image="${JMPI_IMAGE:-jmpi:latest}"
log() { printf 'build-image: %s\n' "$*" >&2; }

if ! docker info >/dev/null 2>&1; then
  if [[ "${1:-}" == "--if-docker" && "${JMPI_REQUIRE_DOCKER:-0}" != "1" ]]; then
    log "no Docker engine answers (docker info failed): not building $image; the Docker tests will skip"
    exit 0
  fi
  log "no Docker engine answers (docker info failed); start one, e.g. bash docker/ci-setup.sh"
  exit 1
fi

base="${JMPI_BASE_IMAGE:-}"
if [[ -z "$base" ]] && docker image inspect jmpi-jre-base:bookworm >/dev/null 2>&1; then
  base=jmpi-jre-base:bookworm
fi
if [[ "$base" == jmpi-jre-base:* ]] && ! docker image inspect "$base" >/dev/null 2>&1; then
  log "base image $base is missing: building it"
  JMPI_BASE_IMAGE="$base" bash "$here/build-base-image.sh"
fi

one_jar() {
  local f
  for f in "$1"/$2-*.jar; do
    case "$f" in *-sources.jar|*-tests.jar|*-javadoc.jar) continue ;; esac
    [[ -f "$f" ]] && { printf '%s\n' "$f"; return 0; }
  done
  log "missing $1/$2-*.jar: build first with ./mvnw -B install -DskipTests"
  return 1
}
tarball=""
for f in "$root"/dist/target/jmpi-*.tar.gz; do
  [[ -f "$f" ]] && { tarball="$f"; break; }
done
if [[ -z "$tarball" ]]; then
  log "missing $root/dist/target/jmpi-<version>.tar.gz: build first with ./mvnw -B install -DskipTests"
  exit 1
fi
programs_jar="$(one_jar "$root/docker/target" jmpi-docker-tests)"

start=$(date +%s)
ctx="$root/docker/target/image-context"
rm -rf "$ctx"
mkdir -p "$ctx/jmpi"
# The tarball's top directory jmpi-<version>/ becomes /opt/jmpi in the image.
tar -xzf "$tarball" -C "$ctx/jmpi" --strip-components=1
mkdir -p "$ctx/jmpi/programs"
cp "$programs_jar" "$ctx/jmpi/programs/jmpi-docker-tests.jar"
cp "$here/entrypoint.sh" "$ctx/"

args=(--tag "$image" --file "$here/Dockerfile")
[[ -n "$base" ]] && args+=(--build-arg "BASE_IMAGE=$base")
log "docker build ${args[*]} $ctx"
# The legacy builder: BuildKit needs the buildx plugin, which Debian's docker.io lacks here.
build_log="$root/docker/target/docker-build.log"
if ! DOCKER_BUILDKIT=0 docker build "${args[@]}" "$ctx" >"$build_log" 2>&1; then
  cat "$build_log" >&2
  log "docker build failed (output above, also in $build_log)"
  exit 1
fi
# The image this tag named before is now untagged: remove such leftovers of earlier builds.
docker image prune --force --filter label=dev.jmpi.image=jmpi >/dev/null 2>&1 || true
log "built $image (base ${base:-eclipse-temurin:17-jre}) in $(( $(date +%s) - start )) s"
