package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The access-log interceptor's configuration: every key declared once, parsed once, immutable. */
public final class AccessLogConfig extends ComponentConfig {
  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("accesslog");

  public static final ConfigKey<AccessLogFormat> FORMAT =
      ConfigKey.builder(
              "format",
              ValueType.of(
                  "combined, common, or an nginx log_format of $variables separated by text",
                  AccessLogFormat::compile))
          .defaultValue(AccessLogFormat.compile("combined"))
          .defaultDoc("combined")
          .doc(
              "Layout of the lines. combined and common are what nginx and Apache httpd write by"
                  + " default; otherwise the log_format string from nginx.conf, e.g. $remote_addr"
                  + " - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                  + " \"$http_referer\" \"$http_user_agent\" $request_time. Headers: client, user,"
                  + " method, path, query, protocol, status, bytes, referer, agent (request when"
                  + " the request line does not split), other variables by their own name; the"
                  + " time ($time_local or $time_iso8601) becomes timestampHeader.")
          .build();

  public static final ConfigKey<List<String>> FIELDS =
      ConfigKey.builder("fields", ValueType.LIST)
          .defaultDoc("(all)")
          .doc("Headers to produce, from those the format yields; fewer is faster.")
          .build();

  public static final ConfigKey<String> HEADER_PREFIX =
      ConfigKey.builder("headerPrefix", ValueType.STRING)
          .defaultValue("")
          .defaultDoc("(none)")
          .doc("Prepended to every header name the format yields, e.g. http_.")
          .build();

  public static final ConfigKey<String> TIMESTAMP_HEADER =
      ConfigKey.builder("timestampHeader", ValueType.STRING)
          .defaultValue("timestamp")
          .doc(
              "Header that receives the line's own time in epoch milliseconds, honouring its"
                  + " zone offset, so that bucketing downstream uses event time. Empty: none.")
          .build();

  public static final ConfigKey<List<PathTemplate>> PATH_TEMPLATES =
      ConfigKey.builder(
              "pathTemplates",
              InterceptorKeys.listOf(
                  "a comma-separated list of paths with {captures}, e.g. /class/{course}.html",
                  PathTemplate::compile))
          .defaultValue(List.of())
          .defaultDoc("(none)")
          .doc(
              "Paths from which to extract values: the first template that matches the whole"
                  + " path puts each {name} capture (text up to the next literal, without /)"
                  + " into header name.")
          .build();

  public static final ConfigKey<ErrorPolicy> ON_ERROR =
      ConfigKey.builder("onError", ErrorPolicy.TYPE)
          .defaultValue(ErrorPolicy.TAG)
          .defaultDoc("tag")
          .doc(
              "A line that does not parse: tag keeps it with errorHeader set to the reason, drop"
                  + " removes it, pass keeps it untouched. Every one is counted as failed.")
          .build();

  public static final ConfigKey<String> ERROR_HEADER =
      ConfigKey.builder("errorHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("parse_error")
          .doc("Header that carries the reason a line did not parse, with onError=tag.")
          .build();

  public static final ConfigKey<Integer> MAX_LINE_LENGTH =
      ConfigKey.builder("maxLineLength", ValueType.INT)
          .defaultValue(65536)
          .validator(Validator.atLeast(1))
          .doc("Longer lines (in bytes) are not parsed and follow onError.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(FORMAT)
          .key(FIELDS)
          .key(HEADER_PREFIX)
          .key(TIMESTAMP_HEADER)
          .key(PATH_TEMPLATES)
          .key(ON_ERROR)
          .key(ERROR_HEADER)
          .key(MAX_LINE_LENGTH)
          .build();

  private final AccessLogParser parser;

  private AccessLogConfig(ParsedConfig c, Set<String> fields) {
    super("access-log interceptor", c);
    String timestamp = c.get(TIMESTAMP_HEADER);
    this.parser =
        new AccessLogParser(
            c.get(FORMAT),
            fields,
            c.get(HEADER_PREFIX),
            timestamp.isEmpty() ? null : timestamp,
            c.get(PATH_TEMPLATES),
            c.get(MAX_LINE_LENGTH));
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static AccessLogConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    Set<String> fields = null;
    AccessLogFormat format = c.get(FORMAT);
    List<String> wanted = c.get(FIELDS);
    if (wanted != null && format != null) {
      List<String> known = format.headerNames();
      fields = new LinkedHashSet<>(wanted);
      for (String field : wanted) {
        if (!known.contains(field)) {
          problems.invalid(
              FIELDS.name(),
              String.join(",", wanted),
              "headers of the format (" + String.join(", ", known) + "); " + field + " is not");
        }
      }
    }
    problems.throwIfAny("access-log interceptor");
    return new AccessLogConfig(c, fields);
  }

  String name() {
    return get(NAME);
  }

  AccessLogParser parser() {
    return parser;
  }

  ErrorPolicy onError() {
    return get(ON_ERROR);
  }

  String errorHeader() {
    return get(ERROR_HEADER);
  }
}
