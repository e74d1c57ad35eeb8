package dev.vastbot.cli;

/** Why vastbot did not change the crontab, or could not; the message is one line for the user. */
final class CrontabException extends RuntimeException {
  CrontabException(String message) {
    super(message);
  }
}
