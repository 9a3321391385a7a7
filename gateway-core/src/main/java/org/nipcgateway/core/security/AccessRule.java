package org.nipcgateway.core.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call one route: nobody needs credentials ({@link #open()}), or callers with one of the
 * roles; an endpoint app additionally only for its own devices, groups or data-app registration.
 *
 * @param roles any of these will do; empty for an open route
 * @param target what an endpoint app's request must be limited to
 * @param parameter the path parameter (devices, groups) or query parameter (data apps) naming it
 */
public record AccessRule(boolean isOpen, Set<Role> roles, Target target, String parameter) {

  /** What a request names that an endpoint app must be entitled to. */
  public enum Target {
    NONE,
    /** Gateway-wide state: operators and identity-provider callers only, no endpoint app. */
    OPERATOR,
    DEVICE,
    GROUP,
    DATA_APP
  }

  public AccessRule {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** No credentials needed: health, discovery documents. */
  public static AccessRule open() {
    return new AccessRule(true, Set.of(), Target.NONE, "");
  }

  /** Callers with this role; endpoint apps are not further limited. */
  public static AccessRule role(Role role) {
    return new AccessRule(false, Set.of(role), Target.NONE, "");
  }

  /** Callers with this role that are not endpoint apps: gateway-wide views and tools. */
  public static AccessRule operator(Role role) {
    return new AccessRule(false, Set.of(role), Target.OPERATOR, "");
  }

  /**
   * Any operator or identity-provider caller, whatever its roles, but no endpoint app: views of the
   * whole gateway that reveal no device data ({@code /metrics}).
   */
  public static AccessRule anyOperator() {
    return new AccessRule(false, EnumSet.allOf(Role.class), Target.OPERATOR, "");
  }

  /** Control of the device or group named by the {@code :id} path parameter of a collection. */
  public static AccessRule controlOf(String collection) {
    return new AccessRule(
        false,
        Set.of(Role.CONTROL),
        collection.equals("/groups") ? Target.GROUP : Target.DEVICE,
        "id");
  }

  /** Data-app registrations: an endpoint app may only manage its own. */
  public static AccessRule dataAppRegistration(String queryParameter) {
    return new AccessRule(false, Set.of(Role.DATA), Target.DATA_APP, queryParameter);
  }

  public String describe() {
    if (isOpen) {
      return "open";
    }
    StringBuilder text = new StringBuilder();
    roles.forEach(r -> text.append(text.length() == 0 ? "" : "|").append(r.label()));
    return switch (target) {
      case NONE -> text.toString();
      case OPERATOR -> text + " (operators)";
      default -> text + " on own " + target;
    };
  }
}
