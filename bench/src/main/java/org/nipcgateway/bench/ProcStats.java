package org.nipcgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from {@code /proc}. CPU time counts every thread
 * of the process (event loop, GC, JIT, store worker), which is what a request really costs on a
 * machine with two cores.
 */
final class ProcStats {
  private final long ticksPerSecond;

  private ProcStats(long ticksPerSecond) {
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Asks {@code getconf CLK_TCK} for the unit of {@code /proc/<pid>/stat}; 100 if it cannot. */
  static ProcStats create() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return new ProcStats(p.waitFor() == 0 ? Long.parseLong(out) : 100);
    } catch (IOException | NumberFormatException e) {
      return new ProcStats(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProcStats(100);
    }
  }

  /** User plus system CPU time the process has used so far, in microseconds. */
  long cpuMicros(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name (field 2) may hold spaces; fields after its closing parenthesis do not.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]); // field 14 of proc(5)
    long stime = Long.parseLong(fields[12]); // field 15
    return (utime + stime) * 1_000_000 / ticksPerSecond;
  }

  /** VmRSS of the process in KiB, or -1 once it has gone. */
  static long rssKib(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    return read(status)
        .lines()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElse(-1L);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
