-- expect-exit: 0
-- expect: ✓ a 12 s call that reports progress runs to the end
-- expect-check: ok
-- expect-within: 30
-- A legitimate long call: busy for 12 s (longer than the watchdog's
-- 10 s), reporting progress every 50 ms.  It must not be killed.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_slow", title = "plugin slow but alive",
  steps = {
    { title = "slow", run = function(ui)
        local r = fault.slow { seconds = 12 }
        ui:claim("a 12 s call that reports progress runs to the end",
                 r.seconds >= 12)
      end },
  },
}
