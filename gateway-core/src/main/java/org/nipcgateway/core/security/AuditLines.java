package org.nipcgateway.core.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes audit entries as JSON lines through one streaming generator onto one stream. The time of
 * day is formatted once per second and the milliseconds appended, so a line costs a few field
 * writes. Not thread-safe: the audit writer's thread is its only user.
 */
final class AuditLines {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder().rootValueSeparator((String) null).build();

  // Field names quoted and encoded once, not checked and encoded again on every line.
  private static final SerializableString ADDRESS = new SerializedString("address");
  private static final SerializableString CALLER = new SerializedString("caller");
  private static final SerializableString CLIENT = new SerializedString("client");
  private static final SerializableString DENIED = new SerializedString("denied");
  private static final SerializableString METHOD = new SerializedString("method");
  private static final SerializableString PATH = new SerializedString("path");
  private static final SerializableString REASON = new SerializedString("reason");
  private static final SerializableString ROUTE = new SerializedString("route");
  private static final SerializableString STATUS = new SerializedString("status");
  private static final SerializableString TARGET = new SerializedString("target");
  private static final SerializableString TIME = new SerializedString("time");
  private static final SerializableString TOPIC = new SerializedString("topic");
  private static final SerializableString VIA = new SerializedString("via");

  private final JsonGenerator generator;
  private final char[] time = "yyyy-mm-ddThh:mm:ss.SSSZ".toCharArray();
  private long second = Long.MIN_VALUE;

  AuditLines(OutputStream out) throws IOException {
    generator = FACTORY.createGenerator(out);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  void write(AuditRecord entry) throws IOException {
    if (entry instanceof AuditEntry request) {
      write(request);
    } else if (entry instanceof SessionAuditEntry session) {
      write(session);
    }
  }

  /** What every line begins with, whatever carried the call: when, who, how and what. */
  private void start(long epochMillis, String caller, String via, String method)
      throws IOException {
    generator.writeStartObject();
    generator.writeFieldName(TIME);
    generator.writeString(timestamp(epochMillis), 0, time.length);
    generator.writeFieldName(CALLER);
    generator.writeString(caller);
    generator.writeFieldName(VIA);
    generator.writeString(via);
    generator.writeFieldName(METHOD);
    generator.writeString(method);
  }

  private void write(AuditEntry entry) throws IOException {
    start(entry.epochMillis(), entry.caller(), entry.via(), entry.method());
    generator.writeFieldName(ROUTE);
    generator.writeString(entry.route());
    generator.writeFieldName(PATH);
    generator.writeString(entry.path());
    generator.writeFieldName(STATUS);
    generator.writeNumber(entry.status());
    if (entry.target() != null) {
      generator.writeFieldName(TARGET);
      generator.writeString(entry.target());
    }
    if (entry.denied()) {
      generator.writeFieldName(DENIED);
      generator.writeBoolean(true);
    }
    generator.writeEndObject();
    generator.writeRaw('\n');
  }

  private void write(SessionAuditEntry entry) throws IOException {
    start(entry.epochMillis(), entry.caller(), entry.via(), entry.method());
    generator.writeFieldName(CLIENT);
    generator.writeString(entry.client());
    generator.writeFieldName(ADDRESS);
    generator.writeString(entry.address());
    if (entry.topic() != null) {
      generator.writeFieldName(TOPIC);
      generator.writeString(entry.topic());
    }
    if (entry.denied()) {
      generator.writeFieldName(DENIED);
      generator.writeBoolean(true);
    }
    if (entry.reason() != null) {
      generator.writeFieldName(REASON);
      generator.writeString(entry.reason());
    }
    generator.writeEndObject();
    generator.writeRaw('\n');
  }

  /** Pushes what the generator buffered to the stream, and flushes the stream. */
  void flush() throws IOException {
    generator.flush();
  }

  /** ISO 8601 in UTC with milliseconds, e.g. {@code 2026-12-02T05:13:07.120Z}. */
  private char[] timestamp(long epochMillis) {
    long s = Math.floorDiv(epochMillis, 1000);
    if (s != second) {
      second = s;
      String prefix = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC).toString();
      // LocalDateTime drops ":00" seconds; every line keeps the same width.
      String full = prefix.length() == 16 ? prefix + ":00" : prefix;
      full.getChars(0, 19, time, 0);
    }
    int millis = Math.floorMod(epochMillis, 1000);
    time[20] = (char) ('0' + millis / 100);
    time[21] = (char) ('0' + millis / 10 % 10);
    time[22] = (char) ('0' + millis % 10);
    return time;
  }
}
