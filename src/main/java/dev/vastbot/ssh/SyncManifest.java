package dev.vastbot.ssh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host's listing of the requested paths, read as hostile input: bounded in size and depth,
 * every entry's path checked by {@link MirrorPaths}; entries that fail a check are left out and
 * named in {@link #problems()}.
 */
record SyncManifest(List<RemoteFile> files, List<String> missing, List<String> problems) {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
          .maxStringLength(1 << 16).maxNumberLength(32).build())
      .build());
  private static final int MAX_PROBLEMS_SHOWN = 50;

  static SyncManifest parse(byte[] body, List<String> roots, MirrorPaths paths, int maxEntries)
      throws SyncFailure {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the host's listing is not valid JSON");
    }
    if (root == null || !root.path("entries").isArray()) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the host's listing has no entries");
    }
    if (root.path("truncated").asBoolean(false) || root.path("entries").size() > maxEntries) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the requested paths hold more than "
          + maxEntries + " files; narrow sync.paths");
    }
    var problems = new ArrayList<String>();
    var files = new ArrayList<RemoteFile>();
    var seen = new HashSet<Path>();
    for (JsonNode entry : root.path("entries")) {
      addEntry(entry, paths, files, seen, problems);
    }
    for (JsonNode skipped : root.path("skipped")) {
      if (skipped.path(2).asInt(0) == 1) {
        continue; // a link to a file inside the tree: that file is copied under its own name
      }
      problem(problems, "skipped " + printable(skipped.path(0).asText("?")) + ": "
          + printable(skipped.path(1).asText("?")));
    }
    return new SyncManifest(files, missing(root, roots), problems);
  }

  private static void addEntry(JsonNode entry, MirrorPaths paths, List<RemoteFile> files,
      Set<Path> seen, List<String> problems) {
    String remote = entry.path(0).asText("");
    long size = entry.path(1).asLong(-1);
    if (!entry.isArray() || !entry.path(0).isTextual() || size < 0 || !entry.path(2).canConvertToLong()) {
      problem(problems, "skipped a malformed listing entry");
      return;
    }
    var refusal = new StringBuilder();
    var local = paths.localPath(remote, refusal);
    if (local.isEmpty()) {
      problem(problems, "refused " + printable(remote) + ": " + refusal);
      return;
    }
    if (!seen.add(local.get())) {
      return; // listed under two overlapping roots
    }
    JsonNode wal = entry.path(5);
    boolean sqlite = entry.path(4).asInt(0) == 1;
    files.add(new RemoteFile(remote, local.get(), size, entry.path(2).asLong(), entry.path(3).asInt(0644),
        sqlite, sqlite && wal.isArray() ? Math.max(0, wal.path(0).asLong(0)) : -1,
        sqlite && wal.isArray() ? wal.path(1).asLong(0) : 0));
  }

  private static List<String> missing(JsonNode root, List<String> roots) {
    var missing = new ArrayList<String>();
    for (JsonNode path : root.path("missing")) {
      if (roots.contains(path.asText())) {
        missing.add(path.asText());
      }
    }
    return missing;
  }

  private static void problem(List<String> problems, String text) {
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
