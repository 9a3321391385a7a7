package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/** Every acknowledged write survives a restart of the process, graceful or not. */
class RestartDurabilityTest {
  private static final String BASE_URL = "http://gateway.test";
  @TempDir Path dataDir;

  private static Map<String, JsonNode> allDevices(ScimClient scim) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    int start = 1;
    while (true) {
      JsonNode page = scim.list("/Devices", "startIndex=" + start + "&count=1000");
      page.path("Resources").forEach(r -> byId.put(r.path("id").asText(), r));
      if (page.path("itemsPerPage").asInt() == 0) {
        return byId;
      }
      start += page.path("itemsPerPage").asInt();
    }
  }

  @Test
  void a_thousand_devices_are_all_there_unchanged_after_a_graceful_restart() {
    Map<String, JsonNode> created = new LinkedHashMap<>();
    try (GatewayProcess gateway = GatewayProcess.listening(dataDir, BASE_URL)) {
      ScimClient scim = gateway.scim();
      long started = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        ObjectNode device = scim.create("/Devices", Devices.ble("device " + i, i));
        created.put(device.path("id").asText(), device);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      System.out.printf(
          "created 1000 devices in %d ms (%.0f creates/s)%n",
          millis, 1000_000.0 / Math.max(1, millis));
      assertThat(gateway.terminate()).isNotEqualTo(-1);
    }
    try (GatewayProcess restarted = GatewayProcess.listening(dataDir, BASE_URL)) {
      assertThat(allDevices(restarted.scim())).isEqualTo(created);
    }
  }

  @Test
  void kill_9_in_the_middle_of_writes_loses_no_acknowledged_device_and_leaves_no_half_device()
      throws Exception {
    Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
    CountDownLatch enoughWrites = new CountDownLatch(300);
    try (GatewayProcess gateway = GatewayProcess.listening(dataDir, BASE_URL)) {
      ScimClient scim = gateway.scim();
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < 100_000; i++) {
                  Reply reply;
                  try {
                    reply = scim.post("/scim/v2/Devices", Devices.ble("device " + i, i));
                  } catch (IllegalStateException connectionLost) {
                    return;
                  }
                  if (reply.status() == 201) {
                    acknowledged.put(reply.json().path("id").asText(), reply.json());
                    enoughWrites.countDown();
                  }
                }
              });
      writer.start();
      assertThat(enoughWrites.await(60, TimeUnit.SECONDS)).isTrue();
      gateway.kill();
      writer.join(TimeUnit.SECONDS.toMillis(60));
    }
    try (GatewayProcess restarted = GatewayProcess.listening(dataDir, BASE_URL)) {
      Map<String, JsonNode> stored = allDevices(restarted.scim());
      System.out.printf(
          "killed after %d acknowledged creates; %d devices stored%n",
          acknowledged.size(), stored.size());
      acknowledged.forEach((id, device) -> assertThat(stored.get(id)).as(id).isEqualTo(device));
      // At most the one write in flight when the process died was stored without an answer.
      assertThat(stored.size()).isBetween(acknowledged.size(), acknowledged.size() + 1);
      stored
          .values()
          .forEach(
              device -> {
                assertThat(device.path("active").asBoolean()).isTrue();
                assertThat(device.path(Devices.BLE).path("deviceMacAddress").asText()).isNotEmpty();
              });
    }
  }
}
