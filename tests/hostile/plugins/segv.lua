-- expect-exit: 1
-- expect: the lesson process crashed (SIGSEGV) in plugin call fault.segv
-- expect-check: the lesson process crashed (SIGSEGV) in plugin call fault.segv
-- expect-within: 15
-- A plugin call that writes through a NULL pointer.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_segv", title = "plugin segfault",
  steps = {
    { title = "segv", run = function(ui)
        ui:say("calling fault.segv")
        fault.segv {}
      end },
  },
}
