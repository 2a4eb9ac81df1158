-- expect-exit: 1
-- expect: malformed
-- expect-check: malformed
-- expect-within: 15
-- A step steals the runner's private yield token (ui:wait() inside a
-- coroutine of its own hands it over) and yields a quiz whose choices are
-- tables: the front-end must refuse the request, not crash on it.
local function steal_token(ui)
  local co = coroutine.create(function() ui:wait() end)
  local _, token = coroutine.resume(co)
  assert(type(token) == "userdata", "no token: " .. tostring(token))
  return token
end
return nnt.lesson {
  id = "forged_quiz", title = "forged quiz",
  steps = {
    { title = "forge", run = function(ui)
        local token = steal_token(ui)
        coroutine.yield(token, "quiz", {
          question = "which?", choices = { {}, { en = "b" } }, answer = 1,
        })
      end },
  },
}
