package dev.vastbot.ssh;

import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.ssh.PinningServerKeyVerifier.HostKeyCheck;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.future.CancelOption;

/**
 * Opens one authenticated session as root: TCP connect within the connect timeout, then banner,
 * key exchange, host key check and public key auth within the auth timeout, all within the
 * caller's deadline. Every failure is named ({@link HostFailure}); a half-open session is closed.
 * Thread-safe.
 */
final class SessionOpener {
  private static final String USER = "root";

  private final SshClient client;
  private final Path keyFile;
  private final Duration connectTimeout;
  private final Duration authTimeout;

  SessionOpener(SshClient client, SshSettings settings) {
    this.client = client;
    this.keyFile = settings.privateKey();
    this.connectTimeout = settings.connectTimeout();
    this.authTimeout = settings.authTimeout();
  }

  ClientSession open(SshTarget target, Deadline deadline) throws HostFailure {
    var hostKeyCheck = new HostKeyCheck(target);
    ClientSession session = connect(target, hostKeyCheck, deadline);
    try {
      authenticate(session, hostKeyCheck, deadline);
      return session;
    } catch (HostFailure | RuntimeException failure) {
      session.close(true);
      throw failure;
    }
  }

  private ClientSession connect(SshTarget target, HostKeyCheck hostKeyCheck, Deadline deadline)
      throws HostFailure {
    var address = new InetSocketAddress(target.address().host(), target.address().port());
    if (address.isUnresolved()) {
      throw unreachable("cannot resolve host " + target.address().host());
    }
    try {
      ConnectFuture connecting = client.connect(
          USER, address, hostKeyCheck.asConnectionContext(), null);
      long waitMillis = deadline.capMillis(connectTimeout);
      if (!connecting.await(waitMillis, CancelOption.CANCEL_ON_TIMEOUT,
          CancelOption.CANCEL_ON_INTERRUPT)) {
        throw unreachable("no TCP connection within " + millis(waitMillis));
      }
      if (!connecting.isConnected()) {
        throw unreachable("could not connect: " + describe(connecting.getException()));
      }
      return connecting.getClientSession();
    } catch (InterruptedIOException interrupted) {
      Thread.currentThread().interrupt();
      throw HostFailure.beforeCommand(Failure.SSH_ERROR, "interrupted while connecting");
    } catch (IOException | UnresolvedAddressException e) {
      throw unreachable("could not connect: " + describe(e));
    }
  }

  private void authenticate(ClientSession session, HostKeyCheck hostKeyCheck, Deadline deadline)
      throws HostFailure {
    long waitMillis = deadline.capMillis(authTimeout);
    boolean answered;
    AuthFuture auth;
    try {
      auth = session.auth();
      answered = auth.await(waitMillis, CancelOption.CANCEL_ON_TIMEOUT,
          CancelOption.CANCEL_ON_INTERRUPT);
    } catch (InterruptedIOException interrupted) {
      Thread.currentThread().interrupt();
      throw HostFailure.beforeCommand(Failure.SSH_ERROR, "interrupted while authenticating");
    } catch (IOException e) {
      throw sshError("SSH handshake failed: " + describe(e));
    }
    var refusal = hostKeyCheck.refusal();
    if (refusal.isPresent()) {
      throw HostFailure.beforeCommand(refusal.get().failure(), refusal.get().reason());
    }
    if (!answered) {
      throw sshError(session.getServerVersion() == null
          ? "connected, but no SSH server answered within " + millis(waitMillis)
          : "the SSH handshake and login did not finish within " + millis(waitMillis));
    }
    if (!auth.isSuccess()) {
      throw authFailure(auth.getException());
    }
  }

  private HostFailure authFailure(Throwable cause) {
    if (cause instanceof SshException ssh
        && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
      return HostFailure.beforeCommand(Failure.AUTH_REFUSED,
          "the server refused our key (VAST_SSH_KEY: " + keyFile + ")");
    }
    return sshError("SSH login failed: " + describe(cause));
  }

  private static HostFailure unreachable(String message) {
    return HostFailure.beforeCommand(Failure.UNREACHABLE, message);
  }

  private static HostFailure sshError(String message) {
    return HostFailure.beforeCommand(Failure.SSH_ERROR, message);
  }

  /** A short reason for people: the innermost well-known network error, else type and message. */
  static String describe(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return cause.getMessage() == null ? "connection refused"
            : cause.getMessage().toLowerCase(Locale.ROOT);
      }
      if (cause instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    if (error == null) {
      return "unknown error";
    }
    return error.getMessage() == null ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  private static String millis(long millis) {
    return Duration.ofMillis(millis).toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
