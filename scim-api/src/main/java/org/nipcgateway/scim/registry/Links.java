package org.nipcgateway.scim.registry;

/**
 * The absolute URLs the registry writes into resources, all derived from the base URL clients reach
 * this gateway at.
 */
public record Links(String gatewayBase) {
  public static final String SCIM_PATH = "/scim/v2";

  public String scimBase() {
    return gatewayBase + SCIM_PATH;
  }

  public String location(String endpoint, String id) {
    return scimBase() + endpoint + "/" + id;
  }

  /** Where deviceControl apps reach the NIPC API of this gateway. */
  public String deviceControlEndpoint() {
    return gatewayBase + "/nipc";
  }

  /** Where telemetry apps register for data (NIPC data-app registrations). */
  public String telemetryEndpoint() {
    return gatewayBase + "/nipc/registrations/data-apps";
  }
}
