package org.nipcgateway.core.nipc.event;

import java.time.Instant;

/** An enabled event happened on a device: which event, when, and the radio signal it came from. */
public record DeviceEvent(
    String deviceId, String eventName, Instant timestamp, RadioSignal signal) {}
