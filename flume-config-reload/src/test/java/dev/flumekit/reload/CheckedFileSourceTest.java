package dev.flumekit.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedFileSourceTest {
  @TempDir Path dir;

  /** Refuses any text containing "bad", and remembers what it was asked. */
  private final List<String> checked = new ArrayList<>();

  private final ConfigurationCheck check =
      (snapshot, edited) -> {
        try {
          String text = Files.readString(snapshot);
          checked.add(text);
          return text.contains("bad")
              ? new ConfigurationCheck.Verdict(
                  ConfigurationCheck.Outcome.REFUSED, List.of(edited + ": bad value"))
              : new ConfigurationCheck.Verdict(ConfigurationCheck.Outcome.PASSED, List.of());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      };

  private final ReloadCounters counters = new ReloadCounters();
  private long time = 1_000_000;

  private Path file;

  private CheckedFileSource started(String text) throws IOException {
    file = dir.resolve("agent.conf");
    write(text);
    return new CheckedFileSource(
        file, check, counters, dir.resolve("snapshots"), Optional.of(digestOf(text)));
  }

  /** An edit, with a modification time of its own (file systems keep whole seconds at worst). */
  private void write(String text) throws IOException {
    Files.writeString(file, text);
    time += 1000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(time));
  }

  private static String read(CheckedFileSource source) throws IOException {
    return new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void theFileAsStartedIsWhatFlumeReadsUntilAnEditPasses() throws IOException {
    CheckedFileSource source = started("a1.sources = r1\n");
    assertFalse(source.isModified());
    assertEquals("a1.sources = r1\n", read(source));
    assertTrue(checked.isEmpty(), "checked at start by the launcher, not here");

    write("a1.sources = r2\n");
    assertTrue(source.isModified());
    assertEquals("a1.sources = r2\n", read(source));
    assertEquals(1, counters.getReloadAppliedCount());
    assertEquals(0, counters.getConfigurationRefused());
    assertFalse(source.isModified(), "applied once");
  }

  @Test
  void aRefusedEditLeavesTheLastGoodConfigurationAndIsSaidUntilFixed() throws IOException {
    CheckedFileSource source = started("a1.sources = r1\n");
    write("a1.sources = bad\n");
    assertFalse(source.isModified());
    assertEquals("a1.sources = r1\n", read(source), "the agent keeps what it runs");
    assertEquals(1, counters.getReloadRefusedCount());
    assertEquals(1, counters.getConfigurationRefused());

    // touched, same text: not checked again, still refused
    write("a1.sources = bad\n");
    assertFalse(source.isModified());
    assertEquals(1, checked.size());
    assertEquals(1, counters.getConfigurationRefused());

    write("a1.sources = r3\n");
    assertTrue(source.isModified());
    assertEquals("a1.sources = r3\n", read(source));
    assertEquals(0, counters.getConfigurationRefused());
    assertEquals(1, counters.getReloadAppliedCount());
  }

  @Test
  void aRevertedEditIsNoChange() throws IOException {
    CheckedFileSource source = started("a1.sources = r1\n");
    write("a1.sources = bad\n");
    assertFalse(source.isModified());
    write("a1.sources = r1\n");
    assertFalse(source.isModified(), "what runs already");
    assertEquals(0, counters.getConfigurationRefused());
    assertEquals(0, counters.getReloadAppliedCount());
    assertEquals(1, checked.size());
  }

  @Test
  void theCheckSeesOneCopyOfTheEditWhateverTheFileBecomesMeanwhile() throws IOException {
    file = dir.resolve("agent.conf");
    write("a1.sources = r1\n");
    ConfigurationCheck rewritingDuringCheck =
        (snapshot, edited) -> {
          try {
            write("a1.sources = bad, written while the check ran\n");
            return check.check(snapshot, edited);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        };
    CheckedFileSource source =
        new CheckedFileSource(
            file,
            rewritingDuringCheck,
            counters,
            dir.resolve("snapshots"),
            Optional.of(digestOf("a1.sources = r1\n")));
    Files.writeString(file, "a1.sources = r2\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(time + 500));
    assertTrue(source.isModified());
    assertEquals("a1.sources = r2\n", read(source), "what was checked is what is applied");
    assertFalse(source.isModified(), "the later edit is checked at the next poll");
    assertEquals(1, counters.getReloadRefusedCount());
  }

  @Test
  void aCheckThatFailsRefusesTheEditAndThePollerLivesOn() throws IOException {
    file = dir.resolve("agent.conf");
    write("a1.sources = r1\n");
    CheckedFileSource source =
        new CheckedFileSource(
            file,
            (snapshot, edited) -> {
              throw new IllegalStateException("no JVM");
            },
            counters,
            dir.resolve("snapshots"),
            Optional.of(digestOf("a1.sources = r1\n")));
    write("a1.sources = r2\n");
    assertFalse(source.isModified());
    assertEquals("a1.sources = r1\n", read(source));
    assertEquals(0, counters.getReloadRefusedCount(), "not the text's fault");
    assertEquals(1, counters.getReloadUndecidedCount());
  }

  @Test
  void anEditTheCheckCouldNotDecideOnIsCheckedAgainAtTheNextPoll() throws IOException {
    file = dir.resolve("agent.conf");
    write("a1.sources = r1\n");
    int[] calls = {0};
    ConfigurationCheck flaky =
        (snapshot, edited) ->
            ++calls[0] == 1
                ? new ConfigurationCheck.Verdict(
                    ConfigurationCheck.Outcome.UNDECIDED, List.of("out of memory"))
                : check.check(snapshot, edited);
    CheckedFileSource source =
        new CheckedFileSource(
            file,
            flaky,
            counters,
            dir.resolve("snapshots"),
            Optional.of(digestOf("a1.sources = r1\n")));
    write("a1.sources = r2\n");
    assertFalse(source.isModified());
    assertTrue(source.isModified(), "the same text, checked again");
    assertEquals("a1.sources = r2\n", read(source));
  }

  @Test
  void atStartTextTheLauncherDidNotCheckIsCheckedAndABadOneNeverRuns() throws IOException {
    file = dir.resolve("agent.conf");
    write("a1.sources = r1\n");
    new CheckedFileSource(file, check, counters, dir.resolve("snapshots"), Optional.empty());
    assertEquals(List.of("a1.sources = r1\n"), checked, "no digest: checked here");

    // edited after the launcher's check: the digest no longer matches
    write("a1.sources = bad\n");
    CheckedFileSource.NotChecked refused =
        assertThrows(
            CheckedFileSource.NotChecked.class,
            () ->
                new CheckedFileSource(
                    file,
                    check,
                    counters,
                    dir.resolve("snapshots"),
                    Optional.of(digestOf("a1.sources = r1\n"))));
    assertEquals(List.of(file + ": bad value"), refused.lines());
  }

  private static String digestOf(String text) {
    return CheckedFileSource.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUnreadableFileKeepsTheConfiguration() throws IOException {
    CheckedFileSource source = started("a1.sources = r1\n");
    Files.delete(file);
    assertFalse(source.isModified());
    assertEquals("a1.sources = r1\n", read(source));
  }
}
