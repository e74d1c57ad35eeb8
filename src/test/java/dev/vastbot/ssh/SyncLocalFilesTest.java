package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lands on the local disk is the bot's choice, not the host's: fixed modes, and names that
 * cannot be written here stored under an encoded name, with the mapping in the names file.
 */
class SyncLocalFilesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private SyncFixture fixture;
  private Path home;
  private Path localDir;

  @BeforeEach
  void start() {
    fixture = new SyncFixture(dir);
    home = fixture.host.home();
    localDir = dir.resolve("synced/vast-31");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private SyncReport pull(StreamingDataSync sync, Path root) throws InterruptedException {
    return sync.pull(fixture.target(),
        new SyncRequest(List.of(root.toString()), localDir, false, DEADLINE), SyncProgress.NONE);
  }

  @Test
  void filesLand0640AndFolders0750WhateverModeTheHostLists() throws Exception {
    Path models = home.resolve("models");
    Path open = models.resolve("run-1/open.pt");
    SyncFixture.write(open, 1000, 1);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(open.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

    SyncReport report = pull(fixture.sync(), models);

    assertTrue(report.verified(), report.toString());
    Path local = SyncFixture.local(localDir, open);
    assertEquals("rw-r-----", mode(local));
    assertEquals("rwxr-x---", mode(local.getParent()));
    assertEquals("rwxr-x---", mode(SyncFixture.local(localDir, models)));
  }

  @Test
  void namesTooLongOrWithControlCharactersAreCopiedUnderEncodedNames() throws Exception {
    Path models = home.resolve("models");
    String near = "n".repeat(250); // fits the host's 255 bytes, not with ".vastbot-part" added
    String escape = "game\n\u001b[31m.jsonl";
    String lookalike = encoded(near); // a host name equal to an encoded one
    SyncFixture.write(models.resolve(near), 3000, 1);
    SyncFixture.write(models.resolve(escape), 2000, 2);
    SyncFixture.write(models.resolve(lookalike), 1000, 3);
    SyncFixture.write(models.resolve("long.pt"), 4000, 4);
    String far = "L".repeat(300); // the host names long.pt with 300 bytes
    String hostile = RemoteSyncScript.standardText()
        .replace("                shown = (shown_dir.rstrip(\"/\") + \"/\" + name)\n",
            "                shown = (shown_dir.rstrip(\"/\") + \"/\" + name)\n"
                + "                if name == \"long.pt\": shown = shown_dir.rstrip(\"/\") + \"/\" + \"L\" * 300\n")
        .replace("        path, offset, db = item[\"p\"], int(item[\"o\"]), bool(item[\"db\"])\n",
            "        path, offset, db = item[\"p\"], int(item[\"o\"]), bool(item[\"db\"])\n"
                + "        if path.endswith(\"/\" + \"L\" * 300): path = path[:-300] + \"long.pt\"\n");
    assertTrue(hostile.contains("\"L\" * 300\n        "), "the hostile script was built");

    SyncReport report = pull(fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE,
        new RemoteSyncScript(hostile)), models);

    assertTrue(report.verified(), report.toString());
    assertEquals(4, report.filesCopied(), report.toString());
    Path localModels = SyncFixture.local(localDir, models);
    Map<String, String> names = new ObjectMapper().readValue(
        localDir.resolve(".vastbot-names.json").toFile(), new TypeReference<Map<String, String>>() {});
    assertEquals(4, names.size(), names.toString());
    for (String name : List.of(near, escape, lookalike, far)) {
      String stored = encoded(name);
      Path local = localModels.resolve(stored);
      String relative = localDir.relativize(local).toString();
      assertEquals(models + "/" + name, names.get(relative), relative);
      Path source = models.resolve(name.equals(far) ? "long.pt" : name);
      assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(local), relative);
    }
    try (var files = Files.list(localModels)) { // the look-alike did not take near's place
      List<String> stored = files.map(file -> file.getFileName().toString()).toList();
      assertEquals(4, stored.size(), stored.toString());
      assertTrue(stored.stream().allMatch(name -> name.matches("\\.vastbot-name-[0-9a-f]{64}")),
          stored.toString());
    }
    assertEquals(List.of(), SyncFixture.filesEndingWith(localDir, MirrorPaths.PART_SUFFIX));
  }

  @Test
  void anEarlierNameWhoseLocalFileIsGoneLeavesTheNamesFile() throws Exception {
    Path models = home.resolve("models");
    SyncFixture.write(models.resolve("gone\n.pt"), 100, 1);
    SyncFixture.write(models.resolve("kept\n.pt"), 100, 2);
    assertTrue(pull(fixture.sync(), models).verified());
    Files.delete(SyncFixture.local(localDir, models).resolve(encoded("gone\n.pt")));
    Files.delete(models.resolve("gone\n.pt"));
    SyncFixture.write(models.resolve("new\n.pt"), 100, 3);

    SyncReport report = pull(fixture.sync(), models);

    assertTrue(report.verified(), report.toString());
    Map<String, String> names = names();
    assertEquals(List.of(models + "/kept\n.pt", models + "/new\n.pt"),
        names.values().stream().sorted().toList(), names.toString());
  }

  @Test
  void namesThatWouldPassTheNamesFilesCapAreRefusedBeforeCopying() throws Exception {
    Path earlier = localDir.resolve("earlier");
    Files.createDirectories(earlier);
    var seeded = new TreeMap<String, String>();
    for (int i = 0; i < 2_100; i++) { // files of earlier copies, still on disk
      Files.createFile(earlier.resolve("n" + i));
      seeded.put("earlier/n" + i, "/data/" + i + "-" + "L".repeat(4000));
    }
    new ObjectMapper().writeValue(localDir.resolve(".vastbot-names.json").toFile(), seeded);
    Path models = home.resolve("models");
    SyncFixture.write(models.resolve("renamed\n.pt"), 100, 1);
    SyncFixture.write(models.resolve("plain.pt"), 100, 2);

    SyncReport report = pull(fixture.sync(), models);

    assertEquals(Failure.REMOTE_ERROR, report.failure(), report.toString());
    assertTrue(report.failureDetail().contains("more than the 8 MiB kept in .vastbot-names.json"),
        report.failureDetail());
    assertFalse(Files.exists(SyncFixture.local(localDir, models)), "nothing copied");
    assertEquals(seeded, names(), "the names file is as it was");
  }

  @Test
  void moreNamesThanTheCapInOnePullAreRefusedAndNothingIsWritten() {
    var names = new TreeMap<String, String>();
    for (int i = 0; i <= LocalNames.MAX_MAPPINGS; i++) {
      names.put("m/.vastbot-name-" + i, "/m/" + i);
    }

    SyncFailure failure = assertThrows(SyncFailure.class, () -> LocalNames.record(localDir, names));

    assertEquals(Failure.REMOTE_ERROR, failure.failure());
    assertTrue(failure.getMessage().contains("100001 encoded names, more than the 100000 kept"),
        failure.getMessage());
    assertFalse(Files.exists(localDir.resolve(".vastbot-names.json")));
  }

  private Map<String, String> names() throws Exception {
    return new ObjectMapper().readValue(localDir.resolve(".vastbot-names.json").toFile(),
        new TypeReference<Map<String, String>>() {});
  }

  /** The documented encoding: a prefix and the SHA-256 of the name's UTF-8 bytes, in hex. */
  private static String encoded(String name) throws Exception {
    return ".vastbot-name-" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
        LinkOption.NOFOLLOW_LINKS));
  }
}
