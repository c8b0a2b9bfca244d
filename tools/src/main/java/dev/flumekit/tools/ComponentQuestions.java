package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.files.Directories;
import dev.flumekit.common.log.Reasons;
import dev.flumekit.common.tooling.Reachable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flume.Context;
import org.apache.flume.conf.FlumeConfiguration;

/**
 * What {@code check} asks of every component Flume would start, each configured afresh for it and
 * never started: whether it can write the directories its configuration names (always; Flume's file
 * channel's too), and, with {@code --connect}, whether the systems it names answer (flumekit's
 * components, through {@link Reachable}: brokers, topics, tables), all asked at once within one
 * bound.
 */
final class ComponentQuestions {
  /** What a component's own bound leaves, so that its answer arrives before the total bound. */
  private static final Duration MARGIN = Duration.ofSeconds(2);

  private ComponentQuestions() {}

  /** One component as configured: how messages name it, its kind, type and context. */
  private record Component(
      String what, ComponentKind kind, String name, String type, Context context) {}

  /**
   * Problems writing the directories of the components Flume would start, a line each.
   *
   * @param config the agent as Flume validated it (contexts with configuration filters applied), or
   *     null when Flume dropped it
   * @param running the components Flume built, by kind
   */
  static List<String> unwritable(
      String agent,
      Map<String, String> properties,
      FlumeConfiguration.AgentConfiguration config,
      Map<ComponentKind, Set<String>> running) {
    List<String> problems = new ArrayList<>();
    for (Component c : components(agent, properties, config, running)) {
      if (c.kind() == ComponentKind.CHANNEL && FileChannelDirectories.TYPES.contains(c.type())) {
        FileChannelDirectories.of(c.context(), System.getProperty("user.home"))
            .forEach(
                (key, dirs) ->
                    dirs.forEach(
                        dir ->
                            Directories.unwritable(key, dir)
                                .ifPresent(p -> problems.add(c.what() + ": " + p))));
        continue;
      }
      try {
        reachable(c).ifPresent(r -> r.unwritable().forEach(p -> problems.add(c.what() + ": " + p)));
      } catch (RuntimeException e) {
        problems.add(c.what() + ": its directories cannot be asked: " + Reasons.chain(e));
      }
    }
    return problems;
  }

  /**
   * What does not answer, a line each: every component is asked at once, and one that has not
   * answered within {@code timeout} is named as such.
   */
  static List<String> unreachable(
      String agent,
      Map<String, String> properties,
      FlumeConfiguration.AgentConfiguration config,
      Map<ComponentKind, Set<String>> running,
      Duration timeout) {
    List<String> problems = new ArrayList<>();
    Duration each = timeout.compareTo(MARGIN.multipliedBy(2)) > 0 ? timeout.minus(MARGIN) : timeout;
    ExecutorService asking =
        Executors.newCachedThreadPool(
            task -> {
              Thread t = new Thread(task, "flumekit-check-connect");
              t.setDaemon(true);
              return t;
            });
    Map<String, Future<List<String>>> answers = new LinkedHashMap<>();
    try {
      for (Component c : components(agent, properties, config, running)) {
        if (c.kind() == ComponentKind.CHANNEL && FileChannelDirectories.TYPES.contains(c.type())) {
          continue;
        }
        answers.put(
            c.what(),
            asking.submit(
                () -> reachable(c).map(r -> r.unreachable(each)).orElse(List.<String>of())));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Map.Entry<String, Future<List<String>>> answer : answers.entrySet()) {
        String what = answer.getKey();
        try {
          long left = Math.max(0, deadline - System.nanoTime());
          for (String p : answer.getValue().get(left, TimeUnit.NANOSECONDS)) {
            problems.add(what + ": " + p);
          }
        } catch (TimeoutException e) {
          problems.add(
              what
                  + ": no answer within "
                  + timeout.toSeconds()
                  + " s from what it names (brokers, tables): check that they run and that this"
                  + " host reaches them");
        } catch (ExecutionException e) {
          problems.add(what + ": cannot be asked: " + Reasons.chain(e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problems.add(what + ": interrupted before it answered");
        }
      }
    } finally {
      asking.shutdownNow();
    }
    return problems;
  }

  private static List<Component> components(
      String agent,
      Map<String, String> properties,
      FlumeConfiguration.AgentConfiguration config,
      Map<ComponentKind, Set<String>> running) {
    List<Component> components = new ArrayList<>();
    if (config == null) {
      return components; // Flume drops the whole agent: said already
    }
    for (Map.Entry<ComponentKind, Set<String>> kind : running.entrySet()) {
      Map<String, Context> contexts = contexts(config, kind.getKey());
      for (String name : kind.getValue()) {
        Context context = contexts.get(name);
        String type = properties.get(AgentFile.prefix(agent, kind.getKey(), name) + "type");
        if (context != null && type != null) {
          String what = kind.getKey().named(name);
          components.add(new Component(what, kind.getKey(), name, type.trim(), context));
        }
      }
    }
    return components;
  }

  /** The contexts Flume validated for the components of {@code kind}, by name. */
  static Map<String, Context> contexts(
      FlumeConfiguration.AgentConfiguration config, ComponentKind kind) {
    return switch (kind) {
      case SOURCE -> config.getSourceContext();
      case CHANNEL -> config.getChannelContext();
      case SINK -> config.getSinkContext();
      default -> Map.of();
    };
  }

  private static java.util.Optional<Reachable> reachable(Component c) {
    return UnstartedComponent.of(c.kind(), c.name(), c.type(), c.context(), Reachable.class);
  }
}
