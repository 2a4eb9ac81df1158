-- expect-exit: 1
-- expect: malformed message
-- expect: a choice whose value or range does not match its names
-- expect-check: malformed message
-- expect-within: 15
-- A forged explore request past ui:explore's checks: a choice control
-- whose value points past its names. The worker passes it on; the
-- front-end refuses it on arrival, never indexing past the names.
local function steal_token(ui)
  local co = coroutine.create(function() ui:wait() end)
  local _, token = coroutine.resume(co)
  assert(type(token) == "userdata", "no token: " .. tostring(token))
  return token
end
return nnt.lesson {
  id = "forged_choice", title = "forged choice",
  steps = {
    { title = "forge", run = function(ui)
        local token = steal_token(ui)
        coroutine.yield(token, "explore", {
          { name = "c", kind = "choice", choices = { "a", "b" },
            min = 0, max = 1, step = 1, value = 5 },
        })
      end },
  },
}
