package dev.vastbot.sim.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The processes one simulated host started: every process whose environment carries {@code
 * SIM_HOST_HOME=<its home>} (set for each SSH command and inherited by everything it starts, also
 * by {@code nohup ... &} and {@code setsid}). Found by scanning {@code /proc/<pid>/environ}.
 */
final class HostProcesses {
  /** Processes that fork while a kill pass runs are caught by the next pass. */
  private static final int KILL_PASSES = 3;

  private final byte[] marker;

  HostProcesses(String homeValue) {
    this.marker = (HostEnvironment.HOME_MARKER + "=" + homeValue).getBytes(StandardCharsets.UTF_8);
  }

  /** One process: its pid and its argv. */
  record Running(long pid, List<String> argv) {}

  /** The host's live processes whose argv matches. */
  List<Running> matching(Predicate<List<String>> argv) {
    List<Running> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(path -> path.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .forEach(
              pid -> read(pid).filter(running -> argv.test(running.argv())).ifPresent(found::add));
    } catch (IOException e) {
      // no /proc: nothing this class can see
    }
    return found;
  }

  /** Kills (SIGKILL) the host's processes whose argv matches; returns how many. */
  int kill(Predicate<List<String>> argv) {
    Set<Long> killed = new HashSet<>();
    for (int pass = 0; pass < KILL_PASSES; pass++) {
      List<Running> targets = matching(argv);
      if (targets.isEmpty()) {
        break;
      }
      for (Running target : targets) {
        // a process signalled in an earlier pass may still show until it has died
        if (ProcessHandle.of(target.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
          killed.add(target.pid());
        }
      }
    }
    return killed.size();
  }

  /** Kills every process of the host. */
  int killAll() {
    return kill(argv -> true);
  }

  private Optional<Running> read(String pid) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", pid, "environ"));
      if (!hasRecord(environ)) {
        return Optional.empty();
      }
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
      List<String> argv = Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
      return Optional.of(new Running(Long.parseLong(pid), argv));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone, or not ours to read
    }
  }

  /** Whether the NUL-separated {@code environ} holds exactly the marker record. */
  private boolean hasRecord(byte[] environ) {
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      if (end - start == marker.length
          && Arrays.equals(environ, start, end, marker, 0, marker.length)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
