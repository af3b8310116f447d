-- The enforcement check for a handful of bots and users.
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/enforcement/check?botId=bench-bot-" .. (counter % 7) .. "&userId=u" .. (counter % 500) .. "&tier=pro")
end
