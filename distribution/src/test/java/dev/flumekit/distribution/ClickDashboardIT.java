package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The click dashboard ({@code bin/flumekit-agent dashboard}) in a real browser, Debian's headless
 * Chromium driven by Selenium, during a run of the shipped collector and loader: the numbers on the
 * page equal HBase's counters, and again after more clicks are counted, without reloading the page
 * (it reads the counters again by itself). A screenshot is written beside the test reports.
 */
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

      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      ProcessBuilder command =
          new ProcessBuilder(
                  flumeHome.resolve("bin/flumekit-agent").toString(),
                  "dashboard",
                  "--zookeeper",
                  hbase.zookeeperQuorum(),
                  "--table",
                  "access_logs_dash",
                  "--timezone",
                  "Asia/Shanghai",
                  "--port",
                  String.valueOf(port),
                  "--refreshSeconds",
                  "1")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("dashboard.out").toFile());
      command.environment().put("FLUME_HOME", flumeHome.toString());
      command.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process dashboard = command.start();
      WebDriver browser = null;
      try {
        awaitOutput(dashboard, "Click dashboard of table access_logs_dash on http://");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options =
            new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,900");
        browser =
            new ChromeDriver(
                new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build(),
                options);
        browser.get("http://127.0.0.1:" + port + "/");
        awaitPageEquals(browser, rig);

        // more clicks: the open page reads the counters again by itself
        String before = browser.findElement(By.id("status")).getAttribute("data-generated");
        rig.append(clickLog, 3_000, 6_000);
        long more = PipelineRig.sum(clickLog.clicksPerCourseAndDay(6_000));
        assertEquals(more, PipelineRig.sum(rig.counters(more, Duration.ofSeconds(120))));
        awaitPageEquals(browser, rig);
        String after = browser.findElement(By.id("status")).getAttribute("data-generated");
        assertTrue(Long.parseLong(after) > Long.parseLong(before), before + " → " + after);

        Path shot = Paths.get("target", "click-dashboard.png").toAbsolutePath();
        Files.copy(
            ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(),
            shot,
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("click dashboard screenshot: " + shot);
      } finally {
        if (browser != null) {
          browser.quit();
        }
        dashboard.destroy();
        dashboard.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitOutput(Process process, String text) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    Path out = dir.resolve("dashboard.out");
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
                    "return Array.from(document.querySelectorAll('td[data-day]')).map(td =>"
                        + " [td.dataset.day, td.dataset.course || '#total', td.textContent]);");
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
