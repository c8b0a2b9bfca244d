package dev.flumekit.kafka.sink;

import dev.flumekit.common.channel.ChannelBatch;
import dev.flumekit.common.channel.SinkTransaction;
import dev.flumekit.common.net.BrokerProbe;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka sink's implementation: one channel transaction per batch, committed only once every
 * event of the batch is acknowledged by Kafka (per {@code acks}) or handed to the dead-letter
 * policy. Operators name {@link dev.flumekit.kafka.KafkaSink}, which runs this class isolated from
 * Flume's own kafka-clients.
 *
 * <p>With {@code inFlightBatches > 1}, batches are delivered by worker threads, each in its own
 * channel transaction (Flume's channel transactions belong to a thread): one worker takes and sends
 * its batch while earlier ones wait for their acknowledgements. Batches take and hand records to
 * the producer in turn ({@link SendTurns}), so records are sent in channel order. {@link
 * #process()} starts a batch and reports the outcome of finished ones, so the sink runner still
 * sees failures and an empty channel.
 */
public final class IsolatedKafkaSink extends AbstractSink
    implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedKafkaSink.class);

  private KafkaSinkConfig config;
  private KafkaSinkCounter counter;
  private KafkaWriter writer;

  /** Delivers a batch on its own: at least once, or in a transaction. */
  private BatchDelivery delivery;

  /** With inFlightBatches > 1 (never transactional): the delivery that pipelines batches. */
  private AtLeastOnceDelivery pipelined;

  private ExecutorService workers;
  private final Deque<Future<Status>> inFlight = new ArrayDeque<>();
  private final SendTurns sendTurns = new SendTurns();
  private long nextTicket;

  /** The latest batch found the channel empty: deliver one batch at a time until one is not. */
  private boolean idle = true;

  @Override
  public void configure(Context context) {
    KafkaSinkConfig parsed = KafkaSinkConfig.parse(getName(), context.getParameters());
    for (String warning : parsed.warnings()) {
      LOG.warn("Sink {}: {}", getName(), warning);
    }
    this.config = parsed;
    if (counter == null) {
      counter = new KafkaSinkCounter(getName());
    }
  }

  @Override
  public long getBatchSize() {
    return config.batchSize();
  }

  @Override
  public synchronized void start() {
    BrokerProbe.inBackground("Sink " + getName(), config.bootstrapServers());
    writer = KafkaWriter.open(config, counter);
    delivery = writer.delivery;
    if (config.inFlightBatches() > 1) {
      pipelined = (AtLeastOnceDelivery) delivery;
      AtomicInteger threads = new AtomicInteger();
      workers =
          Executors.newFixedThreadPool(
              config.inFlightBatches(),
              task -> {
                Thread t =
                    new Thread(
                        task, "flumekit-" + getName() + "-batch-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    counter.start();
    LOG.info(
        "Sink {}: writing to {} on {}, batches of {}, {} in flight, dead letters to {}",
        getName(),
        config.topic(),
        String.join(",", config.bootstrapServers()),
        config.batchSize(),
        config.inFlightBatches(),
        writer.describeDeadLetters());
    super.start();
  }

  @Override
  public Status process() throws EventDeliveryException {
    if (workers == null) {
      return deliverBatch(-1);
    }
    Status latest = null;
    while (!inFlight.isEmpty()
        && (inFlight.peekFirst().isDone() || inFlight.size() >= config.inFlightBatches())) {
      latest = outcome(inFlight.pollFirst());
    }
    if (latest == Status.BACKOFF) {
      // The latest take found the channel empty. Collect the batches still out now, rather than
      // one per call: each stale empty result would make the SinkRunner back off once more.
      idle = true;
      while (!inFlight.isEmpty()) {
        if (outcome(inFlight.pollFirst()) == Status.READY) {
          idle = false;
        }
      }
    } else if (latest == Status.READY) {
      idle = false;
    }
    long ticket = nextTicket++;
    Future<Status> batch = workers.submit(() -> deliverBatch(ticket));
    if (idle) {
      // While the channel is empty, one batch at a time until events flow again.
      Status status = outcome(batch);
      idle = status == Status.BACKOFF;
      return status;
    }
    inFlight.addLast(batch);
    return Status.READY;
  }

  private Status outcome(Future<Status> batch) throws EventDeliveryException {
    try {
      return batch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inFlight.addFirst(batch);
      throw new EventDeliveryException("Sink " + getName() + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EventDeliveryException delivery) {
        throw delivery;
      }
      throw new EventDeliveryException("Sink " + getName() + " failed", e.getCause());
    }
  }

  /**
   * Takes one batch from the channel in a transaction and commits it once it is delivered.
   *
   * @param ticket the batch's turn to take and send among batches in flight, or -1 when batches are
   *     delivered one at a time
   */
  private Status deliverBatch(long ticket) throws EventDeliveryException {
    Channel channel = getChannel();
    return SinkTransaction.run(
        channel,
        getName(),
        counter,
        counter::incrementRollbackCount,
        () -> {
          BatchDelivery.Result result =
              ticket >= 0 ? deliverInTurn(channel, ticket) : deliverAlone(channel);
          return result == null ? -1 : result.delivered();
        });
  }

  /** Delivers a batch on its own; null if the channel was empty. */
  private BatchDelivery.Result deliverAlone(Channel channel)
      throws EventDeliveryException, InterruptedException {
    List<Event> events = take(channel);
    return events.isEmpty() ? null : delivery.deliver(events);
  }

  /**
   * Takes and sends a batch when its turn comes, then waits for it outside the turn; null if the
   * channel was empty.
   */
  private BatchDelivery.Result deliverInTurn(Channel channel, long ticket)
      throws EventDeliveryException, InterruptedException {
    AtLeastOnceDelivery.Started started;
    boolean channelDrained;
    sendTurns.await(ticket);
    try {
      List<Event> events = take(channel);
      if (events.isEmpty()) {
        return null;
      }
      channelDrained = events.size() < config.batchSize();
      started = pipelined.start(events);
    } finally {
      sendTurns.next();
    }
    return pipelined.finish(started, channelDrained);
  }

  private List<Event> take(Channel channel) {
    return ChannelBatch.take(channel, config.batchSize(), counter);
  }

  @Override
  public synchronized void stop() {
    LOG.info(
        "Sink {}: stopping; waiting up to {} ms for batches in flight",
        getName(),
        config.stopTimeoutMs());
    if (workers != null) {
      workers.shutdown();
      try {
        if (!workers.awaitTermination(config.stopTimeoutMs(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Sink {}: batches still in flight are rolled back to the channel", getName());
          workers.shutdownNow();
          workers.awaitTermination(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        workers.shutdownNow();
      }
      inFlight.clear();
    }
    if (writer != null) {
      writer.close();
    }
    counter.stop();
    LOG.info("Sink {} stopped. Counters: {}", getName(), counter);
    super.stop();
  }
}
