package org.nipcgateway.scim.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One operation of a bulk request, as sent: {@code index} is its place in the request, {@code
 * version} the ETag it must match, and {@code path} and {@code data} may still hold {@code
 * bulkId:…} references.
 */
public record BulkOperation(
    int index,
    String method,
    Optional<String> bulkId,
    Optional<String> version,
    String path,
    Optional<ObjectNode> data) {}
