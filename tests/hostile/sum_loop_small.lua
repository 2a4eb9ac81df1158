-- expect-exit: 1
-- expect: sum_loop_small.lua:14: the step computed for more than 20 s outside plugin calls
-- expect-check: the step computed for more than 20 s outside plugin calls
-- expect-within: 40
-- a:sum() over a small nnt.array in a loop: the instruction hook runs
-- often (so the watchdog hears from the worker), yet almost all the time
-- is spent in C, where the instruction budget does not count.  The CPU
-- budget of the run slice stops it.
return nnt.lesson {
  id = "sum_loop_small", title = "a:sum() of a small array in a loop",
  steps = {
    { title = "sum", run = function(ui)
        local a, total = nnt.array(1 << 16), 0
        while true do total = total + a:sum() end
      end },
  },
}
