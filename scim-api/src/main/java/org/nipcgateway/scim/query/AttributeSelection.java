package org.nipcgateway.scim.query;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code attributes} or {@code excludedAttributes} a client asked for (RFC 7644 section
 * 3.4.2.5); at most one of the two may be given.
 */
public record AttributeSelection(Set<Path> paths, boolean excluded) {
  public static final AttributeSelection ALL = new AttributeSelection(Set.of(), true);

  public static AttributeSelection of(
      Collection<String> attributes, Collection<String> excludedAttributes)
      throws BadRequestException {
    boolean hasIncluded = attributes != null && !attributes.isEmpty();
    boolean hasExcluded = excludedAttributes != null && !excludedAttributes.isEmpty();
    if (hasIncluded && hasExcluded) {
      throw BadRequestException.invalidValue(
          "give either attributes or excludedAttributes, not both");
    }
    if (hasIncluded) {
      return new AttributeSelection(parse(attributes), false);
    }
    if (hasExcluded) {
      return new AttributeSelection(parse(excludedAttributes), true);
    }
    return ALL;
  }

  private static Set<Path> parse(Collection<String> names) throws BadRequestException {
    Set<Path> paths = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null) {
        // A search request's list may hold a JSON null; it names no attribute.
        throw BadRequestException.invalidValue("attribute names must be strings, not null");
      }
      for (String part : name.split(",")) {
        if (!part.isBlank()) {
          try {
            paths.add(Path.fromString(part.trim()));
          } catch (BadRequestException e) {
            throw BadRequestException.invalidValue(
                "'" + part.trim() + "' is not an attribute path");
          }
        }
      }
    }
    return paths;
  }
}
