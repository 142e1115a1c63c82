#!/usr/bin/env bash
# What a creation costs the system's JVM, by thread group: starts the embedded default on a fresh data directory,
# issues a non-admin key (the rate limit is checked on every creation, as in bench/creation-bench.sh), warms up with
# creations from 32 connections, then creates for a measured while and waits until the system is idle again (the
# read side caught up). Prints the JVM's CPU per creation by thread group over the measured creations and their
# catch-up: the request, the command, the publisher, the broker and every projection. CPU time, unlike a rate, is
# only mildly disturbed by other work on the machine, so two builds can be compared on a shared machine (the load is
# printed anyway). The idle system's own work (pollers, heartbeats, the JIT) is measured for IDLE_SECONDS before the
# creations and its rate subtracted from every thread group: without it, a slow run's idle minutes of catch-up would
# outweigh what the creations cost. Failed creations (a 503 on an overloaded machine) are counted, not fatal: this
# measures cost; the rate and its zero-failure goal are bench/creation-bench.sh's.
#
#   bench/creation-cost.sh                                     # 90 s warm-up, 40 s measured
#   WARMUP_SECONDS=300 SECONDS_MEASURED=60 bench/creation-cost.sh
#   PROFILE_DIR=/tmp/profiles bench/creation-cost.sh           # also a JFR recording of the measured creations
#   SKIP_BUILD=1 JAR=/tmp/other.jar bench/creation-cost.sh     # another build of the jar, to compare two
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

WARMUP_SECONDS=${WARMUP_SECONDS:-90}
SECONDS_MEASURED=${SECONDS_MEASURED:-40}
IDLE_SECONDS=${IDLE_SECONDS:-30}
CLIENTS=${CLIENTS:-32}
PROFILE_DIR=${PROFILE_DIR:-}
JAR=${JAR:-infra/target/shortlink.jar}
export SHORTLINK_PORT=${SHORTLINK_PORT:-22180}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-22432} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-22379}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-22092} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-22093}
base="http://127.0.0.1:$SHORTLINK_PORT"
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}

build_unless_skipped
[ -n "$PROFILE_DIR" ] && mkdir -p "$PROFILE_DIR"
fresh_work

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1); JAVA_OPTS=${JAVA_OPTS:-}"
start_system creation-cost
issued=$(curl -sS --fail-with-body -X POST "$base/api/v1/admin/keys" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" \
  -H 'Content-Type: application/json' -d '{"owner":"bench","rateLimitPerHour":1000000}')
SHORTLINK_API_KEY=$(sed -E 's/.*"key":"([^"]+)".*/\1/' <<<"$issued")
export SHORTLINK_API_KEY
until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/links" -H "Authorization: Bearer $SHORTLINK_API_KEY" \
  -H 'Content-Type: application/json' -d '{"url":"https://example.com/first"}')" = 201 ]; do sleep 1; done
echo "== warm-up: $WARMUP_SECONDS s, $CLIENTS connections, load average $(load)"
java bench/CreationLoad.java "$base" "$WARMUP_SECONDS" "$CLIENTS"
await_idle
[ -z "$PROFILE_DIR" ] || jcmd "$app" JFR.start name=creations settings=profile filename="$PROFILE_DIR/creations.jfr" >/dev/null
thread_cpu_ms >"$work/idle"
jvm_idle=$(jvm_cpu_seconds)
idle_started=$(date +%s.%N)
sleep "$IDLE_SECONDS"
thread_cpu_ms >"$work/before"
jvm_before=$(jvm_cpu_seconds)
measured_started=$(date +%s.%N)
echo "== measured: $SECONDS_MEASURED s, load average $(load)"
java bench/CreationLoad.java "$base" "$SECONDS_MEASURED" "$CLIENTS" | tee "$work/measured.txt"
await_idle
thread_cpu_ms >"$work/after"
jvm_after=$(jvm_cpu_seconds)
measured_ended=$(date +%s.%N)
[ -z "$PROFILE_DIR" ] || jcmd "$app" JFR.stop name=creations >/dev/null
echo "== load average after: $(load)"
created=$(awk '{print $2}' "$work/measured.txt")
scale=$(awk -v i="$idle_started" -v b="$measured_started" -v e="$measured_ended" 'BEGIN{print (e - b) / (b - i)}')
echo "== JVM CPU per creation, all threads, creations and catch-up, less the idle rate (µs): $(awk -v i="$jvm_idle" \
  -v b="$jvm_before" -v a="$jvm_after" -v s="$scale" -v n="$created" 'BEGIN{printf "%.0f", ((a - b) - (b - i) * s) * 1e6 / n}')"
# Only the threads alive at both ends count below: a pool thread that ended in between (Tomcat's idle workers, the
# event store's feeder when nothing tails it) takes its CPU along, so those groups come out low.
echo "== by thread group, the same way (µs):"
awk -F'\t' -v n="$created" -v scale="$scale" 'FILENAME==ARGV[1]{idle[$1]=$2; next} FILENAME==ARGV[2]{before[$1]=$2; next}
  {d=($2-before[$1]) - (before[$1]-idle[$1])*scale; total+=d; if (d > 0) printf "%8.1f  %s\n", d*1000/n, $1}
  END{printf "%8.1f  all threads\n", total*1000/n}' "$work/idle" "$work/before" "$work/after" | sort -rn | head -20
