package dev.flumekit.kafka.sink;

import java.util.Set;

/**
 * Which event headers are copied to record headers under their own names.
 *
 * @param all every header
 * @param names the headers to copy when not all, in the order the configuration names them (the
 *     order their record headers are written in)
 */
public record HeaderSelection(boolean all, Set<String> names) {
  static final String EXPECTED = "none, all, or a comma-separated list of header names";

  static HeaderSelection parse(String spec) {
    if (spec.equals("none")) {
      return new HeaderSelection(false, Set.of());
    }
    if (spec.equals("all")) {
      return new HeaderSelection(true, Set.of());
    }
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (String name : spec.split(",", -1)) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException(spec);
      }
      names.add(trimmed);
    }
    return new HeaderSelection(false, java.util.Collections.unmodifiableSet(names));
  }

  boolean includes(String header) {
    return all || names.contains(header);
  }
}
