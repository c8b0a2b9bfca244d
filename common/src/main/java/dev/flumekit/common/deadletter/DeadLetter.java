package dev.flumekit.common.deadletter;

import java.util.Map;
import org.apache.flume.Event;

/**
 * An event a sink could not deliver and will not retry, with why: the reason, the exception class
 * (or the check that refused it) and where it was headed.
 *
 * @param body the event body as taken from the channel
 * @param headers the event headers as taken from the channel
 * @param reason a human-readable reason
 * @param errorClass the exception class name, or a flumekit check name such as {@code
 *     TopicNotAllowed}
 * @param destination the topic, table or other target the event was headed for
 */
public record DeadLetter(
    byte[] body,
    Map<String, String> headers,
    String reason,
    String errorClass,
    String destination) {

  /** The dead letter of {@code event}, as it was taken from the channel. */
  public static DeadLetter of(Event event, String reason, String errorClass, String destination) {
    return new DeadLetter(event.getBody(), event.getHeaders(), reason, errorClass, destination);
  }
}
