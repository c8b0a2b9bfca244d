package dev.flumekit.interceptor;

/** What an interceptor did with one event. */
public enum Outcome {
  /** Processed and kept. */
  PASSED(true, false),
  /** Removed on purpose (filtered). */
  DROPPED(false, false),
  /** Not processable as configured, kept (tagged or untouched, by policy). */
  FAILED_PASSED(true, true),
  /** Not processable as configured, removed by policy. */
  FAILED_DROPPED(false, true);

  private final boolean kept;
  private final boolean failed;

  Outcome(boolean kept, boolean failed) {
    this.kept = kept;
    this.failed = failed;
  }

  public boolean kept() {
    return kept;
  }

  public boolean failed() {
    return failed;
  }
}
