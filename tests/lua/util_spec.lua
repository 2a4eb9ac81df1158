-- SPDX-License-Identifier: MIT
-- lua/nnt/util.lua: grids, statistics, fits and number formatting.
describe("nnt util", function()
  local nnt

  before_each(function()
    nnt = {}
    assert(loadfile("lua/nnt/util.lua"))(nnt, {})
  end)

  it("linspace includes both ends exactly", function()
    local t = nnt.linspace(-1, 1, 5)
    assert.same({ -1, -0.5, 0, 0.5, 1 }, t)
    assert.same({ 3 }, nnt.linspace(3, 7, 1))
  end)

  it("linspace refuses a bad count at the caller", function()
    assert.has_error(function() nnt.linspace(0, 1, 0) end)
    local ok, msg = pcall(nnt.linspace, 0, 1, 2.5)
    assert.is_false(ok)
    assert.truthy(msg:find("positive integer", 1, true))
  end)

  it("logspace spaces exponents evenly", function()
    local t = nnt.logspace(-2, 1, 4)
    assert.near(0.01, t[1], 1e-15)
    assert.near(0.1, t[2], 1e-15)
    assert.near(1, t[3], 1e-15)
    assert.near(10, t[4], 1e-12)
  end)

  it("mean and var agree with hand computation", function()
    local xs = { 2, 4, 4, 4, 5, 5, 7, 9 }
    assert.equal(5, nnt.mean(xs))
    assert.equal(4, nnt.var(xs))
    assert.near(32 / 7, nnt.var(xs, 1), 1e-12)
    assert.is_nil(nnt.mean({}))
  end)

  it("fit_line recovers an exact line and a slope of -1 on log-log", function()
    local s, b, r2 = nnt.fit_line({ 0, 1, 2, 3 }, { 1, 3, 5, 7 })
    assert.near(2, s, 1e-12)
    assert.near(1, b, 1e-12)
    assert.near(1, r2, 1e-12)
    local lx, ly = {}, {}
    for i, B in ipairs { 1, 8, 32, 128 } do
      lx[i], ly[i] = math.log(B, 10), math.log(3 / B, 10)
    end
    assert.near(-1, (nnt.fit_line(lx, ly)), 1e-12)
  end)

  it("fit_line refuses mismatched or constant x", function()
    assert.has_error(function() nnt.fit_line({ 1, 2 }, { 1 }) end)
    assert.has_error(function() nnt.fit_line({ 1, 1 }, { 1, 2 }) end)
  end)

  it("argmin finds the first smallest", function()
    local i, v = nnt.argmin { 3, 1, 2, 1 }
    assert.equal(2, i)
    assert.equal(1, v)
  end)

  it("map passes the index", function()
    assert.same({ 11, 22 }, nnt.map({ 10, 20 }, function(x, i) return x + i end))
  end)

  it("fmt gives short, honest numbers", function()
    assert.equal("0.1235", nnt.fmt(0.123456))
    assert.equal("1.5", nnt.fmt(1.5))
    assert.equal("2", nnt.fmt(2.0))
    assert.equal("1e-7", nnt.fmt(1e-7))
    assert.equal("1.5e20", nnt.fmt(1.5e20))
    assert.equal("0", nnt.fmt(-0.0))
    assert.equal("NaN", nnt.fmt(0 / 0))
    assert.equal("∞", nnt.fmt(math.huge))
    assert.equal("3.142", nnt.fmt(math.pi))
    assert.equal("3.14159", nnt.fmt(math.pi, 6))
  end)
end)
