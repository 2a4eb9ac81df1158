-- expect: typo_nnt.lua:3: nnt.linspase is not part of the nnt API; did you mean nnt.linspace?
-- a misspelt nnt helper, at the top of the file
local xs = nnt.linspase(0, 1, 5)
return nnt.lesson {
  id = "typo_nnt", title = { en = "A typo", zh = "笔误" },
  steps = {
    { title = { en = "Say", zh = "说" }, run = function(ui)
        ui:say { en = "Hello", zh = "你好" }
      end },
  },
}
