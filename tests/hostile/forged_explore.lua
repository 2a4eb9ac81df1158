-- expect-exit: 1
-- expect: malformed
-- expect-check: malformed
-- expect-within: 15
-- A forged explore request whose slider has no name (and no numbers):
-- refused as malformed, never a crash.
local function steal_token(ui)
  local co = coroutine.create(function() ui:wait() end)
  local _, token = coroutine.resume(co)
  assert(type(token) == "userdata", "no token: " .. tostring(token))
  return token
end
return nnt.lesson {
  id = "forged_explore", title = "forged explore",
  steps = {
    { title = "forge", run = function(ui)
        local token = steal_token(ui)
        coroutine.yield(token, "explore", { { min = 0, max = 1 }, {} })
      end },
  },
}
