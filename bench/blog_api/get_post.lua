-- GET /posts/{id} of a published post, with its author, tags and comments.
request = function()
  local id = math.random(1, 100000)
  if id % 10 == 0 then id = id + 1 end
  return wrk.format("GET", "/posts/" .. id)
end
