package dev.flumekit.kafka.sink;

import dev.flumekit.kafka.KafkaSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;

/** The operator's sink class on a real MemoryChannel, driven the way Flume's SinkRunner does. */
final class SinkHarness implements AutoCloseable {
  final MemoryChannel channel = new MemoryChannel();
  final KafkaSink sink = new KafkaSink();

  SinkHarness(String name, Map<String, String> properties) {
    channel.setName("c-" + name);
    Configurables.configure(
        channel,
        new Context(
            Map.of("capacity", "200000", "transactionCapacity", "10000", "keep-alive", "0")));
    channel.start();
    sink.setName(name);
    sink.configure(new Context(new HashMap<>(properties)));
    sink.setChannel(channel);
    sink.start();
  }

  void put(List<Event> events) {
    for (int from = 0; from < events.size(); from += 10000) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (Event e : events.subList(from, Math.min(events.size(), from + 10000))) {
        channel.put(e);
      }
      tx.commit();
      tx.close();
    }
  }

  /** Runs the sink until the channel is empty; returns the number of process() calls. */
  int drain() throws EventDeliveryException {
    int calls = 0;
    while (true) {
      calls++;
      if (sink.process() == Sink.Status.BACKOFF) {
        return calls;
      }
    }
  }

  @Override
  public void close() {
    sink.stop();
    channel.stop();
  }
}
