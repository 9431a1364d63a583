#!/usr/bin/env bash
# What JetStream's fsync policy costs (issue 18): publish latency and throughput of a stream with 3 replicas on a
# three-node nats-server cluster on loopback, once with the default (sync_interval 2 minutes: data reaches the
# disk when the OS writes it back, or at the next sync) and once with `sync_interval: always` (every write is
# fsynced before it is acknowledged). Prints a table and writes latest.json next to this script.
#
#   deploy/local/bench/nats/run.sh [messages=5000] [payload-bytes=512] [window=64] [rounds=3]
#
# Environment: NATS_SERVER_BIN (default: Debian trixie's 2.10.x through fetch-nats-server.sh; 2.9 knows no
# sync_interval), JAVA_HOME (JDK >= 21), STORE_DIR (where the three stores go, default a new directory under
# /var/tmp: the disk being measured, not a tmpfs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/deploy/local/bench/nats"
MESSAGES=${1:-5000}
PAYLOAD=${2:-512}
WINDOW=${3:-64}
ROUNDS=${4:-3}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
NATS_SERVER=${NATS_SERVER_BIN:-$("$HERE/fetch-nats-server.sh")}
JNATS_VERSION=$(sed -n 's:.*<jnats.version>\(.*\)</jnats.version>.*:\1:p' "$ROOT/pom.xml")
JNATS="${MAVEN_REPO:-$HOME/.m2/repository}/io/nats/jnats/$JNATS_VERSION/jnats-$JNATS_VERSION.jar"
[ -f "$JNATS" ] || (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} dependency:get -Dartifact="io.nats:jnats:$JNATS_VERSION")
WORK=${STORE_DIR:-$(mktemp -d /var/tmp/spark-relay-nats-bench.XXXXXX)}
PIDS=()
stop_nodes() {
  [ ${#PIDS[@]} -eq 0 ] && return
  kill "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  PIDS=()
}
trap 'stop_nodes; rm -rf "$WORK"' EXIT

free_ports() { python3 -c 'import socket
ss=[socket.socket() for _ in range(9)]
[s.bind(("127.0.0.1",0)) for s in ss]
print(" ".join(str(s.getsockname()[1]) for s in ss))'; }

# start_cluster MODE: three nodes, JetStream on each with its own store; MODE "always" adds sync_interval: always
start_cluster() {
  local mode=$1 ports k j routes sync=""
  read -r -a ports <<<"$(free_ports)"
  [ "$mode" = always ] && sync="sync_interval: always"
  URLS=""
  for k in 0 1 2; do
    routes=""
    for j in 0 1 2; do [ "$j" -eq "$k" ] || routes+="${routes:+, }nats-route://127.0.0.1:${ports[$((j * 3 + 2))]}"; done
    rm -rf "$WORK/$mode-$k" && mkdir -p "$WORK/$mode-$k"
    cat >"$WORK/$mode-$k.conf" <<CONF
server_name: n$k
host: 127.0.0.1
port: ${ports[$((k * 3))]}
http: "127.0.0.1:${ports[$((k * 3 + 1))]}"
jetstream { store_dir: "$WORK/$mode-$k", $sync }
cluster { name: bench, host: 127.0.0.1, port: ${ports[$((k * 3 + 2))]}, routes: [ $routes ] }
CONF
    "$NATS_SERVER" -c "$WORK/$mode-$k.conf" >"$WORK/$mode-$k.log" 2>&1 &
    PIDS+=($!)
    URLS+="${URLS:+,}nats://127.0.0.1:${ports[$((k * 3))]}"
  done
  for k in 0 1 2; do
    local deadline=$((SECONDS + 30))
    until curl -sf "http://127.0.0.1:${ports[$((k * 3 + 1))]}/healthz" >/dev/null; do
      [ $SECONDS -lt $deadline ] || { tail "$WORK/$mode-$k.log" >&2; echo "node $k not healthy" >&2; exit 1; }
      sleep 0.2
    done
  done
}

version=$("$NATS_SERVER" --version | sed 's/^nats-server: //')
disk=$(df -hT "$WORK" | awk 'NR==2 {print $2 " on " $7}')
echo "nats-server $version, stores on $disk ($WORK); $MESSAGES messages of $PAYLOAD bytes, window $WINDOW, $ROUNDS rounds"
RESULTS=()
for round in $(seq 1 "$ROUNDS"); do
  for mode in default always; do
    start_cluster "$mode"
    RESULTS+=("$("$JAVA" -cp "$JNATS" "$HERE/JetStreamDurability.java" "$URLS" "$mode" "$MESSAGES" "$PAYLOAD" "$WINDOW")")
    stop_nodes
    echo "  round $round $mode: ${RESULTS[-1]}"
  done
done

python3 - "$version" "$disk" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)" "$HERE/latest.json" "${RESULTS[@]}" <<'PY'
import json, statistics, sys
version, disk, cores, date, out, *lines = sys.argv[1:]
rows = [json.loads(line) for line in lines]
table = []
print()
print(f"| fsync policy | publishes/s one at a time | PubAck p50 / p90 / p99 / max (ms) | publishes/s, window {rows[0]['window']} |")
print("|---|---:|---|---:|")
for mode, name in (("default", "default (sync_interval 2m)"), ("always", "sync_interval: always")):
    mine = [r for r in rows if r["label"] == mode]
    med = lambda key: statistics.median(r[key] for r in mine)
    row = {"policy": name, "rounds": len(mine), "syncPerSecond": med("syncPerSecond"), "p50Ms": med("p50Ms"),
           "p90Ms": med("p90Ms"), "p99Ms": med("p99Ms"), "maxMs": max(r["maxMs"] for r in mine),
           "windowedPerSecond": med("windowedPerSecond"),
           "windowedRange": [min(r["windowedPerSecond"] for r in mine), max(r["windowedPerSecond"] for r in mine)]}
    table.append(row)
    print(f"| {name} | {row['syncPerSecond']:.0f} | {row['p50Ms']:.2f} / {row['p90Ms']:.2f} / {row['p99Ms']:.2f} / {row['maxMs']:.1f} "
          f"| {row['windowedPerSecond']:.0f} ({row['windowedRange'][0]:.0f}-{row['windowedRange'][1]:.0f}) |")
print(f"\nmedians of {table[0]['rounds']} rounds; nats-server {version}, 3 nodes on loopback, stream R3 file storage, "
      f"{rows[0]['messages']} messages of {rows[0]['payloadBytes']} bytes per measure; {cores} cores; stores on {disk}; {date}")
json.dump({"date": date, "natsServer": version, "cores": int(cores), "disk": disk, "rows": table, "runs": rows},
          open(out, "w"), indent=2)
print(f"written {out}")
PY
