package org.nipcgateway.scim.registry;

import java.util.List;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Everything a Device's or EndpointApp's view is made of: the stored resource (a new instance for
 * every version, never changed in place), the base URL its links start with, and the groups that
 * list it (their ids and display names go into {@code groups}). Two keys are equal only when they
 * hold the very same instances, so a key of an older version, or of the groups before one was
 * renamed, never matches the current one: cached views go stale by not matching, with no
 * invalidation to forget. Groups have no key: their views show their members' display names, and a
 * key over every member would cost as much as the view.
 */
public record ViewKey(StoredResource resource, String gatewayBase, List<StoredResource> groups) {

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ViewKey key)
        || key.resource != resource
        || !key.gatewayBase.equals(gatewayBase)
        || key.groups.size() != groups.size()) {
      return false;
    }
    for (int i = 0; i < groups.size(); i++) {
      if (key.groups.get(i) != groups.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(resource) * 31 + gatewayBase.hashCode();
  }
}
