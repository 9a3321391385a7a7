-- SCIM creates for bench/run's creates step: the connections of wrk's one thread create devices
-- 0, 1, 2, ... with the MAC address and display name of DeviceLoader.mac(i) and device(i), so the
-- later steps find device i as the JVM loader would have made it. The thread stops once
-- BENCH_COUNT creates were acknowledged (the registry then holds that many, plus those still in
-- flight) and says so on a line of its own: wrk itself waits out -d, so the benchmark times the
-- creates up to that line and then interrupts wrk (SIGINT: wrk still prints its figures). done()
-- prints them as one JSON line with the 2xx and non-2xx answers counted here, since wrk's own
-- status errors leave out 3xx.
local token = os.getenv("BENCH_TOKEN") or ""
local count = tonumber(os.getenv("BENCH_COUNT") or "0")
local headers = {["Authorization"] = "Bearer " .. token,
                 ["Content-Type"] = "application/scim+json"}
local threads = {}
local next_device = 0
created = 0
non2xx = 0

function setup(thread)
  table.insert(threads, thread)
end

local function byte(v, shift)
  return string.format("%02X", math.floor(v / 2 ^ shift) % 256)
end

request = function()
  local i = next_device
  next_device = next_device + 1
  local mac = "02:BE:00:" .. byte(i, 16) .. ":" .. byte(i, 8) .. ":" .. byte(i, 0)
  local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Device",'
    .. '"urn:ietf:params:scim:schemas:extension:ble:2.0:Device"],"displayName":"Bench device '
    .. i .. '","active":true,"urn:ietf:params:scim:schemas:extension:ble:2.0:Device":'
    .. '{"versionSupport":["5.3"],"deviceMacAddress":"' .. mac .. '","pairingMethods":'
    .. '["urn:ietf:params:scim:schemas:extension:pairingJustWorks:2.0:Device"]}}'
  return wrk.format("POST", nil, headers, body)
end

response = function(status, response_headers, body)
  if status >= 200 and status < 300 then
    created = created + 1
    if created == count then
      io.write("BENCH-CREATED\n")
      io.flush()
      wrk.thread:stop()
    end
  else
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("created")
    bad = bad + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"p999Us":%d,' ..
    '"socketErrors":%d,"statusErrors":%d,"timeouts":%d,"created":%d,"non2xx":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.connect + e.read + e.write, e.status, e.timeout, ok, bad))
end
