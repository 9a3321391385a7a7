"""Logs in to the embedded broker once per (SOURCE, USER, PASSWORD), one after another, with
paho-mqtt (Debian's python3-paho-mqtt 1.6), each from the given local source address.

Usage: login_probe.py PORT CA SOURCE USER PASSWORD [SOURCE USER PASSWORD ...]
CA is the broker's certificate (PEM) to connect over TLS, or "-" for plain MQTT. Prints one JSON line: the CONNACK code of each login (-1: closed or no answer within 10 s).
"""
import json
import sys
import threading

import paho.mqtt.client as mqtt

port, ca, logins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
codes = []
for i in range(0, len(logins), 3):
    source, user, password = logins[i:i + 3]
    done = threading.Event()
    result = {"rc": -1}
    client = mqtt.Client(client_id="login-probe-%d" % (i // 3), clean_session=True)
    client.username_pw_set(user, password)
    if ca != "-":
        client.tls_set(ca_certs=ca)

    def on_connect(c, userdata, flags, rc, result=result, done=done):
        result["rc"] = rc
        done.set()

    def on_disconnect(c, userdata, rc, done=done):
        done.set()

    client.on_connect = on_connect
    client.on_disconnect = on_disconnect
    client.connect("127.0.0.1", port, keepalive=30, bind_address=source)
    client.loop_start()
    done.wait(10)
    codes.append(result["rc"])
    client.disconnect()
    client.loop_stop()

print(json.dumps(codes))
sys.stdout.flush()
