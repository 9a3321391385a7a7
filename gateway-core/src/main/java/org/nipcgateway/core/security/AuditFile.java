package org.nipcgateway.core.security;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.storage.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log file ({@code audit.log} in the data dir): event loops only add entries to a queue,
 * and one writer thread drains it every {@link #FLUSH_MILLIS} ms, writes the batch through one
 * buffered stream and flushes it, so a busy gateway makes a few writes a second instead of one per
 * request, and no event loop ever waits for the disk or wakes a thread. The queue is unbounded: no
 * line is dropped, and at most one interval's worth is held. {@link #close} writes everything
 * queued before it returns. The file rolls over past {@code maxBytes} to {@code audit.1.log} …
 * {@code audit.5.log}; every file is the owner's only.
 */
public final class AuditFile implements AuditSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFile.class);
  static final long FLUSH_MILLIS = 100;
  static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  static final int KEPT_FILES = 5;

  private final Path file;
  private final long maxBytes;
  private final Queue<AuditRecord> queue = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "nipc-audit-writer");
            thread.setDaemon(true);
            return thread;
          });
  private FileOutputStream out;
  private AuditLines lines;
  private volatile boolean closed;

  /** Blocking: creates or opens the file for appending. */
  public static AuditFile open(Path dataDir) throws IOException {
    return open(dataDir, DEFAULT_MAX_BYTES);
  }

  static AuditFile open(Path dataDir, long maxBytes) throws IOException {
    AuditFile audit = new AuditFile(dataDir.resolve("audit.log"), maxBytes);
    audit.openFile();
    audit.writer.scheduleWithFixedDelay(
        audit::drain, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    return audit;
  }

  private AuditFile(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  @Override
  public void append(AuditRecord entry) {
    queue.add(entry);
    if (closed) {
      drain();
    }
  }

  /**
   * Stops the writer and writes every entry queued so far. Entries that come later (a request
   * finishing during shutdown) are written at once by their caller.
   */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("The audit writer did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      // Closed first: an entry added after this drain sees it and writes itself.
      closeFile();
      closed = true;
      drain();
    }
  }

  /** Writes what is queued and flushes it; after {@link #close}, reopens the file for it. */
  synchronized void drain() {
    if (queue.isEmpty()) {
      return;
    }
    try {
      if (closed) {
        openFile();
      }
      for (AuditRecord entry = queue.poll(); entry != null; entry = queue.poll()) {
        lines.write(entry);
      }
      lines.flush();
      if (out.getChannel().position() > maxBytes) {
        roll();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("Cannot write the audit log {}: {}", file, e.getMessage());
    } finally {
      if (closed) {
        closeFile();
      }
    }
  }

  private void openFile() throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    OwnerOnly.restrict(file);
    out = new FileOutputStream(file.toFile(), true);
    lines = new AuditLines(new BufferedOutputStream(out, 64 * 1024));
  }

  private void closeFile() {
    try {
      if (out != null) {
        lines.flush();
        out.close();
      }
    } catch (IOException e) {
      LOG.error("Cannot close the audit log {}: {}", file, e.getMessage());
    }
    out = null;
  }

  /** audit.log becomes audit.1.log, audit.1.log audit.2.log, …; the oldest goes. */
  private void roll() throws IOException {
    closeFile();
    Path dir = file.getParent();
    Files.deleteIfExists(dir.resolve("audit." + KEPT_FILES + ".log"));
    for (int i = KEPT_FILES - 1; i >= 1; i--) {
      Path older = dir.resolve("audit." + i + ".log");
      if (Files.exists(older)) {
        Files.move(older, dir.resolve("audit." + (i + 1) + ".log"), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.move(file, dir.resolve("audit.1.log"), StandardCopyOption.ATOMIC_MOVE);
    openFile();
  }
}
