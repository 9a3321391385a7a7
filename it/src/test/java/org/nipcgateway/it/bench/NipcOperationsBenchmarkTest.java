package org.nipcgateway.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * Prints how fast NIPC operations go through the gateway on the simulated radios (no radio latency,
 * so these are the gateway's own costs over HTTP). Not part of the normal run: {@code mvn -pl it
 * test -Dgroups=benchmark -Dnipc.excludedGroups= -Dtest=NipcOperationsBenchmarkTest}.
 */
@Tag("benchmark")
class NipcOperationsBenchmarkTest {
  private static final int ROUNDS = Integer.getInteger("nipc.bench.rounds", 3000);

  @RegisterExtension static final DemoGateway demo = new DemoGateway();

  @Test
  void nipc_operation_figures() {
    ScimClient client = demo.client();
    String bleRead =
        path(
            demo.thermometer(),
            "properties",
            "propertyName",
            name("thermometer", "sdfProperty", "temperatureType"));
    String zigbeeRead =
        path(
            demo.light(),
            "properties",
            "propertyName",
            name("light", "sdfProperty", "temperature"));
    String toggle =
        path(demo.light(), "actions", "actionName", name("light", "sdfAction", "toggle"));
    String event =
        path(
            demo.thermometer(),
            "events",
            "eventName",
            name("thermometer", "sdfEvent", "temperatureMeasurement"));

    warmUp(client, bleRead);
    double ble = perSecond(() -> assertThat(client.get(bleRead).status()).isEqualTo(200));
    double zigbee = perSecond(() -> assertThat(client.get(zigbeeRead).status()).isEqualTo(200));
    double actions = perSecond(() -> assertThat(client.post(toggle, null).status()).isEqualTo(202));
    double events =
        perSecond(
            () -> {
              String location = client.post(event, null).header("Location");
              assertThat(client.delete(location).status()).isEqualTo(204);
            });
    assertThat(demo.devices().bleSlotsInUse()).isZero();

    System.out.printf(
        "BENCH rounds=%d ble-property-reads/s=%.0f (connect+read+disconnect each) zigbee-property-reads/s=%.0f"
            + " zigbee-action-starts/s=%.0f gatt-event-enable+disable/s=%.0f heap-used MB=%d%n",
        ROUNDS,
        ble,
        zigbee,
        actions,
        events,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
  }

  private static void warmUp(ScimClient client, String read) {
    for (int i = 0; i < 500; i++) {
      client.get(read);
    }
  }

  private static double perSecond(Runnable operation) {
    long start = System.nanoTime();
    for (int i = 0; i < ROUNDS; i++) {
      operation.run();
    }
    return ROUNDS / ((System.nanoTime() - start) / 1e9);
  }
}
