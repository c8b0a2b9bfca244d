#!/usr/bin/env bash
# What the Prometheus monitoring (plugins.d/flumekit-monitoring) costs the shipped collector and
# loader: throughput with the exporter off and on (scraped every second), in turns, and the time,
# size and agent CPU of a scrape; one local Kafka broker and HBase started in this JVM.
# Usage: benchmarks/exporter.sh [lines, default 1500000] [rounds, default 3] [scrapes, default 500]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx3g -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.ExporterBenchmark "$@"
