-- expect-exit: 0
-- expect: ✓ a plugin cannot create files
-- expect-check: ok
-- expect-within: 15
-- After start-up the lesson process cannot open files for writing
-- (tests/hostile.sh also checks /tmp/nntutor-escaped-open is absent).
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_open", title = "plugin opens a file",
  steps = {
    { title = "open", run = function(ui)
        ui:claim("a plugin cannot create files", fault.open {}.ok == 0)
      end },
  },
}
