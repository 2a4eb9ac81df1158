-- expect-exit: 1
-- expect: instruction budget
-- expect: endless_loop.lua:9:
return nnt.lesson {
  id = "endless_loop", title = "endless loop",
  steps = {
    { title = "spin", run = function(ui)
        local i = 0
        while true do i = i + 1 end
      end },
  },
}
