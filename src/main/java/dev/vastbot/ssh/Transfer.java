package dev.vastbot.ssh;

/**
 * One file a stream asks for: copied from {@code offset} (a part already on disk below it), or,
 * with {@code verifyOnly}, only hashed on both sides (the local copy looked unchanged).
 */
record Transfer(RemoteFile file, long offset, boolean verifyOnly) {
  static Transfer copy(RemoteFile file, long offset) {
    return new Transfer(file, offset, false);
  }

  static Transfer verify(RemoteFile file) {
    return new Transfer(file, file.size(), true);
  }

  long bytesToReceive() {
    return verifyOnly ? 0 : file.expectedBytes() - offset;
  }
}
