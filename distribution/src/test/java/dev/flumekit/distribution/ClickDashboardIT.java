package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The click dashboard ({@code bin/flumekit-agent dashboard}) in a real browser, Debian's headless
 * Chromium driven by Selenium, during a run of the shipped collector and loader: the numbers on the
 * page equal HBase's counters, and again after more clicks are counted, without reloading the page
 * (it reads the counters again by itself). A screenshot is written beside the test reports.
 */
@Tag("slow")
class ClickDashboardIT {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
  @RegisterExtension static final MiniHBase hbase = new MiniHBase();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void thePageShowsHBasesCountersAndFollowsThem() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver installed (.ci/run does)");
    ClickLog clickLog = new ClickLog(61, System.currentTimeMillis(), 2_000, 0);
    try (PipelineRig rig =
        new PipelineRig(
            flumeHome, dir.resolve("pipeline"), "dash", kafka.broker(), hbase, "access.log")) {
      rig.start("loader.conf", List.of());
      FlumeAgent collector = rig.start("collector.conf", List.of());
      collector.awaitLog("with positions in", Duration.ofSeconds(60));
      rig.append(clickLog, 0, 3_000);
      long clicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(3_000));
      assertEquals(clicks, PipelineRig.sum(rig.counters(clicks, Duration.ofSeconds(120))));

      int port = freePort();
      Process dashboard =
          startDashboard("dashboard.out", "--port", String.valueOf(port), "--maxCourses", "200");
      WebDriver browser = null;
      try {
        awaitOutput(dashboard, "dashboard.out");
        browser = browser();
        browser.get("http://127.0.0.1:" + port + "/");
        awaitPageEquals(browser, rig);
        // started and read HBase without a stack trace (later, while HBase is stopped, the
        // client logs its refused connections)
        assertNoStackTrace("dashboard.out");

        // more clicks: the open page reads the counters again by itself
        String before = browser.findElement(By.id("status")).getAttribute("data-generated");
        rig.append(clickLog, 3_000, 6_000);
        long more = PipelineRig.sum(clickLog.clicksPerCourseAndDay(6_000));
        assertEquals(more, PipelineRig.sum(rig.counters(more, Duration.ofSeconds(120))));
        awaitPageEquals(browser, rig);
        String after = browser.findElement(By.id("status")).getAttribute("data-generated");
        assertTrue(Long.parseLong(after) > Long.parseLong(before), before + " → " + after);

        // courses that broke the page: 0130 beside the loader's 130 (equal as numbers), names of
        // properties every JavaScript object has, a name too long for its label; written into
        // HBase as the loader writes its counters
        writeCounters(rig, HARD_NAMES);
        awaitPageEquals(browser, rig);
        System.out.println(
            "/api/clicks: "
                + HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/clicks"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
        List<List<Object>> bars = bars(browser);
        System.out.println("chart bars [course, label shown, count, label fits, tooltip]:");
        bars.forEach(b -> System.out.println("  " + b));
        Map<String, List<Object>> byCourse = new LinkedHashMap<>();
        bars.forEach(b -> byCourse.put((String) b.get(0), b));
        for (Map.Entry<String, Long> hard : HARD_NAMES.entrySet()) {
          List<Object> bar = byCourse.get(hard.getKey());
          assertTrue(bar != null, "no bar for " + hard.getKey() + ": " + bars);
          assertEquals(String.valueOf(hard.getValue()), bar.get(2), hard.getKey());
          assertEquals(Boolean.TRUE, bar.get(3), "label runs over its bar: " + bar);
          assertEquals(hard.getKey() + ": " + hard.getValue(), bar.get(4), "tooltip");
        }
        List<Object> longBar = byCourse.get(LONG_NAME);
        String shown = (String) longBar.get(1);
        assertTrue(shown.endsWith("…") && shown.length() < LONG_NAME.length(), shown);
        assertTrue(LONG_NAME.startsWith(shown.substring(0, shown.length() - 1)), shown);
        assertEquals("0130", byCourse.get("0130").get(1));
        Long loaders130 = rig.counters().get(today() + "_130");
        assertTrue(loaders130 != null && loaders130 > 0, "the loader counted course 130");
        assertEquals(String.valueOf(loaders130), byCourse.get("130").get(2));
        assertEquals("__proto__", byCourse.get("__proto__").get(1));
        assertEquals(expectedOrder(rig.counters()), List.copyOf(byCourse.keySet()));

        Path shot = Paths.get("target", "click-dashboard.png").toAbsolutePath();
        Files.copy(
            ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(),
            shot,
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("click dashboard screenshot: " + shot);

        // HBase down: the page keeps the last counts, says they are stale and how old; HBase
        // back: fresh counts again
        Map<String, Long> lastGood = rig.counters();
        hbase.stopWhole();
        String stale;
        try {
          stale = awaitStatus(browser, "stale", 120);
          System.out.println("HBase stopped, the page says: " + stale);
          assertTrue(stale.startsWith("stale: HBase did not answer: "), stale);
          assertTrue(stale.matches(".*, \\d+ s ago; trying again every 1 s"), stale);
          assertEquals("", difference(browser, lastGood), "the last counts stay on the page");
          Files.copy(
              ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(),
              Paths.get("target", "click-dashboard-stale.png").toAbsolutePath(),
              StandardCopyOption.REPLACE_EXISTING);
        } finally {
          hbase.startWhole();
        }
        String fresh = awaitStatus(browser, "", 180);
        System.out.println("HBase back, the page says: " + fresh);
        awaitPageEquals(browser, rig);

        // a second dashboard with small caps: 5 courses drawn, the rest one bar; the read
        // stops at 10 counters, today's first, and the page says so
        int cappedPort = freePort();
        Process capped =
            startDashboard(
                "dashboard-capped.out",
                "--port",
                String.valueOf(cappedPort),
                "--maxCourses",
                "5",
                "--maxCells",
                "10");
        try {
          awaitOutput(capped, "dashboard-capped.out");
          browser.get("http://127.0.0.1:" + cappedPort + "/");
          awaitCappedPage(browser, rig);
        } finally {
          capped.destroy();
          capped.waitFor(20, TimeUnit.SECONDS);
        }
        assertNoStackTrace("dashboard-capped.out");
      } finally {
        if (browser != null) {
          browser.quit();
        }
        dashboard.destroy();
        dashboard.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /** Today's counters the test writes (Asia/Shanghai, as the loader counts days). */
  private static final String LONG_NAME =
      "introduction-to-distributed-log-collection-with-apache-flume-and-kafka-2026";

  private static final Map<String, Long> HARD_NAMES =
      Map.of(
          "0130",
          17L,
          "constructor",
          11L,
          "__proto__",
          13L,
          "toString",
          5L,
          "hasOwnProperty",
          3L,
          LONG_NAME,
          9L);

  private static final ZoneId LOADER_ZONE = ZoneId.of("Asia/Shanghai");

  private static String today() {
    return LocalDate.now(LOADER_ZONE).format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  private static void writeCounters(PipelineRig rig, Map<String, Long> courses) throws Exception {
    List<Put> puts = new ArrayList<>();
    courses.forEach(
        (course, clicks) ->
            puts.add(
                new Put(Bytes.toBytes(today() + "_" + course))
                    .addColumn(
                        Bytes.toBytes("c"), Bytes.toBytes("clicks"), Bytes.toBytes(clicks))));
    try (Table t = hbase.connection().getTable(TableName.valueOf("access_logs_dash"))) {
      t.put(puts);
    }
  }

  /**
   * The order the dashboard promises, from HBase's counters of the days shown: today's clicks, most
   * first; then the clicks of all days shown; then the name by code point (the names here are
   * ASCII, where that is {@link String#compareTo}).
   */
  private static List<String> expectedOrder(Map<String, Long> counters) {
    LocalDate today = LocalDate.now(LOADER_ZONE);
    String first = today.minusDays(6).format(DateTimeFormatter.BASIC_ISO_DATE);
    Map<String, long[]> courses = new TreeMap<>();
    counters.forEach(
        (row, clicks) -> {
          String day = row.substring(0, 8);
          if (day.compareTo(first) >= 0 && day.compareTo(today()) <= 0) {
            long[] c = courses.computeIfAbsent(row.substring(9), k -> new long[2]);
            c[0] += day.equals(today()) ? clicks : 0;
            c[1] += clicks;
          }
        });
    List<String> order = new ArrayList<>(courses.keySet());
    order.sort(
        Comparator.<String>comparingLong(c -> -courses.get(c)[0])
            .thenComparingLong(c -> -courses.get(c)[1])
            .thenComparing(Comparator.naturalOrder()));
    return order;
  }

  /**
   * Each bar of the chart: course (data-course), the label as drawn, the count beside the bar,
   * whether the label ends left of the bar, the tooltip.
   */
  @SuppressWarnings("unchecked")
  private static List<List<Object>> bars(WebDriver browser) {
    return (List<List<Object>>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#chart g[data-course]')).map(g => {"
                    + " const label = g.querySelector('[data-label]').getBBox();"
                    + " const bar = g.querySelector('rect').getBBox();"
                    + " return [g.dataset.course,"
                    + " g.querySelector('[data-label]').textContent,"
                    + " g.querySelector('[data-bar-label]').textContent.replace(/,/g, ''),"
                    + " label.x + label.width <= bar.x,"
                    + " g.querySelector('title').textContent.replace(/,/g, '')]; });");
  }

  /**
   * Waits until the capped dashboard shows 5 bars and one of the other courses, summing to today's
   * total, which is the sum of the first 10 of today's counters in row order, and says it was
   * capped.
   */
  private static void awaitCappedPage(WebDriver browser, PipelineRig rig) throws Exception {
    long expectedToday =
        rig.counters().entrySet().stream()
            .filter(c -> c.getKey().startsWith(today() + "_"))
            .limit(10)
            .mapToLong(Map.Entry::getValue)
            .sum();
    long deadline = System.nanoTime() + 60_000_000_000L;
    String seen = "";
    while (System.nanoTime() < deadline) {
      @SuppressWarnings("unchecked")
      List<Object> page =
          (List<Object>)
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "const bars = Array.from(document.querySelectorAll('#chart g'));"
                          + " return [bars.filter(g => g.dataset.course !== undefined).length,"
                          + " bars.filter(g => g.dataset.others !== undefined).map(g =>"
                          + " g.querySelector('[data-label]').textContent),"
                          + " bars.map(g => Number(g.querySelector('[data-bar-label]')"
                          + ".textContent.replace(/,/g, ''))).reduce((a, b) => a + b, 0),"
                          + " document.getElementById('today-total').textContent,"
                          + " document.getElementById('capped').textContent];");
      seen = page.toString();
      if (((Number) page.get(0)).intValue() == 5
          && ((List<?>) page.get(1)).size() == 1
          && ((Number) page.get(2)).longValue() == expectedToday
          && page.get(3).equals(String.valueOf(expectedToday))
          && ((String) page.get(4)).startsWith("Capped: only the first 10 counters were read")) {
        System.out.println(
            "capped page [course bars, others bar, sum of bars, today, note]: " + seen);
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("today's first 10 counters sum to " + expectedToday + "; " + seen);
  }

  /** Waits until the status line has the class ({@code stale} or none); returns its text. */
  private static String awaitStatus(WebDriver browser, String className, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String seen = "";
    while (System.nanoTime() < deadline) {
      WebElement status = browser.findElement(By.id("status"));
      seen = status.getAttribute("class") + ": " + status.getText();
      if (className.equals(status.getAttribute("class"))) {
        return status.getText();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("status not '" + className + "' after " + seconds + " s: " + seen);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code bin/flumekit-agent dashboard} of the rig's table, its output in {@code out}. */
  private static Process startDashboard(String out, String... options) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                flumeHome.resolve("bin/flumekit-agent").toString(),
                "dashboard",
                "--zookeeper",
                hbase.zookeeperQuorum(),
                "--table",
                "access_logs_dash",
                "--timezone",
                "Asia/Shanghai",
                "--refreshSeconds",
                "1"));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(out).toFile());
    builder.environment().put("FLUME_HOME", flumeHome.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("FLUME_LOG_DIR", dir.resolve("dashboard-logs").toString());
    return builder.start();
  }

  private static WebDriver browser() {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,900");
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build(),
        options);
  }

  /**
   * What the dashboard printed, and logged, holds no exception: the HBase client on JDK 17 logged
   * an InaccessibleObjectException at every start.
   */
  private static void assertNoStackTrace(String out) throws IOException {
    String printed = Files.readString(dir.resolve(out));
    assertFalse(printed.contains("Exception"), printed);
    Path log = dir.resolve("dashboard-logs/dashboard.log");
    if (Files.exists(log)) {
      String logged = Files.readString(log);
      assertFalse(logged.contains("InaccessibleObjectException"), logged);
    }
  }

  private static void awaitOutput(Process process, String file) throws Exception {
    String text = "Click dashboard of table access_logs_dash on http://";
    long deadline = System.nanoTime() + 90_000_000_000L;
    Path out = dir.resolve(file);
    while (!Files.readString(out).contains(text)) {
      assertTrue(process.isAlive(), Files.readString(out));
      assertTrue(System.nanoTime() < deadline, Files.readString(out));
      Thread.sleep(200);
    }
  }

  /**
   * Waits until every counter in HBase now ({@code <day>_<course>}) is the number in its cell of
   * the page, and each day's total the sum of its counters; fails after 60 s, naming the first
   * difference.
   */
  private static void awaitPageEquals(WebDriver browser, PipelineRig rig) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String difference = "";
    while (System.nanoTime() < deadline) {
      difference = difference(browser, rig.counters());
      if (difference.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(difference);
  }

  private static String difference(WebDriver browser, Map<String, Long> counters) {
    // one snapshot of the table: the page replaces it on every refresh
    @SuppressWarnings("unchecked")
    List<List<String>> cells =
        (List<List<String>>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return Array.from(document.querySelectorAll('td[data-course], td[data-total]'))"
                        + ".map(td => [td.dataset.day, td.dataset.course ?? '#total',"
                        + " td.textContent]);");
    Map<String, String> shown = new TreeMap<>();
    for (List<String> cell : cells) {
      shown.put(cell.get(0) + "_" + cell.get(1), cell.get(2));
    }
    Map<String, Long> totals = new TreeMap<>();
    for (Map.Entry<String, Long> c : counters.entrySet()) {
      totals.merge(c.getKey().substring(0, 8) + "_#total", c.getValue(), Long::sum);
      String page = shown.getOrDefault(c.getKey(), "no cell");
      if (!page.equals(String.valueOf(c.getValue()))) {
        return c.getKey() + ": HBase " + c.getValue() + ", page " + page;
      }
    }
    for (Map.Entry<String, Long> t : totals.entrySet()) {
      String page = shown.getOrDefault(t.getKey(), "no cell");
      if (!page.equals(String.valueOf(t.getValue()))) {
        return t.getKey() + ": HBase " + t.getValue() + ", page " + page;
      }
    }
    return "";
  }
}
