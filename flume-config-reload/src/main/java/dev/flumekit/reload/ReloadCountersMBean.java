package dev.flumekit.reload;

/** The checked reload's counters, as JMX attributes: what the monitoring services export. */
public interface ReloadCountersMBean {
  /** Edits that passed the check and were handed to Flume to apply. */
  long getReloadAppliedCount();

  /** Edits the check refused: the agent kept running its last good configuration. */
  long getReloadRefusedCount();

  /** Checks of an edit that could not decide (timed out, could not run): tried again. */
  long getReloadUndecidedCount();

  /**
   * 1 while the file on disk holds a refused edit (the agent runs something else than the file
   * says), 0 once the file is fixed or reverted.
   */
  long getConfigurationRefused();
}
