-- expect-exit: 1
-- expect: the lesson process sent a malformed message
-- expect: in plugin call fault.forge
-- expect-check: the lesson process sent a malformed message
-- expect-within: 15
-- A plugin that writes a lying message (an exercise named ../etc) on the worker's socket, as
-- a compromised worker could: the front-end stops the worker instead of
-- believing it.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "forge_exercise", title = "forged message: exercise",
  steps = {
    { title = "forge", run = function(ui)
        ui:say("forging a message")
        fault.forge { what = "exercise" }
        ui:wait()
      end },
  },
}
