package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** User groups read from the Web API stand-in, kept in memory, and read again on time and on a miss. */
class SlackUserGroupsTest {
  private final SlackStandIn slack = SlackStandIn.start();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SlackUserGroups groups = new SlackUserGroups(
      Slack.getInstance(slack.sdkConfig()).methods(SlackStandIn.BOT_TOKEN),
      () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), Runnable::run);

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void aPreloadedGroup_answersFromMemory() {
    slack.setUserGroup("S0OPS", "U1", "U2");
    groups.preload(List.of("S0OPS"), Duration.ofSeconds(10));
    assertEquals(Optional.of(Set.of("U1", "U2")), groups.members("S0OPS"));
    assertEquals(Optional.of(Set.of("U1", "U2")), groups.members("S0OPS"));
    assertEquals(1, slack.calls("usergroups.users.list").size());
  }

  @Test
  void afterFiveMinutes_aLookupReadsTheGroupAgain() {
    slack.setUserGroup("S0OPS", "U1");
    groups.preload(List.of("S0OPS"), Duration.ofSeconds(10));
    slack.setUserGroup("S0OPS", "U1", "U3");
    clock.advance(Duration.ofMinutes(SlackUserGroups.REFRESH_MINUTES).plusSeconds(1));
    groups.members("S0OPS"); // served the old members, and starts the read (here on the caller's thread)
    assertEquals(Optional.of(Set.of("U1", "U3")), groups.members("S0OPS"));
  }

  @Test
  void missesReadTheGroupAgain_atMostEveryThirtySeconds() {
    slack.setUserGroup("S0OPS", "U1");
    groups.preload(List.of("S0OPS"), Duration.ofSeconds(10));
    groups.missed("S0OPS", "U9");
    groups.missed("S0OPS", "U9");
    assertEquals(2, slack.calls("usergroups.users.list").size(), "one read for two misses in a row");
    clock.advance(Duration.ofSeconds(SlackUserGroups.MISS_GAP_SECONDS + 1));
    groups.missed("S0OPS", "U9");
    assertEquals(3, slack.calls("usergroups.users.list").size());
  }

  @Test
  void aGroupSlackWillNotList_hasNoMembers_andAFailedReadKeepsWhatWasRead() {
    groups.preload(List.of("S0GONE"), Duration.ofSeconds(10));
    assertEquals(Optional.empty(), groups.members("S0GONE"));
    slack.setUserGroup("S0OPS", "U1");
    groups.preload(List.of("S0OPS"), Duration.ofSeconds(10));
    slack.failNext("usergroups.users.list", "ratelimited");
    clock.advance(Duration.ofMinutes(SlackUserGroups.REFRESH_MINUTES).plusSeconds(1));
    groups.members("S0OPS");
    assertEquals(Optional.of(Set.of("U1")), groups.members("S0OPS"));
    assertTrue(slack.calls("usergroups.users.list").size() >= 3);
  }
}
