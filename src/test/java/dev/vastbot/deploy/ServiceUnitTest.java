package dev.vastbot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/vastbot.service} passes {@code systemd-analyze verify} without a single warning.
 * systemd reports most mistakes in a unit (an unknown key, a value it cannot parse, a missing
 * binary) as warnings and still exits 0, so any output at all fails the test. Skipped where
 * systemd-analyze is not installed.
 *
 * <p>How the unit is checked: verify wants {@code ExecStart}'s binary to exist, and the unit names
 * {@code /usr/bin/java}, which a build machine may not have. So the unit is copied into a temp
 * folder (under its own name, so that verify takes it as a service) with that one path replaced by
 * the {@code java} that runs this test; everything else is checked as shipped. The paths the unit
 * only names ({@code /opt/vastbot}, {@code /etc/vastbot/vastbot.env}, user {@code vastbot}) are not
 * looked at by verify.
 */
class ServiceUnitTest {
  private static final Path UNIT = Path.of("deploy", "vastbot.service");
  private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
  private static final String SHIPPED_JAVA = "ExecStart=/usr/bin/java ";

  @TempDir Path temp;

  @Test
  void theShippedUnitVerifiesWithoutWarnings() throws Exception {
    assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed");

    Verification result = verify(checkableUnit());

    assertEquals("", result.output(), "systemd-analyze verify printed warnings");
    assertEquals(0, result.exitStatus());
  }

  @Test
  void aBrokenUnitIsCaught() throws Exception {
    assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed");
    String broken =
        checkableUnit()
            .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes")
            .replace("Restart=on-failure", "Restart=sometimes");

    Verification result = verify(broken);

    assertTrue(result.output().contains("Unknown key 'NoNewPrivilege'"), result.output());
    assertTrue(result.output().contains("restart specifier"), result.output());
  }

  @Test
  void theUnitRunsServeFromTheEnvironmentFileAsItsOwnUser() throws IOException {
    String unit = Files.readString(UNIT, StandardCharsets.UTF_8);

    for (String line :
        List.of(
            "User=vastbot",
            "WorkingDirectory=/opt/vastbot",
            "EnvironmentFile=/etc/vastbot/vastbot.env",
            "Restart=on-failure",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ReadWritePaths=/opt/vastbot/var")) {
      assertTrue(unit.lines().anyMatch(line::equals), "the unit lacks " + line);
    }
    assertTrue(
        unit.lines().anyMatch(l -> l.startsWith(SHIPPED_JAVA) && l.endsWith(" serve")),
        "ExecStart runs java -jar ... serve");
  }

  /** The shipped unit with ExecStart's java replaced by this JVM's, which certainly exists. */
  private static String checkableUnit() throws IOException {
    String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
    assertTrue(unit.contains(SHIPPED_JAVA), "ExecStart starts with /usr/bin/java");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    return unit.replace(SHIPPED_JAVA, "ExecStart=" + java + " ");
  }

  private Verification verify(String unit) throws IOException, InterruptedException {
    Path copy = temp.resolve("vastbot.service");
    Files.writeString(copy, unit, StandardCharsets.UTF_8);
    Path output = temp.resolve("verify.out");
    Process process =
        new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", copy.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify took over 60 s");
    return new Verification(process.exitValue(), Files.readString(output).strip());
  }

  private record Verification(int exitStatus, String output) {}
}
