#!/usr/bin/env bash
# The replay throughput benchmark, runnable by a newcomer: builds, starts the embedded default on its own ports and a
# fresh data directory, writes a large history through the API (bench/HistoryGenerator.java: links created, changed,
# deleted and expired, then clicks with varied agents, referrers, addresses and countries) and waits until the live
# projections have caught up. Then it replays each projection through the admin API, one after the other, polling its
# status and sampling the memory (process RSS, JVM heap in use) once a second, and prints a table of events/s and
# peak memory per projection. A replay's time runs from start to DONE: handling the events, comparing the new
# generation with the live one, the switch; "handled after" is when the status first showed every event handled
# (±1 s), with the rate of that phase alone. Exits non-zero when a replay is rejected or ends FAILED.
# JAVA_OPTS go to the system's JVM (e.g. -Xmx1g).
#
#   bench/replay-bench.sh                         # defaults below: 100,000 links and 900,000 clicks (> 1 M events)
#   LINKS=5000 CLICKS=50000 PROJECTIONS="redirect-view link-catalog" SKIP_BUILD=1 bench/replay-bench.sh
#   HISTORY_DIR=/tmp/history bench/replay-bench.sh  # keeps the stores there; the next run with it replays the same
#                                                   # history again without writing it (compare a change on it)
set -euo pipefail
cd "$(dirname "$0")/.."

LINKS=${LINKS:-100000}
CLICKS=${CLICKS:-900000}
CLIENTS=${CLIENTS:-32}
PROJECTIONS=${PROJECTIONS:-redirect-view link-catalog link-stats}
REPLAY_TIMEOUT=${REPLAY_TIMEOUT:-1800}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18780}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25532} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26479}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29192} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29193}
# The generator sends each click from an address of its own in X-Forwarded-For, so visitors vary.
export SHORTLINK_CLIENT_IP_HEADER=X-Forwarded-For
base="http://127.0.0.1:$SHORTLINK_PORT"
# Creations with the admin key are not rate-limited; replays need it.
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
export SHORTLINK_API_KEY=$SHORTLINK_ADMIN_KEY
admin=(-H "Authorization: Bearer $SHORTLINK_ADMIN_KEY")

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== building"
  ./mvnw -B -q package -DskipTests
fi

work=$(mktemp -d)
history_dir=${HISTORY_DIR:-$work}
mkdir -p "$history_dir"
export SHORTLINK_DATA_DIR="$history_dir/data"
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null && { wait "$app" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

rss_mib() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$app/status"; }
heap_mib() {
  curl -s "$base/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/{sum+=$NF} END{printf "%.0f", sum/1048576}'
}
field() { jq -r "$1 // empty" <<<"$replay"; }
seconds_between() { awk -v a="$(date -d "$1" +%s.%N)" -v b="$(date -d "$2" +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
now() { date -u +%Y-%m-%dT%H:%M:%S.%NZ; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(java -version 2>&1 | head -1)"
echo "== load before: $(uptime)"
echo "== starting the embedded default on :$SHORTLINK_PORT"
java ${JAVA_OPTS:-} -jar infra/target/shortlink.jar >"$work/run.log" 2>&1 &
app=$!
until curl -sf "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$app" 2>/dev/null || { tail -30 "$work/run.log"; exit 1; }
  sleep 0.2
done

if [ -f "$history_dir/history.txt" ]; then
  echo "== replaying the history kept in $history_dir"
else
  echo "== writing the history: $LINKS links, $CLICKS clicks, $CLIENTS clients"
  java bench/HistoryGenerator.java "$base" "$LINKS" "$CLICKS" "$CLIENTS" | tee "$history_dir/history.txt.writing"
  mv "$history_dir/history.txt.writing" "$history_dir/history.txt"
fi

table="| projection | events | seconds | events/s | handled after | peak heap (at start) | peak RSS (at start) | status |
|---|---|---|---|---|---|---|---|"
failed=0
for projection in $PROJECTIONS; do
  echo "== replaying $projection"
  heap_start=$(heap_mib) rss_start=$(rss_mib)
  heap_peak=$heap_start rss_peak=$rss_start
  answer=$(curl -s -w '\n%{http_code}' "${admin[@]}" -H 'Content-Type: application/json' \
    -d "{\"projection\":\"$projection\"}" "$base/api/v1/admin/replays")
  if [ "$(tail -1 <<<"$answer")" != 202 ]; then
    echo "rejected: $answer"
    table+=$'\n'"| $projection | | | | | | | rejected: $(head -1 <<<"$answer" | jq -r '.code // .') |"
    failed=1
    continue
  fi
  id=$(head -1 <<<"$answer" | jq -r .id)
  deadline=$((SECONDS + REPLAY_TIMEOUT)) handled_at=""
  while :; do
    sleep 1 # once a second: polling and sampling must not take the cores the replay measures
    replay=$(curl -s "${admin[@]}" "$base/api/v1/admin/replays/$id") polled=$(now)
    heap=$(heap_mib) rss=$(rss_mib)
    (( heap > heap_peak )) && heap_peak=$heap
    (( rss > rss_peak )) && rss_peak=$rss
    # One jq a poll: each start of jq costs tens of milliseconds of the cores the replay measures.
    IFS=$'\t' read -r status processed total rate < <(jq -r '[.status, .processed, .total, .eventsPerSecond] | @tsv' <<<"$replay")
    [ "$status" != RUNNING ] && break
    [ -z "$handled_at" ] && [ "$processed" = "$total" ] && handled_at=$polled
    echo "  $processed/$total events, $rate/s"
    if (( SECONDS > deadline )); then status="still RUNNING after ${REPLAY_TIMEOUT}s"; break; fi
  done
  echo "$replay" | jq -c .
  started=$(field .startedAt) finished=$(field .finishedAt) error=$(field .error)
  seconds="" handled="–" # when every event was handled before the first poll
  [ -n "$finished" ] && seconds=$(seconds_between "$started" "$finished")
  [ -n "$handled_at" ] && handled=$(awk -v s="$(seconds_between "$started" "$handled_at")" -v n="$(field .processed)" \
    'BEGIN{printf "%.1f s (%.0f/s)", s, n/s}')
  echo "  total events in the stream(s): $(field .total)"
  [ "$status" = DONE ] || failed=1
  table+=$'\n'"| $projection | $(field .processed) | $seconds | $(field .eventsPerSecond) | $handled | $heap_peak MiB ($heap_start) | $rss_peak MiB ($rss_start) | $status${error:+: $error} |"
done

echo "== load after: $(uptime)"
echo "== history"
grep -E '^(links:|clicks:|caught up|history:)' "$history_dir/history.txt"
echo "== replays"
echo "$table"
exit "$failed"
