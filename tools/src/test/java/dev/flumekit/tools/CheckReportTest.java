package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What check prints of a result, a line each, and its exit status. */
class CheckReportTest {
  private static final Path FILE = Path.of("conf/a1.conf");

  private static List<String> printed(AgentCheck.Result result, int status) {
    List<String> lines = new ArrayList<>();
    assertEquals(status, CheckReport.print("a1", FILE, result, lines::add));
    return lines;
  }

  @Test
  void aWholeAgentPrintsItsNotesFlowsAndWarningsAndExitsZero() {
    assertEquals(
        List.of(
            "a1: note: channel kafka: transactionalId defaults to flumekit-channel-a1-kafka@host",
            "a1: flow src -> kafka: at least once (channel kafka: ...)",
            "a1: warning: Source tail: file group g (/x/*.log) matches no file now",
            "a1: configuration OK (conf/a1.conf; flumekit (unpackaged))"),
        printed(
            new AgentCheck.Result(
                List.of(),
                List.of(),
                List.of("Source tail: file group g (/x/*.log) matches no file now"),
                List.of(
                    "channel kafka: transactionalId defaults to flumekit-channel-a1-kafka@host"),
                List.of("flow src -> kafka: at least once (channel kafka: ...)")),
            ConfigCheck.OK));
  }

  @Test
  void eachProblemIsALineWithWhatFollowsIndentedThenWhatDoesNotAnswerNoFlowsAndExitsOne() {
    assertEquals(
        List.of(
            "a1: warning: w",
            "a1: channel c: type org.example.NoSuchChannel does not load",
            "    then Flume drops source src too, since it uses c",
            "a1: a1.source: not a key Flume knows",
            "a1: channel c: no broker answers",
            "a1: 2 problems in conf/a1.conf"),
        printed(
            new AgentCheck.Result(
                List.of(
                    new AgentCheck.Problem(
                        "channel c: type org.example.NoSuchChannel does not load",
                        List.of("then Flume drops source src too, since it uses c")),
                    AgentCheck.Problem.of("a1.source: not a key Flume knows")),
                List.of("channel c: no broker answers"),
                List.of("w"),
                List.of(),
                List.of("flow src -> c: at most once")),
            ConfigCheck.PROBLEMS));
    assertEquals(
        "a1: 1 problem in conf/a1.conf",
        printed(
                new AgentCheck.Result(
                    List.of(AgentCheck.Problem.of("p")),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()),
                ConfigCheck.PROBLEMS)
            .get(1));
  }

  @Test
  void onlyUnansweringSystemsAreTheEnvironmentsAndExitThree() {
    assertEquals(
        List.of(
            "a1: flow src -> c: at least once",
            "a1: channel c: no broker answers at b1:9092",
            "a1: configuration OK, but 1 problem with the systems it names (conf/a1.conf)"),
        printed(
            new AgentCheck.Result(
                List.of(),
                List.of("channel c: no broker answers at b1:9092"),
                List.of(),
                List.of(),
                List.of("flow src -> c: at least once")),
            ConfigCheck.ENVIRONMENT));
  }
}
