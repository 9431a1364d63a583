#!/usr/bin/env bash
# status-reporter end to end: a packaged reporter watching the fabric8 mock API server (as a process) with a
# real nats-server. RunLoad creates N runs (Workflow, SparkApplication, driver pod, each moved to its end state:
# 7 API writes a run) with C callers.
#  1. catch-up: the runs are written before the reporter starts; prints how long after it was ready it listed
#     them all COMPLETED, counted from the reporter's launch (JVM start included; informer list -> facts ->
#     KV read/merge/CAS write -> end event), i.e. the reporter's own rate, not the mock API server's.
#  2. live: N more runs written while it watches; prints the lag between the last write and the last COMPLETED
#     (the mock API server, not the reporter, bounds the write rate here).
# Then the reporter's resident memory and its metrics.
# Usage: deploy/local/bench/status-reporter/run.sh [runs=300] [callers=8]
# Environment: JAVA_HOME (JDK >= 21), MVN_ARGS (e.g. -o), NO_BUILD=1 to use the jars already built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/deploy/local/bench/status-reporter"
RUNS=${1:-300}
CALLERS=${2:-8}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local rc=$?
  if [ $rc != 0 ] && [ -f "$WORK/reporter.log" ]; then
    echo "failed ($rc); reporter log:" >&2; tail -20 "$WORK/reporter.log" >&2
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${NO_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests -Dspotless.check.skip=true \
    -pl status-reporter,deploy/local/simulator -am package)
fi
CP=$(cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -pl status-reporter dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "timed out: $*" >&2; exit 1; }; sleep 0.1; done; }

NATS_PORT=$(free_port); API_PORT=$(free_port); HTTP_PORT=$(free_port)
nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$WORK/nats" >"$WORK/nats.log" 2>&1 &
PIDS+=($!)
"$JAVA" -XX:+UseSerialGC -Xmx512m -cp "$ROOT/deploy/local/simulator/target/spark-relay-simulator.jar" \
  io.sparkrelay.simulator.KubernetesApiServerMain --port "$API_PORT" --namespace spark-team-a >"$WORK/api.log" 2>&1 &
PIDS+=($!)
wait_for 30 curl -s "http://127.0.0.1:$API_PORT/api/v1/namespaces"

URL="http://127.0.0.1:$HTTP_PORT"
LOAD=("$JAVA" -cp "$CP" "$HERE/RunLoad.java" "http://127.0.0.1:$API_PORT" "$URL")
echo -n "written before start: "
"${LOAD[@]}" "$RUNS" "$CALLERS" write 2>/dev/null

"$JAVA" -XX:+UseSerialGC -Xmx256m \
  -Dquarkus.http.port="$HTTP_PORT" -Drelay.nats.url="nats://127.0.0.1:$NATS_PORT" \
  -Dkubernetes.master="http://127.0.0.1:$API_PORT" -Dkubernetes.trust.certificates=true \
  -Dkubernetes.namespace=default -Dkubernetes.auth.token=bench -Dkubernetes.auth.tryKubeConfig=false \
  -Dkubernetes.auth.tryServiceAccount=false -Drelay.watch.workflow-namespaces=default -Drelay.watch.data-namespaces=spark-team-a \
  -Drelay.announce-delay=1s -Dquarkus.log.level=WARN \
  -jar "$ROOT/status-reporter/target/quarkus-app/quarkus-run.jar" >"$WORK/reporter.log" 2>&1 &
REPORTER=$!
PIDS+=($REPORTER)
echo -n "catch-up: "
"${LOAD[@]}" "$RUNS" "$CALLERS" catch-up 2> >(grep -v WARNING >&2)
wait_for 60 curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready"
echo -n "live: "
"${LOAD[@]}" "$RUNS" "$CALLERS" live 2>/dev/null
sleep 2 # the last runs are announced relay.announce-delay after they ended
echo "reporter RSS: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$REPORTER/status)"
curl -s "$URL/q/metrics" | grep -E '^relay_reporter_(runs_total|active_runs|store_failures_total)' || true
