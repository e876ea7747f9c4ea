#!/bin/sh
# Issue 4's measurements: append throughput (single durable, batched), full replay of 1,000,000
# synthetic events into the generations projection, and history --verify over them.
# Usage: bench/history-1m.sh [EVENTS [SINGLE_APPENDS]]   (needs a built shell/target/app)
set -e
cd "$(dirname "$0")/.."
mvn -o -q -B -pl projections -am test-compile -DskipTests
CP="projections/target/test-classes:projections/target/classes:events/target/classes:plugin-api/target/classes:shell/target/app/lib/*"
exec java -Xmx1g -cp "$CP" io.statectl.projections.bench.HistoryBench "${1:-1000000}" "${2:-2000}"
