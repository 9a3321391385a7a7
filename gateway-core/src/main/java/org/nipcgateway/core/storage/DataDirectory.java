package org.nipcgateway.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nipcgateway.core.config.ConfigException;

/**
 * The gateway's data directory, held with an exclusive lock so that two gateway processes never
 * write the same store (which would corrupt it).
 */
final class DataDirectory implements AutoCloseable {
  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed, makes it and the gateway's files in it the owner's only (files
   * that an older gateway or a copy made readable to others), and locks it. Blocking: call from a
   * worker thread.
   */
  public static DataDirectory open(Path dir) {
    Path path = dir.toAbsolutePath().normalize();
    try {
      OwnerOnly.createDirectories(path);
      OwnerOnly.restrictDataDir(path);
    } catch (IOException e) {
      throw new ConfigException("cannot create data dir " + path + ": " + e.getMessage(), e);
    }
    if (!Files.isDirectory(path) || !Files.isWritable(path)) {
      throw new ConfigException("data dir " + path + " is not a writable directory");
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              path.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new ConfigException("data dir " + path + " is in use by another gateway process");
      }
      return new DataDirectory(path, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new ConfigException("data dir " + path + " is already open in this process", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ConfigException("cannot lock data dir " + path + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already failing with a clearer error.
    }
  }

  public Path path() {
    return path;
  }

  /** Makes files created in the directory since it was opened the owner's only. Blocking. */
  public void restrictContents() {
    try {
      OwnerOnly.restrictDataDir(path);
    } catch (IOException e) {
      throw new ConfigException("cannot restrict the data dir " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // The lock goes away with the process anyway.
    }
  }
}
