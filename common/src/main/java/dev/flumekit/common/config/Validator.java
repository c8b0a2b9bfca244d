package dev.flumekit.common.config;

import java.util.function.Predicate;

/** A constraint on a parsed value, with the words that describe it in errors and docs. */
public final class Validator<T> {
  private final String description;
  private final Predicate<T> test;

  private Validator(String description, Predicate<T> test) {
    this.description = description;
    this.test = test;
  }

  public static <T> Validator<T> of(String description, Predicate<T> test) {
    return new Validator<>(description, test);
  }

  public static Validator<Integer> atLeast(int min) {
    return of(">= " + min, v -> v >= min);
  }

  public static Validator<Long> atLeast(long min) {
    return of(">= " + min, v -> v >= min);
  }

  public static Validator<Integer> between(int min, int max) {
    return of("from " + min + " to " + max, v -> v >= min && v <= max);
  }

  public String description() {
    return description;
  }

  public boolean accepts(T value) {
    return test.test(value);
  }
}
