-- expect: copied_helper.lua:3: function argmax repeats nnt.argmax
-- a helper util.lua already has
local function argmax(t)
  local best = 1
  for i = 2, #t do if t[i] > t[best] then best = i end end
  return best
end
return nnt.lesson {
  id = "copied_helper", title = { en = "Copy", zh = "复制" },
  steps = {
    { title = { en = "Say", zh = "说" }, run = function(ui)
        ui:say { en = ("Index %d."):format(argmax { 1, 3, 2 }),
                 zh = ("下标 %d。"):format(argmax { 1, 3, 2 }) }
      end },
  },
}
