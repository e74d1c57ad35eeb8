package dev.vastbot.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key a misspelt one was most likely meant to be ("scalling" → "scaling"). */
final class KeySuggestion {
  private static final int MAX_DISTANCE = 2;

  private KeySuggestion() {}

  /** The closest known key within a small edit distance, if there is one. */
  static Optional<String> closestTo(String typo, Collection<String> knownKeys) {
    var lowered = typo.toLowerCase(Locale.ROOT);
    return knownKeys.stream()
        .filter(known -> editDistance(lowered, known) <= MAX_DISTANCE)
        .min(Comparator.comparingInt(known -> editDistance(lowered, known)));
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character each. */
  static int editDistance(String from, String to) {
    var previous = new int[to.length() + 1];
    var current = new int[to.length() + 1];
    for (int j = 0; j <= to.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= from.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= to.length(); j++) {
        var substitution = from.charAt(i - 1) == to.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
      }
      var swap = previous;
      previous = current;
      current = swap;
    }
    return previous[to.length()];
  }
}
