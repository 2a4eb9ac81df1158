-- expect-exit: 1
-- expect: did not answer
-- expect-check: did not answer
-- expect-within: 15
-- The endless finaliser at top level: it runs while the file is loaded,
-- so it also hits `list` and the menu, which read every lesson's header
-- (tests/hostile.sh and tests/e2e.sh put it in the lesson path).
setmetatable({}, { __gc = function() while true do end end })
for i = 1, 1e7 do local t = { i } end
return nnt.lesson {
  id = "gc_loop_top", title = "endless finaliser at load",
  steps = {
    { title = "never reached", run = function(ui) ui:say("loaded") end },
  },
}
