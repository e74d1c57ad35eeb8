package dev.vastbot.app;

import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A {@link DataSync} whose paths may start with {@code ~/}, the login's home on the instance
 * ({@code /root} on Vast; a simulated host's own folder in the demo): the home is asked for once
 * per pull ({@code $HOME}, checked to be a plain absolute path) and put in front. The sync itself
 * is made on first use, so that commands needing no SSH work without a key.
 */
final class LoginHomeSync implements DataSync {
  private static final Pattern PLAIN_ABSOLUTE = Pattern.compile("(/[A-Za-z0-9._-]+)+");
  private static final Duration HOME_DEADLINE = Duration.ofSeconds(20);
  private final RemoteShell shell;
  private final Supplier<DataSync> sync;
  private DataSync made;

  LoginHomeSync(RemoteShell shell, Supplier<DataSync> sync) {
    this.shell = shell;
    this.sync = sync;
  }

  @Override
  public SyncReport pull(SshTarget target, SyncRequest request, SyncProgress progress) throws InterruptedException {
    List<String> configured = request.remotePaths();
    List<String> paths = configured;
    if (paths.stream().anyMatch(p -> p.startsWith("~/"))) {
      ShellOutcome home = shell.run(target, "printf '%s' \"$HOME\"", HOME_DEADLINE);
      if (!home.succeeded()) {
        return failed(SyncReport.Failure.UNREACHABLE, "could not ask for the login's home: "
            + (home.completed() ? "exit " + home.exitCode() : home.message()));
      }
      String dir = home.stdout().strip();
      if (!PLAIN_ABSOLUTE.matcher(dir).matches() || dir.contains("/../") || dir.endsWith("/..")) {
        return failed(SyncReport.Failure.REMOTE_ERROR, "the instance's $HOME is not a plain absolute path");
      }
      paths = paths.stream().map(p -> p.startsWith("~/") ? dir + p.substring(1) : p).toList();
    }
    DataSync delegate;
    try {
      delegate = delegate();
    } catch (IllegalArgumentException | IllegalStateException notStarted) {
      return failed(SyncReport.Failure.UNREACHABLE, "SSH client not started: " + notStarted.getMessage());
    }
    SyncReport report = delegate.pull(target, new SyncRequest(paths, request.localDir(), request.rehashAll(),
        request.deadline()), progress);
    return asConfigured(report, paths, configured);
  }

  /** The report with its missing paths named as configured ({@code ~/...}), as the caller asked for them. */
  private static SyncReport asConfigured(SyncReport report, List<String> asked, List<String> configured) {
    if (asked.equals(configured)) {
      return report;
    }
    List<String> missing = report.missingPaths().stream()
        .map(path -> asked.contains(path) ? configured.get(asked.indexOf(path)) : path).toList();
    return report.withMissingPaths(missing);
  }

  private synchronized DataSync delegate() {
    if (made == null) {
      made = sync.get();
    }
    return made;
  }

  private static SyncReport failed(SyncReport.Failure failure, String detail) {
    return new SyncReport(0, 0, 0, 0, List.of(), failure, detail, List.of(), Duration.ZERO);
  }
}
