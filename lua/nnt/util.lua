-- SPDX-License-Identifier: MIT
-- Small numeric helpers lessons share: grids, statistics, fits, formatting.
--
-- Loaded by the host with (nnt, H).  Every function takes Lua tables or
-- nnt.array values (anything indexable with #).
local nnt = ...

-- Raises msg at the caller of the helper when ok is false.
local function check(ok, msg)
  if not ok then error("nnt." .. msg, 3) end
end

-- nnt.linspace(a, b, n): returns n evenly spaced numbers from a to b.
function nnt.linspace(a, b, n)
  check(math.type(n) == "integer" and n >= 1, "linspace: n must be a positive integer")
  local t = {}
  if n == 1 then return { a } end
  for i = 0, n - 1 do t[i + 1] = a + (b - a) * i / (n - 1) end
  t[n] = b
  return t
end

-- nnt.logspace(a, b, n): returns n numbers from 10^a to 10^b, evenly
-- spaced in the exponent.
function nnt.logspace(a, b, n)
  local t = nnt.linspace(a, b, n)
  for i = 1, #t do t[i] = 10 ^ t[i] end
  return t
end

-- nnt.mean(xs): returns the arithmetic mean (nil for no values).
function nnt.mean(xs)
  local n = #xs
  if n == 0 then return nil end
  local s = 0
  for i = 1, n do s = s + xs[i] end
  return s / n
end

-- nnt.var(xs [, ddof]): returns the variance (ddof 0 by default).
function nnt.var(xs, ddof)
  ddof = ddof or 0
  local n = #xs
  if n - ddof <= 0 then return nil end
  local m, s = nnt.mean(xs), 0
  for i = 1, n do s = s + (xs[i] - m) ^ 2 end
  return s / (n - ddof)
end

-- nnt.fit_line(xs, ys): returns slope, intercept and R² of the least
-- squares line y = slope·x + intercept.
function nnt.fit_line(xs, ys)
  local n = #xs
  check(n == #ys and n >= 2, "fit_line: need two equal-length lists of at least 2 values")
  local mx, my = nnt.mean(xs), nnt.mean(ys)
  local sxx, sxy, syy = 0, 0, 0
  for i = 1, n do
    local dx, dy = xs[i] - mx, ys[i] - my
    sxx, sxy, syy = sxx + dx * dx, sxy + dx * dy, syy + dy * dy
  end
  check(sxx > 0, "fit_line: all x are equal")
  local slope = sxy / sxx
  local r2 = syy > 0 and (sxy * sxy) / (sxx * syy) or 1
  return slope, my - slope * mx, r2
end

-- nnt.argmin(xs): returns the index and value of the smallest element.
function nnt.argmin(xs)
  local bi, bv = nil, math.huge
  for i = 1, #xs do
    if xs[i] < bv then bi, bv = i, xs[i] end
  end
  return bi, bv
end

-- nnt.argmax(xs): returns the index and value of the largest element
-- (the first of equal ones; nil for no values).
function nnt.argmax(xs)
  if #xs == 0 then return nil end
  local bi, bv = 1, xs[1]
  for i = 2, #xs do
    if xs[i] > bv then bi, bv = i, xs[i] end
  end
  return bi, bv
end

-- nnt.std(xs [, ddof]): returns the standard deviation (ddof 0 by
-- default).
function nnt.std(xs, ddof)
  local v = nnt.var(xs, ddof)
  return v and math.sqrt(v)
end

-- nnt.range(a, b [, step]): returns a, a + step, ... up to b (step 1 by
-- default; b is included when the steps reach it).
function nnt.range(a, b, step)
  step = step or 1
  check(type(step) == "number" and step ~= 0, "range: step must be a non-zero number")
  local t, n = {}, math.floor((b - a) / step + 1e-9)
  for i = 0, n do t[i + 1] = a + i * step end
  return t
end

-- nnt.trf(text, ...): returns text formatted with string.format and the
-- arguments, numbers that are not integers through nnt.fmt first.  A
-- bilingual text { en = ..., zh = ... } gives one with each language
-- formatted (so ui calls still show the student's language and the
-- language switch works); a string gives a string.
function nnt.trf(text, ...)
  local args = table.pack(...)
  for i = 1, args.n do
    if math.type(args[i]) == "float" then args[i] = nnt.fmt(args[i]) end
  end
  if type(text) == "string" then return text:format(table.unpack(args, 1, args.n)) end
  check(type(text) == "table", "trf: text must be a string or { en = ..., zh = ... }")
  local out = {}
  for _, k in ipairs { "en", "zh" } do
    if type(text[k]) == "string" then
      out[k] = text[k]:format(table.unpack(args, 1, args.n))
    end
  end
  return out
end

-- nnt.map(xs, f): returns a table of f(x, i).
function nnt.map(xs, f)
  local t = {}
  for i = 1, #xs do t[i] = f(xs[i], i) end
  return t
end

-- Appends the JSON of v to the list out.
local function json_into(v, out)
  local t = type(v)
  if t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then
      out[#out + 1] = "null"
    elseif math.type(v) == "integer" then
      out[#out + 1] = tostring(v)
    else
      out[#out + 1] = string.format("%.17g", v)
    end
  elseif t == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif t == "boolean" then
    out[#out + 1] = tostring(v)
  elseif v == nil then
    out[#out + 1] = "null"
  elseif t == "table" and (#v > 0 or next(v) == nil) then
    out[#out + 1] = "["
    for i = 1, #v do
      if i > 1 then out[#out + 1] = "," end
      json_into(v[i], out)
    end
    out[#out + 1] = "]"
  elseif t == "userdata" then           -- an nnt.array
    json_into(v:totable(), out)
  elseif t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      json_into(k, out)
      out[#out + 1] = ":"
      json_into(v[k], out)
    end
    out[#out + 1] = "}"
  else
    error("nnt.json: cannot encode a " .. t, 3)
  end
end

-- nnt.json(v): returns v (numbers, strings, booleans, lists, tables with
-- string keys, nnt.arrays) as JSON text, keys sorted; NaN/Inf as null.
function nnt.json(v)
  local out = {}
  json_into(v, out)
  return table.concat(out)
end

-- nnt.fmt(x [, digits]): returns x with `digits` significant digits
-- (default 4), without trailing zeros, "∞"/"NaN" for the odd ones.
function nnt.fmt(x, digits)
  if x ~= x then return "NaN" end
  if x == math.huge then return "∞" elseif x == -math.huge then return "-∞" end
  local s = string.format("%." .. (digits or 4) .. "g", x)
  if s:find("e") then
    local m, e = s:match("^(.-)e(.*)$")
    if m:find("%.") then m = m:gsub("0+$", ""):gsub("%.$", "") end
    return m .. "e" .. tonumber(e)
  end
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  return s
end
