"""Reads hex DataBatch payloads (one per line on stdin), decodes them with cbor2 and accounts for
counter notifications per device: how many arrived, how many were repeats, how many are
missing between the first and the last counter seen, and how many new counters came after a
higher one (out of order). Prints the totals as JSON."""
import json
import sys

import cbor2

seen = {}
highest = {}
received = repeats = out_of_order = 0
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    for item in cbor2.loads(bytes.fromhex(line)):
        count = int.from_bytes(item["data"], "little")
        device = seen.setdefault(item["deviceID"], set())
        received += 1
        if count in device:
            repeats += 1
        elif count < highest.get(item["deviceID"], -1):
            out_of_order += 1
        highest[item["deviceID"]] = max(count, highest.get(item["deviceID"], -1))
        device.add(count)
missing = sum(max(c) - min(c) + 1 - len(c) for c in seen.values())
print(json.dumps({"devices": len(seen), "received": received, "repeats": repeats, "missing": missing,
                  "outOfOrder": out_of_order}))
