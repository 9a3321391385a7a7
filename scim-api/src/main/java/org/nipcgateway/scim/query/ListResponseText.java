package org.nipcgateway.scim.query;

import java.util.List;

/**
 * A SCIM ListResponse message (RFC 7644 section 3.4.2) written as text around resources that are
 * already JSON text, with the members and the order the SDK's {@code ListResponse} gives them (a
 * test holds the two equal), so that a list answer costs one copy of each resource's text.
 */
final class ListResponseText {
  static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  private ListResponseText() {}

  static String of(int totalResults, List<String> resources, int startIndex) {
    int length = 128;
    for (String resource : resources) {
      length += resource.length() + 1;
    }
    StringBuilder out = new StringBuilder(length);
    out.append("{\"schemas\":[\"").append(SCHEMA).append("\"]");
    out.append(",\"totalResults\":").append(totalResults);
    out.append(",\"itemsPerPage\":").append(resources.size());
    out.append(",\"startIndex\":").append(startIndex);
    out.append(",\"Resources\":[");
    for (int i = 0; i < resources.size(); i++) {
      out.append(i == 0 ? "" : ",").append(resources.get(i));
    }
    out.append(']');
    return out.append('}').toString();
  }
}
