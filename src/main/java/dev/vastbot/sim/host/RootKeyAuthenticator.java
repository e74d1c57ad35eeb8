package dev.vastbot.sim.host;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongFunction;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key login as {@code root} only, against the instance's authorized keys as they are at
 * login time (OpenSSH {@code authorized_keys} lines; unparseable lines are skipped). The keys are
 * looked up on {@code lookups}, never on an SSH I/O thread: the lookup may wait for the
 * marketplace's lock, which is held while a host is detached, and stopping a server waits for its
 * I/O threads.
 */
record RootKeyAuthenticator(
    long instanceId, LongFunction<List<String>> authorizedKeys, Executor lookups)
    implements PublickeyAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(RootKeyAuthenticator.class);

  RootKeyAuthenticator {
    Objects.requireNonNull(authorizedKeys, "authorizedKeys == null");
    Objects.requireNonNull(lookups, "lookups == null");
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    if (!"root".equals(username)) {
      return false;
    }
    var pending = new AsyncAuthException();
    try {
      lookups.execute(() -> pending.setAuthed(isAuthorized(key)));
    } catch (RejectedExecutionException e) {
      return false; // the fleet is closing
    }
    throw pending;
  }

  private boolean isAuthorized(PublicKey key) {
    try {
      List<String> lines = authorizedKeys.apply(instanceId);
      return lines != null && lines.stream().anyMatch(line -> allows(line, key));
    } catch (RuntimeException e) {
      LOG.warn("authorized keys of instance {} unavailable: {}", instanceId, e.toString());
      return false;
    }
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
