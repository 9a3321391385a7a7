package org.nipcgateway.simulators.bluez;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code simulators/bluez/run [--fleet FILE]}: a private bus with the BlueZ look-alike loaded with
 * the demo fleet's BLE devices (or FILE's), its address as the first line on stdout ({@code
 * DBUS_SYSTEM_BUS_ADDRESS=…}), running until SIGTERM, then removing the bus and its directory.
 */
public final class BluezLookalikeMain {
  private static final String DEMO_FLEET = "/nipc/demo-fleet.json";

  private BluezLookalikeMain() {}

  public static void main(String[] args) throws Exception {
    JsonObject fleet = new JsonObject(read(args));
    JsonObject ble =
        fleet.getJsonObject("radios", new JsonObject()).getJsonObject("ble", new JsonObject());
    PrivateBus bus = PrivateBus.start();
    BluezLookalike lookalike;
    try {
      lookalike =
          BluezLookalike.start(bus.address(), BluezFleet.adapter(ble), BluezFleet.peripherals(ble));
    } catch (Exception e) {
      bus.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  lookalike.close();
                  bus.close();
                  stopped.countDown();
                },
                "bluez-lookalike-stop"));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("DBUS_SYSTEM_BUS_ADDRESS=" + bus.address());
    out.println(
        "# BlueZ look-alike (adapter hci0) with "
            + lookalike.peripherals().size()
            + " peripherals; dbus-daemon pid "
            + bus.pid()
            + "; stop with SIGTERM");
    stopped.await();
  }

  private static String read(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--fleet")) {
      return Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    }
    if (args.length != 0) {
      throw new IllegalArgumentException("usage: simulators/bluez/run [--fleet FILE]");
    }
    try (InputStream demo = BluezLookalikeMain.class.getResourceAsStream(DEMO_FLEET)) {
      if (demo == null) {
        throw new IOException("the demo fleet is missing from the class path");
      }
      return new String(demo.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
