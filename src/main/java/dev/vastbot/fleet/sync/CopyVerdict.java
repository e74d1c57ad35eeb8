package dev.vastbot.fleet.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a pull's copy counts as verified: the one rule the termination path, {@code /vast sync}
 * and {@code data-sync} apply ({@link #judge}). A copy is verified when the transfer was ({@link
 * SyncReport#verified()}), every configured root that is not optional is on the host, at least one
 * root is, and it is not empty where the instance's last sync had files. A root counts as found
 * unless the host listed it as missing. Immutable.
 *
 * @param verified whether the data is home
 * @param refusal why not (for a message: "/root/x/models is missing on the host (not marked
 *     optional)"), or null when verified
 * @param files the files in the copy (copied and unchanged)
 * @param rootsFound the configured roots the host has, in configured order
 * @param rootsMissing the configured roots the host lists as missing, in configured order
 * @param optionalMissing those of {@code rootsMissing} the config marks optional
 * @param heldTo the file count (and when it was seen) that a later empty copy is held to, carried
 *     by a copy that is not verified so that no failure in between can erase it; null when none
 */
public record CopyVerdict(boolean verified, String refusal, int files, List<String> rootsFound,
    List<String> rootsMissing, Set<String> optionalMissing, HeldTo heldTo) {
  /** A file count an earlier sync saw, and when: the figure a later empty copy is held to. */
  public record HeldTo(Instant at, int files) {}

  /** How an empty-copy refusal starts; its figure stays the reference for the syncs after it. */
  private static final Pattern EMPTY_COPY = Pattern.compile("^the copy has 0 files but the last sync on (\\S+) had (\\d+)");

  /** The figure a copy that is not verified carries on ({@link #detail}). */
  private static final Pattern HELD = Pattern.compile("\\{held to (\\d+) files seen (\\S+)\\}");

  private static final Pattern ROOTS_IN_DETAIL =
      Pattern.compile("\\[(roots found: [^\\]]*|roots not confirmed: [^\\]]*|no root configured)\\]");

  public CopyVerdict {
    rootsFound = List.copyOf(rootsFound);
    rootsMissing = List.copyOf(rootsMissing);
    optionalMissing = Set.copyOf(optionalMissing);
    if (verified != (refusal == null)) {
      throw new IllegalArgumentException("a verdict is verified exactly when it has no refusal: " + refusal);
    }
  }

  /**
   * Judges one pull. Pure.
   *
   * @param report what the pull did
   * @param roots the configured roots it was asked for ({@code sync.paths})
   * @param optional the roots that may be missing ({@code sync.optional_paths})
   * @param last the instance's sync record from before this pull, if any
   */
  public static CopyVerdict judge(SyncReport report, List<String> roots, Set<String> optional,
      Optional<SyncRecord> last) {
    Objects.requireNonNull(report, "report == null");
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String root : roots) {
      (report.missingPaths().contains(root) ? missing : found).add(root);
    }
    Set<String> optionalMissing = Set.copyOf(missing.stream().filter(optional::contains).toList());
    int files = report.filesCopied() + report.filesUnchanged();
    Optional<HeldTo> before = last.flatMap(CopyVerdict::reference);
    String refusal = refusal(report, found, missing, optionalMissing, files, before);
    return new CopyVerdict(refusal == null, refusal, files, found, missing, optionalMissing,
        refusal == null ? null : before.orElse(null));
  }

  private static String refusal(SyncReport report, List<String> found, List<String> missing,
      Set<String> optionalMissing, int files, Optional<HeldTo> before) {
    if (!report.verified()) {
      return transferProblem(report);
    }
    List<String> required = missing.stream().filter(root -> !optionalMissing.contains(root)).toList();
    if (!required.isEmpty()) {
      return String.join(", ", required) + (required.size() == 1 ? " is" : " are")
          + " missing on the host (not marked optional)";
    }
    if (found.isEmpty() && !missing.isEmpty()) {
      return "every configured root is missing on the host (" + String.join(", ", missing) + ")";
    }
    if (files == 0 && before.isPresent()) {
      return "the copy has 0 files but the last sync on " + before.get().at() + " had " + before.get().files();
    }
    return null;
  }

  /**
   * The file count a later copy is held to, and when it was seen: the largest of the last sync's
   * own count, the figure it carried on ({@link #detail}: a copy that is not verified carries the
   * one before it, so a failed pull in between erases nothing) and an empty-copy refusal's figure.
   */
  private static Optional<HeldTo> reference(SyncRecord last) {
    Optional<HeldTo> best = last.files() > 0 ? Optional.of(new HeldTo(last.syncedAt(), last.files()))
        : Optional.empty();
    String detail = last.detail() == null ? "" : last.detail();
    for (Matcher figure : List.of(HELD.matcher(detail), EMPTY_COPY.matcher(detail))) {
      if (!figure.find()) {
        continue;
      }
      try {
        boolean held = figure.pattern() == HELD;
        var seen = new HeldTo(Instant.parse(figure.group(held ? 2 : 1)),
            Integer.parseInt(figure.group(held ? 1 : 2)));
        if (best.isEmpty() || seen.files() > best.get().files()) {
          best = Optional.of(seen);
        }
      } catch (RuntimeException unreadable) {
        // a figure the bot did not write: left out
      }
    }
    return best;
  }

  /** Why the transfer itself did not verify: its failure, or its per-file problems. */
  private static String transferProblem(SyncReport report) {
    if (report.failure() != null) {
      return report.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + report.failureDetail();
    }
    return report.problems().size() + " problem(s): " + String.join("; ", report.problems());
  }

  /** "roots found: /a, /b; missing: /c (optional)", or "no root configured". */
  public String rootsLine() {
    if (rootsFound.isEmpty() && rootsMissing.isEmpty()) {
      return "no root configured";
    }
    List<String> shownMissing = rootsMissing.stream()
        .map(root -> optionalMissing.contains(root) ? root + " (optional)" : root).toList();
    return "roots found: " + (rootsFound.isEmpty() ? "none" : String.join(", ", rootsFound))
        + "; missing: " + (shownMissing.isEmpty() ? "none" : String.join(", ", shownMissing));
  }

  /**
   * What the store keeps as the sync's detail: "verified", the refusal, or (for a transfer that
   * failed) "not verified" first, then the roots in brackets, then the counts and the transfer's
   * own problem. The bot's words come before anything a host wrote, so a cap on the text keeps
   * them, and a later empty copy is still held to the figure an empty-copy refusal names.
   */
  public String detail(SyncReport report) {
    String head = verified ? "verified" : report.verified() ? refusal : "not verified";
    String counts = report.filesCopied() + " copied, " + report.filesUnchanged() + " unchanged, "
        + report.bytesCopied() + " bytes, " + report.databases() + " database(s)";
    String held = heldTo == null ? "" : " {held to " + heldTo.files() + " files seen " + heldTo.at() + "}";
    String roots = report.failure() == null ? rootsLine() : "roots not confirmed: the pull failed";
    return head + held + " [" + roots + "]; " + counts + (report.verified() ? "" : "; " + refusal);
  }

  /** The roots line a {@link #detail} holds ("roots found: ...; missing: ..."), if it holds one. */
  public static Optional<String> rootsIn(String detail) {
    Matcher roots = ROOTS_IN_DETAIL.matcher(detail == null ? "" : detail);
    return roots.find() ? Optional.of(roots.group(1)) : Optional.empty();
  }
}
