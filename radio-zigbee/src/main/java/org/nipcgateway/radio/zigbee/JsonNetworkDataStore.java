package org.nipcgateway.radio.zigbee;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.database.ZclAttributeDao;
import com.zsmartsystems.zigbee.database.ZigBeeNetworkDataStore;
import com.zsmartsystems.zigbee.database.ZigBeeNodeDao;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's network data store as one JSON file per node under {@code <data dir>/zigbee/nodes}:
 * address, descriptors, endpoints with their clusters, and the binding table, as the stack's own
 * node records hold them. The network manager restores its nodes from here on start, so a restart
 * needs no re-join and no new discovery. Attribute values the stack caches are not kept (the
 * gateway reads devices, never the cache). Files are replaced atomically. Called on the stack's
 * threads.
 */
final class JsonNetworkDataStore implements ZigBeeNetworkDataStore {
  private static final Logger LOG = LoggerFactory.getLogger(JsonNetworkDataStore.class);
  private static final String SUFFIX = ".json";

  private final Path directory;
  private final ObjectMapper json = mapper();

  JsonNetworkDataStore(Path directory) {
    this.directory = directory;
  }

  @Override
  public synchronized Set<IeeeAddress> readNetworkNodes() {
    Set<IeeeAddress> nodes = new HashSet<>();
    if (!Files.isDirectory(directory)) {
      return nodes;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX))
          .forEach(n -> nodes.add(new IeeeAddress(n.substring(0, n.length() - SUFFIX.length()))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nodes;
  }

  @Override
  public synchronized ZigBeeNodeDao readNode(IeeeAddress address) {
    Path file = file(address);
    try {
      return json.readValue(file.toFile(), ZigBeeNodeDao.class);
    } catch (IOException e) {
      LOG.warn("Zigbee node record {} cannot be read, the node will be discovered again", file);
      return null;
    }
  }

  @Override
  public synchronized void writeNode(ZigBeeNodeDao node) {
    try {
      Files.createDirectories(directory);
      Path file = file(node.getIeeeAddress());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      json.writeValue(temporary.toFile(), node);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "Zigbee node record for {} cannot be written: {}", node.getIeeeAddress(), e.toString());
    }
  }

  @Override
  public synchronized void removeNode(IeeeAddress address) {
    try {
      Files.deleteIfExists(file(address));
    } catch (IOException e) {
      LOG.warn("Zigbee node record for {} cannot be removed: {}", address, e.toString());
    }
  }

  private Path file(IeeeAddress address) {
    return directory.resolve(address.toString() + SUFFIX);
  }

  /** Jackson over the stack's record classes' fields, with addresses as their hex spelling. */
  private static ObjectMapper mapper() {
    SimpleModule addresses = new SimpleModule();
    addresses.addSerializer(
        IeeeAddress.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(IeeeAddress value, JsonGenerator out, SerializerProvider provider)
              throws IOException {
            out.writeString(value.toString());
          }
        });
    addresses.addDeserializer(
        IeeeAddress.class,
        new JsonDeserializer<>() {
          @Override
          public IeeeAddress deserialize(JsonParser in, DeserializationContext context)
              throws IOException {
            return new IeeeAddress(in.getValueAsString());
          }
        });
    addresses.addKeyDeserializer(
        IeeeAddress.class,
        new KeyDeserializer() {
          @Override
          public Object deserializeKey(String key, DeserializationContext context) {
            return new IeeeAddress(key);
          }
        });
    return new ObjectMapper()
        .registerModule(addresses)
        .addMixIn(ZclAttributeDao.class, WithoutCachedValues.class)
        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** Values of arbitrary Java types the stack caches per attribute; not needed after a restart. */
  private abstract static class WithoutCachedValues {
    @JsonIgnore Object lastValue;
    @JsonIgnore Object reportingChange;
    @JsonIgnore Object lastReportTime;
  }
}
