package org.nipcgateway.core.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
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
    generator.writeFieldName("time");
    generator.writeString(timestamp(epochMillis), 0, time.length);
    generator.writeStringField("caller", caller);
    generator.writeStringField("via", via);
    generator.writeStringField("method", method);
  }

  private void write(AuditEntry entry) throws IOException {
    start(entry.epochMillis(), entry.caller(), entry.via(), entry.method());
    generator.writeStringField("route", entry.route());
    generator.writeStringField("path", entry.path());
    generator.writeNumberField("status", entry.status());
    if (entry.target() != null) {
      generator.writeStringField("target", entry.target());
    }
    if (entry.denied()) {
      generator.writeBooleanField("denied", true);
    }
    generator.writeEndObject();
    generator.writeRaw('\n');
  }

  private void write(SessionAuditEntry entry) throws IOException {
    start(entry.epochMillis(), entry.caller(), entry.via(), entry.method());
    generator.writeStringField("client", entry.client());
    generator.writeStringField("address", entry.address());
    if (entry.topic() != null) {
      generator.writeStringField("topic", entry.topic());
    }
    if (entry.denied()) {
      generator.writeBooleanField("denied", true);
    }
    if (entry.reason() != null) {
      generator.writeStringField("reason", entry.reason());
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
