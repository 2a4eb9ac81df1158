-- expect-exit: 1
-- expect: memory limit
-- expect: memory_growth.lua:9:
return nnt.lesson {
  id = "memory_growth", title = "memory growth",
  steps = {
    { title = "grow", run = function(ui)
        local t = {}
        while true do t[#t + 1] = { 1, 2, 3, 4, 5, 6, 7, 8 } end
      end },
  },
}
