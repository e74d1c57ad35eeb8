package dev.vastbot.ssh;

import java.util.List;

/**
 * The host's listing of the requested paths, as {@link ManifestParser} read it: the files kept
 * (each path checked by {@link MirrorPaths}), the requested roots the host does not have, and
 * what was left out and why.
 */
record SyncManifest(List<RemoteFile> files, List<String> missing, List<String> problems) {
  private static final int MAX_PROBLEMS_SHOWN = 50;

  SyncManifest {
    files = List.copyOf(files);
    missing = List.copyOf(missing);
    problems = List.copyOf(problems);
  }

  /** Adds {@code text} to {@code problems} unless it already holds as many as are shown. */
  static void problem(List<String> problems, String text) {
    if (problems.size() < MAX_PROBLEMS_SHOWN) {
      problems.add(text);
    } else if (problems.size() == MAX_PROBLEMS_SHOWN) {
      problems.add("(more problems in the listing not shown)");
    }
  }
  /** A host-named text made safe for a log line or a Slack message. */
  static String printable(String text) {
    var out = new StringBuilder();
    text.codePoints().limit(300).forEach(c -> {
      if (Character.isISOControl(c) || (c >= 0xD800 && c <= 0xDFFF)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
