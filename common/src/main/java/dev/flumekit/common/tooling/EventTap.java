package dev.flumekit.common.tooling;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A configured Kafka-backed component that can show the events passing through it while its agent
 * runs, without taking part: {@code bin/flumekit-agent tap} reads the component's topics with its
 * connection and security settings, outside its consumer group and without committing, from their
 * current end. Like everything in this package, loaded from the agent's class path by every
 * plugin's class loader, and in JDK types only.
 */
public interface EventTap {
  /** One event as the agent sees it, and where in Kafka it was read. */
  record Tapped(
      String topic,
      int partition,
      long offset,
      Map<String, String> headers,
      byte[] body,
      String decodeFailure) {}

  /**
   * What is read, for the operator: {@code topic(s) [clicks] on b1:9092}; null when the component
   * has no topics after all (a plugin facade whose component is not Kafka-backed).
   */
  String tapped();

  /**
   * Hands each new event to {@code out} until {@code count} were handed or {@code timeout} passed.
   *
   * @return how many were handed
   * @throws IllegalStateException when the brokers or topics cannot be read, saying why
   */
  int tap(int count, Duration timeout, Consumer<Tapped> out);
}
