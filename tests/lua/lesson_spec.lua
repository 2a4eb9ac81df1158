-- SPDX-License-Identifier: MIT
-- lua/nnt/lesson.lua: nnt.lesson's checks and the ui's pauses.
describe("nnt.lesson and ui", function()
  local nnt, H

  before_each(function()
    nnt = {
      tr = function(t)
        if type(t) == "table" then return t.en or t.zh end
        return t
      end,
    }
    H = { token = {}, said = {} }
    H.say = function(_, s) H.said[#H.said + 1] = s end
    assert(loadfile("lua/nnt/lesson.lua"))(nnt, H)
  end)

  local function step() return { title = "s", run = function() end } end

  it("accepts a minimal lesson and marks it", function()
    local l = nnt.lesson { id = "a2_5", title = { en = "L1", zh = "L1" }, steps = { step() } }
    assert.is_true(H.islesson(l))
    assert.is_false(H.islesson({}))
  end)

  it("names the field that is wrong", function()
    local cases = {
      { { title = "t", steps = { step() } }, "'id'" },
      { { id = "bad id", title = "t", steps = { step() } }, "'id'" },
      { { id = "x", steps = { step() } }, "'title'" },
      { { id = "x", title = "t", steps = {} }, "'steps'" },
      { { id = "x", title = "t", steps = { step(), { title = "b" } } }, "steps[2].run" },
      { { id = "x", title = "t", steps = { { run = print } } }, "steps[1].title" },
      { { id = "x", title = "t", steps = { step() }, seed = 1.5 }, "'seed'" },
      { { id = "x", title = "t", steps = { step() }, stpes = 1 }, "unknown field 'stpes'" },
    }
    for _, c in ipairs(cases) do
      local ok, msg = pcall(nnt.lesson, c[1])
      assert.is_false(ok)
      assert.truthy(msg:find(c[2], 1, true), msg)
    end
  end)

  it("ui:wait yields the host token", function()
    local ui = H.newui()
    local co = coroutine.create(function() ui:wait() return "done" end)
    local _, tok, kind = coroutine.resume(co)
    assert.equal(H.token, tok)
    assert.equal("wait", kind)
    local _, r = coroutine.resume(co)
    assert.equal("done", r)
  end)

  it("ui:quiz translates, yields and compares the answer", function()
    local ui = H.newui()
    local co = coroutine.create(function()
      return ui:quiz { question = { en = "2+2?" }, choices = { "3", { en = "4" } },
                       answer = 2, explain = "arithmetic" }
    end)
    local _, tok, kind, q = coroutine.resume(co)
    assert.equal("quiz", kind)
    assert.same({ "3", "4" }, q.choices)
    assert.equal("2+2?", q.question)
    local _, right = coroutine.resume(co, 2)
    assert.is_true(right)
  end)

  it("ui:quiz refuses an answer out of range", function()
    local ui = H.newui()
    local ok, msg = pcall(ui.quiz, ui, { question = "q", choices = { "a", "b" }, answer = 3 })
    assert.is_false(ok)
    assert.truthy(msg:find("'answer'", 1, true))
  end)

  it("ui:explore draws at defaults, then on each snapped change", function()
    local ui, seen = H.newui(), {}
    local co = coroutine.create(function()
      return ui:explore {
        params = { { name = "B", min = 1, max = 128, step = 1, value = 32 },
                   { "lr", 0.01, 1, 0.01, 0.1 } },
        draw = function(p) seen[#seen + 1] = { p.B, p.lr } end,
      }
    end)
    local _, _, kind = coroutine.resume(co)
    assert.equal("draw", kind)          -- the front-end's cue to redraw
    assert.equal(0, #seen)
    local _, _, kind, sliders = coroutine.resume(co)
    assert.equal("explore", kind)
    assert.equal(2, #sliders)
    assert.same({ 32, 0.1 }, seen[1])
    local _, _, k2 = coroutine.resume(co, "B", 63.7)
    assert.equal("draw", k2)
    coroutine.resume(co)
    assert.equal(64, seen[2][1])
    assert.equal("integer", math.type(seen[2][1]))
    coroutine.resume(co, "lr", 5)       -- clamped to max
    coroutine.resume(co)
    assert.near(1, seen[3][2], 1e-12)
    local _, p = coroutine.resume(co)   -- leave
    assert.equal(64, p.B)
  end)

  it("ui:explore names a bad slider", function()
    local ui = H.newui()
    local ok, msg = pcall(ui.explore, ui, { params = { { name = "x", min = 2, max = 1 } },
                                            draw = print })
    assert.is_false(ok)
    assert.truthy(msg:find("slider 'x'", 1, true), msg)
    ok, msg = pcall(ui.explore, ui, { params = { { name = "x", min = 0, max = 1 } } })
    assert.truthy(msg:find("'draw'", 1, true), msg)
  end)
end)
