-- expect-exit: 0
-- expect: ✓ drawn
-- expect-check: ok
-- A million points go through a chart quickly and without copying.
return nnt.lesson {
  id = "million_points", title = "a million points",
  steps = {
    { title = "draw", run = function(ui)
        local n = 1000000
        local x, y = nnt.array(n), nnt.array(n)
        for i = 1, n do x[i] = i; y[i] = math.sin(i / 1000) end
        ui:chart { kind = "line", x = x, y = y, title = "sin" }
        ui:chart { kind = "scatter", x = x, y = y }
        ui:chart { kind = "histogram", values = y, bins = 40 }
        ui:claim("drawn", true)
      end },
  },
}
