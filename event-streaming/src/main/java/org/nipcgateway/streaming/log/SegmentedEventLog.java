package org.nipcgateway.streaming.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One data app's queue of events on disk (store-and-forward): append-only segment files of framed
 * records ({@link RecordFrame}) and a separate acknowledged offset ({@link AckedOffset}). Events
 * are read in order from a cursor that runs ahead of the acknowledged offset while a batch is on
 * its way; only {@link #acknowledge} removes them. The oldest segment is dropped, and its
 * undelivered events counted, when the log exceeds its size bound; events older than the age bound
 * are dropped and counted too. Every method blocks on disk I/O: call them on one worker thread,
 * never an event loop, and never from two threads at once.
 */
public final class SegmentedEventLog implements AutoCloseable {
  private final Path dir;
  private final LogLimits limits;
  private final Clock clock;
  private final AckedOffset ackedOffset;
  private final Deque<LogSegment> segments = new ArrayDeque<>();
  private long acked;
  private long nextSequence;
  private LogSegment readSegment;
  private long readPosition;
  private long readSequence;
  private long inFlightOldestMillis = -1;
  private long droppedQueueFull;
  private long droppedExpired;
  private long evictedUnacknowledged;

  private SegmentedEventLog(Path dir, LogLimits limits, Clock clock) {
    this.dir = dir;
    this.limits = limits;
    this.clock = clock;
    this.ackedOffset = new AckedOffset(dir);
  }

  /** Opens (or creates) the log in {@code dir}, recovering what a crash left behind. */
  public static SegmentedEventLog open(Path dir, LogLimits limits, Clock clock) throws IOException {
    org.nipcgateway.core.storage.OwnerOnly.createDirectories(dir);
    SegmentedEventLog log = new SegmentedEventLog(dir, limits, clock);
    log.recover();
    return log;
  }

  private void recover() throws IOException {
    Files.deleteIfExists(dir.resolve("acked.tmp"));
    acked = ackedOffset.read();
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(LogSegment::isSegment)
              .sorted(Comparator.comparing(Path::toString))
              .toList();
    }
    for (Path file : files) {
      LogSegment segment = LogSegment.recover(file);
      boolean delivered = segment.lastSequence() < acked;
      boolean behindPrevious =
          !segments.isEmpty() && segment.firstSequence() <= segments.peekLast().lastSequence();
      if (delivered
          || behindPrevious
          || (segment.isEmpty() && file != files.get(files.size() - 1))) {
        segment.delete();
      } else {
        segments.add(segment);
      }
    }
    nextSequence = segments.isEmpty() ? acked : segments.peekLast().lastSequence() + 1;
    nextSequence = Math.max(nextSequence, acked);
    if (!segments.isEmpty() && segments.peekFirst().firstSequence() > acked) {
      acked = segments.peekFirst().firstSequence();
    }
    seekToAcked();
  }

  /** Puts the read cursor on the first unacknowledged record. */
  private void seekToAcked() throws IOException {
    readSequence = acked;
    readSegment = segments.peekFirst();
    readPosition = 0;
    if (readSegment == null) {
      return;
    }
    while (true) {
      Optional<LogRecord> record = readSegment.read(readPosition);
      if (record.isEmpty() || record.get().sequence() >= acked) {
        return;
      }
      readPosition += record.get().frameLength();
    }
  }

  /** Appends events in order, forced to the device as one group when {@code fsync} is on. */
  public LogState append(List<LogRecord> unsequenced) throws IOException {
    List<LogRecord> group = new ArrayList<>();
    for (LogRecord record : unsequenced) {
      LogSegment active = segments.peekLast();
      if (active == null || active.bytes() >= limits.segmentBytes()) {
        if (active != null && !group.isEmpty()) {
          active.append(group, limits.fsync());
          group = new ArrayList<>();
        }
        segments.add(LogSegment.create(dir, nextSequence));
        if (readSegment == null) {
          readSegment = segments.peekLast();
          readPosition = 0;
        }
      }
      group.add(record.withSequence(nextSequence++));
    }
    if (!group.isEmpty()) {
      segments.peekLast().append(group, limits.fsync());
    }
    enforceBounds();
    return state();
  }

  /** Up to {@code max} events from the cursor on, skipping (and counting) expired ones. */
  public LogBatch read(int max) throws IOException {
    enforceBounds();
    long expiredBefore = clock.millis() - limits.maxAge().toMillis();
    List<LogRecord> records = new ArrayList<>();
    while (records.size() < max && readSegment != null) {
      Optional<LogRecord> next = readSegment.read(readPosition);
      if (next.isEmpty()) {
        if (!moveToNextSegment()) {
          break;
        }
        continue;
      }
      LogRecord record = next.get();
      readPosition += record.frameLength();
      readSequence = record.sequence() + 1;
      if (record.queuedAtMillis() < expiredBefore) {
        droppedExpired++;
      } else {
        if (records.isEmpty() && inFlightOldestMillis < 0) {
          inFlightOldestMillis = record.queuedAtMillis();
        }
        records.add(record);
      }
    }
    return new LogBatch(List.copyOf(records), readSequence, state());
  }

  private boolean moveToNextSegment() {
    Iterator<LogSegment> it = segments.iterator();
    while (it.hasNext()) {
      if (it.next() == readSegment && it.hasNext()) {
        readSegment.dropReadAhead();
        readSegment = it.next();
        readPosition = 0;
        readSequence = Math.max(readSequence, readSegment.firstSequence());
        return true;
      }
    }
    return false;
  }

  /**
   * Puts the read cursor back on the first unacknowledged event: what was read but is not
   * acknowledged yet is read, and delivered, again (a destination that may have lost it).
   */
  public LogState rewind() throws IOException {
    seekToAcked();
    inFlightOldestMillis = -1;
    return state();
  }

  /** The destination has every event before {@code upTo}: they leave the log. */
  public LogState acknowledge(long upTo) throws IOException {
    if (upTo <= acked) {
      return state();
    }
    acked = Math.min(upTo, nextSequence);
    if (acked >= readSequence) {
      inFlightOldestMillis = -1;
    }
    ackedOffset.write(acked);
    while (segments.size() > 1 && segments.peekFirst().lastSequence() < acked) {
      LogSegment delivered = segments.pollFirst();
      if (readSegment == delivered) {
        // The cursor was at its end: what comes next is in the following segment.
        readSegment = segments.peekFirst();
        readPosition = 0;
      }
      delivered.delete();
    }
    return state();
  }

  /**
   * Drops the oldest segments beyond the size bound, and those whose newest event is past the age
   * bound; what was not read yet in them is counted (what is on its way still gets there).
   */
  private void enforceBounds() throws IOException {
    long expiredBefore = clock.millis() - limits.maxAge().toMillis();
    while (segments.size() > 1
        && (totalBytes() > limits.maxBytes()
            || segments.peekFirst().newestMillis() < expiredBefore)) {
      boolean nothingInFlight = acked >= readSequence;
      LogSegment oldest = segments.pollFirst();
      long unread = oldest.countFrom(readSequence);
      // Read but not acknowledged: on its way, or held for replay (the embedded broker). At high
      // rates a replay hold can need more log than the size bound allows (decisions §52).
      evictedUnacknowledged += oldest.countFrom(acked) - unread;
      if (oldest.newestMillis() < expiredBefore) {
        droppedExpired += unread;
      } else {
        droppedQueueFull += unread;
      }
      if (readSegment == oldest) {
        readSegment = segments.peekFirst();
        readPosition = 0;
        readSequence = readSegment.firstSequence();
      }
      oldest.delete();
      long first = segments.peekFirst().firstSequence();
      if (nothingInFlight && acked < first) {
        readSequence = Math.max(readSequence, first);
        acknowledge(first);
      }
    }
  }

  private long totalBytes() {
    return segments.stream().mapToLong(LogSegment::bytes).sum();
  }

  /** What the log holds now. */
  public LogState state() throws IOException {
    long queued = segments.stream().mapToLong(s -> s.countFrom(acked)).sum();
    long oldest = -1;
    if (queued > 0) {
      oldest = acked < readSequence ? inFlightOldestMillis : peekOldestUnread();
    }
    return new LogState(
        queued, totalBytes(), oldest, droppedQueueFull, droppedExpired, evictedUnacknowledged);
  }

  private long peekOldestUnread() throws IOException {
    if (readSegment == null) {
      return -1;
    }
    Optional<LogRecord> next = readSegment.read(readPosition);
    if (next.isPresent()) {
      return next.get().queuedAtMillis();
    }
    for (LogSegment segment : segments) {
      if (segment.firstSequence() > readSegment.firstSequence() && !segment.isEmpty()) {
        return segment.oldestMillis();
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    for (LogSegment segment : segments) {
      segment.close();
    }
    segments.clear();
    readSegment = null;
  }
}
