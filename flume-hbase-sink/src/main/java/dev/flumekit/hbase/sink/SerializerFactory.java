package dev.flumekit.hbase.sink;

import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.hbase.HBaseEventSerializer;
import java.lang.reflect.InvocationTargetException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the serializers an HBase sink's {@code serializer} key names: the built-in {@code events}
 * and {@code counters} from their keys, any other name as a class (by reflection) given the {@code
 * serializer.*} properties. A template or class that cannot be built is a problem of the key that
 * names it.
 */
final class SerializerFactory {
  private SerializerFactory() {}

  /** The serializers named, in order; those that cannot be built are reported and left out. */
  static List<HBaseEventSerializer> build(ParsedConfig c, ConfigProblems problems) {
    List<HBaseEventSerializer> built = new ArrayList<>();
    List<String> names = c.get(HBaseSinkConfig.SERIALIZER);
    if (names == null || c.get(HBaseSinkConfig.TIMEZONE) == null) {
      return built;
    }
    for (String name : names) {
      HBaseEventSerializer serializer = serializer(name, c, problems);
      if (serializer != null) {
        built.add(serializer);
      }
    }
    return built;
  }

  private static HBaseEventSerializer serializer(
      String name, ParsedConfig c, ConfigProblems problems) {
    ZoneId zone = c.get(HBaseSinkConfig.TIMEZONE);
    switch (name) {
      case "events":
        {
          String rowKey = c.get(HBaseSinkConfig.ROW_KEY);
          if (HBaseSinkConfig.AUTO_ROW_KEY.equals(rowKey)
              && HBaseSinkConfig.exactlyOnce(c)
              && c.get(HBaseSinkConfig.LINE_ID_HEADER) != null) {
            rowKey = "%{" + c.get(HBaseSinkConfig.LINE_ID_HEADER) + "}";
          }
          KeyTemplate template =
              rowKey == null || rowKey.equals(HBaseSinkConfig.AUTO_ROW_KEY)
                  ? null
                  : template(HBaseSinkConfig.ROW_KEY, rowKey, zone, problems);
          String headers = c.get(HBaseSinkConfig.HEADER_COLUMNS);
          List<String> headerColumns =
              headers == null || headers.equals("all")
                  ? null
                  : headers.equals("none") ? List.of() : ValueType.LIST.parse(headers);
          String body = c.get(HBaseSinkConfig.BODY_COLUMN);
          return new EventsSerializer(
              template,
              body == null || body.isEmpty() ? null : body,
              headerColumns,
              Boolean.TRUE.equals(c.get(HBaseSinkConfig.EVENT_TIME_CELLS)));
        }
      case "counters":
        {
          if (c.get(HBaseSinkConfig.COUNTER_ROW) == null
              || c.get(HBaseSinkConfig.COUNTER_COLUMN) == null) {
            return null;
          }
          KeyTemplate row =
              template(
                  HBaseSinkConfig.COUNTER_ROW, c.get(HBaseSinkConfig.COUNTER_ROW), zone, problems);
          KeyTemplate column =
              template(
                  HBaseSinkConfig.COUNTER_COLUMN,
                  c.get(HBaseSinkConfig.COUNTER_COLUMN),
                  zone,
                  problems);
          return row == null || column == null
              ? null
              : new CountersSerializer(row, column, c.get(HBaseSinkConfig.COUNTER_AMOUNT_HEADER));
        }
      default:
        return custom(name, c.prefixed(HBaseSinkConfig.SERIALIZER_PROPERTIES), problems);
    }
  }

  private static KeyTemplate template(
      ConfigKey<String> key, String text, ZoneId zone, ConfigProblems problems) {
    try {
      return KeyTemplate.compile(text, zone);
    } catch (IllegalArgumentException e) {
      problems.invalid(key.name(), text, "a template (" + e.getMessage() + ")");
      return null;
    }
  }

  private static HBaseEventSerializer custom(
      String className, Map<String, String> properties, ConfigProblems problems) {
    String expected =
        "events, counters, or a class implementing "
            + HBaseEventSerializer.class.getName()
            + " with a public constructor taking Map<String, String>";
    try {
      Class<?> type = Class.forName(className, true, SerializerFactory.class.getClassLoader());
      if (!HBaseEventSerializer.class.isAssignableFrom(type)) {
        problems.invalid(HBaseSinkConfig.SERIALIZER.name(), className, expected);
        return null;
      }
      return (HBaseEventSerializer) type.getConstructor(Map.class).newInstance(properties);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      problems.invalid(HBaseSinkConfig.SERIALIZER.name(), className, expected + " (" + cause + ")");
      return null;
    }
  }
}
