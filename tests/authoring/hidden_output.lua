-- expect: hidden_output.lua:10: this is shown after ui:explore and the step then ends
return nnt.lesson {
  id = "hidden_output", title = { en = "Hidden", zh = "隐藏" },
  steps = {
    { title = { en = "Explore", zh = "探索" }, run = function(ui)
        ui:explore { params = { { name = "a", min = 0, max = 1, value = 0 } },
                     draw = function(p) end }
        -- shown after the explore screen, and the step ends: the TUI goes
        -- straight on to the next step
        ui:say { en = "You never see this.", zh = "你看不到这句话。" }
      end },
    { title = { en = "Next", zh = "下一步" }, run = function(ui)
        ui:say { en = "Next.", zh = "下一步。" }
      end },
  },
}
