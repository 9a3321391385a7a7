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
    return RecordFrame.HEADER + 18 + utf8Length(topic) + item.length;
  }

  /** Sequence, time, topic length and topic, then the item: what the frame's CRC covers. */
  byte[] body() {
    ByteBuffer body = ByteBuffer.allocate((int) frameLength() - RecordFrame.HEADER);
    writeBody(body);
    return body.array();
  }

  /** Puts the {@link #body} at the buffer's position. */
  void writeBody(ByteBuffer into) {
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    into.putLong(sequence)
        .putLong(queuedAtMillis)
        .putShort((short) topicBytes.length)
        .put(topicBytes)
        .put(item);
  }

  /** The topic's length in UTF-8: counted for ASCII (topics are), asked several times per event. */
  private static int utf8Length(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return text.length();
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
