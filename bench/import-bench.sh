#!/usr/bin/env bash
# Rows per second of an import (POST /api/v1/imports) of a 100,000-row YOURLS export. Starts the embedded default on
# its own ports and a fresh data directory, issues a key, writes the file (codes b0…b99999, creation times in 2015),
# and runs the import command line (upload, then the job followed to DONE). Prints the import time and rows/s from
# the upload's start to DONE, the CPU per row of the whole system (PostgreSQL included) and of the JVM by thread
# group, then how long after DONE the last row redirects. WARMUP_ROWS=n imports a file of n other rows first, not
# measured: the figure of a service that has run a while, next to the fresh start's (the JIT). JFR=1 records the JVM
# during the import (profile settings) and prints its top frames with bench/JfrTop.java (the recording is kept in
# /tmp/import-bench.jfr). Build first, or it builds.
#
#   bench/import-bench.sh                    # ROWS=100000
#   ROWS=20000 SKIP_BUILD=1 JFR=1 bench/import-bench.sh
#   WARMUP_ROWS=50000 bench/import-bench.sh
#   JAR=/tmp/shortlink.jar SKIP_BUILD=1 bench/import-bench.sh   # a jar of its own, while builds run
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

ROWS=${ROWS:-100000}
export SHORTLINK_PORT=${SHORTLINK_PORT:-18791}
export SHORTLINK_POSTGRES_PORT=${SHORTLINK_POSTGRES_PORT:-25552} SHORTLINK_REDIS_PORT=${SHORTLINK_REDIS_PORT:-26499}
export SHORTLINK_KAFKA_PORT=${SHORTLINK_KAFKA_PORT:-29212} SHORTLINK_KAFKA_CONTROLLER_PORT=${SHORTLINK_KAFKA_CONTROLLER_PORT:-29213}
export SHORTLINK_ADMIN_KEY=${SHORTLINK_ADMIN_KEY:-bench-admin-$(date +%s%N)}
base="http://127.0.0.1:$SHORTLINK_PORT"

build_unless_skipped
fresh_work
# A copy, so that a build meanwhile does not change the jar under the running JVM.
cp "${JAR:-infra/target/shortlink.jar}" "$work/shortlink.jar"
JAR=$work/shortlink.jar
start_system run

key=$(curl -sf -X POST "$base/api/v1/admin/keys" -H "Authorization: Bearer $SHORTLINK_ADMIN_KEY" \
      -H 'Content-Type: application/json' -d '{"owner":"import-bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
# rows of codes <prefix>0…<prefix>(n-1)
write_rows() {
  awk -v rows="$1" -v prefix="$2" 'BEGIN {
    print "keyword,url,title,timestamp,ip,clicks"
    for (i = 0; i < rows; i++)
      printf "%s%d,https://example.com/imported/page-%d?utm_source=bench,Page %d,2015-%02d-%02d %02d:%02d:%02d,127.0.0.1,%d\n",
             prefix, i, i, i, 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i % 97
  }'
}
import_file() {
  # the progress bar redraws one line with carriage returns: only the summary is kept
  java -jar "$JAR" import --file "$1" --url "$base" --key "$key" --poll 200 \
    | tr '\r' '\n' | grep -v '^import ' | tail -5
}
if [ "${WARMUP_ROWS:-0}" -gt 0 ]; then
  echo "== warm-up: importing $WARMUP_ROWS other rows (not measured)"
  write_rows "$WARMUP_ROWS" w >"$work/warmup.csv"
  import_file "$work/warmup.csv"
  waited=$(await_redirect "w$((WARMUP_ROWS - 1))" "$(date +%s%N)")
  echo "   its last row redirects $waited s after DONE"
fi
echo "== writing $ROWS rows"
write_rows "$ROWS" b >"$work/links.csv"
ls -l "$work/links.csv" | awk '{printf "   %.1f MB\n", $5 / 1048576}'

echo "== machine: $(nproc) cores; load average before: $(load)"
[ "${JFR:-}" = 1 ] && jcmd "$app" JFR.start name=import settings=profile filename="$work/import.jfr" >/dev/null
thread_cpu_ms >"$work/threads-before"
cpu_before=$(system_cpu_seconds)
start=$(date +%s%N)
import_file "$work/links.csv"
end=$(date +%s%N)
cpu_after=$(system_cpu_seconds)
thread_cpu_ms >"$work/threads-after"
[ "${JFR:-}" = 1 ] && jcmd "$app" JFR.stop name=import >/dev/null
echo "== load average after: $(load)"
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", (e - s) / 1e9}')
echo "== $ROWS rows in $seconds s: $(awk -v r="$ROWS" -v s="$seconds" 'BEGIN {printf "%d", r / s}') rows/s (upload to DONE, CLI included)"
echo "== CPU per row, the JVM with PostgreSQL and Redis: $(awk -v a="$cpu_before" -v b="$cpu_after" -v r="$ROWS" 'BEGIN {printf "%.0f", (b - a) * 1e6 / r}') µs; the JVM by thread group (the largest; µs):"
awk -F'\t' -v n="$ROWS" 'NR==FNR{before[$1]=$2; next} {d=$2-before[$1]; if (d > 0) printf "%8.1f  %s\n", d*1000/n, $1}' \
  "$work/threads-before" "$work/threads-after" | sort -rn | head -12

# the read side may still be projecting the last chunks: how long until the last row redirects
for i in 0 $((ROWS / 2)) $((ROWS - 1)); do
  waited=$(await_redirect "b$i" "$end")
  echo "   /b$i redirects, $waited s after DONE"
done
if [ "${JFR:-}" = 1 ]; then
  cp "$work/import.jfr" /tmp/import-bench.jfr
  java bench/JfrTop.java /tmp/import-bench.jfr 15 | head -60
  echo "== the recording is kept in /tmp/import-bench.jfr (java bench/JfrTop.java <file> [top] [frame regex])"
fi
