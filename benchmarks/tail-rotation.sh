#!/usr/bin/env bash
# Rotation check: Flume 1.11's TAILDIR and flumekit's TailSource tail the same log while it is
# rotated by rename and copytruncate in turn; prints lines lost and repeated by each.
# Usage: benchmarks/tail-rotation.sh [lines, default 320000] [lines/s, default 20000] [rotate ms, default 4000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
  dev.flumekit.bench.TailRotationCheck "$@"
