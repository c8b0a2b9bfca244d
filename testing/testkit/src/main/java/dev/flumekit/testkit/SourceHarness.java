package dev.flumekit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.PollableSource;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurable;
import org.apache.flume.conf.Configurables;

/**
 * A pollable source wired to a real MemoryChannel, as Flume's PollableSourceRunner wires it, except
 * that the test calls {@link #process()} itself and takes what the channel holds.
 */
public final class SourceHarness<S extends PollableSource & Configurable> implements AutoCloseable {
  private final MemoryChannel channel = new MemoryChannel();
  private final S source;

  /**
   * Configures and starts {@code source} over a new memory channel of {@code capacity} events.
   *
   * @param properties the source's configuration
   */
  public SourceHarness(S source, String name, int capacity, Map<String, String> properties) {
    this.source = source;
    channel.setName("c-" + name);
    Configurables.configure(
        channel,
        new Context(
            Map.of(
                "capacity", Integer.toString(capacity),
                "transactionCapacity", Integer.toString(Math.min(capacity, 1000)),
                "keep-alive", "0")));
    channel.start();
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    source.setChannelProcessor(new ChannelProcessor(selector));
    source.setName(name);
    source.configure(new Context(properties));
    source.start();
  }

  public S source() {
    return source;
  }

  public PollableSource.Status process() throws Exception {
    return source.process();
  }

  /** Takes up to {@code max} events in one channel transaction. */
  public List<Event> take(int max) {
    List<Event> events = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (Event e; events.size() < max && (e = channel.take()) != null; ) {
      events.add(e);
    }
    tx.commit();
    tx.close();
    return events;
  }

  /** Takes every event the channel holds. */
  public List<Event> takeAll() {
    List<Event> events = new ArrayList<>();
    for (List<Event> got = take(1000); !got.isEmpty(); got = take(1000)) {
      events.addAll(got);
    }
    return events;
  }

  @Override
  public void close() {
    source.stop();
    channel.stop();
  }
}
