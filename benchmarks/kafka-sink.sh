#!/usr/bin/env bash
# Kafka sink benchmark: raw producer vs Flume 1.11's KafkaSink vs flumekit's KafkaSink vs the same
# agent with Flume's null sink (the ceiling), one run, one local broker, the same producer settings
# for the three writers (acks=all, snappy, linger.ms 5, batch.size 262144, idempotent); CPU and
# allocation per event of each contender's JVM, the order rotated by round.
# Usage: benchmarks/kafka-sink.sh [events per run, default 8000000] [rounds, default 3]
# [partitions, default 1]
# -D options (e.g. JAVA_OPTS=-Dbench.contenders=raw,flumekit) pass through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.KafkaSinkBenchmark "$@"
