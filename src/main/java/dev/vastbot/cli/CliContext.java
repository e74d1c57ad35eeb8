package dev.vastbot.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a CLI command reads from the process: environment, home folder, standard streams, time.
 * Injected so that tests run commands in-process with their own environment.
 */
public record CliContext(
    Map<String, String> env, Path home, InputStream in, PrintStream out, PrintStream err, Clock clock) {

  public CliContext {
    env = Map.copyOf(env);
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
