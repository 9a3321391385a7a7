package org.nipcgateway.core.nipc.http;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.nipc.action.ActionService;
import org.nipcgateway.core.nipc.connection.ConnectionService;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;
import org.nipcgateway.core.nipc.event.EventService;
import org.nipcgateway.core.nipc.event.EventSubscriptions;
import org.nipcgateway.core.nipc.extension.DeviceExtensions;
import org.nipcgateway.core.nipc.extension.ExtensionSettings;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutbox;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxContext;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxes;
import org.nipcgateway.core.nipc.extension.callback.CallbackRoutes;
import org.nipcgateway.core.nipc.extension.callback.CallbackSettings;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.extension.callback.HttpCallbackSender;
import org.nipcgateway.core.nipc.extension.callback.LongOperationRoutes;
import org.nipcgateway.core.nipc.extension.eventconditional.ConditionalEventStep;
import org.nipcgateway.core.nipc.extension.eventconditional.ConditionalEvents;
import org.nipcgateway.core.nipc.extension.eventconditional.EventConditionalRoutes;
import org.nipcgateway.core.nipc.extension.readconditional.ConditionalReadStep;
import org.nipcgateway.core.nipc.extension.readconditional.ConditionalReads;
import org.nipcgateway.core.nipc.extension.readconditional.ReadConditionalRoutes;
import org.nipcgateway.core.nipc.group.DeviceGroups;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.nipc.link.ZigbeeMembership;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.nipc.model.SdfModelSchema;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.operation.PropertyService;
import org.nipcgateway.core.nipc.operation.RadioAccess;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.nipc.problem.ProblemTypes;
import org.nipcgateway.core.nipc.trigger.TriggerService;
import org.nipcgateway.core.nipc.unonboarded.UnonboardedAdvertisementRoutes;
import org.nipcgateway.core.nipc.unonboarded.UnonboardedAdvertisements;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The NIPC engine wired once: its services over the store and radios, and their routes. Settings
 * come from the {@code nipc} config section: {@code operationTimeoutMs} (longest a radio call may
 * take, default 10000) {@code bleConnectRetries} (retries of an implicit BLE connection, default 1)
 * and {@code maxBatch} (most properties one request reads or writes, default 32); the {@code
 * extensions} subsection configures the API extensions ({@link CallbackSettings}).
 */
final class Engine {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
  private final ModelRoutes models;
  private final PropertyRoutes properties;
  private final ActionRoutes actions;
  private final EventRoutes events;
  private final TriggerRoutes triggers;
  private final ConnectionRoutes connections;
  private final DataAppRoutes dataApps;
  private final LongOperationRoutes readConditional;
  private final LongOperationRoutes eventConditional;
  private final DeviceExtensions deviceExtensions;
  private final UnonboardedAdvertisementRoutes unonboarded;
  private final HttpCallbackSender callbackSender;
  private final CallbackOutbox callbackOutbox;
  private final CallbackRoutes callbackRoutes;

  Engine(GatewayContext context, ProblemTypes types, SdfModelSchema schema) {
    Settings settings = context.settings("nipc");
    long timeout = settings.longValue("operationTimeoutMs", 10_000, 0, Long.MAX_VALUE);
    int retries = settings.integer("bleConnectRetries", 1, 0, Integer.MAX_VALUE);
    int maxBatch = settings.integer("maxBatch", 32, 1, Integer.MAX_VALUE);
    // One section for every extension: each reads its keys from it before the check below.
    Settings extensions = settings.section("extensions");
    CallbackSettings callbackSettings = CallbackSettings.from(extensions);
    ExtensionSettings extensionSettings = ExtensionSettings.read(extensions);
    settings.rejectUnknownKeys();
    Clock clock = Clock.systemUTC();
    ProblemDocuments problems = new ProblemDocuments(types);

    SdfModelRegistry registry =
        new SdfModelRegistry(context.store(), schema, context.deviceScope(), clock);
    Affordances affordances = new Affordances(context.store(), registry);
    DeviceGroups groups = new DeviceGroups(context.store());
    RadioCalls calls = new RadioCalls(context.radios(), timeout);
    BleConnections links = new BleConnections(calls, retries, clock, context.vertx());
    context.radios().ble().ifPresent(ble -> ble.listen(links));
    RadioAccess radios = new RadioAccess(calls, links);
    EventSubscriptions subscriptions =
        new EventSubscriptions(affordances, calls, links, clock, context.vertx());
    ActionService actionService =
        new ActionService(context.store(), affordances, groups, radios, clock);

    DataAppRegistry dataAppRegistry =
        new DataAppRegistry(context.store(), registry, context.secrets(), clock);
    models = new ModelRoutes(registry);
    dataApps = new DataAppRoutes(dataAppRegistry);
    PropertyService propertyService = new PropertyService(affordances, radios);
    properties = new PropertyRoutes(propertyService, problems, maxBatch);
    actions = new ActionRoutes(actionService, problems);
    EventService eventService =
        new EventService(
            context.store(),
            clock,
            affordances,
            groups,
            subscriptions,
            dataAppRegistry,
            context.events());
    TriggerService triggerService =
        new TriggerService(
            context.store(), clock, affordances, groups, subscriptions, actionService);
    events = new EventRoutes(eventService, problems);
    triggers = new TriggerRoutes(triggerService, problems, context.deviceScope());
    // The API extensions share one registry of long operations and one callback outbox: durable
    // when event-streaming provides it, the same on-disk log kind as data-app events.
    callbackSender = new HttpCallbackSender(context.vertx(), callbackSettings);
    callbackOutbox =
        CallbackOutboxes.open(
            new CallbackOutboxContext(
                context.vertx(),
                context.config().dataDir().resolve("callbacks"),
                callbackSender,
                callbackSettings,
                context.secrets(),
                clock),
            callbackSender);
    callbackRoutes = new CallbackRoutes(callbackOutbox);
    ExtensionOperations operations =
        new ExtensionOperations(
            clock,
            callbackSettings.keepFinished(),
            callbackSettings.maxOperations(),
            callbackOutbox,
            problems);
    deviceExtensions =
        new DeviceExtensions(
            context.vertx(),
            extensionSettings,
            affordances,
            propertyService,
            actionService,
            calls,
            links,
            problems,
            subscriptions::holdScanning,
            operations);
    ConditionalEvents conditionalEvents =
        new ConditionalEvents(context.vertx(), affordances, subscriptions, operations);
    ConditionalReads conditionalReads =
        new ConditionalReads(context.vertx(), propertyService, operations);
    readConditional = ReadConditionalRoutes.of(conditionalReads, operations);
    // A bulk may hold both conditional operations (Extension-Bulk.yaml lists their paths).
    ConditionalReadStep.addTo(deviceExtensions.bulkSteps(), conditionalReads);
    ConditionalEventStep.addTo(deviceExtensions.bulkSteps(), conditionalEvents);
    eventConditional = EventConditionalRoutes.of(conditionalEvents, operations);
    // Advertisements of devices that are not onboarded reach only the data apps an operator let
    // have them.
    UnonboardedAdvertisements unonboardedAdvertisements =
        new UnonboardedAdvertisements(
            context.store(), context.events(), subscriptions::holdScanningAcrossOutages, clock);
    context.radios().ble().ifPresent(ble -> ble.listen(unonboardedAdvertisements));
    unonboarded =
        new UnonboardedAdvertisementRoutes(
            unonboardedAdvertisements, context.radios().ble().isPresent());
    ConnectionService connectionService = new ConnectionService(affordances, calls, links);
    // Deleting a device, group or endpoint app in SCIM takes what NIPC kept for it along.
    context
        .store()
        .onRemoval(
            removed -> {
              Set<String> ids =
                  removed.stream().map(StoredResource::id).collect(Collectors.toSet());
              eventService.forget(ids);
              actionService.forget(ids);
              triggerService.forget(ids);
              dataAppRegistry.forgetApps(removed);
              operations.forget(ids);
              conditionalEvents.forget(ids);
              unonboardedAdvertisements.forget(removed);
              connectionService.forget(ids);
            });
    // Zigbee nodes follow the registry: unknown joins counted, deleted devices' nodes leave.
    context
        .radios()
        .zigbee()
        .ifPresent(zigbee -> ZigbeeMembership.watch(context.store(), zigbee, context.metrics()));
    connections = new ConnectionRoutes(connectionService);
    // What applications set up before a restart comes back in the background: the start does not
    // wait for radios, and each radio side is retried with backoff until it holds.
    eventService
        .restore()
        .onFailure(e -> LOG.warn("Enabled events not restored: {}", e.getMessage()));
    triggerService.restore().onFailure(e -> LOG.warn("Triggers not restored: {}", e.getMessage()));
    actionService
        .restore()
        .onFailure(e -> LOG.warn("Action runs not restored: {}", e.getMessage()));
    unonboardedAdvertisements
        .restore()
        .onFailure(
            e -> LOG.warn("Not-onboarded advertisement grants not restored: {}", e.getMessage()));
  }

  /** The gateway administration routes the engine serves outside {@code /nipc}. */
  void mountAdministration(RouteTable.Routes root) {
    unonboarded.mount(root);
    callbackRoutes.mount(root);
  }

  /** At shutdown: the outbox stops delivering (what it keeps goes after the next start). */
  io.vertx.core.Future<Void> stop() {
    return callbackOutbox.close().eventually(callbackSender::close);
  }

  void mount(RouteTable.Routes router) {
    // Property reads and writes first: the router tries routes in this order for every request,
    // and no other route's path overlaps theirs.
    properties.mount(router);
    models.mount(router);
    dataApps.mount(router);
    actions.mount(router);
    events.mount(router);
    triggers.mount(router);
    connections.mount(router);
    readConditional.mount(router);
    eventConditional.mount(router);
    deviceExtensions.mount(router);
  }

  /** The URI templates of the extensions served, for {@code /.well-known/nipc}. */
  java.util.List<String> extensions() {
    java.util.List<String> all =
        new java.util.ArrayList<>(
            java.util.List.of(readConditional.template(), eventConditional.template()));
    all.addAll(deviceExtensions.templates());
    return all;
  }
}
