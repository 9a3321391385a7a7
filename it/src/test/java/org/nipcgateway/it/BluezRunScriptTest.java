package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bluez.Device1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/**
 * {@code simulators/bluez/run}: its first line names the private bus, on which the demo's BLE
 * devices are, and SIGTERM removes the bus and its directory.
 */
class BluezRunScriptTest {
  private static final Pattern ADDRESS =
      Pattern.compile("DBUS_SYSTEM_BUS_ADDRESS=(unix:path=([^,]+),guid=[0-9a-f]+)");

  @Test
  void the_run_script_prints_the_bus_first_serves_the_demo_devices_and_cleans_up_on_sigterm()
      throws Exception {
    Path script = Path.of("..", "simulators", "bluez", "run").toAbsolutePath().normalize();
    ProcessBuilder builder = new ProcessBuilder(script.toString());
    builder
        .environment()
        .put(
            "NIPC_GATEWAY_JAR",
            Path.of(
                    System.getProperty(
                        "nipc.gateway.jar", "../gateway-app/target/nipc-gateway.jar"))
                .toAbsolutePath()
                .toString());
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process run = builder.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher address = ADDRESS.matcher(String.valueOf(first));
      assertThat(address.matches()).as(first).isTrue();
      Path socket = Path.of(address.group(2));
      assertThat(socket).exists();

      try (DBusConnection bus =
          DBusConnectionBuilder.forAddress(address.group(1)).withShared(false).build()) {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects =
            bus.getRemoteObject("org.bluez", "/", ObjectManager.class).GetManagedObjects();
        Map<String, Variant<?>> thermometer =
            objects
                .get(new DBusPath("/org/bluez/hci0/dev_C0_FF_EE_00_18_09"))
                .get(Device1.class.getName());
        assertThat(thermometer.get("Address").getValue()).isEqualTo("C0:FF:EE:00:18:09");
      }

      run.destroy(); // SIGTERM
      assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(socket.getParent()).doesNotExist();
      assertThat(Files.exists(socket)).isFalse();
    } finally {
      run.destroyForcibly();
    }
  }
}
