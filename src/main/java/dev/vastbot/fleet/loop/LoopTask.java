package dev.vastbot.fleet.loop;

/** One tick of a loop: observe, decide, act; returns what it did, for people. */
@FunctionalInterface
public interface LoopTask {
  String tick() throws Exception;
}
