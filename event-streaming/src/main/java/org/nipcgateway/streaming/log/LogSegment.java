package org.nipcgateway.streaming.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * One segment file of a log: records with consecutive sequence numbers from the one in its name.
 * Only the newest segment is written to, always at its end. Called on the log's thread only.
 */
final class LogSegment implements AutoCloseable {
  private static final String SUFFIX = ".seg";
  private static final int READ_AHEAD = 64 * 1024;

  private final Path path;
  private final FileChannel channel;
  private final long firstSequence;
  private long lastSequence;
  private long bytes;
  private long oldestMillis = Long.MAX_VALUE;
  private long newestMillis = Long.MIN_VALUE;

  /**
   * Bytes of the file read ahead of the cursor: {@code aheadLength} of them from {@code
   * aheadStart}.
   */
  private byte[] ahead = new byte[0];

  private long aheadStart = -1;
  private int aheadLength;

  private LogSegment(Path path, FileChannel channel, long firstSequence) {
    this.path = path;
    this.channel = channel;
    this.firstSequence = firstSequence;
    this.lastSequence = firstSequence - 1;
  }

  static LogSegment create(Path dir, long firstSequence) throws IOException {
    Path path = dir.resolve(String.format("%020d%s", firstSequence, SUFFIX));
    FileChannel channel =
        FileChannel.open(
            path,
            java.util.Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
            org.nipcgateway.core.storage.OwnerOnly.fileAttribute());
    return new LogSegment(path, channel, firstSequence);
  }

  static boolean isSegment(Path file) {
    return file.getFileName().toString().matches("\\d{20}\\" + SUFFIX);
  }

  /**
   * Opens a segment written before and finds where its valid records end: a record cut short by a
   * crash, a CRC that does not match or a sequence out of order ends it, and the file is cut there
   * so new records follow the last valid one.
   */
  static LogSegment recover(Path path) throws IOException {
    long first = Long.parseLong(path.getFileName().toString().replace(SUFFIX, ""));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    LogSegment segment = new LogSegment(path, channel, first);
    while (true) {
      Optional<LogRecord> record = RecordFrame.read(channel, segment.bytes);
      if (record.isEmpty() || record.get().sequence() != segment.lastSequence + 1) {
        break;
      }
      segment.counted(record.get());
    }
    if (channel.size() > segment.bytes) {
      channel.truncate(segment.bytes);
    }
    return segment;
  }

  /** Writes records (already sequenced, following this segment's last) at the end. */
  void append(List<LogRecord> records, boolean force) throws IOException {
    ByteBuffer[] frames = new ByteBuffer[records.size()];
    long length = 0;
    for (int i = 0; i < frames.length; i++) {
      frames[i] = RecordFrame.encode(records.get(i));
      length += frames[i].remaining();
    }
    channel.position(bytes);
    long written = 0;
    while (written < length) {
      written += channel.write(frames);
    }
    if (force) {
      channel.force(false);
    }
    records.forEach(this::counted);
  }

  private void counted(LogRecord record) {
    lastSequence = record.sequence();
    bytes += record.frameLength();
    oldestMillis = Math.min(oldestMillis, record.queuedAtMillis());
    newestMillis = Math.max(newestMillis, record.queuedAtMillis());
  }

  /**
   * The record at a file position, or empty at the end of this segment. Records are read in order,
   * so the file is read ahead {@link #READ_AHEAD} bytes at a time rather than two reads per record;
   * what was read ahead stays valid, since written bytes never change.
   */
  Optional<LogRecord> read(long position) throws IOException {
    if (position >= bytes) {
      return Optional.empty();
    }
    if (position >= aheadStart && position < aheadStart + aheadLength) {
      int offset = (int) (position - aheadStart);
      Optional<LogRecord> record = RecordFrame.parse(ahead, offset, aheadLength);
      if (record != null) {
        return record;
      }
    }
    readAhead(position);
    Optional<LogRecord> record = RecordFrame.parse(ahead, 0, aheadLength);
    return record == null ? RecordFrame.read(channel, position) : record; // a frame larger still
  }

  /** The cursor moved on to another segment: what was read ahead here is not needed again. */
  void dropReadAhead() {
    ahead = new byte[0];
    aheadStart = -1;
    aheadLength = 0;
  }

  private void readAhead(long position) throws IOException {
    int want = (int) Math.min(READ_AHEAD, bytes - position);
    if (ahead.length < want) {
      ahead = new byte[READ_AHEAD];
    }
    ByteBuffer into = ByteBuffer.wrap(ahead, 0, want);
    while (into.hasRemaining()) {
      if (channel.read(into, position + into.position()) < 0) {
        break;
      }
    }
    aheadStart = position;
    aheadLength = into.position();
  }

  /** Records from {@code sequence} on (0 when the segment ends before it). */
  long countFrom(long sequence) {
    return Math.max(0, lastSequence - Math.max(sequence, firstSequence) + 1);
  }

  boolean isEmpty() {
    return lastSequence < firstSequence;
  }

  long firstSequence() {
    return firstSequence;
  }

  long lastSequence() {
    return lastSequence;
  }

  long bytes() {
    return bytes;
  }

  long oldestMillis() {
    return oldestMillis;
  }

  long newestMillis() {
    return newestMillis;
  }

  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
