package org.nipcgateway.core.fleet;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.config.Settings;

/**
 * Which simulated devices a start loads, and on which radios:
 *
 * <ul>
 *   <li>{@code --fleet FILE}: that fleet, on its own radios; radios in the config as well are
 *       refused.
 *   <li>no radios configured: the demo fleet, on its simulated radios (unless {@code --no-demo}).
 *   <li>radios configured, each with the driver the demo uses for it (the simulator): they stay as
 *       configured, and the demo adds its radios for the families the config leaves out, with the
 *       devices on them. The demo's devices for a configured family are not registered: that radio
 *       does not simulate them.
 *   <li>any configured radio with another driver (real hardware): no demo at all, so that nothing
 *       simulated runs beside it and no demo device is registered for it.
 * </ul>
 */
public final class FleetChoice {
  private FleetChoice() {}

  /** The fleet this config loads; its {@link Fleet#radios()} are the radios the gateway runs. */
  public static Optional<Fleet> choose(GatewayConfig config, Supplier<Optional<Fleet>> demo) {
    JsonObject configured = config.moduleSettings("radios");
    if (config.fleetFile().isPresent()) {
      if (!configured.isEmpty()) {
        throw new ConfigException("radios come from either the config file or --fleet, not both");
      }
      return Optional.of(Fleet.read(config.fleetFile().get()));
    }
    if (!config.demo()) {
      return Optional.empty();
    }
    return demo.get().flatMap(fleet -> demoBeside(fleet, configured));
  }

  /** The demo's part that may run beside the configured radios (see the class comment). */
  static Optional<Fleet> demoBeside(Fleet demo, JsonObject configuredRadios) {
    Settings configured = Settings.of("radios", configuredRadios);
    Settings simulated = Settings.of("radios", demo.radios());
    Set<String> added = new TreeSet<>(demo.radios().fieldNames());
    for (String family : configured.keys()) {
      Optional<String> driver = driver(configured, family);
      if (driver.isEmpty() || !driver.equals(driver(simulated, family))) {
        return Optional.empty();
      }
      added.remove(family);
    }
    if (added.isEmpty()) {
      return Optional.empty();
    }
    JsonObject radios = configuredRadios.copy();
    added.forEach(family -> radios.put(family, demo.radios().getJsonObject(family).copy()));
    List<JsonObject> devices =
        demo.devices().stream().filter(device -> onlyOn(device, added, demo)).toList();
    return Optional.of(new Fleet(radios, demo.models(), devices));
  }

  private static Optional<String> driver(Settings radios, String family) {
    return radios.delegatedSection(family).flatMap(section -> section.optionalString("driver"));
  }

  /** Whether each radio the SCIM device names (by its radio extension) is one the demo adds. */
  private static boolean onlyOn(JsonObject device, Set<String> added, Fleet demo) {
    List<?> schemas = device.getJsonArray("schemas", new io.vertx.core.json.JsonArray()).getList();
    return demo.radios().fieldNames().stream()
        .filter(family -> schemas.contains(radioExtension(family)))
        .allMatch(added::contains);
  }

  /** The SCIM extension of a radio family's devices, e.g. {@code …:extension:ble:2.0:Device}. */
  private static String radioExtension(String family) {
    return "urn:ietf:params:scim:schemas:extension:" + family + ":2.0:Device";
  }
}
