package dev.flumekit.kafka.client;

import dev.flumekit.common.net.KafkaCredentials;
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
 * Checks at start, through an Admin client, that the cluster accepts a producer's or consumer's
 * credentials (SASL, TLS): without this check a wrong password shows as a client that retries and
 * logs for ever while the channel fills. What is said and refused: {@link KafkaCredentials}.
 */
public final class ClusterLogin {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLogin.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ClusterLogin() {}

  /**
   * Connects with the client's settings and returns once the cluster has answered, or has not
   * answered within 10 s; does nothing for a client that does not authenticate.
   *
   * @param component the component, for messages ("Sink k1")
   * @param clientProperties the producer's or consumer's properties
   * @param keyPrefix where those come from in the configuration ("kafka.producer.")
   * @throws FlumeException if the cluster refused the credentials
   */
  public static void verify(
      String component, Map<String, Object> clientProperties, String keyPrefix) {
    String protocol = KafkaCredentials.protocol(clientProperties);
    if (protocol == null) {
      return;
    }
    Admin admin = Admin.create(AdminProperties.from(clientProperties, "-login"));
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes()
          .get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
      LOG.info(KafkaCredentials.accepted(component, protocol));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException refused) {
        throw new FlumeException(
            KafkaCredentials.refused(component, protocol, keyPrefix, refused.getMessage()));
      }
      LOG.warn(KafkaCredentials.unverified(component, e.getCause()));
    } catch (TimeoutException e) {
      LOG.warn(KafkaCredentials.unverified(component, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
