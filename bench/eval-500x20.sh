#!/usr/bin/env bash
# Issue 3's measurement: JMH evaluation of 500 modules × 20 options (time and allocation, with
# JMH's gc profiler), then the end-to-end `statectl check` of the same configuration with the
# assembled CLI (median of RUNS, default 5). Usage: bench/eval-500x20.sh
set -euo pipefail
export STATECTL_NO_BUILD=1   # after the build below, time the CLI alone
here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-5}"
cd "$here"
mvn -B -q -o -DskipTests -Dmaven.test.skip=true install >/dev/null 2>&1 || mvn -B -q -DskipTests -Dmaven.test.skip=true install
cpfile="$(mktemp)"
(cd bench/jmh && mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null)
cp="$(cat "$cpfile"):bench/jmh/target/classes"
rm -f "$cpfile"
java -cp "$cp" org.openjdk.jmh.Main EvaluationBenchmark -prof gc -rf text -rff /tmp/statectl-eval-jmh.txt "$@" \
  | grep -E "EvaluationBenchmark.evaluate( |:gc.alloc.rate.norm)" || true

work="$(mktemp -d /tmp/statectl-eval.XXXXXX)"
trap 'rm -rf "$work"' EXIT
java -cp "$cp" io.statectl.bench.GeneratedConfiguration "$work/config" 500 20
times=()
for r in $(seq 1 "$RUNS"); do
  t0=$(date +%s.%N)
  ./statectl check --config "$work/config" --host bench >/dev/null
  t1=$(date +%s.%N)
  times+=("$(awk "BEGIN{print $t1 - $t0}")")
done
echo "statectl check, 500 modules x 20 options, end to end (cold JVM), median of $RUNS: \
$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f s", m}')"
STATECTL_TIMINGS=1 ./statectl check --config "$work/config" --host bench 2>&1 >/dev/null | sed 's/^/  /'
