package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOpenFailureTest {
  @TempDir Path dir;

  @Test
  void missingParentFoldersAreCreated() {
    Path nested = dir.resolve("a/b/c");

    JdbcFleetStore.open(JdbcFleetStore.defaultUrl(nested)).close();

    assertTrue(Files.isRegularFile(nested.resolve("vastbot.db")));
  }

  @Test
  void aFolderThatIsAFileGivesAClearError() throws IOException {
    Path blocker = Files.writeString(dir.resolve("blocker"), "not a folder");
    String url = "jdbc:sqlite:" + blocker.resolve("sub/vastbot.db");

    StoreException failure = assertThrows(StoreException.class, () -> JdbcFleetStore.open(url));

    String message = failure.getMessage();
    assertTrue(message.startsWith("could not open store at " + url + ": "), message);
    assertTrue(message.contains("could not create folder"), message);
  }

  @Test
  void aFileThatIsNotADatabaseGivesAClearError() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.db"), "x".repeat(4096));
    String url = "jdbc:sqlite:" + garbage;

    StoreException failure = assertThrows(StoreException.class, () -> JdbcFleetStore.open(url));

    assertTrue(failure.getMessage().startsWith("could not open store at " + url + ": "),
        failure.getMessage());
  }

  @Test
  void anUnsupportedUrlIsRefusedWithoutEchoingItsPassword() {
    StoreException failure =
        assertThrows(StoreException.class,
            () -> JdbcFleetStore.open("jdbc:mysql://bot:hunter2@db/fleet?password=hunter2"));

    String message = failure.getMessage();
    assertFalse(message.contains("hunter2"), message);
    assertTrue(message.contains("jdbc:mysql://bot:***@db/fleet?password=***"), message);
    assertTrue(message.contains("unsupported database"), message);
  }

  @Test
  void anUnreachablePostgresServerIsReportedWithoutItsPassword() {
    // Port 1 on the loopback refuses at once: no server, no waiting.
    String url = "jdbc:postgresql://127.0.0.1:1/fleet?user=bot&password=s3cr3t&connectTimeout=2";

    StoreException failure = assertThrows(StoreException.class, () -> JdbcFleetStore.open(url));

    assertFalse(failure.getMessage().contains("s3cr3t"), failure.getMessage());
    assertTrue(failure.getMessage().startsWith("could not open store at jdbc:postgresql://"),
        failure.getMessage());
  }
}
