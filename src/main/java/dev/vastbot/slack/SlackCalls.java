package dev.vastbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.vastbot.fleet.approval.PromptRef;
import dev.vastbot.fleet.text.SafeText;
import java.io.IOException;
import java.util.Optional;

/**
 * chat.postMessage and chat.update with Slack's failure modes handled: ok:false is a failure, a 429
 * waits its Retry-After. Every message is fitted to Slack's limits ({@link BlockKitLimits#fit}) just
 * before it is sent.
 */
final class SlackCalls {
  private static final System.Logger log = System.getLogger(SlackCalls.class.getName());
  private static final int ATTEMPTS = 3;
  private static final long MAX_RETRY_AFTER_SECONDS = 30;
  private final MethodsClient client;

  SlackCalls(MethodsClient client) {
    this.client = client;
  }

  /** The new message's ts, or empty when Slack refused it. The message is fitted to Slack's limits first. */
  Optional<String> post(String channel, SlackMessage message) {
    SlackMessage fitted = BlockKitLimits.fit(message);
    return call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channel).text(fitted.text())
        .blocks(fitted.blocks())))
        .map(response -> ((com.slack.api.methods.response.chat.ChatPostMessageResponse) response).getTs());
  }

  /** A reply in the thread of {@code parent}, fitted first; its ts, or empty when refused. */
  Optional<String> reply(PromptRef parent, SlackMessage message) {
    SlackMessage fitted = BlockKitLimits.fit(message);
    return call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(parent.channel())
        .threadTs(parent.ts()).text(fitted.text()).blocks(fitted.blocks())))
        .map(response -> ((com.slack.api.methods.response.chat.ChatPostMessageResponse) response).getTs());
  }

  /** Replaces the message at {@code prompt} with {@code message}, fitted first; whether Slack took it. */
  boolean update(PromptRef prompt, SlackMessage message) {
    SlackMessage fitted = BlockKitLimits.fit(message);
    return call("chat.update", () -> client.chatUpdate(r -> r.channel(prompt.channel()).ts(prompt.ts())
        .text(fitted.text()).blocks(fitted.blocks()))).isPresent();
  }

  interface Call {
    SlackApiTextResponse run() throws IOException, SlackApiException;
  }

  private Optional<SlackApiTextResponse> call(String method, Call call) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        SlackApiTextResponse response = call.run();
        if (response.isOk()) {
          return Optional.of(response);
        }
        log.log(System.Logger.Level.WARNING, method + " refused: " + SafeText.forTerminalCell(response.getError(), 80));
        return Optional.empty();
      } catch (SlackApiException refused) {
        if (refused.getResponse().code() != 429 || attempt == ATTEMPTS) {
          log.log(System.Logger.Level.WARNING, method + " failed: HTTP " + refused.getResponse().code());
          return Optional.empty();
        }
        waitRetryAfter(refused);
      } catch (IOException unreachable) {
        log.log(System.Logger.Level.WARNING, method + " failed: " + unreachable.getClass().getSimpleName());
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static void waitRetryAfter(SlackApiException limited) {
    String header = limited.getResponse().header("Retry-After");
    long seconds = 1;
    try {
      seconds = header == null ? 1 : Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException unreadable) {
      seconds = 1;
    }
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
