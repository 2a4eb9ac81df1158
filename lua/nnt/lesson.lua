-- SPDX-License-Identifier: MIT
-- The Lua half of the lesson API: nnt.lesson and the ui object's pauses.
--
-- Loaded by the host with (nnt, H): H is the host's private table (say,
-- chart, claim written in C, and the token that marks the host's yields).
local nnt, H = ...
local tr, yield = nnt.tr, coroutine.yield
local TOKEN = H.token
local lessons = setmetatable({}, { __mode = "k" })

local function is_text(v)
  return type(v) == "string"
    or (type(v) == "table" and (type(v.en) == "string" or type(v.zh) == "string"))
end

-- Raises "who: msg" at the lesson's line that called the API (the first
-- frame outside lua/nnt/), or where the lesson's function at is defined.
local function fail(who, msg, at)
  if not H.where then error(who .. ": " .. msg, 3) end  -- outside the host
  error(H.where(at) .. who .. ": " .. msg, 0)
end

-- Returns the edit distance between strings a and b: insertions,
-- deletions, substitutions and swaps of neighbours count one each.
local function distance(a, b)
  local d = {}
  for i = 0, #a do d[i] = { [0] = i } end
  for j = 0, #b do d[0][j] = j end
  for i = 1, #a do
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      d[i][j] = math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1 and j > 1 and a:byte(i) == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        d[i][j] = math.min(d[i][j], d[i - 2][j - 2] + 1)
      end
    end
  end
  return d[#a][#b]
end

-- Returns the name in the table names (its keys) nearest to name, if it
-- is near enough to be a slip of the keyboard (else nil).
local function nearest(name, names)
  local best, bd = nil, math.huge
  for k in pairs(names) do
    if type(k) == "string" then
      local d = distance(name:lower(), k:lower())
      if d < bd or (d == bd and k < best) then best, bd = k, d end
    end
  end
  if best and bd <= math.max(1, math.min(2, #name // 4)) then return best end
  return nil
end
H.nearest = nearest

local lesson_fields = { id = true, title = true, steps = true, seed = true,
                        summary = true, author = true, exercises = true,
                        answer = true }

-- nnt.lesson{ id, title, steps, [seed], [summary], [author], [exercises],
-- [answer] }: checks the table and returns it, marked as a lesson.  answer
-- is the written answer to the lesson's exercise (shown at its end).
function nnt.lesson(spec)
  local who = "nnt.lesson"
  if type(spec) ~= "table" then fail(who, "expects a table") end
  for k in pairs(spec) do
    if not lesson_fields[k] then
      local near = type(k) == "string" and nearest(k, lesson_fields)
      fail(who, ("unknown field '%s'%s"):format(tostring(k),
        near and (" (did you mean '%s'?)"):format(near) or ""))
    end
  end
  if type(spec.id) ~= "string" or not spec.id:match("^[%w_%-]+$") then
    fail(who, "'id' must be a name of letters, digits, '_' or '-'")
  end
  if spec.title == nil then
    fail(who, "the lesson has no 'title' (add title = { en = \"...\", "
      .. "zh = \"...\" })")
  end
  if not is_text(spec.title) then
    fail(who, "'title' must be text (a string or { en = ..., zh = ... })")
  end
  if spec.summary ~= nil and not is_text(spec.summary) then
    fail(who, "'summary' must be text")
  end
  if spec.answer ~= nil and not is_text(spec.answer) then
    fail(who, "'answer' must be text (the written answer, { en = ..., zh = ... })")
  end
  if spec.seed ~= nil and math.type(spec.seed) ~= "integer" then
    fail(who, "'seed' must be an integer")
  end
  local steps = spec.steps
  if type(steps) ~= "table" or #steps == 0 then
    fail(who, "'steps' must be a non-empty list of steps")
  end
  for k in pairs(steps) do
    if math.type(k) ~= "integer" or k < 1 or k > #steps then
      fail(who, ("'steps' must be a list; it has a key %s"):format(tostring(k)))
    end
  end
  for i, s in ipairs(steps) do
    local where = ("steps[%d]"):format(i)
    if type(s) ~= "table" then fail(who, where .. " must be a table") end
    local at = type(s.run) == "function" and s.run or nil
    if not is_text(s.title) then fail(who, where .. ".title must be text", at) end
    if type(s.run) ~= "function" then
      fail(who, where .. ".run must be a function(ui)")
    end
  end
  if spec.exercises ~= nil then
    H.exercise_validate(who, spec.exercises, 3)
  end
  lessons[spec] = true
  return spec
end

-- Returns true if t came from nnt.lesson.
function H.islesson(t)
  return lessons[t] == true
end

local UI = {}
UI.say, UI.chart, UI.claim = H.say, H.chart, H.claim
H.UI = UI                       -- for lint.lua

-- ui.NAME: a ui call; a name that is none raises at the lesson's line,
-- naming the nearest call ("did you mean ui:say?").
UI.__index = function(_, k)
  local v = UI[k]
  if v ~= nil or type(k) ~= "string" or k:sub(1, 2) == "__" then return v end
  local calls = {}
  for name, f in pairs(UI) do
    if type(f) == "function" and name:sub(1, 2) ~= "__" then calls[name] = true end
  end
  local near = nearest(k, calls)
  local list = {}
  for name in pairs(calls) do list[#list + 1] = "ui:" .. name end
  table.sort(list)
  error((H.where and H.where() or "") .. ("ui:%s is not a ui call; %s"):format(k, near
    and ("did you mean ui:%s?"):format(near)
    or "the calls are " .. table.concat(list, ", ")), 0)
end

-- ui:wait(): pauses until the student continues.
function UI:wait()
  yield(TOKEN, "wait")
end

-- ui:quiz{ question, choices, answer, explain }: asks; returns true if the
-- student picked the right choice.
function UI:quiz(q)
  local who = "ui:quiz"
  if type(q) ~= "table" then fail(who, "expects a table") end
  if not is_text(q.question) then fail(who, "'question' must be text") end
  if type(q.choices) ~= "table" or #q.choices < 2 then
    fail(who, "'choices' must be a list of at least two texts")
  end
  if #q.choices > 9 then
    fail(who, "at most 9 choices: the student answers with keys 1 to 9")
  end
  local choices = {}
  for i, c in ipairs(q.choices) do
    if not is_text(c) then fail(who, ("choices[%d] must be text"):format(i)) end
    choices[i] = tr(c)
  end
  if math.type(q.answer) ~= "integer" or q.answer < 1 or q.answer > #choices then
    fail(who, ("'answer' must be the number of the right choice, 1..%d")
      :format(#choices))
  end
  if q.explain ~= nil and not is_text(q.explain) then
    fail(who, "'explain' must be text")
  end
  local why = {}
  if q.why ~= nil then
    if type(q.why) ~= "table" then
      fail(who, "'why' must be a table: choice number -> why that choice is wrong")
    end
    for k, v in pairs(q.why) do
      if math.type(k) ~= "integer" or k < 1 or k > #choices or k == q.answer then
        fail(who, ("'why' is keyed by the numbers of the wrong choices (1..%d, "
          .. "not %d); it has a key %s"):format(#choices, q.answer, tostring(k)))
      end
      if not is_text(v) then fail(who, ("why[%d] must be text"):format(k)) end
      why[k] = tr(v)
    end
  end
  local got = yield(TOKEN, "quiz", {
    question = tr(q.question), choices = choices, answer = q.answer,
    explain = q.explain and tr(q.explain) or nil, why = why,
  })
  return got == q.answer
end

-- ui:exercise(name): presents the lesson's exercise of that name (its
-- entry in nnt.lesson{ exercises = ... }, or that entry itself); the
-- front-end lets the student write it and asks for checks.  Returns true
-- if the student's code passed.
function UI:exercise(which)
  local who = "ui:exercise"
  local list = rawget(self, "exercises") or {}
  local ex
  for _, e in ipairs(list) do
    if e == which or e.name == which then ex = e end
  end
  if not ex then
    local name = type(which) == "table" and tostring(which.name) or tostring(which)
    fail(who, ("no exercise '%s' in this lesson (declare it in "
      .. "nnt.lesson{ exercises = { ... } })"):format(name))
  end
  local passed, res = false, nil
  while true do
    local action, source = yield(TOKEN, "exercise", H.exercise_view(ex, res))
    if action ~= "check" then break end
    res = H.exercise_check(ex, source)
    passed = passed or res.status == "pass"
  end
  return passed
end

-- Returns v snapped to the slider's grid (whole steps from its first
-- value, within [min, max]), as an integer when the grid is.
local function snap(s, v)
  local a = s.anchor or s.min
  v = a + math.floor((v - a) / s.step + 0.5) * s.step
  v = math.max(s.min, math.min(s.max, v))
  v = tonumber(string.format("%.12g", v))  -- no 0.0999…
  if s.integer then v = math.tointeger(math.floor(v + 0.5)) end
  return v
end

local control_fields = { name = true, min = true, max = true, step = true,
                         value = true, label = true, choices = true,
                         labels = true }
local MAX_CONTROLS, MAX_CHOICES, MAX_CHOICE_TEXT = 64, 64, 120

-- Returns the choice control at p (where names it), checked: its value
-- is the index of the chosen name from 0, as the front-end moves it.
local function choice(who, where, p, s)
  local list = p.choices
  if type(list) ~= "table" or #list == 0 then
    fail(who, where .. ": choices must be a non-empty list of strings")
  end
  if #list > MAX_CHOICES then
    fail(who, where .. (": at most %d choices"):format(MAX_CHOICES))
  end
  for _, k in ipairs { "min", "max", "step" } do
    if p[k] ~= nil then fail(who, where .. ": a choice takes no " .. k) end
  end
  local index, shown = {}, {}
  for k, v in ipairs(list) do
    if type(v) ~= "string" or v == "" then
      fail(who, where .. (": choices[%d] must be a non-empty string"):format(k))
    end
    if index[v] then fail(who, where .. (": two choices are called '%s'"):format(v)) end
    index[v], shown[k] = k, v
  end
  if p.labels ~= nil then
    if type(p.labels) ~= "table" then
      fail(who, where .. ": labels must be a table { choice = text, ... }")
    end
    for k, v in pairs(p.labels) do
      if not index[k] then
        fail(who, where .. (": labels has '%s', which is not one of its choices")
          :format(tostring(k)))
      end
      if not is_text(v) then fail(who, where .. (": labels.%s must be text"):format(k)) end
      shown[index[k]] = tr(v)
    end
  end
  for k, v in ipairs(shown) do
    if #v > MAX_CHOICE_TEXT then
      fail(who, where .. (": the name shown for choice %d is longer than %d bytes")
        :format(k, MAX_CHOICE_TEXT))
    end
  end
  local value = p.value
  if value == nil then value = list[1] end
  if not index[value] then
    fail(who, where .. (": value must be one of its choices (%s)")
      :format(table.concat(list, ", ")))
  end
  s.kind, s.options, s.choices = "choice", list, shown
  s.min, s.max, s.step, s.value, s.integer = 0, #list - 1, 1, index[value] - 1, true
  return s
end

-- Returns what draw(p) gets for control s: a number, a choice's name or
-- a switch's true/false.
local function control_value(s)
  if s.kind == "choice" then return s.options[s.value + 1] end
  if s.kind == "bool" then return s.value == 1 end
  return s.value
end

-- Returns the control at spec (named or positional fields), checked: a
-- slider { name, min, max, step, value }, a choice { name, choices,
-- value } or a switch { name, value = true | false }.
local function slider(who, i, p)
  if type(p) ~= "table" then fail(who, ("params[%d] must be a table"):format(i)) end
  local s = {
    name = p.name or p[1], min = p.min or p[2], max = p.max or p[3],
    step = p.step or p[4], value = p.value, label = p.label,
  }
  if s.value == nil then s.value = p[5] end
  local where = ("params[%d]"):format(i)
  if type(s.name) ~= "string" then fail(who, where .. ".name must be a string") end
  for k in pairs(p) do
    if not control_fields[k] and not (math.type(k) == "integer" and k >= 1 and k <= 5) then
      fail(who, ("control '%s': unknown field '%s'"):format(s.name, tostring(k)))
    end
  end
  if s.label ~= nil then
    if not is_text(s.label) then
      fail(who, ("control '%s': label must be text"):format(s.name))
    end
    s.label = tr(s.label)
  end
  if p.choices ~= nil then
    return choice(who, ("choice '%s'"):format(s.name), p, s)
  end
  if p.labels ~= nil then
    fail(who, ("control '%s': labels name the choices of a choice control"):format(s.name))
  end
  if type(s.value) == "boolean" then
    where = ("switch '%s'"):format(s.name)
    for _, k in ipairs { "min", "max", "step" } do
      if s[k] ~= nil then
        fail(who, where .. ": a switch (a boolean value) takes no " .. k)
      end
    end
    s.kind, s.min, s.max, s.step, s.integer = "bool", 0, 1, 1, true
    s.value = s.value and 1 or 0
    return s
  end
  where = ("slider '%s'"):format(s.name)
  for _, k in ipairs { "min", "max" } do
    if type(s[k]) ~= "number" then fail(who, where .. ": " .. k .. " must be a number") end
  end
  if not (s.min < s.max) then fail(who, where .. ": min must be below max") end
  s.step = s.step or (s.max - s.min) / 100
  if type(s.step) ~= "number" or not (s.step > 0) then
    fail(who, where .. ": step must be a positive number")
  end
  s.value = s.value or s.min
  if type(s.value) ~= "number" or s.value < s.min or s.value > s.max then
    fail(who, where .. (": value must be in [%g, %g]"):format(s.min, s.max))
  end
  s.kind = "number"
  s.integer = math.type(s.min) == "integer" and math.type(s.step) == "integer"
    and math.type(s.value) == "integer"
  s.anchor = s.value
  return s
end

-- Moves control s to v (a number from the front-end): a slider snaps to
-- its grid; a choice or a switch takes a whole index in range.
local function move(s, v)
  if s.kind == "number" then
    s.value = snap(s, v)
  elseif v == v and v >= s.min and v <= s.max then
    s.value = math.tointeger(math.floor(v + 0.5)) or s.value
  end
end

-- ui:explore{ params = { control, ... }, draw = f }: sliders, choices and
-- switches; calls draw(p) now and on every change.  Returns the last p.
function UI:explore(spec)
  local who = "ui:explore"
  if type(spec) ~= "table" then fail(who, "expects a table") end
  local list = spec.params or spec
  if type(list) ~= "table" or #list == 0 then
    fail(who, "'params' must be a non-empty list of sliders")
  end
  if type(spec.draw) ~= "function" then fail(who, "'draw' must be a function(p)") end
  if #list > MAX_CONTROLS then
    fail(who, ("'params' may hold at most %d controls"):format(MAX_CONTROLS))
  end
  local sliders, byname, p = {}, {}, {}
  for i, raw in ipairs(list) do
    local s = slider(who, i, raw)
    if byname[s.name] then fail(who, ("two controls are called '%s'"):format(s.name)) end
    sliders[i], byname[s.name] = s, s
  end
  -- the values the student had before a language switch, once a step
  local pre = H.presets
  H.presets = nil
  for _, s in ipairs(sliders) do
    if pre and type(pre[s.name]) == "number" then move(s, pre[s.name]) end
    p[s.name] = control_value(s)
  end
  -- "draw" tells the front-end that what follows replaces the last drawing
  yield(TOKEN, "draw")
  spec.draw(p)
  while true do
    local name, value = yield(TOKEN, "explore", sliders)
    if name == nil then break end
    local s = byname[name]
    if s and type(value) == "number" then
      move(s, value)
      p[name] = control_value(s)
      yield(TOKEN, "draw")
      spec.draw(p)
    end
  end
  return p
end

-- Returns a new ui object for one step of lesson.
function H.newui(lesson)
  local ex = type(lesson) == "table" and rawget(lesson, "exercises") or nil
  return setmetatable({ exercises = ex }, UI)
end

-- Returns a step that only presents the exercise called name (for
-- `nntutor exercise` and for check's test of each exercise).
function H.exercise_step(name)
  return function(ui) return ui:exercise(name) end
end

-- What the sandbox leaves out, and why (said at the lesson's line).
local NO_FILES = "a lesson runs in a sandbox that cannot touch the "
  .. "student's files, programs or clock, so that any lesson is safe to "
  .. "open and gives the same numbers every time"
local NO_LOAD = NO_FILES .. "; keep helpers in the lesson file, use the "
  .. "shared ones in nnt (nnt.mean, nnt.argmax, ...) and C code through "
  .. "nnt.plugin \"NAME\""
local denied = {
  os = NO_FILES .. " (nnt.random and math.random are seeded for you; "
    .. "nnt.lesson_seed is the seed)",
  io = NO_FILES .. " (print writes to the output, ui:say shows text)",
  require = NO_LOAD, package = NO_LOAD, dofile = NO_LOAD, loadfile = NO_LOAD,
  debug = NO_FILES .. " (the debug library could break out of it)",
  collectgarbage = NO_FILES .. " (memory is managed for you)",
}

-- The rest is for lessons in the host's sandbox (not the Lua tests).
if not H.where then return end

-- Globals: a name the sandbox removed says why; a misspelt global that
-- is near a defined one names it; any other is nil, as in Lua.
setmetatable(_G, { __index = function(g, k)
  if type(k) ~= "string" then return nil end
  if denied[k] then
    error(H.where() .. ("%s is not available in lessons: %s"):format(k, denied[k]), 0)
  end
  local near = #k > 3 and nearest(k, g)
  if near and type(rawget(g, near)) == "function" then
    error(H.where() .. ("there is no global '%s'; did you mean %s?"):format(k, near), 0)
  end
  return nil
end })

-- nnt.NAME that is not in the API but near a name that is: says which.
setmetatable(nnt, { __index = function(t, k)
  if type(k) ~= "string" then return nil end
  local near = nearest(k, t)
  if near then
    error(H.where() .. ("nnt.%s is not part of the nnt API; did you mean nnt.%s?")
      :format(k, near), 0)
  end
  return nil
end })
