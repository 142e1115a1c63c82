#!/usr/bin/env bash
# The hot-path benchmark, runnable by a newcomer. Builds, starts the embedded default on a fresh data directory,
# preloads links through the API (creation throughput), measures create-to-redirectable lag, then measures
# GET /{code} with wrk and random codes three times, each after a warm-up where it has one:
#   1. Shortlink with click recording on (as in production);
#   2. Shortlink restarted on the same data with click recording off (SHORTLINK_CLICKS_RECORDING=false);
#   3. nginx `return 302` with `worker_processes auto`, once Shortlink has stopped and nothing of it runs any more,
#      so that the baseline gets both cores, as Shortlink does (a one-worker nginx, or one sharing the cores with a
#      JVM still busy with the clicks of the run before, flatters the ratio).
# Prints the three rates, p50/p99, answers that were not redirects, the ratios against nginx, the load average before
# each run, and the CPU seconds the JVM and its servers (PostgreSQL, Redis; Kafka is in the JVM) used in each run.
# During the clicks run it samples the link-stats processor's lag every second (a soak: DURATION=180s LINKS=1000).
# Also prints the bytes per click kept on Kafka and in PostgreSQL. Installs wrk, nginx and psql (Debian packages) if
# missing.
#
#   bench/redirect-bench.sh                 # defaults below; override with environment variables
#   LINKS=5000 WARMUP=40s DURATION=15s CONNECTIONS=64 bench/redirect-bench.sh
#   PROFILE_DIR=/tmp/profiles bench/redirect-bench.sh   # also JFR recordings of the preload and both measured runs
#   PROFILE_SETTINGS=/tmp/my.jfc PROFILE_DIR=... bench/redirect-bench.sh  # with JFR settings of your own (default: profile)
#   JAVA_OPTS=-Xmx1g bench/redirect-bench.sh             # options for the system's JVM
#   SKIP_BUILD=1 JAR=/tmp/other.jar bench/redirect-bench.sh   # another build of the jar, to compare two
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

LINKS=${LINKS:-100000}
PRELOAD_CLIENTS=${PRELOAD_CLIENTS:-32}
WARMUP=${WARMUP:-35s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PROFILE_DIR=${PROFILE_DIR:-}
PROFILE_SETTINGS=${PROFILE_SETTINGS:-profile}
JAR=${JAR:-infra/target/shortlink.jar}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18089}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25432} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26379}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29092} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29093}
base="http://127.0.0.1:$SHORTLINK_PORT"
# Creations with the admin key are not rate-limited (anonymous ones are limited to 100 an hour per address).
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
export SHORTLINK_API_KEY=$SHORTLINK_ADMIN_KEY

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v psql >/dev/null; then
  echo "== installing wrk, nginx and psql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light postgresql-client >/dev/null
fi
build_unless_skipped
for port in "$SHORTLINK_PORT" "$NGINX_PORT" "$SHORTLINK_POSTGRES_PORT" "$SHORTLINK_REDIS_PORT" "$SHORTLINK_KAFKA_PORT"; do
  if ss -ltn | grep -q ":$port "; then
    echo "port $port is taken (a leftover server?): choose other ports (see the variables at the top)" >&2; exit 1
  fi
done
[ -n "$PROFILE_DIR" ] && mkdir -p "$PROFILE_DIR"

work=$(mktemp -d)
export SHORTLINK_DATA_DIR="$work/data" CODES_FILE="$work/codes.txt"
app=
cleanup() {
  stop_system
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

profile_start() { [ -z "$PROFILE_DIR" ] || jcmd "$app" JFR.start name="$1" settings="$PROFILE_SETTINGS" filename="$PROFILE_DIR/$1.jfr" >/dev/null; }
profile_stop() { [ -z "$PROFILE_DIR" ] || jcmd "$app" JFR.stop name="$1" >/dev/null; }

measure_shortlink() { # $1: name of the run
  echo "== warming up the JVM for $WARMUP"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/random-codes.lua "$base" >/dev/null
  echo "== $1: Shortlink GET /{code}, $DURATION, $CONNECTIONS connections, load average $(load)"
  load >"$work/$1.load"
  local jvm_before tree_before
  jvm_before=$(jvm_cpu_seconds); tree_before=$(system_cpu_seconds); thread_cpu_ms >"$work/$1.threads-before"
  profile_start "$1"
  ( while :; do stats_lag_ms; sleep 1; done ) >"$work/$1.lag" &
  local sampler=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/random-codes.lua "$base" | tee "$work/$1.txt"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  profile_stop "$1"
  if [ -s "$work/$1.lag" ]; then
    sort -n "$work/$1.lag" | awk '{v[NR]=$1} END{printf "link-stats lag during the run, sampled each second (ms): p50 %d, p90 %d, max %d, at the end %d\n", v[int(NR*0.5)+1], v[int(NR*0.9)+1], v[NR], last}' last="$(tail -1 "$work/$1.lag")" | tee -a "$work/$1.txt"
  fi
  thread_cpu_ms >"$work/$1.threads-after"
  local requests
  requests=$(awk '/requests in/{print $1}' "$work/$1.txt")
  echo "JVM CPU per request by thread group (the largest; µs):"
  awk -F'\t' -v n="$requests" 'NR==FNR{before[$1]=$2; next} {d=$2-before[$1]; if (d > 0) printf "%8.1f  %s\n", d*1000/n, $1}' \
    "$work/$1.threads-before" "$work/$1.threads-after" | sort -rn | head -12 | tee -a "$work/$1.txt"
  awk -v a="$jvm_before" -v b="$(jvm_cpu_seconds)" -v c="$tree_before" -v d="$(system_cpu_seconds)" \
    'BEGIN{printf "CPU during the run: JVM %.1f s, its servers (PostgreSQL, Redis) %.1f s\n", b-a, (d-c)-(b-a)}' | tee -a "$work/$1.txt"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(java -version 2>&1 | head -1)"
echo "== starting the embedded default on :$SHORTLINK_PORT, clicks recorded"
start_system clicks
redis_before=$(redis_used_memory)

echo "== creation throughput: preloading $LINKS links with $PRELOAD_CLIENTS clients, load average $(load)"
profile_start creations
java bench/Preload.java "$base" "$LINKS" "$PRELOAD_CLIENTS" "$CODES_FILE"
profile_stop creations
last=$(tail -1 "$CODES_FILE")
await_redirect "$last" "$(date +%s%N)" >/dev/null
echo "== create-to-redirectable lag"
java bench/CreateToRedirectLag.java "$base" 200

redis_after=$(redis_used_memory)
echo "== memory: Redis $(( (redis_after - redis_before) / LINKS )) bytes per link (used_memory $redis_before -> $redis_after)"

measure_shortlink redirects-clicks
heap=$(curl -s "$base/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/{sum+=$NF} END{printf "%.0f", sum/1048576}')
echo "== memory: JVM heap used after the run: $heap MiB"
curl -s "$base/actuator/prometheus" | grep -E '^(shortlink_(redirect_cache_hit_ratio|clicks_recorded_total|clicks_dropped_total|clicks_buffer_size)|cache_gets_total)' || true
await_idle
echo "== the last click reached link-stats $(stats_lag_ms) ms after it was made (the lag when it was taken)"
recorded=$(curl -s "$base/actuator/prometheus" | awk '/^shortlink_clicks_recorded_total/{printf "%.0f", $NF}')
echo "== JVM CPU per recorded click since the start, backlog included (the click pipeline's thread groups; µs):"
thread_cpu_ms | awk -F'\t' -v n="$recorded" '$1 ~ /link-stats|click-publisher|kafka|AsyncFetcher/ {printf "%8.1f  %s\n", $2*1000/n, $1}' \
  | sort -rn | tee "$work/click-pipeline.txt"
# Bytes per click at rest: the clicks topic's log segments, and the link-stats tables with their indexes.
kafka_bytes=$(cat "$SHORTLINK_DATA_DIR"/kafka/logs/shortlink.clicks-*/*.log | wc -c)
stats_bytes=$(psql -qtA -h 127.0.0.1 -p "$SHORTLINK_POSTGRES_PORT" -U postgres shortlink -c \
  "select coalesce(sum(pg_total_relation_size(oid)), 0) from pg_class where relkind = 'r' and relname like 'link_stats%'" 2>/dev/null || echo 0)
awk -v n="$recorded" -v k="$kafka_bytes" -v p="$stats_bytes" \
  'BEGIN{printf "== bytes per click: Kafka %.1f (%d bytes of clicks topic), PostgreSQL link_stats* %.1f (%d bytes), %d clicks\n", k/n, k, p/n, p, n}' \
  | tee "$work/bytes-per-click.txt"
echo "== stopping Shortlink"
stop_system

echo "== restarting on the same data, clicks not recorded"
SHORTLINK_CLICKS_RECORDING=false start_system no-clicks
await_redirect "$last" "$(date +%s%N)" >/dev/null
await_idle
measure_shortlink redirects-no-clicks
stop_system

# The baseline gets the machine Shortlink had: nothing of Shortlink may still run (the JVM is waited for above).
if ss -ltn | grep -qE ":($SHORTLINK_PORT|$SHORTLINK_POSTGRES_PORT|$SHORTLINK_REDIS_PORT|$SHORTLINK_KAFKA_PORT) "; then
  echo "Shortlink's servers still listen: the nginx baseline would not be fair" >&2; exit 1
fi
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 302 https://example.com/; } }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 1
echo "== nginx return 302 baseline (worker_processes auto, Shortlink stopped), $DURATION, $CONNECTIONS connections, load average $(load)"
load >"$work/nginx.load"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/random-codes.lua "http://127.0.0.1:$NGINX_PORT" | tee "$work/nginx.txt"
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

rate() { awk '/Requests\/sec/{print $2}' "$1"; }
pct() { awk -v p="$2" '$1==p{print $2}' "$1"; }
not_redirects() { awk -F': ' '/answers that were not redirects/{print $NF}' "$1"; }
echo "== summary (wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $LINKS links, warm-up $WARMUP)"
nginx_rate=$(rate "$work/nginx.txt")
for run in redirects-clicks redirects-no-clicks nginx; do
  awk -v name="$run" -v r="$(rate "$work/$run.txt")" -v n="$nginx_rate" -v p50="$(pct "$work/$run.txt" 50%)" \
      -v p99="$(pct "$work/$run.txt" 99%)" -v bad="$(not_redirects "$work/$run.txt")" -v load="$(cat "$work/$run.load")" \
    'BEGIN{printf "%-20s %9.0f req/s  %.2f of nginx  p50 %-8s p99 %-8s non-3xx %s  load before: %s\n", name, r, r/n, p50, p99, bad, load}'
done
