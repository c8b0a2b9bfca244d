package dev.flumekit.hbase.sink;

import dev.flumekit.common.channel.BatchPipeline;
import dev.flumekit.common.channel.ChannelBatch;
import dev.flumekit.common.channel.SinkTransaction;
import dev.flumekit.common.config.SinkKeys;
import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.deadletter.DeadLetters;
import dev.flumekit.common.files.Directories;
import dev.flumekit.common.log.Reasons;
import dev.flumekit.common.metrics.EventAge;
import dev.flumekit.common.retry.Sleeper;
import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.Reachable;
import dev.flumekit.common.tooling.RecordPreview;
import dev.flumekit.hbase.sink.HBaseSinkConfig.CounterGuarantee;
import dev.flumekit.hbase.sink.HBaseSinkConfig.WalDurability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each channel batch to HBase and commits the channel transaction only after the client's
 * flush succeeded: event rows as puts, counters summed per cell over the batch and sent as one
 * increment per row. A mutation HBase refuses for good dead-letters exactly the events it came
 * from; one that failed for a retriable reason is re-sent on its own, with backoff, until it
 * succeeds (or maxRetries). With {@code inFlightBatches > 1} a {@link BatchPipeline} writes several
 * batches at once, each in its own transaction with its own write buffer.
 */
public final class IsolatedHBaseSink extends AbstractSink
    implements Configurable, BatchSizeSupported, Reachable, DeliveryLink, RecordPreview {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedHBaseSink.class);

  /** How long stop() waits for batches in flight before rolling them back. */
  private static final long STOP_TIMEOUT_MS = 30_000;

  private HBaseSinkConfig config;
  private HBaseSinkCounter counter;
  private Connection connection;
  private TableName tableName;

  /** A writing thread's own: its rows' write buffer, and its counters' writer. */
  private record Writers(RetryingWriter rows, CounterWriter counters) {}

  /** Per thread that writes: a BufferedMutator (and a Table) serves one thread at a time. */
  private ThreadLocal<Writers> writers;

  private final List<AutoCloseable> tables = new ArrayList<>();

  /** What the counters need of each event, for the counter guarantee. */
  private CounterLines lines;

  /** Opens a writing thread's counter writer, for the counter guarantee: chosen at start. */
  private CounterWriter.Factory counterWriters;

  /** With inFlightBatches > 1: batches on worker threads, each in its own transaction. */
  private BatchPipeline pipeline;

  private MutationFactory mutations;
  private DeadLetters deadLetters;

  @Override
  public void configure(Context context) {
    HBaseSinkConfig parsed = HBaseSinkConfig.parse(getName(), context.getParameters());
    for (String warning : parsed.warnings()) {
      LOG.warn("Sink {}: {}", getName(), warning);
    }
    this.config = parsed;
    if (counter == null) {
      counter = new HBaseSinkCounter(getName());
    }
  }

  @Override
  public long getBatchSize() {
    return config.get(HBaseSinkConfig.BATCH_SIZE);
  }

  @Override
  public String deliveryGuarantee() {
    if (losing() != null) {
      return AT_MOST_ONCE;
    }
    return exactlyOnce() ? EXACTLY_ONCE : AT_LEAST_ONCE;
  }

  /** The setting that lets this sink lose an event, or null. */
  private String losing() {
    if (config.get(HBaseSinkConfig.DEAD_LETTER).kind() == DeadLetterPolicy.Kind.DROP) {
      return "deadLetter = drop: an event HBase refuses is counted and dropped (file:<dir> keeps"
          + " it)";
    }
    WalDurability durability = config.get(HBaseSinkConfig.DURABILITY);
    if (durability == WalDurability.SKIP_WAL || durability == WalDurability.ASYNC_WAL) {
      return "durability = "
          + durability
          + " (or enableWal = false): a write HBase acknowledged is lost if its region server"
          + " dies before the write-ahead log has it";
    }
    return null;
  }

  @Override
  public String deliveryReason() {
    if (losing() != null) {
      return losing();
    }
    return exactlyOnce()
        ? "counterGuarantee = exactly-once: a row per line id, and each counter row remembers the"
            + " last line it counted per stream, so a line that arrives again changes nothing"
        : "counterGuarantee = at-least-once: a batch taken again after a failure or a line sent"
            + " again adds to the counters again (its row is overwritten)";
  }

  @Override
  public boolean deduplicates() {
    return exactlyOnce();
  }

  private boolean exactlyOnce() {
    return config.get(HBaseSinkConfig.COUNTER_GUARANTEE) == CounterGuarantee.EXACTLY_ONCE;
  }

  /** The rows and counters an event would become, as this sink would write them. */
  @Override
  public Map<String, String> preview(Map<String, String> headers, byte[] body) {
    return RowPreviews.of(config, headers, body);
  }

  /** HBase answers, and the table and its column families exist. */
  @Override
  public List<String> unreachable(Duration timeout) {
    List<String> problems = new ArrayList<>();
    TableName table = TableName.valueOf(config.get(HBaseSinkConfig.TABLE));
    ExecutorService asking =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-" + getName() + "-check");
              t.setDaemon(true);
              return t;
            });
    try {
      asking
          .submit(
              () -> {
                try (Connection c = ConnectionFactory.createConnection(clientConfiguration())) {
                  checkTable(c, table);
                }
                return null;
              })
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      problems.add(
          "HBase at "
              + config.get(HBaseSinkConfig.ZOOKEEPER_QUORUM)
              + " did not show table "
              + table
              + " within "
              + timeout.toSeconds()
              + " s (does it run? is the quorum right?)");
    } catch (ExecutionException e) {
      problems.add(
          e.getCause() instanceof FlumeException f
              ? f.getMessage().replaceFirst("^Sink " + getName() + ": ", "")
              : "HBase at "
                  + config.get(HBaseSinkConfig.ZOOKEEPER_QUORUM)
                  + ": "
                  + Reasons.chain(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted");
    } finally {
      asking.shutdownNow();
    }
    return problems;
  }

  /** The dead-letter directory can be written. */
  @Override
  public List<String> unwritable() {
    return Directories.ofDeadLetters(config.get(HBaseSinkConfig.DEAD_LETTER), null);
  }

  @Override
  public synchronized void start() {
    tableName = TableName.valueOf(config.get(HBaseSinkConfig.TABLE));
    if (exactlyOnce()) {
      ExclusiveTakers.claim(getChannel(), getName());
    }
    try {
      connection = ConnectionFactory.createConnection(clientConfiguration());
      checkTable(connection, tableName);
      writers = new ThreadLocal<>();
      lines = config.counterLines();
      mutations =
          new MutationFactory(
              bytes(config.get(HBaseSinkConfig.COLUMN_FAMILY)),
              bytes(config.get(HBaseSinkConfig.COUNTER_COLUMN_FAMILY)),
              Durability.valueOf(config.get(HBaseSinkConfig.DURABILITY).name()),
              config.get(HBaseSinkConfig.TTL_MS));
      counterWriters = counterWriters();
      writer(); // the table opens now, or the sink does not start
    } catch (IOException e) {
      closeQuietly();
      throw new FlumeException(
          "Sink " + getName() + ": cannot open table " + tableName + ": " + e, e);
    }
    deadLetters =
        DeadLetters.forPolicy(
            config.get(HBaseSinkConfig.DEAD_LETTER),
            SinkKeys.DEAD_LETTER_FILES.read(config),
            "Sink",
            getName(),
            DeadLetters.TopicHandlerFactory.NONE,
            counter::addDeadLetters);
    if (config.get(HBaseSinkConfig.IN_FLIGHT_BATCHES) > 1) {
      pipeline =
          new BatchPipeline(
              getName(), config.get(HBaseSinkConfig.IN_FLIGHT_BATCHES), ticket -> deliverBatch());
    }
    counter.start();
    LOG.info(
        "Sink {}: writing to {} ({}, counters {}), batches of {}, {} in flight, durability {},"
            + " dead letters to {}",
        getName(),
        tableName,
        String.join(",", config.get(HBaseSinkConfig.SERIALIZER)),
        config.get(HBaseSinkConfig.COUNTER_GUARANTEE).spelling,
        config.get(HBaseSinkConfig.BATCH_SIZE),
        config.get(HBaseSinkConfig.IN_FLIGHT_BATCHES),
        config.get(HBaseSinkConfig.DURABILITY),
        deadLetters.describe());
    super.start();
  }

  /** This thread's writers, over its own BufferedMutator and Table, made at its first batch. */
  private Writers writer() throws IOException {
    Writers writer = writers.get();
    if (writer == null) {
      TableWriter table =
          new TableWriter(connection, tableName, config.get(HBaseSinkConfig.WRITE_BUFFER_BYTES));
      CounterWriter counters = counterWriters.open();
      synchronized (tables) {
        tables.add(table);
        tables.add(counters);
      }
      writer =
          new Writers(
              new RetryingWriter(table, config.retries(), Sleeper.SYSTEM, retries()), counters);
      writers.set(writer);
    }
    return writer;
  }

  /** How each writing thread's counters are written, for the counter guarantee. */
  private CounterWriter.Factory counterWriters() {
    if (!exactlyOnce()) {
      return () -> new IncrementCounters(mutations, counter);
    }
    ExactlyOnceCells cells = new ExactlyOnceCells(mutations);
    long retentionMs = config.get(HBaseSinkConfig.MARKER_RETENTION_DAYS) * 86_400_000L;
    return () ->
        new ExactlyOnceCounters(
            new HBaseCounterStore(connection, tableName, cells),
            tableName.toString(),
            config.retries(),
            Sleeper.SYSTEM,
            retries(),
            counter,
            retentionMs);
  }

  /** Counts and logs each round of re-sends. */
  private RetryingWriter.RetryListener retries() {
    return (count, cause, waitMs) -> {
      counter.incrementRetries();
      LOG.warn(
          "Sink {}: {} mutations failed ({}); re-sending them in {} ms",
          getName(),
          count,
          cause.toString(),
          waitMs);
    };
  }

  private Configuration clientConfiguration() throws IOException {
    Configuration conf = HBaseConfiguration.create();
    if (config.get(HBaseSinkConfig.ZOOKEEPER_QUORUM) != null) {
      conf.set("hbase.zookeeper.quorum", config.get(HBaseSinkConfig.ZOOKEEPER_QUORUM));
    }
    if (config.get(HBaseSinkConfig.ZNODE_PARENT) != null) {
      conf.set("zookeeper.znode.parent", config.get(HBaseSinkConfig.ZNODE_PARENT));
    }
    for (Map.Entry<String, String> e : config.prefixed(HBaseSinkConfig.HBASE).entrySet()) {
      conf.set("hbase." + e.getKey(), e.getValue());
    }
    if (config.get(HBaseSinkConfig.KERBEROS_PRINCIPAL) != null) {
      conf.set("hadoop.security.authentication", "kerberos");
      conf.set("hbase.security.authentication", "kerberos");
      UserGroupInformation.setConfiguration(conf);
      UserGroupInformation.loginUserFromKeytab(
          config.get(HBaseSinkConfig.KERBEROS_PRINCIPAL),
          config.get(HBaseSinkConfig.KERBEROS_KEYTAB));
    }
    return conf;
  }

  /** Refuses to start on a missing table or column family, naming what exists. */
  private void checkTable(Connection connection, TableName table) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      if (!admin.tableExists(table)) {
        throw new FlumeException(
            "Sink " + getName() + ": table " + table + " does not exist; create it first");
      }
      TableDescriptor descriptor = admin.getDescriptor(table);
      Set<String> families = new TreeSet<>();
      for (ColumnFamilyDescriptor family : descriptor.getColumnFamilies()) {
        families.add(family.getNameAsString());
      }
      for (String wanted :
          new TreeSet<>(
              List.of(
                  config.get(HBaseSinkConfig.COLUMN_FAMILY),
                  config.get(HBaseSinkConfig.COUNTER_COLUMN_FAMILY)))) {
        if (!families.contains(wanted)) {
          throw new FlumeException(
              "Sink "
                  + getName()
                  + ": table "
                  + table
                  + " has no column family "
                  + wanted
                  + " (it has "
                  + String.join(", ", families)
                  + ")");
        }
      }
    }
  }

  @Override
  public Status process() throws EventDeliveryException {
    return pipeline == null ? deliverBatch() : pipeline.process();
  }

  /** Takes one batch in a transaction and commits it once HBase has it. */
  private Status deliverBatch() throws EventDeliveryException {
    Channel channel = getChannel();
    return SinkTransaction.run(
        channel,
        getName(),
        counter,
        counter::incrementRollbacks,
        () -> {
          List<Event> events = take(channel);
          return events.isEmpty() ? -1 : deliver(events);
        });
  }

  private List<Event> take(Channel channel) {
    return ChannelBatch.take(channel, config.get(HBaseSinkConfig.BATCH_SIZE), counter);
  }

  /**
   * Writes the batch until every mutation is durable or dead-lettered; returns the events stored.
   */
  private int deliver(List<Event> events) throws Exception {
    MutationBatch batch = MutationBatch.of(events, config.serializers(), lines);
    Map<Integer, DeadLetter> dead = new HashMap<>();
    for (MutationBatch.Unmappable u : batch.unmappable()) {
      dead.put(u.event(), letter(events.get(u.event()), u.reason(), "Unmappable"));
    }
    Writers writer = writer();
    List<OutgoingMutation> pending = new ArrayList<>();
    for (MutationBatch.RowPut put : batch.puts()) {
      pending.add(new OutgoingMutation(mutations.put(put), put.event()));
    }
    counter.addPuts(batch.puts().size());
    writer.counters().withPuts(batch, pending);

    long started = System.nanoTime();

    List<Mutation> sent = pending.stream().map(OutgoingMutation::mutation).toList();
    for (RetryingWriter.GivenUp g : writer.rows().write(sent)) {
      for (int event : pending.get(g.mutation()).events()) {
        dead.putIfAbsent(event, letter(events.get(event), g.cause()));
      }
    }
    CounterWriter.Written counted = writer.counters().afterPuts(batch);
    for (Map.Entry<Integer, Throwable> g : counted.givenUp().entrySet()) {
      dead.putIfAbsent(g.getKey(), letter(events.get(g.getKey()), g.getValue()));
    }
    counter.recordSendDuration(System.nanoTime() - started);
    deadLetters.handOver(new ArrayList<>(dead.values()));
    EventAge.record(events, counter.eventAges(), System.currentTimeMillis());
    // a batch taken again (its channel commit lost at a stop) is stored already: its events are
    // counted apart, so that EventDrainSuccessCount equals what HBase gained
    BitSet again = counted.alreadyCounted();
    dead.keySet().forEach(again::clear);
    counter.addEventsAlreadyStored(again.cardinality());
    return events.size() - dead.size() - again.cardinality();
  }

  private DeadLetter letter(Event event, Throwable cause) {
    return letter(event, String.valueOf(cause), cause.getClass().getName());
  }

  private DeadLetter letter(Event event, String reason, String errorClass) {
    return DeadLetter.of(event, reason, errorClass, config.get(HBaseSinkConfig.TABLE));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void stop() {
    if (pipeline != null) {
      pipeline.stop(STOP_TIMEOUT_MS);
      pipeline = null;
    }
    closeQuietly();
    if (deadLetters != null) {
      deadLetters.close();
    }
    ExclusiveTakers.release(getChannel(), getName());
    counter.stop();
    LOG.info("Sink {} stopped. Counters: {}", getName(), counter);
    super.stop();
  }

  private void closeQuietly() {
    List<AutoCloseable> closing;
    synchronized (tables) {
      closing = new ArrayList<>(tables);
      tables.clear();
    }
    closing.add(connection);
    for (AutoCloseable c : closing) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.warn("Sink {}: closing {} failed: {}", getName(), c, e.toString());
        }
      }
    }
    connection = null;
  }
}
