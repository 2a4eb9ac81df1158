-- expect-exit: 1
-- expect: trapping the lesson table
-- expect: the lesson's steps were changed after nnt.lesson
-- expect-check: the lesson's steps were changed after nnt.lesson
-- expect-within: 15
-- Step 1 removes the lesson's steps field and gives the lesson table and
-- the steps list metatables that raise on every read.
local lesson
local steps = {
  { title = "one", run = function(ui)
      ui:say("trapping the lesson table")
      local trap = { __index = function(t, k)
        error("trapped read of " .. tostring(k))
      end }
      local list = lesson.steps
      lesson.steps = nil
      setmetatable(lesson, trap)
      for k in pairs(list) do list[k] = nil end
      setmetatable(list, trap)
    end },
  { title = "two", run = function(ui) ui:say("step two ran") end },
}
lesson = nnt.lesson { id = "steps_trapped", title = "steps trapped",
                      steps = steps }
return lesson
