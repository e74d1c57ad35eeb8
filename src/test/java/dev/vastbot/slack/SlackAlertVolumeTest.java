package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.alert.AlertPlanner;
import dev.vastbot.fleet.alert.AlertSettings;
import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.fleet.health.HealthThresholds;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.service.health.HealthProbe;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.health.RecordingRules;
import dev.vastbot.service.health.SetupWatch;
import dev.vastbot.ssh.BoundedHostJson;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet-wide event in Slack: 600 of 1,000 instances go unreachable at once. The health sweep
 * (every minute, alerting after three failed checks) feeds the Slack sink, the outbox sends to the
 * stand-in paced as Slack asks; the clock is virtual. One summary, its list in the thread, a
 * handful of posts a minute at most, every follow-up threaded, and the recovery closes it.
 */
class SlackAlertVolumeTest {
  private static final int FLEET = 1_000;
  private static final int DOWN = 600;
  private static final String HEALTHY = String.join("\n", "@@vastbot:gpu", "0, 91, 16000, 24564, 70",
      "@@vastbot:workers", "2", "@@vastbot:p2p",
      "{\"healthy\": true, \"node_id\": \"vast-1\", \"active_peers\": 2, \"total_peers\": 2}",
      "@@vastbot:disk", "41", "@@vastbot:games", "17", "@@vastbot:tailscale", "100.64.0.3", "@@vastbot:end", "");
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackStandIn slack = SlackStandIn.start(clock);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final DrainedOutbox delivery = new DrainedOutbox(store, slack, clock);
  private final Set<Long> unreachable = ConcurrentHashMap.newKeySet();
  private final RemoteShell shell = new RemoteShell() {
    @Override
    public ShellOutcome run(SshTarget target, String command, Duration deadline) {
      return unreachable.contains(target.instanceId())
          ? ShellOutcome.failed(ShellOutcome.Failure.UNREACHABLE, "connection timed out", Duration.ZERO)
          : ShellOutcome.completed(0, HEALTHY, "", false, Duration.ZERO);
    }

    @Override
    public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
      var outcomes = new LinkedHashMap<Long, ShellOutcome>();
      targets.forEach(target -> outcomes.put(target.instanceId(), run(target, command, deadline)));
      return outcomes;
    }

    @Override
    public void close() {}
  };
  private final HealthSweep sweep = new HealthSweep(shell, store,
      new SlackAlertSink(delivery.outbox(), "C0000CHAN", store, new AlertPlanner(AlertSettings.DEFAULTS), clock),
      new HealthProbe(new ProbeSettings("generate_data", "echo 0", 8770, "/health"), Duration.ofSeconds(5),
          new HealthClassifier(new HealthThresholds(60, 80, 90), new BoundedHostJson())),
      clock, new RecordingRules(10, 3), new SetupWatch(store, clock, SetupWatch.DEFAULT_DEADLINE));
  private final List<Instance> fleet = fleet();

  private static List<Instance> fleet() {
    var vast = new FakeGpuProvider();
    for (long id = 1; id <= FLEET; id++) {
      vast.withReachableInstance(id, "RTX 4090");
    }
    return vast.listInstances();
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  /** One sweep a minute for {@code minutes}, the outbox drained as it goes (at most until the next sweep). */
  private void sweepEveryMinute(int minutes) {
    for (int minute = 0; minute < minutes; minute++) {
      Instant next = clock.instant().plus(Duration.ofMinutes(1));
      sweep.sweep(fleet);
      delivery.drainAll();
      if (clock.instant().isBefore(next)) {
        clock.advance(Duration.between(clock.instant(), next));
      }
    }
  }

  @Test
  void sixHundredUnreachable_isOneSummary_withTheListInItsThread_andAHandfulOfPostsAMinute() {
    sweepEveryMinute(2);
    assertEquals(0, slack.calls("chat.postMessage").size(), "a healthy fleet says nothing");
    for (long id = 1; id <= DOWN; id++) {
      unreachable.add(id);
    }
    sweepEveryMinute(90);
    for (long id = 1; id <= DOWN; id++) {
      unreachable.remove(id);
    }
    sweepEveryMinute(3);

    var posts = slack.calls("chat.postMessage");
    var topLevel = posts.stream().filter(call -> call.param("thread_ts") == null).toList();
    assertEquals(1, topLevel.size(), "one summary: " + topLevel.stream().map(c -> c.param("text")).toList());
    String summary = topLevel.get(0).param("text");
    assertTrue(summary.startsWith(":warning: 600 instances unreachable since 12:04 UTC (health sweep)"), summary);
    String thread = topLevel.get(0).answerJson().path("ts").asText();
    assertTrue(posts.stream().allMatch(call -> call.param("thread_ts") == null || thread.equals(call.param("thread_ts"))),
        "every follow-up in the summary's thread");
    String listed = posts.stream().filter(call -> thread.equals(call.param("thread_ts"))).map(call -> call.param("blocks"))
        .collect(Collectors.joining());
    assertTrue(listed.contains("failed 3 health checks in a row"), listed);
    for (long id = 1; id <= DOWN; id++) {
      assertTrue(java.util.regex.Pattern.compile("vast-" + id + "(?![0-9])").matcher(listed).find(),
          "vast-" + id + " listed");
    }
    assertTrue(listed.contains("Still going on for 600") && listed.contains("Resolved for 600"), listed);
    assertTrue(postsPerMinute(posts).values().stream().allMatch(count -> count <= 5),
        "at most five posts in any minute: " + postsPerMinute(posts));
    assertTrue(posts.size() <= 12, posts.size() + " posts in all (summary, list, one hourly follow-up, recovery)");
    var closed = slack.calls("chat.update");
    assertEquals(1, closed.size());
    assertEquals(thread, closed.get(0).param("ts"));
    assertTrue(closed.get(0).param("text").contains("Resolved: all of them cleared"), closed.get(0).param("text"));
    assertTrue(delivery.undelivered().isEmpty(), delivery.undelivered().toString());
    assertTrue(slack.calls().stream().noneMatch(call -> call.status() == 429), "paced, never limited");
  }

  @Test
  void aFewUnreachable_eachGetTheirOwnThread() {
    sweepEveryMinute(1);
    for (long id = 1; id <= 3; id++) {
      unreachable.add(id);
    }
    sweepEveryMinute(5);
    var topLevel = slack.calls("chat.postMessage").stream().filter(call -> call.param("thread_ts") == null).toList();
    assertEquals(3, topLevel.size());
    assertTrue(topLevel.stream().allMatch(call -> call.param("text").contains("failed 3 health checks in a row")));
  }

  private static Map<Long, Integer> postsPerMinute(List<SlackStandIn.Call> posts) {
    return posts.stream().collect(Collectors.groupingBy(call -> call.receivedAt().getEpochSecond() / 60, TreeMap::new,
        Collectors.summingInt(call -> 1)));
  }
}
