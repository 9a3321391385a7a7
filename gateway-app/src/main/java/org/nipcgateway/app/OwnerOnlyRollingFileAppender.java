package org.nipcgateway.app;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Path;
import org.nipcgateway.core.storage.OwnerOnly;

/**
 * A rolling file appender whose files only their owner may read: the audit log says who did what to
 * which device. Logback creates each new file (at start and after every roll-over) with the
 * process's umask; this restricts it as soon as it is open.
 *
 * @param <E> the logging event type
 */
public final class OwnerOnlyRollingFileAppender<E> extends RollingFileAppender<E> {
  @Override
  public void openFile(String fileName) throws IOException {
    super.openFile(fileName);
    OwnerOnly.restrict(Path.of(fileName));
  }
}
