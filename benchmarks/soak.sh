#!/usr/bin/env bash
# Soak: the shipped collector and loader under a steady stream of log lines, the log rotated every
# minute and a fault every few minutes (agent kills, Kafka broker down, HBase restarted whole), on a
# local Kafka broker and HBase started in this JVM. Prints heap after GC, threads and open files of
# each agent every minute, and at the end whether every click was counted and stored exactly once.
# Not part of the build (30 minutes by default).
# Usage: benchmarks/soak.sh [minutes, default 30] [lines/s, default 5000] [fault every N minutes, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx3g -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.SoakRun "$@"
