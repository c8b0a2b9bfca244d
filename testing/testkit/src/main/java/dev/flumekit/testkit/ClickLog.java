package dev.flumekit.testkit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The seed pipeline's access log: nginx combined-format lines of a learning site, time-ordered over
 * a span of days in +08:00, most of them course page views ({@code /class/<course>.html}), the rest
 * other pages and, if asked, lines that are not access-log lines at all. Line {@code i} is always
 * the same, so a test or the demo can tell what each stage should have counted.
 */
public final class ClickLog {
  /** Course ids, as in the seed's site. */
  public static final int[] COURSES = {112, 128, 130, 131, 145, 146};

  private static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter NGINX_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZONE);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZONE);
  private static final String[] OTHER_PATHS = {
    "/course/list", "/learn/%d", "/video/%d", "/search?q=flume", "/user/login"
  };
  private static final String[] REFERERS = {
    "-",
    "https://www.baidu.com/s?wd=flume",
    "https://www.sogou.com/web?query=kafka",
    "https://cn.bing.com/search?q=hbase",
    "https://search.yahoo.com/search?p=spark"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"
        + " Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
  };

  private final long seed;
  private final long startMillis;
  private final long stepMicros;
  private final int garbageEvery;

  /**
   * @param startMillis time of line 0
   * @param stepMicros time between two lines, in microseconds
   * @param garbageEvery every n-th line is not an access-log line; 0 for none
   */
  public ClickLog(long seed, long startMillis, long stepMicros, int garbageEvery) {
    this.seed = seed;
    this.startMillis = startMillis;
    this.stepMicros = stepMicros;
    this.garbageEvery = garbageEvery;
  }

  /** Line {@code i}, without its newline. */
  public String line(int i) {
    if (garbageEvery > 0 && i % garbageEvery == garbageEvery - 1) {
      return "upstream timed out (110: Connection timed out) while reading line " + i;
    }
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    String path =
        isClick(r)
            ? "/class/" + COURSES[r.nextInt(COURSES.length)] + ".html"
            : String.format(OTHER_PATHS[r.nextInt(OTHER_PATHS.length)], 100 + r.nextInt(900));
    return String.format(
        Locale.ROOT,
        "%d.%d.%d.%d - - [%s] \"GET %s HTTP/1.1\" %d %d \"%s\" \"%s\"",
        10 + r.nextInt(200),
        r.nextInt(256),
        r.nextInt(256),
        1 + r.nextInt(254),
        NGINX_TIME.format(Instant.ofEpochMilli(timeOf(i))),
        path,
        r.nextInt(20) == 0 ? 404 : 200,
        200 + r.nextInt(20_000),
        REFERERS[r.nextInt(REFERERS.length)],
        AGENTS[r.nextInt(AGENTS.length)]);
  }

  private static boolean isClick(SplittableRandom r) {
    return r.nextInt(10) < 6;
  }

  /** The time of line {@code i} in epoch ms (to the second, as the log writes it). */
  public long timeOf(int i) {
    return (startMillis + i * stepMicros / 1000) / 1000 * 1000;
  }

  /** The course line {@code i} views, or -1 (another page, or not an access-log line). */
  public int courseOf(int i) {
    if (garbageEvery > 0 && i % garbageEvery == garbageEvery - 1) {
      return -1;
    }
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    return isClick(r) ? COURSES[r.nextInt(COURSES.length)] : -1;
  }

  /** Course views of lines {@code [0, lines)} per {@code <yyyyMMdd>_<course>} (+08:00 days). */
  public Map<String, Long> clicksPerCourseAndDay(int lines) {
    Map<String, Long> clicks = new TreeMap<>();
    for (int i = 0; i < lines; i++) {
      int course = courseOf(i);
      if (course >= 0) {
        clicks.merge(DAY.format(Instant.ofEpochMilli(timeOf(i))) + "_" + course, 1L, Long::sum);
      }
    }
    return clicks;
  }

  /** The zone of the log's times and of the day in counter rows. */
  public static ZoneId zone() {
    return ZONE;
  }
}
