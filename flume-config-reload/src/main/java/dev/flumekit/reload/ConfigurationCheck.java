package dev.flumekit.reload;

import java.nio.file.Path;
import java.util.List;

/** Decides whether an edited configuration file may replace the one an agent runs. */
interface ConfigurationCheck {
  /** What a check concluded of a configuration's text. */
  enum Outcome {
    /** The check passed it: it may be applied. */
    PASSED,
    /** The check found problems in it: this text is never applied. */
    REFUSED,
    /**
     * The check could not decide (it did not run, ran out of time or memory, or a system it needed
     * failed): not applied now, and the same text is checked again later.
     */
    UNDECIDED
  }

  /** What the check said of a configuration, and its lines, each naming the file edited. */
  record Verdict(Outcome outcome, List<String> lines) {}

  /**
   * @param snapshot a copy of the edited file, taken once: what is applied if it passes, whatever
   *     the file holds by then
   * @param edited the file the operator edited, for the lines to name
   */
  Verdict check(Path snapshot, Path edited);
}
