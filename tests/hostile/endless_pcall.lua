-- expect-exit: 1
-- expect: instruction budget
-- expect: endless_pcall.lua:
-- A loop that tries to swallow the budget error with pcall, and again
-- inside a coroutine: the stop must still get through.
return nnt.lesson {
  id = "endless_pcall", title = "endless loop inside pcall",
  steps = {
    { title = "spin", run = function(ui)
        while true do
          pcall(function() while true do end end)
          coroutine.wrap(function()
            pcall(function() while true do end end)
          end)()
        end
      end },
  },
}
