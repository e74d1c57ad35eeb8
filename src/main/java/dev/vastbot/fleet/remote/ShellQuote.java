package dev.vastbot.fleet.remote;

import java.util.regex.Pattern;

/** POSIX shell quoting: any text as exactly one shell word that the shell takes literally. */
public final class ShellQuote {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /**
   * {@code value} as one shell word: left bare when it holds only characters no shell treats
   * specially ({@code [A-Za-z0-9_@%+=:,./-]}), else in single quotes, each {@code '} written as
   * {@code '\''}. The empty string becomes {@code ''}.
   */
  public static String quote(String value) {
    if (isBare(value)) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Whether {@code value} is a non-empty word that needs no quotes, in or out of double quotes. */
  public static boolean isBare(String value) {
    return BARE.matcher(value).matches();
  }
}
