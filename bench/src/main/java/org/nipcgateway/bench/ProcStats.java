package org.nipcgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from {@code /proc}. CPU time counts every thread
 * of the process (event loop, GC, store worker, …) except the JIT compilers: compiling is a one-off
 * cost of warming up, and on a loaded machine C2 was seen still compiling minutes into a run, its
 * time then outweighing the requests'. (Code not yet compiled still runs slower, so warm-up matters
 * all the same.)
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

  /** User plus system CPU time the process's threads but the JIT's have used, in microseconds. */
  long cpuMicros(long pid) {
    long ticks = 0;
    try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String name = Files.readString(thread.resolve("comm"));
          if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            ticks += ticks(Files.readString(thread.resolve("stat")));
          }
        } catch (IOException e) {
          // The thread ended meanwhile: its time is gone with it.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ticks * 1_000_000 / ticksPerSecond;
  }

  /**
   * Time the process's threads (the JIT's included) spent runnable but waiting for a CPU, in
   * microseconds, from {@code /proc/<pid>/task/<tid>/schedstat}: what other processes on the server
   * CPU took from the gateway. -1 if the kernel keeps no scheduler statistics.
   */
  static long runQueueWaitMicros(long pid) {
    long nanos = 0;
    try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          nanos += Long.parseLong(Files.readString(thread.resolve("schedstat")).split(" ")[1]);
        } catch (IOException e) {
          // The thread ended meanwhile.
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return nanos / 1000;
  }

  private static long ticks(String stat) {
    // The command name (field 2) may hold spaces; fields after its closing parenthesis do not.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14, 15 of proc(5)
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
