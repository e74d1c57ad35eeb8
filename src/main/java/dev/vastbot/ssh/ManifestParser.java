package dev.vastbot.ssh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the host's listing token by token as it is read, holding only the files kept: {@code
 * {"entries": [[path, size, mtime_ns, mode (not used), sqlite, [wal size, wal mtime_ns] | null], ...],
 * "skipped": [[path, reason, inside], ...], "missing": [root, ...], "found": [root, ...],
 * "truncated": bool}}. A requested root the host does not name as found (and only as found) counts
 * as missing: a listing that leaves a root out cannot pass it off as an empty folder. Bounded:
 * {@code maxEntries} entries, texts of at most {@value #MAX_PATH_BYTES} characters (a path of at
 * most as many bytes), nesting 8 deep; an entry that is malformed or whose path {@link MirrorPaths}
 * refuses is left out and named in the problems. Not thread-safe: one per listing.
 */
final class ManifestParser {
  static final int MAX_PATH_BYTES = 4096;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
          .maxStringLength(MAX_PATH_BYTES).maxNameLength(64).maxNumberLength(32).build())
      .build();
  /** An item of a type the listing never has there. */
  private static final Object MALFORMED = new Object();
  private static final int ENTRY_ITEMS = 6;

  private final JsonParser parser;
  private final List<String> roots;
  private final MirrorPaths paths;
  private final int maxEntries;
  private final List<RemoteFile> files = new ArrayList<>();
  private final Set<Path> seen = new HashSet<>();
  private final List<String> missing = new ArrayList<>();
  private final List<String> found = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private int entries;

  private ManifestParser(JsonParser parser, List<String> roots, MirrorPaths paths, int maxEntries) {
    this.parser = parser;
    this.roots = roots;
    this.paths = paths;
    this.maxEntries = maxEntries;
  }

  /**
   * The listing read from {@code in}.
   *
   * @throws IOException when {@code in} fails or is not a listing within the bounds
   * @throws SyncFailure when the listing names more than {@code maxEntries} files, or none
   */
  static SyncManifest parse(InputStream in, List<String> roots, MirrorPaths paths, int maxEntries)
      throws IOException, SyncFailure {
    try (JsonParser parser = JSON.createParser(in)) {
      return new ManifestParser(parser, roots, paths, maxEntries).readDocument();
    }
  }

  private SyncManifest readDocument() throws IOException, SyncFailure {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("not an object");
    }
    boolean listed = false;
    boolean truncated = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "entries" -> listed = readArray(value, this::readEntry);
        case "skipped" -> readArray(value, this::readSkipped);
        case "missing" -> readArray(value, () -> readRoot(missing));
        case "found" -> readArray(value, () -> readRoot(found));
        case "truncated" -> truncated = value == JsonToken.VALUE_TRUE;
        default -> parser.skipChildren();
      }
    }
    if (!listed) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the host's listing has no entries");
    }
    if (truncated) {
      throw tooMany();
    }
    for (String root : roots) {
      if (!found.contains(root) && !missing.contains(root)) {
        missing.add(root);
      }
    }
    return new SyncManifest(files, missing, problems);
  }

  private interface ItemReader {
    void read() throws IOException, SyncFailure;
  }

  /** Reads each item of an array with {@code item}; false (skipped) when it is no array. */
  private boolean readArray(JsonToken start, ItemReader item) throws IOException, SyncFailure {
    if (start != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return false;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      item.read();
    }
    return true;
  }

  private void readEntry() throws IOException, SyncFailure {
    if (++entries > maxEntries) {
      throw tooMany();
    }
    Object[] items = readItems();
    if (items == null || !(items[0] instanceof String remote) || !(items[1] instanceof Long size)
        || size < 0 || !(items[2] instanceof Long mtime)) {
      problem("skipped a malformed listing entry");
      return;
    }
    boolean sqlite = items[4] instanceof Long flag && flag == 1;
    long walSize = -1;
    long walMtime = 0;
    if (sqlite && items[5] instanceof long[] wal) {
      walSize = Math.max(0, wal[0]);
      walMtime = wal[1];
    }
    var refusal = new StringBuilder();
    var local = refusal(remote, size, walSize, refusal) ? Optional.<Path>empty()
        : paths.localPath(remote, refusal);
    if (local.isEmpty()) {
      problem("refused " + SyncManifest.printable(remote) + ": " + refusal);
    } else if (seen.add(local.get())) { // else listed under two overlapping roots
      files.add(new RemoteFile(remote, local.get(), size, mtime, sqlite, walSize, walMtime));
    }
  }

  /** Whether the listing's own figures refuse a file (the reason goes to {@code why}). */
  private static boolean refusal(String remote, long size, long walSize, StringBuilder why) {
    if (walSize > 0 && size > Long.MAX_VALUE - walSize) {
      why.append("its size and its log's overflow");
    } else if (remote.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      why.append("longer than ").append(MAX_PATH_BYTES).append(" bytes");
    }
    return why.length() > 0;
  }

  private void readSkipped() throws IOException {
    Object[] items = readItems();
    if (items != null && items[2] instanceof Long inside && inside == 1) {
      return; // a link to a file inside the tree: that file is copied under its own name
    }
    problem("skipped " + printable(items == null ? null : items[0]) + ": "
        + printable(items == null ? null : items[1]));
  }

  /** A requested root named in the "missing" or "found" list; anything else is skipped. */
  private void readRoot(List<String> into) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING && roots.contains(parser.getText())
        && !into.contains(parser.getText())) {
      into.add(parser.getText());
    } else {
      parser.skipChildren();
    }
  }

  /**
   * The first {@value #ENTRY_ITEMS} items of the array at the current token (texts, whole numbers
   * as Long, null, a nested pair of whole numbers as long[2], else {@link #MALFORMED}); null when
   * the current token is not an array or it has fewer than three items. Later items are read and
   * dropped.
   */
  private Object[] readItems() throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    var items = new Object[ENTRY_ITEMS];
    int count = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      Object item = readItem();
      if (count < ENTRY_ITEMS) {
        items[count] = item;
      }
      count++;
    }
    return count < 3 ? null : items;
  }

  private Object readItem() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> wholeNumber();
      case VALUE_NULL -> null;
      case START_ARRAY -> readPair();
      default -> {
        parser.skipChildren();
        yield MALFORMED;
      }
    };
  }

  private Object wholeNumber() throws IOException {
    NumberType type = parser.getNumberType();
    return type == NumberType.INT || type == NumberType.LONG ? (Object) parser.getLongValue()
        : MALFORMED;
  }

  private Object readPair() throws IOException {
    long[] pair = new long[2];
    int count = 0;
    boolean wellFormed = true;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (readItem() instanceof Long number && count < 2) {
        pair[count++] = number;
      } else {
        wellFormed = false;
      }
    }
    return wellFormed && count == 2 ? pair : MALFORMED;
  }

  private SyncFailure tooMany() {
    return new SyncFailure(Failure.REMOTE_ERROR, "the requested paths hold more than " + maxEntries
        + " files; narrow sync.paths");
  }

  private static String printable(Object text) {
    return text instanceof String string ? SyncManifest.printable(string) : "?";
  }

  private void problem(String text) {
    SyncManifest.problem(problems, text);
  }
}
