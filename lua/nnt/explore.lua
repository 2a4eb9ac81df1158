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

-- Returns the label a control shows: the declared display name, with the
-- unit in brackets when there is one.
local function label_of(q, suffix)
  local l = q.label or q.name
  if suffix then l = l .. " " .. suffix end
  if q.unit then l = ("%s [%s]"):format(l, q.unit) end
  return l
end

-- Returns an explore control for a declared parameter (a slider, a
-- choice among its names, or an on/off switch), or nil and a reason.
-- A declared step wins; a log parameter slides over its log10.
local function slider_for(q)
  if q.type == "integer" then
    -- a wide range gets a slider up to 10x the default, in whole steps
    local lo, hi = math.tointeger(q.min), math.tointeger(q.max)
    if hi - lo > 1000 then hi = math.min(hi, math.max(q.default * 10, lo + 100)) end
    local step = q.step > 0 and math.tointeger(q.step)
                 or math.max(1, (hi - lo) // 200)
    return { name = q.name, label = label_of(q), min = lo, max = hi,
             step = step, value = q.default }
  elseif q.type == "number" and q.log then
    local lo, hi = math.log(q.min, 10), math.log(q.max, 10)
    local step = q.step > 1 and math.log(q.step, 10) or (hi - lo) / 100
    return { name = q.name, label = label_of(q, "(log10)"), min = lo,
             max = hi, step = step, value = math.log(q.default, 10) }
  elseif q.type == "number" then
    return { name = q.name, label = label_of(q), min = q.min, max = q.max,
             step = q.step > 0 and q.step or (q.max - q.min) / 100,
             value = q.default }
  elseif q.type == "choice" then
    return { name = q.name, label = label_of(q), choices = q.choices,
             value = q.choices[q.default + 1] }
  elseif q.type == "bool" then
    return { name = q.name, label = label_of(q),
             value = q.default and true or false }
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
    local q = byname[name]
    if q and q.log then
      a[name] = math.min(q.max, math.max(q.min, 10 ^ v))
    elseif q then
      a[name] = v
    end
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

-- Returns true when x (positive, at least 3 values) is evenly spaced in
-- its logarithm over more than a decade: an axis to draw on a log scale.
local function log_spaced(x)
  local n = #x
  if n < 3 or not (x[1] > 0 and x[n] > 0) then return false end
  local span = math.log(x[n] / x[1])
  if math.abs(span) <= math.log(10) then return false end
  for i = 2, n do
    if not (x[i] > 0) then return false end
    local step = math.log(x[i] / x[i - 1])
    if math.abs(step - span / (n - 1)) > 1e-6 * math.abs(span) then return false end
  end
  return true
end

-- Draws the view of the results r: a heatmap of a 2-D view (over x and
-- y when they fit), else a line over the declared x axis (or the index).
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
    local xname = d.xaxis
    local x = xname and r[xname]
    if not (x and xname ~= v and #x == rows) then x, xname = nil, nil end
    ui:chart { kind = "line", x = x, y = a, title = title,
               xlabel = xname or "i", ylabel = v,
               xlog = x ~= nil and log_spaced(x) }
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
