package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.scim.schema.ScimResourceType;

/**
 * Which resources a filter can match at all, from the attribute indexes, so that only those get a
 * view built and the filter evaluated: {@code eq} on an indexed attribute, {@code and} with at
 * least one such part, {@code or} whose parts all are. Empty for any other filter, which then runs
 * over every resource of the type. The filter (parsed by the SDK) is still evaluated on each
 * candidate, so the answer is the same either way; only the work differs.
 */
final class FilterCandidates {
  private FilterCandidates() {}

  static Optional<Set<String>> ids(Filter filter, ScimResourceType type, RegistryIndex index) {
    if (filter instanceof EqualFilter equal) {
      return equal(equal, type, index);
    }
    if (filter instanceof AndFilter and) {
      Set<String> smallest = null;
      for (Filter part : and.getCombinedFilters()) {
        Optional<Set<String>> ids = ids(part, type, index);
        if (ids.isPresent() && (smallest == null || ids.get().size() < smallest.size())) {
          smallest = ids.get();
        }
      }
      return Optional.ofNullable(smallest);
    }
    if (filter instanceof OrFilter or) {
      Set<String> union = new HashSet<>();
      for (Filter part : or.getCombinedFilters()) {
        Optional<Set<String>> ids = ids(part, type, index);
        if (ids.isEmpty()) {
          return Optional.empty();
        }
        union.addAll(ids.get());
      }
      return Optional.of(union);
    }
    return Optional.empty();
  }

  private static Optional<Set<String>> equal(
      EqualFilter filter, ScimResourceType type, RegistryIndex index) {
    JsonNode value = filter.getComparisonValue();
    // The SDK compares two date-time strings as instants, not as text: no index for those.
    if (value == null || !value.isTextual() || isDateTime(value)) {
      return Optional.empty();
    }
    String key = IndexedPath.key(filter.getAttributePath(), type);
    if (key == null) {
      return Optional.empty();
    }
    return index.candidates(type.name(), key, value.textValue());
  }

  private static boolean isDateTime(JsonNode value) {
    // The SDK's parser answers "not a date-time" with an exception, whose stack trace (deep
    // in the router) costs more than the rest of an indexed query: a text with a letter in it,
    // say, is not asked.
    if (!mayBeDateTime(value.textValue())) {
      return false;
    }
    try {
      JsonUtils.nodeToDateValue(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * False only for a text the SDK's parser cannot read as a date or time: its XML Schema forms
   * (dateTime, date, time, gYear and the others) are written with digits, "-", ":", "T", "Z", "."
   * and "+" alone.
   */
  static boolean mayBeDateTime(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && "-:TtZz.+".indexOf(c) < 0 && !Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }
}
