package dev.flumekit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link KafkaBroker} for a test class. Either its own, started before its first test in a fresh
 * directory and stopped and deleted after its last:
 *
 * <pre>
 * &#64;RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * </pre>
 *
 * or, for a class that never stops the broker and names its topics and groups its own way, the one
 * broker of the test JVM ({@link #perJvm()}), started by the first class that asks and stopped when
 * the JVM exits: every class that can share it saves a broker's start and stop. It is held in a
 * static field, not in JUnit's root store: failsafe runs each class of a reused fork as a test plan
 * of its own, whose root store is closed after the class.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
  /** The test JVM's broker, once a class asked for it. */
  private static JvmBroker jvmBroker;

  private final Map<String, String> overrides;
  private final boolean perJvm;
  private Path directory;
  private KafkaBroker broker;

  /** A broker of the class's own, as {@link KafkaBroker#start(Path)} configures it. */
  public KafkaBrokerExtension() {
    this(Map.of());
  }

  /** A broker of the class's own with extra or replaced server properties. */
  public KafkaBrokerExtension(Map<String, String> overrides) {
    this(overrides, false);
  }

  private KafkaBrokerExtension(Map<String, String> overrides, boolean perJvm) {
    this.overrides = Map.copyOf(overrides);
    this.perJvm = perJvm;
  }

  /** The broker shared by the test classes of this JVM; its {@link KafkaBroker#stop()} refuses. */
  public static KafkaBrokerExtension perJvm() {
    return new KafkaBrokerExtension(Map.of(), true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (perJvm) {
      broker = jvmBroker();
      return;
    }
    directory = Files.createTempDirectory("flumekit-kafka-");
    broker = KafkaBroker.start(directory, overrides);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (!perJvm) {
      close(broker, directory);
    }
  }

  public KafkaBroker broker() {
    return broker;
  }

  private static synchronized KafkaBroker jvmBroker() {
    if (jvmBroker == null) {
      JvmBroker started = new JvmBroker();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::closeWithin, "stop the JVM's broker"));
      jvmBroker = started;
    }
    return jvmBroker.broker;
  }

  private static void close(KafkaBroker broker, Path directory) throws IOException {
    if (broker != null) {
      broker.close();
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The JVM's broker and its directory. */
  private static final class JvmBroker {
    private final Path directory;
    private final KafkaBroker broker;

    JvmBroker() {
      try {
        directory = Files.createTempDirectory("flumekit-kafka-jvm-");
        broker = KafkaBroker.start(directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      broker.shareWithTheJvm();
    }

    /**
     * Stops the broker and deletes its directory, waiting at most 15 s: a stop that hangs must not
     * hold the exiting test JVM past failsafe's exit timeout, and the broker ends with it anyway.
     */
    void closeWithin() {
      Thread stopping =
          new Thread(
              () -> {
                try {
                  KafkaBrokerExtension.close(broker, directory);
                } catch (IOException e) {
                  System.err.println("the test JVM's broker at exit: " + e);
                }
              },
              "stopping the JVM's broker");
      stopping.setDaemon(true);
      stopping.start();
      try {
        stopping.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
