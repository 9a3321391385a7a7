package org.nipcgateway.core.nipc.model;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The global names of the registered SDF models' top-level definitions, read from the stored
 * models, and the one rule by which a name a device refers to lies within one of them. The SCIM
 * registry uses it to refuse a device whose {@code sdf} extension names no registered model.
 */
public final class RegisteredModelNames {
  private final Set<String> names;

  private RegisteredModelNames(Set<String> names) {
    this.names = names;
  }

  /** The names of the given stored models (resources of type {@link SdfModelRegistry#TYPE}). */
  public static RegisteredModelNames of(Collection<StoredResource> models) {
    Set<String> names = new LinkedHashSet<>();
    for (StoredResource model : models) {
      model.attributes().path("sdfNames").forEach(name -> names.add(name.asText()));
    }
    return new RegisteredModelNames(names);
  }

  /** Whether the reference is a registered top-level name or a name below one. */
  public boolean covers(String reference) {
    return names.stream().anyMatch(name -> covers(name, reference));
  }

  static boolean covers(String sdfName, String reference) {
    return reference.equals(sdfName)
        || org.nipcgateway.core.device.DeviceRecord.isUnder(reference, sdfName);
  }
}
