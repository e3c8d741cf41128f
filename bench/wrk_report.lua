-- wrk script for bench/run.py: rotates through the paths given after `--` (one path: the same URL
-- every time) and prints one machine-readable line with the latency percentiles wrk measured.

local paths = {}
local next_index = 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  next_index = next_index % #paths + 1
  return wrk.format(nil, paths[next_index])
end

function done(summary, latency, requests)
  local errors = summary.errors
  -- durations and latencies are in microseconds
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
