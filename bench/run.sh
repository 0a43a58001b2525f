#!/usr/bin/env bash
# Whole-process benchmark, in one run: a generated trace (default 1 GiB) checked by tcplint and read
# by `cat`, `tshark -q -z conv,tcp` and `tcptrace -n`, timed in rounds (bench/rounds.py: every
# command once per round, so that a machine whose speed drifts slows them alike; median wall time,
# CPU time, peak RSS, and the median of each round's ratio to `tcplint -j 1`). Also a SYN flood, a
# 1,000-small-files archive and a trace of the same size holding one long conversation (-j 1 and
# -j 2, in rounds too).
# `read-floor` is a JVM that only reads and decodes the trace with tcplint's reader (ReadFloor): the
# part of a check that none can skip. tcplint runs with 1 and 2 threads (-j), and the serial
# fraction (SerialFraction, one warm JVM) is the CPU time of the work only one thread can do over
# the single-thread check's time, with Amdahl's predicted speed-up at 16 and 64 cores; for the
# archive, the calling thread's CPU time (results taken in order, the report) over -j 1's. The same
# warm JVM times the read floor, and a fresh -j 1 and -j 2 print the JIT compilers' time. CoreScaling
# says how much faster the machine runs two threads that share nothing than one.
#
#   bench/run.sh                 # 1024 MB trace, 10,000,000-SYN flood, 1,000 files
#   SIZE_MB=256 FLOOD=1000000 RUNS=3 bench/run.sh
#   BULK_FLOWS=4 bench/run.sh     # four long conversations instead of one
#
# Needs: python3, apt-get install -y tshark tcptrace (installed if missing, when run as root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MB=${SIZE_MB:-1024}
FLOOD=${FLOOD:-10000000}
FILES=${FILES:-1000}
BULK_FLOWS=${BULK_FLOWS:-1}
RUNS=${RUNS:-3}
HEAP=${HEAP:-256m}
out=${BENCH_DIR:-$repo/target/bench-data}
mkdir -p "$out"

need() { command -v "$1" >/dev/null || { [ "$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null); }; }
need tshark tshark; need tcptrace tcptrace
[ -f "$repo/target/tcplint.jar" ] || (cd "$repo" && mvn -B -q package -DskipTests)
jar="$repo/target/tcplint.jar"
gen() { java -cp "$jar" org.tcplint.bench.TraceGenerator "$@"; }

trace="$out/trace-${SIZE_MB}mb.pcapng"
[ -f "$trace" ] || gen "$trace" "$SIZE_MB"
flood="$out/synflood-${FLOOD}.pcapng"
[ -f "$flood" ] || gen --syn-flood "$flood" "$FLOOD"
archive="$out/archive-${FILES}"
[ -d "$archive" ] || gen --archive "$archive" "$FILES"
bulk="$out/bulk-${SIZE_MB}mb-${BULK_FLOWS}.pcapng"
[ -f "$bulk" ] || gen --bulk "$bulk" "$SIZE_MB" "$BULK_FLOWS"
bulk_bytes=$(stat -L -c %s "$bulk")
bytes=$(stat -L -c %s "$trace")

# tcplint as users run it: the launcher (which maps the class-data archive its first run writes).
check=(TCPLINT_JAVA_OPTS="'-Xmx$HEAP -XX:+UseParallelGC'" "$repo/tcplint" check -q --no-progress --fail-on never)
tcplint=("${check[@]}" -f json -o /dev/null)
# The same with the SARIF report (a CI format that prints conversations' count alone, so the check
# keeps no summaries of them).
tcplint_sarif=("${check[@]}" -f sarif -o /dev/null)
TCPLINT_JAVA_OPTS="-Xmx$HEAP -XX:+UseParallelGC" "$repo/tcplint" check -q --fail-on never "$repo/testdata" >/dev/null 2>&1 || true
# Core rules only: every full-tier rule off, so its family is not run (README, Performance).
core="$out/core-only.json"
"$repo/tcplint" rules --format json | python3 -c 'import json,sys; print(json.dumps({"rules": {r["id"]: "off" for r in json.load(sys.stdin) if r["tier"] == "full"}}))' > "$core"
# tshark takes minutes: it runs in the first round only (and its ratio is to that round's -j 1).
printf '\ntrace: %s (%d bytes); %d rounds after %d warm-up\n\n' "$trace" "$bytes" "$RUNS" 1
python3 "$repo/bench/rounds.py" "$RUNS" 1 tcplint "$bytes" \
  "cat=cat '$trace'" \
  "read-floor=java -Xmx$HEAP -XX:+UseParallelGC -cp '$jar' org.tcplint.bench.ReadFloor '$trace'" \
  "tcplint=${tcplint[*]} -j 1 '$trace'" \
  "tcplint-2-threads=${tcplint[*]} -j 2 '$trace'" \
  "tcplint-core-rules=${tcplint[*]} -j 1 --config '$core' '$trace'" \
  "tcplint-sarif=${tcplint_sarif[*]} -j 1 '$trace'" \
  "tcptrace=tcptrace -n '$trace'" \
  "tshark@1=tshark -n -q -z conv,tcp -r '$trace'"

echo
echo "serial fraction (warm JVM, -Xmx$HEAP, best of $RUNS):"
java "-Xmx$HEAP" -XX:+UseParallelGC -cp "$jar" org.tcplint.bench.SerialFraction "$trace" "$RUNS" | sed 's/^/  /'
# The ceiling of those ratios on this machine: no check scales better than threads that share
# nothing.
java -cp "$jar" org.tcplint.bench.CoreScaling 2 | sed 's/^/  /'
echo
echo "compilation in a fresh JVM (-XX:+CITime: the JIT compilers' time, on the cores the check runs on):"
for j in 1 2; do
  { TCPLINT_JAVA_OPTS="-Xmx$HEAP -XX:+UseParallelGC -XX:+CITime" /usr/bin/time -f "TIME %e %U %S" \
    "$repo/tcplint" check -q --no-progress --fail-on never -f json -o /dev/null -j "$j" "$trace"; } 2>&1 \
    | awk -v j="$j" '/Total compilation time/ {c = $(NF - 1)} /^TIME/ {w = $2; u = $3 + $4}
        END {printf "  -j %s: %.2f s, CPU time %.2f s, of which compilation %.2f s\n", j, w, u, c}'
done
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
python3 "$repo/bench/rounds.py" "$RUNS" 1 j1 0 \
  "j1=${tcplint[*]} -j 1 '$archive'" \
  "j2=${tcplint[*]} -j 2 '$archive'"
echo "  serial fraction (warm JVM after 3 passes each, -Xmx384m as the launcher gives 2 threads, best of $RUNS):"
java -Xmx384m -XX:+UseParallelGC -cp "$jar" org.tcplint.bench.SerialFraction "$archive" "$RUNS" | sed 's/^/    /'
echo
echo "$BULK_FLOWS long conversation(s), $bulk_bytes bytes (each conversation is checked on one thread):"
python3 "$repo/bench/rounds.py" "$RUNS" 1 j1 "$bulk_bytes" \
  "read-floor=java -Xmx$HEAP -XX:+UseParallelGC -cp '$jar' org.tcplint.bench.ReadFloor '$bulk'" \
  "j1=${tcplint[*]} -j 1 '$bulk'" \
  "j2=${tcplint[*]} -j 2 '$bulk'" \
  "tcptrace=tcptrace -n '$bulk'"
