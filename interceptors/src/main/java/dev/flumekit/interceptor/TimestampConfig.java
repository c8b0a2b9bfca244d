package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.ValueType;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/** The timestamp interceptor's configuration: every key declared once, parsed once, immutable. */
public final class TimestampConfig extends ComponentConfig {
  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("timestamp");

  public static final ConfigKey<String> SOURCE_HEADER =
      ConfigKey.builder("sourceHeader", ValueType.NON_EMPTY_STRING)
          .required()
          .doc("Header holding the event's time as text.")
          .build();

  public static final ConfigKey<String> FORMAT =
      ConfigKey.builder("format", ValueType.NON_EMPTY_STRING)
          .defaultValue("iso8601")
          .doc(
              "Formats of the time, tried in order, separated by ||: epoch_ms, epoch_s (fractions"
                  + " allowed), iso8601, a strftime pattern (%d/%b/%Y:%H:%M:%S %z) or a java.time"
                  + " pattern (yyyy-MM-dd HH:mm:ss.SSS).")
          .build();

  public static final ConfigKey<ZoneId> TIMEZONE = InterceptorKeys.timezone();

  public static final ConfigKey<Locale> LOCALE = InterceptorKeys.locale();

  public static final ConfigKey<String> TIMESTAMP_HEADER = InterceptorKeys.timestampHeader();

  public static final ConfigKey<Boolean> PRESERVE_EXISTING =
      InterceptorKeys.preserveExisting("timestampHeader");

  public static final ConfigKey<Boolean> REMOVE_SOURCE =
      ConfigKey.builder("removeSource", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc("Remove sourceHeader once its time is read.")
          .build();

  public static final ConfigKey<TimeFallback> ON_ERROR =
      ConfigKey.builder("onError", TimeFallback.TYPE)
          .defaultValue(TimeFallback.INGEST)
          .defaultDoc("ingest")
          .doc(
              "An event whose sourceHeader is absent or in none of the formats: ingest uses the"
                  + " current time and sets errorHeader, tag only sets errorHeader, drop removes"
                  + " the event, pass keeps it untouched. Every one is counted as failed.")
          .build();

  public static final ConfigKey<String> ERROR_HEADER =
      ConfigKey.builder("errorHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("timestamp_error")
          .doc("Header that carries why the time could not be read.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(SOURCE_HEADER)
          .key(FORMAT)
          .key(TIMEZONE)
          .key(LOCALE)
          .key(TIMESTAMP_HEADER)
          .key(PRESERVE_EXISTING)
          .key(REMOVE_SOURCE)
          .key(ON_ERROR)
          .key(ERROR_HEADER)
          .build();

  private final TimeParser parser;

  private TimestampConfig(ParsedConfig c, TimeParser parser) {
    super("timestamp interceptor", c);
    this.parser = parser;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static TimestampConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    TimeParser parser = compileTime(c, FORMAT, TIMEZONE, LOCALE, problems);
    problems.throwIfAny("timestamp interceptor");
    return new TimestampConfig(c, parser);
  }

  /** The parser for a format key, or null with a problem naming the key if a pattern is bad. */
  static TimeParser compileTime(
      ParsedConfig c,
      ConfigKey<String> format,
      ConfigKey<ZoneId> zone,
      ConfigKey<Locale> locale,
      ConfigProblems problems) {
    String spec = c.get(format);
    if (spec == null || c.get(zone) == null || c.get(locale) == null) {
      return null;
    }
    try {
      return TimeParser.compile(spec, c.get(zone), c.get(locale));
    } catch (IllegalArgumentException e) {
      problems.invalid(
          format.name(),
          spec,
          "epoch_ms, epoch_s, iso8601 or a valid strftime/java.time pattern ("
              + e.getMessage()
              + ")");
      return null;
    }
  }

  String name() {
    return get(NAME);
  }

  String sourceHeader() {
    return get(SOURCE_HEADER);
  }

  TimeParser parser() {
    return parser;
  }

  String timestampHeader() {
    return get(TIMESTAMP_HEADER);
  }

  boolean preserveExisting() {
    return get(PRESERVE_EXISTING);
  }

  boolean removeSource() {
    return get(REMOVE_SOURCE);
  }

  TimeFallback onError() {
    return get(ON_ERROR);
  }

  String errorHeader() {
    return get(ERROR_HEADER);
  }
}
