#!/usr/bin/env bash
# A current nats-server without root: Debian trixie's nats-server .deb (2.10.x; bookworm's package is 2.9.10),
# found in the archive's package index, checked against the index's SHA-256 and unpacked with dpkg-deb -x into a
# cache directory. Prints the binary's path, for NATS_SERVER_BIN:
#
#   NATS_SERVER_BIN=$(deploy/local/bench/nats/fetch-nats-server.sh) deploy/local/run.sh ...
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SUITE (default trixie),
# SPARK_RELAY_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/spark-relay). Needs curl, xz and dpkg-deb.
set -euo pipefail
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${DEBIAN_SUITE:-trixie}
CACHE=${SPARK_RELAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/spark-relay}
for tool in curl xz dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
mkdir -p "$CACHE"
index="$CACHE/$SUITE-Packages"
if [ ! -s "$index" ] || [ -n "$(find "$index" -mtime +1 2>/dev/null)" ]; then
  curl -sfL --max-time 120 "$MIRROR/dists/$SUITE/main/binary-amd64/Packages.xz" | xz -d >"$index.tmp"
  mv "$index.tmp" "$index"
fi
# the stanza of the package nats-server: its version, file and checksum
read -r version filename sha256 < <(awk '
  /^Package: / { inside = ($2 == "nats-server") }
  inside && /^Version: / { version = $2 }
  inside && /^Filename: / { filename = $2 }
  inside && /^SHA256: / { sha = $2 }
  /^$/ && inside && filename != "" { print version, filename, sha; exit }' "$index")
[ -n "${filename:-}" ] || { echo "no nats-server in $SUITE's index" >&2; exit 1; }
dir="$CACHE/nats-server-$version"
if [ ! -x "$dir/usr/sbin/nats-server" ] && [ ! -x "$dir/usr/bin/nats-server" ]; then
  deb="$CACHE/$(basename "$filename")"
  [ -s "$deb" ] || curl -sfL --max-time 300 -o "$deb" "$MIRROR/$filename"
  echo "$sha256  $deb" | sha256sum -c --quiet - >&2 || { rm -f "$deb"; echo "checksum of $deb wrong" >&2; exit 1; }
  rm -rf "$dir.tmp" && dpkg-deb -x "$deb" "$dir.tmp" && mv "$dir.tmp" "$dir"
fi
for bin in "$dir/usr/sbin/nats-server" "$dir/usr/bin/nats-server"; do
  [ -x "$bin" ] && { echo "$bin"; exit 0; }
done
echo "no nats-server binary in $dir" >&2
exit 1
