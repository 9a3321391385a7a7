package org.nipcgateway.scim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.messages.SearchRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.http.PublicUrls;
import org.nipcgateway.core.security.AccessGuard;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.BodyReader;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.scim.bulk.BulkRequest;
import org.nipcgateway.scim.bulk.BulkRunner;
import org.nipcgateway.scim.query.AttributeSelection;
import org.nipcgateway.scim.query.ListQuery;
import org.nipcgateway.scim.query.QueryRunner;
import org.nipcgateway.scim.query.RenderedViews;
import org.nipcgateway.scim.query.ResponseShaper;
import org.nipcgateway.scim.registry.EntityTag;
import org.nipcgateway.scim.registry.Links;
import org.nipcgateway.scim.registry.RegistryService;
import org.nipcgateway.scim.registry.Written;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/** The SCIM 2.0 protocol endpoints (RFC 7644) over the registry, mounted below {@code /scim/v2}. */
public final class ScimRoutes {
  public static final String SCIM_JSON = "application/scim+json";

  private final RegistryService registry;
  private final ScimSchemaCatalog catalog;
  private final DiscoveryDocuments discovery;
  private final PublicUrls urls;
  private final int maxResults;
  private final int maxBodyBytes;
  private final BulkLimits bulkLimits;
  private final BulkRunner bulk;
  private static final AccessRule PROVISIONING = AccessRule.role(Role.PROVISIONING);
  private final AllowedMethods allowedMethods = new AllowedMethods();
  private final RenderedViews rendered =
      new RenderedViews(RenderedViews.DEFAULT_ENTRIES, RenderedViews.DEFAULT_CHARS);

  public ScimRoutes(
      RegistryService registry,
      ScimSchemaCatalog catalog,
      PublicUrls urls,
      int maxResults,
      int maxBodyBytes,
      BulkLimits bulkLimits) {
    this.registry = registry;
    this.catalog = catalog;
    this.discovery = new DiscoveryDocuments(catalog, maxResults, bulkLimits);
    this.urls = urls;
    this.maxResults = maxResults;
    this.maxBodyBytes = maxBodyBytes;
    this.bulkLimits = bulkLimits;
    this.bulk = new BulkRunner(registry, List.copyOf(catalog.resourceTypes()));
  }

  /** A handler that may fail with a SCIM exception, which goes to the failure handler. */
  private interface ScimHandler {
    void handle(RoutingContext ctx) throws ScimException;
  }

  private static io.vertx.core.Handler<RoutingContext> guard(ScimHandler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ScimException e) {
        ctx.fail(e);
      }
    };
  }

  /** The SCIM router, every route registered in the gateway's route table with its rule. */
  public Router router(Vertx vertx, RouteTable table) {
    Router router = Router.router(vertx);
    RouteTable.Routes routes = table.on(router, Links.SCIM_PATH);
    ScimErrors errors = new ScimErrors(maxBodyBytes, bulkLimits.maxPayloadBytes());
    // A bulk request carries many resources: it has a limit of its own, advertised in discovery.
    io.vertx.core.Handler<RoutingContext> body = BodyReader.upTo(maxBodyBytes);
    io.vertx.core.Handler<RoutingContext> bulkBody = BodyReader.upTo(bulkLimits.maxPayloadBytes());
    router.route().handler(ctx -> (ScimErrors.isBulk(ctx) ? bulkBody : body).handle(ctx));
    router.route().failureHandler(errors::handle);
    // Discovery documents are public (RFC 7644, section 4): clients read them to learn how to
    // authenticate.
    AccessRule open = AccessRule.open();
    route(
        routes,
        open,
        HttpMethod.GET,
        "/ServiceProviderConfig",
        ctx -> send(ctx, 200, discovery.serviceProviderConfig(links(ctx))));
    route(
        routes,
        open,
        HttpMethod.GET,
        "/ResourceTypes",
        ctx -> send(ctx, 200, discovery.resourceTypes(links(ctx))));
    route(
        routes,
        open,
        HttpMethod.GET,
        "/ResourceTypes/:name",
        ctx -> sendFound(ctx, discovery.resourceType(ctx.pathParam("name"), links(ctx))));
    route(
        routes,
        open,
        HttpMethod.GET,
        "/Schemas",
        ctx -> send(ctx, 200, discovery.schemas(links(ctx))));
    route(
        routes,
        open,
        HttpMethod.GET,
        "/Schemas/:urn",
        ctx -> sendFound(ctx, discovery.schema(ctx.pathParam("urn"), links(ctx))));
    route(
        routes,
        PROVISIONING,
        HttpMethod.POST,
        "/.search",
        ctx -> search(ctx, List.copyOf(catalog.resourceTypes())));
    route(routes, PROVISIONING, HttpMethod.POST, ScimErrors.BULK_PATH, this::bulk);
    // RFC 7644, section 3.4.2.1: a query at the root covers every resource type, like /.search.
    route(
        routes,
        PROVISIONING,
        HttpMethod.GET,
        "/",
        ctx -> list(ctx, List.copyOf(catalog.resourceTypes())));
    for (ScimResourceType type : catalog.resourceTypes()) {
      mountType(routes, type, type.endpoint());
      type.aliases().forEach(alias -> mountType(routes, type, alias));
    }
    // A sub-router passes what it cannot match to its parent; answer it here as a SCIM error.
    router.route().last().handler(this::unmatched);
    return router;
  }

  private void mountType(RouteTable.Routes routes, ScimResourceType type, String path) {
    route(routes, PROVISIONING, HttpMethod.POST, path, ctx -> create(ctx, type));
    route(routes, PROVISIONING, HttpMethod.GET, path, ctx -> list(ctx, type));
    route(
        routes,
        PROVISIONING,
        HttpMethod.POST,
        path + "/.search",
        ctx -> search(ctx, List.of(type)));
    route(routes, PROVISIONING, HttpMethod.GET, path + "/:id", ctx -> get(ctx, type));
    route(routes, PROVISIONING, HttpMethod.PUT, path + "/:id", ctx -> replace(ctx, type));
    route(routes, PROVISIONING, HttpMethod.PATCH, path + "/:id", ctx -> patch(ctx, type));
    route(routes, PROVISIONING, HttpMethod.DELETE, path + "/:id", ctx -> delete(ctx, type));
  }

  private void route(
      RouteTable.Routes routes,
      AccessRule rule,
      HttpMethod method,
      String path,
      ScimHandler handler) {
    allowedMethods.add(method, path);
    routes.route(method, path, rule).handler(guard(handler));
  }

  /** The caller the access guard let in; every non-discovery SCIM route has one. */
  private static Principal caller(RoutingContext ctx) {
    return AccessGuard.principal(ctx).orElseThrow();
  }

  private void unmatched(RoutingContext ctx) {
    String path = ctx.request().path().substring(Links.SCIM_PATH.length());
    java.util.Set<String> allowed = allowedMethods.allowed(path);
    if (allowed.isEmpty()) {
      ctx.fail(404);
    } else {
      ctx.response().putHeader("Allow", String.join(", ", allowed));
      ctx.fail(405);
    }
  }

  private void create(RoutingContext ctx, ScimResourceType type) throws ScimException {
    ObjectNode body = ScimBodies.object(ctx);
    AttributeSelection selection = selection(ctx);
    registry
        .create(type, body, links(ctx), caller(ctx))
        .onSuccess(
            written -> {
              ctx.response()
                  .putHeader("Location", written.view().path("meta").path("location").asText());
              sendResource(ctx, 201, type, written, selection);
            })
        .onFailure(ctx::fail);
  }

  private void bulk(RoutingContext ctx) throws ScimException {
    BulkRequest request = BulkRequest.parse(ScimBodies.object(ctx), bulkLimits.maxOperations());
    bulk.run(request, links(ctx), caller(ctx), ctx.vertx().getOrCreateContext())
        .onSuccess(response -> send(ctx, 200, response))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx, ScimResourceType type) throws ScimException {
    AttributeSelection selection = selection(ctx);
    String ifNoneMatch = ctx.request().getHeader("If-None-Match");
    registry
        .get(type, ctx.pathParam("id"), links(ctx), caller(ctx))
        .onSuccess(
            found -> {
              if (ifNoneMatch != null && EntityTag.matches(ifNoneMatch, found.resource())) {
                ctx.response()
                    .putHeader("ETag", EntityTag.of(found.resource()))
                    .setStatusCode(304)
                    .end();
                return;
              }
              ctx.response().putHeader("ETag", EntityTag.of(found.resource()));
              send(ctx, 200, rendered.json(found.view(), selection));
            })
        .onFailure(ctx::fail);
  }

  private void replace(RoutingContext ctx, ScimResourceType type) throws ScimException {
    ObjectNode body = ScimBodies.object(ctx);
    AttributeSelection selection = selection(ctx);
    registry
        .replace(type, ctx.pathParam("id"), body, ifMatch(ctx), links(ctx), caller(ctx))
        .onSuccess(written -> sendResource(ctx, 200, type, written, selection))
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx, ScimResourceType type) throws ScimException {
    PatchRequest patch = ScimBodies.message(ctx, PatchRequest.class);
    AttributeSelection selection = selection(ctx);
    registry
        .patch(type, ctx.pathParam("id"), patch, ifMatch(ctx), links(ctx), caller(ctx))
        .onSuccess(written -> sendResource(ctx, 200, type, written, selection))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx, ScimResourceType type) {
    registry
        .delete(type, ctx.pathParam("id"), ifMatch(ctx), caller(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx, ScimResourceType type) throws ScimException {
    list(ctx, List.of(type));
  }

  private void list(RoutingContext ctx, List<ScimResourceType> types) throws ScimException {
    ListQuery query = ListQuery.fromParameters(name -> ctx.queryParam(name), maxResults);
    runQuery(ctx, types, query);
  }

  private void search(RoutingContext ctx, List<ScimResourceType> types) throws ScimException {
    ListQuery query =
        ListQuery.fromSearchRequest(ScimBodies.message(ctx, SearchRequest.class), maxResults);
    runQuery(ctx, types, query);
  }

  private void runQuery(RoutingContext ctx, List<ScimResourceType> types, ListQuery query)
      throws ScimException {
    if (types.size() == 1) {
      QueryRunner.checkFilter(types.get(0), query);
    }
    registry
        .views(types, query.filter(), links(ctx), caller(ctx))
        .onSuccess(
            views -> {
              try {
                send(ctx, 200, QueryRunner.runJson(views, query, rendered));
              } catch (ScimException e) {
                ctx.fail(e);
              }
            })
        .onFailure(ctx::fail);
  }

  private static AttributeSelection selection(RoutingContext ctx) throws ScimException {
    return AttributeSelection.of(
        ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"));
  }

  private static Optional<String> ifMatch(RoutingContext ctx) {
    return Optional.ofNullable(ctx.request().getHeader("If-Match"));
  }

  private Links links(RoutingContext ctx) {
    return new Links(urls.base(ctx.request()));
  }

  private static void sendResource(
      RoutingContext ctx,
      int status,
      ScimResourceType type,
      Written written,
      AttributeSelection selection) {
    ctx.response().putHeader("ETag", EntityTag.of(written.resource()));
    send(ctx, status, ResponseShaper.shape(type, written.view(), selection));
  }

  private static void sendFound(RoutingContext ctx, Optional<ObjectNode> document)
      throws ScimException {
    send(
        ctx,
        200,
        document.orElseThrow(
            () -> new ResourceNotFoundException("no such " + ctx.request().path())));
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    send(ctx, status, body.toString());
  }

  private static void send(RoutingContext ctx, int status, String json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", SCIM_JSON).end(json);
  }
}
