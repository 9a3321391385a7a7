package org.nipcgateway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.nipcgateway.core.storage.AttributeSealer;
import org.nipcgateway.core.storage.StoreException;

/**
 * Seals the registry's secret attributes on their way to disk and opens them on the way back: BLE
 * identity resolving keys, passkeys and out-of-band pairing data, DPP bootstrapping keys and FDO
 * ownership vouchers. Memory holds them in clear (the engine needs them); the database file, its
 * WAL and its backups never do. A sealed value is the string {@code sealed:<AES-GCM box>} of the
 * value's JSON text.
 */
public final class SecretAttributeSealer implements AttributeSealer {
  private static final String PREFIX = "sealed:";
  private final SecretBox box;
  private final ObjectMapper json = new ObjectMapper();

  public SecretAttributeSealer(SecretBox box) {
    this.box = box;
  }

  @Override
  public ObjectNode seal(ObjectNode attributes) {
    ObjectNode copy = attributes.deepCopy();
    for (List<String> path : SecretAttributes.PATHS) {
      ObjectNode parent = SecretAttributes.parent(copy, path);
      String name = path.get(path.size() - 1);
      if (parent != null && parent.hasNonNull(name) && !isSealed(parent.get(name))) {
        parent.put(name, PREFIX + box.seal(parent.get(name).toString()));
      }
    }
    return copy;
  }

  @Override
  public ObjectNode open(ObjectNode attributes) {
    for (List<String> path : SecretAttributes.PATHS) {
      ObjectNode parent = SecretAttributes.parent(attributes, path);
      String name = path.get(path.size() - 1);
      if (parent != null && isSealed(parent.get(name))) {
        try {
          String text = box.open(parent.get(name).asText().substring(PREFIX.length()));
          parent.set(name, json.readTree(text));
        } catch (IOException e) {
          throw new StoreException("a sealed attribute does not open", e);
        }
      }
    }
    return attributes;
  }

  private static boolean isSealed(JsonNode value) {
    return value != null && value.isTextual() && value.asText().startsWith(PREFIX);
  }
}
