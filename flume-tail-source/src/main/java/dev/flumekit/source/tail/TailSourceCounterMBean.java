package dev.flumekit.source.tail;

import org.apache.flume.instrumentation.SourceCounterMBean;

/** The tail source's counters beyond Flume's standard source counters. */
public interface TailSourceCounterMBean extends SourceCounterMBean {
  long getBytesRead();

  long getLinesTruncated();

  long getMultilineSplits();

  long getFilesOpened();

  long getFilesTracked();

  long getFilesOpen();

  long getRenamesFollowed();

  long getTruncationsDetected();

  long getCopyRecoveries();

  /**
   * Non-empty files found at a start without a positions file (a first start, or a lost one): read
   * from their start under new identities.
   */
  long getFilesWithoutPosition();

  long getReadFailures();

  long getChannelFullCount();

  long getCheckpointWrites();

  long getCheckpointFailures();

  long getReadingPaused();

  /** Bytes not yet in the channel per tracked file, a line {@code <bytes> <path>} each. */
  String getFileUnreadBytes();
}
