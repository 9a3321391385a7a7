package org.nipcgateway.streaming;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.radio.BleUuids;

/**
 * Encodes events as a CBOR {@code DataBatch} (draft-ietf-asdf-nipc, data_subscription.cddl): an
 * array of maps with {@code data} as a byte string, {@code timestamp} as a float (epoch seconds),
 * {@code deviceID}, and one of {@code bleSubscription}, {@code bleAdvertisement}, {@code
 * bleConnectionStatus}, {@code zigbeeSubscription}. Jackson's CBOR generator writes the bytes.
 */
public final class DataBatchEncoder {
  private final CBORFactory cbor = new CBORFactory();

  public byte[] encode(List<DeviceEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = cbor.createGenerator(out)) {
      generator.writeStartArray(events, events.size());
      for (DeviceEvent event : events) {
        write(generator, event);
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("CBOR encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  /** One DataSubscription; maps have definite lengths, so equal events encode to equal bytes. */
  private static void write(JsonGenerator out, DeviceEvent event) throws IOException {
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
      out.writeStringField("serviceID", BleUuids.full(n.characteristic().serviceId()));
      out.writeStringField(
          "characteristicID", BleUuids.full(n.characteristic().characteristicId()));
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
