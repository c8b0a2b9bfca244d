package dev.flumekit.reload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.apache.flume.node.ConfigurationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration file whose edits reach the agent only once checked. Flume's own file source hands
 * every edit to the agent, which then drops whatever component the edit broke and runs on without
 * it; here an edit is copied once, the copy checked as {@code bin/flumekit-agent check} checks a
 * file before a start, and only a copy that passes is what Flume reads. A refused edit is logged
 * (every problem, at ERROR) and counted, and the agent keeps its last good configuration until the
 * file changes again.
 */
final class CheckedFileSource implements ConfigurationSource {
  private static final Logger LOG = LoggerFactory.getLogger(CheckedFileSource.class);

  private final Path file;
  private final ConfigurationCheck check;
  private final ReloadCounters counters;
  private final Path snapshots;

  /** What Flume reads: the file as started, then each edit that passed the check. */
  private byte[] applied;

  /** The file's modification time when it was last read, to read it again only once changed. */
  private FileTime seen;

  /** The last edit refused, not to check the same text again when only its time changes. */
  private byte[] refused;

  /**
   * @param snapshots where each edit is copied for the check (a directory of the agent's own)
   */
  CheckedFileSource(Path file, ConfigurationCheck check, ReloadCounters counters, Path snapshots) {
    this.file = file;
    this.check = check;
    this.counters = counters;
    this.snapshots = snapshots;
    try {
      // as started: bin/flumekit-agent checked it before the start
      this.seen = Files.getLastModifiedTime(file);
      this.applied = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration file " + file, e);
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
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(seen)) {
        return false;
      }
      seen = modified;
      edited = Files.readAllBytes(file);
    } catch (IOException e) {
      // a file being replaced (an editor's rename) or gone: the agent runs on, asked again later
      LOG.warn(
          "cannot read the configuration file {} ({}): the agent keeps its configuration",
          file,
          e.toString());
      return false;
    }
    if (Arrays.equals(edited, applied)) {
      counters.upToDate();
      refused = null;
      return false;
    }
    if (Arrays.equals(edited, refused)) {
      return false;
    }
    ConfigurationCheck.Verdict verdict;
    try {
      verdict = checkCopy(edited);
    } catch (RuntimeException e) {
      // refused, not thrown: Flume's poller stops polling for good on an exception
      verdict = new ConfigurationCheck.Verdict(false, List.of("the check failed: " + e));
    }
    if (!verdict.applicable()) {
      refused = edited;
      counters.refused();
      for (String line : verdict.lines()) {
        LOG.error("{}", line);
      }
      LOG.error(
          "configuration change in {} refused ({} above): the agent keeps running its last good"
              + " configuration; fix the file (bin/flumekit-agent check) and it is checked again",
          file,
          verdict.lines().isEmpty() ? "no reason given" : "problems");
      return false;
    }
    for (String line : verdict.lines()) {
      LOG.warn("{}", line);
    }
    LOG.info("configuration change in {} passed the check: applying it", file);
    applied = edited;
    refused = null;
    counters.applied();
    return true;
  }

  private ConfigurationCheck.Verdict checkCopy(byte[] edited) {
    Path copy = null;
    try {
      Files.createDirectories(snapshots);
      copy = Files.createTempFile(snapshots, "edited-", ".conf");
      Files.write(copy, edited);
      return check.check(copy, file);
    } catch (IOException e) {
      return new ConfigurationCheck.Verdict(
          false, List.of("cannot copy " + file + " to check it: " + e));
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
