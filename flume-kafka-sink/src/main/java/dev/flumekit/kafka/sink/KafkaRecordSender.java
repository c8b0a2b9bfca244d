package dev.flumekit.kafka.sink;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link RecordSender} over one Kafka producer, created when first needed and after a reset. */
final class KafkaRecordSender implements RecordSender {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordSender.class);

  private final Supplier<Producer<byte[], byte[]>> factory;
  private final boolean transactional;
  private final Duration closeTimeout;
  private final DeliveryCounter counter;
  private Producer<byte[], byte[]> producer;
  private final ThreadLocal<Producer<byte[], byte[]>> lastUsed = new ThreadLocal<>();

  KafkaRecordSender(
      Supplier<Producer<byte[], byte[]>> factory,
      boolean transactional,
      Duration closeTimeout,
      DeliveryCounter counter) {
    this.factory = factory;
    this.transactional = transactional;
    this.closeTimeout = closeTimeout;
    this.counter = counter;
  }

  /** Creates producers from the sink's configuration, with byte-array serializers. */
  static Supplier<Producer<byte[], byte[]>> producerFactory(KafkaSinkConfig config) {
    Map<String, Object> properties = ProducerSettings.properties(config);
    return () -> {
      LOG.info(
          "{}: starting a kafka-clients {} producer for {} (acks={}, compression={},"
              + " idempotence={}, transactional={})",
          config.logName(),
          AppInfoParser.getVersion(),
          String.join(",", config.get(KafkaSinkConfig.BOOTSTRAP_SERVERS)),
          config.get(KafkaSinkConfig.ACKS).producerValue(),
          config.get(KafkaSinkConfig.COMPRESSION).producerValue(),
          config.get(KafkaSinkConfig.IDEMPOTENCE),
          config.get(KafkaSinkConfig.TRANSACTIONAL));
      return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    };
  }

  private synchronized Producer<byte[], byte[]> producer() {
    if (producer == null) {
      try {
        producer = factory.get();
        if (transactional) {
          producer.initTransactions();
        }
        counter.incrementConnectionCreatedCount();
      } catch (KafkaException e) {
        counter.incrementConnectionFailedCount();
        Producer<byte[], byte[]> failed = producer;
        producer = null;
        if (failed != null) {
          failed.close(Duration.ZERO);
        }
        throw e;
      }
    }
    lastUsed.set(producer);
    return producer;
  }

  @Override
  public Pending send(List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException {
    Throwable[] outcomes = new Throwable[records.size()];
    CountDownLatch done = new CountDownLatch(records.size());
    if (records.isEmpty()) {
      return () -> outcomes;
    }
    Producer<byte[], byte[]> p;
    try {
      p = producer();
    } catch (KafkaException e) {
      Arrays.fill(outcomes, e);
      return () -> outcomes;
    }
    Map<String, Integer> partitionCounts = new HashMap<>();
    for (int i = 0; i < outcomes.length; i++) {
      int index = i;
      try {
        Throwable refusal = checkPartition(p, records.get(i), partitionCounts);
        if (refusal != null) {
          outcomes[index] = refusal;
          done.countDown();
          continue;
        }
        p.send(
            records.get(i),
            (metadata, error) -> {
              outcomes[index] = error;
              done.countDown();
            });
      } catch (InterruptException e) {
        throw interrupted(e);
      } catch (KafkaException | IllegalArgumentException | IllegalStateException e) {
        outcomes[index] = e;
        done.countDown();
      }
    }
    return () -> {
      done.await();
      return outcomes;
    };
  }

  @Override
  public void flush() throws InterruptedException {
    Producer<byte[], byte[]> p = lastUsed.get();
    if (p == null) {
      return;
    }
    try {
      p.flush();
    } catch (InterruptException e) {
      throw interrupted(e);
    } catch (IllegalStateException closed) {
      // replaced by another thread meanwhile; the records' callbacks report it
    }
  }

  private static Throwable checkPartition(
      Producer<byte[], byte[]> p,
      ProducerRecord<byte[], byte[]> record,
      Map<String, Integer> partitionCounts) {
    Integer partition = record.partition();
    if (partition == null) {
      return null;
    }
    int count = partitionCounts.computeIfAbsent(record.topic(), t -> p.partitionsFor(t).size());
    return partition < count
        ? null
        : new PartitionOutOfRangeException(record.topic(), partition, count);
  }

  private static InterruptedException interrupted(InterruptException e) {
    Thread.interrupted();
    InterruptedException interrupted = new InterruptedException(e.getMessage());
    interrupted.initCause(e);
    return interrupted;
  }

  @Override
  public synchronized void beginTransaction() {
    producer().beginTransaction();
  }

  @Override
  public void commitTransaction() {
    producer().commitTransaction();
  }

  @Override
  public synchronized void abortTransaction() {
    if (producer != null) {
      producer.abortTransaction();
    }
  }

  @Override
  public synchronized void reset() {
    if (producer != null && producer == lastUsed.get()) {
      closeProducer(Duration.ZERO);
    }
  }

  @Override
  public synchronized void close() {
    closeProducer(closeTimeout);
  }

  private void closeProducer(Duration timeout) {
    if (producer != null) {
      Producer<byte[], byte[]> closing = producer;
      producer = null;
      try {
        closing.close(timeout);
      } catch (RuntimeException e) {
        LOG.warn("Closing the Kafka producer failed: {}", e.toString());
      }
      counter.incrementConnectionClosedCount();
    }
  }
}
