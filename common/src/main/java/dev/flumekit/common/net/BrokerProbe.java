package dev.flumekit.common.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator at start which of a component's bootstrap servers answer. A wrong broker list
 * otherwise shows only as a client retrying without end; this says which host:port does not answer
 * and why (unknown host, refused, timed out). It never refuses the start: Kafka may come up later,
 * and the client keeps trying.
 */
public final class BrokerProbe {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);
  private static final int TIMEOUT_MS = 5000;

  private BrokerProbe() {}

  /** The outcome for one server: null {@code problem} when it accepted a connection. */
  public record Answer(String server, String problem) {
    public boolean answered() {
      return problem == null;
    }
  }

  /** Probes every server now, each with a connection timeout of {@code timeoutMs}. */
  public static List<Answer> probe(List<String> servers, int timeoutMs) {
    List<Answer> answers = new ArrayList<>(servers.size());
    for (String server : servers) {
      answers.add(new Answer(server, problem(server, timeoutMs)));
    }
    return answers;
  }

  /** Probes on a daemon thread and logs the outcome, so that a start is not held up. */
  public static void inBackground(String component, List<String> servers) {
    Thread t =
        new Thread(
            () -> log(component, probe(servers, TIMEOUT_MS)), "flumekit-broker-probe-" + component);
    t.setDaemon(true);
    t.start();
  }

  static void log(String component, List<Answer> answers) {
    List<String> answering = new ArrayList<>();
    for (Answer a : answers) {
      if (a.answered()) {
        answering.add(a.server());
      } else {
        LOG.warn(
            "{}: bootstrap server {} does not answer ({}); the Kafka client keeps trying",
            component,
            a.server(),
            a.problem());
      }
    }
    if (answering.isEmpty()) {
      LOG.warn("{}: no bootstrap server answers; check the broker list", component);
    } else {
      LOG.info("{}: bootstrap servers answering: {}", component, String.join(", ", answering));
    }
  }

  private static String problem(String server, int timeoutMs) {
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      return "not host:port";
    }
    String host = server.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      return "port is not a number";
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      return "unknown host " + host;
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, timeoutMs);
      return null;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
