package dev.flumekit.interceptor;

import static dev.flumekit.interceptor.Interceptors.build;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

/**
 * Randomized inputs: mutated access-log lines and JSON documents, random bytes and random header
 * values. The parsers themselves are called, not only the interceptors (whose base class would
 * catch a throw), so that any exception fails the test with the input that caused it.
 */
class HostileInputTest {
  private static final long SEED = Long.getLong("hostile.seed", 20261121L);
  private static final int ROUNDS = 200_000;

  private static final String JSON =
      "{\"user\":{\"id\":42,\"name\":\"a\\\"b\\u00e9\"},\"items\":[{\"sku\":\"x\"},1,true,null],"
          + "\"ts\":\"2026-11-21T10:00:00Z\"}";

  @Test
  void noInputMakesAParserThrow() {
    Random random = new Random(SEED);
    AccessLogParser combined =
        new AccessLogParser(
            AccessLogFormat.compile("combined"),
            null,
            "",
            "timestamp",
            List.of(PathTemplate.compile("/class/{course}.html")),
            65536);
    AccessLogParser custom =
        new AccessLogParser(
            AccessLogFormat.compile(
                "$remote_addr [$time_iso8601] \"$request\" $status $request_time \"$http_user_agent\""),
            null,
            "",
            "timestamp",
            List.of(),
            65536);
    JsonFieldExtractor json =
        new JsonFieldExtractor(
            Map.of("id", "user.id", "name", "user.name", "sku", "items.0.sku", "ts", "ts"));
    TimeParser time =
        TimeParser.compile(
            "epoch_ms || epoch_s || iso8601 || %d/%b/%Y:%H:%M:%S %z",
            ZoneOffset.UTC, Locale.ENGLISH);
    byte[] line = AccessLogInterceptorTest.COMBINED.getBytes(StandardCharsets.UTF_8);
    byte[] document = JSON.getBytes(StandardCharsets.UTF_8);
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] input =
          switch (round % 4) {
            case 0 -> mutate(line, random);
            case 1 -> mutate(document, random);
            case 2 -> randomBytes(random);
            default -> truncate(random.nextBoolean() ? line : document, random);
          };
      try {
        if (combined.parse(input, new HashMap<>()) == null) {
          parsed++;
        }
        custom.parse(input, new HashMap<>());
        json.extract(input, new HashMap<>());
        time.parse(new String(input, StandardCharsets.UTF_8));
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "seed "
                + SEED
                + ", round "
                + round
                + ": "
                + new String(input, StandardCharsets.ISO_8859_1),
            e);
      }
    }
    System.out.println("hostile inputs that still parsed as combined: " + parsed + " of " + ROUNDS);
  }

  @Test
  void interceptorsNeverFailOnRandomHeadersAndBodies() {
    Random random = new Random(SEED + 1);
    List<Interceptor> chain =
        List.of(
            build(new AccessLogInterceptor.Builder(), "pathTemplates", "/class/{course}.html"),
            build(new JsonInterceptor.Builder(), "field.a", "a.b", "timeField", "t"),
            build(new TimestampInterceptor.Builder(), "sourceHeader", "time"),
            build(
                new HeaderInterceptor.Builder(),
                "set.x",
                "%{path}-%{status}",
                "rename.client",
                "ip"),
            build(new KeyInterceptor.Builder(), "hashOf", "ip,user"),
            build(
                new RoutingInterceptor.Builder(),
                "rule.1.header",
                "status",
                "rule.1.regex",
                "^5\\d\\d$",
                "rule.1.value",
                "errors",
                "default",
                "%{method}"),
            build(
                new FilterInterceptor.Builder(),
                "rule.1.action",
                "exclude",
                "rule.1.bodyPrefix",
                "#",
                "sampleRate",
                "2",
                "dedupWindowMs",
                "1000"));
    byte[] line = AccessLogInterceptorTest.COMBINED.getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 20_000; round++) {
      Map<String, String> headers = new HashMap<>();
      headers.put("time", new String(randomBytes(random), StandardCharsets.UTF_8));
      Event event =
          EventBuilder.withBody(
              round % 2 == 0 ? mutate(line, random) : randomBytes(random), headers);
      List<Event> events = new ArrayList<>(List.of(event));
      for (Interceptor interceptor : chain) {
        events = interceptor.intercept(events);
      }
    }
    for (Interceptor interceptor : chain) {
      InterceptorCounter counter = Interceptors.counter(interceptor);
      assertEquals(
          counter.getEventsSeen(),
          counter.getEventsPassed() + counter.getEventsDropped(),
          counter.name());
      interceptor.close();
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] copy = original.clone();
    int changes = 1 + random.nextInt(4);
    for (int i = 0; i < changes; i++) {
      int at = random.nextInt(copy.length);
      copy[at] =
          switch (random.nextInt(4)) {
            case 0 -> (byte) random.nextInt(256);
            case 1 -> (byte) '"';
            case 2 -> (byte) '\\';
            default -> (byte) " []{}:,/-\"".charAt(random.nextInt(10));
          };
    }
    return copy;
  }

  private static byte[] truncate(byte[] original, Random random) {
    return Arrays.copyOf(original, random.nextInt(original.length + 1));
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(64)];
    random.nextBytes(bytes);
    return bytes;
  }
}
