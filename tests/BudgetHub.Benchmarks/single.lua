-- One usage event per request, each with a unique id (ids differ between threads and runs).
local counter = 0
local prefix = ""

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1000000000)))
end

function init(args)
  prefix = (tid or "0") .. "-" .. tostring(os.time())
end

function request()
  counter = counter + 1
  local body = '{"id":"s' .. prefix .. '-' .. counter .. '","botId":"bench-bot","team":"bench","userId":"u' .. (counter % 500) ..
    '","tier":"pro","model":"gpt-4o-mini","inputTokens":1200,"outputTokens":300,"messages":1,"conversationId":"c' .. prefix .. '-' .. (counter % 1000) .. '"}'
  return wrk.format("POST", "/api/v1/usage/events", nil, body)
end
