package dev.vastbot.sim;

import java.util.Random;

/** Deterministic ids and secrets from the settings' seed. Not thread-safe. */
final class SeededIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Random random;
  private long nextInstanceId;

  SeededIds(long seed) {
    this.random = new Random(seed * 31 + 7);
    this.nextInstanceId = 30_000_000L + random.nextInt(1_000_000);
  }

  /** Large increasing ids like Vast's contract ids, with small random gaps. */
  long nextInstanceId() {
    long id = nextInstanceId;
    nextInstanceId += 1 + random.nextInt(97);
    return id;
  }

  String hexToken(int length) {
    var token = new StringBuilder(length);
    for (int index = 0; index < length; index++) {
      token.append(HEX[random.nextInt(HEX.length)]);
    }
    return token.toString();
  }
}
