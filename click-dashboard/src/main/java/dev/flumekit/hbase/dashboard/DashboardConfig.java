package dev.flumekit.hbase.dashboard;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The click dashboard's settings, from its command line ({@code --key value}): every key declared
 * once, parsed once, immutable. Table, family, column, row and time zone are the HBase sink's own
 * keys, with the shipped loader's values as defaults.
 */
public final class DashboardConfig extends ComponentConfig {
  public static final ConfigKey<String> ZOOKEEPER =
      ConfigKey.builder("zookeeper", ValueType.NON_EMPTY_STRING)
          .required()
          .doc("ZooKeeper quorum of the HBase cluster, e.g. `zk1:2181,zk2:2181`.")
          .build();

  public static final ConfigKey<String> ZNODE_PARENT =
      ConfigKey.builder("znodeParent", ValueType.NON_EMPTY_STRING)
          .defaultValue("/hbase")
          .doc("HBase's root znode.")
          .build();

  public static final ConfigKey<String> TABLE =
      ConfigKey.builder("table", ValueType.NON_EMPTY_STRING)
          .defaultValue("access_logs")
          .doc("The loader's table.")
          .build();

  public static final ConfigKey<String> COUNTER_FAMILY =
      ConfigKey.builder("counterColumnFamily", ValueType.NON_EMPTY_STRING)
          .defaultValue("c")
          .doc("Column family of the counters.")
          .build();

  public static final ConfigKey<String> COUNTER_COLUMN =
      ConfigKey.builder("counterColumn", ValueType.NON_EMPTY_STRING)
          .defaultValue("clicks")
          .doc("Column of the counters (the HBase sink's `counterColumn`).")
          .build();

  public static final ConfigKey<CounterRowLayout> COUNTER_ROW =
      ConfigKey.builder("counterRow", CounterRowLayout.TYPE)
          .defaultValue(CounterRowLayout.parse("%{time:yyyyMMdd}_%{course}"))
          .defaultDoc("`%{time:yyyyMMdd}_%{course}`")
          .doc(
              "Row of the counters, the HBase sink's `counterRow`: literal text, the day"
                  + " (`%{time:PATTERN}`, no hours), literal text, the course (`%{HEADER}`),"
                  + " literal text. The day must come first: a day's counters are read by row"
                  + " prefix.")
          .build();

  public static final ConfigKey<ZoneId> TIMEZONE =
      ConfigKey.builder("timezone", ValueType.ZONE_ID)
          .defaultValue(ZoneOffset.UTC)
          .doc("Time zone of the days in the row keys (the HBase sink's `timezone`).")
          .build();

  public static final ConfigKey<Integer> DAYS =
      ConfigKey.builder("days", ValueType.INT)
          .defaultValue(7)
          .validator(Validator.between(1, 366))
          .doc("Days shown: today and the ones before it.")
          .build();

  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("port", ValueType.INT)
          .defaultValue(8088)
          .validator(Validator.between(0, 65535))
          .doc("TCP port of the page (0: any free port, printed at start).")
          .build();

  public static final ConfigKey<String> BIND =
      ConfigKey.builder("bind", ValueType.NON_EMPTY_STRING)
          .defaultValue("127.0.0.1")
          .doc("Address to listen on; `0.0.0.0` for every interface.")
          .build();

  public static final ConfigKey<String> WEB_CONFIG_FILE =
      ConfigKey.builder("webConfigFile", ValueType.NON_EMPTY_STRING)
          .defaultDoc("none: plain HTTP, no authentication")
          .doc(
              "A web config file in the Prometheus exporters' style: TLS and basic auth, as the"
                  + " monitoring's `webConfigFile`; the dashboard does not start with a problem in"
                  + " it.")
          .build();

  public static final ConfigKey<Integer> REFRESH_SECONDS =
      ConfigKey.builder("refreshSeconds", ValueType.INT)
          .defaultValue(5)
          .validator(Validator.between(1, 3600))
          .doc(
              "How often the page asks for the counters again; HBase is read at most once per"
                  + " interval, however many pages are open.")
          .build();

  public static final ConfigKey<Integer> MAX_COURSES =
      ConfigKey.builder("maxCourses", ValueType.INT)
          .defaultValue(40)
          .validator(Validator.between(1, 1000))
          .doc(
              "Courses drawn, most clicks today first; the rest are summed into one"
                  + " \"N other courses\" row.")
          .build();

  public static final ConfigKey<Integer> MAX_CELLS =
      ConfigKey.builder("maxCells", ValueType.INT)
          .defaultValue(200_000)
          .validator(Validator.between(1, 10_000_000))
          .doc(
              "Counters read per refresh at most, today's first; beyond it the page says the"
                  + " counts are capped (the days before are then incomplete).")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(ZOOKEEPER)
          .key(ZNODE_PARENT)
          .key(TABLE)
          .key(COUNTER_FAMILY)
          .key(COUNTER_COLUMN)
          .key(COUNTER_ROW)
          .key(TIMEZONE)
          .key(DAYS)
          .key(PORT)
          .key(BIND)
          .key(WEB_CONFIG_FILE)
          .key(REFRESH_SECONDS)
          .key(MAX_COURSES)
          .key(MAX_CELLS)
          .build();

  private DashboardConfig(ParsedConfig values) {
    super("Click dashboard", values);
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static DashboardConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig values = DEFINITION.parse(raw, problems);
    problems.throwIfAny("Click dashboard");
    return new DashboardConfig(values);
  }

  /** {@code --key value} pairs of a command line. */
  public static DashboardConfig fromArguments(List<String> args) {
    Map<String, String> raw = new LinkedHashMap<>();
    ConfigProblems problems = new ConfigProblems();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || i + 1 >= args.size()) {
        problems.add(arg + ": expected --<key> <value>");
        continue;
      }
      raw.put(arg.substring(2), args.get(++i));
    }
    problems.throwIfAny("Click dashboard");
    return parse(raw);
  }
}
