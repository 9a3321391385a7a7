package org.nipcgateway.streaming.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One queued event as the log keeps it: its sequence number (assigned by the log, gap-free and
 * increasing), when it was queued, the MQTT topic it goes out on and its CBOR {@code
 * DataSubscription} item.
 */
public record LogRecord(long sequence, long queuedAtMillis, String topic, byte[] item) {

  /** An event not yet in the log; the log gives it its sequence number. */
  public static LogRecord unsequenced(long queuedAtMillis, String topic, byte[] item) {
    return new LogRecord(-1, queuedAtMillis, topic, item);
  }

  LogRecord withSequence(long assigned) {
    return new LogRecord(assigned, queuedAtMillis, topic, item);
  }

  /** The bytes this record takes in a segment file, frame header included. */
  long frameLength() {
    return RecordFrame.HEADER + 18 + topic.getBytes(StandardCharsets.UTF_8).length + item.length;
  }

  /** Sequence, time, topic length and topic, then the item: what the frame's CRC covers. */
  byte[] body() {
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + 8 + 2 + topicBytes.length + item.length)
        .putLong(sequence)
        .putLong(queuedAtMillis)
        .putShort((short) topicBytes.length)
        .put(topicBytes)
        .put(item)
        .array();
  }

  static LogRecord fromBody(byte[] body) {
    return fromBody(body, 0, body.length);
  }

  /** The record whose body is {@code length} bytes of {@code bytes} from {@code offset}. */
  static LogRecord fromBody(byte[] bytes, int offset, int length) {
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    long sequence = in.getLong();
    long queuedAt = in.getLong();
    byte[] topicBytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(topicBytes);
    byte[] item = new byte[in.remaining()];
    in.get(item);
    return new LogRecord(sequence, queuedAt, new String(topicBytes, StandardCharsets.UTF_8), item);
  }
}
