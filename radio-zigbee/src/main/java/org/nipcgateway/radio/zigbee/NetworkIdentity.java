package org.nipcgateway.radio.zigbee;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zsmartsystems.zigbee.ExtendedPanId;
import com.zsmartsystems.zigbee.security.ZigBeeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * The network the coordinator formed, kept in {@code <data dir>/zigbee/network.json}: channel, PAN
 * id, extended PAN id and the two keys, the keys sealed with the gateway's secret key. Absent on
 * first start: then it is made from the settings, with whatever they leave out generated at random,
 * and the network is formed; present later: the network is resumed as it was.
 */
record NetworkIdentity(
    int channel, int panId, ExtendedPanId extendedPanId, ZigBeeKey networkKey, ZigBeeKey linkKey) {
  private static final String FILE = "network.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether a network was formed here before. */
  static boolean formed(Path directory) {
    return Files.exists(directory.resolve(FILE));
  }

  /** The stored identity; fails when the sealed keys do not open with this gateway's key. */
  static NetworkIdentity load(Path directory, UnaryOperator<String> open) {
    try {
      ObjectNode stored = (ObjectNode) JSON.readTree(directory.resolve(FILE).toFile());
      return new NetworkIdentity(
          stored.path("channel").asInt(),
          stored.path("panId").asInt(),
          new ExtendedPanId(stored.path("extendedPanId").asText()),
          new ZigBeeKey(open.apply(stored.path("networkKey").asText())),
          new ZigBeeKey(open.apply(stored.path("linkKey").asText())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new identity from the settings, generating what they do not give. */
  static NetworkIdentity create(NetworkSettings settings) {
    SecureRandom random = new SecureRandom();
    return new NetworkIdentity(
        settings.channel(),
        settings.panId().orElseGet(() -> 1 + random.nextInt(0x3FFE)),
        new ExtendedPanId(settings.extendedPanId().orElseGet(() -> hex(random, 8))),
        new ZigBeeKey(settings.networkKey().orElseGet(() -> hex(random, 16))),
        // The Zigbee 3.0 default link key ("ZigBeeAlliance09") lets standard devices join.
        new ZigBeeKey(settings.linkKey().orElse("5A6967426565416C6C69616E63653039")));
  }

  /** Stores the identity, keys sealed; readable by the owner only like the gateway's key. */
  void store(Path directory, UnaryOperator<String> seal) {
    ObjectNode node = JSON.createObjectNode();
    node.put("channel", channel);
    node.put("panId", panId);
    node.put("extendedPanId", extendedPanId.toString());
    node.put("networkKey", seal.apply(hex(networkKey.getValue())));
    node.put("linkKey", seal.apply(hex(linkKey.getValue())));
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(FILE);
      Files.writeString(file, JSON.writeValueAsString(node));
      try {
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the data dir's permissions protect it.
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().withUpperCase().formatHex(value);
  }

  private static String hex(int[] value) {
    StringBuilder out = new StringBuilder();
    for (int b : value) {
      out.append(String.format("%02X", b & 0xFF));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    // Never the keys.
    return String.format("channel %d, PAN 0x%04X, extended PAN %s", channel, panId, extendedPanId);
  }
}
