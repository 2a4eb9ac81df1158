-- expect-exit: 1
-- expect: yielded outside the ui
return nnt.lesson {
  id = "yield_outside", title = "yield outside the ui",
  steps = {
    { title = "yield", run = function(ui) coroutine.yield(42) end },
  },
}
