package dev.flumekit.tools.top;

import java.util.List;

/**
 * What the live view knows of one agent: its rows and health, or why it could not be read.
 *
 * @param url where its monitoring answers
 * @param agent its name (the {@code agent} label), null when unknown
 * @param rows its components, empty when unreachable
 * @param health {@code ok}, {@code failing}, or null when {@code /health} did not answer
 * @param problems what {@code /health} reports
 * @param unreachable why {@code /metrics} could not be read, null when it was
 */
record AgentView(
    String url,
    String agent,
    List<ComponentRow> rows,
    String health,
    List<String> problems,
    String unreachable) {

  static AgentView unreachable(String url, String why) {
    return new AgentView(url, null, List.of(), null, List.of(), why);
  }
}
