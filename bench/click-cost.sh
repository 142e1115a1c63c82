#!/usr/bin/env bash
# What a click costs the system's JVM, by thread group: starts the embedded default on a fresh data directory, warms
# it up with a burst of redirects, then fires a measured burst (bench/ClickStatsBurst.java: one link, browser user
# agents, referrers and countries) and waits until the stats count every click. Prints the JVM's CPU per click by
# thread group over the measured burst and its catch-up — the click's whole trip: the redirect, the spool, the
# producer, the broker, link-stats and visit-counts. CPU time, unlike a rate, is only mildly disturbed by other work
# on the machine, so two builds or two settings can be compared on a shared machine (the load is printed anyway).
#
#   bench/click-cost.sh                                        # 50,000 clicks after a 20,000 warm-up
#   CLICKS=100000 WARMUP_CLICKS=50000 bench/click-cost.sh
#   JAVA_OPTS=-Daxon.timeout.handler.events.timeout-ms=10000 bench/click-cost.sh   # options for the system's JVM
#   SKIP_BUILD=1 JAR=/tmp/other.jar bench/click-cost.sh        # another build of the jar, to compare two
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

CLICKS=${CLICKS:-50000}
WARMUP_CLICKS=${WARMUP_CLICKS:-20000}
CLIENTS=${CLIENTS:-16}
JAR=${JAR:-infra/target/shortlink.jar}
export SHORTLINK_PORT=${SHORTLINK_PORT:-21180}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-21432} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-21379}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-21092} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-21093}
base="http://127.0.0.1:$SHORTLINK_PORT"

build_unless_skipped
fresh_work

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1); JAVA_OPTS=${JAVA_OPTS:-}"
start_system click-cost
echo "== warm-up: $WARMUP_CLICKS clicks, load average $(load)"
java bench/ClickStatsBurst.java "$base" "$WARMUP_CLICKS" "$CLIENTS" | tail -1
thread_cpu_ms >"$work/before"
echo "== measured: $CLICKS clicks, load average $(load)"
java bench/ClickStatsBurst.java "$base" "$CLICKS" "$CLIENTS" | tail -2
thread_cpu_ms >"$work/after"
echo "== load average after: $(load)"
echo "== JVM CPU per click by thread group (µs), burst and catch-up:"
awk -F'\t' -v n="$CLICKS" 'NR==FNR{before[$1]=$2; next} {d=$2-before[$1]; total+=d; if (d > 0) printf "%8.1f  %s\n", d*1000/n, $1}
  END{printf "%8.1f  all threads\n", total*1000/n}' "$work/before" "$work/after" | sort -rn | head -24
