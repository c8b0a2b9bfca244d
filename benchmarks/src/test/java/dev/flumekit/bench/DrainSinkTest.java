package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class DrainSinkTest {
  @Test
  void aShortBatchIsReadyOnlyAnEmptyChannelBacksOff() throws Exception {
    MemoryChannel channel = new MemoryChannel();
    Configurables.configure(
        channel,
        new Context(Map.of("capacity", "100", "transactionCapacity", "100", "keep-alive", "0")));
    channel.start();
    Transaction put = channel.getTransaction();
    put.begin();
    for (int i = 0; i < 7; i++) {
      channel.put(EventBuilder.withBody(new byte[] {(byte) i}));
    }
    put.commit();
    put.close();
    DrainSink sink = new DrainSink();
    sink.configure(new Context(Map.of("batchSize", "5")));
    sink.setChannel(channel);

    assertEquals(Sink.Status.READY, sink.process()); // 5 of 7
    assertEquals(Sink.Status.READY, sink.process()); // the 2 left: short, not a back-off
    assertEquals(Sink.Status.BACKOFF, sink.process()); // none
    channel.stop();
  }
}
