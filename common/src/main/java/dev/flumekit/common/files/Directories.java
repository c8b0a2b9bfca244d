package dev.flumekit.common.files;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a component can write where its configuration says. Asked by trying: permission bits say
 * nothing for root, who may still not write on a read-only mount or a kernel's pseudo file system
 * ({@code /proc}, {@code /sys}).
 */
public final class Directories {
  /** File systems that only show the kernel's state: a file written there is not kept. */
  private static final Set<String> PSEUDO =
      Set.of(
          "proc",
          "sysfs",
          "devtmpfs",
          "devpts",
          "cgroup",
          "cgroup2",
          "debugfs",
          "tracefs",
          "securityfs",
          "configfs",
          "pstore",
          "bpf",
          "mqueue",
          "fusectl",
          "efivarfs",
          "autofs",
          "binfmt_misc",
          "hugetlbfs",
          "rpc_pipefs",
          "nsfs");

  private Directories() {}

  /**
   * The problem with writing files in {@code dir}, if any: a missing directory counts as writable
   * when a file can be created in its nearest existing parent, since the component creates it. The
   * question is asked by creating a file there and deleting it.
   *
   * @param what what the directory is for, as the message says it ("positions file directory")
   */
  public static Optional<String> unwritable(String what, Path dir) {
    Path absolute = dir.toAbsolutePath();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of(what + " " + dir + ": no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(what + " " + dir + ": " + existing + " is not a directory");
    }
    String where = existing.equals(absolute) ? "it " : existing + " ";
    String fileSystem = fileSystem(existing);
    if (fileSystem != null && PSEUDO.contains(fileSystem)) {
      return Optional.of(
          what
              + " "
              + dir
              + ": "
              + where
              + "is on the kernel's "
              + fileSystem
              + " file system, which keeps no files: choose a directory on a disk");
    }
    try {
      Files.delete(Files.createTempFile(existing, ".flumekit-check-", ".tmp"));
    } catch (IOException | SecurityException e) {
      boolean readOnly = readOnly(existing);
      return Optional.of(
          what
              + " "
              + dir
              + ": "
              + "no file can be created in "
              + (existing.equals(absolute) ? "it" : existing)
              + (readOnly
                  ? " (a read-only " + fileSystem + " file system)"
                  : " by this user (" + reason(e) + ")")
              + ": choose a directory the agent's user can write, on a writable disk");
    }
    return Optional.empty();
  }

  /**
   * Problems with the directories dead letters go to: the policy's, when it writes files, and the
   * fallback directory of a topic policy, when there is one ({@code ~/} as the agent reads it).
   */
  public static List<String> ofDeadLetters(DeadLetterPolicy policy, String fallbackDir) {
    List<String> problems = new ArrayList<>();
    if (policy.kind() == DeadLetterPolicy.Kind.FILE) {
      unwritable("dead-letter directory", UserPaths.resolve(policy.target()))
          .ifPresent(problems::add);
    }
    if (fallbackDir != null) {
      unwritable("dead-letter fallback directory", UserPaths.resolve(fallbackDir))
          .ifPresent(problems::add);
    }
    return problems;
  }

  private static String fileSystem(Path existing) {
    try {
      return Files.getFileStore(existing).type();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean readOnly(Path existing) {
    try {
      FileStore store = Files.getFileStore(existing);
      return store.isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName();
  }
}
