-- expect: typo_ui.lua:7: ui:sya is not a ui call; did you mean ui:say?
return nnt.lesson {
  id = "typo_ui", title = { en = "A typo", zh = "笔误" },
  steps = {
    { title = { en = "Say", zh = "说" }, run = function(ui)
        -- a misspelt ui call
        ui:sya { en = "Hello", zh = "你好" }
      end },
  },
}
