package dev.vastbot.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a pull will take of the local disk: the data bytes it copies, plus a block for each file it
 * creates and for each folder those files lie in (below the pull's local folder). An empty file
 * or a new folder still costs an inode and a block: without this, a listing of 500,000 empty files
 * or of paths thousands of folders deep could fill a disk while reserving nothing. Folders are
 * counted whether or not they exist yet (the safe side). Immutable.
 *
 * @param dataBytes the bytes of data to receive
 * @param files the files to be written (a verify writes none)
 * @param folders the distinct folders holding them, the local folder itself excluded
 */
record SpaceClaim(long dataBytes, long files, long folders) {
  /** What one file or folder is taken to cost beyond its data: one 4 KiB block. */
  static final long ENTRY_BYTES = 4096;

  /**
   * The claim of {@code transfers} into {@code localDir}, whose data comes to {@code dataBytes}
   * (summed by the caller with overflow checks). Time and memory are linear in the listing's
   * bytes (bounded): the folders are counted from the sorted paths, never built as a tree.
   */
  static SpaceClaim of(Path localDir, List<Transfer> transfers, long dataBytes) {
    var parents = new ArrayList<String>();
    for (Transfer transfer : transfers) {
      if (!transfer.verifyOnly()) {
        Path parent = localDir.relativize(transfer.file().localPath()).getParent();
        parents.add(parent == null ? "" : parent + "/");
      }
    }
    return new SpaceClaim(dataBytes, parents.size(), countFolders(parents));
  }

  /**
   * Distinct folders among {@code parents} and their ancestors, each given as a relative path
   * ending in "/". Sorted, every folder's descendants are adjacent (they share its text and "/"),
   * so each path adds the folders it does not share with the one before it.
   */
  static long countFolders(List<String> parents) {
    Collections.sort(parents);
    long folders = 0;
    String previous = "";
    for (String parent : parents) {
      folders += slashes(parent, parent.length()) - slashes(parent, sharedLength(previous, parent));
      previous = parent;
    }
    return folders;
  }

  private static int sharedLength(String a, String b) {
    int limit = Math.min(a.length(), b.length());
    int i = 0;
    while (i < limit && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private static int slashes(String text, int end) {
    int count = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '/') {
        count++;
      }
    }
    return count;
  }

  /** True when the pull creates nothing at all (then it needs no space). */
  boolean writesNothing() {
    return files == 0 && dataBytes == 0;
  }

  /** The overhead of the files and folders, in bytes. */
  long entryBytes() {
    return ENTRY_BYTES * (files + folders);
  }

  /** Data and entries together; {@link Long#MAX_VALUE} when that cannot be counted. */
  long totalBytes() {
    try {
      return Math.addExact(dataBytes, Math.multiplyExact(ENTRY_BYTES, files + folders));
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }
}
