package dev.flumekit.kafka.sink;

import dev.flumekit.common.template.HeaderTemplate;
import java.util.Map;
import java.util.Set;

/**
 * Picks an event's topic: its topic header when overrides are allowed, else the rendered topic
 * template; a topic that is unresolved, illegal or not allowed becomes the fallback topic, or a
 * refusal when there is none.
 */
final class TopicRouter {
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
        config.allowTopicOverride(),
        config.topicHeader(),
        config.topicAllowList(),
        config.fallbackTopic());
  }

  Route route(Map<String, String> headers) {
    String topic = allowOverride ? headers.get(topicHeader) : null;
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

  private Route fallbackOr(String check, String reason, String attempted) {
    if (fallback != null) {
      return new Route(fallback, null, null, attempted);
    }
    return new Route(null, check, reason, attempted);
  }
}
