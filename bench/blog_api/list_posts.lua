-- GET /posts?page=N, N from 1 to 100: 20 posts a page, with their authors and tags, and
-- has_next (no count).
request = function()
  return wrk.format("GET", "/posts?page=" .. math.random(1, 100))
end
