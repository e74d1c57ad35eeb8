package dev.vastbot.config;

/**
 * The configuration could not be read or is not valid.
 *
 * <p>The message is always exactly one line that names the file (or environment variable), the key
 * path and what is wrong, for example {@code config/vastbot.yaml: scaling.max_instances: must be at
 * least scaling.min_instances (2), got 1}. It never contains a secret value.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(oneLine(message));
  }

  public ConfigException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
