-- expect-exit: 1
-- expect: stack overflow
-- expect: stack_overflow.lua:4:
local function down(n) return 1 + down(n + 1) end
return nnt.lesson {
  id = "stack_overflow", title = "endless recursion",
  steps = {
    { title = "recurse", run = function(ui) down(1) end },
  },
}
