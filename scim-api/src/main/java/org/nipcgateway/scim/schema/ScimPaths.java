package org.nipcgateway.scim.schema;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;

/** Parses attribute paths that come from our own code and documents, where a bad one is a bug. */
public final class ScimPaths {
  private ScimPaths() {}

  public static Path of(String path) {
    try {
      return Path.fromString(path);
    } catch (BadRequestException e) {
      throw new IllegalArgumentException("invalid attribute path " + path, e);
    }
  }
}
