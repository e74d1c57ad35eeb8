package dev.vastbot.ssh;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The modes of everything the sync writes locally, whatever mode the host lists: a host's 0777
 * must not land world-writable (or executable) here. Files 0640, folders 0750.
 */
final class LocalModes {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-x---");

  private LocalModes() {}

  /** {@link #FILE} as a creation attribute (the umask may take more away, never add). */
  static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** {@link #FOLDER} as a creation attribute (the umask may take more away, never add). */
  static FileAttribute<Set<PosixFilePermission>> folderAttribute() {
    return PosixFilePermissions.asFileAttribute(FOLDER);
  }
}
