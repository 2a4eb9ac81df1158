-- expect-exit: 1
-- expect: clearing the steps
-- expect: the lesson's steps were changed after nnt.lesson
-- expect-check: the lesson's steps were changed after nnt.lesson
-- expect-within: 15
-- Step 1 empties the steps list it was given to nnt.lesson; the runner
-- must run step 2 from what it copied, or say what went wrong.
local steps = {}
steps[1] = { title = "one", run = function(ui)
  ui:say("clearing the steps")
  for k in pairs(steps) do steps[k] = nil end
end }
steps[2] = { title = "two", run = function(ui) ui:say("step two ran") end }
return nnt.lesson { id = "steps_cleared", title = "steps cleared",
                    steps = steps }
