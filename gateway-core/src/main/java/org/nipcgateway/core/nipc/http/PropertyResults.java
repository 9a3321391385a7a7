package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON array a property read or write answers with, written item by item with Jackson's
 * streaming generator instead of built as a {@code JsonArray} and encoded afterwards (the tree and
 * its databind walk were 6 % of a read): an item is a value ({@code property} and base64 {@code
 * value}), a write's {@code status}, or a problem document.
 */
final class PropertyResults {
  /** Thread-safe once built; its generators take their buffers from Jackson's recycler. */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  // Field names quoted and encoded once: a name given as a String is checked for escapes and
  // encoded again on every item.
  private static final SerializableString PROPERTY = new SerializedString("property");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString STATUS = new SerializedString("status");

  private final ByteArrayBuilder bytes = new ByteArrayBuilder(128);
  private final JsonGenerator out;

  PropertyResults() {
    try {
      out = JSON.createGenerator(bytes);
      out.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a generator over memory does not fail
    }
  }

  /** A property's value, base64 as draft-ietf-asdf-nipc carries it. */
  void value(String property, byte[] value) {
    try {
      out.writeStartObject();
      out.writeFieldName(PROPERTY);
      out.writeString(property);
      out.writeFieldName(VALUE);
      out.writeBinary(value); // standard alphabet with padding, as java.util.Base64
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A write that the device took. */
  void written() {
    try {
      out.writeStartObject();
      out.writeFieldName(STATUS);
      out.writeNumber(200);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An item's problem document (a failure's answer: encoded by Vert.x as any other body). */
  void problem(JsonObject document) {
    try {
      out.writeRawValue(document.encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The array, closed; nothing is to be added after. */
  Buffer end() {
    try {
      out.writeEndArray();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }
}
