package dev.flumekit.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Realistic nginx combined-format access-log lines (~200 bytes): varied addresses, times, paths,
 * statuses, sizes, referers and user agents, from a fixed seed so that every run and every
 * contender gets the same lines.
 */
public final class AccessLogLines {
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "HEAD"};
  private static final String[] PATHS = {
    "/class/%d.html",
    "/video/%d",
    "/course/%d/chapter/3",
    "/api/v1/learn?id=%d",
    "/search?q=java+%d",
    "/static/js/app.%d.js",
    "/user/%d/profile"
  };
  private static final int[] STATUSES = {200, 200, 200, 200, 200, 304, 301, 404, 500};
  private static final String[] REFERERS = {
    "-",
    "https://www.example.com/",
    "https://www.example.com/course/list",
    "https://search.example.org/s?wd=flume"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "curl/8.5.0"
  };

  private AccessLogLines() {}

  /** {@code count} distinct lines; callers cycle through them. */
  public static byte[][] generate(int count, long seed) {
    Random random = new Random(seed);
    byte[][] lines = new byte[count][];
    for (int i = 0; i < count; i++) {
      String path = String.format(PATHS[random.nextInt(PATHS.length)], 100 + random.nextInt(900));
      String line =
          String.format(
              "%d.%d.%d.%d - - [21/Nov/2026:%02d:%02d:%02d +0800] \"%s %s HTTP/1.1\" %d %d \"%s\" \"%s\"",
              1 + random.nextInt(223),
              random.nextInt(256),
              random.nextInt(256),
              1 + random.nextInt(254),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              METHODS[random.nextInt(METHODS.length)],
              path,
              STATUSES[random.nextInt(STATUSES.length)],
              random.nextInt(50000),
              REFERERS[random.nextInt(REFERERS.length)],
              AGENTS[random.nextInt(AGENTS.length)]);
      lines[i] = line.getBytes(StandardCharsets.UTF_8);
    }
    return lines;
  }
}
