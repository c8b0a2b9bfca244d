#!/usr/bin/env bash
# HBase sink benchmark: raw BufferedMutator vs Flume 1.11's HBase2Sink vs flumekit's HBase sink, and
# counters on Zipf keys, against one local HBase 2.6 started in the benchmark's JVM, each contender in
# a JVM of its own (its CPU and allocation per event), the order rotated by round.
# Usage: benchmarks/hbase-sink.sh [events per contender, default 1000000] [rounds, default 3]
# (about 20 minutes: seven contenders a round)
# -D options pass through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package -pl benchmarks -am
exec java -Xmx3g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.HBaseSinkBenchmark "$@"
