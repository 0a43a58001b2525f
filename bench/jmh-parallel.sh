#!/usr/bin/env bash
# JMH ParallelCheckBenchmark (the 1 GiB trace checked with its JSON report in a warm JVM) with one
# thread and with two, in alternated trials (1 2, 2 1, 1 2, …: a fork per trial), so that a machine
# whose speed drifts within minutes slows both alike; prints every trial and the ratio of the means,
# then what the machine itself gives two threads of a compute-only loop (bench.CoreScaling), the
# ceiling of any such ratio there.
#
#   bench/jmh-parallel.sh              # 3 trials of each, 3 warm-up and 4 measured operations
#   TRIALS=6 bench/jmh-parallel.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
TRIALS=${TRIALS:-3}
jar="$repo/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$repo" && mvn -B -q -Pbench -DskipTests package)
cd "$repo" # the benchmark finds (or generates) target/bench-data/trace-1024mb.pcapng
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for i in $(seq "$TRIALS"); do
  order="1 2"
  [ $((i % 2)) = 0 ] && order="2 1"
  for t in $order; do
    java -jar "$jar" ParallelCheckBenchmark -wi 3 -i 4 -p threads="$t" |
      awk -v t="$t" '/^ParallelCheckBenchmark.check .*avgt/ {print t, $(NF-3); fflush()}' | tee -a "$out"
  done
done
python3 - "$out" <<'PY'
import statistics, sys
r = {"1": [], "2": []}
for line in open(sys.argv[1]):
    t, s = line.split()
    r[t].append(float(s))
one, two = statistics.mean(r["1"]), statistics.mean(r["2"])
print(f"one thread: {one:.2f} s/op (mean of {len(r['1'])}), two threads: {two:.2f} s/op: {one / two:.2f}x")
PY
java -cp "$jar" org.tcplint.bench.CoreScaling 2
