#!/usr/bin/env bash
# Exactly-once counting against at-least-once: the HBase sink on the loader's work (rows and
# counters, or counters alone), Zipf courses over 100 and 1,000 keys, one local HBase 2.6 in the
# benchmark's JVM, each contender in a JVM of its own (its CPU and allocation per event), the order
# rotated by round.
# Usage: benchmarks/counting.sh [events per contender, default 200000] [rounds, default 3]
# -D options pass through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package -pl benchmarks -am
exec java -Xmx3g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.CountingBenchmark "$@"
