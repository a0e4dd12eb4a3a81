-- wrk script: GET the paths listed in the file named after `--`, one after another (each thread starting at a
-- different place), and print a JSON summary at the end. The Cookie header comes from wrk's -H.
local threads = 0
local paths = {}
local turn = 0

function setup(thread)
  thread:set("first", threads * 7919)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  turn = (first or 0) % #paths
end

function request()
  turn = turn % #paths + 1
  return wrk.format("GET", paths[turn])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "status_errors": %d, "timeouts": %d, "socket_errors": %d, ' ..
    '"p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration, e.status, e.timeout, e.connect + e.read + e.write,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
