-- expect-exit: 1
-- expect: the lesson process exited
-- expect-check: the lesson process exited
-- expect-within: 15
-- A plugin call that calls exit(7): not a clean end of the lesson.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_exit", title = "plugin exit",
  steps = {
    { title = "exit", run = function(ui)
        ui:say("calling fault.exit")
        fault.exit {}
      end },
  },
}
