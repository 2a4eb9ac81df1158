-- SPDX-License-Identifier: MIT
-- lua/nnt/exercise.lua and ui:exercise: declaring, presenting and checking
-- exercises.  H.student is the C sandbox in nntutor; here a pcall stands in
-- (the budget and the isolation are tested end to end in tests/exercise.sh).
describe("exercises", function()
  local nnt, H

  before_each(function()
    nnt = {
      lang = "en",
      tr = function(t)
        if type(t) == "table" then return t.en or t.zh end
        return t
      end,
    }
    H = { token = {} }
    H.student = function(f, ...) return pcall(f, ...) end
    H.student_reset = function() end
    assert(loadfile("lua/nnt/exercise.lua"))(nnt, H)
    assert(loadfile("lua/nnt/lesson.lua"))(nnt, H)
  end)

  local function step() return { title = "s", run = function() end } end

  local function double()
    return {
      name = "double", title = "Double", statement = "Return 2x.",
      stub = "function double(x)\n  return 0\nend\n",
      solution = "function double(x)\n  return 2 * x\nend\n",
      hints = { "multiply", "by two" },
      reference = function(x) return 2 * x end,
      cases = { { 0 }, { 1 }, { -3 } },
      random = function(R) return { R.uniform(-5, 5) } end,
      trials = 20,
    }
  end

  it("accepts exercises and names the field that is wrong", function()
    local ok = pcall(nnt.lesson, { id = "x", title = "t", steps = { step() },
                                   exercises = { double() } })
    assert.is_true(ok)
    local function with(f)
      local e = double()
      f(e)
      return { id = "x", title = "t", steps = { step() }, exercises = { e } }
    end
    local cases = {
      { with(function(e) e.name = "two words" end), "exercises[1].name" },
      { with(function(e) e.stub = nil end), "'stub' must be text" },
      { with(function(e) e.reference = nil end), "either 'reference'" },
      { with(function(e) e.check = function() end end), "either 'reference'" },
      { with(function(e) e.cases, e.random = nil, nil end), "needs 'cases'" },
      { with(function(e) e.trials = -1 end), "'trials'" },
      { with(function(e) e.tol = "small" end), "'tol'" },
      { with(function(e) e.hints = { 3 } end), "hints[1]" },
      { with(function(e) e.extra = 1 end), "unknown field 'extra'" },
    }
    for _, c in ipairs(cases) do
      local good, msg = pcall(nnt.lesson, c[1])
      assert.is_false(good)
      assert.truthy(msg:find(c[2], 1, true), msg)
    end
    local good, msg = pcall(nnt.lesson, { id = "x", title = "t", steps = { step() },
                                          exercises = { double(), double() } })
    assert.is_false(good)
    assert.truthy(msg:find("two exercises are called 'double'", 1, true), msg)
  end)

  it("passes the solution and fails the stub with the first failing input", function()
    local e = double()
    local r = H.exercise_check(e, e.solution)
    assert.equal("pass", r.status)
    assert.equal(23, r.total)
    r = H.exercise_check(e, e.stub)
    assert.equal("fail", r.status)
    assert.equal(1, r.passed)                  -- double(0) = 0 is right
    assert.truthy(r.message:find("double(1) returned 0, expected 2", 1, true), r.message)
  end)

  it("reports errors with the line in the student's file", function()
    local e = double()
    local r = H.exercise_check(e, "function double(x)\n  return x +\nend\n")
    assert.equal("error", r.status)
    assert.truthy(r.message:find("double.lua:3:", 1, true), r.message)
    r = H.exercise_check(e, "function double(x)\n  return nil + 1\nend\n")
    assert.equal("error", r.status)
    assert.truthy(r.message:find("double.lua:2:", 1, true), r.message)
    r = H.exercise_check(e, "function twice(x) return 2 * x end\n")
    assert.equal("error", r.status)
    assert.truthy(r.message:find("does not define the function double", 1, true), r.message)
    r = H.exercise_check(e, "return function(x) return 2 * x end\n")
    assert.equal("pass", r.status)
  end)

  it("compares tables element by element, with a tolerance, nan and inf", function()
    local e = double()
    e.name, e.reference = "rows", function(m)
      return { { m[1][1] * 2, 0 / 0 }, { math.huge, 1 } }
    end
    e.cases, e.random = { { { { 1.5 } } } }, nil
    local ok = "function rows(m) return { { m[1][1] * 2 + 1e-12, 0/0 }, { 1/0, 1 } } end"
    assert.equal("pass", H.exercise_check(e, ok).status)
    local r = H.exercise_check(e, "function rows(m) return { { 3, 0/0 }, { 1/0, 2 } } end")
    assert.equal("fail", r.status)
    assert.truthy(r.message:find("[2][2] is 2, expected 1", 1, true), r.message)
    r = H.exercise_check(e, "function rows(m) return { { 3, 0/0 } } end")
    assert.equal("fail", r.status)
    assert.truthy(r.message:find("with 1 elements", 1, true), r.message)
    r = H.exercise_check(e, "function rows(m) return 3 end")
    assert.equal("fail", r.status)
  end)

  it("gives the student copies, and a fresh environment every check", function()
    local e = double()
    e.reference = function(t) return t[1] end
    e.cases, e.random = { { { 5 } } }, nil
    local r = H.exercise_check(e, "function double(t) t[1] = 99 return 5 end")
    assert.equal("pass", r.status)            -- the reference saw 5, not 99
    H.exercise_check(e, "leaked = 1\nfunction double(t) return t[1] end")
    r = H.exercise_check(e, "function double(t) return leaked or t[1] end")
    assert.equal("pass", r.status)
    r = H.exercise_check(e, "function double(t) math.floor = nil return t[1] end")
    assert.equal("pass", r.status)
    assert.is_function(math.floor)           -- the lesson's math is intact
    r = H.exercise_check(e, "function double(t) return nnt or os or io or load or 5 end")
    assert.equal("pass", r.status)           -- none of them are there
  end)

  it("draws the same random inputs every time", function()
    local seen = {}
    local e = double()
    e.cases, e.trials = {}, 5
    e.reference = function(x) seen[#seen + 1] = x return 2 * x end
    H.exercise_check(e, e.solution)
    local first = { table.unpack(seen) }
    seen = {}
    H.exercise_check(e, e.solution)
    assert.same(first, seen)
    for _, x in ipairs(first) do assert.is_true(x >= -5 and x <= 5) end
  end)

  it("a custom check gets a call into the student's code", function()
    local e = double()
    e.reference, e.cases, e.random = nil, nil, nil
    e.check = function(call)
      if call(2) ~= 4 then return false, "double(2) should be 4" end
      return true
    end
    assert.equal("pass", H.exercise_check(e, e.solution).status)
    local r = H.exercise_check(e, e.stub)
    assert.equal("fail", r.status)
    assert.equal("double(2) should be 4", r.message)
    r = H.exercise_check(e, "function double(x) error('boom') end")
    assert.equal("error", r.status)
    assert.truthy(r.message:find("boom", 1, true))
  end)

  it("ui:exercise yields the exercise, checks on request, returns passed", function()
    local l = nnt.lesson { id = "x", title = "t", steps = { step() },
                           exercises = { double() } }
    local ui = H.newui(l)
    local co = coroutine.create(function() return ui:exercise "double" end)
    local _, tok, kind, view = coroutine.resume(co)
    assert.equal(H.token, tok)
    assert.equal("exercise", kind)
    assert.equal("double", view.name)
    assert.same({ "multiply", "by two" }, view.hints)
    assert.is_nil(view.status)
    local _, _, _, v2 = coroutine.resume(co, "check", l.exercises[1].stub)
    assert.equal("fail", v2.status)
    local _, _, _, v3 = coroutine.resume(co, "check", l.exercises[1].solution)
    assert.equal("pass", v3.status)
    local _, passed = coroutine.resume(co)
    assert.is_true(passed)
    local ok, msg = pcall(function() H.newui(l):exercise "nope" end)
    assert.is_false(ok)
    assert.truthy(msg:find("no exercise 'nope'", 1, true), msg)
  end)

  it("ui:quiz passes a reason per wrong choice and refuses bad keys", function()
    local ui = H.newui()
    local co = coroutine.create(function()
      return ui:quiz { question = "q", choices = { "a", "b", "c" }, answer = 2,
                       why = { [1] = { en = "not a" }, [3] = "not c" } }
    end)
    local _, _, kind, q = coroutine.resume(co)
    assert.equal("quiz", kind)
    assert.same({ [1] = "not a", [3] = "not c" }, q.why)
    for _, bad in ipairs { { [2] = "the answer" }, { [4] = "x" }, { a = "x" }, { [1] = 5 } } do
      local ok, msg = pcall(ui.quiz, ui, { question = "q", choices = { "a", "b", "c" },
                                          answer = 2, why = bad })
      assert.is_false(ok)
      assert.truthy(msg:find("why", 1, true), msg)
    end
  end)
end)
