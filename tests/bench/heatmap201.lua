-- A bench lesson (tests/bench/run): an explore screen whose every move
-- computes a 201 x 201 loss landscape and draws it as a heatmap, the
-- largest chart the lessons send.  Timed in-process and through the
-- worker, whose message carries the 40,401 values as binary doubles.
local loss = nnt.plugin "loss"
nnt.seed(42)
local d = loss.point { points = 200, sep = 1, noise = 1 }
return nnt.lesson {
  id = "heatmap201", title = "201 x 201 heatmap redraw",
  steps = {
    { title = "explore", run = function(ui)
        ui:explore {
          params = { { name = "b2", min = -4, max = 4, step = 0.1, value = -2 } },
          draw = function(p)
            local r = loss.landscape { model = "net", loss = "mse",
                                       data_x = d.data_x, data_y = d.data_y,
                                       bias1 = 0, bias2 = p.b2, n = 201,
                                       x_min = -8, x_max = 8, y_min = -8, y_max = 8 }
            ui:chart { kind = "heatmap", x = r.x, y = r.y, z = r.loss,
                       contours = 6, title = "MSE over (w1, w2)" }
          end,
        }
      end },
  },
}
