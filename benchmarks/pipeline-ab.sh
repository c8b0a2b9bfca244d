#!/usr/bin/env bash
# A/B of the shipped pipeline against another build of flumekit (an earlier commit checked out and
# built with `mvn -DskipTests package` elsewhere), on this machine, in alternation: each invocation
# runs one round of flumekit's shipped Kafka-channel pipeline (kc) and Flume's built-ins on Flume's
# KafkaChannel (bk), first in the other checkout, then in this one; the order of kc and bk rotates.
# Usage: benchmarks/pipeline-ab.sh OTHER_CHECKOUT [lines, default 600000] [rounds, default 3]
# e.g.   git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -q -DskipTests package)
#        benchmarks/pipeline-ab.sh /tmp/base
set -euo pipefail
cd "$(dirname "$0")/.."
other=$(cd "$1" && pwd)
lines=${2:-600000}
rounds=${3:-3}
mvn -B -q -ntp -DskipTests package
for round in $(seq 1 "$rounds"); do
  for tree in "$other" "$PWD"; do
    order=$([ $((round % 2)) = 0 ] && echo bk,kc || echo kc,bk)
    echo "=== round $round: $tree ($order)"
    (cd "$tree" && java -Xmx3g -Dpipeline.contenders="$order" \
      -cp "$(ls benchmarks/target/flumekit-benchmarks-*.jar):benchmarks/target/lib/*" \
      dev.flumekit.bench.PipelineBenchmark "$lines" 1 | grep -E '^\| (kc|bk)1 \|')
  done
done
