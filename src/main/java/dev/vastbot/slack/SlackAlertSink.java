package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.section;

import com.slack.api.model.block.LayoutBlock;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.fleet.alert.AlertPlan;
import dev.vastbot.fleet.alert.AlertPlanner;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.AlertStore;
import dev.vastbot.fleet.text.SafeText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as Slack threads, as loud as the {@link AlertPlanner} decides: a thread per incident (or
 * one summary thread for many that begin in one pass), follow-ups now and then, always in the
 * thread, and a note when it clears, the thread's first message edited to say so. The incidents
 * are kept in the store, so a restart (or another replica) follows up in the same threads; every
 * message goes through the {@link SlackOutbox}, so none is lost and a reply always carries its
 * thread. Never throws; a failure is logged.
 */
public final class SlackAlertSink implements AlertSink {
  private static final Logger log = LoggerFactory.getLogger(SlackAlertSink.class);
  /** Characters of text in one reply that lists incidents (within Slack's limits, with room to spare). */
  static final int LIST_MESSAGE_CHARS = 11_000;
  /** Characters of escaped text in one section of such a reply (Slack takes 3,000). */
  static final int SECTION_CHARS = 2_900;
  /** Longest line of a list before it is broken. */
  static final int WRAP_CHARS = 600;
  private final SlackOutbox outbox;
  private final String channel;
  private final AlertStore store;
  private final AlertPlanner planner;
  private final Clock clock;

  /**
   * @param channel the channel id alerts are posted in
   */
  public SlackAlertSink(SlackOutbox outbox, String channel, AlertStore store, AlertPlanner planner, Clock clock) {
    this.outbox = outbox;
    this.channel = channel;
    this.store = store;
    this.planner = planner;
    this.clock = clock;
  }

  @Override
  public void alert(Alert alert) {
    publish(new AlertBatch("alert", clock.instant(), List.of(new AlertEvent.Raised(alert, "",
        alert.severity().name().toLowerCase(Locale.ROOT)))));
  }

  @Override
  public void resolved(String incident, String text) {
    publish(new AlertBatch("alert", clock.instant(), List.of(new AlertEvent.Cleared(incident, "", text))));
  }

  @Override
  public synchronized void publish(AlertBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      Map<String, AlertThread> open = new LinkedHashMap<>();
      store.openAlertThreads().forEach(thread -> open.put(thread.incident(), thread));
      AlertPlan plan = planner.plan(batch, open);
      Set<String> threadsOpened = openIncidents(plan);
      for (AlertPlan.Step step : plan.steps()) {
        if (step instanceof AlertPlan.Open first && !threadsOpened.contains(first.threadKey())) {
          continue; // another process opened these incidents a moment ago
        }
        send(step);
      }
      plan.mentioned().forEach(store::markAlertMentioned);
      plan.cleared().forEach(incident -> store.resolveAlertThread(incident, batch.at()));
    } catch (RuntimeException failed) {
      log.warn("alerts of the " + SafeText.forTerminalCell(batch.source(), 60)
          + " (" + batch.events().size() + ") not posted: " + failed.getClass().getSimpleName());
    }
  }

  /** Opens the plan's incidents in the store; the threads at least one of them was opened for. */
  private Set<String> openIncidents(AlertPlan plan) {
    return plan.opened().stream().filter(store::openAlertThread).map(AlertThread::threadKey)
        .collect(Collectors.toSet());
  }

  private void send(AlertPlan.Step step) {
    if (step instanceof AlertPlan.Open first) {
      outbox.post(channel, first.threadKey(), AlertMessages.shown(icon(first.severity()) + " ", first.text()),
          outbox.defaultDeadline());
    } else if (step instanceof AlertPlan.Note note) {
      for (List<EscapedText> sections : messages(note)) {
        outbox.reply(channel, note.threadKey(), null, message(sections), outbox.defaultDeadline());
      }
    } else if (step instanceof AlertPlan.Close close) {
      outbox.update(channel, close.threadKey(), AlertMessages.shown(":white_check_mark: ", close.text()),
          outbox.defaultDeadline());
    }
  }

  /**
   * A note's replies: its heading and lines (outside text, escaped once), as sections of at most
   * {@link #SECTION_CHARS} characters, as many messages of at most {@link #LIST_MESSAGE_CHARS} as
   * the lines need; a long line (a list of names) is broken, never cut.
   */
  static List<List<EscapedText>> messages(AlertPlan.Note note) {
    var messages = new ArrayList<List<EscapedText>>();
    var sections = new ArrayList<EscapedText>();
    EscapedText section = note.heading() == null ? EscapedText.EMPTY : EscapedText.of(note.heading());
    int size = section.length();
    for (String line : note.lines()) {
      for (String part : wrapped(SafeText.forTerminalCell(line, Integer.MAX_VALUE))) {
        EscapedText item = EscapedText.of((note.heading() == null ? "" : "• ") + part);
        if (!section.isBlank() && section.length() + 1 + item.length() > SECTION_CHARS) {
          sections.add(section);
          section = EscapedText.EMPTY;
        }
        if (!sections.isEmpty() && size + item.length() > LIST_MESSAGE_CHARS) {
          messages.add(List.copyOf(sections));
          sections.clear();
          size = 0;
        }
        section = section.isBlank() ? item : section.plus("\n").plus(item);
        size += item.length() + 1;
      }
    }
    if (!section.isBlank()) {
      sections.add(section);
    }
    if (!sections.isEmpty()) {
      messages.add(List.copyOf(sections));
    }
    if (messages.isEmpty()) {
      messages.add(List.of(EscapedText.of("(empty)"))); // a note of blank lines still says something
    }
    return messages;
  }

  private static SlackMessage message(List<EscapedText> sections) {
    List<LayoutBlock> blocks = new ArrayList<>();
    sections.forEach(text -> blocks.add(section(s -> s.text(TextObjects.plain(text)))));
    return SlackMessage.of(sections.get(0).cut(AlertMessages.FALLBACK_CHARS, "…"), blocks);
  }

  /**
   * A long line (a list of names) as lines of at most {@link #WRAP_CHARS}, broken after a comma
   * where one is near, so nothing of it is cut.
   */
  static List<String> wrapped(String line) {
    var parts = new ArrayList<String>();
    String rest = line;
    while (rest.length() > WRAP_CHARS) {
      int comma = rest.lastIndexOf(", ", WRAP_CHARS);
      int end = comma > WRAP_CHARS / 2 ? comma + 1 : WRAP_CHARS;
      if (Character.isHighSurrogate(rest.charAt(end - 1))) {
        end--;
      }
      parts.add(rest.substring(0, end));
      rest = "  " + rest.substring(end).stripLeading();
    }
    parts.add(rest);
    return parts;
  }

  private static String icon(Alert.Severity severity) {
    return switch (severity) {
      case CRITICAL -> ":rotating_light:";
      case WARNING -> ":warning:";
      case INFO -> ":information_source:";
    };
  }
}
