package org.nipcgateway.streaming.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * How a record sits in a segment file: a 4-byte body length, the body's CRC32, then the body. A
 * frame cut short by a crash, or whose CRC does not match, reads as the end of the valid data.
 */
final class RecordFrame {
  static final int HEADER = 8;

  /** Larger than any event (a topic and a CBOR item), so a garbage length is never trusted. */
  static final int MAX_BODY = 1 << 20;

  private RecordFrame() {}

  static ByteBuffer encode(LogRecord record) {
    int length = (int) record.frameLength();
    byte[] bytes = new byte[length];
    ByteBuffer frame = ByteBuffer.wrap(bytes);
    frame.position(HEADER);
    record.writeBody(frame);
    CRC32 crc = new CRC32();
    crc.update(bytes, HEADER, length - HEADER);
    frame.putInt(0, length - HEADER).putInt(4, (int) crc.getValue());
    return frame.flip();
  }

  /** The valid record at {@code position}, or empty at the end of the valid data. */
  static Optional<LogRecord> read(FileChannel file, long position) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    if (!readFully(file, header, position)) {
      return Optional.empty();
    }
    int length = header.getInt(0);
    int crc = header.getInt(4);
    if (length < 18 || length > MAX_BODY) {
      return Optional.empty();
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    if (!readFully(file, body, position + HEADER) || crc(body.array()) != crc) {
      return Optional.empty();
    }
    return Optional.of(LogRecord.fromBody(body.array()));
  }

  /**
   * The record whose frame starts at {@code offset} of bytes read ahead from the file: empty when
   * the frame is not valid (the end of the valid data), null when the bytes end before the frame
   * does (read further from the file, then ask again).
   */
  static Optional<LogRecord> parse(byte[] bytes, int offset, int end) {
    if (end - offset < HEADER) {
      return null;
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER);
    int length = header.getInt(offset);
    int crc = header.getInt(offset + 4);
    if (length < 18 || length > MAX_BODY) {
      return Optional.empty();
    }
    if (end - offset - HEADER < length) {
      return null;
    }
    CRC32 check = new CRC32();
    check.update(bytes, offset + HEADER, length);
    if ((int) check.getValue() != crc) {
      return Optional.empty();
    }
    return Optional.of(LogRecord.fromBody(bytes, offset + HEADER, length));
  }

  private static boolean readFully(FileChannel file, ByteBuffer into, long position)
      throws IOException {
    while (into.hasRemaining()) {
      int read = file.read(into, position + into.position());
      if (read < 0) {
        return false;
      }
    }
    return true;
  }

  private static int crc(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return (int) crc.getValue();
  }
}
