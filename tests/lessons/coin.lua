-- A claim that holds for some seeds only: `check --seeds` must catch it.
return nnt.lesson {
  id = "coin", title = "A coin",
  steps = {
    { title = "toss", run = function(ui)
        local u = nnt.random()
        ui:claim(("heads (u = %.3f < 0.5)"):format(u), u < 0.5)
      end },
  },
}
