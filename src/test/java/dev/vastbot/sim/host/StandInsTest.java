package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-ins on PATH and the ai-service folder a host starts with. */
class StandInsTest {
  private static final String QUERY =
      "nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,"
          + "power.draw --format=csv,noheader,nounits";

  @TempDir Path root;
  FleetFixture fixture;
  SimHost host;
  HostShell shell;

  @BeforeEach
  void attach() {
    fixture = new FleetFixture(root);
    host = fixture.attach(31, "RTX 4090", 2);
    shell = fixture.shell(host);
  }

  @AfterEach
  void close() {
    shell.close();
    fixture.close();
  }

  @Test
  void nvidiaSmiAnswersTheQueryInCsvForEachGpu() {
    List<String> rows = shell.ok(QUERY).lines().toList();
    assertEquals(2, rows.size(), rows.toString());
    for (int index = 0; index < rows.size(); index++) {
      String[] fields = rows.get(index).split(", ");
      assertEquals(6, fields.length, rows.get(index));
      assertEquals(String.valueOf(index), fields[0]);
      int utilization = Integer.parseInt(fields[1]);
      assertTrue(utilization >= 0 && utilization <= 3, "idle host: " + utilization);
      assertTrue(Integer.parseInt(fields[2]) < Integer.parseInt(fields[3]));
      assertEquals("24564", fields[3]);
      Integer.parseInt(fields[4]);
      assertTrue(fields[5].equals("[N/A]") || fields[5].matches("\\d+\\.\\d\\d"), fields[5]);
    }
    assertEquals(
        "NVIDIA GeForce RTX 4090, [Not Supported]",
        shell.ok("nvidia-smi --query-gpu=name,no.such.field --format=csv,noheader -i 1"));
    assertTrue(
        shell
            .ok("nvidia-smi --query-gpu=memory.used --format=csv")
            .startsWith("memory.used [MiB]\n"));
    assertTrue(shell.ok("nvidia-smi").contains("NVIDIA GeForce RTX 4090"));
  }

  @Test
  void tailscaleReportsTheHostsTailnetAddress() {
    assertTrue(host.tailscaleIp().matches("100\\.64\\.\\d{1,3}\\.\\d{1,3}"), host.tailscaleIp());
    assertEquals(host.tailscaleIp(), shell.ok("tailscale ip -4"));
    assertTrue(shell.ok("tailscale status").startsWith(host.tailscaleIp()));
    assertTrue(shell.ok("tailscale status --json").contains("\"" + host.tailscaleIp() + "\""));
    SimHost other = fixture.attach(32, "RTX 3090", 1);
    assertNotEquals(host.tailscaleIp(), other.tailscaleIp());
  }

  @Test
  void diskFullMakesDfReportTheWorkFolder99PercentUsed() {
    String normal = shell.ok("df -P ~/ringrift/ai-service | tail -1");
    assertTrue(normal.matches(".*\\s\\d+%\\s.*"), normal);
    host.faults().diskFull(true);
    String full = shell.ok("df -P ~/ringrift/ai-service | tail -1 | awk '{print $5}'");
    assertEquals("99%", full);
    host.faults().clear();
    assertEquals(
        normal.split("\\s+")[4],
        shell.ok("df -P ~/ringrift/ai-service | tail -1").split("\\s+")[4]);
  }

  @Test
  void hostStartsWithTheAiServiceCheckoutAndSeededDatabases() {
    Path service = host.home().resolve("ringrift/ai-service");
    assertTrue(Files.isRegularFile(service.resolve("venv/bin/activate")));
    assertTrue(Files.isDirectory(service.resolve("logs")));
    assertTrue(Files.isRegularFile(service.resolve("app/training/generate_data.py")));
    assertTrue(Files.isRegularFile(service.resolve("scripts/p2p_orchestrator.py")));
    String counts =
        shell.ok(
            "cd ~/ringrift/ai-service && . venv/bin/activate && python3 -c \""
                + "import sqlite3, time\n"
                + "db = sqlite3.connect('data/games/selfplay_square8.db')\n"
                + "total, recent = db.execute('SELECT COUNT(*), SUM(created_at > ?) FROM games',"
                + " (time.time() - 3600,)).fetchone()\n"
                + "elo = sqlite3.connect('data/unified_elo.db')"
                + ".execute('SELECT COUNT(*) FROM elo_ratings').fetchone()[0]\n"
                + "print(total, recent, elo)\"");
    String[] numbers = counts.split(" ");
    assertTrue(Integer.parseInt(numbers[0]) >= 45 && Integer.parseInt(numbers[0]) <= 56, counts);
    assertTrue(Integer.parseInt(numbers[1]) >= 17 && Integer.parseInt(numbers[1]) <= 23, counts);
    assertTrue(Integer.parseInt(numbers[2]) > 0, counts);
    assertTrue(
        Integer.parseInt(shell.ok("ls ~/ringrift/ai-service/models/checkpoint_*.pt | wc -l")) >= 2);
  }

  @Test
  void sameSeedAndIdGiveTheSameHost(@TempDir Path otherRoot) {
    try (var twin = new FleetFixture(otherRoot)) {
      SimHost copy = twin.attach(31, "RTX 4090", 2);
      assertEquals(host.tailscaleIp(), copy.tailscaleIp());
      Path games = Path.of("ringrift/ai-service/data/games/selfplay_square8.db");
      assertTrue(Files.exists(copy.home().resolve(games)));
      String models = "ls ~/ringrift/ai-service/models | tr '\\n' ' '";
      try (HostShell copyShell = twin.shell(copy)) {
        assertEquals(shell.ok(models), copyShell.ok(models));
      }
    }
  }
}
