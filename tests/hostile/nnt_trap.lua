-- expect-exit: 0
-- expect: still here
-- expect-check: ok
-- expect-within: 15
-- nnt gets a metatable whose __newindex raises (and whose __index lies)
-- at top level, after nnt.lesson; the runner must not lean on nnt.
local lesson = nnt.lesson {
  id = "nnt_trap", title = "trapped nnt",
  steps = {
    { title = "one", run = function(ui) ui:say("still here") end },
  },
}
setmetatable(nnt, {
  __newindex = function(t, k) error("trapped nnt." .. tostring(k)) end,
  __index = function(t, k) error("trapped read of nnt." .. tostring(k)) end,
})
return lesson
