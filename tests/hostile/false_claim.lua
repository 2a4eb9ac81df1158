-- expect-exit: 1
-- expect: claim failed: one plus one is three
return nnt.lesson {
  id = "false_claim", title = "false claim",
  steps = {
    { title = "arithmetic", run = function(ui)
        ui:claim("one plus one is two", 1 + 1 == 2)
        ui:claim("one plus one is three", 1 + 1 == 3)
      end },
  },
}
