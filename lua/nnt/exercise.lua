-- SPDX-License-Identifier: MIT
-- Exercises: the student writes a small Lua function; this checks it.
--
-- Loaded by the host with (nnt, H).  The student's code never runs here
-- directly: H.student (core/student.c) runs it in a thread of its own,
-- with its own instruction and CPU budget, so an endless loop or an error
-- in it is a result ("your code ..."), never the lesson's error.  Values
-- the student's code returns are read with raw operations only, so no
-- metamethod of theirs runs under the lesson's budget.
local nnt, H = ...
local tr = nnt.tr

local MAX_SOURCE = 256 * 1024           -- bytes of a student's file
local BUDGET = 100000000                -- VM instructions per check
local MAX_TRIALS = 10000

local fields = {
  name = true, title = true, statement = true, stub = true, solution = true,
  hints = true, reference = true, check = true, cases = true, random = true,
  trials = true, tol = true,
}

local function is_text(v)
  return type(v) == "string"
    or (type(v) == "table" and (type(v.en) == "string" or type(v.zh) == "string"))
end

-- Checks the lesson's `exercises` list; raises "who: exercises[i]...: msg"
-- at level (the lesson file's line when level points there).
function H.exercise_validate(who, list, level)
  local function fail(msg) error(who .. ": " .. msg, level + 1) end
  if type(list) ~= "table" then fail("'exercises' must be a list of exercises") end
  for k in pairs(list) do
    if math.type(k) ~= "integer" or k < 1 or k > #list then
      fail(("'exercises' must be a list; it has a key %s"):format(tostring(k)))
    end
  end
  local seen = {}
  for i, e in ipairs(list) do
    local at = ("exercises[%d]"):format(i)
    if type(e) ~= "table" then fail(at .. " must be a table") end
    for k in pairs(e) do
      if not fields[k] then fail(("%s: unknown field '%s'"):format(at, tostring(k))) end
    end
    if type(e.name) ~= "string" or not e.name:match("^[%a_][%w_]*$") or #e.name > 64 then
      fail(at .. ".name must be a Lua name (letters, digits, '_'; at most 64): "
        .. "the function the student writes and the file's name")
    end
    at = ("exercise '%s'"):format(e.name)
    if seen[e.name] then fail(("two exercises are called '%s'"):format(e.name)) end
    seen[e.name] = true
    for _, k in ipairs { "title", "statement", "stub", "solution" } do
      if not is_text(e[k]) then fail(("%s: '%s' must be text"):format(at, k)) end
    end
    if e.hints ~= nil then
      if type(e.hints) ~= "table" then fail(at .. ": 'hints' must be a list of texts") end
      for j, h in ipairs(e.hints) do
        if not is_text(h) then fail(("%s: hints[%d] must be text"):format(at, j)) end
      end
    end
    if (e.reference == nil) == (e.check == nil) then
      fail(at .. ": give either 'reference' (with cases or random) or 'check'")
    end
    if e.reference ~= nil and type(e.reference) ~= "function" then
      fail(at .. ": 'reference' must be a function returning the expected results")
    end
    if e.check ~= nil and type(e.check) ~= "function" then
      fail(at .. ": 'check' must be a function(call) returning ok [, message]")
    end
    if e.cases ~= nil then
      if type(e.cases) ~= "table" then fail(at .. ": 'cases' must be a list of argument lists") end
      for j, c in ipairs(e.cases) do
        if type(c) ~= "table" then
          fail(("%s: cases[%d] must be a list of arguments"):format(at, j))
        end
      end
    end
    if e.random ~= nil and type(e.random) ~= "function" then
      fail(at .. ": 'random' must be a function(R) returning an argument list")
    end
    if e.reference and not e.cases and not e.random then
      fail(at .. ": a 'reference' needs 'cases', 'random' or both")
    end
    if e.trials ~= nil and (math.type(e.trials) ~= "integer" or e.trials < 0
                            or e.trials > MAX_TRIALS) then
      fail(("%s: 'trials' must be an integer from 0 to %d"):format(at, MAX_TRIALS))
    end
    if e.tol ~= nil and (type(e.tol) ~= "number" or not (e.tol >= 0)) then
      fail(at .. ": 'tol' must be a number >= 0")
    end
  end
end

-- A small generator for random inputs, independent of nnt.random so that
-- checking never changes what the step computes next (splitmix64).
local function generator(name)
  local s = 0x2545F4914F6CDD1D
  for i = 1, #name do s = (s ~ name:byte(i)) * 0x100000001B3 end
  local R = {}
  local function next64()
    s = s + 0x9E3779B97F4A7C15
    local z = s
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    return z ~ (z >> 31)
  end
  local function u01() return (next64() >> 11) * (1.0 / 9007199254740992) end
  function R.uniform(a, b)
    a, b = a or 0, b or 1
    return a + (b - a) * u01()
  end
  function R.int(a, b)
    return a + math.floor(u01() * (b - a + 1))
  end
  function R.normal(m, sd)
    local u = 1 - u01()
    return (m or 0) + (sd or 1) * math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * u01())
  end
  function R.vector(n, a, b)
    local v = {}
    for i = 1, n do v[i] = R.uniform(a, b) end
    return v
  end
  function R.matrix(m, n, a, b)
    local x = {}
    for i = 1, m do x[i] = R.vector(n, a, b) end
    return x
  end
  return R
end

-- Returns a deep copy of an argument (tables and nnt arrays as tables).
local function copy(v, depth)
  if type(v) == "userdata" and type(v.totable) == "function" then
    return v:totable()
  end
  if type(v) ~= "table" then return v end
  if depth > 8 then error("exercise arguments nest too deep", 0) end
  local t = {}
  for k, x in pairs(v) do t[k] = copy(x, depth + 1) end
  return t
end

-- Returns a short text for a value (raw reads: safe on the student's).
local function show(v, depth)
  depth = depth or 0
  local t = type(v)
  if t == "number" then
    if v ~= v then return "nan" end
    if v == math.huge then return "inf" elseif v == -math.huge then return "-inf" end
    if math.type(v) == "integer" then return tostring(v) end
    return (string.format("%.10g", v))
  elseif t == "string" then
    local s = #v > 40 and v:sub(1, 40) .. "…" or v
    return string.format("%q", s)
  elseif t == "table" then
    local n = rawlen(v)
    if n == 0 and next(v) ~= nil then return "{…}" end
    if depth >= 2 then return "{…}" end
    local parts, shown = {}, math.min(n, 6)
    for i = 1, shown do parts[i] = show(rawget(v, i), depth + 1) end
    if n > shown then parts[#parts + 1] = ("… (%d in all)"):format(n) end
    return "{" .. table.concat(parts, ", ") .. "}"
  elseif t == "nil" or t == "boolean" then
    return tostring(v)
  end
  return "a " .. t
end

-- Returns nil if got matches want, else where they differ ("" for the
-- whole value, or "[i][j]") and the two values there.
local function differ(got, want, tol, at)
  local tw = type(want)
  if type(want) == "userdata" and type(want.totable) == "function" then
    want, tw = want:totable(), "table"
  end
  if tw == "number" then
    if type(got) ~= "number" then return at, got, want end
    if want ~= want then
      if got ~= got then return nil end
      return at, got, want
    end
    if want == math.huge or want == -math.huge then
      if got == want then return nil end
      return at, got, want
    end
    if math.abs(got - want) <= tol * (1 + math.abs(want)) then return nil end
    return at, got, want
  elseif tw == "table" then
    if type(got) ~= "table" then return at, got, want end
    local n = #want
    if rawlen(got) ~= n then return at .. "#", rawlen(got), n end
    for i = 1, n do
      local w, g, e = differ(rawget(got, i), want[i], tol, at .. "[" .. i .. "]")
      if w then return w, g, e end
    end
    return nil
  end
  if rawequal(got, want) then return nil end
  return at, got, want
end

-- A fresh environment for the student's file: the safe base functions and
-- copies of the libraries (so nothing they change reaches the lesson).
local function student_env()
  local env = {}
  for _, k in ipairs { "assert", "error", "ipairs", "next", "pairs", "pcall",
                       "rawequal", "rawget", "rawlen", "rawset", "select",
                       "setmetatable", "getmetatable", "tonumber", "tostring",
                       "type", "xpcall", "print" } do
    env[k] = _G[k]
  end
  for _, lib in ipairs { "math", "string", "table", "utf8", "coroutine" } do
    local t = {}
    for k, v in pairs(_G[lib]) do t[k] = v end
    env[lib] = t
  end
  env.math.random, env.math.randomseed = nil, nil
  env._G = env
  return env
end

local STUDENT = {}                      -- marks errors of the student's code

-- Formats a call: name(arg, arg, ...).
local function call_text(name, args, n)
  local parts = {}
  for i = 1, n do parts[i] = show(args[i]) end
  return name .. "(" .. table.concat(parts, ", ") .. ")"
end

local function result(status, message, passed, total)
  return { status = status, message = message, passed = passed or 0, total = total or 0 }
end

-- Runs the student's function on one argument list; returns nil when it
-- agrees with the reference, else a failure result.
local function one_case(ex, fn, args, done, total, tol)
  local n = args.n or #args
  local want = table.pack(ex.reference(table.unpack(copy(args, 0), 1, n)))
  local got = table.pack(H.student(fn, table.unpack(copy(args, 0), 1, n)))
  local call = call_text(ex.name, args, n)
  if not got[1] then
    return result("error", got[2] .. "\n" .. tr {
      en = "(while running " .. call .. ")",
      zh = "（运行 " .. call .. " 时）" }, done, total)
  end
  for k = 1, want.n do
    local at, g, e = differ(got[k + 1], want[k], tol, "")
    if at then
      local which = want.n > 1 and tr { en = ("result %d"):format(k),
                                          zh = ("第 %d 个返回值"):format(k) } or nil
      local what
      if at == "" then
        what = tr { en = ("%s returned %s%s, expected %s"),
                    zh = ("%s 返回%s %s，应为 %s") }
        if nnt.lang == "zh" then
          what = what:format(call, which and (which .. " ") or "", show(g), show(e))
        else
          what = what:format(call, show(g), which and (" as " .. which) or "", show(e))
        end
      elseif at:sub(-1) == "#" then
        what = tr { en = "%s returned %s with %s elements at %s, expected %s",
                    zh = "%s 返回的%s在 %s 处有 %s 个元素，应为 %s" }
        local where = at:sub(1, -2) == "" and "top level" or at:sub(1, -2)
        if nnt.lang == "zh" then
          what = what:format(call, which or "结果", where, show(g), show(e))
        else
          what = what:format(call, which or "a table", show(g), where, show(e))
        end
      else
        what = tr { en = ("%s: %s%s is %s, expected %s"),
                    zh = ("%s：%s%s 为 %s，应为 %s") }
          :format(call, which and (which .. " ") or "", at, show(g), show(e))
      end
      return result("fail", what, done, total)
    end
  end
  return nil
end

-- H.exercise_check(ex, source): loads the student's file and checks it.
-- Returns { status = "pass"|"fail"|"error", message, passed, total }.
function H.exercise_check(ex, src)
  if type(src) ~= "string" then
    return result("error", tr { en = "no code to check", zh = "没有可检查的代码" })
  end
  if #src > MAX_SOURCE then
    return result("error", tr {
      en = ("%s.lua is %d KiB; an exercise file may have at most %d KiB"),
      zh = ("%s.lua 有 %d KiB；练习文件最多 %d KiB") }
      :format(ex.name, #src // 1024, MAX_SOURCE // 1024))
  end
  local env = student_env()
  local chunk, err = load(src, "=" .. ex.name .. ".lua", "t", env)
  if not chunk then return result("error", err) end
  H.student_reset(BUDGET)
  local r = table.pack(H.student(chunk))
  if not r[1] then return result("error", r[2]) end
  local fn = rawget(env, ex.name)
  if type(fn) ~= "function" and type(r[2]) == "function" then fn = r[2] end
  if type(fn) ~= "function" then
    return result("error", tr {
      en = ("%s.lua does not define the function %s (write `function %s(...)`)"),
      zh = ("%s.lua 没有定义函数 %s（请写 `function %s(...)`）") }
      :format(ex.name, ex.name, ex.name))
  end
  if ex.check then
    local function call(...)
      local got = table.pack(H.student(fn, ...))
      if not got[1] then error({ [STUDENT] = got[2] }, 0) end
      return table.unpack(got, 2, got.n)
    end
    local ok, verdict, msg = pcall(ex.check, call)
    if not ok then
      if type(verdict) == "table" and verdict[STUDENT] then
        return result("error", verdict[STUDENT])
      end
      error(verdict, 0)                 -- the lesson's own error
    end
    if verdict then
      return result("pass", msg and tr(msg) or tr { en = "all checks passed",
                                                    zh = "全部检查通过" }, 1, 1)
    end
    return result("fail", msg and tr(msg) or tr { en = "the check failed",
                                                  zh = "检查未通过" }, 0, 1)
  end
  local cases, trials = ex.cases or {}, ex.random and (ex.trials or 100) or 0
  local total, done, tol = #cases + trials, 0, ex.tol or 1e-9
  for _, args in ipairs(cases) do
    local bad = one_case(ex, fn, args, done, total, tol)
    if bad then return bad end
    done = done + 1
  end
  local R = generator(ex.name)
  for _ = 1, trials do
    local args = ex.random(R)
    if type(args) ~= "table" then
      error(("exercise '%s': random must return a list of arguments, got %s")
        :format(ex.name, type(args)), 0)
    end
    local bad = one_case(ex, fn, args, done, total, tol)
    if bad then return bad end
    done = done + 1
  end
  return result("pass", tr { en = ("all %d tests passed"), zh = ("全部 %d 项测试通过") }
    :format(total), total, total)
end

-- Returns what the front-end shows of an exercise, in the language now.
function H.exercise_view(ex, res)
  local hints = {}
  for i, h in ipairs(ex.hints or {}) do hints[i] = tr(h) end
  return {
    name = ex.name, title = tr(ex.title), statement = tr(ex.statement),
    stub = tr(ex.stub), solution = tr(ex.solution), hints = hints,
    status = res and res.status or nil, message = res and res.message or nil,
    passed = res and res.passed or 0, total = res and res.total or 0,
  }
end
