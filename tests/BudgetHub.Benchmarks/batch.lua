-- 100 usage events per request, each with a unique id.
local counter = 0
local prefix = ""

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1000000000)))
end

function init(args)
  prefix = (tid or "0") .. "-" .. tostring(os.time())
end

function request()
  local events = {}
  for i = 1, 100 do
    counter = counter + 1
    events[i] = '{"id":"b' .. prefix .. '-' .. counter .. '","botId":"bench-bot-' .. (counter % 7) .. '","team":"bench","userId":"u' .. (counter % 500) ..
      '","tier":"pro","model":"gpt-4o-mini","inputTokens":1200,"outputTokens":300,"messages":1}'
  end
  return wrk.format("POST", "/api/v1/usage/events", nil, "[" .. table.concat(events, ",") .. "]")
end
