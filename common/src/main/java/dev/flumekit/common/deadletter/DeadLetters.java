package dev.flumekit.common.deadletter;

import dev.flumekit.common.files.UserPaths;
import dev.flumekit.common.log.LogLimiter;
import dev.flumekit.common.log.LogSafe;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of one sink: handed to the handler its policy chose at start, counted and
 * logged, before the sink's channel transaction may commit. The policy is looked at once, here;
 * {@code fail} is its handler's refusal, not a check in each sink.
 */
public final class DeadLetters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  /** Builds the handler of {@code deadLetter=topic:<name>}, for sinks that write to Kafka. */
  @FunctionalInterface
  public interface TopicHandlerFactory {
    DeadLetterHandler create(String topic);

    /** For sinks whose configuration refuses {@code topic:}: reaching it is a bug. */
    TopicHandlerFactory NONE =
        topic -> {
          throw new IllegalStateException("this sink has no dead-letter topic: " + topic);
        };
  }

  private final String component;
  private final DeadLetterHandler handler;
  private final LongConsumer counted;
  private final LogLimiter limiter = new LogLimiter(10_000);

  /**
   * @param component the component as messages name it, e.g. "Sink k1"
   */
  private DeadLetters(String component, DeadLetterHandler handler, LongConsumer counted) {
    this.component = component;
    this.handler = handler;
    this.counted = counted;
  }

  /**
   * The dead letters of a component as {@code policy} says.
   *
   * @param limits size and age limits of dead-letter files
   * @param role what the component is, for messages: Sink, Source, Channel
   * @param name the component's name in the agent; dead-letter files are named after it
   * @param counted told how many letters each accepted hand-over held
   * @throws FlumeException if the policy's directory cannot be created or written to
   */
  public static DeadLetters forPolicy(
      DeadLetterPolicy policy,
      FileLimits limits,
      String role,
      String name,
      TopicHandlerFactory topics,
      LongConsumer counted) {
    String component = role + " " + name;
    return new DeadLetters(component, handler(policy, limits, component, name, topics), counted);
  }

  /** The handler of {@code policy}; every kind is named, so a new kind fails to compile here. */
  private static DeadLetterHandler handler(
      DeadLetterPolicy policy,
      FileLimits limits,
      String component,
      String name,
      TopicHandlerFactory topics) {
    return switch (policy.kind()) {
      case TOPIC -> topics.create(policy.target());
      case FILE -> files(policy.target(), limits, component, name);
      case DROP -> new DroppedDeadLetters(component);
      case FAIL -> new RefusedDeadLetters(component);
    };
  }

  /**
   * Dead letters as JSON lines in {@code directory}, which is created and checked now.
   *
   * @param component the component as messages name it, e.g. "Sink k1"
   * @param name the component's name, which the files are named after
   * @throws FlumeException naming the directory, if it cannot be used
   */
  public static FileDeadLetters files(
      String directory, FileLimits limits, String component, String name) {
    FileDeadLetterWriter writer =
        new FileDeadLetterWriter(UserPaths.resolve(directory), name, Clock.systemUTC(), limits);
    try {
      writer.prepare();
    } catch (IOException e) {
      throw new FlumeException(
          component
              + ": cannot keep dead letters in "
              + writer.directory()
              + " ("
              + e
              + "); create it writable for the agent's user, or set deadLetter",
          e);
    }
    return new FileDeadLetters(writer);
  }

  /**
   * Puts {@code letters} where the policy says, durably.
   *
   * @throws EventDeliveryException if they cannot be put there ({@code fail}, a full disk, ...):
   *     the caller must roll the batch back
   */
  public void handOver(List<DeadLetter> letters)
      throws EventDeliveryException, InterruptedException {
    if (letters.isEmpty()) {
      return;
    }
    try {
      handler.write(letters);
    } catch (EventDeliveryException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new EventDeliveryException(
          component + ": cannot write dead letters to " + handler.describe(), e);
    }
    counted.accept(letters.size());
    DeadLetter first = letters.get(0);
    long held = limiter.admit(first.errorClass());
    if (held >= 0) {
      // the reason can quote event values: escaped and cut; one line per cause every 10 s
      LOG.warn(
          "{}: {} events went to {}; first: {} ({}){}",
          component,
          letters.size(),
          handler.describe(),
          LogSafe.value(first.reason()),
          LogSafe.value(first.errorClass()),
          held > 0 ? "; " + held + " more batches with such letters since the last line" : "");
    }
  }

  /** Where dead letters go, for logs. */
  public String describe() {
    return handler.describe();
  }

  @Override
  public void close() {
    try {
      handler.close();
    } catch (IOException e) {
      LOG.warn("{}: closing dead letters failed: {}", component, e.toString());
    }
  }
}
