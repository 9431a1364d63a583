#!/usr/bin/env bash
# Throughput benchmark of workflow-launcher: events pre-loaded in RELAY_EVENTS -> Workflows created
# in the fabric8 mock API server by the packaged launcher (its own JVM). Prints events/s, create
# latency p50/p99 and the launcher's CPU time.
#
#   deploy/local/bench/workflow-launcher/run.sh [events=20000] [workers=64] [crud|answer]
#
# Needs nats-server on PATH (apt-get install nats-server). Builds through the shared build lock.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
EVENTS="${1:-20000}"
WORKERS="${2:-64}"
API="${3:-crud}"
MODULE=workflow-launcher

flock /tmp/spark-relay-build.lock ./mvnw -B -q ${MVN_ARGS:-} -pl "$MODULE" -am package \
  dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -cp "$CP" io.sparkrelay.launcher.bench.LauncherBenchmark \
  "$MODULE/target/quarkus-app/quarkus-run.jar" "$EVENTS" "$WORKERS" "$API"
