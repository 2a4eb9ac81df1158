-- expect-exit: 0
-- expect: still here
-- expect-check: ok
-- expect-within: 15
-- The lesson removes the global nnt before it returns; the runner must not
-- lean on it afterwards.
local lesson = nnt.lesson {
  id = "nnt_nil", title = "nnt = nil",
  steps = {
    { title = "one", run = function(ui) ui:say("still here") end },
  },
}
nnt = nil
return lesson
