package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.sim.host.SimHost;
import dev.vastbot.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A termination from {@code /vast shutdown} to a destroyed instance, over real SSH against a
 * simulated host whose self-play worker is still writing and whose Elo database holds rows only
 * in its {@code -wal}: at the moment the simulated API receives the DELETE, every local copy
 * matches the host's (files byte for byte; the databases have every row and pass their integrity
 * check).
 */
class TerminationEndToEndTest {
  private static final int WAL_ROWS = 250;
  @TempDir Path configDir;
  private DemoWorld world;
  private Process walWriter;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        health:
          connect_timeout_seconds: 2
          command_timeout_seconds: 10
        """);
    world = DemoWorld.start(ConfigLoader.load(configDir, Map.of(), configDir), 5, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    if (walWriter != null) {
      walWriter.getOutputStream().close();
      walWriter.destroy();
    }
    world.close();
  }

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(world.bot().router().route(line, Caller.console()));
  }

  @Test
  void theLocalCopyIsCompleteAndVerified_beforeTheDeleteArrives_thenTheInstanceIsGone() throws Exception {
    assertTrue(run("/vast provision --gpu-type RTX_4090 --count 1").contains("OK: 1 new instance(s) running."));
    long id = world.bot().provider().listInstances().get(0).id();
    SimHost host = world.hosts().host(id).orElseThrow();
    Path data = host.home().resolve("ringrift/ai-service");
    holdRowsOnlyInTheWal(data.resolve("data/unified_elo.db"));
    Eventually.await("the worker writes games", () -> rows(data.resolve("data/games/selfplay_square8.db"), "games"),
        n -> n > 0);

    List<String> atDelete = new CopyOnWriteArrayList<>();
    world.marketplace().onDestroy(destroyed -> atDelete.addAll(differences(data, world.syncDir().resolve(
        Long.toString(destroyed)))));

    String shutdown = run("/vast shutdown " + id + " --reason test");
    long request = Long.parseLong(Pattern.compile("Termination (\\d+)").matcher(shutdown).results().findFirst()
        .orElseThrow(() -> new AssertionError(shutdown)).group(1));
    String approved = run("approve " + request);

    assertTrue(approved.contains("OK: vast-" + id + " destroyed after a verified copy"), approved);
    assertEquals(List.of("checked"), atDelete, "what differed at the DELETE");
    assertTrue(world.bot().provider().findInstance(id).isEmpty(), "gone");
    assertTrue(run("/vast sync status").contains("verified"));
  }

  @Test
  void aDeniedTermination_keepsTheInstanceAndItsWork_andNothingIsCopiedOrDestroyed() throws Exception {
    long id = provisionOne();
    List<Long> destroyed = new CopyOnWriteArrayList<>();
    world.marketplace().onDestroy(destroyed::add);

    String denied = run("deny " + requestTermination(id));

    assertTrue(denied.contains("denied"), denied);
    assertEquals(List.of(), destroyed, "DELETEs that reached the simulated API");
    assertEquals("running", world.bot().provider().findInstance(id).orElseThrow().state().display());
    assertFalse(Files.exists(world.syncDir().resolve(Long.toString(id))), "nothing was copied");
    String health = run("/vast health --fresh");
    assertTrue(health.lines().anyMatch(line -> line.startsWith(id + " ") && line.contains(" healthy ")),
        "its workers still run: " + health);
  }

  @Test
  void anUnreachableHost_isNotDestroyed_butNeedsAttention_withTheReason() throws Exception {
    long id = provisionOne();
    List<Long> destroyed = new CopyOnWriteArrayList<>();
    world.marketplace().onDestroy(destroyed::add);
    world.hosts().host(id).orElseThrow().faults().sshHang(true);

    String approved = run("approve " + requestTermination(id));

    assertTrue(approved.contains("not synced, not destroyed"), approved);
    assertEquals(List.of(), destroyed, "DELETEs that reached the simulated API");
    assertTrue(world.bot().provider().findInstance(id).isPresent(), "kept");
    String audit = run("/vast audit 10");
    assertTrue(audit.lines().anyMatch(line -> line.contains("termination-needs_attention  vast-" + id
        + "  could not quiesce it")), audit);
  }

  private long provisionOne() throws InterruptedException {
    String provisioned = run("/vast provision --gpu-type RTX_4090 --count 1");
    assertTrue(provisioned.contains("OK: 1 new instance(s) running."), provisioned);
    return world.bot().provider().listInstances().get(0).id();
  }

  /** {@code /vast shutdown ID}: the request id of the termination now awaiting approval. */
  private long requestTermination(long id) throws InterruptedException {
    String shutdown = run("/vast shutdown " + id + " --reason test");
    return Long.parseLong(Pattern.compile("Termination (\\d+)").matcher(shutdown).results().findFirst()
        .orElseThrow(() -> new AssertionError(shutdown)).group(1));
  }

  /** Every difference between the host's data and its local copy, or just "checked" when none. */
  private static List<String> differences(Path hostData, Path copyRoot) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(hostData.resolve("models"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = copyRoot.resolve(file.toString().substring(1));
        if (!Files.exists(copy)) {
          found.add("missing " + copy);
        } else {
          assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy), file.toString());
        }
      }
      for (String db : List.of("data/unified_elo.db:elo_ratings", "data/games/selfplay_square8.db:games")) {
        String[] parts = db.split(":");
        Path copy = copyRoot.resolve(hostData.resolve(parts[0]).toString().substring(1));
        if (!Files.exists(copy)) {
          found.add("missing " + copy);
          continue;
        }
        if (rows(hostData.resolve(parts[0]), parts[1]) != rows(copy, parts[1])) {
          found.add(parts[0] + ": " + rows(copy, parts[1]) + " rows in the copy, "
              + rows(hostData.resolve(parts[0]), parts[1]) + " on the host");
        }
        if (!integrity(copy).equals("ok")) {
          found.add(parts[0] + ": integrity " + integrity(copy));
        }
      }
    } catch (IOException | SQLException e) {
      found.add(e.toString());
    }
    if (found.isEmpty()) {
      found.add("checked");
    }
    return found;
  }

  /** A writer that keeps the database open in WAL mode and never checkpoints: its rows stay in -wal. */
  private void holdRowsOnlyInTheWal(Path db) throws Exception {
    walWriter = new ProcessBuilder("python3", "-c", """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1], isolation_level=None)
        c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')
        for i in range(int(sys.argv[2])):
            c.execute("INSERT INTO elo_ratings VALUES (?, 1500.0, 1, 0)", ("wal-%d" % i,))
        print('ready', flush=True)
        sys.stdin.read()
        """, db.toString(), Integer.toString(WAL_ROWS)).redirectErrorStream(true).start();
    String ready = new String(walWriter.getInputStream().readNBytes(6));
    assertEquals("ready\n", ready);
    Path wal = Path.of(db + "-wal");
    assertTrue(Files.size(wal) > 0, "the rows are in the -wal file");
  }

  private static long rows(Path db, String table) {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        var result = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      return result.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static String integrity(Path db) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        var result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
      return result.getString(1);
    }
  }
}
