#!/usr/bin/env bash
# Whole-process benchmark, in one run: a generated trace (default 1 GiB) checked by tcplint and read
# by `cat`, `tshark -q -z conv,tcp` and `tcptrace -n`; median wall time (hyperfine) and peak RSS
# (GNU time), printed as a table of ratios. Also a SYN flood and a 1,000-small-files archive.
# `read-floor` is a JVM that only reads and decodes the trace with tcplint's reader (ReadFloor): the
# part of a check that none can skip. tcplint runs with 1 and 2 threads (-j), and the serial
# fraction (SerialFraction, one warm JVM) is the CPU time of the work only one thread can do over
# the single-thread check's time, with Amdahl's predicted speed-up at 16 and 64 cores.
#
#   bench/run.sh                 # 1024 MB trace, 10,000,000-SYN flood, 1,000 files
#   SIZE_MB=256 FLOOD=1000000 RUNS=3 bench/run.sh
#
# Needs: apt-get install -y hyperfine tshark tcptrace (installed if missing, when run as root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MB=${SIZE_MB:-1024}
FLOOD=${FLOOD:-10000000}
FILES=${FILES:-1000}
RUNS=${RUNS:-3}
HEAP=${HEAP:-256m}
out=${BENCH_DIR:-$repo/target/bench-data}
mkdir -p "$out"

need() { command -v "$1" >/dev/null || { [ "$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null); }; }
need hyperfine hyperfine; need tshark tshark; need tcptrace tcptrace
[ -f "$repo/target/tcplint.jar" ] || (cd "$repo" && mvn -B -q package -DskipTests)
jar="$repo/target/tcplint.jar"
gen() { java -cp "$jar" org.tcplint.bench.TraceGenerator "$@"; }

trace="$out/trace-${SIZE_MB}mb.pcapng"
[ -f "$trace" ] || gen "$trace" "$SIZE_MB"
flood="$out/synflood-${FLOOD}.pcapng"
[ -f "$flood" ] || gen --syn-flood "$flood" "$FLOOD"
archive="$out/archive-${FILES}"
[ -d "$archive" ] || gen --archive "$archive" "$FILES"
bytes=$(stat -L -c %s "$trace")

# tcplint as users run it: the launcher (which maps the class-data archive its first run writes).
tcplint=(TCPLINT_JAVA_OPTS="'-Xmx$HEAP -XX:+UseParallelGC'" "$repo/tcplint" check -q --no-progress --fail-on never -f json -o /dev/null)
TCPLINT_JAVA_OPTS="-Xmx$HEAP -XX:+UseParallelGC" "$repo/tcplint" check -q --fail-on never "$repo/testdata" >/dev/null 2>&1 || true
# Core rules only: every full-tier rule off, so its family is not run (README, Performance).
core="$out/core-only.json"
"$repo/tcplint" rules --format json | python3 -c 'import json,sys; print(json.dumps({"rules": {r["id"]: "off" for r in json.load(sys.stdin) if r["tier"] == "full"}}))' > "$core"
declare -A cmd=(
  [cat]="cat '$trace' > /dev/null"
  [read-floor]="java -Xmx$HEAP -XX:+UseParallelGC -cp '$jar' org.tcplint.bench.ReadFloor '$trace' > /dev/null"
  [tcplint]="${tcplint[*]} -j 1 '$trace'"
  [tcplint-core-rules]="${tcplint[*]} -j 1 --config '$core' '$trace'"
  [tcplint-2-threads]="${tcplint[*]} -j 2 '$trace'"
  [tshark]="tshark -n -q -z conv,tcp -r '$trace' > /dev/null 2>&1"
  [tcptrace]="tcptrace -n '$trace' > /dev/null 2>&1"
)
order=(cat read-floor tcplint tcplint-2-threads tcplint-core-rules tcptrace tshark)

declare -A med rss
for name in "${order[@]}"; do
  runs=$RUNS; warm=1; [ "$name" = tshark ] && runs=1 && warm=0
  hyperfine -N --style none --warmup "$warm" --runs "$runs" --export-json "$out/$name.json" "bash -c \"${cmd[$name]}\"" >/dev/null 2>&1 \
    || hyperfine --style none --warmup "$warm" --runs "$runs" --export-json "$out/$name.json" "${cmd[$name]}" >/dev/null
  med[$name]=$(python3 -c "import json;print(json.load(open('$out/$name.json'))['results'][0]['median'])")
  rss[$name]=$( { /usr/bin/time -f %M bash -c "${cmd[$name]}" >/dev/null; } 2>&1 | tail -1 )
done

printf '\ntrace: %s (%d bytes)\n\n' "$trace" "$bytes"
printf '| command | median s | GB/s | peak RSS MB | time vs tcplint |\n|---|---:|---:|---:|---:|\n'
for name in "${order[@]}"; do
  python3 - "$name" "${med[$name]}" "$bytes" "${rss[$name]}" "${med[tcplint]}" <<'PY'
import sys
name, med, size, rss, ref = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print(f"| {name} | {med:.2f} | {size/med/1e9:.2f} | {rss/1024:.0f} | {med/ref:.1f}x |")
PY
done

echo
echo "serial fraction (warm JVM, -Xmx$HEAP, best of $RUNS):"
java "-Xmx$HEAP" -XX:+UseParallelGC -cp "$jar" org.tcplint.bench.SerialFraction "$trace" "$RUNS" | sed 's/^/  /'
echo
echo "heap in use after a full GC, result held (-Xmx$HEAP):"
small="$out/trace-100mb.pcapng"
[ -f "$small" ] || gen "$small" 100
java "-Xmx$HEAP" -XX:+UseParallelGC -cp "$jar" org.tcplint.bench.HeapCheck "$small" "$trace" | sed 's/^/  /'
echo
echo "SYN flood ($FLOOD SYNs, -Xmx$HEAP, 2 threads):"
TCPLINT_JAVA_OPTS="-Xmx$HEAP -XX:+UseParallelGC" /usr/bin/time -f "  %e s, peak RSS %M KB" "$repo/tcplint" check -j 2 --no-progress --fail-on never -f jsonl "$flood" \
  | grep -c flow-table-full | sed 's/^/  capture.flow-table-full findings: /'
echo
echo "archive of $FILES small files:"
for j in 1 2; do
  TCPLINT_JAVA_OPTS="-Xmx$HEAP -XX:+UseParallelGC" hyperfine -N --style none --warmup 1 --runs "$RUNS" \
    --export-json "$out/archive-j$j.json" \
    "$repo/tcplint check -q --no-progress --fail-on never -f json -o /dev/null -j $j $archive" >/dev/null
  printf '  -j%d: median %.2f s\n' "$j" "$(python3 -c "import json;print(json.load(open('$out/archive-j$j.json'))['results'][0]['median'])")"
done
