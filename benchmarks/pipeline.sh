#!/usr/bin/env bash
# End-to-end pipeline benchmark: log file → collector agent → Kafka → loader agent → HBase counters,
# four pipelines in turns on one local Kafka broker and HBase started in this JVM: flumekit's shipped
# conf/collector.conf + conf/loader.conf (Kafka channels), flumekit's conf/file-channel/ versions,
# and Flume 1.11's built-ins (TAILDIR, regex_extractor; HBase2Sink) on file channels (KafkaSink,
# KafkaSource) and on Flume's own KafkaChannel.
# Usage: benchmarks/pipeline.sh [lines, default 600000] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx3g -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.PipelineBenchmark "$@"
