package org.nipcgateway.scim.registry;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.server.utils.SchemaChecker;
import java.util.List;

/**
 * Turns the SDK schema checker's findings into the scimType RFC 7644 section 3.12 names: values
 * that are missing, of the wrong type, not allowed or not defined by the schema are {@code
 * invalidValue}; a PATCH path that does not resolve is {@code invalidPath}; changing what may not
 * be changed is {@code mutability}.
 */
final class SchemaIssues {
  private SchemaIssues() {}

  static void throwIfAny(SchemaChecker.Results results) throws BadRequestException {
    if (!results.getMutabilityIssues().isEmpty()) {
      throw BadRequestException.mutability(join(results.getMutabilityIssues()));
    }
    if (!results.getSyntaxIssues().isEmpty()) {
      throw BadRequestException.invalidValue(join(results.getSyntaxIssues()));
    }
    if (!results.getPathIssues().isEmpty()) {
      throw BadRequestException.invalidPath(join(results.getPathIssues()));
    }
    if (!results.getFilterIssues().isEmpty()) {
      throw BadRequestException.invalidFilter(join(results.getFilterIssues()));
    }
  }

  private static String join(List<String> issues) {
    return String.join("; ", issues);
  }
}
