package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

  @Test
  void passwordParametersAreMasked() {
    JdbcUrl url = new JdbcUrl("jdbc:postgresql://db:5432/fleet?user=bot&password=p%40ss&ssl=true");

    assertEquals("jdbc:postgresql://db:5432/fleet?user=bot&password=***&ssl=true", url.redacted());
    assertEquals(url.redacted(), url.toString());
  }

  @Test
  void userInfoPasswordsAreMasked() {
    assertEquals("jdbc:postgresql://bot:***@db/fleet",
        new JdbcUrl("jdbc:postgresql://bot:secret@db/fleet").redacted());
  }

  @Test
  void sslPasswordsAreMaskedToo() {
    assertEquals("jdbc:postgresql://db/fleet?sslpassword=***",
        new JdbcUrl("jdbc:postgresql://db/fleet?sslpassword=k").redacted());
  }

  @Test
  void aPasswordIsMaskedUpToTheDriversOwnDelimiter_forPostgresql() {
    for (String password : List.of("ab;cd", "ab#cd", "ab?cd", "ab=cd", "a;b#c?d")) {
      String url = "jdbc:postgresql://db:5432/fleet?user=bot&password=" + password + "&ssl=true";
      assertEquals("jdbc:postgresql://db:5432/fleet?user=bot&password=***&ssl=true",
          new JdbcUrl(url).redacted(), password);
      assertEquals("jdbc:postgresql://db/fleet?password=***",
          new JdbcUrl("jdbc:postgresql://db/fleet?password=" + password).redacted(), password);
    }
  }

  @Test
  void aPasswordIsMaskedUpToTheDriversOwnDelimiter_forSqlite() {
    for (String password : List.of("ab;cd", "ab#cd", "ab?cd")) {
      String url = "jdbc:sqlite:/var/vastbot.db?journal_mode=WAL&password=" + password + "&busy_timeout=5";
      assertEquals("jdbc:sqlite:/var/vastbot.db?journal_mode=WAL&password=***&busy_timeout=5",
          new JdbcUrl(url).redacted(), password);
    }
  }

  @Test
  void aUserInfoPasswordIsMaskedWhole_whateverItHolds() {
    for (String password : List.of("ab;cd", "ab#cd", "ab?cd", "p@ss")) {
      assertEquals("jdbc:postgresql://bot:***@db/fleet",
          new JdbcUrl("jdbc:postgresql://bot:" + password + "@db/fleet").redacted(), password);
    }
  }

  @Test
  void scrubRemovesAPasswordWithDelimitersInside() {
    JdbcUrl url = new JdbcUrl("jdbc:postgresql://db/fleet?password=ab;cd#ef");
    String scrubbed = url.scrub("FATAL: password ab;cd#ef refused");
    assertFalse(scrubbed.contains("cd"), scrubbed);
  }

  @Test
  void aUrlWithoutSecretsIsUnchanged() {
    String plain = "jdbc:sqlite:/var/vastbot.db";
    assertEquals(plain, new JdbcUrl(plain).redacted());
  }

  @Test
  void scrubRemovesRawAndDecodedPasswordsFromAText() {
    JdbcUrl url = new JdbcUrl("jdbc:postgresql://db/fleet?password=p%40ss");

    String scrubbed =
        url.scrub("auth failed for p@ss at jdbc:postgresql://db/fleet?password=p%40ss");

    assertFalse(scrubbed.contains("p@ss"), scrubbed);
    assertFalse(scrubbed.contains("p%40ss"), scrubbed);
  }

  @Test
  void sqliteFileIsThePathWithoutParameters() {
    assertEquals(Optional.of(Path.of("/x/y.db")),
        new JdbcUrl("jdbc:sqlite:/x/y.db?journal_mode=WAL").sqliteFile());
    assertEquals(Optional.empty(), new JdbcUrl("jdbc:sqlite::memory:").sqliteFile());
    assertEquals(Optional.empty(), new JdbcUrl("jdbc:postgresql://db/fleet").sqliteFile());
  }
}
