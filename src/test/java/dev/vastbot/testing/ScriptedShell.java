package dev.vastbot.testing;

import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link RemoteShell} that records what it was asked to run and answers from a script: by
 * default every command succeeds with {@code answer(command)}; {@link #unreachable()} makes every
 * host unreachable.
 */
public final class ScriptedShell implements RemoteShell {
  private final List<String> commands = new ArrayList<>();
  private Function<String, ShellOutcome> answer = command -> ShellOutcome.completed(0, "1\n", "", false, Duration.ZERO);

  public synchronized ScriptedShell unreachable() {
    answer = command -> ShellOutcome.failed(ShellOutcome.Failure.UNREACHABLE, "connection refused", Duration.ZERO);
    return this;
  }

  public synchronized ScriptedShell answering(Function<String, ShellOutcome> script) {
    answer = script;
    return this;
  }

  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  @Override
  public synchronized ShellOutcome run(SshTarget target, String command, Duration deadline) {
    commands.add(command);
    return answer.apply(command);
  }

  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
    Map<Long, ShellOutcome> outcomes = new LinkedHashMap<>();
    targets.forEach(t -> outcomes.put(t.instanceId(), run(t, command, deadline)));
    return outcomes;
  }

  @Override
  public void close() {}
}
