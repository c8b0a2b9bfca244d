package dev.flumekit.common.channel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several batches of a sink in flight at once, each in its own channel transaction on its own
 * worker thread (Flume's channel transactions belong to a thread): while some wait for the
 * downstream system's acknowledgement, the next is taken and sent. {@link #process()} is the sink's
 * process(): it starts a batch and reports the outcome of finished ones, so the sink runner still
 * sees failures and an empty channel. While the channel is empty, batches run one at a time until
 * one finds events again.
 */
public final class BatchPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);

  /** One batch in one transaction, as the sink's process() would run it alone. */
  @FunctionalInterface
  public interface Batch {
    /**
     * @param ticket the batch's number, in the order batches were started
     */
    Status deliver(long ticket) throws EventDeliveryException;
  }

  private final String sinkName;
  private final int inFlightBatches;
  private final Batch batch;
  private final ExecutorService workers;
  private final Deque<Future<Status>> inFlight = new ArrayDeque<>();
  private long nextTicket;

  /** The latest batch found the channel empty: deliver one batch at a time until one is not. */
  private boolean idle = true;

  public BatchPipeline(String sinkName, int inFlightBatches, Batch batch) {
    this.sinkName = sinkName;
    this.inFlightBatches = inFlightBatches;
    this.batch = batch;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            inFlightBatches,
            task -> {
              Thread t =
                  new Thread(task, "flumekit-" + sinkName + "-batch-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the next batch; returns the outcome of the batches finished meanwhile. */
  public Status process() throws EventDeliveryException {
    Status latest = null;
    while (!inFlight.isEmpty()
        && (inFlight.peekFirst().isDone() || inFlight.size() >= inFlightBatches)) {
      latest = collect(inFlight.pollFirst());
    }
    if (latest == Status.BACKOFF) {
      // The latest take found the channel empty. Collect the batches still out now, rather than
      // one per call: each stale empty result would make the SinkRunner back off once more.
      idle = true;
      while (!inFlight.isEmpty()) {
        if (collect(inFlight.pollFirst()) == Status.READY) {
          idle = false;
        }
      }
    } else if (latest == Status.READY) {
      idle = false;
    }
    long ticket = nextTicket++;
    Future<Status> started = workers.submit(() -> batch.deliver(ticket));
    if (idle) {
      Status status = outcome(started);
      idle = status == Status.BACKOFF;
      return status;
    }
    inFlight.addLast(started);
    return Status.READY;
  }

  /**
   * The outcome of a finished batch; if it failed, every other batch in flight is collected too
   * before the failure is reported. They have most likely failed for the same reason (a downstream
   * outage, a full disk), and reported one per call each would cost the sink runner a back-off of
   * its own: 16 batches in flight kept a sink idle for 70 s after a full disk had space again.
   */
  private Status collect(Future<Status> finished) throws EventDeliveryException {
    try {
      return outcome(finished);
    } catch (EventDeliveryException failed) {
      int othersFailed = 0;
      while (!inFlight.isEmpty() && !Thread.currentThread().isInterrupted()) {
        try {
          outcome(inFlight.pollFirst());
        } catch (EventDeliveryException again) {
          othersFailed++;
        }
      }
      if (othersFailed > 0) {
        failed.addSuppressed(
            new EventDeliveryException(othersFailed + " more batches in flight failed too"));
      }
      idle = true;
      throw failed;
    }
  }

  private Status outcome(Future<Status> finished) throws EventDeliveryException {
    try {
      return finished.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inFlight.addFirst(finished);
      throw new EventDeliveryException("Sink " + sinkName + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EventDeliveryException delivery) {
        throw delivery;
      }
      throw new EventDeliveryException("Sink " + sinkName + " failed", e.getCause());
    }
  }

  /**
   * Waits up to {@code timeoutMs} for the batches in flight; those still running then are
   * interrupted and roll back to the channel.
   */
  public void stop(long timeoutMs) {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
        LOG.warn("Sink {}: batches still in flight are rolled back to the channel", sinkName);
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    inFlight.clear();
  }
}
