package dev.vastbot.config;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configured value together with where it came from, so a check can say which file and key (or
 * which environment variable) to fix.
 *
 * @param value the value, already converted to its type
 * @param name the key path ({@code scaling.max_instances}) or the environment variable's name
 * @param location what an error message starts with: {@code <file>: <key path>} or the variable
 * @param shown the value as the user wrote it, for messages; {@code null} when it must not be shown
 * @param isDefault whether neither the file nor the environment set it
 */
record Setting<T>(T value, String name, String location, String shown, boolean isDefault) {

  /** Returns this setting if {@code ok} accepts its value, else throws naming {@code problem}. */
  Setting<T> require(Predicate<? super T> ok, String problem) {
    if (!ok.test(value)) {
      throw problem(problem);
    }
    return this;
  }

  /** Converts the value, keeping where it came from. */
  <R> Setting<R> map(Function<? super T, ? extends R> conversion) {
    return new Setting<>(conversion.apply(value), name, location, shown, isDefault);
  }

  /** The same setting, but messages will not show its value (it may hold a secret). */
  Setting<T> concealed() {
    return new Setting<>(value, name, location, null, isDefault);
  }

  /** How another setting's message refers to this one: {@code scaling.min_instances (2)}. */
  String reference() {
    return shown == null ? name : name + " (" + shown + ")";
  }

  /** An exception blaming this setting: {@code <location>: <problem>, got <shown>}. */
  ConfigException problem(String problem) {
    var got = shown == null ? "" : ", got " + shown;
    return new ConfigException(location + ": " + problem + got);
  }
}
