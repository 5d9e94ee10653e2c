-- GET /posts?page=N&total=true, N from 1 to 100: as list_posts.lua, with every match counted.
request = function()
  return wrk.format("GET", "/posts?total=true&page=" .. math.random(1, 100))
end
