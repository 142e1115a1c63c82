#!/usr/bin/env bash
# The creation benchmark (issue 12 item 3), runnable by a newcomer. Starts the embedded default on a fresh data
# directory and ports of its own, issues a NON-admin API key through the admin API with a rate limit high enough for
# the run (creations with an ordinary key pass the rate limit, as production callers do; the admin skips it), then:
#   1. a warm-up of WARMUP_LINKS creations (the JIT compiles the creation path),
#   2. the measured burst: creations from CLIENTS concurrent connections for DURATION seconds, zero failures required,
#   3. at once, the create-to-redirectable lag of 200 sequential creations (goal: p99 < 250 ms).
# Prints the load average before each step and the JVM's CPU by thread group during the burst.
#
#   bench/creation-bench.sh                                  # defaults below; override with environment variables
#   PROFILE_DIR=/tmp/profiles bench/creation-bench.sh        # also a JFR recording of the burst (java bench/JfrTop.java)
#   SKIP_BUILD=1 JAR=/tmp/other.jar bench/creation-bench.sh  # another build of the jar, to compare two
#   KEEP_WORK=1 bench/creation-bench.sh                      # keeps the data directory and the system's log
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

WARMUP_LINKS=${WARMUP_LINKS:-20000}
DURATION=${DURATION:-15}
CLIENTS=${CLIENTS:-32}
PROFILE_DIR=${PROFILE_DIR:-}
JAR=${JAR:-infra/target/shortlink.jar}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18180}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25532} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26479}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29192} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29193}
base="http://127.0.0.1:$SHORTLINK_PORT"
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}

build_unless_skipped
for port in "$SHORTLINK_PORT" "$SHORTLINK_POSTGRES_PORT" "$SHORTLINK_REDIS_PORT" "$SHORTLINK_KAFKA_PORT"; do
  if ss -ltn | grep -q ":$port "; then
    echo "port $port is taken (a leftover server?): choose other ports (see the variables at the top)" >&2; exit 1
  fi
done
[ -n "$PROFILE_DIR" ] && mkdir -p "$PROFILE_DIR"

fresh_work

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(java -version 2>&1 | head -1)"
echo "== starting $JAR on :$SHORTLINK_PORT, fresh data directory"
start_system app

# An ordinary key whose hourly limit the run cannot reach: the rate limit is checked on every creation, as for any
# caller with a key, without refusing any.
issued=$(curl -sS --fail-with-body -X POST "$base/api/v1/admin/keys" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" \
  -H 'Content-Type: application/json' -d '{"owner":"bench","rateLimitPerHour":1000000}')
SHORTLINK_API_KEY=$(sed -E 's/.*"key":"([^"]+)".*/\1/' <<<"$issued")
export SHORTLINK_API_KEY
echo "== non-admin key issued for owner bench, rateLimitPerHour 1000000 (the most a key may have; the run takes far fewer)"

# The first creations of a cold JVM on a busy machine may outlast the 2 s storage deadline (503): wait for one to pass.
until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/links" -H "Authorization: Bearer $SHORTLINK_API_KEY" \
  -H 'Content-Type: application/json' -d '{"url":"https://example.com/first"}')" = 201 ]; do sleep 1; done
echo "== warm-up: $WARMUP_LINKS creations, $CLIENTS clients, load average $(load)"
java bench/Preload.java "$base" "$WARMUP_LINKS" "$CLIENTS" "$work/warmup-codes.txt"

echo "== burst: $CLIENTS clients for $DURATION s, load average $(load)"
thread_cpu_ms >"$work/threads-before"
[ -z "$PROFILE_DIR" ] || jcmd "$app" JFR.start name=creations settings=profile filename="$PROFILE_DIR/creations.jfr" >/dev/null
java bench/Preload.java "$base" 200000 "$CLIENTS" "$work/burst-codes.txt" "$DURATION" | tee "$work/burst.txt"
[ -z "$PROFILE_DIR" ] || jcmd "$app" JFR.stop name=creations >/dev/null
thread_cpu_ms >"$work/threads-after"

echo "== create-to-redirectable lag right after the burst, load average $(load)"
java bench/CreateToRedirectLag.java "$base" 200

created=$(wc -l <"$work/burst-codes.txt")
echo "== JVM CPU per creation during the burst by thread group (the largest; µs):"
awk -F'\t' -v n="$created" 'NR==FNR{before[$1]=$2; next} {d=$2-before[$1]; if (d > 0) printf "%8.1f  %s\n", d*1000/n, $1}' \
  "$work/threads-before" "$work/threads-after" | sort -rn | head -12
