package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SimMarketplace calls detach while holding its lock, and a login asks the marketplace (same lock)
 * for the authorized keys: detach must not wait for that login.
 */
class DetachUnderLockTest {
  @TempDir Path root;

  @Test
  void detachWhileALoginWaitsForTheCallersLockReturnsQuickly() throws Exception {
    Object marketLock = new Object();
    var key = FleetFixture.ed25519();
    var loginWaiting = new CountDownLatch(1);
    try (var fleet =
        new SimHostFleet(
            root,
            id -> {
              loginWaiting.countDown();
              synchronized (marketLock) {
                return List.of(FleetFixture.line(key));
              }
            },
            42)) {
      int port = fleet.attach(5, "RTX 4090", 1).getPort();
      CompletableFuture<Void> login;
      long detachNanos;
      synchronized (marketLock) {
        login = CompletableFuture.runAsync(() -> HostShell.login(port, key).close());
        assertTrue(loginWaiting.await(10, TimeUnit.SECONDS), "login reached authorizedKeys");
        long started = System.nanoTime();
        fleet.detach(5);
        detachNanos = System.nanoTime() - started;
      }
      assertTrue(
          Duration.ofNanos(detachNanos).toMillis() < 3000,
          "detach took " + Duration.ofNanos(detachNanos));
      assertFalse(fleet.host(5).orElseThrow().attached());
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
      login.handle((done, failure) -> null).get(10, TimeUnit.SECONDS);
    }
  }
}
