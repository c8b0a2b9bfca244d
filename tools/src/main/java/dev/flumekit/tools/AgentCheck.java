package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flume.channel.DefaultChannelFactory;
import org.apache.flume.conf.FlumeConfiguration;
import org.apache.flume.node.AbstractConfigurationProvider;
import org.apache.flume.node.MaterializedConfiguration;
import org.apache.flume.sink.DefaultSinkFactory;
import org.apache.flume.source.DefaultSourceFactory;

/**
 * Checks one agent of a configuration file without starting it: Flume builds the agent as it would
 * at start (loading every component's class and configuring it, flumekit's components refusing bad
 * keys with all their problems at once), and every component Flume would drop, with Flume's reason
 * and the component's, is a problem; so are keys Flume ignores without a word ({@link KeyTypos}).
 */
final class AgentCheck {
  /**
   * One problem: its cause on a line naming the key and the fix, then what Flume does because of it
   * (a healthy source dropped with the channel it writes to), which is no problem of its own.
   */
  record Problem(String line, List<String> then) {
    static Problem of(String line) {
      return new Problem(line, List.of());
    }
  }

  /**
   * What the check found: problems stop an agent start; unreachable systems ({@code --connect}:
   * brokers, topics, tables) are the environment's; warnings do not stop it; notes say what the
   * configuration implies that an operator must keep true (ids unique among running agents); flows
   * give each flow's delivery guarantee ({@link DeliveryFlows}).
   */
  record Result(
      List<Problem> problems,
      List<String> unreachable,
      List<String> warnings,
      List<String> notes,
      List<String> flows) {
    boolean ok() {
      return problems.isEmpty() && unreachable.isEmpty();
    }
  }

  private final String agent;
  private final Map<String, String> properties;
  private final Map<ComponentKind, Set<String>> declared;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** The configuration Flume is given to build: without the components that do not load. */
  private final Map<String, String> loadable;

  private AgentCheck(String agent, Map<String, String> properties) {
    this.agent = agent;
    this.properties = properties;
    this.declared = declared(agent, properties);
    this.loadable = new TreeMap<>(properties);
  }

  /**
   * @param connect how long to wait in all for the systems the components name to answer, asked all
   *     at once; null not to ask
   */
  static Result run(String agent, Path file, CapturedLog log, Duration connect) throws IOException {
    AgentCheck check = new AgentCheck(agent, AgentFile.read(file));
    if (check.declared.values().stream().allMatch(Set::isEmpty)) {
      return check.noSuchAgent(file);
    }
    check.findWhatFlumeIgnores();
    check.findFlumesConfigurationErrors();
    check.leaveOutClassesThatDoNotLoad();
    check.leaveOutInterceptorsThatDoNotLoad();
    int before = log.entries().size();
    MapProvider provider;
    MaterializedConfiguration built;
    try {
      provider = new MapProvider(agent, check.loadable);
      built = provider.getConfiguration();
    } catch (RuntimeException e) {
      check.problems.add("Flume cannot build the agent: " + e.getMessage());
      return check.result(problems(check.problems), List.of(), List.of());
    }
    List<CapturedLog.Entry> logged = log.entries().subList(before, log.entries().size());
    BuildWarnings buildWarnings = BuildWarnings.of(logged);
    check.warnings.addAll(buildWarnings.warnings());
    check.problems.addAll(buildWarnings.problems());
    Map<ComponentKind, Set<String>> running = new EnumMap<>(ComponentKind.class);
    running.put(ComponentKind.SOURCE, built.getSourceRunners().keySet());
    running.put(ComponentKind.CHANNEL, built.getChannels().keySet());
    running.put(ComponentKind.SINK, built.getSinkRunners().keySet());
    List<Problem> found =
        new DroppedComponents(agent, check.properties, check.declared, check.loadable)
            .problems(problems(check.problems), running, logged);
    FlumeConfiguration.AgentConfiguration config = provider.built.getConfigurationFor(agent);
    for (String problem : ComponentQuestions.unwritable(agent, check.loadable, config, running)) {
      found.add(Problem.of(problem));
    }
    List<String> unreachable =
        connect == null
            ? List.of()
            : ComponentQuestions.unreachable(agent, check.loadable, config, running, connect);
    return check.result(
        distinct(found), unreachable, DeliveryFlows.of(agent, check.loadable, config, running));
  }

  private Result result(List<Problem> found, List<String> unreachable, List<String> flows) {
    return new Result(found, unreachable, warnings, notes, flows);
  }

  /** The file configures no component under the agent's name: nothing else to check. */
  private Result noSuchAgent(Path file) {
    problems.add(
        "no agent '"
            + agent
            + "' in "
            + file
            + " (it configures "
            + String.join(", ", ConfiguredAgents.of(properties))
            + "): nothing would run");
    return result(problems(problems), List.of(), List.of());
  }

  /** What Flume would take without a word: misspelt keys, settings it cannot keep, ids to keep. */
  private void findWhatFlumeIgnores() {
    problems.addAll(KeyTypos.find(agent, properties, declared));
    problems.addAll(
        ExactlyOnceTakers.problems(agent, properties, declared.get(ComponentKind.SINK)));
    problems.addAll(
        EnvironmentReferences.unset(
            agent, properties, declared.get(ComponentKind.CONFIG_FILTER), System.getenv()));
    notes.addAll(KafkaIds.notes(agent, properties, declared));
  }

  /** Flume's own validation of the agent's part of the file, worded for the operator. */
  private void findFlumesConfigurationErrors() {
    FlumeValidation validation =
        FlumeValidation.of(
            agent, declared, new FlumeConfiguration(properties).getConfigurationErrors());
    problems.addAll(validation.problems());
    warnings.addAll(validation.warnings());
  }

  /**
   * A class that does not load makes Flume give up on the whole agent: named here, and the
   * component left out so that the rest is checked.
   */
  private void leaveOutClassesThatDoNotLoad() {
    for (ComponentKind kind : ComponentKind.RUNNING) {
      for (String name : List.copyOf(declared.get(kind))) {
        String type = properties.get(AgentFile.prefix(agent, kind, name) + "type");
        if (type == null) {
          continue;
        }
        try {
          switch (kind) {
            case SOURCE -> new DefaultSourceFactory().getClass(type);
            case CHANNEL -> new DefaultChannelFactory().getClass(type);
            default -> new DefaultSinkFactory().getClass(type);
          }
        } catch (RuntimeException | LinkageError e) {
          problems.add(
              kind.named(name)
                  + ": type "
                  + type
                  + " does not load: "
                  + e.getMessage()
                  + " (is its plugin in plugins.d?)");
          LeftOut.leaveOut(loadable, agent, kind.list(), name);
        }
      }
    }
  }

  /**
   * An interceptor that does not load makes Flume drop its source, naming neither: said at the key,
   * and the interceptor left out so that the source is checked.
   */
  private void leaveOutInterceptorsThatDoNotLoad() {
    for (String source : declared.get(ComponentKind.SOURCE)) {
      String prefix = agent + ".sources." + source + ".";
      for (InterceptorTypes.Refused refused :
          InterceptorTypes.refused(prefix, loadable, InterceptorBuilders.CLASS_PATH)) {
        problems.add(refused.line());
        LeftOut.leaveOut(
            loadable,
            prefix.substring(0, prefix.length() - 1),
            "interceptors",
            refused.interceptor());
      }
    }
  }

  private static List<Problem> problems(List<String> lines) {
    List<Problem> problems = new ArrayList<>();
    for (String line : new LinkedHashSet<>(lines)) {
      problems.add(Problem.of(line));
    }
    return problems;
  }

  private static List<Problem> distinct(List<Problem> problems) {
    Map<String, Problem> byLine = new LinkedHashMap<>();
    for (Problem p : problems) {
      byLine.putIfAbsent(p.line(), p);
    }
    return List.copyOf(byLine.values());
  }

  /** Flume's agent builder on the configuration at hand, as its file provider would read it. */
  private static final class MapProvider extends AbstractConfigurationProvider {
    private final Map<String, String> properties;

    MapProvider(String agent, Map<String, String> properties) {
      super(agent);
      this.properties = properties;
    }

    /** The configuration Flume's builder validated, for the questions asked after it. */
    private FlumeConfiguration built;

    @Override
    protected FlumeConfiguration getFlumeConfiguration() {
      built = new FlumeConfiguration(properties);
      return built;
    }
  }

  /** The components each kind's list of the agent names. */
  private static Map<ComponentKind, Set<String>> declared(
      String agent, Map<String, String> properties) {
    Map<ComponentKind, Set<String>> declared = new EnumMap<>(ComponentKind.class);
    for (ComponentKind kind : ComponentKind.values()) {
      declared.put(kind, AgentFile.components(properties, agent, kind));
    }
    return declared;
  }
}
