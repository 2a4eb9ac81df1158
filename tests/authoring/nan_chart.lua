-- expect: nan_chart.lua:8: ui:chart: values has 1 NaN or infinite value of 3
-- expect: nan_chart.lua:9: ui:chart: y is empty
return nnt.lesson {
  id = "nan_chart", title = { en = "NaN", zh = "NaN" },
  steps = {
    { title = { en = "Charts", zh = "图" }, run = function(ui)
        local nan = 0 / 0
        ui:chart { kind = "histogram", values = { 1, nan, 2 } }
        ui:chart { kind = "line", x = {}, y = {} }
      end },
  },
}
