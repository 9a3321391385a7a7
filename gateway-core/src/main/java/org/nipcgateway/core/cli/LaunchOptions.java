package org.nipcgateway.core.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.ConfigLoader;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;

/** The launcher's command-line options; they override the config file and the environment. */
public record LaunchOptions(
    boolean help,
    Optional<Integer> port,
    Optional<String> host,
    Optional<Path> dataDir,
    Optional<Path> configFile,
    Optional<Path> fleetFile,
    Optional<String> logLevel,
    boolean noDemo,
    boolean insecureHttp,
    Optional<ZigbeeOption> zigbee,
    Optional<String> bleDriver,
    Optional<String> bleAdapter) {

  public static final String USAGE =
      """
      Usage: nipc-gateway [options]

      Runs the NIPC gateway: a SCIM 2.0 device registry and the NIPC API over HTTPS.
             nipc-gateway token create --role ROLE[,ROLE...] [--data-dir DIR] [--client NAME]
                                       [--sees NAME,...] [--days N]
             nipc-gateway token list|revoke ID [--data-dir DIR]

      Options:
        --port N          HTTPS API port (default 8443; 0 picks a free port)
        --host ADDR       address to listen on (default 0.0.0.0)
        --data-dir DIR    where the embedded store lives (default ./data)
        --config FILE     JSON config file (see README, "Configuration")
        --fleet FILE      simulated devices to load (needs the simulators module)
        --no-demo         do not load the demo fleet at start
        --insecure-http   plain HTTP and MQTT without TLS: local experiments only
        --ble-driver NAME BLE radio driver (e.g. bluez: BlueZ on the system bus, or the bus
                          in DBUS_SYSTEM_BUS_ADDRESS); the demo's BLE devices are then
                          expected on that radio. Config equivalent: radios.ble.driver
        --ble-adapter NAME  BLE adapter by name (hci0) or address; radios.ble.adapter
        --log-level LVL   TRACE, DEBUG, INFO, WARN or ERROR (default INFO)
        --zigbee-driver NAME   run the Zigbee radio on this driver (e.g. zsmartsystems)
        --zigbee-dongle KIND   its dongle: ember, znp, conbee, xbee, telegesis or simulated
        --zigbee-port DEV      the dongle's serial port (real hardware), e.g. /dev/ttyUSB0
        --zigbee-baud N        the serial port's baud rate
        --help            print this text and exit

      Environment variables (overridden by options): NIPC_HTTP_HOST, NIPC_HTTP_PORT,
      NIPC_DATA_DIR, NIPC_TLS_CERT_FILE, NIPC_TLS_KEY_FILE, NIPC_PUBLIC_BASE_URL, NIPC_LOG_LEVEL,
      NIPC_MQTT_PORT, NIPC_MQTT_TLS_PORT, NIPC_INSECURE_HTTP, NIPC_HTTP_EVENT_LOOPS,
      NIPC_HTTP_COMPRESSION, NIPC_RATE_LIMIT, NIPC_SECRET_KEY.
      """;

  /** Parses the arguments; a {@link ConfigException} names the offending option. */
  public static LaunchOptions parse(List<String> args) {
    boolean help = false;
    boolean noDemo = false;
    boolean insecure = false;
    Integer port = null;
    String host = null;
    Path dataDir = null;
    Path config = null;
    Path fleet = null;
    String logLevel = null;
    String zigbeeDriver = null;
    String zigbeeDongle = null;
    String zigbeePort = null;
    Integer zigbeeBaud = null;
    String bleDriver = null;
    String bleAdapter = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--no-demo" -> noDemo = true;
        case "--insecure-http" -> insecure = true;
        case "--port" -> port = ConfigLoader.parsePort(value(args, ++i, arg), "--port");
        case "--host" -> host = value(args, ++i, arg);
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--config" -> config = Path.of(value(args, ++i, arg));
        case "--fleet" -> fleet = Path.of(value(args, ++i, arg));
        case "--log-level" -> logLevel = value(args, ++i, arg);
        case "--zigbee-driver" -> zigbeeDriver = value(args, ++i, arg);
        case "--zigbee-dongle" -> zigbeeDongle = value(args, ++i, arg);
        case "--zigbee-port" -> zigbeePort = value(args, ++i, arg);
        case "--zigbee-baud" -> zigbeeBaud = baud(value(args, ++i, arg));
        case "--ble-driver" -> bleDriver = value(args, ++i, arg);
        case "--ble-adapter" -> bleAdapter = value(args, ++i, arg);
        default -> throw new ConfigException("unknown option '" + arg + "' (see --help)");
      }
    }
    if (zigbeeDriver == null
        && (zigbeeDongle != null || zigbeePort != null || zigbeeBaud != null)) {
      throw new ConfigException(
          "--zigbee-dongle, --zigbee-port and --zigbee-baud need --zigbee-driver");
    }
    Optional<ZigbeeOption> zigbee =
        zigbeeDriver == null
            ? Optional.empty()
            : Optional.of(
                new ZigbeeOption(
                    zigbeeDriver,
                    Optional.ofNullable(zigbeeDongle),
                    Optional.ofNullable(zigbeePort),
                    Optional.ofNullable(zigbeeBaud)));
    return new LaunchOptions(
        help,
        Optional.ofNullable(port),
        Optional.ofNullable(host),
        Optional.ofNullable(dataDir),
        Optional.ofNullable(config),
        Optional.ofNullable(fleet),
        Optional.ofNullable(logLevel),
        noDemo,
        insecure,
        zigbee,
        Optional.ofNullable(bleDriver),
        Optional.ofNullable(bleAdapter));
  }

  private static int baud(String text) {
    try {
      int baud = Integer.parseInt(text);
      if (baud > 0) {
        return baud;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("--zigbee-baud takes a positive number, not '" + text + "'");
  }

  /** The fleet with the Zigbee radio the options name, if they name one. */
  public Optional<Fleet> zigbeeOn(Optional<Fleet> fleet) {
    return zigbee.isEmpty() ? fleet : fleet.map(zigbee.get()::applyTo);
  }

  /** The configured radios with the Zigbee radio the options name, if they name one. */
  public JsonObject zigbeeOn(JsonObject radios) {
    return zigbee.isEmpty() ? radios : zigbee.get().applyTo(radios);
  }

  static String value(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new ConfigException("option " + option + " needs a value (see --help)");
    }
    return args.get(index);
  }

  /** Applies these options on top of settings already loaded from file and environment. */
  public GatewayConfig.Builder applyTo(GatewayConfig.Builder builder) {
    port.ifPresent(builder::httpPort);
    host.ifPresent(builder::httpHost);
    dataDir.ifPresent(builder::dataDir);
    fleetFile.ifPresent(builder::fleetFile);
    logLevel.ifPresent(builder::logLevel);
    if (noDemo) {
      builder.demo(false);
    }
    if (insecureHttp) {
      builder.insecureHttp(true);
    }
    return builder;
  }
}
