package dev.flumekit.source.tail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flume.Event;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ReadScheduler} over real files in a directory, with a fake clock, read as the source
 * reads it: batches filled and committed, positions written at a stop. Line ids are in the {@code
 * lineId} header; idleTimeout is 5 s and the globs are listed again every second unless a test says
 * otherwise.
 */
final class SchedulerRig implements AfterEachCallback {
  private final Supplier<Path> dirOfTest;
  private Path dir;
  private Path positionsPath;
  private final long[] now = {0};
  private TailSourceConfig config;
  private ReadScheduler scheduler;

  /**
   * A rig for a test's {@code @RegisterExtension} field, closed after each test.
   *
   * @param dirOfTest the test's temporary directory, asked at each start (it is injected after the
   *     field is initialized)
   */
  SchedulerRig(Supplier<Path> dirOfTest) {
    this.dirOfTest = dirOfTest;
  }

  /** Starts tailing {@code glob} (in the directory) with the saved positions, if any. */
  void start(String glob, String... keyValues) throws Exception {
    dir = dirOfTest.get();
    positionsPath = dir.resolve("state/tail.positions");
    Map<String, String> p = new HashMap<>();
    p.put("filegroups", "logs");
    p.put("filegroups.logs", dir.resolve(glob).toString());
    p.put("positionFile", positionsPath.toString());
    p.put("lineIdHeader", "lineId");
    p.put("idleTimeout", "5000");
    p.put("rescanIntervalMillis", "1000");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    config = TailSourceConfig.parse("tail", p);
    open();
  }

  private void open() throws Exception {
    EventFactory events =
        new EventFactory(StandardCharsets.UTF_8, "file", null, null, "h", "truncated", "lineId");
    scheduler =
        new ReadScheduler(
            "tail",
            config,
            new TailReading(config, events, new TailSourceCounter("tail"), () -> now[0]));
    scheduler.open(new PositionFile(positionsPath).read());
  }

  /** Stops the source as a stop does (positions written), and starts it again. */
  void restart() throws Exception {
    new PositionFile(positionsPath).write(scheduler.positions());
    scheduler.close();
    open();
  }

  void advanceMillis(long ms) {
    now[0] += ms * 1_000_000L;
  }

  ReadScheduler scheduler() {
    return scheduler;
  }

  Path positionsPath() {
    return positionsPath;
  }

  /** Reads and commits batches until one comes back empty; a listing runs first. */
  List<Event> readAll() {
    advanceMillis(1000);
    List<Event> read = new ArrayList<>();
    for (int round = 0; round < 100; round++) {
      TailBatch batch = new TailBatch(1000);
      scheduler.read(batch);
      if (batch.isEmpty()) {
        break;
      }
      scheduler.committed(batch);
      read.addAll(batch.events());
    }
    return read;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Stops reading; {@link #start} may start again. */
  void close() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
  }
}
