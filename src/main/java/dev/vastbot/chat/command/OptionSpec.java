package dev.vastbot.chat.command;

/**
 * One {@code --name value} option of a command.
 *
 * @param min for numbers, the least allowed value
 * @param max for numbers, the most allowed value
 */
public record OptionSpec(String name, Kind kind, boolean required, String valueName, String help,
    double min, double max) {

  /** How the value is read. */
  public enum Kind {
    /** Free text. */
    TEXT,
    /** A whole number within min..max. */
    COUNT,
    /** A decimal number within min..max. */
    DECIMAL,
    /** A switch that takes no value ({@code --fresh}). */
    FLAG
  }

  public static OptionSpec text(String name, String valueName, boolean required, String help) {
    return new OptionSpec(name, Kind.TEXT, required, valueName, help, 0, 0);
  }

  public static OptionSpec count(String name, boolean required, int min, int max, String help) {
    return new OptionSpec(name, Kind.COUNT, required, "N", help, min, max);
  }

  public static OptionSpec decimal(String name, String valueName, double min, double max, String help) {
    return new OptionSpec(name, Kind.DECIMAL, false, valueName, help, min, max);
  }

  public static OptionSpec flag(String name, String help) {
    return new OptionSpec(name, Kind.FLAG, false, "", help, 0, 0);
  }

  /** {@code --count N} or {@code [--count N]}. */
  public String usage() {
    String text = kind == Kind.FLAG ? "--" + name : "--" + name + " " + valueName;
    return required ? text : "[" + text + "]";
  }
}
