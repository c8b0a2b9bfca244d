package dev.flumekit.common.channel;

import org.apache.flume.Channel;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.instrumentation.SinkCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink batch in one channel transaction: committed only after the batch's work returned, rolled
 * back on any failure, and counted the way Flume's own sinks count.
 */
public final class SinkTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(SinkTransaction.class);

  /** A batch's work inside the transaction. */
  public interface Work {
    /** Takes and delivers a batch; returns the events delivered, or -1 if the channel was empty. */
    int deliver() throws Exception;
  }

  private SinkTransaction() {}

  /**
   * Runs {@code work} in a transaction of {@code channel}: READY once it delivered a batch, BACKOFF
   * when the channel was empty.
   *
   * @param onRollback counts a rollback in the sink's own counter
   */
  public static Sink.Status run(
      Channel channel, String sinkName, SinkCounter counter, Runnable onRollback, Work work)
      throws EventDeliveryException {
    Transaction transaction = channel.getTransaction();
    boolean committed = false;
    transaction.begin();
    try {
      int delivered = work.deliver();
      transaction.commit();
      committed = true;
      if (delivered < 0) {
        return Sink.Status.BACKOFF;
      }
      counter.addToEventDrainSuccessCount(delivered);
      return Sink.Status.READY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventDeliveryException("Sink " + sinkName + " interrupted; batch rolled back", e);
    } catch (EventDeliveryException e) {
      counter.incrementEventWriteFail();
      throw e;
    } catch (Exception | Error e) {
      counter.incrementEventWriteOrChannelFail(e);
      throw new EventDeliveryException("Sink " + sinkName + " failed; batch rolled back", e);
    } finally {
      if (!committed) {
        onRollback.run();
        try {
          transaction.rollback();
        } catch (RuntimeException e) {
          LOG.error("Sink {}: channel rollback failed", sinkName, e);
        }
      }
      transaction.close();
    }
  }
}
