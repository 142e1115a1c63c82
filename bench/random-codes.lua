-- wrk script: GET /{code} with a code drawn at random from CODES_FILE (one code a line), counting answers
-- that are not redirects (3xx).
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
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", "/" .. codes[math.random(#codes)])
end

function response(status, headers, body)
  if status < 300 or status >= 400 then
    not_redirects = not_redirects + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_redirects")
  end
  io.write(string.format("answers that were not redirects: %d\n", total))
end
