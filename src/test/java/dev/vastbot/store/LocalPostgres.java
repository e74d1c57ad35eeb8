package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for the tests: {@code initdb} in a temp folder, started with
 * {@code pg_ctl} on a free loopback port (as the {@code postgres} user when the tests run as root),
 * stopped when the JVM exits. Used when {@code VASTBOT_TEST_POSTGRES_URL} names no server.
 */
public final class LocalPostgres {
  private static String url;

  private LocalPostgres() {}

  /** The JDBC URL of a database the tests may create schemas in; skips (fails under CI) without PostgreSQL. */
  public static synchronized String url() {
    String configured = System.getenv(PostgresFleetStoreTest.URL_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (url == null) {
      Optional<Path> bin = binaries();
      if (bin.isEmpty()) {
        String why = "PostgreSQL server binaries not installed (apt-get install postgresql)";
        if (System.getenv("CI") != null) {
          fail(why);
        }
        assumeTrue(false, why);
      }
      url = start(bin.get());
    }
    return url;
  }

  /** The JDBC URL of a new, empty schema of its own on the test server (see {@link #url}). */
  public static String freshSchemaUrl() {
    String server = url();
    String schema = "vastbot_test_" + Long.toUnsignedString(System.nanoTime(), 36);
    try (var connection = DriverManager.getConnection(server);
        var statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create schema " + schema + ": " + e.getMessage(), e);
    }
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String start(Path bin) {
    try {
      Path data = Files.createTempDirectory("vastbot-pg-");
      int port = freePort();
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        run(List.of("chown", "-R", "postgres", data.toString()), false);
      }
      run(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-A", "trust",
          "-U", "postgres", "--no-sync"), root);
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-t", "60",
          "-l", data.resolve("log").toString(), "-o",
          "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), root);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, root)));
      String server = "jdbc:postgresql://127.0.0.1:" + port + "/";
      try (var connection = DriverManager.getConnection(server + "postgres?user=postgres");
          var statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE vastbot_test");
      }
      return server + "vastbot_test?user=postgres";
    } catch (Exception e) {
      throw new IllegalStateException("could not start a local PostgreSQL for the tests: " + e.getMessage(), e);
    }
  }

  private static void stop(Path bin, Path data, boolean root) {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate",
          "stop"), root);
    } catch (Exception ignored) {
      // the JVM is exiting
    }
    try (Stream<Path> paths = Files.walk(data)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }

  private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    String output = new String(process.getInputStream().readAllBytes());
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
