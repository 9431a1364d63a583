#!/usr/bin/env bash
# The Java 21 runtime base image the service images are built on HERE, made from Debian packages: no container
# registry is reachable from these machines, so no published base image can be pulled. Production builds use
# the pinned base of deploy/images/Containerfile (see deploy/images/README.md) instead.
#
# debootstrap installs Debian trixie's minimal base and openjdk-21-jre-headless into a directory, then
# everything the services do not need at run time is removed: the package manager, the shells, perl, docs and
# locales. The result is imported into podman's storage as BASE_IMAGE and cached as a tar keyed by this
# script's content, so a second run only imports it.
#
# Usage: deploy/images/build-base.sh   (as root; needs debootstrap and podman)
set -euo pipefail

BASE_IMAGE=${BASE_IMAGE:-localhost/spark-relay/jre21-debian:trixie}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${SPARK_RELAY_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/spark-relay/images}
key=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
tarball="$CACHE/jre21-debian-trixie-$key.tar"

if podman image exists "$BASE_IMAGE" &&
  [ "$(podman image inspect --format '{{index .Labels "io.spark-relay.base.key"}}' "$BASE_IMAGE")" = "$key" ]; then
  echo "base image $BASE_IMAGE is current ($key)"
  exit 0
fi

if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || { echo "build-base.sh: debootstrap is needed (apt-get install debootstrap)" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  root="$work/rootfs"
  echo "debootstrap trixie (minbase + openjdk-21-jre-headless) from $MIRROR"
  debootstrap --variant=minbase --include=openjdk-21-jre-headless,ca-certificates trixie "$root" "$MIRROR" \
    >"$work/debootstrap.log" 2>&1 || { tail -n 40 "$work/debootstrap.log" >&2; exit 1; }
  # The JVM's own files and the CA bundle stay; what only installing packages or a person at a prompt needs goes.
  rm -rf "$root"/var/lib/apt "$root"/var/cache/apt "$root"/var/cache/debconf/*-old "$root"/var/log/* \
    "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/info "$root"/usr/share/locale \
    "$root"/usr/share/lintian "$root"/usr/lib/x86_64-linux-gnu/perl* "$root"/usr/share/perl* \
    "$root"/usr/bin/perl* "$root"/usr/bin/apt* "$root"/usr/bin/dpkg* "$root"/usr/sbin/dpkg* \
    "$root"/etc/apt "$root"/var/lib/dpkg
  rm -f "$root"/usr/bin/bash "$root"/usr/bin/dash "$root"/usr/bin/sh "$root"/usr/bin/rbash \
    "$root"/usr/bin/su "$root"/usr/bin/login "$root"/usr/bin/passwd "$root"/usr/bin/newgrp \
    "$root"/usr/bin/chsh "$root"/usr/bin/chfn "$root"/usr/bin/gpasswd "$root"/usr/bin/mount "$root"/usr/bin/umount
  find "$root" -perm /6000 -type f -exec chmod ug-s {} +
  # uid 185, the chart's runAsUser (and the Spark images' "spark" user), owns nothing but may write /tmp
  echo 'relay:x:185:185:spark-relay:/tmp:/usr/sbin/nologin' >>"$root/etc/passwd"
  echo 'relay:x:185:' >>"$root/etc/group"
  mkdir -p "$CACHE"
  tar --numeric-owner --sort=name --mtime=@0 -C "$root" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
fi

echo "importing $tarball as $BASE_IMAGE"
podman import --change "LABEL io.spark-relay.base.key=$key" \
  --change "LABEL org.opencontainers.image.description=Debian trixie with openjdk-21-jre-headless, no shell" \
  --change "ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64" \
  "$tarball" "$BASE_IMAGE" >/dev/null
podman image inspect --format '{{.Id}} {{.Size}}' "$BASE_IMAGE"
