package dev.vastbot.sim.host;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key login as {@code root} only, against the instance's authorized keys as they are at
 * login time (OpenSSH {@code authorized_keys} lines; unparseable lines are skipped).
 */
record RootKeyAuthenticator(long instanceId, LongFunction<List<String>> authorizedKeys)
    implements PublickeyAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(RootKeyAuthenticator.class);

  RootKeyAuthenticator {
    Objects.requireNonNull(authorizedKeys, "authorizedKeys == null");
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    if (!"root".equals(username)) {
      return false;
    }
    List<String> lines;
    try {
      lines = authorizedKeys.apply(instanceId);
    } catch (RuntimeException e) {
      LOG.warn("authorized keys of instance {} unavailable: {}", instanceId, e.toString());
      return false;
    }
    return lines != null && lines.stream().anyMatch(line -> allows(line, key));
  }

  private boolean allows(String line, PublicKey key) {
    if (line == null || line.isBlank()) {
      return false;
    }
    try {
      AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
      if (entry == null) {
        return false;
      }
      PublicKey allowed = entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
      return allowed != null && KeyUtils.compareKeys(allowed, key);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.debug("instance {}: skipping an unparseable authorized key line", instanceId);
      return false;
    }
  }
}
