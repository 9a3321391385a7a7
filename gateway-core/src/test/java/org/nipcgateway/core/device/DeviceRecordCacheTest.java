package org.nipcgateway.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.SqliteResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/** The typed device views the engine reads per request follow every stored change at once. */
class DeviceRecordCacheTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static StoredResource device(String mac, int version) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("active", true);
    attributes.putObject(ScimNames.BLE).put("deviceMacAddress", mac);
    return new StoredResource(
        "d1",
        ScimNames.DEVICE,
        version,
        NOW,
        NOW,
        attributes,
        JsonNodeFactory.instance.objectNode());
  }

  private ResourceStore store() throws Exception {
    return await(
        SqliteResourceStore.open(
            vertx, dataDir, new SecretAttributeSealer(SecretBox.withRandomKey())));
  }

  private static BleAddress address(DeviceRecordCache cache, ResourceStore store) throws Exception {
    StoredResource stored = await(store.find("d1")).orElseThrow();
    return cache.of(stored).orElseThrow().ble().orElseThrow().address();
  }

  @Test
  void the_same_stored_version_gives_the_same_view_without_parsing_again() throws Exception {
    ResourceStore store = store();
    DeviceRecordCache cache = new DeviceRecordCache(store);
    await(store.commit(ChangeSet.of(device("2C:54:91:88:C9:E2", 1))));
    StoredResource stored = await(store.find("d1")).orElseThrow();
    assertThat(cache.of(stored).orElseThrow()).isSameAs(cache.of(stored).orElseThrow());
    await(store.close());
  }

  @Test
  void a_changed_device_is_seen_on_the_next_lookup() throws Exception {
    ResourceStore store = store();
    DeviceRecordCache cache = new DeviceRecordCache(store);
    await(store.commit(ChangeSet.of(device("2C:54:91:88:C9:E2", 1))));
    assertThat(address(cache, store)).hasToString("2C:54:91:88:C9:E2");
    await(store.commit(ChangeSet.of(device("2C:54:91:88:C9:E3", 2))));
    assertThat(address(cache, store)).hasToString("2C:54:91:88:C9:E3");
    await(store.close());
  }

  @Test
  void a_resource_that_is_not_a_device_has_no_view() throws Exception {
    ResourceStore store = store();
    DeviceRecordCache cache = new DeviceRecordCache(store);
    StoredResource group =
        new StoredResource(
            "g1",
            "Group",
            1,
            NOW,
            NOW,
            JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.objectNode());
    assertThat(cache.of(group)).isEmpty();
    await(store.close());
  }
}
