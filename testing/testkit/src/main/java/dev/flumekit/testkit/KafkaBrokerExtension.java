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
 * the JVM's last test ends: every class that can share it saves a broker's start and stop.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace JVM =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

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
      broker =
          context
              .getRoot()
              .getStore(JVM)
              .getOrComputeIfAbsent(JvmBroker.class, k -> new JvmBroker(), JvmBroker.class)
              .broker;
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

  /** The JVM's broker, closed by JUnit when the JVM's last test ended. */
  private static final class JvmBroker implements ExtensionContext.Store.CloseableResource {
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

    @Override
    public void close() throws IOException {
      KafkaBrokerExtension.close(broker, directory);
    }
  }
}
