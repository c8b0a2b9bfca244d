package dev.flumekit.hbase.sink;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/hbase-sink.md's configuration table and counter list are what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/hbase-sink.md",
        "flume-hbase-sink",
        Map.of("hbase-sink", HBaseSinkConfig.DEFINITION),
        List.of(HBaseSinkCounterMBean.class));
  }
}
