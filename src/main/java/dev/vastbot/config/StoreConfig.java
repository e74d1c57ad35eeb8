package dev.vastbot.config;

/**
 * The {@code store} section of {@code vastbot.yaml}: where the bot keeps its state.
 *
 * <p>{@link #toString()} does not print the URL, which may carry a database password.
 *
 * @param url JDBC URL ({@code VASTBOT_DB}), or {@code null} for the SQLite file {@code
 *     var/vastbot.db}
 */
public record StoreConfig(String url) {
  /** Used when no URL is configured. */
  public static final String DEFAULT_JDBC_URL = "jdbc:sqlite:var/vastbot.db";

  /** The JDBC URL to open: {@link #url()} if set, else {@link #DEFAULT_JDBC_URL}. */
  public String jdbcUrl() {
    return url == null ? DEFAULT_JDBC_URL : url;
  }

  @Override
  public String toString() {
    return "StoreConfig[url="
        + (url == null ? "<default " + DEFAULT_JDBC_URL + ">" : "<set>")
        + "]";
  }

  static StoreConfig read(ConfigSection store) {
    var url =
        store
            .text("url", null, "VASTBOT_DB")
            .concealed()
            .require(
                jdbc -> jdbc == null || jdbc.startsWith("jdbc:"),
                "must be a JDBC URL starting with 'jdbc:'");
    store.rejectUnknownKeys();
    return new StoreConfig(url.value());
  }
}
