package org.nipcgateway.scim.schema;

import com.unboundid.scim2.common.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Constraints on one attribute that SCIM schema characteristics cannot express but our schema files
 * state: a value pattern (MAC, EUI-64 addresses) and canonical values that are enforced, not merely
 * suggested.
 */
public record AttributeRule(Path path, Optional<Pattern> pattern, Set<String> enforcedValues) {}
