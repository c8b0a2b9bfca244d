package dev.flumekit.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link KafkaBroker} for a test class: started before its first test in a fresh directory,
 * stopped and deleted after its last.
 *
 * <pre>
 * &#64;RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * </pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> overrides;
  private Path directory;
  private KafkaBroker broker;

  /** A broker as {@link KafkaBroker#start(Path)} configures it. */
  public KafkaBrokerExtension() {
    this(Map.of());
  }

  /** A broker with extra or replaced server properties, e.g. no topic creation on demand. */
  public KafkaBrokerExtension(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("flumekit-kafka-");
    broker = KafkaBroker.start(directory, overrides);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
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

  public KafkaBroker broker() {
    return broker;
  }
}
