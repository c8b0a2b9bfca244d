package dev.flumekit.kafka.sink;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flume.FlumeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that the cluster accepts a client's credentials (SASL, TLS). Refused credentials
 * do not heal by retrying: without this check a wrong password shows as a client that retries and
 * logs for ever while the channel fills. A cluster that does not answer is no reason to refuse the
 * start (it may come up later); the client then keeps trying, as without security.
 */
public final class ClusterLogin {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLogin.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ClusterLogin() {}

  /** Whether a client with these properties authenticates (any protocol but PLAINTEXT). */
  public static boolean authenticates(Map<String, Object> clientProperties) {
    Object protocol = clientProperties.get("security.protocol");
    return protocol != null && !"PLAINTEXT".equalsIgnoreCase(protocol.toString().trim());
  }

  /**
   * Connects with the client's settings and returns once the cluster has answered, or has not
   * answered within 10 s.
   *
   * @param component the component, for messages ("Sink k1")
   * @param clientProperties the producer's or consumer's properties
   * @param keyPrefix where those come from in the configuration ("kafka.producer.")
   * @throws FlumeException if the cluster refused the credentials
   */
  public static void verify(
      String component, Map<String, Object> clientProperties, String keyPrefix) {
    if (!authenticates(clientProperties)) {
      return;
    }
    Object protocol = clientProperties.get("security.protocol");
    Admin admin = Admin.create(AdminProperties.from(clientProperties, "-login"));
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes()
          .get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
      LOG.info("{}: the Kafka cluster accepted the {} credentials", component, protocol);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException refused) {
        throw new FlumeException(refusal(component, protocol, keyPrefix, refused));
      }
      unverified(component, e.getCause());
    } catch (TimeoutException e) {
      unverified(component, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  /** The start-up error for refused credentials: what was refused and which keys to check. */
  public static String refusal(
      String component, Object protocol, String keyPrefix, AuthenticationException refused) {
    return component
        + ": the Kafka cluster refused the "
        + protocol
        + " credentials of "
        + keyPrefix
        + "* ("
        + refused.getMessage()
        + "); check "
        + keyPrefix
        + "sasl.jaas.config, "
        + keyPrefix
        + "sasl.mechanism and "
        + keyPrefix
        + "ssl.*. Not started.";
  }

  private static void unverified(String component, Throwable why) {
    LOG.warn(
        "{}: could not check the Kafka credentials, the cluster did not answer ({}); the client"
            + " keeps trying",
        component,
        String.valueOf(why));
  }
}
