package dev.vastbot.cli;

import dev.vastbot.fleet.port.Pause;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * What a CLI command reads from the process: environment, home folder, standard streams, time.
 * Injected so that tests run commands in-process with their own environment.
 *
 * @param pause how the command waits (polls, backoff, deadlines): sleeping, or in a test one that
 *     advances its {@code clock}
 * @param http the process's one HTTP client: every adapter that speaks HTTP (Vast, Slack's outbox
 *     and Web API calls, webhooks, the demand signal) derives its own settings from it with {@code
 *     newBuilder()}, so they share its dispatcher and, all but the Vast client (which keeps a pool
 *     of its own, see VastTransport), its connection pool. Bolt's own client (its auth.test and
 *     the Socket Mode connection) is the SDK's
 */
public record CliContext(Map<String, String> env, Path home, InputStream in, PrintStream out, PrintStream err,
    Clock clock, Pause pause, OkHttpClient http) {

  public CliContext {
    env = Map.copyOf(env);
    java.util.Objects.requireNonNull(pause, "pause == null");
    java.util.Objects.requireNonNull(http, "http == null");
  }

  /** A context with an HTTP client of its own. */
  public CliContext(Map<String, String> env, Path home, InputStream in, PrintStream out, PrintStream err,
      Clock clock, Pause pause) {
    this(env, home, in, out, err, clock, pause, new OkHttpClient());
  }

  /** A context whose waits sleep. */
  public CliContext(Map<String, String> env, Path home, InputStream in, PrintStream out, PrintStream err,
      Clock clock) {
    this(env, home, in, out, err, clock, Pause.sleeping());
  }

  public static CliContext ofProcess() {
    return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
        System.out, System.err, Clock.systemUTC());
  }

  /** Never prints the environment: it holds secrets (VAST_API_KEY, Slack tokens). */
  @Override
  public String toString() {
    return "CliContext[home=" + home + ", " + env.size() + " environment variables]";
  }

  /** True when stdin is a terminal a person types at. */
  public boolean interactive() {
    return in == System.in && System.console() != null;
  }
}
