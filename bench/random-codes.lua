-- wrk script: GET /{code} with a code drawn at random from CODES_FILE (one code a line), counting answers
-- that are not redirects (3xx) and the seconds of the run in which they fell.
local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do
  codes[#codes + 1] = line
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_redirects = 0
  started = os.time()
  first_failure = -1
  last_failure = -1
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", "/" .. codes[math.random(#codes)])
end

function response(status, headers, body)
  if status < 300 or status >= 400 then
    not_redirects = not_redirects + 1
    local second = os.time() - started
    if first_failure < 0 then first_failure = second end
    last_failure = second
  end
end

function done(summary, latency, requests)
  local total, first, last = 0, -1, -1
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_redirects")
    local f, l = thread:get("first_failure"), thread:get("last_failure")
    if f >= 0 and (first < 0 or f < first) then first = f end
    if l > last then last = l end
  end
  if total > 0 then
    io.write(string.format("between seconds %d and %d of the run: ", first, last))
  end
  io.write(string.format("answers that were not redirects: %d\n", total))
end
