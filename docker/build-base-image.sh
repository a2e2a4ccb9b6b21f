#!/usr/bin/env bash
# Builds the JRE base image jmpi-jre-base:bookworm from Debian's packages, without any image
# registry: mmdebstrap writes a bookworm root filesystem (from this machine's own apt sources)
# as a tarball on stdout, and `docker import` turns it into an image.
#
#   bash docker/build-base-image.sh            # skips when the image exists
#   JMPI_BASE_IMAGE=my/base:tag bash docker/build-base-image.sh
#   bash docker/build-base-image.sh --force    # rebuild
#
# Needs root (mmdebstrap in root mode) and a running Docker engine. Installs mmdebstrap with
# apt-get if it is missing. Takes about half a minute; the image is about 400 MB.
set -euo pipefail

image="${JMPI_BASE_IMAGE:-jmpi-jre-base:bookworm}"
suite="${JMPI_BASE_SUITE:-bookworm}"
packages="openjdk-17-jre-headless,iproute2,openssh-server,openssh-client,procps,ca-certificates"
force=0
[[ "${1:-}" == "--force" ]] && force=1

log() { printf 'build-base-image: %s\n' "$*" >&2; }

if ! docker info >/dev/null 2>&1; then
  log "the Docker engine does not answer (docker info failed); start it first, e.g. bash docker/ci-setup.sh"
  exit 1
fi

if [[ $force -eq 0 ]] && docker image inspect "$image" >/dev/null 2>&1; then
  log "$image exists, skipping (--force rebuilds it)"
  exit 0
fi

start=$(date +%s)
if ! command -v mmdebstrap >/dev/null 2>&1; then
  log "installing mmdebstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mmdebstrap >/dev/null
fi

log "mmdebstrap $suite with $packages | docker import $image"
# JAVA_HOME and PATH are set on the image because an imported image has no configuration.
# /usr/lib/jvm/java-17-openjdk-amd64 on amd64; the symlink below makes it architecture-neutral.
# force-unsafe-io: no fsync per unpacked file (the tree becomes a tarball at once anyway).
mmdebstrap --quiet --variant=apt --include="$packages" --dpkgopt=force-unsafe-io \
  --customize-hook='chroot "$1" sh -c "ln -sfn \$(dirname \$(dirname \$(readlink -f /usr/bin/java))) /usr/lib/jvm/default-jre"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
  "$suite" - \
  | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/default-jre' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["/bin/bash"]' \
      - "$image" >/dev/null

log "built $image in $(( $(date +%s) - start )) s ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1000000}'))"
