package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.sim.host.SimHost;
import dev.vastbot.sim.host.SimHostFleet;
import dev.vastbot.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.DriverManager;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A simulated host (real MINA SSH server running bash and python3 in its own folder) and a {@link
 * MinaRemoteShell} logged in to it, plus helpers to build a training tree on it.
 */
final class SyncFixture implements AutoCloseable {
  static final long INSTANCE = 31;

  final SimHostFleet fleet;
  final SimHost host;
  final MinaRemoteShell shell;
  final Path clientKey;

  SyncFixture(Path dir) {
    KeyPair key = TestKeys.ed25519();
    clientKey = TestKeys.writeOpenSsh(key, dir.resolve("client_key"));
    String line = PublicKeyEntry.toString(key.getPublic()) + " test@vastbot";
    fleet = new SimHostFleet(dir.resolve("hosts"), id -> List.of(line), 7);
    fleet.attach(INSTANCE, "RTX 4090", 1);
    host = fleet.host(INSTANCE).orElseThrow();
    shell = MinaRemoteShell.start(SshSettings.defaults(clientKey), new InMemoryHostKeyPins(),
        MutableClock.atEpochDay());
  }

  SshTarget target() {
    return new SshTarget(INSTANCE, new HostPort("127.0.0.1", host.sshPort()));
  }

  StreamingDataSync sync(SyncSettings settings, FreeSpace space, RemoteSyncScript script) {
    return sync(settings, new DiskReservations(space, SpaceLimits.defaults()), script);
  }

  StreamingDataSync sync(SyncSettings settings, DiskReservations reservations,
      RemoteSyncScript script) {
    return new StreamingDataSync(shell.sessions(), shell.channelOpenTimeout(), settings,
        reservations, script);
  }

  StreamingDataSync sync() {
    return StreamingDataSync.over(shell, SyncSettings.defaults());
  }

  static void write(Path file, int bytes, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] data = new byte[bytes];
    new Random(seed).nextBytes(data);
    Files.write(file, data);
  }

  /** A training tree: self-play games, checkpoints; returns the remote roots. */
  static List<String> tree(Path home, int games, int checkpointBytes) throws IOException {
    Path data = home.resolve("work/ai-service/data");
    for (int i = 0; i < games; i++) {
      write(data.resolve("selfplay/run-" + (i % 3) + "/game-" + i + ".jsonl"), 4096 + i, i);
    }
    write(home.resolve("work/ai-service/models/checkpoint_a.pt"), checkpointBytes, 101);
    write(home.resolve("work/ai-service/models/checkpoint_b.pt"), checkpointBytes / 2, 102);
    return List.of(data.resolve("selfplay").toString(),
        home.resolve("work/ai-service/models").toString(),
        data.resolve("unified_elo.db").toString());
  }

  /**
   * A python3 process that opens {@code db} in WAL mode without checkpoints, inserts {@code rows}
   * rows and keeps the connection open (its rows are only in the -wal) until closed.
   */
  static Process walWriter(Path db, int rows) throws IOException {
    Files.createDirectories(db.getParent());
    String program = String.join("\n",
        "import sqlite3, sys",
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)",
        "c.execute('PRAGMA journal_mode=WAL')",
        "c.execute('PRAGMA wal_autocheckpoint=0')",
        "c.execute('CREATE TABLE elo (player TEXT PRIMARY KEY, rating REAL)')",
        "c.execute('BEGIN')",
        "for i in range(int(sys.argv[2])):",
        "    c.execute('INSERT INTO elo VALUES (?, ?)', ('p%d' % i, 1500 + i))",
        "c.execute('COMMIT')",
        "print('ready', flush=True)",
        "sys.stdin.read()");
    Process process = new ProcessBuilder("python3", "-c", program, db.toString(),
        Integer.toString(rows)).redirectErrorStream(true).start();
    var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    String first = reader.readLine();
    assertEquals("ready", first, "the WAL writer did not start");
    assertTrue(Files.size(db.resolveSibling(db.getFileName() + "-wal")) > 0, "rows in the -wal");
    return process;
  }

  static void stop(Process process) throws InterruptedException {
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }

  static long rows(Path db) throws Exception {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM elo")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static String integrity(Path db) throws Exception {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        var rows = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Every regular file under {@code dir} whose name ends with {@code suffix}. */
  static List<Path> filesEndingWith(Path dir, String suffix) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  static Path local(Path localDir, Path remote) {
    return localDir.resolve(remote.toString().substring(1));
  }

  @Override
  public void close() {
    shell.close();
    fleet.close();
  }
}
