package dev.flumekit.bench;

import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;

/**
 * A sink that takes batches of up to {@code batchSize} events and drops them, backing off only when
 * a transaction took none, as Flume's KafkaSink, HDFS and Avro sinks and flumekit's sinks do.
 * Flume's {@code null} sink backs off (1 s, then longer) after every batch shorter than its {@code
 * batchSize}, which measures its pauses instead of the channel wherever a channel ends a take batch
 * with what it has at hand. Set as {@code type = dev.flumekit.bench.DrainSink}.
 */
public final class DrainSink extends AbstractSink implements Configurable {
  private int batchSize;

  @Override
  public void configure(Context context) {
    batchSize = context.getInteger("batchSize", 1000);
  }

  @Override
  public Sink.Status process() {
    Channel channel = getChannel();
    Transaction transaction = channel.getTransaction();
    transaction.begin();
    try {
      int taken = 0;
      while (taken < batchSize && channel.take() != null) {
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
