package org.nipcgateway.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The audit lines a gateway has written to its data dir so far (it flushes every ~100 ms). */
public final class AuditLines {
  private AuditLines() {}

  public static List<String> of(Path dataDir) {
    Path file = dataDir.resolve("audit.log");
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a written line contains every one of the texts, and returns those lines. */
  public static List<String> awaitMentioning(Path dataDir, String... texts) {
    Eventually.eventually(
        "an audit line mentions " + List.of(texts), () -> !mentioning(dataDir, texts).isEmpty());
    return mentioning(dataDir, texts);
  }

  private static List<String> mentioning(Path dataDir, String... texts) {
    return of(dataDir).stream().filter(l -> List.of(texts).stream().allMatch(l::contains)).toList();
  }
}
