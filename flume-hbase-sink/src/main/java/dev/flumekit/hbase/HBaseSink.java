package dev.flumekit.hbase;

import dev.flumekit.common.isolation.PluginFacadeSink;

/**
 * HBase 2.6 sink: puts by row-key template, and counters per key and time bucket written as
 * coalesced increments.
 *
 * <pre>
 * a1.sinks.k1.type = dev.flumekit.hbase.HBaseSink
 * a1.sinks.k1.channel = c1
 * a1.sinks.k1.table = access
 * a1.sinks.k1.columnFamily = d
 * a1.sinks.k1.zookeeperQuorum = zk1:2181,zk2:2181
 * a1.sinks.k1.rowKey = %{time:yyyyMMdd}/%{client}/%{hash}
 * </pre>
 *
 * <p>This class only hands the work to {@link dev.flumekit.hbase.sink.IsolatedHBaseSink} inside the
 * plugin's own class loader, so that the HBase client and its Hadoop classes never meet whatever
 * else the agent's class path holds. The serializer API ({@link HBaseEventSerializer}, {@link
 * CellCollector}) is the agent's, so a custom serializer can live in its own plugin directory.
 */
public final class HBaseSink extends PluginFacadeSink {
  public HBaseSink() {
    super("dev.flumekit.hbase.sink.IsolatedHBaseSink", "dev.flumekit.hbase");
  }
}
