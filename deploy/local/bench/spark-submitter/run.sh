#!/usr/bin/env bash
# spark-submitter throughput and latency: a packaged submitter against the fabric8 mock API server (as a process)
# and a real nats-server. Sends N submit requests (new applications, 201), then the same N again (idempotent
# answers, 200), with C concurrent callers; prints req/s and latency percentiles of each pass, the submitter's
# start-up time and its resident memory.
# Usage: deploy/local/bench/spark-submitter/run.sh [requests=2000] [callers=8]
# Environment: JAVA_HOME (JDK >= 21), MVN_ARGS (e.g. -o), NO_BUILD=1 to use the jars already built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/deploy/local/bench/spark-submitter"
REQUESTS=${1:-2000}
CALLERS=${2:-8}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${NO_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests -Dspotless.check.skip=true \
    -pl spark-submitter,deploy/local/simulator -am package)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "timed out: $*" >&2; exit 1; }; sleep 0.1; done; }

NATS_PORT=$(free_port); API_PORT=$(free_port); HTTP_PORT=$(free_port)
nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$WORK/nats" >"$WORK/nats.log" 2>&1 &
PIDS+=($!)
"$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$ROOT/deploy/local/simulator/target/spark-relay-simulator.jar" \
  io.sparkrelay.simulator.KubernetesApiServerMain --port "$API_PORT" --namespace spark-team-a \
  --namespace argo-workflows >"$WORK/api.log" 2>&1 &
PIDS+=($!)
wait_for 30 curl -s "http://127.0.0.1:$API_PORT/api/v1/namespaces"

# the credential the WorkflowTemplate's http step would send, as a JVM argument file (not in the process list)
CREDENTIAL=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && printf -- '-Drelay.auth.credentials=%s\n' "$CREDENTIAL" >"$WORK/credential.args")
started=$(date +%s%N)
"$JAVA" -XX:+UseSerialGC -Xmx256m \
  -Dquarkus.http.port="$HTTP_PORT" -Drelay.nats.url="nats://127.0.0.1:$NATS_PORT" \
  -Dkubernetes.master="http://127.0.0.1:$API_PORT" -Dkubernetes.trust.certificates=true \
  -Dkubernetes.namespace=default -Dkubernetes.auth.token=bench -Dkubernetes.auth.tryKubeConfig=false \
  -Dkubernetes.auth.tryServiceAccount=false \
  -Drelay.admission.max-active-per-namespace=5000 -Dquarkus.log.level=WARN \
  @"$WORK/credential.args" \
  -jar "$ROOT/spark-submitter/target/quarkus-app/quarkus-run.jar" >"$WORK/submitter.log" 2>&1 &
SUBMITTER=$!
PIDS+=($SUBMITTER)
wait_for 60 curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready"
echo "spark-submitter ready in $(( ($(date +%s%N) - started) / 1000000 )) ms (JVM, -Xmx256m, SerialGC)"

URL="http://127.0.0.1:$HTTP_PORT"
API="http://127.0.0.1:$API_PORT"
"$JAVA" "$HERE/SubmitLoad.java" "$URL" 200 4 warmup "$API" "$CREDENTIAL" >/dev/null
echo -n "create (201):     "; "$JAVA" "$HERE/SubmitLoad.java" "$URL" "$REQUESTS" "$CALLERS" bench "$API" "$CREDENTIAL"
echo -n "idempotent (200): "; "$JAVA" "$HERE/SubmitLoad.java" "$URL" "$REQUESTS" "$CALLERS" bench "$API" "$CREDENTIAL"
echo "submitter RSS: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$SUBMITTER/status)"
curl -s "$URL/q/metrics" | grep -E '^relay_submitter_(create_seconds_(count|sum)|events_total|submissions_total)' || true
