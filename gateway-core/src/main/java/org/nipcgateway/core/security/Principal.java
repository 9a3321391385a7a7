package org.nipcgateway.core.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, once their credentials were checked.
 *
 * @param id stable and free of secrets, e.g. {@code token:3fa9c1d2}, {@code app:<id>}, {@code
 *     jwt:<issuer>#<subject>}; it names the creator of SCIM objects and the caller in the audit log
 * @param roles what the caller may do
 * @param endpointApp the EndpointApp the caller is, when it is one: its NIPC access is limited to
 *     the devices linked to it
 * @param scimOwners whose SCIM objects the caller sees; empty means every object (the operator)
 * @param method how the caller proved who it is: {@code token}, {@code client-token} (bearer),
 *     {@code client-token:x-api-key}, {@code mtls}, {@code jwt}
 */
public record Principal(
    String id,
    Set<Role> roles,
    Optional<String> endpointApp,
    Set<String> scimOwners,
    String method) {

  public Principal {
    roles = Set.copyOf(roles);
    scimOwners = Set.copyOf(scimOwners);
  }

  /** An operator's token: the given roles, every device and every SCIM object. */
  public static Principal operator(String id, Set<Role> roles) {
    return new Principal(id, roles, Optional.empty(), Set.of(), "token");
  }

  /** An EndpointApp: one role from its type, limited to its devices. */
  public static Principal endpointApp(String appId, Role role, String method) {
    return new Principal("app:" + appId, Set.of(role), Optional.of(appId), Set.of(), method);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /**
   * Whether the caller may change or delete what {@code owner} registered (an SDF model): an
   * endpoint app only what it registered itself; any other caller what it sees as a SCIM object of
   * that owner, so the operator everything and a client token or JWT caller its own and granted
   * ones. An empty owner (registered before owners were kept) is the operator's alone.
   */
  public boolean mayChangeWhatIsRegisteredBy(String owner) {
    if (endpointApp.isPresent()) {
      return id.equals(owner);
    }
    return scimOwners.isEmpty() || (!owner.isEmpty() && scimOwners.contains(owner));
  }

  /** Whether the caller sees the SCIM object that {@code owner} created. */
  public boolean seesScimObjectOf(String owner) {
    return scimOwners.isEmpty() || scimOwners.contains(owner);
  }
}
