package dev.flumekit.common.channel;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Channel;
import org.apache.flume.Event;
import org.apache.flume.instrumentation.SinkCounter;

/** Takes a sink's batch from its channel, inside the caller's transaction, and counts it. */
public final class ChannelBatch {
  private ChannelBatch() {}

  /**
   * Up to {@code batchSize} events; fewer when the channel runs dry. Counts the batch as empty,
   * underflow or complete, and its events as drain attempts, as Flume's own sinks do.
   */
  public static List<Event> take(Channel channel, int batchSize, SinkCounter counter) {
    List<Event> events = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      Event event = channel.take();
      if (event == null) {
        break;
      }
      events.add(event);
    }
    if (events.isEmpty()) {
      counter.incrementBatchEmptyCount();
    } else {
      if (events.size() < batchSize) {
        counter.incrementBatchUnderflowCount();
      } else {
        counter.incrementBatchCompleteCount();
      }
      counter.addToEventDrainAttemptCount(events.size());
    }
    return events;
  }
}
