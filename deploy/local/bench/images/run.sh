#!/usr/bin/env bash
# The services as images against the services as plain JVM processes, on the local chain (deploy/local/run.sh):
#   image size per service; start to ready (the service's process killed, run.sh --restart-crashed starting it
#   again as a kubelet would, until /q/health/ready answers 200); the resident set of each service's JVM idle and
#   at its peak under load, and for containers the cgroup's memory use against the chart's limit.
# Load: MESSAGES {"job":"pi"} messages sent at RATE per second (each a whole simulated run).
# Prints a table and writes deploy/local/bench/images/latest.json. Needs the jars and the images built
# (./mvnw -B package -DskipTests -Dimages) and what run.sh --containers needs.
# Usage: deploy/local/bench/images/run.sh [messages=300] [rate-per-s=10]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
ROOT=$PWD
OUT="$ROOT/deploy/local/bench/images/latest.json"
RUN_DIR="$ROOT/deploy/local/bench/images/.run"
MESSAGES=${1:-300}
RATE=${2:-10}
SERVICES=(sqs-bridge workflow-launcher spark-submitter status-reporter)
PORT_BASE=${PORT_BASE:-18400}
declare -A PORT=([sqs-bridge]=$PORT_BASE [workflow-launcher]=$((PORT_BASE + 1)) [spark-submitter]=$((PORT_BASE + 2)) [status-reporter]=$((PORT_BASE + 3)))

chain=
stop_chain() {
  [ -n "$chain" ] || return 0
  kill -TERM "$chain" 2>/dev/null || true
  wait "$chain" 2>/dev/null || true
  chain=
}
trap stop_chain EXIT

now_ms() { date +%s%3N; }
ready() { curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:${PORT[$1]}/q/health/ready"; }

# the pid of a service's JVM: the process itself, or a container's init
jvm_pid() {
  local service=$1 mode=$2
  if [ "$mode" = container ]; then
    podman container inspect --format '{{.State.Pid}}' "spark-relay-$service-${PORT[$service]}" 2>/dev/null
  else
    pgrep -f -- "-jar $ROOT/$service/target/quarkus-app/quarkus-run.jar" | head -n 1
  fi
}
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
cgroup_mib() {
  podman container stats --no-stream --no-reset --format '{{.MemUsage}}' "spark-relay-$1-${PORT[$1]}" 2>/dev/null |
    awk '{ v = $1; u = v; gsub(/[0-9.]/, "", u); gsub(/[^0-9.]/, "", v);
           f = (u == "GB") ? 1000 * 1000 * 1000 : (u == "MB") ? 1000 * 1000 : (u == "kB") ? 1000 : 1;
           printf "%d", v * f / 1048576 }'
}

send() {
  local queue=$1 sent=0 started=$SECONDS
  while [ "$sent" -lt "$MESSAGES" ]; do
    curl -sf -o /dev/null "$queue" --data-urlencode Action=SendMessage --data-urlencode 'MessageBody={"job":"pi"}' &
    sent=$((sent + 1))
    if [ $((sent % RATE)) -eq 0 ]; then
      wait
      local due=$((started + sent / RATE))
      while [ $SECONDS -lt $due ]; do sleep 0.05; done
    fi
  done
  wait
}

declare -A ROW
measure() {
  local mode=$1
  shift
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR"
  deploy/local/run.sh --no-build --no-demo --restart-crashed --port-base "$PORT_BASE" --run-dir "$RUN_DIR" \
    --step-delay-ms 100 --driver-run-ms 500 "$@" >"$RUN_DIR/chain.out" 2>&1 &
  chain=$!
  for _ in $(seq 1 180); do
    [ -s "$RUN_DIR/ready" ] && break
    kill -0 "$chain" 2>/dev/null || { tail -n 30 "$RUN_DIR/chain.out" >&2; exit 1; }
    sleep 1
  done
  [ -s "$RUN_DIR/ready" ] || { echo "chain not ready after 180 s" >&2; exit 1; }
  sleep 10 # settle before the idle reading
  local service
  for service in "${SERVICES[@]}"; do
    ROW[$mode,$service,idle_rss]=$(rss_mib "$(jvm_pid "$service" "$mode")")
    [ "$mode" != container ] || ROW[$mode,$service,idle_cgroup]=$(cgroup_mib "$service")
    ROW[$mode,$service,peak_rss]=0
    ROW[$mode,$service,peak_cgroup]=0
  done
  local queue
  queue=$(sed -n 's/^QUEUE_URL=//p' "$RUN_DIR/ready")
  send "$queue" &
  local sender=$!
  while kill -0 "$sender" 2>/dev/null; do
    for service in "${SERVICES[@]}"; do
      local rss cg
      rss=$(rss_mib "$(jvm_pid "$service" "$mode")")
      [ "$rss" -le "${ROW[$mode,$service,peak_rss]}" ] || ROW[$mode,$service,peak_rss]=$rss
      if [ "$mode" = container ]; then
        cg=$(cgroup_mib "$service")
        [ "${cg:-0}" -le "${ROW[$mode,$service,peak_cgroup]}" ] || ROW[$mode,$service,peak_cgroup]=$cg
      fi
    done
    sleep 1
  done
  wait "$sender"
  # start to ready, one service at a time
  for service in "${SERVICES[@]}"; do
    local pid started
    pid=$(jvm_pid "$service" "$mode")
    started=$(now_ms)
    kill -KILL "$pid"
    while ready "$service"; do sleep 0.05; done
    until ready "$service"; do sleep 0.05; done
    ROW[$mode,$service,start_ms]=$(($(now_ms) - started))
  done
  stop_chain
}

measure process
measure container --containers

limit_mib=$(( $(sed -n 's/.*--memory=\([0-9]*\).*/\1/p' <("${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp deploy/local/simulator/target/spark-relay-simulator.jar \
  io.sparkrelay.simulator.kubelet.PodmanRunMain deploy/local/containers/deployments.yaml sqs-bridge 2>/dev/null)) / 1048576 ))
{
  printf '{\n  "date": "%s",\n  "machine": "%s cores, %s",\n  "load": "%d {\\"job\\":\\"pi\\"} messages at %d/s",\n  "services": [\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$(uname -m)" "$MESSAGES" "$RATE"
  first=1
  for service in "${SERVICES[@]}"; do
    size=$(podman image inspect --format '{{.Size}}' "ghcr.io/spark-relay/$service:$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' deploy/helm/spark-relay/Chart.yaml)")
    [ $first -eq 1 ] || printf ',\n'
    first=0
    printf '    {"service": "%s", "imageMiB": %d, "memoryLimitMiB": %d,\n' "$service" $((size / 1048576)) "$limit_mib"
    printf '     "process": {"startToReadyMs": %d, "idleRssMiB": %d, "peakRssMiB": %d},\n' \
      "${ROW[process,$service,start_ms]}" "${ROW[process,$service,idle_rss]}" "${ROW[process,$service,peak_rss]}"
    printf '     "container": {"startToReadyMs": %d, "idleRssMiB": %d, "peakRssMiB": %d, "idleCgroupMiB": %d, "peakCgroupMiB": %d}}' \
      "${ROW[container,$service,start_ms]}" "${ROW[container,$service,idle_rss]}" "${ROW[container,$service,peak_rss]}" \
      "${ROW[container,$service,idle_cgroup]}" "${ROW[container,$service,peak_cgroup]}"
  done
  printf '\n  ]\n}\n'
} >"$OUT"

printf '\n%-18s %9s | %-28s | %-52s\n' "" "image" "JVM process (run.sh)" "container (run.sh --containers, limit ${limit_mib} MiB)"
printf '%-18s %9s | %9s %8s %8s | %9s %8s %8s %11s %11s\n' service MiB "ready ms" "idle RSS" "peak RSS" "ready ms" "idle RSS" "peak RSS" "idle cgroup" "peak cgroup"
for service in "${SERVICES[@]}"; do
  size=$(podman image inspect --format '{{.Size}}' "$(deploy/images/build.sh --print-names "$service")")
  printf '%-18s %9d | %9d %8d %8d | %9d %8d %8d %11d %11d\n' "$service" $((size / 1048576)) \
    "${ROW[process,$service,start_ms]}" "${ROW[process,$service,idle_rss]}" "${ROW[process,$service,peak_rss]}" \
    "${ROW[container,$service,start_ms]}" "${ROW[container,$service,idle_rss]}" "${ROW[container,$service,peak_rss]}" \
    "${ROW[container,$service,idle_cgroup]}" "${ROW[container,$service,peak_cgroup]}"
done
echo "(MiB; RSS of the service's JVM; cgroup = the container's memory use as podman reports it, page cache included)"
echo "wrote $OUT"
