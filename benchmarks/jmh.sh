#!/usr/bin/env bash
# JMH benchmarks of flumekit's hot code. Usage: benchmarks/jmh.sh [JMH options], e.g.
#   benchmarks/jmh.sh EventRecordMapperBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package -pl benchmarks -am
exec java -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" org.openjdk.jmh.Main "$@"
