package dev.flumekit.monitoring.server;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.web.WebConfig;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.MonitorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring service behind {@code dev.flumekit.monitoring.PrometheusServer}, run in the
 * plugin's class loader: reads the agent's components from JMX on every scrape, serves them with
 * the JVM's own metrics on {@code /metrics} and the agent's health on {@code /health}.
 */
public final class PrometheusMonitorService implements MonitorService {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusMonitorService.class);

  /**
   * The web config this agent last started its monitoring with. Flume starts its monitoring service
   * again at every configuration reload, and this plugin's class loader, with this field, lives as
   * long as the agent: a web config file broken since is then reported, and the monitoring keeps
   * the TLS and authentication it has, instead of stopping an agent that runs well.
   */
  private static final AtomicReference<WebConfig> STARTED_WITH = new AtomicReference<>();

  /**
   * The JVM's metrics, registered once per JVM: they add listeners to the JVM's garbage collectors
   * that are never taken away, and Flume starts this service again at every reload.
   */
  private static PrometheusRegistry jvm;

  private static synchronized PrometheusRegistry jvmMetrics(String agent) {
    if (jvm == null) {
      jvm = new PrometheusRegistry();
      JvmMetrics.builder().constLabels(Labels.of("agent", agent)).register(jvm);
    }
    return jvm;
  }

  private MonitoringConfig config;
  private MonitoringHttpServer http;
  private ScheduledExecutorService ticker;

  @Override
  public void configure(Context context) {
    Map<String, String> raw = new HashMap<>(context.getParameters());
    // the monitoring type itself is Flume's key, not ours
    raw.remove("type");
    config = MonitoringConfig.parse(raw);
  }

  @Override
  public void start() {
    if (config == null) {
      configure(new Context());
    }
    WebConfig web = webConfig();
    if (web == null) {
      return;
    }
    String command = System.getProperty("sun.java.command");
    AgentLayout layout = AgentLayout.fromCommandLine(command, config.get(MonitoringConfig.AGENT));
    FlumeBeans beans = new FlumeBeans(ManagementFactory.getPlatformMBeanServer());
    long timeoutMillis = config.get(MonitoringConfig.DELIVERY_TIMEOUT_SECONDS) * 1000L;
    AgentWatch watch =
        new AgentWatch(
            LiveLayout.ofCommandLine(command, config.get(MonitoringConfig.AGENT)), timeoutMillis);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new FlumeMetricsCollector(watch, beans::read, System::currentTimeMillis));
    // labelled by agent like the rest, so that dashboards can select by agent
    PrometheusRegistry jvmRegistry = jvmMetrics(layout.agent());
    registry.register((MultiCollector) jvmRegistry::scrape);
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-prometheus-deliveries");
              t.setDaemon(true);
              return t;
            });
    // deliveries and source batches are timed between scrapes too, so /health and the
    // last-delivery time stay right
    ticker.scheduleWithFixedDelay(
        () -> watch.observe(beans.progress(), System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
    InetSocketAddress address =
        new InetSocketAddress(config.get(MonitoringConfig.BIND), config.get(MonitoringConfig.PORT));
    try {
      http =
          new MonitoringHttpServer(
              address, web, registry, () -> watch.health(beans.read(), System.currentTimeMillis()));
    } catch (IOException e) {
      // as Flume's own HTTP monitoring: the agent runs on without it, and says so
      ticker.shutdownNow();
      LOG.error(
          "Prometheus monitoring cannot listen on {}: {}; the agent runs without /metrics and"
              + " /health (set -Dflume.monitoring.port to a free port)",
          address,
          e.toString());
      return;
    }
    LOG.info(
        "Prometheus monitoring of agent {} ({} configured components) on {}://{}:{}/metrics,"
            + " health on /health; {}",
        layout.agent(),
        layout.components().size(),
        http.scheme(),
        config.get(MonitoringConfig.BIND),
        http.port(),
        web.describe());
  }

  /**
   * The web config file, read before anything listens. At the agent's start a file with a problem
   * stops the agent: a monitoring service that carried on would serve without the TLS or
   * authentication the operator asked for, or not at all, and only its log would say so. Flume
   * calls {@link #start} while it holds its lifecycle lock, so the exit runs on a thread of its own
   * once that returns; nothing is thrown, so that the problems are printed once, not again in
   * Flume's stack trace. At a reload (the service started before in this JVM) the problems are
   * logged and the monitoring keeps the web config it runs with: an edit of the agent's
   * configuration must not stop the agent because of another file.
   *
   * @return null if the file has a problem and the agent is stopping
   */
  private WebConfig webConfig() {
    String what = "-Dflume.monitoring." + MonitoringConfig.WEB_CONFIG_FILE.name();
    try {
      WebConfig web = WebConfig.loadIfSet(what, config.get(MonitoringConfig.WEB_CONFIG_FILE));
      STARTED_WITH.set(web);
      return web;
    } catch (ConfigException e) {
      WebConfig running = STARTED_WITH.get();
      if (running != null) {
        LOG.error(
            "{}\nPrometheus monitoring restarted (configuration reload) with the web config it"
                + " started with ({}); fix the file: it is read again at the next reload or start",
            e.getMessage(),
            running.describe());
        return running;
      }
      String message =
          e.getMessage() + "\nPrometheus monitoring not started; the agent stops (exit status 1).";
      LOG.error(message);
      System.err.println(message);
      Thread exit = new Thread(() -> System.exit(1), "flumekit-monitoring-refused");
      exit.setDaemon(false);
      exit.start();
      return null;
    }
  }

  @Override
  public void stop() {
    if (http != null) {
      http.close();
      http = null;
    }
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }
}
