package dev.vastbot.store;

import dev.vastbot.fleet.text.SafeText;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * How the store writes text, in one place: every text column goes through {@link
 * SafeText#forStore}, so no NUL (PostgreSQL refuses it) and no unpaired surrogate reaches the
 * database, and a value longer than its column's cap is cut with a note. A host's stderr can then
 * neither abort a pass nor grow the append-only audit log without bound.
 */
final class TextColumns {
  /** Short fields: names, targets, states, labels. */
  static final int FIELD = SafeText.STORE_FIELD_CHARS;
  /** Details and outcomes, for people. */
  static final int DETAIL = SafeText.AUDIT_DETAIL_CHARS;

  private TextColumns() {}

  /** Binds cleaned text, or SQL NULL for {@code null}. */
  static void bind(PreparedStatement statement, int index, String text, int maxChars)
      throws SQLException {
    if (text == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, SafeText.forStore(text, maxChars));
    }
  }
}
