package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which response URLs {@link ResponseUrlPolicy} lets the bot post to (no network: the rule alone). */
class ResponseUrlPolicyTest {
  private final ResponseUrlPolicy slackOnly = new ResponseUrlPolicy(false);
  private final ResponseUrlPolicy withLoopback = new ResponseUrlPolicy(true);

  @ParameterizedTest
  @ValueSource(strings = {
      "https://hooks.slack.com/commands/T0001/1234/abcd",
      "https://hooks.slack.com/actions/T0001/1234/abcd",
      "https://HOOKS.Slack.com/commands/T0001/1234/abcd",
      "https://hooks.slack.com:443/commands/T0001/1234/abcd"})
  void slacksOwnHooks_arePostedTo(String url) {
    assertTrue(slackOnly.permits(url), url);
    assertTrue(withLoopback.permits(url), url);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "https://evil.example/commands/T0001/1234/abcd",
      "http://hooks.slack.com/commands/T0001/1234/abcd",
      "https://hooks.slack.com.evil.example/commands/T0001/1234/abcd",
      "https://evil.example/hooks.slack.com/commands",
      "https://user@hooks.slack.com/commands/T0001/1234/abcd",
      "https://hooks.slack.com@evil.example/commands",
      "https://hooks.slack.com:8443/commands/T0001/1234/abcd",
      "https://xhooks.slack.com/commands",
      "https://slack.com/commands",
      "hooks.slack.com/commands/T0001/1234/abcd",
      "//hooks.slack.com/commands/T0001/1234/abcd",
      "ftp://hooks.slack.com/commands",
      "https://hooks.slack.com\\@evil.example/commands",
      "",
      "not a url at all"})
  void anythingElse_isNot(String url) {
    assertFalse(slackOnly.permits(url), url);
    assertFalse(withLoopback.permits(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/response/r1", "http://127.1.2.3/x", "https://127.0.0.1:9/x",
      "http://127.255.255.255:1/x"})
  void loopback_onlyWhenTheSettingAllowsIt(String url) {
    assertFalse(slackOnly.permits(url), url);
    assertTrue(withLoopback.permits(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/x", "http://[::1]:8080/x", "http://127.0.0.1.evil.example/x",
      "http://128.0.0.1/x", "http://10.0.0.1/x", "http://127.0.0.256/x", "http://user@127.0.0.1:8080/x",
      "file://127.0.0.1/etc/passwd"})
  void notLoopbackByNumber_isNotLoopback(String url) {
    assertFalse(withLoopback.permits(url), url);
  }
}
