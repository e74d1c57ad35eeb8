package dev.vastbot.fleet.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to pull from one instance.
 *
 * @param remotePaths absolute paths on the instance: folders (copied recursively) or files; a path
 *     that does not exist there is reported, not an error
 * @param localDir where the copy goes ({@code sync.local_dir/<instance-id>/}); each remote path
 *     {@code /a/b/c} lands at {@code localDir/a/b/c}
 * @param rehashAll also hash files whose size and modification time match the local copy (the
 *     {@code --force} of {@code data-sync}); otherwise such files are skipped as unchanged
 * @param deadline the most the whole pull may take
 */
public record SyncRequest(List<String> remotePaths, Path localDir, boolean rehashAll, Duration deadline) {
  public SyncRequest {
    remotePaths = List.copyOf(remotePaths);
    Objects.requireNonNull(localDir, "localDir");
    Objects.requireNonNull(deadline, "deadline");
  }
}
