# Shell functions the benchmarks share; sourced by bench/*.sh. They expect `app` (the system's pid), `base`, `work`,
# `JAR` and SHORTLINK_DATA_DIR to be set by the script.

# CPU seconds (user + system) used so far by the JVM, its servers and their descendants. PostgreSQL is started
# through unshare and ends up a child of init: it is found by its data directory.
system_cpu_seconds() {
  local pids=("$app") all=" $app " changed=1 pid ppid
  for pid in $(pgrep -f "$SHORTLINK_DATA_DIR" || true); do
    [[ "$all" == *" $pid "* ]] || { all+="$pid "; pids+=("$pid"); }
  done
  while [ $changed = 1 ]; do
    changed=0
    while read -r pid ppid; do
      if [[ "$all" == *" $ppid "* && "$all" != *" $pid "* ]]; then all+="$pid "; pids+=("$pid"); changed=1; fi
    done < <(ps -eo pid=,ppid=)
  done
  local ticks=0
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/stat" ] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", t/hz}'
}

# Waits until the system is idle — under 30 % of a core over 2 s — and prints how long that took. An idle system
# still uses about 15 % of a core (pollers: Kafka fetches, the event store, freshness watermarks), while a backlog of
# clicks keeps link-stats and the broker at a core or more.
await_idle() {
  local started=$SECONDS before after
  while :; do
    before=$(system_cpu_seconds); sleep 2; after=$(system_cpu_seconds)
    if awk -v a="$before" -v b="$after" 'BEGIN{exit !((b - a) < 0.6)}'; then break; fi
    if (( SECONDS - started > 600 )); then echo "the system did not become idle within 10 minutes" >&2; exit 1; fi
  done
  echo "== idle after $(( SECONDS - started )) s of waiting (no click backlog left; $(awk -v a="$before" -v b="$after" 'BEGIN{printf "%.0f", (b - a) * 50}') % of a core)"
}

# CPU milliseconds per JVM thread group (thread names without their numbers), from the JVM's own thread dump.
thread_cpu_ms() {
  jcmd "$app" Thread.print 2>/dev/null | awk '/^"/ && / cpu=/{
    name=$0; sub(/^"/, "", name); sub(/".*/, "", name); gsub(/[0-9]+/, "#", name)
    for (i = 1; i <= NF; i++) if ($i ~ /^cpu=/) { v=$i; sub(/cpu=/, "", v); sub(/ms$/, "", v); cpu[name]+=v }
  } END { for (n in cpu) printf "%s\t%.0f\n", n, cpu[n] }'
}
# How far behind the clicks the link-stats processor is: the age of the last click it took (ms), 0 without one yet.
stats_lag_ms() {
  curl -s "$base/actuator/prometheus" | awk '/^eventProcessor_latency\{.*processorName="link-stats"/{printf "%.0f\n", $NF}'
}
jvm_cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15)/hz}' "/proc/$app/stat"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Builds the jar unless SKIP_BUILD=1 (to measure a jar built before, named by JAR).
build_unless_skipped() {
  if [ "${SKIP_BUILD:-}" != 1 ]; then
    echo "== building"
    ./mvnw -B -q package -DskipTests
  fi
}

# A fresh work directory for the system's data and logs (`work`); when the script ends the system stops and the
# directory goes, unless KEEP_WORK=1.
fresh_work() {
  work=$(mktemp -d)
  export SHORTLINK_DATA_DIR="$work/data"
  app=
  trap 'stop_system; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
}

# Waits until $base/$1 redirects, at most 120 s after $2 (date +%s%N), and prints the seconds since $2
await_redirect() {
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -I "$base/$1")" = 302 ]; do
    (( $(date +%s%N) - $2 < 120000000000 )) || { echo "   /$1 does not redirect within 120 s" >&2; exit 1; }
    sleep 0.05
  done
  awk -v e="$2" -v n="$(date +%s%N)" 'BEGIN {printf "%.1f", (n - e) / 1e9}'
}

start_system() { # $1: log name
  java ${JAVA_OPTS:-} -jar "$JAR" >"$work/$1.log" 2>&1 &
  app=$!
  until curl -sf "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$app" 2>/dev/null || { tail -30 "$work/$1.log"; exit 1; }
    sleep 0.2
  done
}

stop_system() {
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=
  fi
}
