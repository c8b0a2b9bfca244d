package dev.flumekit.interceptor;

import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.testkit.docs.DocsContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docs/interceptors.md's configuration tables and counter list are what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/interceptors.md",
        "interceptors",
        definitions(),
        List.of(InterceptorCounterMBean.class));
  }

  private static Map<String, ConfigDef> definitions() {
    Map<String, ConfigDef> all = new LinkedHashMap<>();
    all.put("interceptor-access-log", AccessLogConfig.DEFINITION);
    all.put("interceptor-json", JsonConfig.DEFINITION);
    all.put("interceptor-timestamp", TimestampConfig.DEFINITION);
    all.put("interceptor-header", HeaderConfig.DEFINITION);
    all.put("interceptor-key", KeyConfig.DEFINITION);
    all.put("interceptor-routing", RoutingConfig.DEFINITION);
    all.put("interceptor-filter", FilterConfig.DEFINITION);
    return all;
  }
}
