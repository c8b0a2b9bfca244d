# Sourced by bin/flume-ng (and bin/flumekit-agent) before an agent starts.
#
# Flume's launcher defaults to a 20 MB heap, too small for batches of 1,000 events, file channels
# and the Kafka and HBase clients. 1 GB covers collector.conf, loader.conf or single-agent.conf with
# their default batch sizes; an agent that runs out of memory exits (its supervisor restarts it; the
# file channels and the tail positions make that lossless) instead of limping on.
export JAVA_OPTS="-Xms256m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"

# Flume's HTTP monitoring (JSON of every counter, flumekit's included) on port 41414; give each
# agent on a host its own port.
# export JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.type=http -Dflume.monitoring.port=41414"

# Logs: see log4j2.xml.
# export JAVA_OPTS="$JAVA_OPTS -Dflume.log.dir=/var/log/flume"
