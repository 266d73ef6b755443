-- Loaded by bench/run.py into every wrk run: counts responses whose status is not
-- the expected one (the first script argument, 200 by default), so a redirect to
-- the login page or an SSL redirect counts as an error rather than a fast success
-- (wrk itself only counts statuses outside 2xx/3xx).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1]) or 200
  unexpected = 0
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
  end
  io.write(string.format("bench-unexpected-status %d\n", total))
end
