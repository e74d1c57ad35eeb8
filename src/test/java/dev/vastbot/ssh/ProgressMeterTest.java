package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.port.SyncProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
  @Test
  void everyStepOfBytes_runsTheActionOnce_howeverTheBytesArriveAndFromWhicheverStream() throws Exception {
    var meter = new ProgressMeter(SyncProgress.NONE, Duration.ofSeconds(1));
    var runs = new AtomicInteger();
    meter.every(100, runs::incrementAndGet);

    meter.received(99);
    assertEquals(0, runs.get());
    meter.received(1);
    assertEquals(1, runs.get(), "at 100");
    meter.received(250);
    assertEquals(2, runs.get(), "350 crosses 200 and 300 in one frame: one run, not two");

    Thread[] streams = new Thread[4];
    for (int i = 0; i < streams.length; i++) {
      streams[i] = new Thread(() -> {
        for (int frame = 0; frame < 1000; frame++) {
          meter.received(10);
        }
      });
      streams[i].start();
    }
    for (Thread stream : streams) {
      stream.join();
    }
    assertEquals(350 + 40_000, meter.bytesReceived());
    assertEquals(2 + 400, runs.get(), "one run for each of the 400 steps the streams crossed");
  }
}
