package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nipcgateway.scim.schema.ScimResourceType;

/** A resource view together with its type, whose schema drives filtering and trimming. */
public record TypedView(ScimResourceType type, ObjectNode view) {}
