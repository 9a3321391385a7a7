package org.nipcgateway.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * Prints how fast the registry answers with a fleet of the size an edge box holds. Not part of the
 * normal run: {@code mvn -pl it test -Dgroups=benchmark -Dnipc.bench.devices=5000}.
 */
@Tag("benchmark")
class RegistryBenchmarkTest {
  private static final int DEVICES = Integer.getInteger("nipc.bench.devices", 5000);
  private static final int READS = 2000;

  @Test
  void registry_figures() {
    try (RunningGateway gateway = RunningGateway.start()) {
      ScimClient scim = gateway.scim();
      List<String> ids = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < DEVICES; i++) {
        ids.add(scim.create("/Devices", Devices.ble("device " + i, i)).path("id").asText());
      }
      long createNanos = System.nanoTime() - t0;

      long t1 = System.nanoTime();
      for (int i = 0; i < READS; i++) {
        assertThat(scim.get("/scim/v2/Devices/" + ids.get(i % ids.size())).status()).isEqualTo(200);
      }
      long readNanos = System.nanoTime() - t1;

      long t2 = System.nanoTime();
      String mac = Devices.mac(DEVICES / 2).toLowerCase();
      for (int i = 0; i < 50; i++) {
        assertThat(
                scim.list(
                        "/Devices",
                        "filter="
                            + ScimClient.encode(
                                Devices.BLE + ":deviceMacAddress eq \"" + mac + "\""))
                    .path("totalResults")
                    .asInt())
            .isEqualTo(1);
      }
      long filterNanos = System.nanoTime() - t2;

      System.out.printf(
          "BENCH devices=%d creates/s=%.0f get-by-id/s=%.0f filter-by-mac ms=%.1f heap-used MB=%d%n",
          DEVICES,
          DEVICES / seconds(createNanos),
          READS / seconds(readNanos),
          TimeUnit.NANOSECONDS.toMicros(filterNanos) / 50 / 1000.0,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
