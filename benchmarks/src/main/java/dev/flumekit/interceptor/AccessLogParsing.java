package dev.flumekit.interceptor;

import java.util.Map;

/**
 * The access-log interceptor's parsing as a library, for the raw pipeline contender ({@code
 * dev.flumekit.bench.RawCollector}): the same configuration keys, the same parser, the same error
 * policy, without a Flume event or counter around them. In this package: the parser is
 * package-private.
 */
public final class AccessLogParsing {
  private final AccessLogConfig config;

  /**
   * @param properties the interceptor's keys as in an agent's file, without its prefix ({@code
   *     format}, {@code fields}, {@code pathTemplates}, {@code onError}, ...)
   */
  public AccessLogParsing(Map<String, String> properties) {
    this.config = AccessLogConfig.parse(properties);
  }

  /**
   * Adds the line's headers to {@code headers}, or, for a line that does not parse, what onError
   * says (with tag: the error header and its reason).
   *
   * @return false if the line is to be dropped
   */
  public boolean parse(byte[] line, Map<String, String> headers) {
    String problem = config.parser().parse(line, headers);
    return problem == null
        || config.onError().apply(headers, config.errorHeader(), problem) != Outcome.FAILED_DROPPED;
  }
}
