package dev.flumekit.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.PollableSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.source.AbstractSource;

/**
 * A source for benchmarks: puts {@code totalEvents} access-log lines into its channels as fast as
 * they take them, in batches of {@code batchSize}, then stops producing. With {@code
 * startAfterMillis} it begins that long after it starts, so that a benchmark can read the agent's
 * monitoring (which Flume starts after the components) from the first event on.
 *
 * <pre>
 * a1.sources.gen.type = dev.flumekit.bench.AccessLogSource
 * a1.sources.gen.totalEvents = 2000000
 * a1.sources.gen.batchSize = 1000
 * a1.sources.gen.startAfterMillis = 0
 * </pre>
 */
public final class AccessLogSource extends AbstractSource implements Configurable, PollableSource {
  private byte[][] lines;
  private long totalEvents;
  private int batchSize;
  private long produced;
  private long startAfterMillis;
  private long startAt;

  @Override
  public void configure(Context context) {
    totalEvents = context.getLong("totalEvents", 1_000_000L);
    batchSize = context.getInteger("batchSize", 1000);
    startAfterMillis = context.getLong("startAfterMillis", 0L);
    lines = AccessLogLines.generate(context.getInteger("distinctLines", 65536), 42L);
  }

  @Override
  public synchronized void start() {
    startAt = System.currentTimeMillis() + startAfterMillis;
    super.start();
  }

  @Override
  public Status process() {
    if (produced >= totalEvents || System.currentTimeMillis() < startAt) {
      return Status.BACKOFF;
    }
    int n = (int) Math.min(batchSize, totalEvents - produced);
    List<Event> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(EventBuilder.withBody(lines[(int) ((produced + i) % lines.length)]));
    }
    try {
      getChannelProcessor().processEventBatch(batch);
    } catch (ChannelException full) {
      return Status.BACKOFF;
    }
    produced += n;
    return Status.READY;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return 1;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return 5;
  }
}
