package dev.flumekit.common.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Near misses of known words, for the "did you mean" of configuration errors. */
public final class Spelling {
  private Spelling() {}

  /**
   * The known word closest to {@code given}, ignoring case, if at most {@code maxEdits} edits away;
   * on a tie the alphabetically first.
   */
  public static Optional<String> closest(String given, Collection<String> known, int maxEdits) {
    String best = null;
    int bestDistance = maxEdits + 1;
    String lower = given.toLowerCase(Locale.ROOT);
    for (String word : known) {
      int d = distance(lower, word.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && word.compareTo(best) < 0)) {
        bestDistance = d;
        best = word;
      }
    }
    return bestDistance <= maxEdits ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Edits from {@code a} to {@code b}: inserts, deletes, replacements and swaps of neighbours. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
