-- expect-exit: 1
-- expect: malformed
-- expect-check: malformed
-- expect-within: 15
-- Forged "draw" requests in an endless loop, outside any explore screen.
-- The runner used to answer each by recursing in C until the stack
-- overflowed; a draw that is not part of an explore is malformed.
local function steal_token(ui)
  local co = coroutine.create(function() ui:wait() end)
  local _, token = coroutine.resume(co)
  assert(type(token) == "userdata", "no token: " .. tostring(token))
  return token
end
return nnt.lesson {
  id = "forged_draw", title = "forged draw",
  steps = {
    { title = "forge", run = function(ui)
        local token = steal_token(ui)
        while true do coroutine.yield(token, "draw") end
      end },
  },
}
