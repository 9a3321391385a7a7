package org.nipcgateway.core.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.nipcgateway.core.device.ScimNames;

/**
 * A JSON object kept as compact bytes: its UTF-8 text, with each of the SCIM schema URNs every
 * device repeats (a few hundred bytes of a bench device's ~340) written as one byte. Serialised
 * JSON never holds a raw control character (the writer escapes them inside strings and writes no
 * whitespace), so the bytes 0x01 to 0x1F, less tab, line feed and carriage return, are free to
 * stand for them. A tree is about eight times its text on the heap; a registry of 100,000 devices
 * keeps this form and parses a resource when it is read.
 */
final class PackedJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest first, so that a URN another one starts with is tried after it. */
  private static final List<byte[]> WORDS =
      List.of(
              ScimNames.CORE_DEVICE_SCHEMA,
              ScimNames.ENDPOINT_APP_SCHEMA,
              ScimNames.BLE,
              ScimNames.ZIGBEE,
              ScimNames.SDF,
              ScimNames.ENDPOINT_APPS,
              ScimNames.DPP,
              ScimNames.ETHERNET_MAB,
              ScimNames.FDO,
              ScimNames.FDO_DRAFT_SPELLING,
              ScimNames.PAIRING_NULL,
              ScimNames.PAIRING_JUST_WORKS,
              ScimNames.PAIRING_PASS_KEY,
              ScimNames.PAIRING_OOB,
              "urn:ietf:params:scim:schemas:core:2.0:",
              "urn:ietf:params:scim:schemas:extension:")
          .stream()
          .sorted(Comparator.comparingInt(String::length).reversed())
          .map(word -> word.getBytes(StandardCharsets.UTF_8))
          .toList();

  private static final byte[] TOKENS = tokens();

  /** By control byte, the word it stands for, or -1. */
  private static final int[] WORD_OF = wordOf();

  private PackedJson() {}

  private static byte[] tokens() {
    byte[] tokens = new byte[WORDS.size()];
    int next = 1;
    for (int i = 0; i < tokens.length; i++) {
      while (next == '\t' || next == '\n' || next == '\r') {
        next++;
      }
      tokens[i] = (byte) next++;
    }
    if (next > 0x20) {
      throw new IllegalStateException("more packed words than free control bytes");
    }
    return tokens;
  }

  private static int[] wordOf() {
    int[] wordOf = new int[0x20];
    Arrays.fill(wordOf, -1);
    for (int t = 0; t < TOKENS.length; t++) {
      wordOf[TOKENS[t]] = t;
    }
    return wordOf;
  }

  static byte[] pack(ObjectNode object) {
    byte[] text;
    try {
      text = JSON.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable", e);
    }
    byte[] out = new byte[text.length];
    int length = 0;
    for (int i = 0; i < text.length; ) {
      int word = text[i] == 'u' ? wordAt(text, i) : -1;
      if (word >= 0) {
        out[length++] = TOKENS[word];
        i += WORDS.get(word).length;
      } else {
        out[length++] = text[i++];
      }
    }
    return Arrays.copyOf(out, length);
  }

  static ObjectNode unpack(byte[] packed) {
    int length = packed.length;
    for (byte b : packed) {
      int token = token(b);
      if (token >= 0) {
        length += WORDS.get(token).length - 1;
      }
    }
    byte[] text = new byte[length];
    int at = 0;
    for (byte b : packed) {
      int token = token(b);
      if (token >= 0) {
        byte[] word = WORDS.get(token);
        System.arraycopy(word, 0, text, at, word.length);
        at += word.length;
      } else {
        text[at++] = b;
      }
    }
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("packed JSON that does not parse", e);
    }
  }

  private static int wordAt(byte[] text, int at) {
    for (int w = 0; w < WORDS.size(); w++) {
      byte[] word = WORDS.get(w);
      if (at + word.length <= text.length
          && Arrays.equals(text, at, at + word.length, word, 0, word.length)) {
        return w;
      }
    }
    return -1;
  }

  private static int token(byte b) {
    return b >= 0 && b < 0x20 ? WORD_OF[b] : -1;
  }
}
