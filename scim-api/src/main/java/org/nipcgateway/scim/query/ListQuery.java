package org.nipcgateway.scim.query;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.SearchRequest;
import com.unboundid.scim2.common.messages.SortOrder;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One list or search request (RFC 7644 section 3.4.2): filter, sort, page and attribute selection,
 * from query parameters or a {@code /.search} body. Paging is 1-based; a count above the server's
 * maximum is lowered to it, as the RFC says.
 */
public record ListQuery(
    Optional<Filter> filter,
    Optional<Path> sortBy,
    SortOrder sortOrder,
    int startIndex,
    int count,
    AttributeSelection selection) {

  /** From query parameters; {@code params} returns every value of a parameter. */
  public static ListQuery fromParameters(Function<String, List<String>> params, int maxResults)
      throws BadRequestException {
    return build(
        single(params, "filter"),
        single(params, "sortBy"),
        single(params, "sortOrder"),
        integer(single(params, "startIndex"), "startIndex"),
        integer(single(params, "count"), "count"),
        AttributeSelection.of(params.apply("attributes"), params.apply("excludedAttributes")),
        maxResults);
  }

  public static ListQuery fromSearchRequest(SearchRequest request, int maxResults)
      throws BadRequestException {
    return build(
        request.getFilter(),
        request.getSortBy(),
        request.getSortOrder() == null ? null : request.getSortOrder().getName(),
        request.getStartIndex(),
        request.getCount(),
        AttributeSelection.of(request.getAttributes(), request.getExcludedAttributes()),
        maxResults);
  }

  private static ListQuery build(
      String filter,
      String sortBy,
      String sortOrder,
      Integer startIndex,
      Integer count,
      AttributeSelection selection,
      int maxResults)
      throws BadRequestException {
    Optional<Filter> parsedFilter = Optional.empty();
    if (filter != null && !filter.isBlank()) {
      try {
        parsedFilter = Optional.of(Filter.fromString(filter));
      } catch (BadRequestException e) {
        throw BadRequestException.invalidFilter(
            "invalid filter '" + filter + "': " + e.getMessage());
      }
    }
    Optional<Path> sortPath = Optional.empty();
    if (sortBy != null && !sortBy.isBlank()) {
      try {
        sortPath = Optional.of(Path.fromString(sortBy));
      } catch (BadRequestException e) {
        throw BadRequestException.invalidValue("sortBy '" + sortBy + "' is not an attribute path");
      }
    }
    SortOrder order = SortOrder.ASCENDING;
    if (sortOrder != null && !sortOrder.isBlank()) {
      order =
          switch (sortOrder) {
            case "ascending" -> SortOrder.ASCENDING;
            case "descending" -> SortOrder.DESCENDING;
            default ->
                throw BadRequestException.invalidValue("sortOrder must be ascending or descending");
          };
    }
    int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
    int size = count == null ? maxResults : Math.max(0, Math.min(count, maxResults));
    return new ListQuery(parsedFilter, sortPath, order, start, size, selection);
  }

  private static String single(Function<String, List<String>> params, String name)
      throws BadRequestException {
    List<String> values = params.apply(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw BadRequestException.invalidValue("parameter '" + name + "' is given more than once");
    }
    return values.get(0);
  }

  private static Integer integer(String value, String name) throws BadRequestException {
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw BadRequestException.invalidValue(
          "parameter '" + name + "' must be an integer, got '" + value + "'");
    }
  }
}
