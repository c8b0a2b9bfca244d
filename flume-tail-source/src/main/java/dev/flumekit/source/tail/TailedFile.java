package dev.flumekit.source.tail;

import dev.flumekit.common.log.LogSafe;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file being tailed: its identity, the position the channel has committed, and the reading
 * state beyond it (bytes read ahead, an unterminated line, a multi-line event being gathered),
 * which a refused batch throws away by rewinding to the committed position.
 */
final class TailedFile {
  /** Where a file stands among the files the source tails, which decides when it is read. */
  enum Standing {
    /** Matched by a glob under the name it was found with: read in turn with the other files. */
    LIVE,
    /**
     * Its lines precede the live files' lines: the copy a copytruncate left, or a file rotated away
     * from its live name that a glob still matches. Read before the live files.
     */
    OLDER,
    /**
     * No glob matches it any more (renamed away or deleted): read first, to its end, then
     * forgotten.
     */
    RETIRED
  }

  private final FileGroup group;
  private final FileKey key;
  private final TailReading reading;
  private Path path;

  /** The path the file had when found: a rotated file's events keep its live name. */
  private final String headerPath;

  private Fingerprint fingerprint;

  /** The file's identity in line ids: see {@link FileIdentity}. */
  private String identity;

  /**
   * Whether a positions file on disk holds {@link #identity}: no line may carry an identity that a
   * restart could not find again, so the source saves positions before such a line goes out.
   */
  private boolean identitySaved;

  private FileChannel channel;
  private Standing standing;

  private long committed;
  private long batchEnd = -1;

  /** What was read beyond the lines handed on; only an open file holds a chunk. */
  private final ReadAhead readAhead;

  private long knownSize;
  private long lastGrowthNanos;

  /**
   * Resumed from a saved position and not grown since: how long it had been quiet before the start
   * is unknown, so it counts as quiet (a rotated copy whose inode may have been reused meanwhile).
   */
  private boolean quietSinceResume;

  /**
   * Resumed from a saved position at start: lines past it may have left under its identity before
   * the stop (a kill between a batch's commit and the next positions write).
   */
  private boolean resumedFromSave;

  /**
   * The size at which the first bytes were last found unchanged: they are compared again only when
   * the size changes (once per growth, however often the file is checked). -1: at the next check.
   */
  private long verifiedSize = -1;

  private final LineSplitter splitter;
  private final MultilineAggregator aggregator;

  TailedFile(
      FileGroup group,
      Path path,
      FileKey key,
      Fingerprint fingerprint,
      long committed,
      String identity,
      Standing standing,
      TailReading reading) {
    this.group = group;
    this.path = path;
    this.headerPath = path.toString();
    this.key = key;
    this.fingerprint = fingerprint;
    this.committed = committed;
    this.identity = identity;
    this.standing = standing;
    this.reading = reading;
    this.readAhead = new ReadAhead(committed);
    this.knownSize = committed;
    this.lastGrowthNanos = reading.nanoClock().getAsLong();
    this.splitter = new LineSplitter(reading.maxLineBytes());
    this.aggregator = reading.multiline();
  }

  FileGroup group() {
    return group;
  }

  FileKey key() {
    return key;
  }

  Path path() {
    return path;
  }

  void movedTo(Path newPath) {
    path = newPath;
  }

  Standing standing() {
    return standing;
  }

  boolean retired() {
    return standing == Standing.RETIRED;
  }

  /** No glob matches the file any more: it is read to its end, then forgotten. */
  void retire() {
    standing = Standing.RETIRED;
  }

  /**
   * A retired file matched a glob again: it is tailed again, and its lines, having left the glob
   * once, are older than the live files'.
   */
  void revive() {
    standing = Standing.OLDER;
  }

  /**
   * The file's lines are older than the live files' ones: it is the copy a copytruncate left, or it
   * was renamed away from the live name by a rotation. A retired file stays retired.
   */
  void markOlder() {
    if (standing == Standing.LIVE) {
      standing = Standing.OLDER;
    }
  }

  /** Whether this file's lines are older than those of the live files: read it before them. */
  boolean readFirst() {
    return standing != Standing.LIVE;
  }

  /**
   * Whether the file no longer starts with the bytes its fingerprint was taken from (it was
   * truncated or rewritten); false if it cannot be read.
   */
  boolean headChanged() {
    try {
      open();
      return !fingerprint.matches(channel);
    } catch (IOException e) {
      return false;
    }
  }

  boolean isOpen() {
    return channel != null;
  }

  long committed() {
    return committed;
  }

  long knownSize() {
    return knownSize;
  }

  Fingerprint fingerprint() {
    return fingerprint;
  }

  long batchEnd() {
    return batchEnd;
  }

  void setBatchEnd(long end) {
    batchEnd = end;
  }

  Position position() {
    return new Position(key, fingerprint, committed, path, identity);
  }

  /** The file's identity in its events' line ids. */
  String identity() {
    return identity;
  }

  boolean identitySaved() {
    return identitySaved;
  }

  /** A positions file holding this file's identity is on disk. */
  void markIdentitySaved() {
    identitySaved = true;
  }

  /** Opens the file by its path; the caller has checked that the path still names this file. */
  void open() throws IOException {
    if (channel == null) {
      verifiedSize = -1;
      // a name found as a regular file may be swapped for a link before it is opened
      channel =
          reading.followSymlinks()
              ? FileChannel.open(path, StandardOpenOption.READ)
              : FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      reading.counter().incrementFilesOpened();
    }
  }

  void close() {
    readAhead.releaseIfConsumed();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was written through it
      }
      channel = null;
    }
  }

  /** The offset just past the last byte read from the file. */
  long readTo() {
    return readAhead.readTo();
  }

  /**
   * Whether the file's first bytes were found to match its fingerprint at {@code size}: they are
   * compared again only when the size changes (once per growth, however often it is checked).
   */
  boolean headMatchedAt(long size) {
    return size == verifiedSize;
  }

  /**
   * The file's first bytes match its fingerprint at {@code size}; a fingerprint shorter than
   * fingerprints get is taken again from the longer file.
   */
  void headMatches(long size) throws IOException {
    verifiedSize = size;
    if (fingerprint.length() < reading.fingerprintBytes() && size > fingerprint.length()) {
      fingerprint = Fingerprint.of(channel, reading.fingerprintBytes());
    }
  }

  /** Starts again from the file's first byte: its old content is gone. */
  void restartFromBeginning() throws IOException {
    committed = 0;
    rewind();
    knownSize = 0;
    verifiedSize = -1;
    fingerprint = Fingerprint.of(channel, reading.fingerprintBytes());
    // new content under the old inode: a new sequence of offsets, so a new identity
    identity = FileIdentity.fresh();
    identitySaved = false;
    resumedFromSave = false;
  }

  /**
   * The file now holds the copy of another file's lines: it continues that file's sequence, under
   * its identity, from where that file's lines were committed.
   */
  void continueAs(Fingerprint originalHead, long originalCommitted, String originalIdentity) {
    fingerprint = originalHead;
    committed = originalCommitted;
    identity = originalIdentity;
    identitySaved = false;
    rewind();
    knownSize = originalCommitted;
    verifiedSize = -1;
    markOlder();
  }

  /** Set while the file is a copy still being made: it is not read until checked again. */
  private boolean held;

  /** Not read in this round: it is checked again in the next. */
  void holdUntilNextCheck() {
    held = true;
  }

  boolean held() {
    return held;
  }

  void release() {
    held = false;
  }

  /** Whether the file's content starts with the bytes {@code head} was taken from. */
  boolean startsWith(Fingerprint head) throws IOException {
    open();
    return head.matches(channel);
  }

  /** The size of what the file's path names now, or -1 when it cannot be read. */
  long sizeAtPath() {
    try {
      return FileKey.stat(path).size();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The file's size now. */
  long sizeNow() throws IOException {
    open();
    return channel.size();
  }

  /** Throws away everything read beyond the committed position. */
  void rewind() {
    readAhead.rewindTo(committed);
    splitter.reset();
    if (aggregator != null) {
      aggregator.reset();
    }
    batchEnd = -1;
  }

  /** The batch committed: its events of this file are in the channel. */
  void committedBatch() {
    if (batchEnd >= 0) {
      committed = batchEnd;
      batchEnd = -1;
    }
  }

  /**
   * Whether the file has been read to its end and has nothing held. A file now shorter than what
   * was read from it is not drained: it was truncated (copytruncate) and must be read again, even
   * when it had been idle and closed before.
   */
  boolean drained() throws IOException {
    return readAhead.consumed()
        && readAhead.readTo() == (channel != null ? channel.size() : knownSize)
        && !splitter.hasPartial()
        && (aggregator == null || !aggregator.hasPending())
        && batchEnd < 0;
  }

  boolean idleFor(long nanos) {
    return reading.nanoClock().getAsLong() - lastGrowthNanos >= nanos;
  }

  /** The file was resumed from a saved position at start. */
  void resumed() {
    quietSinceResume = true;
    resumedFromSave = true;
  }

  /** A copy continues it now: no other file may claim its lines. */
  void copyAdopted() {
    resumedFromSave = false;
  }

  /** Whether it was resumed from a saved position at start. */
  boolean resumedFromSave() {
    return resumedFromSave;
  }

  /** Whether the file has written nothing for {@code nanos}, or since it was resumed at start. */
  boolean quietFor(long nanos) {
    return quietSinceResume || idleFor(nanos);
  }

  /** Adds this file's next events to {@code into} until it is full or the file's end is reached. */
  void read(TailBatch into) throws IOException {
    LineConsumer toBatch = lineTo(into);
    LineConsumer lines = aggregator != null ? aggregator.feeding(toBatch) : toBatch;
    while (into.hasRoom()) {
      if (readAhead.consumed() && !fill()) {
        break;
      }
      readAhead.consumedTo(
          splitter.split(
              readAhead.bytes(),
              readAhead.position(),
              readAhead.limit(),
              readAhead.offset(),
              lines));
    }
    if (into.hasRoom()
        && aggregator != null
        && aggregator.pendingFor(reading.multilineFlushNanos())) {
      aggregator.flush(toBatch);
    }
  }

  /**
   * Writes out what is held for lack of a terminator or a next start line, for a file that will not
   * grow: the file went idle, was renamed away or deleted.
   */
  void flushHeld(TailBatch into) throws IOException {
    LineConsumer toBatch = lineTo(into);
    if (into.hasRoom() && readAhead.consumed() && splitter.hasPartial()) {
      splitter.flushPartial(
          readAhead.readTo(), aggregator != null ? aggregator.feeding(toBatch) : toBatch);
    }
    if (into.hasRoom() && aggregator != null) {
      aggregator.flush(toBatch);
    }
  }

  /** Reads the next chunk; false at the end of the file. */
  private boolean fill() throws IOException {
    int n = readAhead.fill(channel);
    if (n <= 0) {
      return false;
    }
    if (!fingerprint.matches(channel)) {
      // rewritten (copytruncate) since the check before this read: the chunk may hold the new
      // content's bytes at the old content's offsets. Dropped unread; the next check finds the
      // truncation and reads the rest of the old content from its copy.
      readAhead.rewindTo(readAhead.offset());
      verifiedSize = -1; // the next check compares the first bytes whatever the size
      return false;
    }
    long end = readAhead.readTo();
    if (end > knownSize) {
      knownSize = end;
      lastGrowthNanos = reading.nanoClock().getAsLong();
      quietSinceResume = false;
    }
    reading.counter().addBytesRead(n);
    return true;
  }

  /** Where this file's lines go during one read: events of {@code batch}. */
  private LineConsumer lineTo(TailBatch batch) {
    return (bytes, offset, length, start, end, truncated) -> {
      if (truncated) {
        reading.counter().incrementLinesTruncated();
      }
      batch.add(
          reading
              .events()
              .event(
                  bytes, offset, length, start, truncated, group.headers(), headerPath, identity),
          this,
          end);
      return batch.hasRoom();
    };
  }

  @Override
  public String toString() {
    // file names come from whoever writes the log directory: escaped for the log line
    return LogSafe.value(path) + " (" + key + (retired() ? ", rotated away" : "") + ")";
  }
}
