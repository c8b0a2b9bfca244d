package dev.flumekit.source.tail;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flume.instrumentation.SourceCounter;

/** Flume's source counters plus the tail source's own. */
public final class TailSourceCounter extends SourceCounter implements TailSourceCounterMBean {
  private static final String BYTES = "source.tail.bytes.read";
  private static final String TRUNCATED = "source.tail.lines.truncated";
  private static final String SPLITS = "source.tail.multiline.splits";
  private static final String OPENED = "source.tail.files.opened";
  private static final String TRACKED = "source.tail.files.tracked";
  private static final String OPEN = "source.tail.files.open";
  private static final String RENAMES = "source.tail.renames.followed";
  private static final String TRUNCATIONS = "source.tail.truncations.detected";
  private static final String COPIES = "source.tail.copy.recoveries";
  private static final String READ_FAILURES = "source.tail.read.failures";
  private static final String CHANNEL_FULL = "source.tail.channel.full.count";
  private static final String CHECKPOINTS = "source.tail.checkpoint.writes";
  private static final String CHECKPOINT_FAILURES = "source.tail.checkpoint.failures";
  private static final String PAUSED = "source.tail.reading.paused";
  private static final String UNKNOWN_HISTORY = "source.tail.files.without.position";

  public TailSourceCounter(String name) {
    super(
        name,
        new String[] {
          BYTES,
          TRUNCATED,
          SPLITS,
          OPENED,
          TRACKED,
          OPEN,
          RENAMES,
          TRUNCATIONS,
          COPIES,
          READ_FAILURES,
          CHANNEL_FULL,
          CHECKPOINTS,
          CHECKPOINT_FAILURES,
          PAUSED,
          UNKNOWN_HISTORY
        });
  }

  void addBytesRead(long n) {
    addAndGet(BYTES, n);
  }

  void incrementLinesTruncated() {
    increment(TRUNCATED);
  }

  void addMultilineSplits(long n) {
    addAndGet(SPLITS, n);
  }

  void incrementFilesOpened() {
    increment(OPENED);
  }

  void setFilesTracked(long n) {
    set(TRACKED, n);
  }

  void setFilesOpen(long n) {
    set(OPEN, n);
  }

  void incrementRenamesFollowed() {
    increment(RENAMES);
  }

  void incrementTruncationsDetected() {
    increment(TRUNCATIONS);
  }

  void incrementCopyRecoveries() {
    increment(COPIES);
  }

  void addFilesWithoutPosition(long n) {
    addAndGet(UNKNOWN_HISTORY, n);
  }

  @Override
  public long getFilesWithoutPosition() {
    return get(UNKNOWN_HISTORY);
  }

  void setReadingPaused(boolean paused) {
    set(PAUSED, paused ? 1 : 0);
  }

  void incrementReadFailures() {
    increment(READ_FAILURES);
  }

  public void incrementChannelFull() {
    increment(CHANNEL_FULL);
  }

  void incrementCheckpointWrites() {
    increment(CHECKPOINTS);
  }

  void incrementCheckpointFailures() {
    increment(CHECKPOINT_FAILURES);
  }

  /** Bytes read from files (lines re-read after a refused batch count again). */
  @Override
  public long getBytesRead() {
    return get(BYTES);
  }

  /** Lines longer than maxLineBytes, cut and tagged. */
  @Override
  public long getLinesTruncated() {
    return get(TRUNCATED);
  }

  /** Multi-line events written early because they reached multiline.maxLines or maxBytes. */
  @Override
  public long getMultilineSplits() {
    return get(SPLITS);
  }

  /** Files opened for reading (new, rotated in, or grown again after being idle). */
  @Override
  public long getFilesOpened() {
    return get(OPENED);
  }

  /** Files whose position is kept now. */
  @Override
  public long getFilesTracked() {
    return get(TRACKED);
  }

  /** Files open now (at most maxOpenFiles, and a copytruncate's copy beyond it). */
  @Override
  public long getFilesOpen() {
    return get(OPEN);
  }

  /** Files that moved away from their name (rotation by rename, deletion) and were read on. */
  @Override
  public long getRenamesFollowed() {
    return get(RENAMES);
  }

  /** Files found shorter than their read position, or rewritten from the start. */
  @Override
  public long getTruncationsDetected() {
    return get(TRUNCATIONS);
  }

  /** Truncations whose unread tail was read from the copy the rotation left beside the file. */
  @Override
  public long getCopyRecoveries() {
    return get(COPIES);
  }

  /** I/O errors while reading or listing files; the file is tried again on the next pass. */
  @Override
  public long getReadFailures() {
    return get(READ_FAILURES);
  }

  /** Batches the channel refused; their lines are read again. */
  @Override
  public long getChannelFullCount() {
    return get(CHANNEL_FULL);
  }

  /** Times the positions file was replaced. */
  @Override
  public long getCheckpointWrites() {
    return get(CHECKPOINTS);
  }

  /** Failed writes of the positions file; the next write is retried with the newer positions. */
  @Override
  public long getCheckpointFailures() {
    return get(CHECKPOINT_FAILURES);
  }

  /** 1 while reading is paused because the positions file cannot be written, else 0. */
  @Override
  public long getReadingPaused() {
    return get(PAUSED);
  }

  private volatile Map<String, Long> unreadBytes = Map.of();

  /** Bytes not yet in the channel per file, as the latest listing of the globs found them. */
  void setUnreadBytes(Map<String, Long> byPath) {
    unreadBytes = Map.copyOf(byPath);
  }

  /**
   * Bytes of each tracked file beyond the position its lines are committed to the channel, a line
   * {@code <bytes> <path>} per file, by path. Written when read (a scrape), not at every listing.
   */
  @Override
  public String getFileUnreadBytes() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(unreadBytes)
        .forEach(
            (path, bytes) -> {
              if (path.indexOf('\n') < 0) {
                text.append(bytes).append(' ').append(path).append('\n');
              }
            });
    return text.toString();
  }
}
