package dev.flumekit.reload;

import java.nio.file.Path;
import java.util.List;

/** Decides whether an edited configuration file may replace the one an agent runs. */
interface ConfigurationCheck {
  /**
   * What the check said of a configuration: whether it may be applied, and its lines (problems,
   * warnings, notes), each naming the file the operator edited.
   */
  record Verdict(boolean applicable, List<String> lines) {}

  /**
   * @param snapshot a copy of the edited file, taken once: what is applied if it passes, whatever
   *     the file holds by then
   * @param edited the file the operator edited, for the lines to name
   */
  Verdict check(Path snapshot, Path edited);
}
