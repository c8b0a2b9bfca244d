# Sourced by bin/flume-ng -c conf/flumekit (and bin/flumekit-agent, whose conf directory this is)
# before an agent starts. Named as Flume's own so that bin/flume-ng finds it; it lives in a directory
# of its own so that unpacking flumekit over a Flume home leaves Flume's conf/flume-env.sh alone.
#
# Flume's launcher defaults to a 20 MB heap, too small for batches of 1,000 events, file channels
# and the Kafka and HBase clients. 1 GB covers collector.conf, loader.conf or single-agent.conf with
# their default batch sizes; an agent that runs out of memory exits (its supervisor restarts it; the
# file channels and the tail positions make that lossless) instead of limping on.
export JAVA_OPTS="-Xms256m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"

# The HBase client (the HBase sink's) checks at start whether it may read unaligned memory by
# calling java.nio.Bits.unaligned() through reflection; JDK 17 refuses that unless java.nio is
# opened, and the client then logs a 26-line InaccessibleObjectException in every loader's log.
export JAVA_OPTS="$JAVA_OPTS --add-opens java.base/java.nio=ALL-UNNAMED"

# Prometheus metrics on /metrics and health on /health (plugins.d/flumekit-monitoring), a port per
# agent of the shipped configurations (bin/flumekit-agent sets NAME before it reads this file; with
# bin/flume-ng, pass -Dflume.monitoring.port=N on the command line, which wins over this line).
case "${NAME:-}" in
  loader) FLUMEKIT_MONITORING_PORT=41415 ;;
  pipeline) FLUMEKIT_MONITORING_PORT=41416 ;;
  *) FLUMEKIT_MONITORING_PORT=41414 ;;
esac
export JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.type=dev.flumekit.monitoring.PrometheusServer"
export JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.port=$FLUMEKIT_MONITORING_PORT"
# Flume's own HTTP monitoring (JSON of every counter) instead:
# export JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.type=http -Dflume.monitoring.port=41414"

# Logs: see log4j2.xml.
# export JAVA_OPTS="$JAVA_OPTS -Dflume.log.dir=/var/log/flume"
