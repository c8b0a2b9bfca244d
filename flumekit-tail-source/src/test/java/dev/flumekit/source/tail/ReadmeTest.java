package dev.flumekit.source.tail;

import dev.flumekit.testkit.docs.ReadmeContract;
import java.util.List;
import java.util.Map;

/** README's configuration table and counter list are what the code declares. */
class ReadmeTest extends ReadmeContract {
  ReadmeTest() {
    super(
        "flumekit-tail-source",
        Map.of("tail-source", TailSourceConfig.DEFINITION),
        List.of(TailSourceCounterMBean.class));
  }
}
