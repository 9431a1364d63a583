#!/usr/bin/env bash
# Readiness under a burst: starts the local stack, sends N messages (default 200) as fast as curl can, and
# probes /q/health/ready of the launcher and the reporter every 250 ms with a 1 s timeout (as a kubelet
# would) while the burst is worked off. Prints a table and JSON: probes, answers that were not 200, slowest
# answer. Uses the jars already built (run ./mvnw -B install -DskipTests first).
# Usage: deploy/local/bench/readiness/run.sh [messages] [seconds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
messages="${1:-200}" seconds="${2:-40}" base=8190
run_dir="$(mktemp -d)"
"$root/deploy/local/run.sh" --no-build --no-demo --port-base "$base" --run-dir "$run_dir" >"$run_dir/run.log" 2>&1 &
stack=$!
trap 'kill -TERM "$stack" 2>/dev/null; wait "$stack" 2>/dev/null; rm -rf "$run_dir"' EXIT
for _ in $(seq 1 120); do [ -s "$run_dir/ready" ] && break; sleep 1; done
[ -s "$run_dir/ready" ] || { tail -20 "$run_dir/run.log"; echo "stack not ready" >&2; exit 1; }
# shellcheck disable=SC1091
source "$run_dir/ready"

probe() { # name url -> one line per probe: code seconds
  local end=$((SECONDS + seconds))
  while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -m 1 -w '%{http_code} %{time_total}\n' "$2/q/health/ready" || echo "000 1.0"
    sleep 0.25
  done >"$run_dir/probe-$1"
}
probe workflow-launcher "$LAUNCHER_URL" &
probes=($!)
probe status-reporter "$REPORTER_URL" &
probes+=($!)
seq 1 "$messages" | xargs -P 8 -I{} curl -s -o /dev/null "$SQS_ENDPOINT/" --data-urlencode Action=SendMessage \
  --data-urlencode "QueueUrl=$QUEUE_URL" --data-urlencode 'MessageBody={"job":"pi","n":{}}'
wait "${probes[@]}"

printf '%-18s %7s %9s %10s %14s\n' service probes "not 200" "p50 (ms)" "slowest (ms)"
json="{\"messages\":$messages,\"seconds\":$seconds,\"services\":{"
sep=""
for name in workflow-launcher status-reporter; do
  read -r probes bad slowest < <(awk '{n++; if ($1 != "200") b++; if ($2 > m) m = $2} END {printf "%d %d %d\n", n, b, m * 1000}' "$run_dir/probe-$name")
  p50=$(sort -n -k2 "$run_dir/probe-$name" | awk '{a[NR] = $2} END {printf "%d", a[int((NR + 1) / 2)] * 1000}')
  printf '%-18s %7d %9d %10d %14d\n' "$name" "$probes" "$bad" "$p50" "$slowest"
  json="$json$sep\"$name\":{\"probes\":$probes,\"notReady\":$bad,\"p50Ms\":$p50,\"slowestMs\":$slowest}"
  sep=","
done
echo "$json}}"
grep -h "readiness .* DOWN" "$run_dir"/logs/*.log || echo "no readiness check went DOWN (services' logs)"
