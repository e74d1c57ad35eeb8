package dev.vastbot.fleet.alert;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertThread;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides how loud a batch of alerts is ({@link AlertSettings}). Pure: the same batch and open
 * incidents give the same plan.
 *
 * <ul>
 *   <li>An incident that begins opens a thread of its own; when more than the summary threshold
 *       begin in one pass, they share one summary thread instead ("612 instances unreachable
 *       since 12:04 UTC"), with the list in it.
 *   <li>An incident that goes on is mentioned again in its thread at most once per repeat
 *       interval; the ones due in one thread are one reply.
 *   <li>A cleared incident is noted in its thread (one reply per thread per pass), and a thread
 *       whose incidents have all cleared has its first message edited to say so.
 * </ul>
 *
 * In a list, incidents whose texts say the same about different subjects are one line ("failed 3
 * health checks in a row: unreachable (connection timed out): vast-1, vast-2, … (600)").
 */
public final class AlertPlanner {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private final AlertSettings settings;

  public AlertPlanner(AlertSettings settings) {
    this.settings = settings;
  }

  /** One incident's line: what it is about, and the text. */
  private record Said(String subject, String text) {}

  /**
   * @param open the incidents open now (not resolved), by incident
   */
  public AlertPlan plan(AlertBatch batch, Map<String, AlertThread> open) {
    var plan = new Builder();
    var raised = new LinkedHashMap<String, AlertEvent.Raised>();
    var continued = new LinkedHashMap<String, Said>();
    var cleared = new LinkedHashMap<String, Said>();
    for (AlertEvent event : batch.events()) {
      boolean isOpen = open.containsKey(event.incident());
      if (event instanceof AlertEvent.Raised r) {
        if (isOpen) {
          continued.putIfAbsent(r.incident(), new Said(r.subject(), r.alert().text()));
        } else {
          raised.putIfAbsent(r.incident(), r);
        }
      } else if (event instanceof AlertEvent.Continued c && isOpen) {
        continued.putIfAbsent(c.incident(), new Said(c.subject(), c.alert().text()));
      } else if (event instanceof AlertEvent.Cleared c && isOpen) {
        cleared.putIfAbsent(c.incident(), new Said(c.subject(), c.text()));
      }
      // going on, or cleared, with nothing open: nobody was told it began (or it began before
      // this bot kept threads), so there is nothing to follow up
    }
    openThreads(batch, raised.values(), plan);
    mentionDue(batch.at(), continued, open, plan);
    clear(batch.at(), cleared, open, plan);
    return plan.build();
  }

  private void openThreads(AlertBatch batch, Collection<AlertEvent.Raised> raised, Builder plan) {
    Instant now = batch.at();
    if (raised.size() > settings.summaryThreshold()) {
      String key = "alert:summary:" + batch.source().replaceAll("[^A-Za-z0-9]+", "-") + ":" + now.toEpochMilli();
      Alert.Severity worst = raised.stream().map(r -> r.alert().severity()).max(Enum::compareTo).orElseThrow();
      plan.steps.add(new AlertPlan.Open(key, worst, headline(batch, raised)));
      plan.steps.add(new AlertPlan.Note(key, "All " + raised.size() + ":",
          lines(raised.stream().map(r -> new Said(r.subject(), r.alert().text())).toList())));
      raised.forEach(r -> plan.opened.add(new AlertThread(r.incident(), key, now, null, now)));
      return;
    }
    for (AlertEvent.Raised r : raised) {
      String key = "alert:" + r.incident() + ":" + now.toEpochMilli();
      plan.steps.add(new AlertPlan.Open(key, r.alert().severity(), r.alert().text()));
      plan.opened.add(new AlertThread(r.incident(), key, now, null, now));
    }
  }

  /** "612 instances unreachable since 12:04 UTC (health sweep)", or the statuses counted when they differ. */
  private static String headline(AlertBatch batch, Collection<AlertEvent.Raised> raised) {
    Map<String, Long> byStatus = raised.stream().collect(Collectors.groupingBy(AlertEvent.Raised::status,
        TreeMap::new, Collectors.counting()));
    String since = " since " + CLOCK.format(batch.at()) + " (" + batch.source() + ")";
    if (byStatus.size() == 1) {
      return raised.size() + " instances " + byStatus.keySet().iterator().next() + since
          + "; the list is in the thread.";
    }
    return raised.size() + " instances need attention" + since + ": " + byStatus.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + "; the list is in the thread.";
  }

  private void mentionDue(Instant now, Map<String, Said> continued, Map<String, AlertThread> open, Builder plan) {
    var due = new LinkedHashMap<String, List<Said>>();
    continued.forEach((incident, said) -> {
      AlertThread thread = open.get(incident);
      Instant last = thread.lastMentionedAt() == null ? thread.openedAt() : thread.lastMentionedAt();
      if (!last.plus(settings.repeat()).isAfter(now)) {
        due.computeIfAbsent(thread.threadKey(), key -> new ArrayList<>()).add(said);
        plan.mentioned.put(incident, now);
      }
    });
    due.forEach((key, said) -> plan.steps.add(said.size() == 1 ? new AlertPlan.Note(key, null, lines(said))
        : new AlertPlan.Note(key, "Still going on for " + said.size() + " (as of " + CLOCK.format(now) + "):",
            lines(said))));
  }

  private void clear(Instant now, Map<String, Said> cleared, Map<String, AlertThread> open, Builder plan) {
    var byThread = new LinkedHashMap<String, List<Said>>();
    cleared.forEach((incident, said) -> {
      byThread.computeIfAbsent(open.get(incident).threadKey(), key -> new ArrayList<>()).add(said);
      plan.cleared.add(incident);
    });
    byThread.forEach((key, said) -> {
      plan.steps.add(said.size() == 1 ? new AlertPlan.Note(key, null, List.of("Resolved: " + said.get(0).text()))
          : new AlertPlan.Note(key, "Resolved for " + said.size() + ":", lines(said)));
      long stillOpen = open.values().stream().filter(t -> t.threadKey().equals(key))
          .filter(t -> !cleared.containsKey(t.incident())).count();
      if (stillOpen == 0) {
        plan.steps.add(new AlertPlan.Close(key, said.size() == 1 && isOwnThread(key, open)
            ? "Resolved: " + said.get(0).text() : "Resolved: all of them cleared by " + CLOCK.format(now) + "."));
      }
    });
  }

  /**
   * The lines of a list: incidents whose texts say the same after their subject share one line
   * ("… : vast-1, vast-2 (2)"); one alone keeps its whole text.
   */
  private static List<String> lines(List<Said> said) {
    var subjectsByRest = new LinkedHashMap<String, List<String>>();
    var lines = new ArrayList<String>();
    for (Said one : said) {
      if (one.text().startsWith(one.subject() + " ") && !one.subject().isEmpty()) {
        subjectsByRest.computeIfAbsent(one.text().substring(one.subject().length() + 1), rest -> new ArrayList<>())
            .add(one.subject());
      } else {
        lines.add(one.text());
      }
    }
    subjectsByRest.forEach((rest, subjects) -> lines.add(subjects.size() == 1 ? subjects.get(0) + " " + rest
        : rest + ": " + String.join(", ", subjects) + " (" + subjects.size() + ")"));
    return lines;
  }

  private static boolean isOwnThread(String key, Map<String, AlertThread> open) {
    return open.values().stream().filter(t -> t.threadKey().equals(key)).count() == 1;
  }

  private static final class Builder {
    final List<AlertPlan.Step> steps = new ArrayList<>();
    final List<AlertThread> opened = new ArrayList<>();
    final Map<String, Instant> mentioned = new LinkedHashMap<>();
    final List<String> cleared = new ArrayList<>();

    AlertPlan build() {
      return new AlertPlan(steps, opened, mentioned, cleared);
    }
  }
}
