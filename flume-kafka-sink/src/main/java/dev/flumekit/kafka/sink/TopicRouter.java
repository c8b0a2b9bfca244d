package dev.flumekit.kafka.sink;

import dev.flumekit.common.template.HeaderTemplate;
import java.util.Map;
import java.util.Set;

/**
 * Picks an event's topic: its topic header when overrides are allowed (unless a Kafka source or
 * channel set it, naming where the event was read), else the rendered topic template; a topic that
 * is unresolved, illegal or not allowed becomes the fallback topic, or a refusal when there is
 * none.
 */
final class TopicRouter {
  /**
   * The headers a Kafka source or channel sets beside the topic header on each event it reads: the
   * topic header of such an event names where it came from.
   */
  private static final String READ_PARTITION_HEADER = "partition";

  private static final String READ_OFFSET_HEADER = "offset";

  /**
   * Where an event goes.
   *
   * @param topic the topic, or null if the event is refused
   * @param check the check that refused the event, or null
   * @param reason why the event was refused, or null
   * @param attempted the topic the event was routed to before any fallback
   */
  record Route(String topic, String check, String reason, String attempted) {}

  private final HeaderTemplate template;
  private final boolean allowOverride;
  private final String topicHeader;
  private final Set<String> allowList;
  private final String fallback;

  TopicRouter(
      HeaderTemplate template,
      boolean allowOverride,
      String topicHeader,
      Set<String> allowList,
      String fallback) {
    this.template = template;
    this.allowOverride = allowOverride;
    this.topicHeader = topicHeader;
    this.allowList = allowList;
    this.fallback = fallback;
  }

  static TopicRouter from(KafkaSinkConfig config) {
    return new TopicRouter(
        config.topic(),
        config.get(KafkaSinkConfig.ALLOW_TOPIC_OVERRIDE),
        config.get(KafkaSinkConfig.TOPIC_HEADER),
        config.topicAllowList(),
        config.get(KafkaSinkConfig.FALLBACK_TOPIC));
  }

  Route route(Map<String, String> headers) {
    String topic = allowOverride && !readFromKafka(headers) ? headers.get(topicHeader) : null;
    boolean routed = topic != null || !template.isConstant();
    if (topic == null) {
      topic = template.render(headers);
    }
    if (topic == null) {
      return fallbackOr(
          "TopicUnresolved", "no header for " + template + " in the event", template.toString());
    }
    if (!TopicNames.isLegal(topic)) {
      return fallbackOr("TopicIllegal", "'" + topic + "' is not a legal topic name", topic);
    }
    if (routed && allowList != null && !allowList.contains(topic)) {
      return fallbackOr("TopicNotAllowed", "'" + topic + "' is not in topicAllowList", topic);
    }
    return new Route(topic, null, null, topic);
  }

  /**
   * Whether the event was read from Kafka by a Kafka source or channel, which set the topic header
   * to the topic it was read from: routed by it, the event would go back where it came from, and a
   * source or channel reading that topic would take it again, for ever (one agent wrote 42 million
   * records in two minutes that way). Such an event goes to kafka.topic; a template such as {@code
   * %{topic}} still routes by the header, for mirroring to another cluster.
   */
  static boolean readFromKafka(Map<String, String> headers) {
    return headers.containsKey(READ_OFFSET_HEADER) && headers.containsKey(READ_PARTITION_HEADER);
  }

  private Route fallbackOr(String check, String reason, String attempted) {
    if (fallback != null) {
      return new Route(fallback, null, null, attempted);
    }
    return new Route(null, check, reason, attempted);
  }
}
