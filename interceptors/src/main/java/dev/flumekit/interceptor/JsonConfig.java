package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.ValueType;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON interceptor's configuration: every key declared once, parsed once, immutable. */
public final class JsonConfig extends ComponentConfig {
  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("json");

  public static final ConfigPrefix FIELD =
      new ConfigPrefix(
          "field.",
          "field.<header> = <dot path>: the value at that path of the JSON body (e.g. user.id,"
              + " items.0.sku) becomes header <header>. Strings are unescaped; numbers, booleans,"
              + " objects and arrays keep their JSON text; null and missing paths set nothing.");

  public static final ConfigKey<String> TIME_FIELD =
      ConfigKey.builder("timeField", ValueType.NON_EMPTY_STRING)
          .doc("Dot path of the event's time; read with timeFormat into timestampHeader.")
          .build();

  public static final ConfigKey<String> TIME_FORMAT =
      ConfigKey.builder("timeFormat", ValueType.NON_EMPTY_STRING)
          .defaultValue("iso8601")
          .doc(
              "Formats of timeField, tried in order, separated by ||: epoch_ms, epoch_s, iso8601,"
                  + " a strftime or a java.time pattern.")
          .build();

  public static final ConfigKey<ZoneId> TIMEZONE = InterceptorKeys.timezone();

  public static final ConfigKey<Locale> LOCALE = InterceptorKeys.locale();

  public static final ConfigKey<String> TIMESTAMP_HEADER = InterceptorKeys.timestampHeader();

  public static final ConfigKey<ErrorPolicy> ON_ERROR =
      ConfigKey.builder("onError", ErrorPolicy.TYPE)
          .defaultValue(ErrorPolicy.TAG)
          .defaultDoc("tag")
          .doc(
              "A body that is not JSON, or a timeField that is missing or unreadable: tag keeps"
                  + " the event with errorHeader set to the reason (and no extracted headers), drop"
                  + " removes it, pass keeps it untouched. Every one is counted as failed.")
          .build();

  public static final ConfigKey<String> ERROR_HEADER =
      ConfigKey.builder("errorHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("parse_error")
          .doc("Header that carries the reason, with onError=tag.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(TIME_FIELD)
          .key(TIME_FORMAT)
          .key(TIMEZONE)
          .key(LOCALE)
          .key(TIMESTAMP_HEADER)
          .key(ON_ERROR)
          .key(ERROR_HEADER)
          .prefix(FIELD)
          .build();

  /** The header under which the extractor reports the time field's text. */
  static final String TIME_SLOT = "\u0000time";

  private final JsonFieldExtractor extractor;
  private final TimeParser timeParser;

  private JsonConfig(ParsedConfig c, JsonFieldExtractor extractor, TimeParser timeParser) {
    super("JSON interceptor", c);
    this.extractor = extractor;
    this.timeParser = timeParser;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static JsonConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    Map<String, String> paths = new LinkedHashMap<>(c.prefixed(FIELD));
    if (paths.isEmpty() && c.get(TIME_FIELD) == null) {
      problems.add("field.<header>: at least one, or timeField, expected; none is set");
    }
    for (Map.Entry<String, String> e : paths.entrySet()) {
      if (e.getValue().isEmpty()
          || e.getValue().contains("..")
          || e.getValue().startsWith(".")
          || e.getValue().endsWith(".")) {
        problems.invalid(FIELD.prefix() + e.getKey(), e.getValue(), "a dot path such as user.id");
      }
    }
    TimeParser timeParser = null;
    if (c.get(TIME_FIELD) != null) {
      paths.put(TIME_SLOT, c.get(TIME_FIELD));
      timeParser = TimestampConfig.compileTime(c, TIME_FORMAT, TIMEZONE, LOCALE, problems);
    }
    problems.throwIfAny("JSON interceptor");
    return new JsonConfig(c, new JsonFieldExtractor(paths), timeParser);
  }

  String name() {
    return get(NAME);
  }

  JsonFieldExtractor extractor() {
    return extractor;
  }

  /** Null when no timeField is configured. */
  TimeParser timeParser() {
    return timeParser;
  }

  String timestampHeader() {
    return get(TIMESTAMP_HEADER);
  }

  ErrorPolicy onError() {
    return get(ON_ERROR);
  }

  String errorHeader() {
    return get(ERROR_HEADER);
  }
}
