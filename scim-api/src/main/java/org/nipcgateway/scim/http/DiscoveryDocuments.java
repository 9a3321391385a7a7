package org.nipcgateway.scim.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.scim.query.QueryRunner;
import org.nipcgateway.scim.registry.Links;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/** The service discovery endpoints of RFC 7644 section 4: what this SCIM server supports. */
final class DiscoveryDocuments {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ScimSchemaCatalog catalog;
  private final int maxResults;
  private final BulkLimits bulk;

  DiscoveryDocuments(ScimSchemaCatalog catalog, int maxResults, BulkLimits bulk) {
    this.catalog = catalog;
    this.maxResults = maxResults;
    this.bulk = bulk;
  }

  ObjectNode serviceProviderConfig(Links links) {
    ObjectNode config = JSON.objectNode();
    config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    config.putObject("patch").put("supported", true);
    config
        .putObject("bulk")
        .put("supported", true)
        .put("maxOperations", bulk.maxOperations())
        .put("maxPayloadSize", bulk.maxPayloadBytes());
    config.putObject("filter").put("supported", true).put("maxResults", maxResults);
    config.putObject("changePassword").put("supported", false);
    config.putObject("sort").put("supported", true);
    config.putObject("etag").put("supported", true);
    // RFC 7643 section 5: how clients authenticate. Bearer tokens: operator tokens and OAuth 2.0
    // JWTs; client certificates are for endpoint apps, which use NIPC rather than SCIM.
    config
        .putArray("authenticationSchemes")
        .addObject()
        .put("type", "oauthbearertoken")
        .put("name", "Bearer token")
        .put(
            "description",
            "An operator token (nipc-gateway token create --role provisioning) or an OAuth 2.0"
                + " JWT with the provisioning scope, in the Authorization header")
        .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750")
        .put("primary", true);
    meta(config, "ServiceProviderConfig", links.scimBase() + "/ServiceProviderConfig");
    return config;
  }

  ObjectNode resourceTypes(Links links) {
    return list(catalog.resourceTypes().stream().map(t -> resourceType(t, links)).toList());
  }

  Optional<ObjectNode> resourceType(String name, Links links) {
    return catalog.resourceTypes().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .map(t -> resourceType(t, links));
  }

  ObjectNode schemas(Links links) {
    return list(
        catalog.schemas().stream().map(s -> schema(s.getId(), links).orElseThrow()).toList());
  }

  Optional<ObjectNode> schema(String urn, Links links) {
    return catalog
        .findSchema(urn)
        .map(
            s -> {
              ObjectNode node = JsonUtils.valueToNode(s);
              node.remove("meta");
              meta(node, "Schema", links.scimBase() + "/Schemas/" + s.getId());
              return node;
            });
  }

  private static ObjectNode resourceType(ScimResourceType type, Links links) {
    ObjectNode node = JsonUtils.valueToNode(type.definition().toScimResource());
    node.remove("meta");
    meta(node, "ResourceType", links.scimBase() + "/ResourceTypes/" + type.name());
    return node;
  }

  private static ObjectNode list(List<ObjectNode> items) {
    return QueryRunner.listResponse(items.size(), items, 1);
  }

  private static void meta(ObjectNode node, String resourceType, String location) {
    node.putObject("meta").put("resourceType", resourceType).put("location", location);
  }
}
