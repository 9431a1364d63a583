#!/usr/bin/env bash
# The status-reporter holding many runs (issue "What it costs as the work grows", item 4): a real nats-server
# whose bucket relay-runs is filled with RUNS runs (ACTIVE still running) before a packaged reporter starts
# against an empty API stand-in. Prints start to ready (the bucket replayed into the index), the reporter's
# RSS once ready, and the latency of the list (first page, filtered, deep page) and of one run under READERS
# concurrent callers; writes deploy/local/bench/reporter-scale/latest.json.
# Then memory per watched pod: PODS executor pods (labelled with a run id) appear in the watched namespace,
# and the reporter's live heap (after a full GC) and RSS are read before and after.
# Usage: deploy/local/bench/reporter-scale/run.sh [runs=100000] [active=10000] [readers=20] [requests=50] [pods=10000]
# Environment: JAVA_HOME (JDK >= 21), MVN_ARGS (e.g. -o), NO_BUILD=1, REPORTER_JAVA_OPTS (default the image's:
# -XX:MaxRAMPercentage=50 of a 512 MiB limit, i.e. -Xmx256m, SerialGC).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/deploy/local/bench/reporter-scale"
RUNS=${1:-100000}
ACTIVE=${2:-10000}
READERS=${3:-20}
REQUESTS=${4:-50}
PODS=${5:-10000}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  [ -z "${KEEP_LOG:-}" ] || cp "$WORK/reporter.log" "$KEEP_LOG" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$ROOT"
if [ "${NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q ${MVN_ARGS:-} -DskipTests -pl status-reporter,deploy/local/simulator,deploy/local/bench -am install
fi
cp=$(./mvnw -B -q ${MVN_ARGS:-} -pl deploy/local/bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
bench() { "$JAVA" -cp "deploy/local/bench/target/classes:$cp" io.sparkrelay.bench.ReporterScaleBenchmark "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "timed out: $*" >&2; exit 1; }; sleep 0.05; done; }

NATS_PORT=$(free_port); API_PORT=$(free_port); HTTP_PORT=$(free_port)
nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$WORK/nats" >"$WORK/nats.log" 2>&1 &
PIDS+=($!)
"$JAVA" -XX:+UseSerialGC -Xmx256m -cp deploy/local/simulator/target/spark-relay-simulator.jar \
  io.sparkrelay.simulator.KubernetesApiServerMain --port "$API_PORT" --namespace argo-workflows \
  --namespace spark-team-a >"$WORK/api.log" 2>&1 &
PIDS+=($!)
wait_for 30 curl -s "http://127.0.0.1:$API_PORT/api/v1/namespaces"
bench fill "nats://127.0.0.1:$NATS_PORT" "$RUNS" "$ACTIVE" >"$WORK/ids"
run_id=$(sed -n 's/^id //p' "$WORK/ids" | tail -n 1)
bucket_mib=$(du -sm "$WORK/nats" | cut -f1)

read -r -a OPTS <<<"${REPORTER_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m -Xss512k}"
started=$(date +%s%3N)
"$JAVA" "${OPTS[@]}" -Dquarkus.http.port="$HTTP_PORT" -Drelay.nats.url="nats://127.0.0.1:$NATS_PORT" \
  -Dkubernetes.master="http://127.0.0.1:$API_PORT" -Dkubernetes.trust.certificates=true \
  -Dkubernetes.namespace=default -Dkubernetes.auth.token=bench -Dkubernetes.auth.tryKubeConfig=false \
  -Dkubernetes.auth.tryServiceAccount=false -Drelay.watch.workflow-namespaces=argo-workflows \
  -Drelay.watch.data-namespaces=spark-team-a -Dquarkus.log.level=WARN \
  -jar status-reporter/target/quarkus-app/quarkus-run.jar >"$WORK/reporter.log" 2>&1 &
REPORTER=$!
PIDS+=($REPORTER)
URL="http://127.0.0.1:$HTTP_PORT"
listed() { [ "$(curl -sf "$URL/api/v1/runs?size=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')" = "$RUNS" ]; }
wait_for 300 curl -sf "$URL/q/health/ready"
ready_ms=$(($(date +%s%3N) - started))
wait_for 300 listed
listed_ms=$(($(date +%s%3N) - started))
sleep 2
rss=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$REPORTER/status")
bench read "$URL" "$READERS" "$REQUESTS" "$run_id" >"$WORK/reads"
rss_after=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$REPORTER/status")
"$JAVA" -cp "deploy/local/bench/target/classes:$cp" io.sparkrelay.bench.WatchedPodsBenchmark \
  "http://127.0.0.1:$API_PORT" spark-team-a "$PODS" "$URL" "$REPORTER" >"$WORK/pods"
IFS='|' read -r pods heap_before heap_after pods_rss_before pods_rss_after per_pod <"$WORK/pods"

echo
echo "status-reporter with $RUNS runs ($ACTIVE running) in the bucket ($bucket_mib MiB on disk), JVM ${OPTS[*]}"
printf '  start to ready %d ms; every run listed %d ms after the start; RSS %d MiB ready, %d MiB after the reads\n' \
  "$ready_ms" "$listed_ms" "$rss" "$rss_after"
printf '  %-30s %8s %8s %8s %6s   (%d readers x %d requests)\n' request "p50 ms" "p99 ms" "max ms" errors "$READERS" "$REQUESTS"
while IFS='|' read -r kind p50 p99 max errors; do
  printf '  %-30s %8s %8s %8s %6s\n' "$kind" "$p50" "$p99" "$max" "$errors"
done <"$WORK/reads"
printf '  %d watched pods: live heap %d -> %d KiB, RSS %d -> %d MiB: %d bytes per pod (heap)\n' "$pods" \
  $((heap_before / 1024)) $((heap_after / 1024)) $((pods_rss_before / 1048576)) $((pods_rss_after / 1048576)) "$per_pod"
{
  printf '{\n  "date": "%s",\n  "machine": "%s cores",\n  "runs": %d,\n  "active": %d,\n  "jvm": "%s",\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$RUNS" "$ACTIVE" "${OPTS[*]}"
  printf '  "startToReadyMs": %d,\n  "allListedMs": %d,\n  "rssReadyMiB": %d,\n  "rssAfterReadsMiB": %d,\n  "readers": %d,\n  "latencyMs": [\n' \
    "$ready_ms" "$listed_ms" "$rss" "$rss_after" "$READERS"
  first=1
  while IFS='|' read -r kind p50 p99 max errors; do
    [ $first -eq 1 ] || printf ',\n'
    first=0
    printf '    {"request": "%s", "p50": %s, "p99": %s, "max": %s, "errors": %s}' "$kind" "$p50" "$p99" "$max" "$errors"
  done <"$WORK/reads"
  printf '\n  ],\n  "watchedPods": %d,\n  "liveHeapBeforePodsBytes": %d,\n  "liveHeapAfterPodsBytes": %d,\n' \
    "$pods" "$heap_before" "$heap_after"
  printf '  "rssBeforePodsBytes": %d,\n  "rssAfterPodsBytes": %d,\n  "heapBytesPerWatchedPod": %d\n}\n' \
    "$pods_rss_before" "$pods_rss_after" "$per_pod"
} >"$HERE/latest.json"
echo "wrote $HERE/latest.json"
