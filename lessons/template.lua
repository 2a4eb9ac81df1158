-- SPDX-License-Identifier: MIT
-- The template lesson: every part of the lesson API in one small, real
-- experiment (fitting a line to noisy points).  Copy it to start a lesson:
--   cp lessons/template.lua ~/.local/share/nntutor/lessons/mine.lua
-- then change the id, and try it with `nntutor check mine`.

-- A plugin is loaded once, at the top, as a Lua module.  Its functions take
-- one table of named arguments and return a table of named results.
local tp = nnt.plugin "template"

-- Helpers shared by several steps are plain local functions.
--
-- Series are told apart by more than colour: series 1, 2, 3 … get the
-- markers •, ○, ◆, ▲, ×, +, ■, ◇ and solid, dashed, dotted, dash-dot lines
-- (ASCII: *, o, +, x, …), in the order of the list, on screen and in SVG.
-- Put the points first and the lines after; a line of a chart with several
-- series carries its marker every few columns. Points are cell-sized
-- markers while they are few (at most 200, one per 6 cells of the plot)
-- and braille dots beyond: marks = "cells" or "dots" forces either.
local function line_chart(r, title)
  local gx = { 0, 1 }
  local gy = { r.fit_intercept, r.fit_slope + r.fit_intercept }
  return {
    kind = "line", title = title, xlabel = "x", ylabel = "y",
    marks = "auto",                   -- the default; "cells" | "dots"
    series = {
      { name = { en = "data", zh = "数据" }, x = r.x, y = r.y, style = "points" },
      { name = { en = "fit", zh = "拟合" }, x = gx, y = gy },
      { name = { en = "true", zh = "真实" }, x = gx, y = { 1, 3 } },
    },
  }
end

-- An exercise: the student writes a small Lua function in their editor;
-- the tutor checks it against a reference on fixed cases and random
-- inputs, in a sandbox of its own.  A step presents it with
-- ui:exercise "ls_slope"; `nntutor check` makes sure the solution passes
-- and the stub fails.
local ls_slope = {
  name = "ls_slope",            -- the function to write, and the file ls_slope.lua
  title = { en = "The least-squares slope", zh = "最小二乘斜率" },
  statement = {
    en = "Write `ls_slope(xs, ys)`: the slope of the least-squares line "
      .. "through the points (xs[i], ys[i]), that is "
      .. "Σ(x − x̄)(y − ȳ) / Σ(x − x̄)². The lists have the same length, at "
      .. "least 2, and not all x are equal.",
    zh = "写出 `ls_slope(xs, ys)`：过点 (xs[i], ys[i]) 的最小二乘直线的斜率，"
      .. "即 Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²。两个列表等长，至少 2 个元素，"
      .. "且 x 不全相等。",
  },
  stub = {
    en = "-- xs, ys: lists of numbers of the same length\n"
      .. "function ls_slope(xs, ys)\n  return 0\nend\n",
    zh = "-- xs, ys：等长的数字列表\n"
      .. "function ls_slope(xs, ys)\n  return 0\nend\n",
  },
  solution = [[
function ls_slope(xs, ys)
  local n, mx, my = #xs, 0, 0
  for i = 1, n do mx, my = mx + xs[i] / n, my + ys[i] / n end
  local sxy, sxx = 0, 0
  for i = 1, n do
    sxy = sxy + (xs[i] - mx) * (ys[i] - my)
    sxx = sxx + (xs[i] - mx) ^ 2
  end
  return sxy / sxx
end
]],
  hints = {
    { en = "First compute the means x̄ and ȳ in one loop.",
      zh = "先用一个循环算出均值 x̄ 和 ȳ。" },
    { en = "In a second loop add up (x − x̄)(y − ȳ) and (x − x̄)²; "
        .. "return their ratio.",
      zh = "再用第二个循环累加 (x − x̄)(y − ȳ) 和 (x − x̄)²，返回两者之比。" },
  },
  -- the expected result for the same arguments (here the nnt helper)
  reference = function(xs, ys) return (nnt.fit_line(xs, ys)) end,
  -- fixed inputs, edge cases first
  cases = {
    { { 0, 1 }, { 0, 1 } },
    { { 1, 2, 3 }, { 5, 5, 5 } },             -- a flat line: slope 0
    { { -1, 0, 1 }, { 3, 1, -1 } },           -- a falling line
    { { 1e6, 1e6 + 1, 1e6 + 2 }, { 0, 2, 4 } },  -- large x: centre first
  },
  -- random inputs (R.uniform, R.normal, R.int, R.vector, R.matrix)
  random = function(R)
    local n = R.int(2, 30)
    return { R.vector(n, -5, 5), R.vector(n, -5, 5) }
  end,
  trials = 100,
  tol = 1e-9,                   -- |got − want| ≤ tol·(1 + |want|)
}

return nnt.lesson {
  id = "template",
  title = { en = "Template: how a lesson is made",
            zh = "模板：一节课是怎样写成的" },
  summary = { en = "Fit a line to noisy points, using every part of the API.",
              zh = "用全部课程接口，把一条直线拟合到带噪声的点上。" },
  seed = 2024,    -- default seed; --seed N overrides it
  exercises = { ls_slope },
  -- the written answer to the lesson's exercise, as a student would hand
  -- it in: shown at the end of --plain, on the summary and in --report
  answer = {
    en = "**Is the least-squares slope a good estimate of the true one?** "
      .. "Yes. With y = 2x + 1 + ε and noise ε of mean 0, the fitted slope "
      .. "Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² is unbiased: its errors average to 0 "
      .. "over data sets, and its standard error σ / √Σ(x − x̄)² shrinks as "
      .. "points are added or the noise drops (step 2 checks the fit "
      .. "against 4 standard errors; step 6 lets you watch the spread).\n\n"
      .. "The residuals of a fit with an intercept sum to exactly 0, and "
      .. "their spread estimates σ (step 3).",
    zh = "**最小二乘斜率是真实斜率的好估计吗？** 是的。当 y = 2x + 1 + ε 且噪声 ε "
      .. "均值为 0 时，拟合斜率 Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² 是无偏的：在许多组数据上"
      .. "它的误差平均为 0，标准误 σ / √Σ(x − x̄)² 随点数增加或噪声减小而变小（第 2 步"
      .. "用 4 个标准误检验拟合；第 6 步可以看到它的波动）。\n\n"
      .. "带截距的拟合，其残差之和恰好为 0，残差的离散程度可以估计 σ（第 3 步）。",
  },
  steps = {
    {
      title = { en = "Welcome", zh = "欢迎" },
      run = function(ui)
        ui:say {
          en = "This lesson is a **template**: a small, real experiment that "
            .. "uses every part of the lesson API. Each step is a Lua "
            .. "function `run(ui)`; nntutor runs it again whenever the "
            .. "student comes back, with the same seed.\n\n"
            .. "- `ui:say` shows text like this\n"
            .. "- `ui:chart` draws a chart\n"
            .. "- `ui:claim` states what the experiment just verified\n"
            .. "- `ui:quiz` asks, `ui:explore` gives sliders, choices and switches\n"
            .. "- `ui:exercise` has the student write a function",
          zh = "这节课是一个**模板**：一个真实的小实验，用到了课程接口的每一部分。"
            .. "每一步都是一个 Lua 函数 `run(ui)`；学生回到这一步时，"
            .. "本程序会用同一个种子重新运行它。\n\n"
            .. "- `ui:say` 显示像这样的文字\n"
            .. "- `ui:chart` 画图\n"
            .. "- `ui:claim` 陈述实验刚刚验证的结论\n"
            .. "- `ui:quiz` 提问，`ui:explore` 提供滑块、选项和开关\n"
            .. "- `ui:exercise` 让学生自己写一个函数",
        }
        ui:wait()
      end,
    },
    {
      title = { en = "Noisy points and a fitted line", zh = "带噪声的点与拟合直线" },
      run = function(ui)
        local r = tp.noisy_line { n = 60, slope = 2, intercept = 1, noise = 0.3 }
        ui:say {
          en = "The plugin drew 60 points from y = 2x + 1 plus Gaussian noise "
            .. "(σ = 0.3) and fitted a least-squares line.",
          zh = "插件从 y = 2x + 1 加上高斯噪声（σ = 0.3）中抽取了 60 个点，"
            .. "并用最小二乘法拟合了一条直线。",
        }
        ui:chart(line_chart(r, { en = "Least squares fit", zh = "最小二乘拟合" }))
        -- the slope's standard error is σ / √Σ(x − x̄)²: a fair yardstick
        local mx, sxx = nnt.mean(r.x), 0
        for i = 1, #r.x do sxx = sxx + (r.x[i] - mx) ^ 2 end
        local se = 0.3 / math.sqrt(sxx)
        ui:claim({
          en = ("The fitted slope %s is within 4 standard errors (4 × %s) "
                .. "of the true slope 2."):format(nnt.fmt(r.fit_slope),
                                                 nnt.fmt(se, 2)),
          zh = ("拟合斜率 %s 与真实斜率 2 的差不到 4 个标准误（4 × %s）。")
            :format(nnt.fmt(r.fit_slope), nnt.fmt(se, 2)),
        }, math.abs(r.fit_slope - 2) < 4 * se)
        ui:exercise "ls_slope"  -- now the student computes a slope
      end,
    },
    {
      title = { en = "Residuals", zh = "残差" },
      run = function(ui)
        local r = tp.noisy_line { n = 400, slope = 2, intercept = 1, noise = 0.3 }
        local res = nnt.array(#r.x)
        for i = 1, #r.x do
          res[i] = r.y[i] - (r.fit_slope * r.x[i] + r.fit_intercept)
        end
        local s = tp.stats { values = res }
        ui:say {
          en = "A least-squares line with an intercept leaves residuals that "
            .. "sum to zero, and their spread estimates the noise.",
          zh = "带截距的最小二乘直线留下的残差之和为零，残差的离散程度可以估计噪声。",
        }
        ui:chart { kind = "histogram", values = res, bins = 20,
                   title = { en = "Residuals", zh = "残差" }, xlabel = "y − ŷ" }
        ui:claim({ en = "The residuals average to zero (|mean| < 1e-12).",
                   zh = "残差的平均值为零（|均值| < 1e-12）。" },
                 math.abs(s.mean) < 1e-12)
        ui:claim({
          en = ("Their standard deviation %s is close to σ = 0.3.")
            :format(nnt.fmt(math.sqrt(s.var))),
          zh = ("残差的标准差 %s 接近 σ = 0.3。"):format(nnt.fmt(math.sqrt(s.var))),
        }, math.abs(math.sqrt(s.var) - 0.3) < 0.05)
      end,
    },
    {
      title = { en = "A landscape", zh = "一个地形图" },
      run = function(ui)
        local g = tp.grid { n = 41, kind = "bowl" }
        local best, bi, bj = math.huge, 0, 0
        for i = 1, #g.y do
          for j = 1, #g.x do
            if g.z[i][j] < best then best, bi, bj = g.z[i][j], i, j end
          end
        end
        ui:say {
          en = "A heatmap shows a function of two parameters; contour lines "
            .. "join points of equal height. This bowl is x² + y², so its "
            .. "contours are circles: `aspect = 1` draws one unit of y as long "
            .. "as one unit of x, and they look round.",
          zh = "热力图展示两个参数的函数；等高线连接高度相同的点。这个碗是 x² + y²，"
            .. "等高线是圆：`aspect = 1` 让 y 的一个单位与 x 的一个单位一样长，"
            .. "圆看起来才是圆的。",
        }
        -- aspect = 1: equal units on both axes (the shape of the data is
        -- kept; the plot area shrinks, the ranges do not change)
        ui:chart { kind = "heatmap", x = g.x, y = g.y, z = g.z, contours = 6,
                   mark = { g.x[bj], g.y[bi] }, aspect = 1,
                   title = { en = "x² + y²", zh = "x² + y²" },
                   xlabel = "x", ylabel = "y" }
        ui:claim({ en = "The lowest grid point is the centre (0, 0).",
                   zh = "网格上的最低点是中心 (0, 0)。" },
                 g.x[bj] == 0 and g.y[bi] == 0)
      end,
    },
    {
      title = { en = "Two questions", zh = "两个问题" },
      run = function(ui)
        ui:quiz {
          question = { en = "With more noise on y, what happens to the fitted slope?",
                       zh = "如果 y 上的噪声更大，拟合斜率会怎样？" },
          choices = { { en = "It is always exactly 2", zh = "总是恰好等于 2" },
                      { en = "It scatters more around 2", zh = "在 2 附近波动得更厉害" },
                      { en = "It drifts towards 0", zh = "向 0 偏移" } },
          answer = 2,
          explain = { en = "Least squares stays unbiased; its variance grows with σ².",
                      zh = "最小二乘估计仍然无偏，但方差随 σ² 增大。" },
          -- why each wrong choice is wrong, shown when the student picks it
          why = {
            [1] = { en = "Only noise-free points give exactly 2; noise moves every fit.",
                    zh = "只有没有噪声的点才能恰好得到 2；噪声会让每次拟合都有偏差。" },
            [3] = { en = "Noise on y does not bias the slope; only noise on x would pull it towards 0.",
                    zh = "y 上的噪声不会使斜率有偏；只有 x 上的噪声才会把它拉向 0。" },
          },
        }
        ui:quiz {
          question = { en = "Which call states a result the experiment checked?",
                       zh = "哪个调用陈述经实验检验的结论？" },
          choices = { "ui:say", "ui:claim", "ui:wait" },
          answer = 2,
          explain = { en = "A false claim makes `nntutor check` fail.",
                      zh = "错误的结论会让 `nntutor check` 失败。" },
          why = {
            [1] = { en = "ui:say only shows text; nothing is checked.",
                    zh = "ui:say 只显示文字，不检验任何东西。" },
            [3] = { en = "ui:wait only pauses until the student goes on.",
                    zh = "ui:wait 只是暂停，等学生继续。" },
          },
        }
      end,
    },
    {
      title = { en = "Explore", zh = "动手探索" },
      run = function(ui)
        ui:say {
          en = "Move the sliders: fewer points or more noise make the fit "
            .. "less certain. The choice picks the true line, the switch "
            .. "shows or hides the fit. The axes hold still while you move "
            .. "(they grow when the data leave them; `f` fits them again).",
          zh = "拖动滑块：点越少或噪声越大，拟合越不确定。选项决定真实直线，"
            .. "开关显示或隐藏拟合直线。移动时坐标轴保持不动（数据超出时才扩大；"
            .. "按 `f` 重新适配）。",
        }
        -- three kinds of control: a slider { name, min, max, step, value },
        -- a choice { name, choices, value } (draw gets the chosen name;
        -- labels say how each is shown) and a switch { name, value =
        -- true | false } (draw gets true or false)
        local slopes = { flat = 0, rising = 2, steep = 5 }
        ui:explore {
          params = {
            { name = "n", min = 5, max = 200, step = 5, value = 60,
              label = { en = "points", zh = "点数" } },
            { name = "noise", min = 0, max = 1, step = 0.05, value = 0.3,
              label = { en = "noise σ", zh = "噪声 σ" } },
            { name = "line", choices = { "flat", "rising", "steep" }, value = "rising",
              labels = { flat = { en = "flat", zh = "水平" },
                         rising = { en = "rising", zh = "上升" },
                         steep = { en = "steep", zh = "陡峭" } },
              label = { en = "true line", zh = "真实直线" } },
            { name = "fit", value = true, label = { en = "fitted line", zh = "拟合直线" } },
          },
          draw = function(p)
            local slope = slopes[p.line]
            local r = tp.noisy_line { n = p.n, slope = slope, intercept = 1,
                                      noise = p.noise }
            local c = line_chart(r, {
              en = ("n = %d, σ = %s: slope %s (true %d)"):format(p.n, nnt.fmt(p.noise),
                                                                 nnt.fmt(r.fit_slope), slope),
              zh = ("n = %d，σ = %s：斜率 %s（真实值 %d）"):format(p.n, nnt.fmt(p.noise),
                                                                  nnt.fmt(r.fit_slope), slope),
            })
            if not p.fit then table.remove(c.series, 2) end
            ui:chart(c)
          end,
        }
      end,
    },
    {
      title = { en = "Summary", zh = "小结" },
      run = function(ui)
        local r = tp.noisy_line { n = 60, slope = 2, intercept = 1, noise = 0.3 }
        ui:chart { kind = "bar",
                   title = { en = "Fitted minus true", zh = "拟合值减真实值" },
                   labels = { { en = "slope", zh = "斜率" },
                              { en = "intercept", zh = "截距" } },
                   values = { r.fit_slope - 2, r.fit_intercept - 1 } }
        ui:say {
          en = "That is the whole API. Write your own lesson next to this one "
            .. "and run `nntutor check` on it.",
          zh = "这就是全部接口。在这节课旁边写你自己的课，然后对它运行 `nntutor check`。",
        }
      end,
    },
  },
}
