package dev.flumekit.kafka.sink;

/** Kafka's rule for topic names, checked before a record is sent. */
final class TopicNames {
  static final String EXPECTED = "a topic name of 1 to 249 characters from [a-zA-Z0-9._-]";

  private TopicNames() {}

  static boolean isLegal(String name) {
    if (name.isEmpty() || name.length() > 249 || name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean legal =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!legal) {
        return false;
      }
    }
    return true;
  }
}
