#!/usr/bin/env bash
# Kafka source benchmark: Flume 1.11's KafkaSource vs flumekit's KafkaSource, each in an agent of
# its own, reading the same topic from one local broker, batches of 5,000 for both, order rotated by
# round; events/s beside each agent's steady-state CPU µs and bytes allocated per event.
# Usage: benchmarks/kafka-source.sh [records, default 8000000] [rounds, default 3]
# -D options (e.g. JAVA_OPTS=-Dsource.contenders=flumekit,raw) pass through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.KafkaSourceBenchmark "$@"
