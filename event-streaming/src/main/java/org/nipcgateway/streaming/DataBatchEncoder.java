package org.nipcgateway.streaming;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.events.UnonboardedAdvertisement;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * Encodes events as a CBOR {@code DataBatch} (draft-ietf-asdf-nipc, data_subscription.cddl): an
 * array of maps with {@code data} as a byte string, {@code timestamp} as a float (epoch seconds),
 * {@code deviceID}, and one of {@code bleSubscription}, {@code bleAdvertisement}, {@code
 * bleConnectionStatus}, {@code zigbeeSubscription}. Jackson's CBOR generator writes the bytes.
 */
public final class DataBatchEncoder {
  private final CBORFactory cbor = new CBORFactory();

  /**
   * Characteristics' ids in their full spelling, as every notification's item names them: spelled
   * out once per characteristic instead of twice per event. Few (those of the models), bounded.
   */
  private final Map<GattCharacteristic, String[]> fullIds = new ConcurrentHashMap<>();

  private static final int MAX_FULL_IDS = 4096;

  /** A DataBatch of events; built from {@link #item}s, as delivery from the log builds it. */
  public byte[] encode(List<DeviceEvent> events) {
    return batch(events.stream().map(this::item).toList());
  }

  /** One event's DataSubscription map on its own, as the delivery log keeps it. */
  public byte[] item(DeviceEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256); // a notification's item: ~200
    try (JsonGenerator generator = cbor.createGenerator(out)) {
      write(generator, event);
    } catch (IOException e) {
      throw new UncheckedIOException("CBOR encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * The DataSubscription of an advertisement of a device that is not onboarded: {@code data},
   * {@code timestamp} and {@code bleAdvertisement}, with no {@code deviceID}, and the RSSI only
   * when the operator's grant let it through.
   */
  public byte[] item(UnonboardedAdvertisement advertisement) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = cbor.createGenerator(out)) {
      generator.writeStartObject(advertisement, 3);
      generator.writeFieldName("data");
      generator.writeBinary(advertisement.data());
      generator.writeFieldName("timestamp");
      generator.writeNumber(advertisement.timestamp().toEpochMilli() / 1000.0);
      generator.writeFieldName("bleAdvertisement");
      generator.writeStartObject(advertisement, advertisement.rssi().isPresent() ? 2 : 1);
      generator.writeStringField("macAddress", advertisement.mac().toString());
      if (advertisement.rssi().isPresent()) {
        generator.writeNumberField("rssi", advertisement.rssi().getAsInt());
      }
      generator.writeEndObject();
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("CBOR encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  /** A DataBatch of items made by {@link #item}: the same bytes {@link #encode} gives. */
  public byte[] batch(List<byte[]> items) {
    int size = 9; // the longest array head
    for (byte[] item : items) {
      size += item.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    try {
      // The library writes the definite-length array head; each item is one complete CBOR map
      // and follows as it is. The generator is left open: closing it would check for elements
      // it did not write itself.
      CBORGenerator head = cbor.createGenerator(out);
      head.writeStartArray(items, items.size());
      head.flush();
      for (byte[] item : items) {
        out.write(item);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CBOR encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  /** One DataSubscription; maps have definite lengths, so equal events encode to equal bytes. */
  private String[] fullIds(GattCharacteristic characteristic) {
    String[] ids = fullIds.get(characteristic);
    if (ids == null) {
      if (fullIds.size() >= MAX_FULL_IDS) {
        fullIds.clear();
      }
      ids =
          new String[] {
            BleUuids.full(characteristic.serviceId()),
            BleUuids.full(characteristic.characteristicId())
          };
      fullIds.put(characteristic, ids);
    }
    return ids;
  }

  private void write(JsonGenerator out, DeviceEvent event) throws IOException {
    RadioSignal signal = event.signal();
    boolean hasData = !(signal instanceof RadioSignal.BleConnection);
    out.writeStartObject(event, hasData ? 4 : 3);
    if (hasData) {
      out.writeFieldName("data");
      out.writeBinary(signal.data());
    }
    out.writeFieldName("timestamp");
    out.writeNumber(event.timestamp().toEpochMilli() / 1000.0);
    out.writeStringField("deviceID", event.deviceId());
    if (signal instanceof RadioSignal.BleNotification n) {
      out.writeFieldName("bleSubscription");
      out.writeStartObject(n, 2);
      String[] ids = fullIds(n.characteristic());
      out.writeStringField("serviceID", ids[0]);
      out.writeStringField("characteristicID", ids[1]);
    } else if (signal instanceof RadioSignal.BleAdvertisement a) {
      out.writeFieldName("bleAdvertisement");
      out.writeStartObject(a, a.rssi() < 0 ? 2 : 1);
      out.writeStringField("macAddress", a.mac().toString());
      if (a.rssi() < 0) {
        out.writeNumberField("rssi", a.rssi());
      }
    } else if (signal instanceof RadioSignal.BleConnection c) {
      out.writeFieldName("bleConnectionStatus");
      out.writeStartObject(c, 2);
      out.writeStringField("macAddress", c.mac().toString());
      out.writeBooleanField("connected", c.connected());
    } else if (signal instanceof RadioSignal.ZigbeeReport r) {
      out.writeFieldName("zigbeeSubscription");
      out.writeStartObject(r, 4);
      out.writeNumberField("endpointID", r.attribute().endpoint());
      out.writeNumberField("clusterID", r.attribute().cluster());
      out.writeNumberField("attributeID", r.attribute().attribute());
      out.writeNumberField("attributeType", r.attribute().type());
    }
    out.writeEndObject();
    out.writeEndObject();
  }
}
