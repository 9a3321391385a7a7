package org.nipcgateway.core.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do (draft-ietf-asdf-nipc, "Security Considerations"): provision devices in the
 * SCIM registry, control devices through NIPC, or receive their data.
 */
public enum Role {
  /** SCIM: create, read, change and delete devices, endpoint apps and groups. */
  PROVISIONING,
  /** NIPC: register models, read and write properties, run actions, enable events, connect. */
  CONTROL,
  /** Receive events: data-app registrations (MQTT, webhook, websocket) and broker subscriptions. */
  DATA;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code provisioning,control}; an unknown name is an {@link IllegalArgumentException}.
   */
  public static Set<Role> parseList(String list) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : list.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      roles.add(parse(name));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("no role given (provisioning, control, data)");
    }
    return roles;
  }

  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + name + "' (provisioning, control or data)");
  }
}
