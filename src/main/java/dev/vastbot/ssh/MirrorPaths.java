package dev.vastbot.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps remote paths named by a (hostile) host to local paths under the mirror folder: a remote
 * path is taken only when it is absolute, already normal (no {@code .}, {@code ..} or empty
 * component), free of NUL and of text that is not UTF-8, equal to or under one of the requested
 * roots, and not a name this sync uses itself; its local path {@code localDir/<remote path>} must
 * stay under {@code localDir}, and no folder on the way there may be a symbolic link.
 *
 * <p>A name that cannot be written here as it is (longer than the file system allows once {@link
 * #PART_SUFFIX} is added, or holding a control character such as a newline or ESC) is stored under
 * {@link #ENCODED_PREFIX} and the SHA-256 of its UTF-8 bytes in hex; so is a host name that itself
 * starts with that prefix, so an encoded name never meets a host's. {@link #encodedNames()} keeps
 * the mapping, written by the pull to {@link #NAMES_FILE}.
 * Thread-safe: a pull's streams share one, each creating the folders its files need, often the
 * same new folder at the same moment.
 */
final class MirrorPaths {
  static final String PART_SUFFIX = ".vastbot-part";
  static final String STATE_FILE = ".vastbot-sync-state.json";
  static final String NAMES_FILE = ".vastbot-names.json";
  static final String ENCODED_PREFIX = ".vastbot-name-";
  /** ext4, xfs, btrfs: 255 bytes a name, and a part's name is the file's plus the suffix. */
  static final int MAX_NAME_BYTES = 255 - PART_SUFFIX.length();
  private static final List<String> RESERVED = List.of(STATE_FILE, STATE_FILE + ".tmp",
      NAMES_FILE, NAMES_FILE + ".tmp");

  private final List<String> roots;
  private final Path localDir;
  private final Set<Path> checkedDirs = ConcurrentHashMap.newKeySet();
  private final Map<String, String> encoded = new ConcurrentHashMap<>();

  MirrorPaths(List<String> roots, Path localDir) {
    this.roots = List.copyOf(roots);
    this.localDir = localDir.toAbsolutePath().normalize();
  }

  /** Checks a requested root: absolute and normal. */
  static String requireRoot(String root) {
    String trimmed = root.length() > 1 && root.endsWith("/")
        ? root.substring(0, root.length() - 1) : root;
    if (!isNormalAbsolute(trimmed) || trimmed.equals("/")) {
      throw new IllegalArgumentException("a sync path must be an absolute, normal path below /, got \""
          + root + "\"");
    }
    return trimmed;
  }

  Path localDir() {
    return localDir;
  }

  /** The local path of {@code remote}, or why it is refused. */
  Optional<Path> localPath(String remote, StringBuilder refusal) {
    if (!isNormalAbsolute(remote)) {
      refusal.append("not an absolute, normal path");
      return Optional.empty();
    }
    if (roots.stream().noneMatch(root -> remote.equals(root) || remote.startsWith(root + "/"))) {
      refusal.append("outside the requested paths");
      return Optional.empty();
    }
    if (remote.endsWith(PART_SUFFIX) || RESERVED.stream().anyMatch(name -> remote.equals("/" + name))) {
      refusal.append("a name the sync uses for itself");
      return Optional.empty();
    }
    Path local = localDir.resolve(writable(remote)).normalize();
    if (!local.startsWith(localDir) || local.equals(localDir)) {
      refusal.append("would land outside the local folder");
      return Optional.empty();
    }
    return Optional.of(local);
  }

  /**
   * The names stored encoded so far: local path (relative to {@code localDir}) to the host's path.
   */
  Map<String, String> encodedNames() {
    return new TreeMap<>(encoded);
  }

  /** {@code remote} (absolute, normal) as a relative local path, each name made writable. */
  private String writable(String remote) {
    var local = new StringBuilder();
    var shown = new StringBuilder();
    for (String name : remote.substring(1).split("/")) {
      shown.append('/').append(name);
      String stored = needsEncoding(name) ? encode(name) : name;
      local.append(local.length() == 0 ? "" : "/").append(stored);
      if (!stored.equals(name)) {
        encoded.put(local.toString(), shown.toString());
      }
    }
    return local.toString();
  }

  private static boolean needsEncoding(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
        || name.startsWith(ENCODED_PREFIX)
        || name.codePoints().anyMatch(Character::isISOControl);
  }

  static String encode(String name) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ENCODED_PREFIX + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Creates the folders above {@code local} (mode 0750 whatever the host's folders have),
   * refusing a symbolic link or a non-folder on the way (something else may have put one there).
   */
  void prepareParent(Path local) throws IOException {
    Path parent = local.getParent();
    if (checkedDirs.contains(parent)) {
      return;
    }
    Path current = localDir;
    if (!Files.isDirectory(localDir)) {
      Files.createDirectories(localDir, LocalModes.folderAttribute());
    }
    for (Path name : localDir.relativize(parent)) {
      current = current.resolve(name);
      if (checkedDirs.contains(current)) {
        continue;
      }
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(current, LocalModes.folderAttribute());
          Files.setPosixFilePermissions(current, LocalModes.FOLDER);
        } catch (FileAlreadyExistsException madeMeanwhile) {
          // another stream (or something else) made it a moment ago: checked below like any other
        }
      }
      if (Files.isSymbolicLink(current)) {
        throw new IOException(current + " is a symbolic link");
      }
      if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(current + " is not a folder");
      }
      checkedDirs.add(current);
    }
  }

  static Path partOf(Path local) {
    return local.resolveSibling(local.getFileName() + PART_SUFFIX);
  }

  private static boolean isNormalAbsolute(String path) {
    if (path.isEmpty() || path.charAt(0) != '/' || path.indexOf('\0') >= 0 || !isUtf8(path)) {
      return false;
    }
    if (path.equals("/")) {
      return true;
    }
    for (String part : path.substring(1).split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** False for text with a lone surrogate (a file name that was not UTF-8 on the host). */
  private static boolean isUtf8(String path) {
    return new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(path);
  }
}
