#!/usr/bin/env bash
# Memory of the CSV export (GET /api/v1/links/export) over 1,000,000 links of one owner. Starts the embedded default
# on its own ports and a fresh data directory with a capped heap (JAVA_OPTS, default -Xmx1g: the whole system, Kafka
# included, runs in it), puts the links straight into the link catalog with SQL (creating a million links through the
# API would take hours here and measures something else), then exports 1,000 links and 1,000,000 links (two owners),
# sampling the heap in use (jvm_memory_used_bytes, area heap) every 200 ms. Prints rows, bytes, time and the peak heap
# in use during each export, and the old generation after a full GC before and after. Build first, or it builds.
#
#   bench/export-bench.sh                    # LINKS=1000000
#   LINKS=100000 SKIP_BUILD=1 bench/export-bench.sh
#   JAR=/tmp/shortlink.jar SKIP_BUILD=1 bench/export-bench.sh   # a jar of its own, while builds run
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

LINKS=${LINKS:-1000000}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18790}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25542} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26489}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29202} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29203}
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
base="http://127.0.0.1:$SHORTLINK_PORT"

build_unless_skipped
fresh_work
# A copy, so that a build meanwhile does not change the jar under the running JVM.
cp "${JAR:-infra/target/shortlink.jar}" "$work/shortlink.jar"
JAR=$work/shortlink.jar
start_system run

key_of() {
  curl -sf -X POST "$base/api/v1/admin/keys" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" \
       -H 'Content-Type: application/json' -d "{\"owner\":\"$1\"}" | sed -E 's/.*"key":"([^"]+)".*/\1/'
}
small_key=$(key_of export-small)
large_key=$(key_of export-large)
sql() { psql -qtA -h 127.0.0.1 -p "$SHORTLINK_POSTGRES_PORT" -U postgres shortlink -c "$1"; }
fill() { # owner, code prefix, links
  sql "insert into link_catalog (code, url, owner, created_at, expires_at, redirect_type, status)
       select '$2' || n, 'https://example.com/some/path/' || n || '?utm_source=bench', '$1',
              now() - n * interval '1 second', null, 302, 'ACTIVE' from generate_series(1, $3) n"
  sql "insert into link_stats_total (code, clicks, bot_clicks) select '$2' || n, n % 97, 0 from generate_series(1, $3, 3) n"
}
echo "== filling the catalog: 1,000 and $LINKS links"
fill export-small s 1000
fill export-large l "$LINKS"
# The read side learns of keys from Kafka.
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/links" -H "Authorization: Bearer $large_key")" = 200 ]; do sleep 0.2; done

old_after_gc() {
  jcmd "$app" GC.run >/dev/null
  jstat -gc "$app" | awk 'NR==2 {printf "%.1f MB", $8/1024}'
}
export_with() {
  local label=$1 key=$2 sampler start end
  # From the service's own metrics: a curl is quick, where a jstat (a JVM of its own) takes seconds on a busy machine.
  (while true; do curl -s "$base/actuator/prometheus" \
     | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {s += $NF} END {print s / 1048576}'; sleep 0.2; done) >"$work/heap-$label" &
  sampler=$!
  start=$(date +%s%N)
  curl -sf "$base/api/v1/links/export" -H "Authorization: Bearer $key" -o "$work/$label.csv"
  end=$(date +%s%N)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  printf '%-8s %10d rows %8.1f MB %7.1f s  peak heap in use %6.1f MB\n' "$label" "$(($(wc -l <"$work/$label.csv") - 1))" \
    "$(echo "$(stat -c %s "$work/$label.csv") / 1048576" | bc -l)" "$(echo "($end - $start) / 1000000000" | bc -l)" \
    "$(sort -n "$work/heap-$label" | tail -1)"
}
echo "== JVM: $JAVA_OPTS; machine: $(nproc) cores, $(uptime)"
echo "old generation after a full GC, before: $(old_after_gc)"
export_with small "$small_key"
export_with large "$large_key"
echo "old generation after a full GC, after:  $(old_after_gc)"
