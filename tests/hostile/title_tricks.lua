-- expect-exit: 1
-- expect: title_tricks.lua:12: title read again
-- expect-check: title_tricks.lua:12: title read again
-- expect-within: 15
-- A title table whose en field passes nnt.lesson's check once, and then
-- answers with a table, an error or an endless loop.
local reads = 0
local title = setmetatable({}, { __index = function(t, k)
  reads = reads + 1
  if reads == 1 then return "tricky title" end
  if reads == 2 then return {} end
  if reads == 3 then error("title read again") end
  while true do end
end })
return nnt.lesson {
  id = "title_tricks", title = title,
  steps = {
    { title = "one", run = function(ui) ui:say("tricky") end },
  },
}
