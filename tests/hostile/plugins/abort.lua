-- expect-exit: 1
-- expect: the lesson process crashed (SIGABRT) in plugin call fault.abort
-- expect-check: the lesson process crashed (SIGABRT) in plugin call fault.abort
-- expect-within: 15
-- A plugin call that aborts.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_abort", title = "plugin abort",
  steps = {
    { title = "abort", run = function(ui)
        ui:say("calling fault.abort")
        fault.abort {}
      end },
  },
}
