-- POST /posts/{id}/comments on a published post, as one logged-in user (TOKEN).
local token = os.getenv("TOKEN")
request = function()
  local id = math.random(1, 100000)
  if id % 10 == 0 then id = id + 1 end
  return wrk.format("POST", "/posts/" .. id .. "/comments",
                    {["Authorization"] = "Bearer " .. token,
                     ["Content-Type"] = "application/json"},
                    '{"body": "A comment from the load test"}')
end
