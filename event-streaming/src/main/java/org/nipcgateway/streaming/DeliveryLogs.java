package org.nipcgateway.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** Removing delivery logs of data apps that are gone. Blocking: call on the log worker. */
final class DeliveryLogs {
  private DeliveryLogs() {}

  static Void remove(Path logDir) throws IOException {
    if (!Files.isDirectory(logDir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(logDir);
    return null;
  }

  static void removeAllBut(Path root, Set<Path> keep) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        if (!keep.contains(dir) && Files.isDirectory(dir)) {
          remove(dir);
        }
      }
    }
  }
}
