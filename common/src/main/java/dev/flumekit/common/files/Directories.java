package dev.flumekit.common.files;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether a component can write where its configuration says. */
public final class Directories {
  private Directories() {}

  /**
   * The problem with writing files in {@code dir}, if any: a missing directory counts as writable
   * when its nearest existing parent is, since the component creates it.
   *
   * @param what what the directory is for, as the message says it ("positions file directory")
   */
  public static Optional<String> unwritable(String what, Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of(what + " " + dir + ": no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(what + " " + dir + ": " + existing + " is not a directory");
    }
    if (!Files.isWritable(existing)) {
      return Optional.of(
          what
              + " "
              + dir
              + ": "
              + (existing.equals(dir.toAbsolutePath())
                  ? "not writable"
                  : existing + " is not writable")
              + " by this user");
    }
    return Optional.empty();
  }

  /**
   * Problems with the directories dead letters go to: the policy's, when it writes files, and the
   * fallback directory of a topic policy, when there is one.
   */
  public static List<String> ofDeadLetters(DeadLetterPolicy policy, String fallbackDir) {
    List<String> problems = new ArrayList<>();
    if (policy.kind() == DeadLetterPolicy.Kind.FILE) {
      unwritable("dead-letter directory", Paths.get(policy.target())).ifPresent(problems::add);
    }
    if (fallbackDir != null) {
      unwritable("dead-letter fallback directory", Paths.get(fallbackDir)).ifPresent(problems::add);
    }
    return problems;
  }
}
