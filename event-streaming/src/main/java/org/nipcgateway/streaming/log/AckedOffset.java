package org.nipcgateway.streaming.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * The file holding the first sequence number not yet acknowledged: 8 bytes and their CRC32,
 * replaced by writing a temporary file and renaming it over the old one, so a reader finds either
 * the old or the new value, never a mix. It is not forced to the device: after a power cut an older
 * value means events delivered again (at least once), never an event skipped.
 */
final class AckedOffset {
  private final Path file;
  private final Path temporary;

  AckedOffset(Path dir) {
    this.file = dir.resolve("acked");
    this.temporary = dir.resolve("acked.tmp");
  }

  /** The stored offset, or 0 when there is none or it does not check out. */
  long read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != 12) {
      return 0;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long offset = in.getLong();
    return in.getInt() == crc(offset) ? offset : 0;
  }

  void write(long offset) throws IOException {
    Files.deleteIfExists(temporary);
    Files.createFile(temporary, org.nipcgateway.core.storage.OwnerOnly.fileAttribute());
    Files.write(temporary, ByteBuffer.allocate(12).putLong(offset).putInt(crc(offset)).array());
    try {
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static int crc(long offset) {
    CRC32 crc = new CRC32();
    crc.update(ByteBuffer.allocate(8).putLong(offset).array());
    return (int) crc.getValue();
  }
}
