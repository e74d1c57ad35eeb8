package dev.vastbot.app;

import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.hosts.HostsFilePeers;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.vast.VastCallObserver;
import java.nio.file.Path;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * Where the bot runs, as {@code serve}, {@code demo} and the CLI verbs differ: which marketplace
 * (Vast itself or the simulator), which store, SSH key and hosts file, which alert thresholds and
 * which clock. {@link #open} makes the adapters from it, the same way for all of them, and hands
 * them to {@link Wiring}. Tests that bring adapters of their own (fakes) start from {@link
 * Vastbot.Parts} instead.
 *
 * @param settings the config, the provisioning policy (the config's, or the demo's with its short
 *     boot timeout), the unhealthy alert's threshold and the cost warning's
 * @param store opened by the caller, closed by the bot (also when {@link #open} fails)
 * @param market makes the Vast client, telling the bot's metrics of every call
 * @param sshKey the private key vastbot logs in with; its public half goes to new instances
 * @param http the process's one HTTP client: its connection pool and dispatcher serve every adapter
 */
public record BotSite(Vastbot.Settings settings, JdbcFleetStore store, Market market, Path sshKey,
    DistributedHostsFile hostsFile, Clock clock, Pause pause,
    OkHttpClient http) {

  /** Makes the Vast client (real or simulated) once, reporting to {@code observer}. */
  @FunctionalInterface
  public interface Market {
    /** @throws RuntimeException (a {@link dev.vastbot.config.ConfigException}) when it cannot be made */
    GpuProvider connect(VastCallObserver observer);
  }

  /**
   * The bot on this site, reached through {@code front}: metrics, the Vast client, the SSH client
   * (started on first use) and its data sync, the peers from the hosts file, then every service.
   * The caller closes the bot.
   *
   * @throws RuntimeException what {@link Market#connect} or the wiring throws, after closing the
   *     store and the SSH client
   */
  public Vastbot open(ChatFront front) {
    var metrics = new BotMetrics(clock);
    GpuProvider provider;
    try {
      provider = market.connect(metrics);
    } catch (RuntimeException cannotConnect) {
      store.close();
      throw cannotConnect;
    }
    VastbotConfig config = settings.config();
    RemoteShell shell = null;
    try {
      shell = SshSetup.shell(config, sshKey, store, clock);
      var ssh = new Vastbot.Ssh(shell, SshSetup.dataSync(shell, config.sync()), () -> SshSetup.publicKey(sshKey));
      var parts = new Vastbot.Parts(settings, new Vastbot.Adapters(provider, store, store, ssh, front.alerts(),
          new HostsFilePeers(hostsFile, config.p2p().port()), http), clock, pause, front.extraCommands());
      return new Vastbot(parts, metrics, front.prompts(), front.channels(), front.groups());
    } catch (RuntimeException cannotWire) {
      if (shell != null) {
        shell.close();
      }
      store.close();
      throw cannotWire;
    }
  }
}
