package org.nipcgateway.core.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;

/**
 * The API modules installed on the class path (found with {@link ServiceLoader}) and the config
 * sections they claim, so that a configuration can be checked against them before anything starts.
 */
public final class ApiModules {
  private final List<ApiModule> modules;
  private final Set<String> configSections;

  private ApiModules(List<ApiModule> modules) {
    this.modules = List.copyOf(modules);
    this.configSections = claims(modules);
  }

  /** Fails when two modules, or a module and core, claim the same config section. */
  public static ApiModules installed() {
    List<ApiModule> found = new ArrayList<>();
    ServiceLoader.load(ApiModule.class).forEach(found::add);
    return new ApiModules(found);
  }

  /** In the order the gateway mounts them. */
  public List<ApiModule> all() {
    return modules;
  }

  /** Every top-level config section some installed module reads. */
  public Set<String> configSections() {
    return configSections;
  }

  /** Fails with a {@link ConfigException} naming a top-level config key nobody claims. */
  public void checkClaims(GatewayConfig config) {
    config.rejectUnclaimedKeys(configSections);
  }

  private static Set<String> claims(List<ApiModule> modules) {
    Map<String, String> owners = new HashMap<>();
    for (ApiModule module : modules) {
      for (String section : module.configSections()) {
        String owner =
            GatewayConfig.CORE_KEYS.contains(section)
                ? "core"
                : owners.putIfAbsent(section, "module " + module.name());
        if (owner != null) {
          throw new IllegalStateException(
              "config section '"
                  + section
                  + "' is claimed by both "
                  + owner
                  + " and module "
                  + module.name());
        }
      }
    }
    return Set.copyOf(owners.keySet());
  }
}
