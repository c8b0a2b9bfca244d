package dev.flumekit.monitoring.server;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import java.util.Map;

/**
 * The monitoring service's configuration, from the agent's {@code -Dflume.monitoring.<key>} system
 * properties: every key declared once, parsed once, immutable.
 */
public final class MonitoringConfig extends ComponentConfig {
  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("port", ValueType.INT)
          .defaultValue(41414)
          .validator(Validator.between(1, 65535))
          .doc("TCP port of `/metrics` and `/health`; give each agent of a host its own.")
          .build();

  public static final ConfigKey<String> BIND =
      ConfigKey.builder("bind", ValueType.NON_EMPTY_STRING)
          .defaultValue("0.0.0.0")
          .doc(
              "Address to listen on: all interfaces, as Flume's own HTTP monitoring, so that a"
                  + " Prometheus on another host can scrape; `127.0.0.1` keeps it to the host (a"
                  + " Prometheus or agent on the same host).")
          .build();

  public static final ConfigKey<String> WEB_CONFIG_FILE =
      ConfigKey.builder("webConfigFile", ValueType.NON_EMPTY_STRING)
          .defaultDoc("none: plain HTTP, no authentication")
          .doc(
              "A web config file in the Prometheus exporters' style: TLS"
                  + " (`tls_server_config`) and basic auth (`basic_auth_users`, bcrypt hashes)."
                  + " A file with a problem stops the agent at start (see"
                  + " [Exposure](#exposure-bind-tls-and-basic-auth)).")
          .build();

  public static final ConfigKey<String> AGENT =
      ConfigKey.builder("agent", ValueType.NON_EMPTY_STRING)
          .defaultDoc("the agent's `-n` name")
          .doc("The `agent` label of every metric.")
          .build();

  public static final ConfigKey<Integer> DELIVERY_TIMEOUT_SECONDS =
      ConfigKey.builder("health.deliveryTimeoutSeconds", ValueType.INT)
          .defaultValue(60)
          .validator(Validator.atLeast(1))
          .doc(
              "`/health` fails, and `flume_component_stalled` is 1, when a component has been"
                  + " stalled this long: a sink delivering nothing while its channel holds events,"
                  + " a put or batch waiting for Kafka, a tail source putting nothing while its"
                  + " files grow.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(PORT)
          .key(BIND)
          .key(WEB_CONFIG_FILE)
          .key(AGENT)
          .key(DELIVERY_TIMEOUT_SECONDS)
          .build();

  private MonitoringConfig(ParsedConfig values) {
    super("Prometheus monitoring", values);
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static MonitoringConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig values = DEFINITION.parse(raw, problems);
    problems.throwIfAny("Prometheus monitoring");
    return new MonitoringConfig(values);
  }
}
