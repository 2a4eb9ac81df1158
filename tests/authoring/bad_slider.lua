-- expect: bad_slider.lua:7: ui:explore: slider 'lr': value must be in [0, 1]
return nnt.lesson {
  id = "bad_slider", title = { en = "A slider", zh = "滑块" },
  steps = {
    { title = { en = "Explore", zh = "探索" }, run = function(ui)
        -- the value lies outside [min, max]
        ui:explore { params = { { name = "lr", min = 0, max = 1, value = 3 } },
                     draw = function(p) end }
      end },
  },
}
