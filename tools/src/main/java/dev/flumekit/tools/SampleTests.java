package dev.flumekit.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tests file kept beside a configuration, as {@code vector test} keeps tests beside its config:
 * which component the samples enter ({@code source = tail} or {@code sink = hbase}), then tests,
 * each a {@code [name]}, its {@code input = ...} lines and what its first event must show:
 *
 * <pre>
 * source = tail
 *
 * [a course click]
 * input = 203.0.113.7 - - [21/Nov/2026:16:30:00 +0800] "GET /class/112.html HTTP/1.1" 200 ...
 * headers.course = 112
 * channel kafka.topic = course-clicks
 * channel kafka.deadLetter = (absent)
 * </pre>
 *
 * A property is {@code body}, {@code dropped}, {@code headers.NAME} or {@code DESTINATION.FIELD} as
 * {@code test} prints them; {@code = value} must equal, {@code ~ text} must contain, {@code =
 * (absent)} must be absent; {@code events = N} counts the test's events. In an input, {@code \xNN}
 * is the byte NN (a byte that is not UTF-8) and {@code \\} a backslash. Lines starting with {@code
 * #} are comments. The line-based form keeps a test diffable and close to Flume's own properties.
 *
 * @param component {@code source NAME} or {@code sink NAME}
 */
record SampleTests(String component, List<SampleTests.Test> tests) {
  static final String ABSENT = "(absent)";

  /** One test: its name, where it starts in the file, its input lines and assertions. */
  record Test(String name, int lineNumber, List<byte[]> inputs, List<Assertion> assertions) {}

  /**
   * @param contains {@code ~}: the value must contain {@code expected}
   */
  record Assertion(int lineNumber, String property, boolean contains, String expected) {}

  /** What runs a test's input file through the configured pipeline. */
  interface Runner {
    List<SampleOutput> run(Path input) throws IOException;
  }

  static SampleTests parse(Path file) throws IOException {
    String component = null;
    List<Test> tests = new ArrayList<>();
    Test current = null;
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int n = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            new Test(
                line.substring(1, line.length() - 1).strip(),
                n,
                new ArrayList<>(),
                new ArrayList<>());
        tests.add(current);
        continue;
      }
      int eq = line.indexOf(" = ");
      int tilde = line.indexOf(" ~ ");
      boolean contains = tilde > 0 && (eq < 0 || tilde < eq);
      int at = contains ? tilde : eq;
      if (at <= 0) {
        throw new IOException(
            file + ":" + n + ": '" + line + "' is not 'property = value' or 'property ~ text'");
      }
      String key = line.substring(0, at).strip();
      String value = line.substring(at + 3).strip();
      if (current == null) {
        if (!contains && (key.equals("source") || key.equals("sink"))) {
          component = key + " " + value;
          continue;
        }
        throw new IOException(
            file
                + ":"
                + n
                + ": '"
                + key
                + "' before the first [test]; only source = NAME or"
                + " sink = NAME go there");
      }
      if (key.equals("input") && !contains) {
        current.inputs().add(unescape(value, file + ":" + n));
      } else {
        current.assertions().add(new Assertion(n, key, contains, value));
      }
    }
    if (component == null) {
      throw new IOException(
          file + ": say which component the inputs enter: source = NAME or sink = NAME, first");
    }
    for (Test t : tests) {
      if (t.inputs().isEmpty()) {
        throw new IOException(
            file + ":" + t.lineNumber() + ": test [" + t.name() + "] has no input");
      }
    }
    return new SampleTests(component, tests);
  }

  /**
   * Runs every test, printing each failed assertion on {@code err} (file, line, test, property,
   * expected and got).
   *
   * @return the failed assertions, a line each
   */
  List<String> run(Path file, Runner runner, Path scratch) throws IOException {
    List<String> failures = new ArrayList<>();
    for (Test t : tests) {
      ByteArrayOutputStream input = new ByteArrayOutputStream();
      for (byte[] line : t.inputs()) {
        input.write(line);
        input.write('\n');
      }
      Path inputFile = scratch.resolve("test-" + t.lineNumber() + ".log");
      Files.write(inputFile, input.toByteArray());
      List<SampleOutput> outputs = runner.run(inputFile);
      for (Assertion a : t.assertions()) {
        String got =
            a.property().equals("events")
                ? Integer.toString(outputs.size())
                : outputs.isEmpty() ? null : outputs.get(0).property(a.property());
        if (!holds(a, got)) {
          failures.add(
              file
                  + ":"
                  + a.lineNumber()
                  + ": ["
                  + t.name()
                  + "] "
                  + a.property()
                  + (a.contains() ? " should contain " : " expected ")
                  + a.expected()
                  + ", got "
                  + (got == null ? ABSENT : got));
        }
      }
    }
    return failures;
  }

  private static boolean holds(Assertion a, String got) {
    if (a.expected().equals(ABSENT)) {
      return got == null;
    }
    if (got == null) {
      return false;
    }
    return a.contains() ? got.contains(a.expected()) : got.equals(a.expected());
  }

  /** The bytes an input line stands for: UTF-8, with {@code \xNN} a raw byte. */
  static byte[] unescape(String text, String where) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != '\\' || i + 1 >= text.length()) {
        continue;
      }
      char next = text.charAt(i + 1);
      if (next != 'x' && next != '\\') {
        continue;
      }
      out.writeBytes(text.substring(plain, i).getBytes(StandardCharsets.UTF_8));
      if (next == '\\') {
        out.write('\\');
        i++;
      } else {
        if (i + 4 > text.length()) {
          throw new IOException(where + ": \\x needs two hex digits, e.g. \\xff");
        }
        try {
          out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
        } catch (NumberFormatException e) {
          throw new IOException(
              where
                  + ": \\x"
                  + text.substring(i + 2, i + 4)
                  + " is not two hex digits, e.g. \\xff");
        }
        i += 3;
      }
      plain = i + 1;
    }
    out.writeBytes(text.substring(plain).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
