package org.nipcgateway.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.SqliteResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The sender of an advertisement is found by address or IRK from an index built once per change to
 * the devices, not by reading every device per advertisement.
 */
class BleSenderIndexTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final String IRK = "ec0234a357c8ad05341010a60a397d9b";
  private static final BleAddress PRIVATE = BleAddress.parse("70:81:94:0D:FB:AA");
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private ResourceStore store;

  @BeforeEach
  void open() throws Exception {
    store =
        await(
            SqliteResourceStore.open(
                vertx, dataDir, new SecretAttributeSealer(SecretBox.withRandomKey())));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void a_device_is_found_by_its_own_address_and_its_broadcast_address() throws Exception {
    ObjectNode ble = device("2C:54:91:88:C9:E2");
    ble.putArray("separateBroadcastAddress").add("C2:00:00:00:00:01");
    commit("d1", ble);
    BleSenderIndex index = new BleSenderIndex(store);

    assertThat(sender(index, "2C:54:91:88:C9:E2")).contains("d1");
    assertThat(sender(index, "C2:00:00:00:00:01")).contains("d1");
    assertThat(sender(index, "2C:54:91:88:C9:E3")).isEmpty();
  }

  @Test
  void a_private_address_is_the_device_whose_irk_resolves_it() throws Exception {
    commit("d1", device("2C:54:91:88:C9:E2"));
    commit("d2", device("C0:FF:EE:00:00:99").put("irk", IRK));
    BleSenderIndex index = new BleSenderIndex(store);

    assertThat(await(index.deviceSending(PRIVATE))).contains("d2");
    assertThat(sender(index, "70:81:94:0D:FB:AB")).isEmpty();
  }

  @Test
  void many_advertisements_build_the_index_once_and_a_changed_device_rebuilds_it()
      throws Exception {
    commit("d1", device("2C:54:91:88:C9:E2"));
    BleSenderIndex index = new BleSenderIndex(store);
    for (int i = 0; i < 100; i++) {
      assertThat(sender(index, "2C:54:91:88:C9:E2")).contains("d1");
      assertThat(await(index.deviceSending(PRIVATE))).isEmpty();
    }
    assertThat(index.builds()).isEqualTo(1);

    commit("d2", device("C0:FF:EE:00:00:99").put("irk", IRK));

    assertThat(await(index.deviceSending(PRIVATE))).contains("d2");
    assertThat(index.builds()).isEqualTo(2);
  }

  @Test
  void a_deleted_device_no_longer_sends() throws Exception {
    commit("d1", device("2C:54:91:88:C9:E2"));
    BleSenderIndex index = new BleSenderIndex(store);
    assertThat(sender(index, "2C:54:91:88:C9:E2")).contains("d1");

    await(store.commit(new ChangeSet().delete("d1")));

    assertThat(sender(index, "2C:54:91:88:C9:E2")).isEmpty();
  }

  private Optional<String> sender(BleSenderIndex index, String mac) throws Exception {
    return await(index.deviceSending(BleAddress.parse(mac)));
  }

  private static ObjectNode device(String mac) {
    return JsonNodeFactory.instance.objectNode().put("deviceMacAddress", mac);
  }

  private void commit(String id, ObjectNode ble) throws Exception {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("active", true);
    attributes.set(ScimNames.BLE, ble);
    await(
        store.commit(
            ChangeSet.of(
                new StoredResource(
                    id,
                    ScimNames.DEVICE,
                    1,
                    NOW,
                    NOW,
                    attributes,
                    JsonNodeFactory.instance.objectNode()))));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
