package org.nipcgateway.core.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data dir holds the registry, sealed secrets, token hashes, the TLS key and the audit log: on
 * an access point other local users must read none of it. Files are {@code 0600}, directories
 * {@code 0700}. On a file system without POSIX permissions nothing is changed.
 */
public final class OwnerOnly {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** For creating a file that is the owner's only from its first byte (no window of 0644). */
  public static java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** Creates a directory (and missing parents) and makes it the owner's only. Blocking. */
  public static void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir);
  }

  /**
   * Makes one file or directory the owner's only; symbolic links are left alone (their target may
   * be anywhere). Blocking.
   */
  public static void restrict(Path path) throws IOException {
    if (Files.isSymbolicLink(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system.
    } catch (FileSystemException e) {
      // Gone meanwhile (a journal SQLite removed), or not ours to change: nothing to restrict.
    }
  }

  /**
   * What the gateway writes in its data dir (by name prefix): the store and its WAL and SHM files,
   * the audit logs, the secret key, the operator tokens, the lock, the TLS directory, the data
   * apps' delivery logs and the embedded broker's session store.
   */
  private static final java.util.List<String> GATEWAY_FILES =
      java.util.List.of(
          "registry.db",
          "audit",
          "secret.key",
          "operator-tokens",
          ".lock",
          "tls",
          "delivery",
          "mqtt");

  /**
   * Restricts the data dir and the gateway's own files in it. Other files are left alone: a data
   * dir pointed at a directory that holds other things must not have those changed. Blocking.
   */
  public static void restrictDataDir(Path dir) throws IOException {
    restrict(dir);
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (GATEWAY_FILES.stream().anyMatch(name::startsWith)) {
          restrictTree(entry);
        }
      }
    }
  }

  /** Restricts a directory and everything in it. Blocking. */
  public static void restrictTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) all::iterator) {
        restrict(path);
      }
    }
  }
}
