#!/usr/bin/env bash
# Throughput benchmark of workflow-launcher: events pre-loaded in RELAY_EVENTS -> Workflows created
# in the fabric8 mock API server by the packaged launcher (its own JVM). Prints events/s, create
# latency p50/p99 and the launcher's CPU time.
#
#   deploy/local/bench/workflow-launcher/run.sh [events=20000] [workers=64] [crud|answer]
#
# LauncherBenchmark.java beside this script is a single-file program run on the launcher's test
# classpath (test kit, API stand-in, jnats, CloudEvents), built here with the package.
# Needs nats-server on PATH (apt-get install nats-server). Builds through the shared build lock.
# Environment: JAVA_HOME (JDK >= 21), MVN_ARGS (e.g. -o).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/deploy/local/bench/workflow-launcher"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
EVENTS="${1:-20000}"
WORKERS="${2:-64}"
API="${3:-crud}"
MODULE=workflow-launcher

# the package and, in the same reactor (so the test kit needs no install), the test classpath
flock /tmp/spark-relay-build.lock ./mvnw -B -q ${MVN_ARGS:-} -pl "$MODULE" -am package \
  dependency:build-classpath -DskipTests -Dspotless.check.skip=true -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

CP="$(cat "$MODULE/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -cp "$CP" "$HERE/LauncherBenchmark.java" \
  "$MODULE/target/quarkus-app/quarkus-run.jar" "$EVENTS" "$WORKERS" "$API"
