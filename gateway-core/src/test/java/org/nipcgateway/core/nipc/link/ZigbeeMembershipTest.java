package org.nipcgateway.core.nipc.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.metrics.GatewayMetrics;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeNodeEvent;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.SqliteResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/** Deleted devices' nodes are asked to leave; joins of nodes no device names are counted. */
class ZigbeeMembershipTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final Eui64 SHARED = Eui64.parse("00:0D:6F:00:00:00:0C:01");
  private static final Eui64 OWN = Eui64.parse("00:0D:6F:00:00:00:0C:02");
  private static final Eui64 STRANGER = Eui64.parse("00:0D:6F:00:00:00:0C:03");

  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private final LeaveRecorder radio = new LeaveRecorder();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ResourceStore store;

  @BeforeEach
  void open() throws Exception {
    store =
        await(
            SqliteResourceStore.open(
                vertx, dataDir, new SecretAttributeSealer(SecretBox.withRandomKey())));
    ZigbeeMembership.watch(store, radio, GatewayMetrics.prometheus(registry));
    await(
        store.commit(
            ChangeSet.of(device("a", SHARED)).put(device("b", SHARED)).put(device("c", OWN))));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void a_deleted_device_s_node_is_asked_to_leave_after_the_delete_committed() throws Exception {
    await(store.commit(new ChangeSet().delete("c")));
    assertThat(radio.asked).containsExactly(OWN);
  }

  @Test
  void a_node_another_device_still_names_is_not_asked_to_leave() throws Exception {
    await(store.commit(new ChangeSet().delete("a").delete("c")));
    assertThat(radio.asked).containsExactly(OWN);
    await(store.commit(new ChangeSet().delete("b")));
    assertThat(radio.asked).containsExactly(OWN, SHARED);
  }

  @Test
  void a_leave_that_fails_leaves_the_delete_done() throws Exception {
    radio.answering = false;
    await(store.commit(new ChangeSet().delete("c")));
    assertThat(radio.asked).containsExactly(OWN);
    assertThat(await(store.find("c"))).isEmpty();
  }

  @Test
  void joins_of_nodes_no_device_names_are_counted_by_kind_and_registered_ones_are_not() {
    for (Eui64 node : List.of(SHARED, OWN, STRANGER)) {
      radio.tell(new ZigbeeNodeEvent(node, 0x1234, ZigbeeNodeEvent.Kind.JOINED));
      radio.tell(new ZigbeeNodeEvent(node, 0x1234, ZigbeeNodeEvent.Kind.ANNOUNCED));
    }
    radio.tell(new ZigbeeNodeEvent(STRANGER, 0x1234, ZigbeeNodeEvent.Kind.LEFT));
    assertThat(count("joined")).isEqualTo(1);
    assertThat(count("announced")).isEqualTo(1);
    assertThat(registry.scrape()).doesNotContain("0D:6F").doesNotContain("000D6F");
  }

  private double count(String kind) {
    return registry.get("nipc.zigbee.unknown.joins").tag("kind", kind).counter().count();
  }

  private static StoredResource device(String id, Eui64 eui64) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("active", true);
    attributes.putObject(ScimNames.ZIGBEE).put("deviceEui64Address", eui64.toString());
    return new StoredResource(
        id, ScimNames.DEVICE, 1, NOW, NOW, attributes, JsonNodeFactory.instance.objectNode());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A radio that records which nodes it was asked to remove; nothing else is used. */
  private static final class LeaveRecorder implements ZigbeeRadio {
    final List<Eui64> asked = new CopyOnWriteArrayList<>();
    final List<ZigbeeListener> listeners = new CopyOnWriteArrayList<>();
    volatile boolean answering = true;

    void tell(ZigbeeNodeEvent event) {
      listeners.forEach(l -> l.nodeChanged(event));
    }

    @Override
    public Future<Void> leave(Eui64 device) {
      asked.add(device);
      return answering
          ? Future.succeededFuture()
          : Future.failedFuture(new RadioException(RadioException.Reason.TIMEOUT, "silent"));
    }

    @Override
    public void listen(ZigbeeListener listener) {
      listeners.add(listener);
    }

    @Override
    public RadioState state() {
      return RadioState.UP;
    }

    @Override
    public Future<DeviceAnswer<byte[]>> readAttribute(Eui64 device, ZigbeeAttribute attribute) {
      return unused();
    }

    @Override
    public Future<DeviceAnswer<Void>> writeAttribute(
        Eui64 device, ZigbeeAttribute attribute, byte[] value) {
      return unused();
    }

    @Override
    public Future<DeviceAnswer<ZigbeeCommandResponse>> command(
        Eui64 device, ZigbeeCommand command, byte[] payload) {
      return unused();
    }

    @Override
    public Future<DeviceAnswer<Void>> configureReporting(
        Eui64 device, ZigbeeAttribute attribute, ZigbeeReporting reporting) {
      return unused();
    }

    @Override
    public Future<Void> permitJoin(int seconds) {
      return unused();
    }

    private static <T> Future<T> unused() {
      return Future.failedFuture(new AssertionError("not used by the membership"));
    }
  }
}
