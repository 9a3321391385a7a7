package org.nipcgateway.streaming;

/**
 * The MQTT topics of data apps (draft-ietf-asdf-nipc, "NIPC Event APIs"): {@code
 * data-app/<dataAppId>/<namespace>/<JSON pointer of the event>}.
 */
final class MqttTopics {
  static final String ROOT = "data-app/";

  private MqttTopics() {}

  static String of(String dataAppId, String namespacedPath) {
    return ROOT + dataAppId + "/" + namespacedPath;
  }

  /**
   * Whether a topic filter stays within the app's own topics: it starts with {@code data-app/<id>/}
   * literally, so no wildcard in the id level reaches other apps.
   */
  static boolean ownedBy(String filter, String dataAppId) {
    String own = ROOT + dataAppId;
    return filter.equals(own) || filter.startsWith(own + "/");
  }
}
