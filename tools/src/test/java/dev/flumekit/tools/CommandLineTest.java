package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void flagsStandAloneAndEveryOtherWordTakesTheNextWhateverItLooksLike() {
    CommandLine line =
        CommandLine.parse(
            new String[] {"--once", "-n", "--once", "--url", "u1", "--url"}, Set.of("--once"));

    assertEquals(
        List.of(
            new CommandLine.Option("--once", ""),
            new CommandLine.Option("-n", "--once"),
            new CommandLine.Option("--url", "u1"),
            new CommandLine.Option("--url", null)),
        line.options());
    assertFalse(line.complete());
    assertEquals("--once", line.value("-n", "--name"));
    assertEquals("u1", line.value("--url"), "a last option without a value gives none");
  }

  @Test
  void theShortNameWinsAndALaterValueOverridesAnEarlierOne() {
    CommandLine line =
        CommandLine.parse(
            new String[] {"--name", "long", "-n", "a", "-n", "b", "--other", "x"}, Set.of());

    assertTrue(line.complete());
    assertEquals("b", line.value("-n", "--name"));
    assertEquals("long", line.value("--name"));
    assertNull(line.value("-f", "--conf-file"));
  }

  @Test
  void checkNamesAnUnknownOptionAndAnIncompleteOneGetsTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertEquals(
        ConfigCheck.USAGE,
        ConfigCheck.run(new String[] {"-n", "a1", "--conect", "-f", "x"}, null, out, errStream));
    assertEquals(
        ConfigCheck.USAGE, ConfigCheck.run(new String[] {"-f", "x", "-n"}, null, out, errStream));

    assertEquals(
        "check: unknown option --conect\n"
            + "usage: flumekit-agent check -n NAME -f FILE [--connect]\n"
            + "usage: flumekit-agent check -n NAME -f FILE [--connect]\n",
        err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}
