package dev.flumekit.bench;

import java.util.Map;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;

/**
 * A sink that takes batches of up to {@code batchSize} events and drops them, backing off only when
 * a transaction took none, as Flume's KafkaSink, HDFS and Avro sinks and flumekit's sinks do.
 * Flume's {@code null} sink backs off (1 s, then longer) after every batch shorter than its {@code
 * batchSize}, which measures its pauses instead of the channel wherever a channel ends a take batch
 * with what it has at hand. Set as {@code type = dev.flumekit.bench.DrainSink}; with {@code
 * readHeaders = true} it reads every header of every event, as a sink that routes, keys or names
 * files by headers does, so that a source whose events build their headers when first read pays for
 * them.
 */
public final class DrainSink extends AbstractSink implements Configurable {
  private int batchSize;
  private boolean readHeaders;

  /** What the headers read added up to: kept so that reading them is not optimized away. */
  private long headerChars;

  @Override
  public void configure(Context context) {
    batchSize = context.getInteger("batchSize", 1000);
    readHeaders = context.getBoolean("readHeaders", false);
  }

  @Override
  public Sink.Status process() {
    Channel channel = getChannel();
    Transaction transaction = channel.getTransaction();
    transaction.begin();
    try {
      int taken = 0;
      Event event;
      while (taken < batchSize && (event = channel.take()) != null) {
        if (readHeaders) {
          for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            headerChars += header.getKey().length() + header.getValue().length();
          }
        }
        taken++;
      }
      transaction.commit();
      return taken == 0 ? Sink.Status.BACKOFF : Sink.Status.READY;
    } catch (RuntimeException e) {
      transaction.rollback();
      throw e;
    } finally {
      transaction.close();
    }
  }
}
