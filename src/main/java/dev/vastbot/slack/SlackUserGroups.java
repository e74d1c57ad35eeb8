package dev.vastbot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.fleet.text.SafeText;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user groups' members ({@code usergroups.users.list}, scope {@code usergroups:read}), cached
 * with Caffeine: read at start-up ({@link #preload}), re-read in the background every {@value
 * #REFRESH_MINUTES} minutes when asked for, and at once (at most every {@value
 * #MISS_GAP_SECONDS} s per group) when a user is not found, so someone just added counts a moment
 * later. A lookup answers from memory and never waits for Slack; a group that was never read has
 * no members. A failed read keeps the members read before and is logged. Thread-safe.
 */
public final class SlackUserGroups implements UserGroups {
  static final int REFRESH_MINUTES = 5;
  static final int MISS_GAP_SECONDS = 30;
  private static final Logger log = LoggerFactory.getLogger(SlackUserGroups.class);
  private final MethodsClient client;
  private final LoadingCache<String, Set<String>> members;
  private final Cache<String, Boolean> recentMisses;

  /**
   * @param client a Web API client holding the bot token
   * @param ticker Caffeine's time, injected so tests advance it
   * @param executor where reads run (Caffeine's refreshes)
   */
  public SlackUserGroups(MethodsClient client, Ticker ticker, Executor executor) {
    this.client = client;
    this.members = Caffeine.newBuilder()
        .ticker(ticker)
        .executor(executor)
        .refreshAfterWrite(Duration.ofMinutes(REFRESH_MINUTES))
        .maximumSize(1_000)
        .build(this::read);
    this.recentMisses = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(Duration.ofSeconds(MISS_GAP_SECONDS))
        .maximumSize(1_000)
        .build();
  }

  @Override
  public Optional<Set<String>> members(String groupId) {
    Set<String> known = members.getIfPresent(groupId);
    if (known == null) {
      missed(groupId, null);
    }
    return Optional.ofNullable(known);
  }

  @Override
  public void missed(String groupId, String userId) {
    if (recentMisses.asMap().putIfAbsent(groupId, Boolean.TRUE) == null) {
      members.refresh(groupId);
    }
  }

  /**
   * Reads {@code groupIds} now, waiting at most {@code bound} for them all; a group that could not
   * be read is logged and read again when next asked for.
   */
  public void preload(Collection<String> groupIds, Duration bound) {
    CompletableFuture<?>[] reads = groupIds.stream().map(members::refresh).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(reads).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException slow) {
      log.warn("Slack user groups not all read within " + bound.toSeconds()
          + " s; their members count once read");
    } catch (java.util.concurrent.ExecutionException failed) {
      // logged by read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The group's members from Slack; throws (keeping what was read before) when Slack will not say. */
  private Set<String> read(String groupId) throws IOException, SlackApiException {
    try {
      var answer = client.usergroupsUsersList(r -> r.usergroup(groupId));
      if (!answer.isOk()) {
        String why = SafeText.forTerminalCell(answer.getError(), 80) + (answer.getNeeded() == null ? ""
            : "; the app needs the scope " + SafeText.forTerminalCell(answer.getNeeded(), 80));
        log.warn("Slack would not list user group "
            + SafeText.forTerminalCell(groupId, 40) + " (" + why + "); its members do not count until it does");
        throw new IllegalStateException("usergroups.users.list: " + why);
      }
      return Set.copyOf(answer.getUsers() == null ? Set.of() : answer.getUsers());
    } catch (IOException | SlackApiException e) {
      log.warn("could not read Slack user group " + SafeText.forTerminalCell(groupId, 40)
          + " (" + e.getClass().getSimpleName() + ")");
      throw e;
    }
  }
}
