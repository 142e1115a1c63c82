#!/usr/bin/env bash
# A cluster on one machine, for trying and testing the scale-out: the embedded servers in a process of their own,
# N command-side and M query-side processes, and HAProxy on $SHORTLINK_PORT (8080) in front of them.
#
#   infra/cluster.sh up --command N --query M   start what is not running yet; returns once everything answers
#   infra/cluster.sh kill <command|query> <i>   SIGKILL instance i (from 1)
#   infra/cluster.sh start <command|query> <i>  start instance i again; returns once it is ready
#   infra/cluster.sh status                     what runs, and where
#   infra/cluster.sh down                       stop everything (the data stays in $SHORTLINK_DATA_DIR)
#
# Needs the built jar (./mvnw -B -q package -DskipTests). Settings (environment): SHORTLINK_DATA_DIR (./data, shared
# with the run command), SHORTLINK_ADMIN_KEY (generated and kept in $SHORTLINK_DATA_DIR/cluster/admin-key when not
# set), SHORTLINK_PORT (8080, the balancer), SHORTLINK_CLUSTER_COMMAND_PORT (8180) and SHORTLINK_CLUSTER_QUERY_PORT
# (8280): instance i listens on that port + i, SHORTLINK_CLUSTER_JAVA_OPTS (-Xmx1g), the servers' ports as for the
# run command (SHORTLINK_POSTGRES_PORT, SHORTLINK_REDIS_PORT, SHORTLINK_KAFKA_PORT, SHORTLINK_KAFKA_CONTROLLER_PORT).
# Pid files: $SHORTLINK_DATA_DIR/cluster/<servers|haproxy|command-i|query-i>.pid; logs: $SHORTLINK_DATA_DIR/cluster/logs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${SHORTLINK_JAR:-$ROOT/infra/target/shortlink.jar}
export SHORTLINK_DATA_DIR=$(realpath -m "${SHORTLINK_DATA_DIR:-data}")
CLUSTER=$SHORTLINK_DATA_DIR/cluster
LOGS=$CLUSTER/logs
PORT=${SHORTLINK_PORT:-8080}
COMMAND_PORT=${SHORTLINK_CLUSTER_COMMAND_PORT:-8180}
QUERY_PORT=${SHORTLINK_CLUSTER_QUERY_PORT:-8280}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-15432}
export SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-16379}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-19092}
export SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-19093}
JAVA_OPTS=${SHORTLINK_CLUSTER_JAVA_OPTS:--Xmx1g}
READY_WITHIN=${SHORTLINK_CLUSTER_READY_WITHIN:-300}

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

pid_file() { echo "$CLUSTER/$1.pid"; }

# A killed process stays a zombie until its parent reaps it: that is not running.
alive() {
    [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) != Z ]]
}

running() {
    local file
    file=$(pid_file "$1")
    [[ -f $file ]] && alive "$(cat "$file")"
}

port_of() {
    case $1 in
        command) echo $((COMMAND_PORT + $2)) ;;
        query) echo $((QUERY_PORT + $2)) ;;
        *) usage ;;
    esac
}

await_port() {
    local port=$1 what=$2 deadline=$((SECONDS + READY_WITHIN))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        ((SECONDS < deadline)) || { echo "$what did not open port $port within ${READY_WITHIN}s" >&2; return 1; }
        sleep 0.2
    done
}

# The key every instance shares: SHORTLINK_ADMIN_KEY when set, else the one this cluster was given or generated
# before, kept for the instances started later.
admin_key() {
    if [[ -n ${SHORTLINK_ADMIN_KEY:-} ]]; then
        (umask 077 && printf '%s' "$SHORTLINK_ADMIN_KEY" > "$CLUSTER/admin-key")
    elif [[ ! -f $CLUSTER/admin-key ]]; then
        (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$CLUSTER/admin-key")
        echo "SHORTLINK_ADMIN_KEY is not set. The cluster's admin API key (kept in $CLUSTER/admin-key):" >&2
        echo "    $(cat "$CLUSTER/admin-key")" >&2
    fi
    cat "$CLUSTER/admin-key"
}

ensure_haproxy() {
    command -v haproxy >/dev/null && return
    echo "Installing HAProxy from Debian's packages" >&2
    if [[ $(id -u) -ne 0 ]]; then
        echo "HAProxy is missing: install it (apt-get install haproxy) and try again" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
}

start_servers() {
    running servers && return
    echo "Starting the embedded servers (log: $LOGS/servers.log)" >&2
    setsid nohup java $JAVA_OPTS -jar "$JAR" servers > "$LOGS/servers.log" 2>&1 < /dev/null &
    echo $! > "$(pid_file servers)"
    local deadline=$((SECONDS + READY_WITHIN))
    until grep -q "The embedded servers are ready" "$LOGS/servers.log"; do
        if ! running servers || ((SECONDS >= deadline)); then
            echo "The embedded servers did not start:" >&2
            tail -n 30 "$LOGS/servers.log" >&2
            return 1
        fi
        sleep 0.2
    done
}

# Starts instance $2 of side $1 in the background; await_ready waits for it.
launch() {
    local side=$1 i=$2 name="$1-$2"
    running "$name" && return
    local port
    port=$(port_of "$side" "$i")
    SHORTLINK_PORT=$port \
    SHORTLINK_BASE_URL=${SHORTLINK_BASE_URL:-http://localhost:$PORT} \
    SHORTLINK_ADMIN_KEY=$(admin_key) \
    SHORTLINK_DB_URL=jdbc:postgresql://127.0.0.1:$SHORTLINK_POSTGRES_PORT/shortlink \
    SHORTLINK_DB_USER=postgres \
    SHORTLINK_DB_PASSWORD= \
    SHORTLINK_REDIS_HOST=127.0.0.1 \
    SHORTLINK_KAFKA_BOOTSTRAP=127.0.0.1:$SHORTLINK_KAFKA_PORT \
    SHORTLINK_CLIENT_IP_HEADER=X-Forwarded-For \
    SHORTLINK_CLICK_SPOOL_DIR=$CLUSTER/$name-click-spool \
        setsid nohup java $JAVA_OPTS -jar "$JAR" "$side" > "$LOGS/$name.log" 2>&1 < /dev/null &
    echo $! > "$(pid_file "$name")"
}

await_ready() {
    local side=$1 i=$2 name="$1-$2" port deadline=$((SECONDS + READY_WITHIN))
    port=$(port_of "$side" "$i")
    until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
        if ! running "$name" || ((SECONDS >= deadline)); then
            echo "$name did not become ready on :$port:" >&2
            tail -n 40 "$LOGS/$name.log" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "$name ready on :$port" >&2
}

# Writes to the command side, everything else to the query side (which also runs the replays; a link's history is
# read from the command side's event store, and the command side runs the imports, so it answers their status). An instance is taken out when it stops answering its liveness check, not
# when a server that all instances share is down: then every instance answers for itself (a redirect from the near
# cache or PostgreSQL, a problem+json 503), where a balancer with no instance left could only answer its own 503. A request that never reached an instance (refused connection) goes to
# another; a GET or HEAD whose instance died while answering is retried on another; a write that was sent is never
# sent again: its caller gets 502 and may retry with the same Idempotency-Key.
write_haproxy_config() {
    local commands=$1 queries=$2 i
    {
        cat <<EOF
global
    maxconn 4000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout check 2s
    retries 3
    option redispatch 1

frontend shortlink
    bind :$PORT
    http-request set-header X-Forwarded-For %[src]
    acl write method POST PUT PATCH DELETE
    acl history path_reg ^/api/v1/links/[^/]+/history$
    acl replays path_beg /api/v1/admin/replays
    acl imports path_beg /api/v1/imports
    use_backend query if replays
    use_backend command if write || history || imports
    default_backend query

backend command
    balance roundrobin
    option httpchk GET /actuator/health/liveness
    http-check expect status 200
    default-server check inter 1s fall 2 rise 1
    retry-on conn-failure
EOF
        for ((i = 1; i <= commands; i++)); do
            echo "    server command-$i 127.0.0.1:$(port_of command "$i")"
        done
        cat <<EOF

backend query
    balance roundrobin
    option httpchk GET /actuator/health/liveness
    http-check expect status 200
    default-server check inter 1s fall 2 rise 1
    retry-on conn-failure empty-response response-timeout 502 503 504
    http-request disable-l7-retry if !METH_GET !METH_HEAD
EOF
        for ((i = 1; i <= queries; i++)); do
            echo "    server query-$i 127.0.0.1:$(port_of query "$i")"
        done
    } > "$CLUSTER/haproxy.cfg"
}

start_haproxy() {
    if running haproxy; then
        kill "$(cat "$(pid_file haproxy)")"
    fi
    haproxy -c -q -f "$CLUSTER/haproxy.cfg"
    haproxy -D -f "$CLUSTER/haproxy.cfg" -p "$(pid_file haproxy)"
    await_port "$PORT" HAProxy
}

stop() {
    local name=$1 signal=${2:-TERM} file pid
    file=$(pid_file "$name")
    [[ -f $file ]] || return 0
    pid=$(cat "$file")
    if alive "$pid"; then
        kill "-$signal" "$pid"
        while alive "$pid"; do sleep 0.2; done
    fi
    rm -f "$file"
}

up() {
    local commands=1 queries=1
    while (($#)); do
        case $1 in
            --command) commands=$2; shift 2 ;;
            --query) queries=$2; shift 2 ;;
            *) usage ;;
        esac
    done
    [[ $commands =~ ^[1-9][0-9]*$ && $queries =~ ^[1-9][0-9]*$ ]] || usage
    [[ -f $JAR ]] || { echo "No $JAR: build it first (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
    ensure_haproxy
    mkdir -p "$LOGS"
    echo "$commands $queries" > "$CLUSTER/size"
    start_servers
    local i
    for ((i = 1; i <= commands; i++)); do launch command "$i"; done
    for ((i = 1; i <= queries; i++)); do launch query "$i"; done
    for ((i = 1; i <= commands; i++)); do await_ready command "$i"; done
    for ((i = 1; i <= queries; i++)); do await_ready query "$i"; done
    write_haproxy_config "$commands" "$queries"
    start_haproxy
    echo "Shortlink answers on http://localhost:$PORT ($commands command-side and $queries query-side instances)" >&2
}

instance() {
    [[ $# -eq 2 && $1 =~ ^(command|query)$ && $2 =~ ^[1-9][0-9]*$ ]] || usage
}

status() {
    local file name
    for file in "$CLUSTER"/*.pid; do
        [[ -f $file ]] || continue
        name=$(basename "$file" .pid)
        if running "$name"; then echo "$name running (pid $(cat "$file"))"; else echo "$name dead"; fi
    done
}

case ${1:-} in
    up) shift; up "$@" ;;
    kill) shift; instance "$@"; stop "$1-$2" KILL ;;
    start) shift; instance "$@"; mkdir -p "$LOGS"; start_servers; launch "$1" "$2"; await_ready "$1" "$2" ;;
    status) status ;;
    down)
        stop haproxy
        for file in "$CLUSTER"/command-*.pid "$CLUSTER"/query-*.pid; do
            [[ -f $file ]] && stop "$(basename "$file" .pid)" &
        done
        wait
        stop servers
        ;;
    *) usage ;;
esac
