-- expect-exit: 1
-- expect: ✗ one plus one is three
-- expect: 1 claim did not hold
-- expect-check: step 1: claim failed: one plus one is three
return nnt.lesson {
  id = "false_claim", title = "false claim",
  steps = {
    { title = "arithmetic", run = function(ui)
        ui:claim("one plus one is two", 1 + 1 == 2)
        ui:claim("one plus one is three", 1 + 1 == 3)
      end },
  },
}
