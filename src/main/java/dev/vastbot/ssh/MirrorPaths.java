package dev.vastbot.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps remote paths named by a (hostile) host to local paths under the mirror folder: a remote
 * path is taken only when it is absolute, already normal (no {@code .}, {@code ..} or empty
 * component), free of NUL and of text that is not UTF-8, equal to or under one of the requested
 * roots, and not a name this sync uses itself; its local path {@code localDir/<remote path>} must
 * stay under {@code localDir}, and no folder on the way there may be a symbolic link.
 * Thread-safe: a pull's streams share one, each creating the folders its files need, often the
 * same new folder at the same moment.
 */
final class MirrorPaths {
  static final String PART_SUFFIX = ".vastbot-part";
  static final String STATE_FILE = ".vastbot-sync-state.json";

  private final List<String> roots;
  private final Path localDir;
  private final Set<Path> checkedDirs = ConcurrentHashMap.newKeySet();

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
    if (remote.endsWith(PART_SUFFIX) || remote.equals("/" + STATE_FILE)) {
      refusal.append("a name the sync uses for itself");
      return Optional.empty();
    }
    Path local = localDir.resolve(remote.substring(1)).normalize();
    if (!local.startsWith(localDir) || local.equals(localDir)) {
      refusal.append("would land outside the local folder");
      return Optional.empty();
    }
    return Optional.of(local);
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
