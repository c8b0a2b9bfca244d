#!/usr/bin/env bash
# Kafka channel benchmark: put and take through flumekit's KafkaChannel vs Flume 1.11's own, each in
# an agent (access-log source → channel → a sink that drops what it takes), both with flumekit's
# batches (5,000), value
# format (parseAsFlumeEvent = false) and producer settings, one local broker, order rotated by round;
# events/s beside each agent's steady-state CPU µs and bytes allocated per event.
# Usage: benchmarks/kafka-channel.sh [events per run, default 4000000] [rounds, default 3]
#        [partitions, default 3]
# -D options (e.g. JAVA_OPTS=-Dchannel.contenders=flumekit,raw) pass through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.KafkaChannelBenchmark "$@"
