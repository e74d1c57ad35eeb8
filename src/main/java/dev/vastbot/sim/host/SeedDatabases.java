package dev.vastbot.sim.host;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Creates the SQLite files a host starts with (xerial JDBC driver): a self-play games database of
 * about 50 games, about 20 of them within the last hour of {@code now}, and an Elo ratings table.
 */
final class SeedDatabases {
  private static final String GAMES =
      "CREATE TABLE IF NOT EXISTS games (game_id TEXT PRIMARY KEY, board_type TEXT,"
          + " created_at REAL, winner INT, moves INT)";
  private static final String ELO =
      "CREATE TABLE IF NOT EXISTS elo_ratings (model_id TEXT, rating REAL, games INT,"
          + " updated_at REAL)";
  private static final double HOUR = 3600.0;

  private final SplittableRandom random;
  private final double nowSeconds;

  SeedDatabases(SplittableRandom random, Instant now) {
    this.random = random;
    this.nowSeconds = now.toEpochMilli() / 1000.0;
  }

  void createGames(Path file, String boardType) {
    int recent = 18 + random.nextInt(5);
    int older = 28 + random.nextInt(7);
    try (Connection db = open(file)) {
      execute(db, GAMES);
      try (PreparedStatement insert =
          db.prepareStatement("INSERT OR IGNORE INTO games VALUES (?, ?, ?, ?, ?)")) {
        for (int n = 0; n < recent + older; n++) {
          double age =
              n < recent ? random.nextDouble(60, 0.95 * HOUR) : random.nextDouble(1.1, 30) * HOUR;
          insert.setString(1, String.format("%016x", random.nextLong()));
          insert.setString(2, boardType);
          insert.setDouble(3, nowSeconds - age);
          insert.setInt(4, 1 + random.nextInt(2));
          insert.setInt(5, 30 + random.nextInt(131));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot seed " + file, e);
    }
  }

  void createElo(Path file, String boardType) {
    try (Connection db = open(file)) {
      execute(db, ELO);
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO elo_ratings VALUES (?, ?, ?, ?)")) {
        int models = 4 + random.nextInt(3);
        for (int n = 1; n <= models; n++) {
          insert.setString(1, "ringrift_v" + n + "_" + boardType + "_2p");
          insert.setDouble(2, Math.round(1400 + 60 * n + random.nextDouble(-40, 40)));
          insert.setInt(3, 40 + random.nextInt(400));
          insert.setDouble(4, nowSeconds - random.nextDouble(0, 48) * HOUR);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot seed " + file, e);
    }
  }

  private static void execute(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Connection open(Path file) throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
    db.setAutoCommit(false);
    return db;
  }
}
