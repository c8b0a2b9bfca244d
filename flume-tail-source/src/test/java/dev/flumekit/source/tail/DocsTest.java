package dev.flumekit.source.tail;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/tail-source.md's configuration table and counter list are what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/tail-source.md",
        "flume-tail-source",
        Map.of("tail-source", TailSourceConfig.DEFINITION),
        List.of(TailSourceCounterMBean.class));
  }
}
