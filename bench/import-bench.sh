#!/usr/bin/env bash
# Rows per second of an import (POST /api/v1/imports) of a 100,000-row YOURLS export. Starts the embedded default on
# its own ports and a fresh data directory, issues a key, writes the file (codes b0…b99999, creation times in 2015),
# and runs the import command line (upload, then the job followed to DONE). Prints the upload time, the import time
# and rows/s from the upload's start to DONE, then checks a few codes redirect. JFR=1 records the JVM meanwhile
# (profile settings) and prints its top frames with bench/JfrTop.java. Build first, or it builds.
#
#   bench/import-bench.sh                    # ROWS=100000
#   ROWS=20000 SKIP_BUILD=1 JFR=1 bench/import-bench.sh
#   JAR=/tmp/shortlink.jar SKIP_BUILD=1 bench/import-bench.sh   # a jar of its own, while builds run
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-100000}
JAVA_OPTS=${JAVA_OPTS:-}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18791}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25552} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26499}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29212} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29213}
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
base="http://127.0.0.1:$SHORTLINK_PORT"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q package -DskipTests
fi
work=$(mktemp -d)
export SHORTLINK_DATA_DIR=$work/data
# A copy, so that a build meanwhile does not change the jar under the running JVM.
cp "${JAR:-infra/target/shortlink.jar}" "$work/shortlink.jar"
if [ "${JFR:-}" = 1 ]; then
  JAVA_OPTS="$JAVA_OPTS -XX:StartFlightRecording=filename=$work/import.jfr,settings=profile"
fi
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$work/shortlink.jar" >"$work/run.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$work/run.log" >&2; exit 1; }
  sleep 0.5
done

key=$(curl -sf -X POST "$base/api/v1/admin/keys" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" \
      -H 'Content-Type: application/json' -d '{"owner":"import-bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
echo "== writing $ROWS rows"
awk -v rows="$ROWS" 'BEGIN {
  print "keyword,url,title,timestamp,ip,clicks"
  for (i = 0; i < rows; i++)
    printf "b%d,https://example.com/imported/page-%d?utm_source=bench,Page %d,2015-%02d-%02d %02d:%02d:%02d,127.0.0.1,%d\n",
           i, i, i, 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i % 97
}' >"$work/links.csv"
ls -l "$work/links.csv" | awk '{printf "   %.1f MB\n", $5 / 1048576}'

echo "== load before: $(uptime)"
start=$(date +%s%N)
# the progress bar redraws one line with carriage returns: only the summary is kept
java -jar "$work/shortlink.jar" import --file "$work/links.csv" --url "$base" --key "$key" --poll 200 \
  | tr '\r' '\n' | grep -v '^import ' | tail -5
end=$(date +%s%N)
echo "== load after: $(uptime)"
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", (e - s) / 1e9}')
echo "== $ROWS rows in $seconds s: $(awk -v r="$ROWS" -v s="$seconds" 'BEGIN {printf "%d", r / s}') rows/s (upload to DONE, CLI included)"

for i in 0 $((ROWS / 2)) $((ROWS - 1)); do
  for attempt in $(seq 1 100); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -I "$base/b$i")
    [ "$status" = 302 ] && break
    sleep 0.2
  done
  echo "   /b$i answers $status"
done
if [ "${JFR:-}" = 1 ]; then
  jcmd "$pid" JFR.stop name=1 >/dev/null 2>&1 || jcmd "$pid" JFR.dump filename="$work/import.jfr" >/dev/null
  java bench/JfrTop.java "$work/import.jfr" | head -40
fi
