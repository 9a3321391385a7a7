package org.nipcgateway.core.cli;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.ConfigLoader;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.core.fleet.FleetChoice;
import org.nipcgateway.core.http.ApiModules;

/**
 * What a run of the launcher starts: the config from file, environment and options, and the fleet
 * to load once the gateway listens (the demo unless options or config chose otherwise).
 */
record Setup(GatewayConfig config, Optional<Fleet> fleet) {

  /**
   * Also sets the system properties logback.xml reads, so call it before the first logger is
   * created.
   *
   * @throws ConfigException for a bad option or setting
   */
  static Setup of(LaunchOptions options, Map<String, String> environment) {
    GatewayConfig.Builder builder =
        new ConfigLoader(environment).load(options.configFile().orElse(null));
    GatewayConfig configured = options.applyTo(builder).build();
    // Read by logback.xml; set before the first logger is created.
    System.setProperty("nipc.log.level", configured.logLevel());
    System.setProperty("nipc.data.dir", configured.dataDir().toString());
    // Before anything starts: a misspelt section must not leave the gateway on the demo. (After
    // the properties above: loading the modules creates their loggers.)
    ApiModules.installed().checkClaims(configured);
    Optional<Fleet> fleet = options.zigbeeOn(FleetChoice.choose(configured, Fleet::demo));
    JsonObject radios =
        BleDriverOption.apply(
            fleet
                .map(Fleet::radios)
                .orElseGet(() -> options.zigbeeOn(configured.moduleSettings("radios"))),
            options.bleDriver(),
            options.bleAdapter());
    return new Setup(configured.toBuilder().moduleSettings("radios", radios).build(), fleet);
  }
}
