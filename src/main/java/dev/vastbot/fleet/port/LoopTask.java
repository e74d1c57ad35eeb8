package dev.vastbot.fleet.port;

/** One tick of a loop: observe, decide, act; returns what it did, for people. */
@FunctionalInterface
public interface LoopTask {
  String tick() throws Exception;
}
