package org.nipcgateway.scim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.storage.AttributeSealer;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.SqliteResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * Creates that are checked while earlier ones are still being committed (so that the store can
 * commit them together) keep uniqueness: of many concurrent creates of one MAC address exactly one
 * is stored, whatever the timing, and every acknowledged create is there after a reopen.
 */
class RegistryServiceConcurrentCreatesTest {
  private static final ScimSchemaCatalog CATALOG = ScimSchemaCatalog.load();
  private static final ScimResourceType DEVICE = CATALOG.resourceType(ScimNames.DEVICE);
  private static final Links LINKS = new Links("https://gw.example");
  private static final Principal OPERATOR = Principal.operator("token:test", Set.of(Role.values()));
  private static final AttributeSealer SEALER =
      new SecretAttributeSealer(SecretBox.withRandomKey());

  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static ObjectNode device(String name, String mac) {
    ObjectNode device = JsonNodeFactory.instance.objectNode();
    device.putArray("schemas").add(ScimNames.CORE_DEVICE_SCHEMA).add(ScimNames.BLE);
    device.put("displayName", name);
    device.put("active", true);
    ObjectNode ble = device.putObject(ScimNames.BLE);
    ble.putArray("versionSupport").add("5.3");
    ble.put("deviceMacAddress", mac);
    ble.putArray("pairingMethods").add(ScimNames.PAIRING_JUST_WORKS);
    return device;
  }

  private static List<String> stored(ResourceStore store) throws Exception {
    return await(store.findAll(ScimNames.DEVICE)).stream()
        .map(StoredResource::id)
        .sorted()
        .toList();
  }

  @Test
  void of_concurrent_creates_of_one_mac_address_exactly_one_is_stored() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    RegistryService registry = await(RegistryService.open(store, CATALOG, 100, Clock.systemUTC()));
    List<Future<Written>> distinct = new ArrayList<>();
    List<Future<Written>> same = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      distinct.add(
          registry.create(
              DEVICE,
              device("distinct " + i, "02:00:00:00:00:%02X".formatted(i)),
              LINKS,
              OPERATOR));
      same.add(registry.create(DEVICE, device("same " + i, "02:AA:00:00:00:01"), LINKS, OPERATOR));
    }
    await(Future.join(distinct).otherwiseEmpty());
    await(Future.join(same).otherwiseEmpty());

    assertThat(distinct).allMatch(Future::succeeded);
    assertThat(same.stream().filter(Future::succeeded)).hasSize(1);
    assertThat(same.stream().filter(Future::failed))
        .allMatch(f -> f.cause() instanceof ResourceConflictException);
    List<String> acknowledged =
        java.util.stream.Stream.concat(distinct.stream(), same.stream())
            .filter(Future::succeeded)
            .map(f -> f.result().resource().id())
            .sorted()
            .toList();
    assertThat(stored(store)).isEqualTo(acknowledged);
    await(registry.drained());
    await(store.close());

    ResourceStore reopened = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    assertThat(stored(reopened)).isEqualTo(acknowledged);
    await(reopened.close());
  }
}
