package org.nipcgateway.streaming;

import org.nipcgateway.core.config.Settings;

/**
 * What one data app may take of the embedded broker (keys of {@code streaming.mqtt}), so that one
 * app cannot stall it for the others (issue 15, finding 4). Moquette itself holds at most 10 QoS 1
 * messages in flight per session.
 *
 * @param subscriptionsPerClient topic filters one MQTT client may hold ({@code
 *     maxSubscriptionsPerClient}, default 100); more are refused in the SUBACK
 * @param topicLength characters of a topic filter at most ({@code maxTopicLength}, default 256)
 * @param connectionsPerApp MQTT connections one app may have open ({@code maxConnectionsPerApp},
 *     default 4); a further CONNECT is refused
 * @param failedLoginsPerMinute wrong passwords accepted for checking per user name per minute
 *     ({@code maxFailedLoginsPerMinute}, default 10); beyond that logins under the name are refused
 *     unchecked until the bucket has refilled a token (a sixth of a minute at the default)
 * @param failedLoginsPerAddressPerMinute wrong passwords accepted for checking from one client IP
 *     address per minute, whatever the user names ({@code maxFailedLoginsPerAddressPerMinute},
 *     default 30); beyond that every login from the address is refused unchecked in the same way
 * @param queuedPerSession publications the broker holds for a persistent session that is away
 *     ({@code maxQueuedPerSession}, default 10000); beyond that the session is ended ({@link
 *     SessionBacklog})
 */
record BrokerLimits(
    int subscriptionsPerClient,
    int topicLength,
    int connectionsPerApp,
    int failedLoginsPerMinute,
    int failedLoginsPerAddressPerMinute,
    int queuedPerSession) {

  static BrokerLimits from(Settings mqtt) {
    return new BrokerLimits(
        mqtt.integer("maxSubscriptionsPerClient", 100, 1, 100_000),
        mqtt.integer("maxTopicLength", 256, 16, 65_535),
        mqtt.integer("maxConnectionsPerApp", 4, 1, 10_000),
        mqtt.integer("maxFailedLoginsPerMinute", 10, 1, 100_000),
        mqtt.integer("maxFailedLoginsPerAddressPerMinute", 30, 1, 100_000),
        mqtt.integer("maxQueuedPerSession", 10_000, 1, 10_000_000));
  }
}
