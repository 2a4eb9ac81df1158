-- SPDX-License-Identifier: MIT
-- A lesson written only from DESIGN.md's Lua API: every call and every
-- chart spec form it documents.  Checked in en, zh and ASCII by the tests.
local tp = nnt.plugin "template"
local function T(en, zh) return { en = en, zh = zh } end

return nnt.lesson {
  id = "design_api", title = T("The documented API", "文档中的接口"),
  steps = {
    { title = T("Charts", "图表"), run = function(ui)
        ui:say(T("**Every** chart kind, with `code` and\n- a bullet", "**每一种**图表，含 `代码` 和\n- 一个要点"))
        local xs, ys = {}, {}
        for i = 1, 50 do xs[i] = i / 10; ys[i] = math.sin(xs[i]) end
        ui:chart { kind = "line", x = xs, y = ys }
        local gx, gy = { 0.1, 5 }, { 0, 0 }
        ui:chart { kind = "line", series = {
                     { name = "B=1", x = xs, y = ys },
                     { name = "data", x = xs, y = ys, style = "points" },
                     { name = T("fit", "拟合"), x = gx, y = gy } },
                   title = T("Title", "标题"), xlabel = "x", ylabel = "y" }
        local lx, ly = {}, {}
        for i = 1, 30 do lx[i] = 2 ^ i; ly[i] = 1 / lx[i] end
        ui:chart { kind = "line", x = lx, y = ly, xlog = true, ylog = true,
                   title = T("log-log", "双对数") }
        ui:chart { kind = "scatter", x = xs, y = ys }
        local g = tp.grid { n = 21, kind = "saddle" }
        ui:chart { kind = "heatmap", x = g.x, y = g.y, z = g.z, contours = 10,
                   title = "saddle", xlabel = "w1", ylabel = "w2" }
        local vs = {}
        for i = 1, 500 do vs[i] = nnt.normal() end
        ui:chart { kind = "histogram", values = vs, bins = 30 }
        ui:chart { kind = "histogram", series = { { name = "a", values = vs },
                                                  { name = "b", values = ys } } }
        ui:chart { kind = "bar", labels = { "w1", "w2", "w3" },
                   values = { 0.3, -0.2, 0 } }
        ui:claim(T("sin is odd", "sin 是奇函数"), math.sin(-1) == -math.sin(1))
        ui:wait()
    end },
    { title = T("Asking", "提问"), run = function(ui)
        local right = ui:quiz { question = T("1 + 1?", "1 + 1 等于几？"),
                                choices = { "1", "2" }, answer = 2,
                                explain = T("Two.", "二。") }
        ui:claim(T("unanswered in plain mode", "纯文本模式下无人作答"), right == false)
        ui:explore { params = { { name = "k", min = 1, max = 5, step = 1, value = 2 } },
                     draw = function(p)
                       local px, py = {}, {}
                       for i = 1, 20 do px[i] = i; py[i] = i ^ p.k end
                       ui:chart { kind = "line", x = px, y = py, ylog = true,
                                  title = ("x^%d"):format(p.k) }
                     end }
        print("printed", #nnt.linspace(0, 1, 11))
    end },
  },
}
