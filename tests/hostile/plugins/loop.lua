-- expect-exit: 1
-- expect: did not answer
-- expect-check: did not answer
-- expect-within: 15
-- Step 2 calls a plugin function that spins forever without reporting
-- progress: the watchdog ends it.  (tests/e2e.sh uses step 1 to press Esc
-- during the call.)
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_loop", title = "plugin endless loop",
  steps = {
    { title = "before", run = function(ui)
        ui:say("Step 2 calls fault.loop, which never returns.")
        ui:wait()
      end },
    { title = "loop", run = function(ui)
        ui:say("calling fault.loop")
        fault.loop {}
      end },
  },
}
