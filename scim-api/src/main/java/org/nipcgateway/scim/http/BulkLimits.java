package org.nipcgateway.scim.http;

/**
 * How large a bulk request may be: operations and body bytes, as {@code /ServiceProviderConfig}
 * advertises them (config {@code scim.bulk.maxOperations}, {@code scim.bulk.maxPayloadBytes}).
 */
public record BulkLimits(int maxOperations, int maxPayloadBytes) {
  public static final BulkLimits DEFAULT = new BulkLimits(1000, 4 * 1024 * 1024);
}
