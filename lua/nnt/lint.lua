-- SPDX-License-Identifier: MIT
-- The lesson linter behind `nntutor check`: warnings, each with the
-- author's file:line and the fix (errors with --strict).
--
-- Loaded by the host with (nnt, H) after lesson.lua; it does nothing
-- unless H.linting is set (check), and then wraps the ui calls.  The
-- rules are listed in README.md ("Lint rules").
local nnt, H = ...
if not H.linting then return end

local UI, where = H.UI, H.where
local said = {}                 -- warnings sent, so each is sent once

-- Sends warning msg at place at ("file:line: ", or a function or nil:
-- the lesson's line that called the API).
local function warn(at, msg)
  if type(at) ~= "string" then at = where(at) end
  local text = at .. msg
  if not said[text] then
    said[text] = true
    H.lint(text)
  end
end

-- Texts -----------------------------------------------------------------

-- Warns when text v (at what) has no Chinese: prose must be { en =, zh = }
-- (a plain string with letters is English only); a label may be a plain
-- string (a symbol like "w1" reads the same in both), but a table needs zh.
local function text(v, what, prose, at)
  if type(v) == "table" then
    if type(v.en) == "string" and (type(v.zh) ~= "string" or v.zh == "") then
      warn(at, ("%s has no zh text: add zh = \"...\" beside en"):format(what))
    end
  elseif prose and type(v) == "string" and v:find("%a%a") then
    warn(at, ("%s is English only: write { en = \"...\", zh = \"...\" }")
      :format(what))
  end
end

-- Warns about each text in list (a list of texts) at what.
local function texts(list, what, prose, at)
  if type(list) ~= "table" then return end
  for k, v in pairs(list) do text(v, ("%s[%s]"):format(what, tostring(k)), prose, at) end
end

-- Charts ----------------------------------------------------------------

-- Returns how many values of data (a list or nnt.array, 1-D or 2-D) are
-- NaN or infinite, and how many there are.
local function bad_values(data)
  local bad, n = 0, 0
  local ok, len = pcall(function() return #data end)
  if not ok or type(len) ~= "number" then return 0, -1 end
  for i = 1, len do
    local v = data[i]
    if type(v) == "number" then
      n = n + 1
      if v ~= v or v == math.huge or v == -math.huge then bad = bad + 1 end
    elseif type(v) == "table" or type(v) == "userdata" then
      local b2, n2 = bad_values(v)
      bad, n = bad + b2, n + math.max(n2, 0)
    end
  end
  return bad, n
end

-- Warns about the data of one series s (named name) of a chart: empty
-- data, values (histogram, bar) with NaN or infinities, and coordinates
-- that are all NaN (a NaN in x, y or z is a gap, drawn as one; all of
-- them leave nothing to draw).
local function chart_data(s, name, at)
  for _, k in ipairs { "x", "y", "z", "values" } do
    if s[k] ~= nil then
      local bad, n = bad_values(s[k])
      if n == 0 then
        warn(at, ("ui:chart: %s%s is empty: the chart shows nothing "
          .. "(draw it only when there is data)"):format(name, k))
      elseif k == "values" and bad > 0 then
        warn(at, ("ui:chart: %s%s has %d NaN or infinite value%s of %d: "
          .. "they cannot be counted or drawn (check the computation, or "
          .. "filter them out first)"):format(name, k, bad,
          bad == 1 and "" or "s", n))
      elseif bad == n then
        warn(at, ("ui:chart: %s%s is all NaN or infinite: nothing is "
          .. "drawn (check the computation)"):format(name, k))
      end
    end
  end
end

-- Warns about a chart spec: its texts and its data.
local function chart(spec, at)
  if type(spec) ~= "table" then return end
  for _, k in ipairs { "title", "xlabel", "ylabel" } do
    if spec[k] ~= nil then text(spec[k], "ui:chart " .. k, false, at) end
  end
  texts(spec.labels, "ui:chart labels", false, at)
  chart_data(spec, "", at)
  if type(spec.series) == "table" then
    for i, s in ipairs(spec.series) do
      if type(s) == "table" then
        if s.name ~= nil then text(s.name, ("ui:chart series[%d].name"):format(i), false, at) end
        chart_data(s, ("series[%d]."):format(i), at)
      end
    end
  end
end

-- Pauses ----------------------------------------------------------------
--
-- Rule: what a step shows after an explore screen must be followed by a
-- pause (ui:wait, ui:quiz or ui:exercise) before the step ends.  Leaving
-- an explore screen with Space goes on to the next step as soon as the
-- step is done, so output made after the screen and before the end of
-- the step is never seen in the TUI.

local step = { explored = false, unseen = nil }

-- Notes output at the lesson's current line (say, chart, claim).
local function shown()
  if step.explored and not step.unseen then step.unseen = where() end
end

-- Notes a pause: what came before it has been seen.
local function paused()
  step.unseen = nil
end

-- Called by the runner when a step begins: a step that ended in an error
-- leaves nothing behind.
function H.lint_step_begin()
  step.explored, step.unseen = false, nil
end

-- Called by the runner when a step ends: warns about unseen output.
function H.lint_step_end()
  if step.unseen then
    warn(step.unseen, "this is shown after ui:explore and the step then "
      .. "ends: leaving the explore screen goes straight to the next step, "
      .. "so the student never sees it (add ui:wait() after it, or show it "
      .. "before ui:explore)")
  end
  step.explored, step.unseen = false, nil
end

-- The wrapped ui calls --------------------------------------------------

local say, claim, chart_, wait = UI.say, UI.claim, UI.chart, UI.wait
local quiz, explore, exercise = UI.quiz, UI.explore, UI.exercise

function UI.say(ui, t, ...)
  text(t, "ui:say", true)
  shown()
  return say(ui, t, ...)
end

function UI.claim(ui, t, ...)
  text(t, "ui:claim", true)
  shown()
  return claim(ui, t, ...)
end

function UI.chart(ui, spec, ...)
  chart(spec, nil)
  shown()
  return chart_(ui, spec, ...)
end

function UI.wait(ui, ...)
  paused()
  return wait(ui, ...)
end

function UI.quiz(ui, q, ...)
  if type(q) == "table" then
    local at = where()
    text(q.question, "ui:quiz question", true, at)
    if q.explain ~= nil then text(q.explain, "ui:quiz explain", true, at) end
    texts(q.choices, "ui:quiz choices", false, at)
    texts(q.why, "ui:quiz why", true, at)
  end
  paused()
  return quiz(ui, q, ...)
end

function UI.explore(ui, spec, ...)
  if type(spec) == "table" then
    local at = where()
    for i, p in ipairs(type(spec.params) == "table" and spec.params or {}) do
      if type(p) == "table" then
        if p.label ~= nil then text(p.label, ("ui:explore params[%d].label"):format(i), false, at) end
        texts(p.labels, ("ui:explore params[%d].labels"):format(i), false, at)
      end
    end
  end
  paused()
  local r = table.pack(explore(ui, spec, ...))
  step.explored = true
  return table.unpack(r, 1, r.n)
end

function UI.exercise(ui, ...)
  paused()
  return exercise(ui, ...)
end

-- The lesson as a whole -------------------------------------------------

-- Helpers lua/nnt/util.lua already gives, by the names lessons use.
local HELPERS = {
  argmax = "argmax", argmin = "argmin", mean = "mean", avg = "mean",
  average = "mean", var = "var", variance = "var", std = "std",
  stddev = "std", sd = "std", linspace = "linspace", logspace = "logspace",
  range = "range", fit_line = "fit_line", fmt = "fmt", map = "map",
  tr_fmt = "trf", trf = "trf", json = "json",
}

-- Returns the line of source (a string) where pattern first matches, or
-- nil.
local function line_of(source, pattern)
  local n = 0
  for line in (source .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if line:find(pattern) then return n end
  end
  return nil
end

-- Called by the runner once the lesson is loaded: checks what needs the
-- file (its name, its source).  short is the file as messages name it.
function H.lint_lesson(path, short, source, lesson)
  local base = path:match("([^/]+)%.lua$")
  local at = ("%s:%d: "):format(short,
    line_of(source, "id%s*=%s*[\"']") or line_of(source, "nnt%.lesson") or 1)
  if base and type(lesson.id) == "string" and base ~= lesson.id then
    warn(at, ("the lesson's id '%s' differs from its file name '%s.lua': "
      .. "`nntutor lesson %s` will not find it and progress is kept by id "
      .. "(rename the file to %s.lua or set id = \"%s\")")
      :format(lesson.id, base, base, lesson.id, base))
  end
  at = ("%s:%d: "):format(short, line_of(source, "nnt%.lesson") or 1)
  text(lesson.title, "the lesson's title", true, at)
  if lesson.summary ~= nil then text(lesson.summary, "the lesson's summary", true, at) end
  if lesson.answer ~= nil then text(lesson.answer, "the lesson's answer", true, at) end
  for i, s in ipairs(lesson.steps) do
    text(s.title, ("steps[%d].title"):format(i), true, where(s.run))
  end
  for _, e in ipairs(type(lesson.exercises) == "table" and lesson.exercises or {}) do
    local eat = ("%s:%d: "):format(short, line_of(source, "name%s*=%s*[\"']"
      .. tostring(e.name):gsub("%p", "%%%0") .. "[\"']") or 1)
    local who = ("exercise '%s'"):format(tostring(e.name))
    for _, k in ipairs { "title", "statement" } do
      if e[k] ~= nil then text(e[k], who .. " " .. k, true, eat) end
    end
    texts(e.hints, who .. " hints", true, eat)
  end
  -- helpers copied from util.lua
  local n = 0
  for line in (source .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    local name = line:match("^%s*local%s+function%s+([%w_]+)%s*%(")
      or line:match("^%s*local%s+([%w_]+)%s*=%s*function%s*%(")
      or line:match("^%s*function%s+([%w_]+)%s*%(")
    local helper = name and HELPERS[name]
    if helper and rawget(nnt, helper) then
      warn(("%s:%d: "):format(short, n), ("function %s repeats nnt.%s "
        .. "(lua/nnt/util.lua): call nnt.%s and delete this copy")
        :format(name, helper, helper))
    end
  end
end
