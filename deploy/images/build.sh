#!/usr/bin/env bash
# Builds the JVM image of each named service (default: all four) from its target/quarkus-app with buildah (no
# daemon), named as the Helm chart names it by default: <registry>/spark-relay/<service>:<chart appVersion>.
# The Maven switch -Dimages runs this for each service after its package phase (see README.md, "Images").
#
#   deploy/images/build.sh [--print-names] [--push] [SERVICE...]
#
# Environment: IMAGE_REGISTRY (default ghcr.io), IMAGE_TAG (default the chart's appVersion), BASE_IMAGE (a Java 21
# runtime pinned by digest; default the Debian-made base of build-base.sh, built first when missing),
# IMAGE_PLATFORMS (e.g. linux/amd64,linux/arm64: one manifest list of those; default this machine's platform),
# IMAGE_REVISION (default: git HEAD), SOURCE_DATE_EPOCH (file and config times; default the HEAD commit's time).
# --push pushes each image (with every platform) to its registry; log in first (buildah login).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ALL=(sqs-bridge workflow-launcher spark-submitter status-reporter)
LOCAL_BASE=localhost/spark-relay/jre21-debian:trixie
PRINT=0
PUSH=0
services=()
for arg in "$@"; do
  case "$arg" in
    --print-names) PRINT=1 ;;
    --push) PUSH=1 ;;
    -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    sqs-bridge | workflow-launcher | spark-submitter | status-reporter) services+=("$arg") ;;
    *) echo "build.sh: unknown service or option '$arg'; services: ${ALL[*]}" >&2; exit 2 ;;
  esac
done
[ ${#services[@]} -gt 0 ] || services=("${ALL[@]}")

registry=${IMAGE_REGISTRY:-ghcr.io}
tag=${IMAGE_TAG:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$ROOT/deploy/helm/spark-relay/Chart.yaml")}
[ -n "$tag" ] || { echo "build.sh: no appVersion in deploy/helm/spark-relay/Chart.yaml" >&2; exit 1; }
name_of() { printf '%s/spark-relay/%s:%s\n' "$registry" "$1" "$tag"; }
if [ "$PRINT" -eq 1 ]; then
  for service in "${services[@]}"; do name_of "$service"; done
  exit 0
fi

base=${BASE_IMAGE:-$LOCAL_BASE}
case "$base" in
  "$LOCAL_BASE") "$ROOT/deploy/images/build-base.sh" ;;
  *@sha256:*) ;;
  *) echo "build.sh: BASE_IMAGE '$base' is not pinned by digest (name@sha256:...)" >&2; exit 1 ;;
esac
revision=${IMAGE_REVISION:-$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

for service in "${services[@]}"; do
  app="$ROOT/$service/target/quarkus-app"
  [ -f "$app/quarkus-run.jar" ] || { echo "build.sh: $service is not packaged ($app)" >&2; exit 1; }
  image=$(name_of "$service")
  echo "building $image on $base"
  # --timestamp pins every file and the config to SOURCE_DATE_EPOCH, so the same jars on the same base give
  # the same layer.
  common=(--quiet --layers=false --timestamp "$SOURCE_DATE_EPOCH"
    --build-arg BASE_IMAGE="$base" --build-arg BASE_NAME="$base" --build-arg SERVICE="$service"
    --build-arg VERSION="$tag" --build-arg REVISION="$revision" --build-arg CREATED="$created"
    -f "$ROOT/deploy/images/Containerfile")
  if [ -n "${IMAGE_PLATFORMS:-}" ]; then
    # the Containerfile has no RUN step, so other platforms need no emulation: only the base differs
    buildah manifest rm "$image" >/dev/null 2>&1 || true
    buildah build "${common[@]}" --platform "$IMAGE_PLATFORMS" --manifest "$image" "$app" >/dev/null
    buildah manifest inspect "$image" | grep -o '"architecture": *"[^"]*"' | sed 's/^/  /'
    [ "$PUSH" -eq 0 ] || buildah manifest push --all --quiet "$image" "docker://$image"
    continue
  fi
  buildah build "${common[@]}" -t "$image" "$app" >/dev/null
  [ "$PUSH" -eq 0 ] || buildah push --quiet "$image" "docker://$image"
  podman image inspect --format "  {{.Id}} {{.Size}} bytes" "$image"
done
