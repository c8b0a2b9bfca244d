package dev.flumekit.source.tail;

import dev.flumekit.common.files.Directories;
import dev.flumekit.common.log.LogSafe;
import dev.flumekit.common.log.Reasons;
import dev.flumekit.common.net.LocalHost;
import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.Reachable;
import dev.flumekit.common.tooling.SourcePreview;
import dev.flumekit.common.version.FlumekitVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.source.AbstractPollableSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail source's Flume side: each call fills one batch from the files, writes it to the channel
 * in one transaction, and only then moves the files' committed positions and hands them to the
 * background positions writer. A refused batch rewinds every file to its committed position.
 *
 * <p>Operators name {@link dev.flumekit.source.TailSource}, which only extends this class: the
 * public name lives in the package every flumekit source's name is in, while the code stays here
 * beside the package-private parts it drives.
 */
public abstract class AbstractTailSource extends AbstractPollableSource
    implements BatchSizeSupported, Reachable, DeliveryLink, SourcePreview {
  private static final Logger LOG = LoggerFactory.getLogger(AbstractTailSource.class);
  private static final long BATCH_POLL_MS = 20;

  /**
   * How long the positions file may fail to be written (a full disk, a lost mount) before reading
   * pauses: lines read past the last saved positions are read again after a restart, so they are
   * bounded rather than piling up for as long as the failure lasts.
   */
  static final long UNSAVED_POSITIONS_PAUSE_MS = 10_000;

  private TailSourceConfig config;
  private TailSourceCounter counter;
  private ReadScheduler scheduler;
  private Checkpointer checkpointer;
  private UnreadBytesWatch unreadBytes;
  private boolean pausedForPositions;

  /** Whether events carry line ids, whose file identities must survive a restart. */
  private boolean lineIds;

  @Override
  protected void doConfigure(Context context) {
    TailSourceConfig parsed = TailSourceConfig.parse(getName(), context.getParameters());
    for (String warning : parsed.warnings()) {
      LOG.warn("Source {}: {}", getName(), warning);
    }
    config = parsed;
    if (counter == null) {
      counter = new TailSourceCounter(getName());
    }
    // at every configuration, so that check says it too: a glob that matches nothing is most
    // often a typo, and the source would run healthy and read nothing
    for (FileGroup group : config.groups()) {
      if (matchesNothing(group)) {
        LOG.warn(
            "Source {}: file group {} ({}) matches no file now; its files are read once they"
                + " appear (check {}{})",
            getName(),
            group.name(),
            group.glob(),
            TailSourceConfig.GROUP_GLOBS.prefix(),
            group.name());
      }
    }
  }

  private boolean matchesNothing(FileGroup group) {
    try {
      return group.find(config.get(TailSourceConfig.FOLLOW_SYMLINKS)).isEmpty();
    } catch (IOException e) {
      return true;
    }
  }

  /** Nothing on the network: the positions file is {@link #unwritable}'s. */
  @Override
  public List<String> unreachable(Duration timeout) {
    return List.of();
  }

  @Override
  public String deliveryGuarantee() {
    return AT_LEAST_ONCE;
  }

  @Override
  public String deliveryReason() {
    return "positions are saved once the channel holds a batch, so after a crash the lines since"
        + " are sent again, with the same line ids";
  }

  @Override
  public boolean deduplicates() {
    return false;
  }

  /** The positions file can be written where the configuration puts it. */
  @Override
  public List<String> unwritable() {
    return Directories.unwritable(
            "positionFile directory", config.positionFile().toAbsolutePath().getParent())
        .map(List::of)
        .orElse(List.of());
  }

  /** What makes the source's events of its lines, as configured. */
  static EventFactory eventFactory(TailSourceConfig config) {
    return new EventFactory(
        config.get(TailSourceConfig.CHARSET),
        config.get(TailSourceConfig.FILE_HEADER)
            ? config.get(TailSourceConfig.FILE_HEADER_KEY)
            : null,
        config.get(TailSourceConfig.OFFSET_HEADER)
            ? config.get(TailSourceConfig.OFFSET_HEADER_KEY)
            : null,
        config.get(TailSourceConfig.HOST_HEADER)
            ? config.get(TailSourceConfig.HOST_HEADER_KEY)
            : null,
        LocalHost.name(),
        config.get(TailSourceConfig.TRUNCATED_HEADER),
        config.get(TailSourceConfig.LINE_ID_HEADER));
  }

  /** The events this source would make of {@code file}, read whole, without starting. */
  @Override
  public List<Map.Entry<Map<String, String>, byte[]>> events(Path file) throws IOException {
    return FilePreview.events(getName(), config, counter, file);
  }

  @Override
  public long getBatchSize() {
    return config.get(TailSourceConfig.BATCH_SIZE);
  }

  @Override
  public long getBackOffSleepIncrement() {
    return config.get(TailSourceConfig.BACKOFF_INCREMENT_MS);
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return config.get(TailSourceConfig.MAX_BACKOFF_MS);
  }

  @Override
  protected void doStart() {
    PositionFile positions = new PositionFile(config.positionFile());
    List<Position> saved;
    try {
      saved = positions.read();
    } catch (IOException e) {
      throw new FlumeException(
          "Source "
              + getName()
              + ": cannot read positionFile "
              + config.positionFile()
              + ": "
              + e.getMessage(),
          e);
    }
    String taildir = config.get(TailSourceConfig.TAILDIR_POSITION_FILE);
    boolean noPositions = !Files.exists(config.positionFile());
    if (taildir != null && saved.isEmpty() && noPositions) {
      saved = importTaildir(Paths.get(taildir));
      noPositions = false;
    }
    EventFactory events = eventFactory(config);
    lineIds = events.lineIds();
    counter.start();
    scheduler =
        new ReadScheduler(
            getName(), config, new TailReading(config, events, counter, System::nanoTime));
    scheduler.open(saved);
    checkpointer =
        new Checkpointer(
            positions, config.get(TailSourceConfig.WRITE_POS_INTERVAL_MS), counter, getName());
    checkpointer.start();
    unreadBytes = new UnreadBytesWatch(counter);
    unreadBytes.track(scheduler.positions());
    unreadBytes.start(getName());
    if (noPositions) {
      sayFilesWithoutPosition();
    }
    // every file's identity on disk before its first line leaves (a failure here is retried
    // before the first batch that needs it)
    saveIdentities();
    LOG.info(
        "Source {} (flumekit {}): tailing {} with positions in {}",
        getName(),
        FlumekitVersion.of(getClass()),
        config.groups().stream().map(g -> g.name() + "=" + g.glob()).toList(),
        config.positionFile());
  }

  /**
   * The first start after Flume's TAILDIR source: its positions, so that the files are resumed
   * where it stopped. Written as this source's positions right after, so this happens once.
   */
  private List<Position> importTaildir(Path taildir) {
    TaildirPositions.Imported imported;
    try {
      imported = TaildirPositions.read(taildir, config.get(TailSourceConfig.FINGERPRINT_BYTES));
    } catch (IOException e) {
      throw new FlumeException(
          "Source "
              + getName()
              + ": cannot read taildirPositionFile "
              + taildir
              + ": "
              + e.getMessage(),
          e);
    }
    for (String file : imported.notResumed()) {
      LOG.warn(
          "Source {}: TAILDIR's position of {} is not used: read by the globs as new",
          getName(),
          file);
    }
    LOG.info(
        "Source {}: first start: resuming {} files where Flume's TAILDIR source stopped ({})",
        getName(),
        imported.positions().size(),
        taildir);
    return imported.positions();
  }

  @Override
  protected Status doProcess() throws EventDeliveryException {
    if (positionsUnsaved()) {
      return Status.BACKOFF;
    }
    TailBatch batch = fill();
    if (batch.isEmpty()) {
      unreadBytes.track(scheduler.positions()); // files the listing found meanwhile
      return Status.BACKOFF;
    }
    if (lineIds && scheduler.carriesUnsavedIdentity(batch) && !saveIdentities()) {
      scheduler.rolledBack();
      return Status.BACKOFF;
    }
    counter.addToEventReceivedCount(batch.size());
    counter.incrementAppendBatchReceivedCount();
    try {
      getChannelProcessor().processEventBatch(batch.events());
    } catch (ChannelException e) {
      scheduler.rolledBack();
      unreadBytes.track(scheduler.positions()); // files the listing found meanwhile
      counter.incrementChannelFull();
      counter.incrementChannelWriteFail();
      LOG.warn(
          "Source {}: channel refused a batch of {} ({}); reading it again",
          getName(),
          batch.size(),
          Reasons.chain(e));
      return Status.BACKOFF;
    } catch (RuntimeException e) {
      scheduler.rolledBack();
      counter.incrementEventReadOrChannelFail(e);
      throw new EventDeliveryException("Source " + getName() + " failed; batch will be re-read", e);
    }
    scheduler.committed(batch);
    counter.addToEventAcceptedCount(batch.size());
    counter.incrementAppendBatchAcceptedCount();
    List<Position> positions = scheduler.positions();
    checkpointer.submit(positions);
    unreadBytes.track(positions);
    return Status.READY;
  }

  /**
   * A start without a positions file: a first start, or one whose positions were lost. Files with
   * lines are then new files to the source, read from their start under new identities; if they had
   * been read before, their lines are sent (and counted) again. Nothing is lost; it is said.
   */
  private void sayFilesWithoutPosition() {
    List<String> withLines = new ArrayList<>();
    for (Position p : scheduler.positions()) {
      try {
        if (p.offset() == 0 && Files.size(p.path()) > 0) {
          withLines.add(p.path().toString());
        }
      } catch (IOException e) {
        // gone since the listing: nothing to read again
      }
    }
    if (withLines.isEmpty()) {
      return;
    }
    counter.addFilesWithoutPosition(withLines.size());
    LOG.warn(
        "Source {}: no positions file at {}: a first start, or the file was lost or deleted. {}"
            + " files with lines are read from their start as new files ({}); if they had been"
            + " read before, their lines are sent again and counted again, none is lost",
        getName(),
        config.positionFile(),
        withLines.size(),
        LogSafe.value(
            String.join(", ", withLines.subList(0, Math.min(5, withLines.size())))
                + (withLines.size() > 5 ? ", ..." : "")));
  }

  /**
   * Writes the positions now, with the identities of files new since the last write: a line id
   * whose identity a restart could not find again would let the restarted source send the line
   * under another identity, and the counters count it twice.
   *
   * @return whether they are on disk
   */
  private boolean saveIdentities() {
    List<Position> positions = scheduler.positions();
    if (!checkpointer.writeNow(positions)) {
      return false;
    }
    scheduler.identitiesSaved(positions);
    return true;
  }

  /** Whether reading waits for the positions file to be written again; says so when it changes. */
  private boolean positionsUnsaved() {
    long failingMs = checkpointer.failingForMs();
    if (failingMs > UNSAVED_POSITIONS_PAUSE_MS) {
      if (!pausedForPositions) {
        pausedForPositions = true;
        counter.setReadingPaused(true);
        LOG.error(
            "Source {}: the positions file {} could not be written for {} s (see the warnings"
                + " before: a full disk?); reading is paused until it can, nothing is lost",
            getName(),
            config.positionFile(),
            failingMs / 1000);
      }
      return true;
    }
    if (pausedForPositions) {
      pausedForPositions = false;
      counter.setReadingPaused(false);
      LOG.info("Source {}: positions saved again; reading resumes", getName());
    }
    return false;
  }

  /** Reads until the batch is full, or started and older than batchDurationMillis. */
  private TailBatch fill() {
    int size = config.get(TailSourceConfig.BATCH_SIZE);
    long deadline = System.nanoTime() + config.get(TailSourceConfig.BATCH_DURATION_MS) * 1_000_000L;
    TailBatch batch = new TailBatch(size);
    scheduler.read(batch);
    while (!batch.isEmpty() && batch.hasRoom()) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      try {
        Thread.sleep(Math.min(left, BATCH_POLL_MS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      scheduler.read(batch);
    }
    return batch;
  }

  @Override
  protected void doStop() {
    if (unreadBytes != null) {
      unreadBytes.close();
      unreadBytes = null;
    }
    if (checkpointer != null) {
      checkpointer.close();
      checkpointer = null;
    }
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
    counter.stop();
    LOG.info("Source {} stopped. Counters: {}", getName(), counter);
  }
}
