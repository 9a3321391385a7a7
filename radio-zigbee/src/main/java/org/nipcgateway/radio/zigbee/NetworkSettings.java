package org.nipcgateway.radio.zigbee;

import java.time.Duration;
import java.util.Optional;

/**
 * How the coordinator forms its network on first start: the channel, PAN id and extended PAN id
 * (chosen at random when absent), the network key and trust-centre link key (hex, 16 bytes;
 * generated when absent and then kept sealed), and how long a node has to answer.
 */
public record NetworkSettings(
    int channel,
    Optional<Integer> panId,
    Optional<String> extendedPanId,
    Optional<String> networkKey,
    Optional<String> linkKey,
    Duration answerTimeout,
    int workers) {

  /** Channel 11, everything else generated, 5 s for an answer, 8 worker threads. */
  public static NetworkSettings defaults() {
    return new NetworkSettings(
        11,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(5),
        8);
  }

  public NetworkSettings withAnswerTimeout(Duration timeout) {
    return new NetworkSettings(
        channel, panId, extendedPanId, networkKey, linkKey, timeout, workers);
  }
}
