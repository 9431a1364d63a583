#!/usr/bin/env bash
# Chaos that never stops (issue 18): the local chain with two replicas of every service and a three-node NATS
# cluster (deploy/local/run.sh --replicas 2 --nats-cluster --restart-crashed) takes a steady stream of messages
# while one fault after another hits it, then every promise is checked. See deploy/local/chaos/README.md.
#
#   deploy/local/chaos/run.sh                       # 10,000 messages at 50/s, a fault every 20-30 s
#   deploy/local/chaos/run.sh --messages 1000 --rate 10 --seed 7 --prometheus
#
# The driver and its checks are Java (io.sparkrelay.chain.NeverStoppingChaos in deploy/local/chain's tests, the
# code the CI-sized NeverStoppingChaosTest runs); this script builds what it needs and runs it. Exit status 0
# when every promise held, 1 when one did not (the report says which), 2 for a wrong option.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CHAIN="$ROOT/deploy/local/chain"
BUILD=1
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h | --help)
      echo "deploy/local/chaos/run.sh [--no-build] [options of the driver]"
      echo "  --no-build            use the jars and test classes already built"
      BUILD=0
      ARGS+=(--help)
      ;;
    *) ARGS+=("$arg") ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || { echo "no java: install a JDK >= 21 and set JAVA_HOME" >&2; exit 1; }
if [ "$BUILD" -eq 1 ]; then
  echo "Building the services, the simulator and the chain's test classes (./mvnw package, tests skipped)"
  (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests \
    -pl sqs-bridge,workflow-launcher,spark-submitter,status-reporter,deploy/local/simulator,deploy/local/chain -am \
    package)
fi
[ -f "$CHAIN/target/test-classpath.txt" ] && [ -d "$CHAIN/target/test-classes" ] ||
  { echo "deploy/local/chain is not built (run without --no-build)" >&2; exit 1; }

cd "$ROOT"
exec "$JAVA" -Xmx512m -cp "$CHAIN/target/test-classes:$(cat "$CHAIN/target/test-classpath.txt")" \
  io.sparkrelay.chain.NeverStoppingChaosMain "${ARGS[@]}"
