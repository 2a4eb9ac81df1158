-- expect-exit: 1
-- expect: did not answer
-- expect-check: did not answer
-- expect-within: 15
-- A finaliser that never returns.  Lua runs __gc with hooks off, so the
-- instruction budget never sees it; collectgarbage is not in the sandbox,
-- so the step makes garbage until the collector gets round to it.
return nnt.lesson {
  id = "gc_loop", title = "endless finaliser",
  steps = {
    { title = "spin in __gc", run = function(ui)
        setmetatable({}, { __gc = function() while true do end end })
        for i = 1, 1e7 do local t = { i } end
        error("the finaliser never ran")
      end },
  },
}
