package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.store.JdbcFleetStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autoscaler --cost [--png FILE]} as the CLI runs it, against the simulated Vast API and a ledger in the store. */
class CostCommandCliTest {
  @TempDir Path dir;
  private SimVastServer server;
  private CliHarness cli;
  private String db;
  private SimMarketplace marketplace;

  @BeforeEach
  void start() throws Exception {
    marketplace = new SimMarketplace(Clock.systemUTC(),
        SimSettings.defaults().withBootDelays(Duration.ZERO, Duration.ZERO));
    server = SimVastServer.start(marketplace, 0);
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), "budgets:\n  daily_usd: 30\n  monthly_usd: 600\n");
    db = "jdbc:sqlite:" + dir.resolve("var/vastbot.db");
    cli = new CliHarness(Map.of(
        "VAST_API_URL", server.apiUrl(),
        "VAST_API_KEY", marketplace.apiKey(),
        "VASTBOT_CONFIG_DIR", config.toString(),
        "VASTBOT_DB", db), dir, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void costPrintsTheReply_andPngWritesTheChart() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Files.createDirectories(dir.resolve("var"));
    try (JdbcFleetStore store = JdbcFleetStore.open(db)) {
      store.accrueSpend(new Accrual(null, null, java.time.Instant.now(), List.of(new InstanceSpend(today, 1, 12.5))));
    }
    Path png = dir.resolve("cost.png");

    var run = cli.run("", "autoscaler", "--cost", "--png", png.toString());

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("Spend on " + today + " (UTC)"), run.out());
    assertTrue(run.out().contains("$12.50"), run.out());
    assertTrue(run.out().contains("$30.00"), run.out());
    assertTrue(run.out().contains("Chart written to " + png), run.out());
    assertTrue(run.out().contains("Vast's charges for "), run.out());
    assertTrue(run.out().contains(" (ledger $0.00, differs by 0.0 %)"), "today is not in the period: " + run.out());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(800, image.getWidth());
    assertEquals(400, image.getHeight());
  }

  @Test
  void anAccountThatMayNotReadCharges_getsTheRestOfTheReply_andOneLineSayingSo() {
    marketplace.faults().forbidCharges();

    var run = cli.run("", "autoscaler", "--cost");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("Spend on "), run.out());
    assertTrue(run.out().contains("): not available for this account."), run.out());
  }

  @Test
  void anActionIsRequired() {
    var none = cli.run("", "autoscaler");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("--cost"), none.err());
  }
}
