#!/usr/bin/env bash
# AccessLogInterceptor against Flume 1.11's regex_extractor on the same corpus, one thread, JMH with
# the GC profiler. Usage: benchmarks/interceptors.sh [corpus lines, default 1000000] [iterations, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package -pl benchmarks -am
exec java -Xmx4g -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.AccessLogBenchmarkReport "$@"
