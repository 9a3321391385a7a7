"""Probes the embedded broker's limits with paho-mqtt (Debian's python3-paho-mqtt 1.6).

Usage: broker_probe.py PORT USER PASSWORD CONNECTIONS TOPIC...
Opens CONNECTIONS clients as USER; prints one JSON line: the CONNACK code of each, then, for the
first client that got in, the SUBACK codes for the TOPICs (one SUBSCRIBE per 50 filters).
"""
import json
import sys
import threading

import paho.mqtt.client as mqtt

port, user, password, connections = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
topics = sys.argv[5:]

clients, connacks = [], []
for i in range(connections):
    done = threading.Event()
    result = {}
    client = mqtt.Client(client_id="probe-%d" % i, clean_session=True)
    client.username_pw_set(user, password)

    def on_connect(c, userdata, flags, rc, result=result, done=done):
        result["rc"] = rc
        done.set()

    client.on_connect = on_connect
    client.connect("127.0.0.1", port, keepalive=30)
    client.loop_start()
    if not done.wait(10):
        result["rc"] = -1
    connacks.append(result["rc"])
    clients.append(client)

granted = []
first = next((c for c, rc in zip(clients, connacks) if rc == 0), None)
if first is not None and topics:
    for start in range(0, len(topics), 50):
        done = threading.Event()
        answer = {}

        def on_subscribe(c, userdata, mid, codes, answer=answer, done=done):
            answer["codes"] = list(codes)
            done.set()

        first.on_subscribe = on_subscribe
        first.subscribe([(t, 1) for t in topics[start:start + 50]])
        if not done.wait(10):
            answer["codes"] = ["timeout"]
        granted.extend(answer["codes"])

print(json.dumps({"connacks": connacks, "granted": granted}))
sys.stdout.flush()
for c in clients:
    c.disconnect()
    c.loop_stop()
