#!/usr/bin/env bash
# Time from starting the run command's JVM to the first healthy answer of /actuator/health, on a fresh data directory
# (initdb, Kafka format) and again on the same directory (a restart). Build first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=infra/target/shortlink.jar
port=${SHORTLINK_PORT:-8080}
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 1; }
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

start_and_time() {
  local started now
  started=$(date +%s%N)
  SHORTLINK_DATA_DIR="$data" java -jar "$jar" >"$data/run.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "the system did not start; see $data/run.log" >&2; tail -20 "$data/run.log" >&2; exit 1; }
    sleep 0.05
  done
  now=$(date +%s%N)
  echo "$1: $(( (now - started) / 1000000 )) ms to the first healthy response"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}

start_and_time "fresh data directory"
start_and_time "restart on the same data"
