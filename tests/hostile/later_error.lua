-- expect-exit: 1
-- expect: step 3: 
-- expect: later_error.lua:18: in function
-- expect: later_error.lua:17: attempt to call a nil value (global 'undefined_function')
-- expect: ok1
return nnt.lesson {
  id = "later_error", title = "runtime error in a later step",
  steps = {
    { title = "one", run = function(ui) print("ok1") end },
    { title = "two", run = function(ui)
        ui:say("two is fine")
        ui:wait()
        ui:claim("two holds", true)
      end },
    { title = "three", run = function(ui)
        ui:say("three starts")
        local helper = function() return undefined_function() end
        helper()
      end },
  },
}
