package org.nipcgateway.it.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what the gateway logs while a test runs, down to DEBUG for the loggers it names, so a
 * test can say what must (and must not) be logged. Close it to restore the levels.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Logger> debugged;
  private final List<Level> levelsBefore;

  /** Records every logger at its configured level, and those named here at DEBUG too. */
  public LogCapture(String... debugLoggers) {
    debugged =
        java.util.Arrays.stream(debugLoggers)
            .map(n -> (Logger) LoggerFactory.getLogger(n))
            .toList();
    levelsBefore = debugged.stream().map(Logger::getLevel).toList();
    debugged.forEach(l -> l.setLevel(Level.DEBUG));
    appender.start();
    root.addAppender(appender);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Every recorded line whose message mentions this text. */
  public List<ILoggingEvent> mentioning(String text) {
    return events().stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    for (int i = 0; i < debugged.size(); i++) {
      debugged.get(i).setLevel(levelsBefore.get(i));
    }
  }
}
