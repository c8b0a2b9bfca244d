package dev.flumekit.kafka.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * An Admin client's settings taken from a producer's or consumer's: the ones an Admin client knows
 * (connection, security), so that it reaches the cluster the same way, under its own client id.
 */
public final class AdminProperties {
  private AdminProperties() {}

  /**
   * @param client the producer's or consumer's properties
   * @param clientIdSuffix appended to the client's {@code client.id}, naming what the Admin is for
   */
  public static Map<String, Object> from(Map<String, Object> client, String clientIdSuffix) {
    Set<String> known = AdminClientConfig.configNames();
    Map<String, Object> p = new HashMap<>();
    for (Map.Entry<String, Object> e : client.entrySet()) {
      if (known.contains(e.getKey())) {
        p.put(e.getKey(), e.getValue());
      }
    }
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, client.get("client.id") + clientIdSuffix);
    return p;
  }
}
