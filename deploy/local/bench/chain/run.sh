#!/usr/bin/env bash
# Whole-chain benchmark, in two phases on the local chain (deploy/local/run.sh, jars already built):
#   cluster     the fabric8 CRUD stand-in and the cluster simulator: footprint, start times, latency to
#               the Workflow and to the run's end, Kubernetes API calls per run by service and verb;
#   relay only  --workflows-not-stored (the stand-in answers Workflow creates and stores nothing):
#               latency to the Workflow create, throughput of a pre-loaded SQS backlog, CPU and RSS.
# Prints one table and writes it to deploy/local/bench/chain/latest.json (a phase run alone replaces its own rows).
# Usage: deploy/local/bench/chain/run.sh [throughput-messages=10000] [latency-rate-per-s=50] [latency-seconds=20]
# Environment: RELAY_JAVA_OPTS (JVM options of the services), PORT_BASE (default 18300), MVN_ARGS,
# PHASES (default "cluster relay"), REPLICAS (instances of each service in the relay-only phase, default 1:
# with 2 or more its rows are marked, and the start and idle rows, which need one instance, are left out),
# PROFILE (set: the relay-only phase runs the backlog once more under JFR in every JVM; recordings and
# their hottest methods in .run/profiles/).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
ROOT=$PWD
RUN_DIR="$ROOT/deploy/local/bench/chain/.run"
OUT="$ROOT/deploy/local/bench/chain/latest.json"
./mvnw -B -q ${MVN_ARGS:-} -DskipTests -pl deploy/local/bench -am install
cp=$(./mvnw -B -q ${MVN_ARGS:-} -pl deploy/local/bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)

# Lift the chain's own brakes so the figures show the machinery, not the configured limits.
export RELAY_ADMISSION_MAX_ACTIVE_PER_NAMESPACE=5000 # the most the admission ledger holds per namespace
export RELAY_LIMITS_CREATES_PER_SECOND=0
# 0: no cap, so no admission ledger either (its one entry lists every unfinished Workflow: at a
# cap of 100,000 it outgrew NATS' 1 MiB payload after about 12,000 and the launcher stalled)
export RELAY_LIMITS_MAX_UNFINISHED_WORKFLOWS=0

chain=
stop_chain() {
  [ -n "$chain" ] || return 0
  kill -TERM "$chain" 2>/dev/null || true
  wait "$chain" 2>/dev/null || true
  chain=
}
trap stop_chain EXIT

# phase NAME [run.sh options...]: starts the chain, runs ChainBenchmark's phase NAME on it, stops it
phase() {
  local name=$1
  shift
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR"
  deploy/local/run.sh --no-build --no-demo --port-base "${PORT_BASE:-18300}" --run-dir "$RUN_DIR" \
    --step-delay-ms 100 --driver-run-ms 500 "$@" >"$RUN_DIR/chain.out" 2>&1 &
  chain=$!
  for _ in $(seq 1 180); do
    [ -s "$RUN_DIR/ready" ] && break
    kill -0 "$chain" 2>/dev/null || { tail -n 30 "$RUN_DIR/chain.out" >&2; exit 1; }
    sleep 1
  done
  [ -s "$RUN_DIR/ready" ] || { echo "chain not ready after 180 s" >&2; exit 1; }
  sleep 5 # let the services settle before the idle RSS reading
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "deploy/local/bench/target/classes:$cp" io.sparkrelay.bench.ChainBenchmark \
    "$RUN_DIR" "$OUT" "$name" "$MESSAGES" "$RATE" "$SECONDS_AT_RATE"
  stop_chain
}

MESSAGES=${1:-10000}
RATE=${2:-50}
SECONDS_AT_RATE=${3:-20}
for name in ${PHASES:-cluster relay}; do
  case "$name" in
    cluster) phase cluster ;;
    relay) phase relay --workflows-not-stored --replicas "${REPLICAS:-1}" ;;
    *) echo "unknown phase $name (cluster, relay)" >&2; exit 2 ;;
  esac
done
