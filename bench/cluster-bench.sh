#!/usr/bin/env bash
# The cluster benchmark: starts `infra/cluster.sh up --command 1 --query 2` on its own ports and a fresh data
# directory, preloads links, and measures through HAProxy
#   1. the redirect rate with 2 query instances, with 1, and straight to one instance without the balancer;
#   2. the failover blip: wrk through the balancer while one query instance is killed (answers that were not
#      redirects, socket errors, the seconds in which they fell), and the clicks lost with the killed instance;
#   3. the take-over time: the instance that holds a processor is killed, a link is created at once, and the time
#      until it redirects is taken (query side: redirect-view; command side: the Kafka publisher).
# Installs wrk and psql (Debian packages) if missing. The same two cores run everything: the figures state the cost
# of an instance, not a gain from adding one.
#
#   bench/cluster-bench.sh                   # LINKS=5000 WARMUP=30s DURATION=20s CONNECTIONS=64
set -euo pipefail
cd "$(dirname "$0")/.."

LINKS=${LINKS:-5000}
WARMUP=${WARMUP:-30s}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
export SHORTLINK_PORT=${SHORTLINK_PORT:-38080}
export SHORTLINK_CLUSTER_COMMAND_PORT=${SHORTLINK_CLUSTER_COMMAND_PORT:-38180}
export SHORTLINK_CLUSTER_QUERY_PORT=${SHORTLINK_CLUSTER_QUERY_PORT:-38280}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-35432} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-36379}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-39092} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-39093}
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
export SHORTLINK_API_KEY=$SHORTLINK_ADMIN_KEY
balancer="http://127.0.0.1:$SHORTLINK_PORT"
query() { echo "http://127.0.0.1:$((SHORTLINK_CLUSTER_QUERY_PORT + $1))"; }

if ! command -v wrk >/dev/null || ! command -v psql >/dev/null; then
  echo "== installing wrk and psql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk postgresql-client >/dev/null
fi
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== building"
  ./mvnw -B -q package -DskipTests
fi

work=$(mktemp -d)
export SHORTLINK_DATA_DIR="$work/data" CODES_FILE="$work/codes.txt"
cleanup() {
  infra/cluster.sh down || true
  rm -rf "$work"
}
trap cleanup EXIT

owner_of() { # the instance of side $1 that holds processor $2
  local owner i pid
  owner=$(psql -qtA -h 127.0.0.1 -p "$SHORTLINK_POSTGRES_PORT" -U postgres shortlink \
    -c "select owner from token_entry where processor_name = '$2'")
  for ((i = 1; i <= 2; i++)); do
    pid=$(cat "$SHORTLINK_DATA_DIR/cluster/$1-$i.pid" 2>/dev/null) || continue
    if [[ $owner =~ (^|[^0-9])$pid@ ]]; then echo "$i"; return; fi
  done
  echo "no $1 instance holds $2 (owner: $owner)" >&2; return 1
}

create() { # creates a link through the balancer (sent again with the same Idempotency-Key on a failure); prints its code
  local key attempt created
  key=$(cat /proc/sys/kernel/random/uuid)
  for attempt in 1 2 3 4 5; do
    if created=$(curl -sf -X POST "$balancer/api/v1/links" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" \
        -H "Idempotency-Key: $key" -H 'Content-Type: application/json' -d "{\"url\":\"$1\"}"); then
      sed -E 's/.*"code":"([^"]+)".*/\1/' <<< "$created"
      return
    fi
    echo "creation attempt $attempt failed" >&2
    sleep 0.5
  done
  return 1
}

millis_until_redirect() { # polls GET /$1 through the balancer; prints the ms from $2 (epoch ms) to its first 302
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -I "$balancer/$1")" = 302 ]; do sleep 0.05; done
  echo $(( $(date +%s%3N) - $2 ))
}

wrk_run() { # label, url, duration: wrk with random codes, a summary line
  wrk -t2 -c"$CONNECTIONS" -d"$3" --latency -s bench/random-codes.lua "$2" > "$work/wrk.txt" 2>&1
  printf '%-40s %10s req/s  p50 %8s  p99 %8s  %s\n' "$1" "$(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")" \
    "$(awk '$1=="50%"{print $2}' "$work/wrk.txt")" "$(awk '$1=="99%"{print $2}' "$work/wrk.txt")" \
    "$(grep -E 'not redirects|Socket errors' "$work/wrk.txt" | tr '\n' ' ')"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(java -version 2>&1 | head -1)"
started=$(date +%s)
infra/cluster.sh up --command 1 --query 2
echo "== cluster of 1 command and 2 query instances up in $(( $(date +%s) - started )) s"

echo "== preloading $LINKS links through the balancer"
java bench/Preload.java "$balancer" "$LINKS" 16 "$CODES_FILE"
last=$(tail -1 "$CODES_FILE")
millis_until_redirect "$last" "$(date +%s%3N)" > /dev/null

echo "== warming up both query instances for $WARMUP"
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/random-codes.lua "$balancer" > /dev/null

echo "== redirect rate, $DURATION each, $CONNECTIONS connections, wrk on the same cores"
wrk_run "balancer, 2 query instances" "$balancer" "$DURATION"
wrk_run "query-1 directly, no balancer" "$(query 1)" "$DURATION"
infra/cluster.sh kill query 2
sleep 3 # HAProxy marks the instance down after two failed checks a second apart
wrk_run "balancer, 1 query instance" "$balancer" "$DURATION"
infra/cluster.sh start query 2
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/random-codes.lua "$(query 2)" > /dev/null

echo "== failover: wrk through the balancer for 30 s, query-1 killed after 10 s"
clicked=$(create "https://example.com/failover")
millis_until_redirect "$clicked" "$(date +%s%3N)" > /dev/null
( sleep 10; infra/cluster.sh kill query 1 ) &
echo "$clicked" > "$work/one-code.txt"
CODES_FILE="$work/one-code.txt" wrk -t2 -c"$CONNECTIONS" -d30s --latency -s bench/random-codes.lua "$balancer" > "$work/failover.txt" 2>&1
wait
cat "$work/failover.txt"
answered=$(awk '/requests in/{print $1}' "$work/failover.txt")
not_redirects=$(awk '/not redirects/{print $NF}' "$work/failover.txt")
stats() { curl -s "$balancer/api/v1/links/$clicked/stats" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" |
  sed -E 's/.*"totalClicks":([0-9]+).*"botClicks":([0-9]+).*/\1 \2/' | awk '{print $1 + $2}'; }
previous=-1; counted=$(stats)
while [ "$counted" != "$previous" ]; do sleep 3; previous=$counted; counted=$(stats); done
redirects=$((answered - not_redirects))
echo "clicks: $redirects redirects answered, $counted counted, $((redirects - counted)) lost with the killed instance"
infra/cluster.sh start query 1

echo "== take-over: the owner of a processor killed, a link created at once"
owner=$(owner_of query redirect-view)
infra/cluster.sh kill query "$owner"
t0=$(date +%s%3N); code=$(create "https://example.com/query-take-over")
echo "query side (redirect-view held by query-$owner): redirects $(millis_until_redirect "$code" "$t0") ms after the kill"
infra/cluster.sh start query "$owner"
infra/cluster.sh up --command 2 --query 2 > /dev/null 2>&1
owner=$(owner_of command __axon-kafka-event-publishing-group)
infra/cluster.sh kill command "$owner"
t0=$(date +%s%3N); code=$(create "https://example.com/command-take-over")
echo "command side (publisher held by command-$owner): redirects $(millis_until_redirect "$code" "$t0") ms after the kill"
