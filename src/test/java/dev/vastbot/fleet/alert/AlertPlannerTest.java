package dev.vastbot.fleet.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How loud a pass's alerts are: threads, a summary, follow-ups now and then, a close when all cleared. */
class AlertPlannerTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:04:00Z");
  private final AlertPlanner planner = new AlertPlanner(new AlertSettings(5, Duration.ofMinutes(60)));

  private static AlertEvent.Raised down(int id) {
    return new AlertEvent.Raised(new Alert(Alert.Severity.WARNING, "unhealthy:" + id, "vast-" + id
        + " failed 3 health checks in a row: unreachable (connection timed out)"), "vast-" + id, "unreachable");
  }

  private static AlertEvent.Continued still(int id) {
    return new AlertEvent.Continued(new Alert(Alert.Severity.INFO, "unhealthy:" + id, "vast-" + id
        + " still unreachable"), "vast-" + id);
  }

  private static AlertEvent.Cleared up(int id) {
    return new AlertEvent.Cleared("unhealthy:" + id, "vast-" + id, "vast-" + id + " is healthy again");
  }

  private static AlertBatch batch(Instant at, List<? extends AlertEvent> events) {
    return new AlertBatch("health sweep", at, new ArrayList<>(events));
  }

  private static Map<String, AlertThread> opened(AlertPlan plan) {
    var open = new LinkedHashMap<String, AlertThread>();
    plan.opened().forEach(thread -> open.put(thread.incident(), thread));
    return open;
  }

  @Test
  void upToTheThreshold_eachIncidentOpensItsOwnThread() {
    AlertPlan plan = planner.plan(batch(T0, IntStream.rangeClosed(1, 5).mapToObj(AlertPlannerTest::down).toList()),
        Map.of());
    assertEquals(5, plan.steps().size());
    assertTrue(plan.steps().stream().allMatch(step -> step instanceof AlertPlan.Open));
    assertEquals(5, plan.opened().stream().map(AlertThread::threadKey).distinct().count());
  }

  @Test
  void overTheThreshold_oneSummary_withTheListGroupedInItsThread() {
    AlertPlan plan = planner.plan(batch(T0, IntStream.rangeClosed(1, 600).mapToObj(AlertPlannerTest::down).toList()),
        Map.of());
    assertEquals(2, plan.steps().size());
    var summary = (AlertPlan.Open) plan.steps().get(0);
    assertEquals("600 instances unreachable since 12:04 UTC (health sweep); the list is in the thread.",
        summary.text());
    var list = (AlertPlan.Note) plan.steps().get(1);
    assertEquals(summary.threadKey(), list.threadKey());
    assertEquals("All 600:", list.heading());
    assertEquals(1, list.lines().size(), "the same words about 600 instances are one line");
    assertTrue(list.lines().get(0).startsWith("failed 3 health checks in a row: unreachable (connection timed out):"
        + " vast-1, vast-2, "), list.lines().get(0));
    assertTrue(list.lines().get(0).endsWith("vast-600 (600)"));
    assertTrue(plan.opened().stream().allMatch(thread -> thread.threadKey().equals(summary.threadKey())));
  }

  @Test
  void differentStatuses_areCountedInTheSummary() {
    var events = new ArrayList<AlertEvent>(IntStream.rangeClosed(1, 6).mapToObj(AlertPlannerTest::down).toList());
    events.add(new AlertEvent.Raised(new Alert(Alert.Severity.CRITICAL, "host-key:9", "vast-9: SSH host key changed"),
        "vast-9", "with a changed host key"));
    var summary = (AlertPlan.Open) planner.plan(batch(T0, events), Map.of()).steps().get(0);
    assertEquals(Alert.Severity.CRITICAL, summary.severity());
    assertEquals("7 instances need attention since 12:04 UTC (health sweep): 6 unreachable, 1 with a changed host"
        + " key; the list is in the thread.", summary.text());
  }

  @Test
  void goingOn_isMentionedAtMostOncePerRepeat_oneReplyPerThread() {
    var open = opened(planner.plan(batch(T0, IntStream.rangeClosed(1, 10).mapToObj(AlertPlannerTest::down).toList()),
        Map.of()));
    var everyone = IntStream.rangeClosed(1, 10).mapToObj(AlertPlannerTest::still).toList();
    assertTrue(planner.plan(batch(T0.plus(Duration.ofMinutes(59)), everyone), open).steps().isEmpty());
    AlertPlan due = planner.plan(batch(T0.plus(Duration.ofMinutes(60)), everyone), open);
    assertEquals(1, due.steps().size());
    var note = (AlertPlan.Note) due.steps().get(0);
    assertEquals("Still going on for 10 (as of 13:04 UTC):", note.heading());
    assertEquals(List.of("still unreachable: vast-1, vast-2, vast-3, vast-4, vast-5, vast-6, vast-7, vast-8, vast-9,"
        + " vast-10 (10)"), note.lines());
    assertEquals(10, due.mentioned().size());
  }

  @Test
  void clearing_notesEachThreadOnce_andClosesItWhenNothingIsLeftOpen() {
    var open = opened(planner.plan(batch(T0, IntStream.rangeClosed(1, 10).mapToObj(AlertPlannerTest::down).toList()),
        Map.of()));
    AlertPlan some = planner.plan(batch(T0.plusSeconds(60), List.of(up(1), up(2))), open);
    assertEquals(List.of("unhealthy:1", "unhealthy:2"), some.cleared());
    assertEquals(1, some.steps().size(), "nine... still open: no close yet");
    open.remove("unhealthy:1");
    open.remove("unhealthy:2");
    AlertPlan rest = planner.plan(batch(T0.plusSeconds(120), IntStream.rangeClosed(3, 10)
        .mapToObj(AlertPlannerTest::up).toList()), open);
    assertEquals(2, rest.steps().size());
    assertEquals("Resolved: all of them cleared by 12:06 UTC.", ((AlertPlan.Close) rest.steps().get(1)).text());
  }

  @Test
  void anIncidentAlone_isResolvedInItsOwnWords_andNothingFollowsWhatNobodyWasToldOf() {
    var open = opened(planner.plan(batch(T0, List.of(down(1))), Map.of()));
    AlertPlan plan = planner.plan(batch(T0.plusSeconds(60), List.of(up(1), up(2), still(3))), open);
    assertEquals(List.of("unhealthy:1"), plan.cleared());
    assertEquals("Resolved: vast-1 is healthy again", ((AlertPlan.Close) plan.steps().get(1)).text());
    assertEquals(2, plan.steps().size());
  }

  @Test
  void raisedAgainWhileOpen_isAFollowUpNotASecondThread() {
    var open = opened(planner.plan(batch(T0, List.of(down(1))), Map.of()));
    AlertPlan plan = planner.plan(batch(T0.plus(Duration.ofHours(2)), List.of(down(1))), open);
    assertTrue(plan.opened().isEmpty());
    assertEquals(1, plan.steps().size());
    assertTrue(plan.steps().get(0) instanceof AlertPlan.Note);
  }
}
