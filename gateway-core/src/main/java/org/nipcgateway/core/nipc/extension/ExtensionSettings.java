package org.nipcgateway.core.nipc.extension;

import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.nipc.extension.file.FileSettings;

/**
 * The settings of the Blob, Bulk and File extensions, each a section of {@code nipc.extensions}:
 * {@code blob.defaultChunkSize} (bytes per write when a request names none, default 20: what one
 * BLE write carries at the default ATT MTU of 23), {@code bulk.maxOperations} (most operations in
 * one bulk, default 256), {@code bulk.advertisementWaitMs} (how long a bulk with the advertisement
 * trigger waits for its device to advertise, default an hour) and {@code file} ({@link
 * FileSettings}).
 */
public record ExtensionSettings(
    int defaultChunkSize, int maxBulkOperations, long maxAdvertisementWaitMs, FileSettings file) {

  /**
   * Reads the sections from the {@code nipc.extensions} settings, before those reject unknown keys.
   */
  public static ExtensionSettings read(Settings extensions) {
    Settings bulk = extensions.section("bulk");
    return new ExtensionSettings(
        extensions.section("blob").integer("defaultChunkSize", 20, 1, 1 << 20),
        bulk.integer("maxOperations", 256, 1, 100_000),
        bulk.longValue("advertisementWaitMs", 3_600_000, 1, Long.MAX_VALUE),
        FileSettings.read(extensions.section("file")));
  }
}
