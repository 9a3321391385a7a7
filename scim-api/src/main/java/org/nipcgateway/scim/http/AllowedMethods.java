package org.nipcgateway.scim.http;

import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which methods each SCIM path answers, so that a request with a known path but another method gets
 * 405 with an {@code Allow} header (RFC 9110 section 15.5.6) rather than 404.
 */
final class AllowedMethods {
  private final Map<Pattern, Set<String>> byPath = new LinkedHashMap<>();

  /** Records a route path such as {@code /Devices/:id}. */
  void add(HttpMethod method, String path) {
    Pattern pattern =
        Pattern.compile(Pattern.quote(path).replaceAll(":[A-Za-z]+", "\\\\E[^/]+\\\\Q"));
    Set<String> methods = byPath.computeIfAbsent(pattern, p -> new TreeSet<>());
    methods.add(method.name());
    if (method.equals(HttpMethod.GET)) {
      // The route table answers HEAD wherever it answers GET.
      methods.add(HttpMethod.HEAD.name());
    }
  }

  /** The methods allowed on a path, empty when no route has that path. */
  Set<String> allowed(String path) {
    Set<String> methods = new TreeSet<>();
    byPath.forEach(
        (pattern, allowed) -> {
          if (pattern.matcher(path).matches()) {
            methods.addAll(allowed);
          }
        });
    return methods;
  }
}
