#!/usr/bin/env bash
# The one-command demo: builds flumekit (tests skipped), starts a local Kafka and HBase, writes an
# access log at a chosen rate, runs the shipped collector and loader agents, shows their progress,
# and ends with the clicks per course and day read back from HBase as a chart.
# Usage: ./demo.sh [--rate LINES_PER_S (2000)] [--seconds S (60)] [--rotate-seconds S (20)] [--keep]
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk17-and-maven.sh
mvn -B -q -ntp -DskipTests install
# demo/pom.xml names the jar demo.jar; its dependencies are copied to demo/target/lib
jar=demo/target/demo.jar
if [ ! -f "$jar" ]; then
  echo "demo.sh: the build did not produce $jar" >&2
  exit 1
fi
exec java -Xmx2g -Dflumekit.root="$PWD" -cp "$jar:demo/target/lib/*" dev.flumekit.demo.Demo "$@"
