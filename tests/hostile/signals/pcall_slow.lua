-- Driven by explicit cases in tests/hostile.sh (no headers): a step that
-- swallows every error of a slow plugin call with pcall, in a loop.
-- SIGINT/SIGTERM must still end nntutor at once (130/143).  Without a
-- signal it gives up after about a minute.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "pcall_slow", title = "pcall around a slow call",
  steps = {
    { title = "swallow", run = function(ui)
        ui:say("calling fault.slow in pcall, again and again")
        for i = 1, 60 do pcall(fault.slow, { seconds = 1 }) end
        error("60 slow calls later, still not interrupted")
      end },
  },
}
