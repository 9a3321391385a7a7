package org.nipcgateway.core.events;

import java.time.Instant;

/**
 * An enabled event happened on a device: which event, when, and the radio signal it came from.
 * {@code namespacedPath} is the event's namespace prefix and JSON pointer, e.g. {@code
 * thermometer/sdfThing/thermometer/sdfEvent/isPresent}.
 */
public record DeviceEvent(
    String deviceId,
    String eventName,
    String namespacedPath,
    Instant timestamp,
    RadioSignal signal) {}
