-- expect-exit: 0
-- expect: step two ran
-- expect-check: ok
-- expect-within: 15
-- Step 1 turns the lesson's title (and step 2's) into functions; whatever
-- reads the titles later (a language switch, the menu) must cope.
local lesson
lesson = nnt.lesson {
  id = "title_function", title = "title becomes a function",
  steps = {
    { title = "one", run = function(ui)
        lesson.title = function() end
        lesson.steps[2].title = function() end
        ui:say("titles changed")
        ui:wait()
      end },
    { title = "two", run = function(ui) ui:say("step two ran") end },
  },
}
return lesson
