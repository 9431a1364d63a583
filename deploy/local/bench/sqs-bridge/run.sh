#!/usr/bin/env bash
# sqs-bridge throughput: drains N messages (default 10000) from ElasticMQ through a real bridge process
# into JetStream, and prints beside it ElasticMQ's own receive+delete rate measured in the same run.
# Usage: deploy/local/bench/sqs-bridge/run.sh [messages] [pollers]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
./mvnw -B -q -DskipTests -pl sqs-bridge,deploy/local/bench -am install
cp=$(./mvnw -B -q -pl deploy/local/bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "deploy/local/bench/target/classes:$cp" io.sparkrelay.bench.BridgeThroughputBenchmark \
  sqs-bridge/target/quarkus-app/quarkus-run.jar "${1:-10000}" "${2:-4}"
