-- expect: missing_zh.lua:7: ui:say is English only
-- expect: missing_zh.lua:8: ui:claim has no zh text
return nnt.lesson {
  id = "missing_zh", title = { en = "Chinese", zh = "中文" },
  steps = {
    { title = { en = "Say", zh = "说" }, run = function(ui)
        ui:say "Hello"
        ui:claim({ en = "One is one." }, 1 == 1)
      end },
  },
}
