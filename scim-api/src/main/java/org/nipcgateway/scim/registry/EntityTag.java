package org.nipcgateway.scim.registry;

import java.util.Arrays;
import org.nipcgateway.core.storage.StoredResource;

/** Weak entity tags derived from the store's version counter (RFC 7644 section 3.14). */
public final class EntityTag {
  private EntityTag() {}

  public static String of(StoredResource resource) {
    return "W/\"" + resource.version() + "\"";
  }

  /**
   * Whether an {@code If-Match} / {@code If-None-Match} header value names the resource's current
   * version. Weak comparison: {@code W/"3"} and {@code "3"} both match version 3.
   */
  public static boolean matches(String header, StoredResource resource) {
    String current = strip(of(resource));
    return Arrays.stream(header.split(","))
        .map(String::trim)
        .anyMatch(tag -> tag.equals("*") || strip(tag).equals(current));
  }

  private static String strip(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
