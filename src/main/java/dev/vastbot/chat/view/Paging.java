package dev.vastbot.chat.view;

/**
 * How the rows of a long table can be read page by page, for a sink that cannot show them all
 * (a Slack message): page {@code n} holds rows {@code (n - 1) * pageSize + 1} to {@code n *
 * pageSize}, and {@code command + " --page " + n} asks for it.
 *
 * @param command the command that lists these rows ({@code "/vast list"})
 * @param pageSize rows per page, at least 1
 */
public record Paging(String command, int pageSize) {
  public Paging {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
    }
  }

  /** {@code /vast list --page 3}. */
  public String pageCommand(int page) {
    return command + " --page " + page;
  }
}
