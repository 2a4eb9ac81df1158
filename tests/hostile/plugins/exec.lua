-- expect-exit: 0
-- expect: ✓ a plugin cannot run programs
-- expect-check: ok
-- expect-within: 15
-- After start-up the lesson process cannot run programs
-- (tests/hostile.sh also checks /tmp/nntutor-escaped-exec is absent).
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_exec", title = "plugin runs a program",
  steps = {
    { title = "exec", run = function(ui)
        ui:claim("a plugin cannot run programs", fault.exec {}.ok == 0)
      end },
  },
}
