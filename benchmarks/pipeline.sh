#!/usr/bin/env bash
# End-to-end pipeline benchmark: log file → collector → Kafka → loader → HBase counters, nine
# pipelines in turns on one local Kafka broker and HBase started in this JVM: flumekit's shipped
# conf/collector.conf + conf/loader.conf (Kafka channels), flumekit's conf/file-channel/ versions,
# Flume 1.11's built-ins (TAILDIR, regex_extractor; HBase2Sink) on file channels (KafkaSink,
# KafkaSource) and on Flume's own KafkaChannel, each with batches of 1,000 and with flumekit's 5,000
# (plain values), and the raw contender (plain Java programs doing the shipped agents' work, no
# Flume); flumekit and raw each exactly once as shipped (kc, raw) and edited to at least once (kca,
# rawa). Each process's CPU and allocation per line in its steady state is printed beside every
# throughput figure. -Dpipeline.contenders=kc,raw (in JAVA_OPTS) runs only some.
# Usage: benchmarks/pipeline.sh [lines, default 600000] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx3g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.PipelineBenchmark "$@"
