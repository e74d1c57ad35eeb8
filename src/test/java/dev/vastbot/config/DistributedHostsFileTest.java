package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributedHostsFileTest {
  private static final String BEFORE =
      """
      # Cluster hosts. Edited by hand; the bot only rewrites vast_instances.
      elo_sync:
        coordinator: mac-studio   # keep this one
        transports: [tailscale, aria2, http]

      """;
  private static final String AFTER =
      """

      # --- hand-maintained hosts ---
      hosts:
        vast-12345678:
          ssh_host: ssh1.vast.ai
          ssh_port: 12345
          gpu: "2x RTX 4080S"   # odd   spacing kept
      p2p_voters: [a, b]
      """;

  private static final VastHostEntry FIRST =
      new VastHostEntry(
          111,
          "vast-111",
          "100.64.0.1",
          "RTX 4090",
          1,
          "running",
          Instant.parse("2025-01-31T12:00:00Z"));
  private static final VastHostEntry SECOND =
      new VastHostEntry(222, "vast-222", null, null, 0, "loading", null);

  @TempDir Path folder;

  @Test
  void readsNothingWhenTheFileOrSectionIsMissing() throws IOException {
    var file = folder.resolve("distributed_hosts.yaml");
    assertEquals(List.of(), DistributedHostsFile.at(file).readVastInstances());

    Files.writeString(file, BEFORE + AFTER);
    assertEquals(List.of(), DistributedHostsFile.at(file).readVastInstances());
  }

  @Test
  void createsTheFileWhenMissing() {
    var hosts = ConfigLoader.distributedHosts(folder);

    hosts.writeVastInstances(List.of(SECOND, FIRST));

    assertTrue(Files.exists(folder.resolve("distributed_hosts.yaml")));
    assertEquals(List.of(FIRST, SECOND), hosts.readVastInstances());
  }

  @Test
  void writesTheDocumentedKeysSortedById() throws IOException {
    var hosts = ConfigLoader.distributedHosts(folder);

    hosts.writeVastInstances(List.of(SECOND, FIRST));

    assertEquals(
        """
        vast_instances:
          - id: 111
            hostname: "vast-111"
            tailscale_ip: "100.64.0.1"
            gpu_type: "RTX 4090"
            gpu_count: 1
            status: "running"
            last_seen: "2025-01-31T12:00:00Z"
          - id: 222
            hostname: "vast-222"
            tailscale_ip: null
            gpu_type: null
            gpu_count: 0
            status: "loading"
            last_seen: null
        """,
        Files.readString(hosts.path()));
  }

  @Test
  void leavesEveryOtherSectionByteForByte() throws IOException {
    var file =
        Files.writeString(
            folder.resolve("distributed_hosts.yaml"), BEFORE + "vast_instances: []\n" + AFTER);
    var hosts = DistributedHostsFile.at(file);

    hosts.writeVastInstances(List.of(FIRST, SECOND));
    var afterFirstWrite = Files.readString(file);
    hosts.writeVastInstances(List.of(SECOND));
    var afterSecondWrite = Files.readString(file);

    assertTrue(
        afterFirstWrite.startsWith(BEFORE + "vast_instances:\n  - id: 111\n"), afterFirstWrite);
    assertTrue(afterFirstWrite.endsWith(AFTER), afterFirstWrite);
    assertEquals(BEFORE + sectionOf(SECOND) + AFTER, afterSecondWrite);
    assertEquals(List.of(SECOND), hosts.readVastInstances());
  }

  @Test
  void appendsTheSectionWhenTheFileHasNone() throws IOException {
    var file =
        Files.writeString(folder.resolve("distributed_hosts.yaml"), "hosts: {}  # no newline");

    DistributedHostsFile.at(file).writeVastInstances(List.of(SECOND));

    assertEquals("hosts: {}  # no newline\n" + sectionOf(SECOND), Files.readString(file));
  }

  @Test
  void replacesASectionAtTheEndOfTheFile() throws IOException {
    var file =
        Files.writeString(
            folder.resolve("distributed_hosts.yaml"),
            BEFORE
                + "vast_instances:\n  - id: 9\n    hostname: old\n    status: gone\n# trailer\n");

    DistributedHostsFile.at(file).writeVastInstances(List.of(SECOND));

    assertEquals(BEFORE + sectionOf(SECOND) + "# trailer\n", Files.readString(file));
  }

  @Test
  void keepsWindowsLineEndings() throws IOException {
    var original = "hosts:\r\n  a: {}\r\nvast_instances: []\r\np2p_voters: []\r\n";
    var file = Files.writeString(folder.resolve("distributed_hosts.yaml"), original);

    DistributedHostsFile.at(file).writeVastInstances(List.of(SECOND));

    var written = Files.readString(file);
    assertTrue(
        written.startsWith("hosts:\r\n  a: {}\r\nvast_instances:\r\n  - id: 222\r\n"), written);
    assertTrue(written.endsWith("last_seen: null\r\np2p_voters: []\r\n"), written);
  }

  @Test
  void quotesAwkwardStrings() {
    var awkward =
        new VastHostEntry(5, "yes", "123", "a: b # not a comment", 2, "'quoted' \"twice\"\n", null);
    var hosts = ConfigLoader.distributedHosts(folder);

    hosts.writeVastInstances(List.of(awkward));

    assertEquals(List.of(awkward), hosts.readVastInstances());
  }

  @Test
  void refusesToWriteIntoInvalidYamlAndLeavesItUntouched() throws IOException {
    var broken = "hosts:\n  a: [1, 2\nvast_instances: []\n";
    var file = Files.writeString(folder.resolve("distributed_hosts.yaml"), broken);
    var hosts = DistributedHostsFile.at(file);

    var failure =
        assertThrows(ConfigException.class, () -> hosts.writeVastInstances(List.of(FIRST)));

    assertTrue(failure.getMessage().startsWith(file + " line "), failure.getMessage());
    assertArrayEquals(broken.getBytes(), Files.readAllBytes(file));
    assertEquals(List.of(file), listFolder());
    assertThrows(ConfigException.class, hosts::readVastInstances);
  }

  @Test
  void refusesASpliceItCannotDoSafely() throws IOException {
    for (var tricky :
        List.of(
            "{hosts: {a: 1}, vast_instances: []}\n",
            "\"vast_instances\": []\nhosts: {}\n",
            "note: \"first\nvast_instances: x\"\nhosts: {}\n")) {
      var file = Files.writeString(folder.resolve("distributed_hosts.yaml"), tricky);

      var failure =
          assertThrows(
              ConfigException.class,
              () -> DistributedHostsFile.at(file).writeVastInstances(List.of(FIRST)),
              tricky);

      assertEquals(tricky, Files.readString(file));
      assertTrue(failure.getMessage().contains("file left as it was"), failure.getMessage());
    }
  }

  @Test
  void refusesDuplicateIdsAndLeavesTheFileUntouched() throws IOException {
    var file = Files.writeString(folder.resolve("distributed_hosts.yaml"), BEFORE);

    assertThrows(
        IllegalArgumentException.class,
        () -> DistributedHostsFile.at(file).writeVastInstances(List.of(SECOND, SECOND)));

    assertEquals(BEFORE, Files.readString(file));
  }

  @Test
  void namesTheKeyOfAMalformedEntry() throws IOException {
    var file =
        Files.writeString(
            folder.resolve("distributed_hosts.yaml"),
            "vast_instances:\n  - id: 1\n    hostname: a\n    status: ok\n  - id: two\n");

    var failure =
        assertThrows(ConfigException.class, DistributedHostsFile.at(file)::readVastInstances);

    assertEquals(
        file + ": vast_instances[1].id: expected a whole number greater than 0",
        failure.getMessage());
  }

  @Test
  void keepsPermissionsAndLeavesNoTemporaryFiles() throws IOException {
    var file = Files.writeString(folder.resolve("distributed_hosts.yaml"), BEFORE);
    var posix = Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }

    DistributedHostsFile.at(file).writeVastInstances(List.of(FIRST));

    assertEquals(List.of(file), listFolder());
    if (posix) {
      assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  private String sectionOf(VastHostEntry entry) throws IOException {
    var scratch = Files.createTempDirectory(folder, "scratch");
    var hosts = ConfigLoader.distributedHosts(scratch);
    hosts.writeVastInstances(List.of(entry));
    return Files.readString(hosts.path());
  }

  private List<Path> listFolder() throws IOException {
    try (var files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
