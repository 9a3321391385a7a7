package org.nipcgateway.streaming;

import io.netty.util.NetUtil;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The remote address of the MQTT connection whose CONNECT the embedded broker is checking on this
 * thread. Moquette 0.17 gives its authenticator no address, but it calls it synchronously from the
 * channel's {@code channelRead} on the channel's Netty thread ({@code NewNettyMQTTHandler} → {@code
 * MQTTConnection.processConnect} → {@code login}), and the handler just before it in every
 * pipeline, {@code MQTTMessageLogger}, puts the channel's description in the SLF4J MDC under {@code
 * channel} for that call and clears it afterwards (decisions §35). The description is Netty's
 * {@code [id: 0x…, L:/127.0.0.1:8883 - R:/127.0.0.2:50412]}.
 */
final class ConnectingPeer {
  private static final String MDC_KEY = "channel";

  private ConnectingPeer() {}

  /** The IP address (no port) of the peer of the CONNECT being handled, if it can be told. */
  static Optional<String> address() {
    return addressOf(MDC.get(MDC_KEY));
  }

  /** The peer's IP address in a Netty channel description; empty when there is none. */
  static Optional<String> addressOf(String channel) {
    if (channel == null) {
      return Optional.empty();
    }
    int remote = channel.lastIndexOf("R:");
    int end = channel.lastIndexOf(']');
    if (remote < 0 || end < remote) {
      return Optional.empty();
    }
    // An InetSocketAddress: "[host]/address:port", IPv6 addresses in brackets.
    String socket = channel.substring(remote + 2, end);
    int port = socket.lastIndexOf(':');
    if (port < 0) {
      return Optional.empty();
    }
    String host = socket.substring(socket.lastIndexOf('/', port) + 1, port);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)
        ? Optional.of(host)
        : Optional.empty();
  }
}
