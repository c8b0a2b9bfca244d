package dev.flumekit.common.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink.Status;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {
  @Test
  void aFailureIsReportedOnceForAllTheBatchesInFlightThatFailedWithIt() throws Exception {
    AtomicBoolean downstreamDown = new AtomicBoolean(false);
    AtomicInteger started = new AtomicInteger();
    CountDownLatch allStarted = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    BatchPipeline pipeline =
        new BatchPipeline(
            "k1",
            4,
            ticket -> {
              started.incrementAndGet();
              if (ticket == 0) {
                return Status.READY; // the first batch runs alone: the pipeline starts idle
              }
              allStarted.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (downstreamDown.get()) {
                throw new EventDeliveryException("disk full");
              }
              return Status.READY;
            });
    assertEquals(Status.READY, pipeline.process());
    for (int i = 0; i < 4; i++) {
      assertEquals(Status.READY, pipeline.process());
    }
    downstreamDown.set(true);
    allStarted.await(10, TimeUnit.SECONDS);
    release.countDown();
    EventDeliveryException failure = assertThrows(EventDeliveryException.class, pipeline::process);
    assertEquals("disk full", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length, "the other failed batches, counted");
    // the next call starts new work at once instead of reporting another stale failure
    downstreamDown.set(false);
    assertEquals(Status.READY, pipeline.process());
    pipeline.stop(5000);
  }

  @Test
  void failuresMetWhileCollectingAfterAnEmptyTakeAreReportedOnceToo() throws Exception {
    CountDownLatch emptyTake = new CountDownLatch(1);
    CountDownLatch failures = new CountDownLatch(1);
    BatchPipeline pipeline =
        new BatchPipeline(
            "k1",
            3,
            ticket -> {
              if (ticket == 0 || ticket >= 4) {
                return Status.READY;
              }
              try {
                (ticket == 1 ? emptyTake : failures).await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (ticket == 1) {
                return Status.BACKOFF; // the channel was empty
              }
              throw new EventDeliveryException("disk full");
            });
    assertEquals(Status.READY, pipeline.process());
    for (int i = 0; i < 3; i++) {
      assertEquals(Status.READY, pipeline.process());
    }
    // the next call waits for the first of the three in flight (the limit): the empty take; the
    // two others fail while the batches still out are collected after it
    Thread outcomes =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
                emptyTake.countDown();
                Thread.sleep(300);
                failures.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    outcomes.start();
    EventDeliveryException failure = assertThrows(EventDeliveryException.class, pipeline::process);
    assertEquals(1, failure.getSuppressed().length, "the other failed batch, counted");
    assertEquals(Status.READY, pipeline.process());
    outcomes.join();
    pipeline.stop(5000);
  }
}
