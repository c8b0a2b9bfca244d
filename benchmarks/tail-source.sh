#!/usr/bin/env bash
# Tail source benchmark: Flume 1.11's TAILDIR vs flumekit's TailSource (default, writePosInterval =
# 10), each run a JVM of its own, reading the same access-log file into a MemoryChannel drained by
# one thread, batches of 5,000, order rotated by round; lines/s beside each run's steady-state CPU µs
# and bytes allocated per line.
# Usage: benchmarks/tail-source.sh [lines, default 16000000] [rounds, default 3]
# -D options (e.g. JAVA_OPTS=-Dtail.contenders=taildir,raw) pass through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.TailSourceBenchmark "$@"
