#!/usr/bin/env bash
# The whole Spark Relay chain on this machine, with one command: ElasticMQ (SQS), nats-server (JetStream),
# the fabric8 mock Kubernetes API server, the cluster SIMULATOR (Argo controller, Spark Operator, kubelet)
# and the four services as separate processes. Then a sample message, followed stage by stage.
# Ctrl-C stops everything this script started. See deploy/local/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/local/run.sh [options]

Builds what it needs, starts the local chain, sends sample messages and shows each run stage by stage until it
ends, then keeps running until Ctrl-C (which stops every process it started).

  --no-build            use the jars already built (sqs-bridge, workflow-launcher, spark-submitter,
                        status-reporter, deploy/local/simulator, deploy/local/chain)
  --no-demo             send nothing: start the chain, print the endpoints, wait for Ctrl-C
  --exit-after-demo     stop everything once the sample runs ended (exit status 1 if a run did not end)
  --message JSON        a message body to send instead of the samples (repeatable)
  --port-base N         first of the ports used (default 8090), in rows of ten: row 0 has the services'
                        instance 0 on N..N+3 (sqs-bridge, workflow-launcher, spark-submitter,
                        status-reporter), ElasticMQ N+4, the Kubernetes API N+5, NATS N+6 (monitoring N+7,
                        cluster route N+8), Prometheus N+9; row i (N+10*i) has instance i of each service
                        and NATS node i at the same offsets (e.g. sqs-bridge-1 on N+10, nats-2 on N+26)
  --replicas N          N instances of each service (default 1, at most 9), each on its own port (rows
                        above); instance 0 is named after its service (logs/sqs-bridge.log), instance i
                        <service>-i (logs/sqs-bridge-1.log). The ready file lists every instance
                        (BRIDGE_URLS, ...); the WorkflowTemplate's submitter address is spread round-robin
                        over the submitter instances by the simulator (one refusing connections is
                        skipped, as a Service skips an endpoint that is not ready)
  --nats-cluster        three nats-server processes clustered on loopback (nats, nats-1, nats-2: JetStream
                        on each with its own store, the same TLS and users; routes on loopback with their
                        own random credentials, no_advertise so clients keep the URLs they were given);
                        the services get all three URLs and relay.nats.replicas=3, so every stream and
                        the KV bucket are stored on three servers
  --nats-max-payload N  nats-server's max_payload in bytes (default its own, 1 MB, above SQS' 256 KB); lower,
                        a large SQS message is one the bridge cannot hand on (its dead-letter notice)
  --nats-url NAME=URLS  the NATS URL(s) instance NAME connects to instead (repeatable; e.g. through a proxy
                        that can cut it off, as deploy/local/chaos does)
  --step-delay-ms N     reaction time of each simulated controller (default 300)
  --driver-run-ms N     how long a simulated Spark driver runs (default 1500)
  --run-dir DIR         logs and state (default deploy/local/.run)
  --workflows-not-stored
                        the API stand-in answers Workflow creates 201 and stores nothing, so no run goes
                        past its Workflow (benchmarks the relay's own pace; use with --no-demo)
  --containers          run the four services as their images (deploy/images; build them with
                        ./mvnw package -DskipTests -Dimages) under podman, each as the chart's Deployment
                        says (deploy/local/containers/deployments.yaml): user 185, read-only root, no
                        capabilities, no privilege escalation, /tmp tmpfs of the chart's size, the chart's
                        memory limit and CPU request; its readiness probe is run as the kubelet would
  --restart-crashed     start a process again when it dies, with the same command, as a kubelet
                        restarts a crashed container (the chaos tests kill processes on purpose);
                        without it, run.sh stops everything when one process dies
  --prometheus          also start Prometheus (Debian's package: apt-get install -y prometheus; or
                        PROMETHEUS_BIN) on N+9, scraping every service instance every 5 s, with the
                        chart's alert rules loaded (helm template of deploy/helm/spark-relay with the
                        PrometheusRule on, its spec.groups; checked by promtool first); PROMETHEUS_URL in
                        the ready file
  -h, --help            this text

Environment: JAVA_HOME (a JDK >= 21), NATS_SERVER_BIN (nats-server if not on PATH), RELAY_JAVA_OPTS (JVM options
of the service processes, default "-XX:+UseSerialGC -Xms16m -Xmx96m -Xss512k -XX:TieredStopAtLevel=1
-XX:ReservedCodeCacheSize=32m -XX:TrimNativeHeapInterval=2000"), RELAY_CDS (default on: a class-data archive per service, in its target/;
off: none), RELAY_STAND_IN_JAVA_OPTS (JVM options of the API stand-in and the simulator, default
"-XX:+UseSerialGC -Xmx512m"), MVN_ARGS (extra ./mvnw arguments, e.g. -o), RELAY_RULES_FILE (the launcher's trigger
rules, a path or classpath:<resource>; default deploy/local/overlay/rules.yaml; each rule of spark-relay-spark-job
must pass the scenario parameter, or spark-submitter refuses the label the local template sends).

Sample messages (the trigger rules of workflow-launcher pick the job by the "job" field; "scenario" is the local
stack's own knob, which deploy/local/overlay adds to the production WorkflowTemplate and rules):
  {"job":"pi"}                                          Spark Pi, ends COMPLETED
  {"job":"taxi-trip","input":"s3://spark-relay-data/taxi-trip/input/","output":"s3://spark-relay-data/taxi-trip/output/"}
  {"job":"pi","scenario":"oom"}                         driver OOMKilled (exit 137), ends FAILED
  {"job":"pi","scenario":"image-pull"}                  driver stuck in ImagePullBackOff, ends FAILED
  not json                                              no rule can read it: ends DEAD_LETTERED, with the reason
  {"job":"unknown"}                                     no rule matches: ends FILTERED, with the rules it met
  {"job":"pi","executors":"50"}                         over the submitter's max-executors: ends REFUSED
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/deploy/local"
RUN_DIR="$LOCAL/.run"
BUILD=1
DEMO=1
EXIT_AFTER_DEMO=0
RESTART_CRASHED=0
CONTAINERS=0
PORT_BASE=8090
STEP_DELAY_MS=300
DRIVER_RUN_MS=1500
MESSAGES=()
REPLICAS=1
NATS_CLUSTER=0
PROMETHEUS=0
NATS_MAX_PAYLOAD=""
declare -A NATS_URL_OF=()

# Small heaps, serial GC and the C1 compiler only: each service idles at about 120-130 MB and starts in about a
# second; C2 (drop -XX:TieredStopAtLevel=1) buys peak throughput for more memory and a slower start. The heap
# starts at 16 MB and grows as needed (at the JVM's default start, all 96 MB, a service idled about 20 MB
# higher, the heap's touched pages). The periodic native-heap trim (JDK 21.0.1 or later) hands freed malloc
# memory back: about 10 MB of RSS each.
DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms16m -Xmx96m -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:TrimNativeHeapInterval=2000"
API_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --no-build) BUILD=0 ;;
    --no-demo) DEMO=0 ;;
    --exit-after-demo) EXIT_AFTER_DEMO=1 ;;
    --message) MESSAGES+=("$2"); shift ;;
    --port-base) PORT_BASE="$2"; shift ;;
    --step-delay-ms) STEP_DELAY_MS="$2"; shift ;;
    --driver-run-ms) DRIVER_RUN_MS="$2"; shift ;;
    --run-dir) RUN_DIR="$2"; shift ;;
    --restart-crashed) RESTART_CRASHED=1 ;;
    --replicas) REPLICAS="$2"; shift ;;
    --nats-cluster) NATS_CLUSTER=1 ;;
    --prometheus) PROMETHEUS=1 ;;
    --nats-max-payload) NATS_MAX_PAYLOAD="$2"; shift ;;
    --nats-url)
      [[ "$2" == *=* ]] || { echo "--nats-url wants NAME=URLS, got $2" >&2; exit 2; }
      NATS_URL_OF[${2%%=*}]=${2#*=}
      shift
      ;;
    --containers) CONTAINERS=1 ;;
    --workflows-not-stored) API_ARGS+=(--answer-workflow-creates=true) ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ ${#MESSAGES[@]} -eq 0 ]; then
  MESSAGES=('{"job":"pi"}'
    '{"job":"taxi-trip","input":"s3://spark-relay-data/taxi-trip/input/","output":"s3://spark-relay-data/taxi-trip/output/"}')
fi

[[ "$REPLICAS" =~ ^[1-9]$ ]] || { echo "--replicas wants 1 to 9, got $REPLICAS" >&2; exit 2; }
NATS_NODES=1
[ "$NATS_CLUSTER" -eq 0 ] || NATS_NODES=3
# Ports in rows of ten (see --port-base): row i holds instance i of each service and NATS node i.
declare -A SERVICE_OFFSET=([sqs-bridge]=0 [workflow-launcher]=1 [spark-submitter]=2 [status-reporter]=3)
service_port() { echo $((PORT_BASE + 10 * $2 + SERVICE_OFFSET[$1])); }
# instance 0 keeps its service's name (and log), instance i is <service>-i
instance_name() { if [ "$2" -eq 0 ]; then echo "$1"; else echo "$1-$2"; fi; }
nats_port() { echo $((PORT_BASE + 10 * $1 + 6)); }
nats_monitor_port() { echo $((PORT_BASE + 10 * $1 + 7)); }
nats_route_port() { echo $((PORT_BASE + 10 * $1 + 8)); }
nats_name() { if [ "$1" -eq 0 ]; then echo nats; else echo "nats-$1"; fi; }
BRIDGE_PORT=$(service_port sqs-bridge 0)
LAUNCHER_PORT=$(service_port workflow-launcher 0)
SUBMITTER_PORT=$(service_port spark-submitter 0)
REPORTER_PORT=$(service_port status-reporter 0)
SQS_PORT=$((PORT_BASE + 4))
API_PORT=$((PORT_BASE + 5))
NATS_PORT=$(nats_port 0)
NATS_MONITOR_PORT=$(nats_monitor_port 0)
PROMETHEUS_PORT=$((PORT_BASE + 9))
QUEUE=spark-relay-jobs
DLQ=spark-relay-jobs-dlq
SQS_URL="http://127.0.0.1:$SQS_PORT"
QUEUE_URL="$SQS_URL/000000000000/$QUEUE"
API_URL="http://127.0.0.1:$API_PORT"
NATS_URL="nats://127.0.0.1:$NATS_PORT"
# every node's client URL: what the services are given
NATS_URLS=$NATS_URL
for ((k = 1; k < NATS_NODES; k++)); do NATS_URLS+=",nats://127.0.0.1:$(nats_port "$k")"; done
REPORTER_URL="http://127.0.0.1:$REPORTER_PORT"
# The WorkflowTemplate's default submitter-url (the Helm chart's service), and where it is on this machine.
SUBMITTER_IN_CLUSTER="spark-relay-spark-submitter.spark-relay.svc.cluster.local:8080"

say() { printf '\033[1m%s\033[0m\n' "$*"; }
fail() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------- prerequisites
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || fail "no java: install a JDK >= 21 and set JAVA_HOME"
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
[ "${java_major:-0}" -ge 21 ] || fail "$JAVA is Java $java_major; a JDK >= 21 is needed (set JAVA_HOME)"
NATS_SERVER="${NATS_SERVER_BIN:-$(command -v nats-server || true)}"
[ -n "$NATS_SERVER" ] || { [ -x /usr/sbin/nats-server ] && NATS_SERVER=/usr/sbin/nats-server; }
[ -n "$NATS_SERVER" ] || fail "nats-server not found: sudo apt-get install nats-server (or brew install nats-server)"
command -v openssl >/dev/null || fail "openssl is needed (the NATS CA and certificate): sudo apt-get install openssl"
command -v curl >/dev/null || fail "curl is needed"
if [ "$PROMETHEUS" -eq 1 ]; then
  PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus || echo /usr/bin/prometheus)}
  [ -x "$PROMETHEUS_BIN" ] || fail "--prometheus needs prometheus: sudo apt-get install -y prometheus (or set PROMETHEUS_BIN)"
  PROMTOOL_BIN=${PROMTOOL_BIN:-$(command -v promtool || echo "$(dirname "$PROMETHEUS_BIN")/promtool")}
  [ -x "$PROMTOOL_BIN" ] || fail "--prometheus needs promtool (Debian's prometheus package has it; or set PROMTOOL_BIN)"
  HELM=${HELM_BIN:-$ROOT/deploy/helm/.bin/helm}
  [ -x "$HELM" ] || fail "--prometheus renders the chart's alerts with helm: deploy/helm/install-helm.sh (or set HELM_BIN)"
fi
if [ "$CONTAINERS" -eq 1 ]; then
  command -v podman >/dev/null || fail "--containers needs podman (and buildah to build the images): sudo apt-get install podman runc buildah debootstrap"
fi
if command -v jq >/dev/null; then
  json() { jq -r "$1" 2>/dev/null; }
elif command -v python3 >/dev/null; then
  json() {
    python3 -c 'import json,sys
expr=sys.argv[1]; d=json.load(sys.stdin)
key=expr.split(" ")[0].lstrip(".")
if key!="timeline[]?": print(d.get(key) or "")
else:
  for s in d.get("timeline") or []: print(s["stage"], s.get("at") or "")' "$1" 2>/dev/null
  }
elif [ "$DEMO" -eq 1 ]; then
  fail "jq or python3 is needed to follow the sample runs (or use --no-demo)"
fi
TIMELINE_EXPR='.timeline[]? | "\(.stage) \(.at)"'
# Every message ends in one of these (status-reporter/README.md): a run, or an answer for one that never ran.
END_STATES="COMPLETED FAILED REFUSED DEAD_LETTERED FILTERED TOO_OLD"

# ---------------------------------------------------------------------------------------------- build
SERVICES=(sqs-bridge workflow-launcher spark-submitter status-reporter)
SIMULATOR_JAR="$LOCAL/simulator/target/spark-relay-simulator.jar"
ELASTICMQ_LIB="$LOCAL/chain/target/elasticmq-lib"
if [ "$BUILD" -eq 1 ]; then
  say "Building the services, the simulator and ElasticMQ's classpath (./mvnw package, tests skipped)"
  images=()
  [ "$CONTAINERS" -eq 0 ] || images=(-Dimages)
  (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests "${images[@]}" \
    -pl sqs-bridge,workflow-launcher,spark-submitter,status-reporter,deploy/local/simulator,deploy/local/chain -am \
    package)
fi
for service in "${SERVICES[@]}"; do
  [ -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ] || fail "$service is not built (run without --no-build)"
done
[ -f "$SIMULATOR_JAR" ] || fail "the simulator is not built (run without --no-build)"
[ -d "$ELASTICMQ_LIB" ] || fail "ElasticMQ is not fetched (run without --no-build)"
if [ "$CONTAINERS" -eq 1 ]; then
  for service in "${SERVICES[@]}"; do
    image=$("$JAVA" -cp "$SIMULATOR_JAR" io.sparkrelay.simulator.kubelet.PodmanRunMain \
      "$LOCAL/containers/deployments.yaml" "$service" 2>/dev/null | sed -n 's/^image //p')
    podman image exists "$image" || fail "image $image is not built (./mvnw package -DskipTests -Dimages, or run without --no-build)"
  done
fi

# ---------------------------------------------------------------------------------------------- processes
mkdir -p "$RUN_DIR"
LOGS="$RUN_DIR/logs"
rm -rf "$LOGS" "$RUN_DIR/nats-store" "$RUN_DIR/nats" "$RUN_DIR/prometheus" "$RUN_DIR/ready" "$RUN_DIR/api-url" "$RUN_DIR/simulator-ready"
mkdir -p "$LOGS"
PIDS=()
NAMES=()
COMMANDS=()
PROBERS=()

stop_all() {
  trap - EXIT INT TERM
  [ ${#PROBERS[@]} -eq 0 ] || kill -TERM "${PROBERS[@]}" 2>/dev/null || true
  [ ${#PIDS[@]} -eq 0 ] && return
  say "Stopping ${#PIDS[@]} processes"
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[$i]}" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.1
  done
  for i in "${!PIDS[@]}"; do
    if kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "  ${NAMES[$i]} did not stop in 10 s: SIGKILL"
      kill -KILL "${PIDS[$i]}" 2>/dev/null || true
    fi
  done
  wait 2>/dev/null || true
  rm -f "$RUN_DIR/ready"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME COMMAND...: runs it in the background, output to $LOGS/NAME.log
start() {
  local name=$1
  shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  NAMES+=("$name")
  COMMANDS+=("$(printf '%q ' "$@")")
}

# restart INDEX: the same command again, output appended to the same log
restart() {
  local index=$1 name=${NAMES[$1]}
  echo "run.sh: restarting $name (it exited)" >>"$LOGS/$name.log"
  # exec: the background job becomes the process itself, so PIDS holds its pid and stop_all reaches it
  eval "exec ${COMMANDS[$index]}" >>"$LOGS/$name.log" 2>&1 &
  PIDS[$index]=$!
  say "$name exited; started again (pid ${PIDS[$index]})"
}

# await NAME SECONDS CHECK...: polls CHECK until it succeeds; fails (with the log) if NAME died or time ran out
await() {
  local name=$1 seconds=$2
  shift 2
  local index pid
  for index in "${!NAMES[@]}"; do [ "${NAMES[$index]}" = "$name" ] && pid=${PIDS[$index]}; done
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOGS/$name.log" >&2
      fail "$name exited (log: $LOGS/$name.log)"
    fi
    [ $SECONDS -lt $deadline ] || { tail -n 30 "$LOGS/$name.log" >&2; fail "$name not ready after ${seconds}s"; }
    sleep 0.1
  done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
USED_PORTS=("$SQS_PORT" "$API_PORT")
for ((i = 0; i < REPLICAS; i++)); do
  for service in "${SERVICES[@]}"; do USED_PORTS+=("$(service_port "$service" "$i")"); done
done
for ((k = 0; k < NATS_NODES; k++)); do
  USED_PORTS+=("$(nats_port "$k")" "$(nats_monitor_port "$k")")
  [ "$NATS_CLUSTER" -eq 0 ] || USED_PORTS+=("$(nats_route_port "$k")")
done
[ "$PROMETHEUS" -eq 0 ] || USED_PORTS+=("$PROMETHEUS_PORT")
for port in "${USED_PORTS[@]}"; do
  port_free "$port" || fail "port $port is taken (another run.sh? use --port-base)"
done

started_at=$SECONDS
say "ElasticMQ (SQS) on $SQS_URL: queue $QUEUE, dead-letter queue $DLQ after 3 receives"
cat >"$RUN_DIR/elasticmq.conf" <<EOF
include classpath("application.conf")
node-address { protocol = http, host = "127.0.0.1", port = $SQS_PORT, context-path = "" }
rest-sqs { enabled = true, bind-port = $SQS_PORT, bind-hostname = "127.0.0.1", sqs-limits = strict }
rest-stats { enabled = false }
generate-node-address = false
aws { region = us-east-1, accountId = "000000000000" }
queues {
  $DLQ { }
  $QUEUE {
    defaultVisibilityTimeout = 30 seconds
    deadLettersQueue { name = "$DLQ", maxReceiveCount = 3 }
  }
}
EOF
start elasticmq "$JAVA" -XX:+UseSerialGC -Xmx256m -Dconfig.file="$RUN_DIR/elasticmq.conf" \
  -cp "$ELASTICMQ_LIB/*" org.elasticmq.server.Main
sqs_ready() { curl -sf "$SQS_URL/?Action=GetQueueUrl&QueueName=$QUEUE" | grep -q QueueUrl; }
await elasticmq 60 sqs_ready

# NATS as a cluster should run it (deploy/nats/README.md): the shipped users, each service its own with only the
# subjects and JetStream calls it needs (deploy/nats/spark-relay-users.conf), a fresh random password each, and
# TLS with a certificate for 127.0.0.1 from a CA made for this run, which each service is given to verify it.
NATS_DIR="$RUN_DIR/nats"
NATS_USERS=(sqs-bridge workflow-launcher spark-submitter status-reporter relay-admin)
mkdir -p "$NATS_DIR"
"$ROOT/deploy/nats/make-dev-certs.sh" "$NATS_DIR/tls" 127.0.0.1 || fail "cannot make the NATS certificates"
cp "$ROOT/deploy/nats/spark-relay-users.conf" "$NATS_DIR/"
# nats_conf K: the configuration file of node K (node 0's is nats-server.conf, as without a cluster)
nats_conf() { if [ "$1" -eq 0 ]; then echo "$NATS_DIR/nats-server.conf"; else echo "$NATS_DIR/nats-server-$1.conf"; fi; }
# --nats-cluster: three servers with JetStream clustered over routes on loopback, each with its own store. The
# routes log in with a random password of their own (in the configuration files, readable by this user only);
# no_advertise keeps the servers from telling clients of the other nodes' addresses, so a client uses the URLs
# it was given (all three by default, or those of --nats-url, e.g. a proxy that can cut it off).
ROUTE_PASSWORD=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
for ((k = 0; k < NATS_NODES; k++)); do
  store="$RUN_DIR/nats-store"
  cluster=""
  if [ "$NATS_CLUSTER" -eq 1 ]; then
    store="$RUN_DIR/nats-store/$(nats_name "$k")"
    routes=""
    for ((j = 0; j < NATS_NODES; j++)); do
      [ "$j" -eq "$k" ] || routes+="${routes:+, }\"nats-route://route:$ROUTE_PASSWORD@127.0.0.1:$(nats_route_port "$j")\""
    done
    cluster="server_name: $(nats_name "$k")
cluster {
  name: spark-relay-local
  host: 127.0.0.1
  port: $(nats_route_port "$k")
  no_advertise: true
  authorization { user: route, password: \"$ROUTE_PASSWORD\", timeout: 2 }
  routes: [ $routes ]
}"
  fi
  (umask 077 && cat >"$(nats_conf "$k")" <<EOF
$cluster
${NATS_MAX_PAYLOAD:+max_payload: $NATS_MAX_PAYLOAD}
host: 127.0.0.1
port: $(nats_port "$k")
http: "127.0.0.1:$(nats_monitor_port "$k")"
jetstream { store_dir: "$store" }
tls { cert_file: "$NATS_DIR/tls/server.crt", key_file: "$NATS_DIR/tls/server.key", timeout: 2 }
include "spark-relay-users.conf"
EOF
  )
done
declare -A NATS_PASSWORD
NATS_ENV=()
for user in "${NATS_USERS[@]}"; do
  NATS_PASSWORD[$user]=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
  variable=SPARK_RELAY_NATS_PASSWORD_$(if [ "$user" = relay-admin ]; then echo ADMIN; else echo "${user^^}" | tr - _; fi)
  # nats-server reads the value as a configuration value: quoted, it is a string whatever the password
  NATS_ENV+=("$variable=\"${NATS_PASSWORD[$user]}\"")
  # each service reads its user, password and CA from its own file (quarkus.config.locations), so no password
  # shows in a command line
  [ "$user" = relay-admin ] || (umask 077 && printf 'relay.nats.username=%s\nrelay.nats.password=%s\nrelay.nats.tls.ca-file=%s\n' \
    "$user" "${NATS_PASSWORD[$user]}" "$NATS_DIR/tls/ca.crt" >"$NATS_DIR/$user.properties")
done
(umask 077 && printf '%s\n' "${NATS_PASSWORD[relay-admin]}" >"$NATS_DIR/admin-password")
if [ "$NATS_CLUSTER" -eq 1 ]; then
  say "nats-server cluster of $NATS_NODES with JetStream on $NATS_URLS (TLS, CA $NATS_DIR/tls/ca.crt; users of deploy/nats/spark-relay-users.conf)"
else
  say "nats-server with JetStream on $NATS_URL (TLS, CA $NATS_DIR/tls/ca.crt; users of deploy/nats/spark-relay-users.conf)"
fi
for ((k = 0; k < NATS_NODES; k++)); do
  start "$(nats_name "$k")" env "${NATS_ENV[@]}" "$NATS_SERVER" -c "$(nats_conf "$k")"
done
# a clustered node is healthy once it knows the JetStream meta leader, which needs the others up
for ((k = 0; k < NATS_NODES; k++)); do
  await "$(nats_name "$k")" 30 curl -sf "http://127.0.0.1:$(nats_monitor_port "$k")/healthz"
done

# Each caller of the Kubernetes API has its own identity, as a projected service-account token gives it in a
# pod: a fresh random bearer token per service and per simulated controller. The stand-in authorizes every call
# against the chart's RBAC (deploy/local/rbac/spark-relay.yaml, what `helm template` renders), the Workflows'
# (deploy/argo/rbac.yaml) and the simulated controllers' (deploy/local/rbac/simulated-cluster.yaml).
new_token() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
declare -A TOKEN IDENTITY=(
  [admin]=local-admin
  [workflow-launcher]=system:serviceaccount:spark-relay:spark-relay-workflow-launcher
  [spark-submitter]=system:serviceaccount:spark-relay:spark-relay-spark-submitter
  [status-reporter]=system:serviceaccount:spark-relay:spark-relay-status-reporter
  [argo-controller]=system:serviceaccount:argo:argo-workflows-workflow-controller
  [argo-executor]=system:serviceaccount:argo-workflows:spark-relay-workflow
  [spark-operator]=system:serviceaccount:spark-operator:spark-operator-controller
  [kubelet]=system:node:local-node
)
(umask 077 && : >"$RUN_DIR/tokens" && : >"$RUN_DIR/simulator-tokens")
for who in "${!IDENTITY[@]}"; do
  TOKEN[$who]=$(new_token)
  printf '%s %s\n' "${TOKEN[$who]}" "${IDENTITY[$who]}" >>"$RUN_DIR/tokens"
done
for role in argo-controller argo-executor spark-operator kubelet; do
  printf '%s %s\n' "$role" "${TOKEN[$role]}" >>"$RUN_DIR/simulator-tokens"
done
(umask 077 && printf '%s\n' "${TOKEN[admin]}" >"$RUN_DIR/admin-token")

# The production manifests of deploy/argo, with the WorkflowTemplate as the local stack runs it: the simulator's
# scenario knob of deploy/local/overlay/workflowtemplate.yaml added (a parameter, and the label the submit-spark
# body sends); the merge only adds, and stops run.sh when the overlay no longer fits the production template.
LOCAL_TEMPLATE="$RUN_DIR/workflowtemplate.yaml"
"$JAVA" -cp "$SIMULATOR_JAR" io.sparkrelay.simulator.overlay.ManifestOverlayMain \
  "$ROOT/deploy/argo/workflowtemplate.yaml" "$LOCAL/overlay/workflowtemplate.yaml" "$LOCAL_TEMPLATE" ||
  fail "cannot add deploy/local/overlay/workflowtemplate.yaml to deploy/argo/workflowtemplate.yaml"
manifests=()
for file in "$ROOT"/deploy/argo/*.yaml; do
  case "$(basename "$file")" in
    kustomization.yaml) ;;
    workflowtemplate.yaml) manifests+=("$LOCAL_TEMPLATE") ;;
    *) manifests+=("$file") ;;
  esac
done
# The launcher's trigger rules: the local stack's (deploy/local/overlay/rules.yaml, the default rules with the
# scenario parameter), or the file RELAY_RULES_FILE names (run.sh's environment reaches every process).
RULES_FILE=${RELAY_RULES_FILE:-$LOCAL/overlay/rules.yaml}
if [[ "$RULES_FILE" != classpath:* ]]; then
  [ -f "$RULES_FILE" ] || fail "no trigger rules file $RULES_FILE (RELAY_RULES_FILE)"
  RULES_FILE=$(realpath "$RULES_FILE")
fi

# --- spark-submitter's credential (owned with spark-submitter; the NATS part is elsewhere) ---------------------
# A fresh random bearer credential per run, in the Secret the WorkflowTemplate's submit-spark header reads
# (argo-workflows/spark-relay-spark-submitter-credential, key authorization = "Bearer <credential>", as the Helm
# chart writes it); the stand-in applies it with the other manifests. The submitter gets the same credential as
# relay.auth.credentials through a JVM argument file, so the value is in neither process list (only "@file" is)
# and a --restart-crashed restart reads it again. Both files are readable by this user only.
SUBMITTER_CREDENTIAL=$(new_token)$(new_token)
(
  umask 077
  cat >"$RUN_DIR/spark-submitter-credential.yaml" <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: spark-relay-spark-submitter-credential
  namespace: argo-workflows
  labels:
    app.kubernetes.io/part-of: spark-relay
type: Opaque
data:
  authorization: $(printf 'Bearer %s' "$SUBMITTER_CREDENTIAL" | base64 -w0)
EOF
  printf -- '-Drelay.auth.credentials=%s\n' "$SUBMITTER_CREDENTIAL" >"$RUN_DIR/spark-submitter-credential.args"
)
manifests+=("$RUN_DIR/spark-submitter-credential.yaml")
unset SUBMITTER_CREDENTIAL
# --- end of spark-submitter's credential ------------------------------------------------------------------------
# The status-reporter's redrive credential (POST /api/v1/runs/<id>/redrive, the run page's button): one random
# bearer credential named "operator" (relay.redrive.credentials.operator), read from a JVM argument file like the
# submitter's; the bare value is in .run/redrive-credential for whoever runs the stack.
REDRIVE_CREDENTIAL=$(new_token)$(new_token)
(
  umask 077
  printf '%s\n' "$REDRIVE_CREDENTIAL" >"$RUN_DIR/redrive-credential"
  printf -- '-Drelay.redrive.credentials.operator=%s\n' "$REDRIVE_CREDENTIAL" >"$RUN_DIR/status-reporter-redrive.args"
)
unset REDRIVE_CREDENTIAL
say "Kubernetes API stand-in (fabric8 mock server, CRUD) on $API_URL with ${manifests[*]#"$ROOT/"}"
read -r -a STAND_IN_JAVA_OPTS <<<"${RELAY_STAND_IN_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m}"
start api-server "$JAVA" "${STAND_IN_JAVA_OPTS[@]}" -cp "$SIMULATOR_JAR" io.sparkrelay.simulator.KubernetesApiServerMain \
  --port "$API_PORT" --url-file "$RUN_DIR/api-url" --namespace argo-workflows --namespace spark-team-a \
  --tokens "$RUN_DIR/tokens" --admin-token-file "$RUN_DIR/admin-token" \
  --rbac "$LOCAL/rbac/spark-relay.yaml" --rbac "$LOCAL/rbac/simulated-cluster.yaml" --rbac "$ROOT/deploy/argo/rbac.yaml" \
  "${API_ARGS[@]}" "${manifests[@]}"
await api-server 30 test -s "$RUN_DIR/api-url"

# the submitter's Service: every instance, which the simulator's http steps take in turn
SUBMITTER_ADDRESSES=""
for ((i = 0; i < REPLICAS; i++)); do
  SUBMITTER_ADDRESSES+="${SUBMITTER_ADDRESSES:+,}127.0.0.1:$(service_port spark-submitter "$i")"
done
say "Cluster SIMULATOR: Argo workflow controller, Spark Operator, kubelet (step ${STEP_DELAY_MS} ms, driver ${DRIVER_RUN_MS} ms)"
start simulator "$JAVA" "${STAND_IN_JAVA_OPTS[@]}" -jar "$SIMULATOR_JAR" --api-server "$API_URL" \
  --service-alias "$SUBMITTER_IN_CLUSTER=$SUBMITTER_ADDRESSES" \
  --step-delay-ms "$STEP_DELAY_MS" --container-step-ms "$STEP_DELAY_MS" --driver-run-ms "$DRIVER_RUN_MS" \
  --image-pull-backoff-ms "$((STEP_DELAY_MS * 3))" --token-file "$RUN_DIR/simulator-tokens" \
  --ready-file "$RUN_DIR/simulator-ready"
await simulator 30 test -s "$RUN_DIR/simulator-ready"

read -r -a JAVA_OPTS <<<"${RELAY_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
# The Kubernetes client finds the API stand-in through fabric8's own system properties, as it finds the
# service account in a pod (Quarkus fixes its quarkus.kubernetes-client.* keys at build time); kubeconfig
# and service-account lookups are off, so a developer's ~/.kube/config cannot leak in.
COMMON=(
  -Dkubernetes.master="$API_URL"
  -Dkubernetes.trust.certificates=true
  -Dkubernetes.namespace=default
  -Dkubernetes.auth.tryKubeConfig=false
  -Dkubernetes.auth.tryServiceAccount=false
  -Dquarkus.shutdown.timeout=5S
)
# A class-data archive per service, written at the first clean exit and mapped at every later start
# (about 40% off the start time); rebuilt after the jar changed. RELAY_CDS=off leaves it out.
# service SERVICE INSTANCE OPTIONS...: instance INSTANCE of SERVICE on its port (see --port-base), with the NATS
# URLs of the cluster (or of --nats-url for it) and, with --nats-cluster, three replicas of what it creates.
NATS_REPLICAS=()
[ "$NATS_CLUSTER" -eq 0 ] || NATS_REPLICAS=(-Drelay.nats.replicas=3)
service() {
  local service=$1 instance=$2
  shift 2
  local name port
  name=$(instance_name "$service" "$instance")
  port=$(service_port "$service" "$instance")
  set -- -Drelay.nats.url="${NATS_URL_OF[$name]:-$NATS_URLS}" "${NATS_REPLICAS[@]}" "$@"
  if [ "$CONTAINERS" -eq 1 ]; then
    container_service "$service" "$name" "$port" "$@"
    return
  fi
  local cds=() jar="$ROOT/$service/target/quarkus-app/quarkus-run.jar" archive="$ROOT/$service/target/$service-cds.jsa"
  if [ "${RELAY_CDS:-on}" != off ]; then
    if [ "$instance" -eq 0 ]; then
      # the JVM refuses an archive older than the jar but does not write a new one: drop it, so it does
      [ "$archive" -nt "$jar" ] || rm -f "$archive"
      # writing the archive warns about every class it leaves out: only errors go to the log
      cds=(-XX:SharedArchiveFile="$archive" -XX:+AutoCreateSharedArchive -Xlog:cds=error)
    elif [ "$archive" -nt "$jar" ]; then
      # only instance 0 writes the archive (two JVMs writing one file at exit could spoil it); the others map it
      cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=error)
    fi
  fi
  start "$name" "$JAVA" "${JAVA_OPTS[@]}" "${cds[@]}" "${COMMON[@]}" -Dquarkus.http.port="$port" "$@" \
    -Dquarkus.config.locations="$NATS_DIR/$service.properties" -jar "$jar"
}
# --containers: the service's image under podman, as a kubelet would run the chart's pod template. Settings reach
# it as environment variables, as the chart passes them: each -Dkey=value (and each line of an @file) becomes
# KEY=value (Quarkus and fabric8 read both), in an env file only this user can read, so no token shows in a
# process list or the log. The NATS CA certificate (and the launcher's rules file) is mounted read-only at the same
# path, the network is the host's loopback. RELAY_* and QUARKUS_* variables of run.sh's own environment are passed
# on, as for the processes.
CONTAINER_DIR="$RUN_DIR/containers"
env_line() {
  local setting=${1#-D}
  local key=${setting%%=*}
  key=$(printf '%s' "$key" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9\n' '_')
  printf '%s=%s\n' "$key" "${setting#*=}"
}
container_service() {
  local service=$1 name=$2 port=$3 option image="" probe="" line
  shift 3
  local spec=() env_file="$CONTAINER_DIR/$name.env" mounts=(-v "$NATS_DIR/tls/ca.crt:$NATS_DIR/tls/ca.crt:ro")
  # the launcher reads its trigger rules where relay.rules.file points, on this machine
  if [ "$service" = workflow-launcher ] && [[ "$RULES_FILE" != classpath:* ]]; then
    mounts+=(-v "$RULES_FILE:$RULES_FILE:ro")
  fi
  mkdir -p "$CONTAINER_DIR"
  while read -r kind value; do
    case "$kind" in
      option) spec+=("$value") ;;
      image) image=$value ;;
      readiness) probe=$value ;;
    esac
  done < <("$JAVA" -cp "$SIMULATOR_JAR" io.sparkrelay.simulator.kubelet.PodmanRunMain \
    "$LOCAL/containers/deployments.yaml" "$service" 2>>"$LOGS/$name.log")
  [ -n "$image" ] && [ -n "$probe" ] || fail "cannot read $service's Deployment in deploy/local/containers/deployments.yaml"
  (
    umask 077
    : >"$env_file"
    # the NATS user's file (relay.nats.* lines) becomes variables too; the CA certificate is mounted
    while IFS= read -r line; do env_line "$line" >>"$env_file"; done <"$NATS_DIR/$service.properties"
    for option in "${COMMON[@]}" -Dquarkus.http.port="$port" "$@"; do
      if [[ "$option" == @* ]]; then
        while IFS= read -r line; do [ -z "$line" ] || env_line "$line" >>"$env_file"; done <"${option#@}"
      else
        env_line "$option" >>"$env_file"
      fi
    done
    env | grep -E '^(RELAY|QUARKUS)_' | grep -vE '^RELAY_(JAVA_OPTS|CDS|STAND_IN_JAVA_OPTS)=' >>"$env_file" || true
  )
  echo "$probe" >"$CONTAINER_DIR/$name.readiness"
  start "$name" podman run --rm --replace --pull=never --name "spark-relay-$name-$port" --network host \
    --stop-timeout 10 "${spec[@]}" --env-file "$env_file" "${mounts[@]}" "$image"
}

# probe NAME PORT: the kubelet's readiness probe of a container, from its Deployment (path, period, timeout,
# failure threshold). A container that fails it that many times in a row is reported on run.sh's output, in its
# log and in $RUN_DIR/readiness-failures (the end-to-end test in containers reads it); ready again is reported too.
probe() {
  local name=$1 port=$2 path period timeout threshold failures=0 down=0
  read -r path period timeout threshold <"$CONTAINER_DIR/$name.readiness"
  while true; do
    if curl -sf -o /dev/null --max-time "$timeout" "http://127.0.0.1:$port$path"; then
      if [ "$down" -eq 1 ]; then
        echo "run.sh: $name ready again" | tee -a "$LOGS/$name.log" >&2
        down=0
      fi
      failures=0
    else
      failures=$((failures + 1))
      if [ "$failures" -ge "$threshold" ] && [ "$down" -eq 0 ]; then
        down=1
        echo "run.sh: $name failed its readiness probe $failures times in a row ($path every ${period}s, timeout ${timeout}s): a kubelet would take it out of its Service" |
          tee -a "$LOGS/$name.log" "$RUN_DIR/readiness-failures" >&2
      fi
    fi
    sleep "$period"
  done
}

if [ "$REPLICAS" -eq 1 ]; then
  say "Services: sqs-bridge :$BRIDGE_PORT  workflow-launcher :$LAUNCHER_PORT  spark-submitter :$SUBMITTER_PORT  status-reporter :$REPORTER_PORT"
else
  say "Services, $REPLICAS instances each: sqs-bridge :$BRIDGE_PORT  workflow-launcher :$LAUNCHER_PORT  spark-submitter :$SUBMITTER_PORT  status-reporter :$REPORTER_PORT, instance i 10*i above"
fi
# every instance, in start order: status-reporter, spark-submitter, workflow-launcher, sqs-bridge ("service:instance")
INSTANCES=()
for service in status-reporter spark-submitter workflow-launcher sqs-bridge; do
  for ((i = 0; i < REPLICAS; i++)); do INSTANCES+=("$service:$i"); done
done
for entry in "${INSTANCES[@]}"; do
  instance=${entry##*:}
  case "${entry%%:*}" in
    status-reporter)
      service status-reporter "$instance" -Dkubernetes.auth.token="${TOKEN[status-reporter]}" \
        -Drelay.watch.workflow-namespaces=argo-workflows -Drelay.watch.data-namespaces=spark-team-a \
        @"$RUN_DIR/status-reporter-redrive.args" ;;
    spark-submitter)
      service spark-submitter "$instance" -Dkubernetes.auth.token="${TOKEN[spark-submitter]}" \
        @"$RUN_DIR/spark-submitter-credential.args" ;;
    workflow-launcher)
      service workflow-launcher "$instance" -Dkubernetes.auth.token="${TOKEN[workflow-launcher]}" \
        -Drelay.workflows.default-namespace=argo-workflows -Drelay.rules.file="$RULES_FILE" ;;
    sqs-bridge)
      service sqs-bridge "$instance" -Drelay.sqs.queue-url="$QUEUE_URL" -Drelay.shutdown-grace=3s \
        -Dquarkus.sqs.endpoint-override="$SQS_URL" -Dquarkus.sqs.aws.region=us-east-1 \
        -Dquarkus.sqs.aws.credentials.type=static \
        -Dquarkus.sqs.aws.credentials.static-provider.access-key-id=local \
        -Dquarkus.sqs.aws.credentials.static-provider.secret-access-key=local ;;
  esac
done
for entry in "${INSTANCES[@]}"; do
  await "$(instance_name "${entry%%:*}" "${entry##*:}")" 120 \
    curl -sf "http://127.0.0.1:$(service_port "${entry%%:*}" "${entry##*:}")/q/health/ready"
done
if [ "$CONTAINERS" -eq 1 ]; then
  rm -f "$RUN_DIR/readiness-failures"
  for entry in "${INSTANCES[@]}"; do
    probe "$(instance_name "${entry%%:*}" "${entry##*:}")" "$(service_port "${entry%%:*}" "${entry##*:}")" &
    PROBERS+=($!)
  done
  say "The services run as images under podman (podman ps), with their Deployments' security context and limits"
fi
# --prometheus: the chart's alerts as its PrometheusRule renders them (the flag on, every other value the chart's
# default; nats.allowInsecure only lets the chart render without NATS credentials, which the rules do not use),
# its spec.groups as a rules file; every service instance scraped every 5 s, labelled as a ServiceMonitor would
# (namespace, service, pod = the instance's name).
PROMETHEUS_URL="http://127.0.0.1:$PROMETHEUS_PORT"
if [ "$PROMETHEUS" -eq 1 ]; then
  PROMETHEUS_DIR="$RUN_DIR/prometheus"
  mkdir -p "$PROMETHEUS_DIR"
  "$HELM" template spark-relay "$ROOT/deploy/helm/spark-relay" --set prometheusRule.enabled=true \
    --set nats.allowInsecure=true --show-only templates/prometheusrule.yaml >"$PROMETHEUS_DIR/prometheusrule.yaml" ||
    fail "helm template of deploy/helm/spark-relay failed"
  # spec: is the manifest's last top-level key: what is under it, two spaces less indented, is a rules file
  awk '/^spec:/ { inside = 1; next } inside && /^[^ ]/ { inside = 0 } inside { print substr($0, 3) }' \
    "$PROMETHEUS_DIR/prometheusrule.yaml" >"$PROMETHEUS_DIR/rules.yaml"
  "$PROMTOOL_BIN" check rules "$PROMETHEUS_DIR/rules.yaml" >"$LOGS/promtool.log" 2>&1 ||
    { cat "$LOGS/promtool.log" >&2; fail "promtool refuses the chart's rules ($PROMETHEUS_DIR/rules.yaml)"; }
  {
    printf 'global:\n  scrape_interval: 5s\n  scrape_timeout: 4s\n  evaluation_interval: 5s\n'
    printf 'rule_files:\n  - %s\n' "$PROMETHEUS_DIR/rules.yaml"
    printf 'scrape_configs:\n  - job_name: spark-relay\n    metrics_path: /q/metrics\n    static_configs:\n'
    for entry in "${INSTANCES[@]}"; do
      printf '      - targets: ["127.0.0.1:%s"]\n        labels: {namespace: spark-relay, service: %s, pod: %s}\n' \
        "$(service_port "${entry%%:*}" "${entry##*:}")" "${entry%%:*}" "$(instance_name "${entry%%:*}" "${entry##*:}")"
    done
  } >"$PROMETHEUS_DIR/prometheus.yml"
  say "Prometheus on $PROMETHEUS_URL: every instance scraped every 5 s, the chart's alerts (${PROMETHEUS_DIR#"$ROOT/"}/rules.yaml)"
  start prometheus "$PROMETHEUS_BIN" --config.file="$PROMETHEUS_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DIR/data" --storage.tsdb.retention.time=1d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
  await prometheus 60 curl -sf "$PROMETHEUS_URL/-/ready"
fi
say "All up in $((SECONDS - started_at)) s. Logs: ${LOGS#"$ROOT/"}/"

# instance_urls SERVICE: the URL of each of its instances, comma separated, instance 0 first
instance_urls() {
  local i urls=""
  for ((i = 0; i < REPLICAS; i++)); do urls+="${urls:+,}http://127.0.0.1:$(service_port "$1" "$i")"; done
  echo "$urls"
}
nats_monitor_urls() {
  local k urls=""
  for ((k = 0; k < NATS_NODES; k++)); do urls+="${urls:+,}http://127.0.0.1:$(nats_monitor_port "$k")"; done
  echo "$urls"
}
# written whole, then renamed: whoever waits for the file never reads half of it
cat >"$RUN_DIR/ready.tmp" <<EOF
SQS_ENDPOINT=$SQS_URL
QUEUE_URL=$QUEUE_URL
DLQ_URL=$SQS_URL/000000000000/$DLQ
NATS_URL=$NATS_URL
NATS_CA_FILE=$NATS_DIR/tls/ca.crt
NATS_ADMIN_USER=relay-admin
NATS_ADMIN_PASSWORD=${NATS_PASSWORD[relay-admin]}
KUBERNETES_API=$API_URL
KUBERNETES_ADMIN_TOKEN=${TOKEN[admin]}
BRIDGE_URL=http://127.0.0.1:$BRIDGE_PORT
LAUNCHER_URL=http://127.0.0.1:$LAUNCHER_PORT
SUBMITTER_URL=http://127.0.0.1:$SUBMITTER_PORT
REPORTER_URL=$REPORTER_URL
REDRIVE_CREDENTIAL_FILE=$RUN_DIR/redrive-credential
REPLICAS=$REPLICAS
BRIDGE_URLS=$(instance_urls sqs-bridge)
LAUNCHER_URLS=$(instance_urls workflow-launcher)
SUBMITTER_URLS=$(instance_urls spark-submitter)
REPORTER_URLS=$(instance_urls status-reporter)
NATS_URLS=$NATS_URLS
NATS_MONITOR_URLS=$(nats_monitor_urls)
EOF
[ "$PROMETHEUS" -eq 0 ] || echo "PROMETHEUS_URL=$PROMETHEUS_URL" >>"$RUN_DIR/ready.tmp"
mv "$RUN_DIR/ready.tmp" "$RUN_DIR/ready"

# ---------------------------------------------------------------------------------------------- demo
send() {
  curl -sf "$SQS_URL/" --data-urlencode "Action=SendMessage" --data-urlencode "QueueUrl=$QUEUE_URL" \
    --data-urlencode "MessageBody=$1" | sed -n 's:.*<MessageId>\(.*\)</MessageId>.*:\1:p'
}

# follow RUN_ID SENT_MS: prints each stage as the status-reporter reports it, until the run ends. Stage times
# come from the objects' timestamps, which Kubernetes (and so the simulator) keeps to the second.
follow() {
  local run=$1 sent=$2 shown=0 answer state deadline=$((SECONDS + 180))
  while [ $SECONDS -lt $deadline ]; do
    answer=$(curl -sf "$REPORTER_URL/api/v1/runs/$run" || true)
    if [ -n "$answer" ]; then
      local lines
      mapfile -t lines < <(printf '%s' "$answer" | json "$TIMELINE_EXPR")
      while [ "$shown" -lt "${#lines[@]}" ]; do
        local stage=${lines[$shown]%% *} at=${lines[$shown]#* }
        printf '  %-17s seen +%5d ms after sending   (%s)\n' "$stage" "$(($(date +%s%3N) - sent))" "$at"
        shown=$((shown + 1))
      done
      state=$(printf '%s' "$answer" | json .state)
      if [[ " $END_STATES " == *" $state "* ]]; then
        local reason message
        reason=$(printf '%s' "$answer" | json '.reason // empty')
        message=$(printf '%s' "$answer" | json '.message // empty')
        say "  => $state${reason:+: $reason}"
        [ -z "$message" ] || echo "     $message"
        echo "$state" >>"$RUN_DIR/outcomes"
        return 0
      fi
    fi
    sleep 0.2
  done
  say "  => no end state after 180 s; see curl $REPORTER_URL/api/v1/runs/$run and the logs"
  echo TIMEOUT >>"$RUN_DIR/outcomes"
}

endpoints() {
  cat <<EOF

See the runs in a browser: $REPORTER_URL/  (one run: $REPORTER_URL/runs/MESSAGE_ID)

Send more (AWS CLI, any credentials):
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --region us-east-1 --endpoint-url $SQS_URL \\
    sqs send-message --queue-url $QUEUE_URL --message-body '{"job":"pi","scenario":"oom"}'
or with curl (SQS query API):
  curl -s $SQS_URL/ --data-urlencode Action=SendMessage --data-urlencode QueueUrl=$QUEUE_URL \\
    --data-urlencode 'MessageBody={"job":"pi"}'
Watch (each line is a command; | jq . makes the JSON readable where jq is installed):
  curl -s $REPORTER_URL/api/v1/runs
  curl -s '$REPORTER_URL/api/v1/runs?state=FAILED&trigger=pi'
  curl -s $REPORTER_URL/api/v1/runs/MESSAGE_ID
  curl -s -H "Authorization: Bearer \$(cat $RUN_DIR/admin-token)" $API_URL/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflows
  curl -s -H "Authorization: Bearer \$(cat $RUN_DIR/admin-token)" $API_URL/api/v1/namespaces/spark-team-a/pods
The first lists runs newest first, the third answers for one message (put its MessageId in): its timeline,
Workflow, SparkApplication and pods, or why it never ran. The last two show what the simulated cluster holds,
as its admin (the API stand-in wants a token for every call, as a cluster does).
A dead letter whose rule has since been fixed can be sent again (the run page has a button for it):
  curl -s -X POST -H "Authorization: Bearer \$(cat $RUN_DIR/redrive-credential)" -H "Idempotency-Key: \$(date +%s)" \
    $REPORTER_URL/api/v1/runs/MESSAGE_ID/redrive
Messages that did not become a run are answered the same way, by state:
  curl -s '$REPORTER_URL/api/v1/runs?state=DEAD_LETTERED'
  curl -s '$REPORTER_URL/api/v1/runs?state=FILTERED'
  curl -s '$REPORTER_URL/api/v1/runs?state=REFUSED'
Metrics (Prometheus) and OpenAPI:
  curl -s http://127.0.0.1:$BRIDGE_PORT/q/metrics
  curl -s http://127.0.0.1:$LAUNCHER_PORT/q/metrics
  curl -s http://127.0.0.1:$SUBMITTER_PORT/q/metrics
  curl -s $REPORTER_URL/q/metrics
  curl -s http://127.0.0.1:$SUBMITTER_PORT/q/openapi
A message the bridge could not hand on (over NATS' max payload) is answered as DEAD_LETTERED and, after 3
receives, moves to the SQS queue $DLQ.
Logs: ${LOGS#"$ROOT/"}/
EOF
}

rm -f "$RUN_DIR/outcomes"
if [ "$DEMO" -eq 1 ]; then
  for body in "${MESSAGES[@]}"; do
    sent=$(date +%s%3N)
    run=$(send "$body") || fail "cannot send to $QUEUE_URL"
    say "Sent $body -> run $run   ($REPORTER_URL/runs/$run)"
    follow "$run" "$sent"
  done
fi
endpoints
if [ "$EXIT_AFTER_DEMO" -eq 1 ]; then
  ! grep -q TIMEOUT "$RUN_DIR/outcomes" 2>/dev/null
  exit $?
fi
say "Running. Ctrl-C stops everything."
while true; do
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      [ "$RESTART_CRASHED" -eq 1 ] || fail "${NAMES[$i]} exited (log: $LOGS/${NAMES[$i]}.log)"
      wait "${PIDS[$i]}" 2>/dev/null || true
      restart "$i"
    fi
  done
  sleep 0.2 &
  wait $! || true
done
