#!/usr/bin/env bash
# Tail source benchmark: Flume 1.11's TAILDIR vs flumekit's TailSource, in one JVM, reading the
# same access-log file into a MemoryChannel drained by one thread.
# Usage: benchmarks/tail-source.sh [lines, default 2000000] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.TailSourceBenchmark "$@"
