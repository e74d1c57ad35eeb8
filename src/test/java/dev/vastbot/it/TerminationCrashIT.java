package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.ssh.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot process is killed ({@code kill -9}) at random points of terminations (while it
 * quiesces, syncs, has verified, destroys) and started again each time against the same {@code
 * sim} process, with the same store. No instance is ever destroyed without a verified copy (each
 * destroyed instance's local copy equals its host's data), and after the restarts no termination
 * stays unfinished.
 */
class TerminationCrashIT {
  private static final int INSTANCES = 4;
  private static final int MIN_KILLS = 20;
  private static final int KILLS_PER_INSTANCE = 6;
  /** The steps a kill aims at, in their order; a kill lands at the aim or at a later step. */
  private static final List<String> KILL_STATES = List.of("QUIESCING", "SYNCING", "VERIFIED", "DESTROYING");
  private static final List<String> AIMS = List.of("QUIESCING", "SYNCING", "DESTROYING");
  private static final Duration BOUND = Duration.ofMinutes(8);
  private static final String APPROVER = "U0CRASH";
  @TempDir Path dir;
  private final Random random = new Random(20261201L);
  private final Map<String, Integer> killsByState = new TreeMap<>();
  private String dbUrl;

  @Test
  void killedAtRandomPoints_neverDestroysWithoutAVerifiedCopy_andNothingStaysStuck() throws Exception {
    Process sim = JarProcess.builder(Map.of(), dir, "sim", "--hosts", "--seed", "3")
        .redirectErrorStream(true).start();
    try {
      Map<String, String> env = environment(JarProcess.readValues(sim, List.of("VAST_API_URL", "VAST_API_KEY", "SIM_HOSTS_DIR")));
      Path hostsDir = Path.of(env.remove("SIM_HOSTS_DIR"));
      var provisioned = JarProcess.run(env, dir, "", 300,
          "p2p-sync", "--provision", "--gpu-type", "RTX_4090", "--count", Integer.toString(INSTANCES));
      assertEquals(0, provisioned.exitCode(), provisioned.out() + provisioned.err());
      List<Long> ids = Pattern.compile("(?m)^(\\d{6,})\\s+RTX 4090\\s+running").matcher(provisioned.out()).results()
          .map(m -> Long.parseLong(m.group(1))).distinct().toList();
      assertEquals(INSTANCES, ids.size(), provisioned.out());
      for (long id : ids) {
        Files.write(aiService(hostsDir, id).resolve("models/checkpoint_big.pt"), randomBytes(48 << 20));
      }

      Instant deadline = Instant.now().plus(BOUND);
      for (long id : ids) {
        terminateThroughCrashes(env, id, deadline);
        assertCopyEqualsHost(aiService(hostsDir, id), dir.resolve("sync/" + id));
      }
      int kills = killsByState.values().stream().mapToInt(Integer::intValue).sum();
      System.out.println("crash test: " + kills + " kill -9 of the bot, by the state the termination was in: "
          + killsByState);
      assertTrue(kills >= MIN_KILLS, "only " + kills + " kills landed: " + killsByState);
      assertEquals(List.of(), openTerminations(), "no termination stays unfinished");
      assertEquals(INSTANCES, count("SELECT count(*) FROM operations WHERE kind = 'terminate' AND state = 'SUCCEEDED'"));
      assertEquals(0, count("SELECT count(*) FROM audit_log WHERE action = 'destroy-without-sync'"));
    } finally {
      sim.destroy();
      sim.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code lifecycle --shutdown} until the instance is destroyed, killing it at random points. */
  private void terminateThroughCrashes(Map<String, String> env, long id, Instant deadline) throws Exception {
    int kills = 0;
    while (Instant.now().isBefore(deadline)) {
      Process bot = JarProcess.builder(env, dir, "lifecycle", "--shutdown", "--instance", "vast-" + id,
          "--sync-first", "--approved-by", APPROVER).redirectErrorStream(true)
          .redirectOutput(dir.resolve("bot-" + id + ".log").toFile()).start();
      Optional<String> target = kills < KILLS_PER_INSTANCE
          ? Optional.of(AIMS.get(random.nextInt(AIMS.size()))) : Optional.empty();
      Optional<String> killedIn = target.flatMap(state -> killWhenIn(bot, id, state));
      if (killedIn.isPresent()) {
        kills++;
        killsByState.merge(killedIn.get().toLowerCase(), 1, Integer::sum);
        continue;
      }
      assertTrue(bot.waitFor(Duration.between(Instant.now(), deadline).toSeconds() + 1, TimeUnit.SECONDS),
          "lifecycle --shutdown of vast-" + id + " finished in time");
      if (state(id).filter("SUCCEEDED"::equals).isPresent()) {
        return;
      }
    }
    throw new AssertionError("vast-" + id + " not destroyed by the bound; its termination: " + state(id)
        + "; log: " + Files.readString(dir.resolve("bot-" + id + ".log")));
  }

  /**
   * Kills the bot once its termination of {@code id} is in {@code aim} or a later step; empty when
   * it ended first.
   */
  private Optional<String> killWhenIn(Process bot, long id, String aim) {
    List<String> atOrAfter = KILL_STATES.subList(KILL_STATES.indexOf(aim), KILL_STATES.size());
    while (bot.isAlive()) {
      Optional<String> now = state(id);
      if (now.filter(atOrAfter::contains).isPresent()) {
        bot.destroyForcibly();
        awaitExit(bot);
        return now;
      }
      pollPause();
    }
    return Optional.empty();
  }

  private static void awaitExit(Process bot) {
    try {
      bot.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Bounded wait between two reads of the store (the bot runs in another process). */
  private static void pollPause() {
    try {
      TimeUnit.MILLISECONDS.sleep(15);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The state of the newest termination of {@code id}. */
  private Optional<String> state(long id) {
    try (var connection = DriverManager.getConnection(dbUrl);
        var query = connection.prepareStatement(
            "SELECT state FROM operations WHERE kind = 'terminate' AND target = ? ORDER BY id DESC LIMIT 1")) {
      query.setString(1, "vast-" + id);
      try (var rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException notYet) {
      return Optional.empty();
    }
  }

  private List<String> openTerminations() throws SQLException {
    List<String> open = new ArrayList<>();
    try (var connection = DriverManager.getConnection(dbUrl);
        var rows = connection.createStatement().executeQuery("SELECT target, state FROM operations "
            + "WHERE kind = 'terminate' AND state NOT IN ('SUCCEEDED', 'FAILED', 'DENIED', 'EXPIRED',"
            + " 'NEEDS_ATTENTION', 'CANCELLED')")) {
      while (rows.next()) {
        open.add(rows.getString(1) + " " + rows.getString(2));
      }
    }
    return open;
  }

  private long count(String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(dbUrl);
        var rows = connection.createStatement().executeQuery(sql)) {
      return rows.getLong(1);
    }
  }

  /** The destroyed instance's data, as its host folder still holds it, equals the local copy. */
  private static void assertCopyEqualsHost(Path hostData, Path copyRoot) throws Exception {
    try (Stream<Path> files = Files.walk(hostData.resolve("models"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = copyRoot.resolve(file.toString().substring(1));
        assertTrue(Files.exists(copy), "copied before the destroy: " + copy);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy), file.toString());
      }
    }
    for (String db : List.of("data/unified_elo.db:elo_ratings", "data/games/selfplay_square8.db:games")) {
      String[] parts = db.split(":");
      Path copy = copyRoot.resolve(hostData.resolve(parts[0]).toString().substring(1));
      assertEquals(rows(hostData.resolve(parts[0]), parts[1]), rows(copy, parts[1]), "rows of " + copy);
    }
  }

  private static long rows(Path db, String table) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        var result = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      return result.getLong(1);
    }
  }

  private static Path aiService(Path hostsDir, long id) {
    return hostsDir.resolve("host-" + id + "/root/ringrift/ai-service");
  }

  private Map<String, String> environment(Map<String, String> sim) throws Exception {
    Map<String, String> env = new HashMap<>(sim);
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        slack:
          approvers: [%s]
        provision:
          poll_interval_seconds: 1
        budgets:                 # the four instances at once, within the budget forecast
          daily_usd: 500
          monthly_usd: 10000
        health:
          connect_timeout_seconds: 3
          command_timeout_seconds: 20
        sync:
          paths:
            - ~/ringrift/ai-service/data/games
            - ~/ringrift/ai-service/models
            - ~/ringrift/ai-service/data/unified_elo.db
          local_dir: %s
        """.formatted(APPROVER, dir.resolve("sync")));
    Path key = dir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "crash-test");
    dbUrl = "jdbc:sqlite:" + dir.resolve("vastbot.db");
    env.put("VASTBOT_CONFIG_DIR", config.toString());
    env.put("VAST_SSH_KEY", key.toString());
    env.put("VASTBOT_DB", dbUrl);
    return env;
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
