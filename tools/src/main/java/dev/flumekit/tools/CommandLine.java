package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of a command of {@code bin/flumekit-agent} ({@code check}, {@code test}, {@code tap},
 * {@code top}), in the order given: a flag stands alone ({@code --connect}); every other word takes
 * the next as its value, whatever it looks like, as a shell user expects of {@code -n NAME}. Which
 * options a command knows, and what it says of one it does not, is the command's: this only reads.
 */
public final class CommandLine {
  /**
   * One option as given.
   *
   * @param value its value, "" for a flag, null for an option that was the last word
   */
  public record Option(String name, String value) {
    /** Whether a value was given, or none is needed: false only for an option that came last. */
    public boolean complete() {
      return value != null;
    }
  }

  private final List<Option> options;

  private CommandLine(List<Option> options) {
    this.options = List.copyOf(options);
  }

  /**
   * @param flags the options that take no value
   */
  public static CommandLine parse(String[] args, Set<String> flags) {
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (flags.contains(args[i])) {
        options.add(new Option(args[i], ""));
      } else {
        options.add(new Option(args[i], i + 1 < args.length ? args[++i] : null));
      }
    }
    return new CommandLine(options);
  }

  /** The options in the order given. */
  public List<Option> options() {
    return options;
  }

  /** Whether every option that takes a value has one. */
  public boolean complete() {
    return options.stream().allMatch(Option::complete);
  }

  /**
   * The value of the first of {@code names} given (a short name and its long one: {@code -n},
   * {@code --name}), its last value if it is given more than once; null if none is given.
   */
  public String value(String... names) {
    for (String name : names) {
      String value = null;
      for (Option o : options) {
        if (o.name().equals(name) && o.complete()) {
          value = o.value();
        }
      }
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
