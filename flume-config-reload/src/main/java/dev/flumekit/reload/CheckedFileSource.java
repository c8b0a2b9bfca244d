package dev.flumekit.reload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.flume.node.ConfigurationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration file whose text reaches the agent only once checked. Flume's own file source
 * hands every edit to the agent, which then drops whatever component the edit broke and runs on
 * without it; here the file is copied once, the copy checked as {@code bin/flumekit-agent check}
 * checks a file, and only a copy that passes is what Flume reads: at start (unless the launcher
 * checked this very text) and at every edit. A refused edit is logged (every problem, at ERROR) and
 * counted, and the agent keeps its last good configuration until the file changes again; an edit
 * the check could not decide on is checked again at the next poll.
 */
final class CheckedFileSource implements ConfigurationSource {
  private static final Logger LOG = LoggerFactory.getLogger(CheckedFileSource.class);

  /** The text at start did not pass the check: the agent must not run it. */
  static final class NotChecked extends RuntimeException {
    private final List<String> lines;

    NotChecked(String message, List<String> lines) {
      super(message);
      this.lines = List.copyOf(lines);
    }

    List<String> lines() {
      return lines;
    }
  }

  private final Path file;
  private final ConfigurationCheck check;
  private final ReloadCounters counters;
  private final Path snapshots;

  /** What Flume reads: the text as started, then each edit that passed the check. */
  private byte[] applied;

  /** The file's modification time when it was last read whole, to read it again once changed. */
  private FileTime seen;

  /** The last edit refused, not to check the same text again when only its time changes. */
  private byte[] refused;

  /**
   * @param checkedDigest the SHA-256 (hex) of the text the launcher checked just before the start,
   *     if it did: that text is not checked again
   * @param snapshots where each text is copied for the check (a directory of the agent's own)
   * @throws NotChecked when the text at start does not pass the check
   */
  CheckedFileSource(
      Path file,
      ConfigurationCheck check,
      ReloadCounters counters,
      Path snapshots,
      Optional<String> checkedDigest) {
    this.file = file;
    this.check = check;
    this.counters = counters;
    this.snapshots = snapshots;
    byte[] text;
    try {
      this.seen = Files.getLastModifiedTime(file);
      text = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NotChecked("cannot read the configuration file " + file + ": " + e, List.of());
    }
    if (checkedDigest.isEmpty() || !checkedDigest.get().equalsIgnoreCase(sha256(text))) {
      ConfigurationCheck.Verdict verdict = checkCopy(text);
      if (verdict.outcome() != ConfigurationCheck.Outcome.PASSED) {
        throw new NotChecked(
            "the configuration in "
                + file
                + (verdict.outcome() == ConfigurationCheck.Outcome.REFUSED
                    ? " has the problems above"
                    : " could not be checked (above)"),
            verdict.lines());
      }
      log(verdict.lines(), false);
      LOG.info("configuration in {} checked at start", file);
    }
    this.applied = text;
  }

  static String sha256(byte[] text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public synchronized InputStream getInputStream() {
    return new ByteArrayInputStream(applied);
  }

  @Override
  public String getUri() {
    return file.toUri().toString();
  }

  @Override
  public String getExtension() {
    return PROPERTIES;
  }

  /** Called by Flume's configuration poller: true when a checked edit is ready to apply. */
  @Override
  public synchronized boolean isModified() {
    byte[] edited;
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(file);
      if (modified.equals(seen)) {
        return false;
      }
      edited = Files.readAllBytes(file);
    } catch (IOException e) {
      // a file being replaced (an editor's rename), gone or unreadable for now: asked again at
      // the next poll, since its time is not taken as seen
      LOG.warn(
          "cannot read the configuration file {} ({}): the agent keeps its configuration",
          file,
          e.toString());
      return false;
    }
    seen = modified;
    if (Arrays.equals(edited, applied)) {
      if (refused != null) {
        LOG.info("configuration file {} holds the running configuration again", file);
      }
      counters.upToDate();
      refused = null;
      return false;
    }
    if (Arrays.equals(edited, refused)) {
      return false;
    }
    ConfigurationCheck.Verdict verdict = checkCopy(edited);
    switch (verdict.outcome()) {
      case REFUSED -> {
        refused = edited;
        counters.refused();
        log(verdict.lines(), true);
        LOG.error(
            "configuration change in {} refused (problems above): the agent keeps running its"
                + " last good configuration; fix the file (bin/flumekit-agent check) and it is"
                + " checked again",
            file);
        return false;
      }
      case UNDECIDED -> {
        // not the text's fault: the same text is checked again at the next poll
        seen = null;
        counters.undecided();
        log(verdict.lines(), true);
        LOG.error(
            "configuration change in {} not applied: the check could not decide (above); it is"
                + " checked again at the next poll",
            file);
        return false;
      }
      default -> {
        log(verdict.lines(), false);
        LOG.info("configuration change in {} passed the check: applying it", file);
        applied = edited;
        refused = null;
        counters.applied();
        return true;
      }
    }
  }

  /**
   * The check's lines at their weight: what it says of every configuration (each flow's guarantee,
   * notes) as information, its warnings as warnings, the rest (problems and what follows from them)
   * as errors when the text is not applied.
   */
  private static void log(List<String> lines, boolean notApplied) {
    for (String line : lines) {
      if (line.matches("^\\S+: (flow |note: ).*")) {
        LOG.info("{}", line);
      } else if (line.matches("^\\S+: warning: .*") || !notApplied) {
        LOG.warn("{}", line);
      } else {
        LOG.error("{}", line);
      }
    }
  }

  private ConfigurationCheck.Verdict checkCopy(byte[] text) {
    Path copy = null;
    try {
      Files.createDirectories(snapshots);
      copy = Files.createTempFile(snapshots, "edited-", ".conf");
      Files.write(copy, text);
      return check.check(copy, file);
    } catch (IOException | RuntimeException e) {
      // undecided, not thrown: Flume's poller stops polling for good on an exception
      return new ConfigurationCheck.Verdict(
          ConfigurationCheck.Outcome.UNDECIDED, List.of("cannot check " + file + ": " + e));
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException e) {
          LOG.debug("{} left behind: {}", copy, e.toString());
        }
      }
    }
  }

  @Override
  public String toString() {
    return "{ checked file:" + file + " }";
  }
}
