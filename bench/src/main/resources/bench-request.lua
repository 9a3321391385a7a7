-- The request wrk sends for one scenario, taken from the environment so that one script serves
-- every scenario (the URL, with its path and query, is wrk's own argument). done() prints the
-- figures as one JSON line that the benchmark parses, with the p99.9 that wrk's --latency lacks.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"p999Us":%d,' ..
    '"socketErrors":%d,"statusErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.connect + e.read + e.write, e.status, e.timeout))
end
