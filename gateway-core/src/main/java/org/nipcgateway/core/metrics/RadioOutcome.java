package org.nipcgateway.core.metrics;

import io.vertx.core.AsyncResult;
import java.util.Locale;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.RadioException;

/** The outcome label of one radio call: a word from a closed set, never a message. */
final class RadioOutcome {
  private static final String[] REASONS = reasons();

  /** A call that did what it was asked: the one label compared by identity on the hot path. */
  static final String OK = "ok";

  private RadioOutcome() {}

  static String of(AsyncResult<?> result) {
    if (result.succeeded()) {
      return result.result() instanceof DeviceAnswer<?> answer && !answer.succeeded()
          ? "refused"
          : OK;
    }
    return result.cause() instanceof RadioException e ? REASONS[e.reason().ordinal()] : "error";
  }

  private static String[] reasons() {
    RadioException.Reason[] all = RadioException.Reason.values();
    String[] names = new String[all.length];
    for (RadioException.Reason reason : all) {
      names[reason.ordinal()] = reason.name().toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
