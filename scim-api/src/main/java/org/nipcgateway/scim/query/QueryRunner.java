package org.nipcgateway.scim.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.server.utils.ResourceComparator;
import com.unboundid.scim2.server.utils.SchemaAwareFilterEvaluator;
import com.unboundid.scim2.server.utils.SchemaChecker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nipcgateway.scim.registry.TypedView;
import org.nipcgateway.scim.schema.ScimResourceType;

/**
 * Answers a list query over resource views: filter (schema-aware, so case-insensitive attributes
 * compare as such), sort, page, then trim, giving a SCIM ListResponse.
 */
public final class QueryRunner {
  private QueryRunner() {}

  /** Rejects filters that name attributes the type does not define (likely typos). */
  public static void checkFilter(ScimResourceType type, ListQuery query)
      throws BadRequestException {
    if (query.filter().isEmpty()) {
      return;
    }
    try {
      List<String> issues =
          new SchemaChecker(type.definition()).checkSearch(query.filter().get()).getFilterIssues();
      if (!issues.isEmpty()) {
        throw BadRequestException.invalidFilter(String.join("; ", issues));
      }
    } catch (BadRequestException e) {
      throw e;
    } catch (ScimException e) {
      throw BadRequestException.invalidFilter(e.getMessage());
    }
  }

  /** The views of the page a query answers, and how many matched in all. */
  public record Page(int totalResults, List<TypedView> items, int startIndex) {}

  /** The query's answer as a ListResponse node (its views trimmed one by one). */
  public static ObjectNode run(List<TypedView> views, ListQuery query) throws ScimException {
    Page page = select(views, query);
    List<ObjectNode> shaped = new ArrayList<>();
    for (TypedView view : page.items()) {
      shaped.add(ResponseShaper.shape(view.type(), view.view(), query.selection()));
    }
    return listResponse(page.totalResults(), shaped, page.startIndex());
  }

  /**
   * The query's answer as ListResponse text, the same message as {@link #run}: each resource's text
   * comes from {@code rendered} (cached when no attributes are selected), put into the envelope as
   * it is instead of being parsed into a tree and written out again.
   */
  public static String runJson(List<TypedView> views, ListQuery query, RenderedViews rendered)
      throws ScimException {
    Page page = select(views, query);
    List<String> resources = new ArrayList<>(page.items().size());
    for (TypedView view : page.items()) {
      resources.add(rendered.json(view, query.selection()));
    }
    return ListResponseText.of(page.totalResults(), resources, page.startIndex());
  }

  /** Filters, sorts and pages; builds views only where the filter or the sort needs them. */
  public static Page select(List<TypedView> views, ListQuery query) throws ScimException {
    List<TypedView> matching = new ArrayList<>();
    for (TypedView candidate : views) {
      if (matches(query, candidate)) {
        matching.add(candidate);
      }
    }
    if (query.sortBy().isPresent() && !matching.isEmpty()) {
      ResourceComparator<GenericScimResource> comparator =
          new ResourceComparator<>(
              query.sortBy().get(), query.sortOrder(), matching.get(0).type().definition());
      matching.sort(Comparator.comparing(v -> new GenericScimResource(v.view()), comparator));
    }
    int from = Math.min(query.startIndex() - 1, matching.size());
    int to = Math.min(from + query.count(), matching.size());
    return new Page(matching.size(), matching.subList(from, to), query.startIndex());
  }

  /** A SCIM ListResponse message (RFC 7644 section 3.4.2), built by the SDK. */
  public static ObjectNode listResponse(int totalResults, List<ObjectNode> page, int startIndex) {
    return JsonUtils.valueToNode(new ListResponse<>(totalResults, page, startIndex, page.size()));
  }

  private static boolean matches(ListQuery query, TypedView candidate) throws ScimException {
    if (query.filter().isEmpty()) {
      return true;
    }
    Filter filter = query.filter().get();
    return filter.visit(
        new SchemaAwareFilterEvaluator(candidate.type().definition()), candidate.view());
  }
}
