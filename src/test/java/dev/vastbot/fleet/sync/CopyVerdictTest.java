package dev.vastbot.fleet.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CopyVerdictTest {
  private static final String GAMES = "/root/ai/data/games";
  private static final String MODELS = "/root/ai/models";
  private static final List<String> ROOTS = List.of(GAMES, MODELS);
  private static final Instant MONDAY = Instant.parse("2026-11-23T08:00:00Z");

  private static SyncReport copied(int files, String... missing) {
    return new SyncReport(files, 0, files * 100L, 0, List.of(missing), null, null, List.of(), Duration.ofSeconds(1));
  }

  private static CopyVerdict judge(SyncReport report, Set<String> optional, Optional<SyncRecord> last) {
    return CopyVerdict.judge(report, ROOTS, optional, last);
  }

  @Test
  void everyRootListedMissing_isNotVerified_evenThoughTheTransferHadNothingToFail() {
    var verdict = judge(copied(0, GAMES, MODELS), Set.of(), Optional.empty());
    assertFalse(verdict.verified());
    assertEquals(GAMES + ", " + MODELS + " are missing on the host (not marked optional)", verdict.refusal());
    assertEquals("roots found: none; missing: " + GAMES + ", " + MODELS, verdict.rootsLine());
  }

  @Test
  void everyRootMissing_isNotVerified_evenWhenEachIsOptional() {
    var verdict = judge(copied(0, GAMES, MODELS), Set.of(GAMES, MODELS), Optional.empty());
    assertFalse(verdict.verified());
    assertTrue(verdict.refusal().startsWith("every configured root is missing on the host"), verdict.refusal());
  }

  @Test
  void aRequiredRootMissing_namesIt() {
    var verdict = judge(copied(12, MODELS), Set.of(), Optional.empty());
    assertFalse(verdict.verified());
    assertEquals(MODELS + " is missing on the host (not marked optional)", verdict.refusal());
    assertEquals(List.of(GAMES), verdict.rootsFound());
  }

  @Test
  void anOptionalRootMissing_isVerified_andShownAsOptional() {
    var verdict = judge(copied(12, MODELS), Set.of(MODELS), Optional.empty());
    assertTrue(verdict.verified(), verdict.refusal());
    assertEquals("roots found: " + GAMES + "; missing: " + MODELS + " (optional)", verdict.rootsLine());
    String detail = verdict.detail(copied(12, MODELS));
    assertTrue(detail.startsWith("verified [roots found: " + GAMES + "; missing: " + MODELS + " (optional)]; 12 copied"),
        detail);
    assertEquals(Optional.of(verdict.rootsLine()), CopyVerdict.rootsIn(detail));
  }

  @Test
  void anEmptyCopy_whereTheLastSyncHadFiles_isNotVerified_andSaysWhen() {
    var last = new SyncRecord(7, MONDAY, 412, 1 << 20, true, "verified: 412 copied");
    var verdict = judge(copied(0), Set.of(), Optional.of(last));
    assertFalse(verdict.verified());
    assertEquals("the copy has 0 files but the last sync on 2026-11-23T08:00:00Z had 412", verdict.refusal());
  }

  @Test
  void aSecondEmptyCopy_isStillHeldToTheFilesSeenBefore() {
    var first = new SyncRecord(7, MONDAY, 412, 1 << 20, true, "verified: 412 copied");
    var refused = judge(copied(0), Set.of(), Optional.of(first));
    var recorded = new SyncRecord(7, MONDAY.plusSeconds(60), refused.files(), 0, false, refused.detail(copied(0)));

    var again = judge(copied(0), Set.of(), Optional.of(recorded));

    assertFalse(again.verified());
    assertEquals(refused.refusal(), again.refusal());
  }

  @Test
  void anEmptyCopy_isVerified_whenNoSyncBeforeHadFiles() {
    assertTrue(judge(copied(0), Set.of(), Optional.empty()).verified());
    var emptyBefore = new SyncRecord(7, MONDAY, 0, 0, true, "verified: 0 copied");
    assertTrue(judge(copied(0), Set.of(), Optional.of(emptyBefore)).verified());
  }

  @Test
  void aFailedTransfer_isNotVerified_withItsOwnReason() {
    var failed = new SyncReport(0, 0, 0, 0, List.of(), SyncReport.Failure.LOCAL_DISK_FULL, "needs 600 MB",
        List.of(), Duration.ZERO);
    var verdict = judge(failed, Set.of(), Optional.empty());
    assertFalse(verdict.verified());
    assertEquals("local disk full: needs 600 MB", verdict.refusal());
  }

  @Test
  void aFailedPullInBetween_erasesNothing_theNextEmptyCopyIsStillRefused() {
    var good = new SyncRecord(7, MONDAY, 100, 1 << 20, true, "verified: 100 copied");
    var unreachable = new SyncReport(0, 0, 0, 0, List.of(), SyncReport.Failure.UNREACHABLE, "no route",
        List.of(), Duration.ZERO);
    var failed = judge(unreachable, Set.of(), Optional.of(good));
    var recorded = new SyncRecord(7, MONDAY.plusSeconds(60), failed.files(), 0, false, failed.detail(unreachable));

    var empty = judge(copied(0), Set.of(), Optional.of(recorded));

    assertFalse(empty.verified(), recorded.detail());
    assertEquals("the copy has 0 files but the last sync on 2026-11-23T08:00:00Z had 100", empty.refusal());
    assertEquals(Optional.of("roots not confirmed: the pull failed"), CopyVerdict.rootsIn(recorded.detail()));
  }

  @Test
  void aPartialCopyThatFailed_doesNotLowerTheFigure() {
    var good = new SyncRecord(7, MONDAY, 100, 1 << 20, true, "verified: 100 copied");
    var cut = new SyncReport(3, 0, 300, 0, List.of(), SyncReport.Failure.TIMEOUT, "deadline", List.of(), Duration.ZERO);
    var failed = judge(cut, Set.of(), Optional.of(good));
    var recorded = new SyncRecord(7, MONDAY.plusSeconds(60), failed.files(), 0, false, failed.detail(cut));

    assertEquals("the copy has 0 files but the last sync on 2026-11-23T08:00:00Z had 100",
        judge(copied(0), Set.of(), Optional.of(recorded)).refusal());
  }
}
