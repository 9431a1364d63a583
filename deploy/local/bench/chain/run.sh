#!/usr/bin/env bash
# Whole-chain benchmark: starts the local chain (deploy/local/run.sh, jars already built), then measures
# latency at a steady rate, throughput of a pre-loaded SQS backlog, and each service's RSS and start time.
# Prints one table and writes it to deploy/local/bench/chain/latest.json.
# Usage: deploy/local/bench/chain/run.sh [throughput-messages] [latency-rate-per-s] [latency-seconds]
# Environment: RELAY_JAVA_OPTS (JVM options of the services), PORT_BASE (default 18300).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
ROOT=$PWD
RUN_DIR="$ROOT/deploy/local/bench/chain/.run"
OUT="$ROOT/deploy/local/bench/chain/latest.json"
./mvnw -B -o -q -DskipTests -pl deploy/local/bench -am install
cp=$(./mvnw -B -o -q -pl deploy/local/bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)

# Lift the chain's own brakes so the figures show the machinery, not the configured limits.
export RELAY_ADMISSION_MAX_ACTIVE_PER_NAMESPACE=100000
export RELAY_LIMITS_CREATES_PER_SECOND=0
export RELAY_LIMITS_MAX_UNFINISHED_WORKFLOWS=100000
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
deploy/local/run.sh --no-build --no-demo --port-base "${PORT_BASE:-18300}" --run-dir "$RUN_DIR" \
  --step-delay-ms 100 --driver-run-ms 500 >"$RUN_DIR/chain.out" 2>&1 &
chain=$!
trap 'kill -TERM $chain 2>/dev/null; wait $chain 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  [ -s "$RUN_DIR/ready" ] && break
  kill -0 $chain 2>/dev/null || { tail -n 30 "$RUN_DIR/chain.out" >&2; exit 1; }
  sleep 1
done
[ -s "$RUN_DIR/ready" ] || { echo "chain not ready after 180 s" >&2; exit 1; }
sleep 5 # let the services settle before the idle RSS reading
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "deploy/local/bench/target/classes:$cp" io.sparkrelay.bench.ChainBenchmark \
  "$RUN_DIR" "$OUT" "${1:-10000}" "${2:-50}" "${3:-20}"
