package dev.flumekit.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.IntFunction;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;

/**
 * A started memory channel holding a benchmark's events before the sink under test starts, so that
 * the sink's draining is timed alone, as Flume's SinkRunner would drive it.
 */
final class PrefilledChannel implements AutoCloseable {
  private final MemoryChannel channel = new MemoryChannel();

  /** Puts events 0 to {@code count - 1} in transactions of {@code batch}. */
  PrefilledChannel(String name, int count, int batch, IntFunction<Event> event) {
    channel.setName(name);
    Configurables.configure(
        channel,
        new Context(
            Map.of(
                "capacity", Integer.toString(count),
                "transactionCapacity", Integer.toString(batch),
                "keep-alive", "0")));
    channel.start();
    for (int from = 0; from < count; from += batch) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (int i = from; i < Math.min(count, from + batch); i++) {
        channel.put(event.apply(i));
      }
      tx.commit();
      tx.close();
    }
  }

  /** Configures and starts {@code sink} on this channel. */
  void attach(Sink sink, String name, Map<String, String> config) {
    sink.setName(name);
    Configurables.configure(sink, new Context(config));
    sink.setChannel(channel);
    sink.start();
  }

  /** Runs the sink until the channel is empty; returns the nanoseconds it took. */
  static long drainNanos(Sink sink) throws Exception {
    long start = System.nanoTime();
    while (sink.process() == Sink.Status.READY) {
      // until the channel is empty
    }
    return System.nanoTime() - start;
  }

  /** What is told, after each batch, how many events the sink has taken so far. */
  interface Taken {
    void taken(long count) throws Exception;
  }

  /**
   * Runs the sink until the channel is empty, telling {@code taken} after each batch how far it got
   * (the channel's own take count); returns the nanoseconds it took.
   */
  long drainNanos(Sink sink, Taken taken) throws Exception {
    ObjectName counter = new ObjectName("org.apache.flume.channel:type=" + channel.getName());
    MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
    long start = System.nanoTime();
    Sink.Status status;
    do {
      status = sink.process();
      taken.taken(((Number) beans.getAttribute(counter, "EventTakeSuccessCount")).longValue());
    } while (status == Sink.Status.READY);
    return System.nanoTime() - start;
  }

  /** A counter of the sink named {@code sink}, read from the MBean Flume registers for it. */
  static long sinkAttribute(String sink, String name) throws Exception {
    return ((Number)
            ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("org.apache.flume.sink:type=" + sink), name))
        .longValue();
  }

  @Override
  public void close() {
    channel.stop();
  }
}
