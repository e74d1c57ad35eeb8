package dev.vastbot.ssh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.ssh.TransferOutcome.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming step of one pull ({@link SyncPull}): the transfers go over up to {@code
 * sync.streams_per_instance} exec channels on the pull's session, balanced by bytes, one {@link
 * FileReceiver} per channel (the first on the calling thread, the others on threads of their own),
 * and those a stream left unsent go again on fresh channels. A host that refuses a channel gets as
 * many streams as it did open. Remembers every file it wrote, for the pull's flush. Not
 * thread-safe: used by one pull.
 */
final class TransferStreams {
  private static final Logger LOG = LoggerFactory.getLogger(TransferStreams.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 256 * 1024;
  /** Below this many bytes a second stream costs more than it brings. */
  private static final long SECOND_STREAM_FROM = 64L << 20;

  private final StreamingDataSync sync;
  private final SyncSettings settings;
  private final SshTarget target;
  private final MirrorPaths paths;
  private final ProgressMeter meter;
  private final Deadline deadline;
  private final List<Path> written = new ArrayList<>();

  TransferStreams(StreamingDataSync sync, SshTarget target, MirrorPaths paths, ProgressMeter meter,
      Deadline deadline) {
    this.sync = sync;
    this.settings = sync.settings();
    this.target = target;
    this.paths = paths;
    this.meter = meter;
    this.deadline = deadline;
  }

  /** Every file the streams wrote so far (partial ones too), in the order they were written. */
  List<Path> written() {
    return List.copyOf(written);
  }

  /**
   * Streams the transfers, and again on fresh channels those a stream left unsent because it was
   * cut off after a file offered more than its listed bytes. Every cut settles at least that file,
   * so this ends.
   */
  List<TransferOutcome> untilSent(SessionPool.Lease lease, List<Transfer> transfers)
      throws SyncFailure, InterruptedException {
    var settled = new ArrayList<TransferOutcome>();
    List<Transfer> pending = transfers;
    while (!pending.isEmpty()) {
      var unsent = new ArrayList<Transfer>();
      for (TransferOutcome outcome : stream(lease, pending)) {
        if (outcome.result() == Result.NOT_SENT) {
          unsent.add(outcome.transfer());
        } else {
          settled.add(outcome);
        }
      }
      pending = unsent;
    }
    return settled;
  }

  /**
   * Streams the transfers over up to the configured number of channels. When the host refuses one
   * of them (OpenSSH's MaxSessions, lowered on a hardened host, or other channels of ours open on
   * the same session), it goes again with as many streams as it did open: fewer streams are
   * slower, not wrong.
   */
  private List<TransferOutcome> stream(SessionPool.Lease lease, List<Transfer> transfers)
      throws SyncFailure, InterruptedException {
    int streams = settings.streamsPerInstance();
    while (true) {
      try {
        return stream(lease, transfers, streams);
      } catch (ChannelLimit limit) {
        LOG.info("{}: the host opened {} of {} sync channels; streaming over {}", target,
            limit.opened, streams, limit.opened);
        streams = limit.opened;
      }
    }
  }

  /** The host refused a channel after {@code opened} others of this stream step opened. */
  private static final class ChannelLimit extends Exception {
    private static final long serialVersionUID = 1L;
    final int opened;

    ChannelLimit(int opened) {
      super(null, null, false, false);
      this.opened = opened;
    }
  }

  private List<TransferOutcome> stream(SessionPool.Lease lease, List<Transfer> transfers, int maxStreams)
      throws SyncFailure, InterruptedException, ChannelLimit {
    if (transfers.isEmpty()) {
      return List.of();
    }
    List<List<Transfer>> buckets = split(transfers, maxStreams);
    var channels = new ArrayList<SyncChannel>();
    var receivers = new ArrayList<FileReceiver>();
    var workers = new ArrayList<FutureTask<List<TransferOutcome>>>();
    try {
      for (int i = 0; i < buckets.size(); i++) {
        SyncChannel channel;
        try {
          channel = open(sync, lease, streamRequest(buckets.get(i)), deadline);
        } catch (SyncFailure failure) {
          if (failure.refusedChannel() && i > 0) {
            throw new ChannelLimit(i); // the finally below closes the ones that did open
          }
          throw failure;
        }
        channels.add(channel);
        receivers.add(new FileReceiver(channel, paths, meter, deadline, i == 0));
      }
      for (int i = 1; i < buckets.size(); i++) {
        workers.add(startWorker(receivers.get(i), buckets.get(i), i));
      }
      var outcomes = new ArrayList<>(receivers.get(0).receiveAll(buckets.get(0)));
      for (var worker : workers) {
        outcomes.addAll(await(worker));
      }
      return outcomes;
    } finally {
      channels.forEach(SyncChannel::close);
      workers.forEach(worker -> worker.cancel(true));
      receivers.forEach(receiver -> written.addAll(receiver.written()));
    }
  }

  /** Receives one bucket on a daemon thread of its own. */
  private FutureTask<List<TransferOutcome>> startWorker(FileReceiver receiver, List<Transfer> bucket, int index) {
    var worker = new FutureTask<>(() -> receiver.receiveAll(bucket));
    var thread = new Thread(worker, "vastbot-sync-" + target.instanceId() + "-" + index);
    thread.setDaemon(true);
    thread.start();
    return worker;
  }

  private List<TransferOutcome> await(FutureTask<List<TransferOutcome>> worker)
      throws SyncFailure, InterruptedException {
    while (true) {
      try {
        return worker.get(Math.max(1, settings.progressInterval().toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        meter.maybeReport(false);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SyncFailure failure) {
          throw failure;
        }
        if (e.getCause() instanceof InterruptedException) {
          throw new SyncFailure(Failure.UNREACHABLE, "a stream was cut off");
        }
        throw new IllegalStateException("a sync stream failed", e.getCause());
      }
    }
  }

  /** Up to {@code maxStreams} streams, balanced by bytes, each in listing order. */
  private static List<List<Transfer>> split(List<Transfer> transfers, int maxStreams) {
    long total = transfers.stream().mapToLong(Transfer::bytesToReceive).sum();
    int streams = total < SECOND_STREAM_FROM ? 1 : Math.min(maxStreams, transfers.size());
    if (streams == 1) {
      return List.of(transfers);
    }
    var load = new long[streams];
    Map<Transfer, Integer> bucketOf = new java.util.IdentityHashMap<>();
    transfers.stream().sorted(Comparator.comparingLong(Transfer::bytesToReceive).reversed())
        .forEach(transfer -> {
          int lightest = 0;
          for (int i = 1; i < streams; i++) {
            lightest = load[i] < load[lightest] ? i : lightest;
          }
          load[lightest] += transfer.bytesToReceive() + 4096;
          bucketOf.put(transfer, lightest);
        });
    var buckets = new ArrayList<List<Transfer>>();
    for (int i = 0; i < streams; i++) {
      buckets.add(new ArrayList<>());
    }
    transfers.forEach(transfer -> buckets.get(bucketOf.get(transfer)).add(transfer));
    buckets.removeIf(List::isEmpty);
    return buckets;
  }

  private static Map<String, Object> streamRequest(List<Transfer> transfers) {
    var files = new ArrayList<Map<String, Object>>();
    for (Transfer transfer : transfers) {
      files.add(Map.of("p", transfer.file().remotePath(), "o", transfer.offset(),
          "db", transfer.file().sqlite(), "v", transfer.verifyOnly()));
    }
    return Map.of("mode", "stream", "files", files, "chunk", CHUNK);
  }

  /**
   * Opens one exec channel of the remote sync script on the lease's session and sends it {@code
   * body} (a listing or a stream request) as JSON on its stdin.
   *
   * @throws SyncFailure when the channel cannot be opened by {@code by} (a refused one says so)
   */
  static SyncChannel open(StreamingDataSync sync, SessionPool.Lease lease, Map<String, Object> body, Deadline by)
      throws SyncFailure, InterruptedException {
    byte[] json;
    try {
      json = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SyncSettings settings = sync.settings();
    return SyncChannel.open(lease.session(), RemoteSyncScript.COMMAND,
        sync.script().stdin(json), by, sync.openTimeout(), settings.stallTimeout(),
        new RateFloor(settings.minBytesPerSecond(), settings.minRateGrace()));
  }
}
