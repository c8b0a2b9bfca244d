#!/usr/bin/env bash
# The one-command demo: builds flumekit (tests skipped), starts a local Kafka and HBase, writes an
# access log at a chosen rate, runs the shipped collector and loader agents, shows their progress,
# and ends with the clicks per course and day read back from HBase as a chart.
# Usage: ./demo.sh [--rate LINES_PER_S (2000)] [--seconds S (60)] [--rotate-seconds S (20)] [--keep]
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk17-and-maven.sh
mvn -B -q -ntp -DskipTests install
exec java -Xmx2g -Dflumekit.root="$PWD" \
  -cp "$(ls demo/target/demo-*.jar):demo/target/lib/*" dev.flumekit.demo.Demo "$@"
