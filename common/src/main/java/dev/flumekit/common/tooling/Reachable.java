package dev.flumekit.common.tooling;

import java.time.Duration;
import java.util.List;

/**
 * A configured component that can say, without starting, whether what its configuration names
 * answers: brokers, topics, tables, directories. {@code bin/flumekit-agent check --connect} asks
 * every component of an agent. Loaded from the agent's class path by every plugin's class loader,
 * so that the check and the plugin see one interface; nothing else may live in this package, since
 * whatever it referred to would be the agent's class, not the plugin's.
 */
public interface Reachable {
  /**
   * What does not answer or is missing, a line each ("topic 'x' does not exist on b1:9092"); empty
   * when everything does.
   *
   * @param timeout how long to wait for each system
   */
  List<String> unreachable(Duration timeout);

  /**
   * What the component could not write where its configuration says (directories), a line each;
   * asked without the network, so by every {@code check}, and before {@link #unreachable}.
   */
  default List<String> unwritable() {
    return List.of();
  }
}
