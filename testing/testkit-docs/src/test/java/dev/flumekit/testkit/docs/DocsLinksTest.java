package dev.flumekit.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README and the pages under docs/ reaches a file that exists, and a heading
 * of it when it names one ({@code kafka-sink.md#dead-letters}): the pages link to each other, and a
 * section moved or renamed must take its links along.
 */
class DocsLinksTest {
  private static final Path ROOT = ProjectRoot.find();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

  @Test
  void everyRelativeLinkResolves() throws Exception {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      String text = withoutCode(Files.readString(page));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http:, file:, mailto:
        }
        int hash = target.indexOf('#');
        Path file =
            hash == 0 ? page : page.resolveSibling(hash < 0 ? target : target.substring(0, hash));
        if (!Files.exists(file)) {
          broken.add(page.getFileName() + ": " + target + " (no such file)");
        } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
          broken.add(page.getFileName() + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** The anchors GitHub gives a page's headings. */
  private static Set<String> anchors(Path page) throws Exception {
    Set<String> anchors = new HashSet<>();
    if (!page.toString().endsWith(".md")) {
      return anchors;
    }
    Matcher m = HEADING.matcher(withoutCode(Files.readString(page)));
    while (m.find()) {
      anchors.add(
          m.group(1)
              .trim()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N}\\- _]", "")
              .replace(' ', '-'));
    }
    return anchors;
  }

  /** The text outside fenced code blocks, where a line starting with # is no heading. */
  private static String withoutCode(String text) {
    StringBuilder out = new StringBuilder();
    boolean fenced = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (!fenced) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
