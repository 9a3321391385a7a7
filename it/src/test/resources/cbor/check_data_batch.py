"""Decodes DataBatch payloads (hex, one per argument) with cbor2, an encoder independent of the
gateway's, and checks every field against data_subscription.cddl. Prints one JSON summary per
DataSubscription; exits 1 with a message on the first violation."""
import json
import sys

import cbor2

KINDS = {
    "bleSubscription": {"serviceID": str, "characteristicID": str},
    "bleAdvertisement": {"macAddress": str, "rssi": int},
    "bleConnectionStatus": {"macAddress": str, "connected": bool, "reason": int},
    "zigbeeSubscription": {"endpointID": int, "clusterID": int, "attributeID": int, "attributeType": int},
}
REQUIRED = {
    "bleSubscription": {"serviceID", "characteristicID"},
    "bleAdvertisement": {"macAddress"},
    "bleConnectionStatus": {"macAddress", "connected"},
    "zigbeeSubscription": {"endpointID", "clusterID", "attributeID", "attributeType"},
}


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def check(item):
    if not isinstance(item, dict):
        fail("a DataSubscription must be a map: %r" % (item,))
    if "data" in item and not isinstance(item["data"], bytes):
        fail("data must be a byte string, got %s" % type(item["data"]).__name__)
    if not isinstance(item.get("timestamp"), float):
        fail("timestamp must be a float, got %r" % (item.get("timestamp"),))
    if "deviceID" in item and not isinstance(item["deviceID"], str):
        fail("deviceID must be text")
    kinds = [k for k in KINDS if k in item]
    if len(kinds) != 1:
        fail("exactly one subscription kind expected, got %s" % kinds)
    kind = kinds[0]
    body = item[kind]
    if not isinstance(body, dict) or not REQUIRED[kind] <= set(body):
        fail("%s lacks %s" % (kind, REQUIRED[kind] - set(body)))
    for key, value in body.items():
        expected = KINDS[kind].get(key)
        if expected is None:
            fail("%s has an unknown member %s" % (kind, key))
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            fail("%s.%s must be %s" % (kind, key, expected.__name__))
    if kind == "bleAdvertisement" and "rssi" in body and body["rssi"] >= 0:
        fail("rssi must be a negative integer")
    extra = set(item) - {"data", "timestamp", "deviceID", "apMacAddress", kind}
    if extra:
        fail("unknown members %s" % extra)
    return {"kind": kind, "deviceID": item.get("deviceID"), "hasData": "data" in item, kind: body}


summaries = []
for payload in sys.argv[1:]:
    batch = cbor2.loads(bytes.fromhex(payload))
    if not isinstance(batch, list) or not batch:
        fail("a DataBatch must be a non-empty array")
    summaries.extend(check(item) for item in batch)
print(json.dumps(summaries))
