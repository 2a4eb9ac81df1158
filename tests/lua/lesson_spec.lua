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

  -- Runs ui:explore{params, draw} in a coroutine up to its first
  -- "explore" pause; returns the coroutine, the controls it yielded and
  -- the list of what draw(p) saw (p copied).
  local function open_explore(params, presets)
    local ui, seen = H.newui(), {}
    H.presets = presets
    local co = coroutine.create(function()
      return ui:explore {
        params = params,
        draw = function(p)
          local c = {}
          for k, v in pairs(p) do c[k] = v end
          seen[#seen + 1] = c
        end,
      }
    end)
    assert(coroutine.resume(co))        -- "draw"
    local _, _, kind, controls = coroutine.resume(co)
    assert.equal("explore", kind)
    return co, controls, seen
  end

  it("a choice gives draw the chosen name and the front-end an index", function()
    local co, c, seen = open_explore {
      { name = "norm", choices = { "none", "bn", "ln" }, value = "bn",
        labels = { bn = { en = "batch norm", zh = "批归一化" } }, label = "normaliser" },
    }
    assert.equal("bn", seen[1].norm)
    assert.equal("choice", c[1].kind)
    assert.same({ "none", "batch norm", "ln" }, c[1].choices)
    assert.equal(0, c[1].min)
    assert.equal(2, c[1].max)
    assert.equal(1, c[1].step)
    assert.equal(1, c[1].value)         -- "bn", counted from 0
    assert.equal("normaliser", c[1].label)
    coroutine.resume(co, "norm", 2)
    coroutine.resume(co)
    assert.equal("ln", seen[2].norm)
    coroutine.resume(co, "norm", 7)     -- out of range: stays
    coroutine.resume(co)
    assert.equal("ln", seen[3].norm)
    local _, p = coroutine.resume(co)
    assert.equal("ln", p.norm)
  end)

  it("a choice without a value starts at its first name", function()
    local _, c, seen = open_explore { { name = "loss", choices = { "mse", "ce" } } }
    assert.equal("mse", seen[1].loss)
    assert.equal(0, c[1].value)
  end)

  it("a switch gives draw true or false", function()
    local co, c, seen = open_explore {
      { name = "fit", value = true, label = { en = "fitted line" } },
      { name = "bn", value = false },
    }
    assert.is_true(seen[1].fit)
    assert.is_false(seen[1].bn)
    assert.equal("bool", c[1].kind)
    assert.equal(1, c[1].value)
    assert.equal(0, c[2].value)
    assert.equal(1, c[2].max)
    coroutine.resume(co, "fit", 0)
    coroutine.resume(co)
    assert.is_false(seen[2].fit)
  end)

  it("ui:explore opens with the values kept across a language switch", function()
    local co, c, seen = open_explore({
      { name = "x", min = 0, max = 1, step = 0.1, value = 0.5 },
      { name = "norm", choices = { "none", "bn" } },
      { name = "fit", value = true },
    }, { x = 0.73, norm = 1, fit = 0, gone = 3 })
    assert.same({ x = 0.7, norm = "bn", fit = false }, seen[1])
    assert.equal(1, c[2].value)
    assert.is_nil(H.presets)            -- used once
    coroutine.resume(co)
  end)

  it("ui:explore names a bad choice or switch", function()
    local ui = H.newui()
    local cases = {
      { { name = "n", choices = {} }, "choice 'n': choices must be a non-empty list" },
      { { name = "n", choices = "a,b" }, "choice 'n': choices must be a non-empty list" },
      { { name = "n", choices = { "a", 2 } }, "choice 'n': choices[2] must be a non-empty string" },
      { { name = "n", choices = { "a", "a" } }, "choice 'n': two choices are called 'a'" },
      { { name = "n", choices = { "a", "b" }, value = "c" }, "choice 'n': value must be one of its choices (a, b)" },
      { { name = "n", choices = { "a", "b" }, value = 1 }, "choice 'n': value must be one of its choices" },
      { { name = "n", choices = { "a", "b" }, min = 0 }, "choice 'n': a choice takes no min" },
      { { name = "n", choices = { "a" }, labels = { b = "B" } }, "choice 'n': labels has 'b', which is not one of its choices" },
      { { name = "n", choices = { "a" }, labels = { a = 1 } }, "choice 'n': labels.a must be text" },
      { { name = "n", choices = { "a" }, labels = { a = ("x"):rep(200) } }, "choice 'n': the name shown for choice 1 is longer than 120 bytes" },
      { { name = "s", value = true, min = 0 }, "switch 's': a switch (a boolean value) takes no min" },
      { { name = "s", value = true, bool = true }, "control 's': unknown field 'bool'" },
      { { name = "s", min = 0, max = 1, labels = {} }, "control 's': labels name the choices of a choice control" },
      { { name = "s", value = "on" }, "slider 's': min must be a number" },
    }
    for _, c in ipairs(cases) do
      local ok, msg = pcall(ui.explore, ui, { params = { c[1] }, draw = print })
      assert.is_false(ok)
      assert.truthy(msg:find(c[2], 1, true), msg)
    end
    local many = {}
    for i = 1, 65 do many[i] = "c" .. i end
    local ok, msg = pcall(ui.explore, ui, { params = { { name = "m", choices = many } }, draw = print })
    assert.is_false(ok)
    assert.truthy(msg:find("choice 'm': at most 64 choices", 1, true), msg)
    ok, msg = pcall(ui.explore, ui, { params = { { name = "a", value = true }, { name = "a", choices = { "x" } } },
                                      draw = print })
    assert.is_false(ok)
    assert.truthy(msg:find("two controls are called 'a'", 1, true), msg)
  end)
end)
