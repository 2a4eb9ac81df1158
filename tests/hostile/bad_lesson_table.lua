-- expect-exit: 1
-- expect: bad_lesson_table.lua:3: nnt.lesson: steps[2].run must be a function
return nnt.lesson {
  id = "bad_lesson_table", title = "bad lesson table",
  steps = {
    { title = "one", run = function() end },
    { title = "two" },
  },
}
