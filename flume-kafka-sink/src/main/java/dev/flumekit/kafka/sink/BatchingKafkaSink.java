package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.deadletter.FileDeadLetterWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
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
 */
public final class BatchingKafkaSink extends AbstractSink
    implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingKafkaSink.class);

  private KafkaSinkConfig config;
  private KafkaSinkCounter counter;
  private KafkaRecordSender sender;
  private DeadLetterHandler deadLetters;
  private BatchDelivery delivery;

  @Override
  public void configure(Context context) {
    KafkaSinkConfig parsed = KafkaSinkConfig.parse(getName(), context.getParameters(), hostName());
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
    sender =
        new KafkaRecordSender(
            KafkaRecordSender.producerFactory(config),
            config.transactional(),
            Duration.ofMillis(config.stopTimeoutMs()),
            counter);
    deadLetters = deadLetterHandler();
    delivery =
        new BatchDelivery(
            config, new EventRecordMapper(config), sender, deadLetters, Sleeper.SYSTEM, counter);
    counter.start();
    LOG.info(
        "Sink {}: writing to {} on {}, batches of {}, dead letters to {}",
        getName(),
        config.topic(),
        String.join(",", config.bootstrapServers()),
        config.batchSize(),
        deadLetters.describe());
    super.start();
  }

  private DeadLetterHandler deadLetterHandler() {
    DeadLetterPolicy policy = config.deadLetter();
    Backoff backoff = new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs());
    return switch (policy.kind()) {
      case FILE -> fileDeadLetters(policy.target());
      case TOPIC ->
          new TopicDeadLetters(
              policy.target(),
              sender,
              fileDeadLetters(config.deadLetterFallbackDir()),
              backoff,
              Sleeper.SYSTEM,
              counter);
      case DROP -> new DroppedDeadLetters(getName());
      case FAIL -> new DroppedDeadLetters(getName());
    };
  }

  private FileDeadLetters fileDeadLetters(String directory) {
    return new FileDeadLetters(
        new FileDeadLetterWriter(Paths.get(directory), getName(), Clock.systemUTC()));
  }

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    Transaction transaction = channel.getTransaction();
    boolean committed = false;
    transaction.begin();
    try {
      List<Event> events = take(channel);
      if (events.isEmpty()) {
        counter.incrementBatchEmptyCount();
        transaction.commit();
        committed = true;
        return Status.BACKOFF;
      }
      if (events.size() < config.batchSize()) {
        counter.incrementBatchUnderflowCount();
      } else {
        counter.incrementBatchCompleteCount();
      }
      counter.addToEventDrainAttemptCount(events.size());
      BatchDelivery.Result result = delivery.deliver(events);
      transaction.commit();
      committed = true;
      counter.addToEventDrainSuccessCount(result.delivered());
      return Status.READY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventDeliveryException("Sink " + getName() + " interrupted; batch rolled back", e);
    } catch (EventDeliveryException e) {
      counter.incrementEventWriteFail();
      throw e;
    } catch (RuntimeException | Error e) {
      counter.incrementEventWriteOrChannelFail(e);
      throw new EventDeliveryException("Sink " + getName() + " failed; batch rolled back", e);
    } finally {
      if (!committed) {
        rollback(transaction);
      }
      transaction.close();
    }
  }

  private List<Event> take(Channel channel) {
    List<Event> events = new ArrayList<>(config.batchSize());
    for (int i = 0; i < config.batchSize(); i++) {
      Event event = channel.take();
      if (event == null) {
        break;
      }
      events.add(event);
    }
    return events;
  }

  private void rollback(Transaction transaction) {
    counter.incrementRollbackCount();
    try {
      transaction.rollback();
    } catch (RuntimeException e) {
      LOG.error("Sink {}: channel rollback failed", getName(), e);
    }
  }

  @Override
  public synchronized void stop() {
    LOG.info(
        "Sink {}: stopping; waiting up to {} ms for sent records",
        getName(),
        config.stopTimeoutMs());
    if (sender != null) {
      sender.close();
    }
    try {
      if (deadLetters != null) {
        deadLetters.close();
      }
    } catch (java.io.IOException e) {
      LOG.warn("Sink {}: closing dead letters failed: {}", getName(), e.toString());
    }
    counter.stop();
    LOG.info("Sink {} stopped. Counters: {}", getName(), counter);
    super.stop();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
