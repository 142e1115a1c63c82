#!/usr/bin/env bash
# The hot-path benchmark, runnable by a newcomer: builds, starts the embedded default on a fresh data directory,
# preloads links through the API (creation throughput), measures create-to-redirectable lag, warms the JVM up, then
# runs wrk with random codes against GET /{code} and, in the same run, against an nginx `return 302` baseline, and
# prints both rates, the ratio, p50/p99, and memory per link. Installs wrk and nginx (Debian packages) if missing.
#
#   bench/redirect-bench.sh                 # defaults below; override with environment variables
#   LINKS=100000 WARMUP=35s DURATION=30s CONNECTIONS=64 bench/redirect-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

LINKS=${LINKS:-100000}
PRELOAD_CLIENTS=${PRELOAD_CLIENTS:-32}
WARMUP=${WARMUP:-35s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18089}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25432} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26379}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29092} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29093}
base="http://127.0.0.1:$SHORTLINK_PORT"
# Creations with the admin key are not rate-limited (anonymous ones are limited to 100 an hour per address).
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
export SHORTLINK_API_KEY=$SHORTLINK_ADMIN_KEY

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "== installing wrk and nginx"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== building"
  ./mvnw -B -q package -DskipTests
fi

work=$(mktemp -d)
export SHORTLINK_DATA_DIR="$work/data" CODES_FILE="$work/codes.txt"
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null && { wait "$app" 2>/dev/null || true; }
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

redis_used_memory() {
  exec 3<>"/dev/tcp/127.0.0.1/$SHORTLINK_REDIS_PORT"
  printf 'INFO memory\r\n' >&3
  local line
  while read -r -t 2 line <&3; do
    case "$line" in used_memory:*) echo "${line#used_memory:}" | tr -d '\r'; break ;; esac
  done
  exec 3>&-
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(java -version 2>&1 | head -1)"
echo "== starting the embedded default on :$SHORTLINK_PORT"
java -jar infra/target/shortlink.jar >"$work/run.log" 2>&1 &
app=$!
until curl -sf "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$app" 2>/dev/null || { tail -30 "$work/run.log"; exit 1; }
  sleep 0.2
done
redis_before=$(redis_used_memory)

echo "== creation throughput: preloading $LINKS links with $PRELOAD_CLIENTS clients"
java bench/Preload.java "$base" "$LINKS" "$PRELOAD_CLIENTS" "$CODES_FILE"
last=$(tail -1 "$CODES_FILE")
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$last")" = 302 ]; do sleep 0.1; done
echo "== create-to-redirectable lag"
java bench/CreateToRedirectLag.java "$base" 200

redis_after=$(redis_used_memory)
echo "== memory: Redis $(( (redis_after - redis_before) / LINKS )) bytes per link (used_memory $redis_before -> $redis_after)"

echo "== warming up the JVM for $WARMUP"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/random-codes.lua "$base" >/dev/null
heap=$(curl -s "$base/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/{sum+=$NF} END{printf "%.0f", sum/1048576}')
echo "== memory: JVM heap used after warm-up: $heap MiB"

echo "== Shortlink GET /{code}, $DURATION, $CONNECTIONS connections"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/random-codes.lua "$base" | tee "$work/shortlink.txt"

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 302 https://example.com/; } }
}
NGINX
if ss -ltn | grep -q "127.0.0.1:$NGINX_PORT "; then
  echo "port $NGINX_PORT is taken (a leftover nginx?): set NGINX_PORT" >&2; exit 1
fi
nginx -c "$work/nginx.conf"
echo "== nginx return 302 baseline, $DURATION, $CONNECTIONS connections"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/random-codes.lua "http://127.0.0.1:$NGINX_PORT" | tee "$work/nginx.txt"

rate() { awk '/Requests\/sec/{print $2}' "$1"; }
pct() { awk -v p="$2" '$1==p{print $2}' "$1"; }
echo "== summary"
printf 'shortlink: %s req/s, p50 %s, p99 %s\n' "$(rate "$work/shortlink.txt")" "$(pct "$work/shortlink.txt" 50%)" "$(pct "$work/shortlink.txt" 99%)"
printf 'nginx:     %s req/s, p50 %s, p99 %s\n' "$(rate "$work/nginx.txt")" "$(pct "$work/nginx.txt" 50%)" "$(pct "$work/nginx.txt" 99%)"
awk -v s="$(rate "$work/shortlink.txt")" -v n="$(rate "$work/nginx.txt")" 'BEGIN{printf "ratio shortlink/nginx: %.2f\n", s/n}'
curl -s "$base/actuator/prometheus" | grep -E '^shortlink_(redirect_cache_hit_ratio|clicks_recorded_total|clicks_dropped_total)' || true
