package org.nipcgateway.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BluezRow;
import org.nipcgateway.it.support.radio.RadioRows;

/**
 * Prints BLE reads per second over HTTP through the bluez driver (BlueZ look-alike on a private
 * dbus-daemon) next to the in-process simulator, each with an implicit connection per read
 * (connect, read, disconnect) and over an explicit connection, and the CPU time per read: this JVM
 * (gateway, driver, look-alike and the HTTP client) and the dbus-daemon process. Not part of the
 * normal run: {@code mvn -pl it test -Dgroups=benchmark -Dnipc.excludedGroups=
 * -Dtest=BluezReadBenchmarkTest}.
 */
@Tag("benchmark")
class BluezReadBenchmarkTest {
  private static final int ROUNDS = Integer.getInteger("nipc.bench.rounds", 2000);

  @RegisterExtension
  static final DemoGateway simulated = new DemoGateway(new JsonObject(), RadioRows.simulated());

  @RegisterExtension
  static final DemoGateway bluez = new DemoGateway(new JsonObject(), new BluezRow());

  @Test
  void ble_read_figures() {
    System.out.printf(
        "%-10s %-9s %10s %16s %16s%n",
        "radio", "link", "reads/s", "JVM CPU us/read", "bus CPU us/read");
    for (DemoGateway demo : new DemoGateway[] {simulated, bluez}) {
      ScimClient client = demo.client();
      String read =
          path(
              demo.thermometer(),
              "properties",
              "propertyName",
              name("thermometer", "sdfProperty", "temperatureType"));
      for (int i = 0; i < ROUNDS / 4; i++) {
        assertThat(client.get(read).status()).isEqualTo(200);
      }
      measure(demo, "implicit", client, read);
      String connections = "/nipc/devices/" + demo.thermometer() + "/connections";
      assertThat(client.post(connections, "{}", "Content-Type", "application/nipc+json").status())
          .isBetween(200, 201);
      measure(demo, "explicit", client, read);
      client.delete(connections);
    }
  }

  private static void measure(DemoGateway demo, String link, ScimClient client, String read) {
    Optional<Long> bus = busPid();
    long cpu0 = processCpuNanos();
    long bus0 = bus.map(BluezReadBenchmarkTest::cpuTicks).orElse(0L);
    long start = System.nanoTime();
    for (int i = 0; i < ROUNDS; i++) {
      assertThat(client.get(read).status()).isEqualTo(200);
    }
    long elapsed = System.nanoTime() - start;
    double jvmMicros = (processCpuNanos() - cpu0) / 1000.0 / ROUNDS;
    // /proc ticks are 10 ms (USER_HZ 100)
    double busMicros = bus.map(pid -> (cpuTicks(pid) - bus0) * 10_000.0 / ROUNDS).orElse(0.0);
    boolean onBus = demo.row().driver("ble").equals("bluez");
    System.out.printf(
        "%-10s %-9s %10.0f %16.0f %16s%n",
        demo.row().name(),
        link,
        ROUNDS / (elapsed / 1e9),
        jvmMicros,
        onBus ? String.format("%.0f", busMicros) : "-");
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Optional<Long> busPid() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("dbus-daemon")).orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    } catch (IOException e) {
      return 0;
    }
  }
}
