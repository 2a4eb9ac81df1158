-- expect-exit: 1
-- expect: bad_chart.lua:9: ui:chart:
-- expect: 3
-- expect: 2
return nnt.lesson {
  id = "bad_chart", title = "bad chart data",
  steps = {
    { title = "mismatch", run = function(ui)
        ui:chart { kind = "line", x = { 1, 2, 3 }, y = { 0, 1 } }
        ui:chart { kind = "line", x = { 1, 2, 3 }, y = { 0, 1 } }
      end },
  },
}
