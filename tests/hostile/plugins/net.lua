-- expect-exit: 0
-- expect: ✓ a plugin cannot open a socket
-- expect-check: ok
-- expect-within: 15
-- After start-up the lesson process has no network: socket() fails.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_net", title = "plugin opens a socket",
  steps = {
    { title = "net", run = function(ui)
        ui:claim("a plugin cannot open a socket", fault.net {}.ok == 0)
      end },
  },
}
