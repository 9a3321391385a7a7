package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nipcgateway.core.storage.StoredResource;

/**
 * A resource as a write left it, and the view to answer with (which may hold a value shown only
 * this once, such as a newly generated client token).
 */
public record Written(StoredResource resource, ObjectNode view) {}
