package org.nipcgateway.core.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every route of the gateway with the rule that guards it. Modules register their routes here
 * rather than on the router directly, so that a route cannot exist without a rule; the gateway
 * refuses to start when a router holds a route this table does not know.
 *
 * <p>Every {@code GET} route answers {@code HEAD} too, under the same rule (RFC 9110 section 9.3.2:
 * HEAD is GET without the body, which Vert.x leaves out itself). The table lists only the GET.
 */
public final class RouteTable {
  /** One route: its method, its full path (as Vert.x writes templates) and its rule. */
  public record Entry(HttpMethod method, String path, AccessRule rule) {}

  private final AccessGuard guard;
  private final List<Entry> entries = new ArrayList<>();
  private final List<Routes> routers = new ArrayList<>();

  public RouteTable(AccessGuard guard) {
    this.guard = guard;
  }

  /** Registers routes on {@code router}, which is mounted at {@code prefix} ("" for the root). */
  public synchronized Routes on(Router router, String prefix) {
    return on(router, prefix, 0);
  }

  /**
   * Like {@link #on(Router, String)}, each route reading its body first (at most {@code bodyLimit}
   * bytes): for routers without a body handler of their own.
   */
  public synchronized Routes on(Router router, String prefix, int bodyLimit) {
    Routes routes = new Routes(router, prefix, bodyLimit);
    routers.add(routes);
    return routes;
  }

  /**
   * Routes that were added to a router behind the table's back, or sub-routers the table does not
   * know: each one a description, none when every route is guarded.
   */
  public synchronized List<String> unguarded() {
    List<String> found = new ArrayList<>();
    List<String> mounts = new ArrayList<>();
    routers.forEach(r -> mounts.add(r.prefix + "/"));
    for (Routes routes : routers) {
      for (Route route : routes.router.getRoutes()) {
        String path = route.getPath();
        Set<HttpMethod> methods = route.methods();
        if (methods == null || methods.isEmpty()) {
          // Handlers for every request (body, failure, fallback) and sub-router mounts, which
          // Vert.x reports by their prefix; a sub-router must be one the table knows.
          if (path != null && !path.equals("/") && !mounts.contains(path)) {
            found.add("handler for any method at " + routes.prefix + path + " outside the table");
          }
          continue;
        }
        if (!methods.stream().allMatch(m -> ruleOf(m, routes.prefix + path) != null)) {
          found.add(methods + " " + routes.prefix + path + " has no access rule");
        }
      }
    }
    return found;
  }

  private AccessRule ruleOf(HttpMethod method, String path) {
    HttpMethod listed = method.equals(HttpMethod.HEAD) ? HttpMethod.GET : method;
    return entries.stream()
        .filter(e -> e.method().equals(listed) && e.path().equals(path))
        .map(Entry::rule)
        .findFirst()
        .orElse(null);
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  private synchronized void add(Entry entry) {
    entries.add(entry);
  }

  /** The routes of one router. */
  public final class Routes {
    private final Router router;
    private final String prefix;
    private final int bodyLimit;

    private Routes(Router router, String prefix, int bodyLimit) {
      this.router = router;
      this.prefix = prefix;
      this.bodyLimit = bodyLimit;
    }

    /** A route whose first handler is the guard; add the route's own handlers to it. */
    public Route route(HttpMethod method, String path, AccessRule rule) {
      String full = prefix + path;
      add(new Entry(method, full, rule));
      Route route = router.route(method, path);
      if (method.equals(HttpMethod.GET)) {
        route.method(HttpMethod.HEAD);
      }
      if (bodyLimit > 0) {
        // Read before the guard, so that a denial never leaves a request body unread.
        route.handler(BodyReader.upTo(bodyLimit));
      }
      return route.handler(guard.handler(rule, full));
    }

    public Route get(String path, AccessRule rule) {
      return route(HttpMethod.GET, path, rule);
    }

    public Route post(String path, AccessRule rule) {
      return route(HttpMethod.POST, path, rule);
    }

    public Route put(String path, AccessRule rule) {
      return route(HttpMethod.PUT, path, rule);
    }

    public Route delete(String path, AccessRule rule) {
      return route(HttpMethod.DELETE, path, rule);
    }
  }
}
