-- SPDX-License-Identifier: MIT
-- The lesson behind `nntutor explore PLUGIN.FUNCTION`: sliders built from
-- the function's declared parameters, and a chart of its declared view.
local target = nnt.explore_target or error("nntutor explore: no target")
local pname, fname = target:match("^([%w_]+)%.([%w_]+)$")
if not pname then
  error(("nntutor explore: '%s' is not PLUGIN.FUNCTION"):format(target), 0)
end
local plugin = nnt.plugin(pname)
local d = nnt.describe(pname, fname)

-- Returns an explore control for a declared parameter (a slider, a
-- choice among its names, or an on/off switch), or nil and a reason.
local function slider_for(q)
  if q.type == "integer" then
    -- a wide range gets a slider up to 10x the default, in whole steps
    local lo, hi = math.tointeger(q.min), math.tointeger(q.max)
    if hi - lo > 1000 then hi = math.min(hi, math.max(q.default * 10, lo + 100)) end
    local step = math.max(1, (hi - lo) // 200)
    return { name = q.name, min = lo, max = hi, step = step, value = q.default }
  elseif q.type == "number" then
    return { name = q.name, min = q.min, max = q.max,
             step = (q.max - q.min) / 100, value = q.default }
  elseif q.type == "choice" then
    return { name = q.name, choices = q.choices, value = q.choices[q.default + 1] }
  elseif q.type == "bool" then
    return { name = q.name, value = q.default and true or false }
  end
  return nil, ("parameter '%s' is an array"):format(q.name)
end

local sliders, byname = {}, {}
for _, q in ipairs(d.params) do
  local s, why = slider_for(q)
  if s then
    sliders[#sliders + 1] = s
    byname[q.name] = q
  elseif q.required then
    error(("nntutor explore: cannot explore %s: %s"):format(target, why), 0)
  end
end

-- Returns the plugin's arguments for control values p (a copy: choices
-- are their names and switches booleans already).
local function args_of(p)
  local a = {}
  for name, v in pairs(p) do
    if byname[name] then a[name] = v end
  end
  return a
end

-- Returns the name of the result to plot: the declared view, else the
-- first array (by name, for a fixed choice).
local function view_of(r)
  if d.view and r[d.view] ~= nil then return d.view end
  local names = {}
  for k, v in pairs(r) do
    if type(v) == "userdata" then names[#names + 1] = k end
  end
  table.sort(names)
  return names[1]
end

-- Draws the view of the results r.
local function draw_view(ui, r, title)
  local v = view_of(r)
  if not v then return end
  local a = r[v]
  local rows, cols = a:shape()
  if cols then
    local x, y = r.x, r.y
    if not (x and #x == cols) then x = nnt.linspace(1, cols, cols) end
    if not (y and #y == rows) then y = nnt.linspace(1, rows, rows) end
    ui:chart { kind = "heatmap", x = x, y = y, z = a, contours = 8,
               title = title, xlabel = "x", ylabel = "y" }
  else
    local x = r.x
    if not (x and v ~= "x" and #x == rows) then x = nil end
    ui:chart { kind = "line", x = x, y = a, title = title,
               xlabel = x and "x" or "i", ylabel = v }
  end
end

return nnt.lesson {
  id = "explore",
  title = target,
  steps = {
    { title = target, run = function(ui)
        ui:say(("**%s** — %s"):format(target, d.doc))
        if #sliders == 0 then
          local r = plugin[fname] {}
          draw_view(ui, r, target)
          return
        end
        ui:explore {
          params = sliders,
          draw = function(p)
            local r = plugin[fname](args_of(p))
            local nums = {}
            for k, v in pairs(r) do
              if type(v) == "number" then nums[#nums + 1] = k .. " = " .. nnt.fmt(v) end
            end
            table.sort(nums)
            if #nums > 0 then ui:say(table.concat(nums, ", ")) end
            draw_view(ui, r, ("%s · %s"):format(target, view_of(r) or ""))
          end,
        }
      end },
  },
}
