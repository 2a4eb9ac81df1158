-- SPDX-License-Identifier: MIT
-- Lesson a2_5: why L1 regularisation gives sparse weights and L2 small,
-- smooth ones, checked five ways: geometry, the path, the update rule,
-- function space and priors.  Plugin: regularizer.
local R = nnt.plugin "regularizer"

local NAN = 0 / 0

-- Returns x formatted with d significant digits (default 3).
local function f(x, d) return nnt.fmt(x, d or 3) end

-- Returns a ratio as "7.3" or "1400": one decimal below 10, none above.
local function times(x)
  return x < 10 and ("%.1f"):format(x) or ("%.0f"):format(x)
end

-- The lasso path's λ grid (the plugin finds λ_max, the smallest λ with
-- w = 0): 50 values from 1.5 λ_max, so the plot shows the stretch where
-- every w_j = 0, down to λ_max / 1000, evenly in log.
local NLAMBDA, START, EPS = 50, 1.5, 1e-3

-- The step-4 data set: 100 training and 500 test points, 20 features,
-- 5 informative.
local function sparse_problem()
  return R.sparse_data { n = 100, p = 20, k = 5, noise = 1, rho = 0.3,
                         n_test = 500 }
end

-- Returns two line series of a path (informative and null features),
-- each feature a polyline, separated by NaN gaps.
local function path_series(lams, coef, beta)
  local ix, iy, nx, ny = {}, {}, {}, {}
  for j = 1, #beta do
    local tx, ty = ix, iy
    if beta[j] == 0 then tx, ty = nx, ny end
    for i = 1, #lams do
      tx[#tx + 1], ty[#ty + 1] = lams[i], coef[i][j]
    end
    tx[#tx + 1], ty[#ty + 1] = NAN, NAN
  end
  return {
    { name = { en = "informative", zh = "有效特征" }, x = ix, y = iy },
    { name = { en = "null", zh = "无关特征" }, x = nx, y = ny },
  }
end

-- Returns the largest violation of the lasso's optimality conditions at
-- (w, b): g_j = x_j^T r / n must equal λ sign(w_j) where w_j ≠ 0 and lie
-- in [-λ, λ] where w_j = 0.
local function kkt_violation(X, y, w, b, lam)
  local n, p = X:shape()
  local r, worst = {}, 0
  X, y, w = X:totable(), y:totable(), w:totable()   -- plain tables: fast
  for i = 1, n do
    local e = y[i] - b
    for j = 1, p do e = e - X[i][j] * w[j] end
    r[i] = e
  end
  for j = 1, p do
    local g = 0
    for i = 1, n do g = g + X[i][j] * r[i] end
    g = g / n
    local v
    if w[j] ~= 0 then
      v = math.abs(g - lam * (w[j] > 0 and 1 or -1))
    else
      v = math.max(0, math.abs(g) - lam)
    end
    worst = math.max(worst, v)
  end
  return worst
end

-- Returns a "+" marker of half-width r at each point (x[i], y[i]), as
-- one line series' x and y (NaN gaps between the strokes).
local function crosses(x, y, r)
  local cx, cy = {}, {}
  for i = 1, #x do
    for _, v in ipairs { x[i] - r, x[i] + r, NAN, x[i], x[i], NAN } do
      cx[#cx + 1] = v
    end
    for _, v in ipairs { y[i], y[i], NAN, y[i] - r, y[i] + r, NAN } do
      cy[#cy + 1] = v
    end
  end
  return cx, cy
end

-- Returns labels w1 .. wn.
local function wlabels(n)
  local t = {}
  for j = 1, n do t[j] = "w" .. j end
  return t
end

-- Returns soft(z, t) = sign(z)·max(|z| − t, 0) as the plugin computes it
-- (reg_soft, which `shrinkage` evaluates at −r, 0 and r when n = 3).
-- shrinkage takes r in [0.5, 10] and λ in [0, 5], so z and t are first
-- scaled by a power of two, which changes no bit of the answer; when
-- t/s > 5 ≥ |z|/s the answer is 0 at any λ ≥ |z|/s, so λ is capped at 5.
local function soft_reference(z, t)
  local a, s = math.abs(z), 1
  if a == 0 then
    return R.shrinkage { lambda = math.min(t, 5), range = 1, n = 3 }.soft[2]
  end
  while a >= 1 do a, s = a / 2, s * 2 end
  while a < 0.5 do a, s = a * 2, s / 2 end
  local v = R.shrinkage { lambda = math.min(t / s, 5), range = a, n = 3 }
  return (z < 0 and v.soft[1] or v.soft[3]) * s
end

-- Returns the new w_j of one lasso coordinate-descent step on
-- (1/(2n))‖y − Xw‖² + λ‖w‖₁ (no intercept) with the other weights fixed:
-- one sweep of the plugin's own coordinate descent (reg_cd.c) on column j
-- alone, from 0, against the partial residual y − Σ_{k≠j} x_k w_k.  That
-- sweep computes soft(x_jᵀr, nλ) / ‖x_j‖², the plugin's update of w_j.
-- A zero column leaves the fit alone: the penalty is smallest at 0.
local function cd_reference(X, y, w, j, lam)
  local col, r, zero = {}, {}, true
  for i = 1, #X do
    local e = y[i]
    for k = 1, #w do
      if k ~= j then e = e - X[i][k] * w[k] end
    end
    r[i], col[i] = e, { X[i][j] }
    zero = zero and X[i][j] == 0
  end
  if zero then return 0 end
  return R.lasso { X = col, y = r, alpha = lam, intercept = false,
                   max_iter = 1 }.coef[1]
end

local SOFT_THRESHOLD = {
  name = "soft_threshold",
  title = { en = "The soft threshold", zh = "软阈值" },
  statement = {
    en = "Write `soft_threshold(z, t)` for a number z and a threshold "
      .. "t ≥ 0: the **soft threshold**\n\n"
      .. "- S_t(z) = sign(z)·max(|z| − t, 0).\n\n"
      .. "It moves z towards 0 by t, and anything within t of 0 becomes "
      .. "exactly 0: it is the w that minimises ½(w − z)² + t|w|, a "
      .. "squared distance plus an ℓ1 penalty. It is the lasso's answer "
      .. "with orthonormal features (ŵⱼ = S_λ(bⱼ), this step's first "
      .. "chart), the step ISTA takes after each gradient step (step 5), "
      .. "and the heart of coordinate descent (step 4).\n\n"
      .. "Return one number. Mind the edges: |z| = t and z = 0 (both give "
      .. "0), t = 0 (z comes back unchanged) and negative z (the sign "
      .. "stays).",
    zh = "编写 `soft_threshold(z, t)`：对一个数 z 和阈值 t ≥ 0，计算**软阈值**\n\n"
      .. "- S_t(z) = sign(z)·max(|z| − t, 0)。\n\n"
      .. "它把 z 向 0 移动 t，离 0 不到 t 的直接变成 0：它就是使 ½(w − z)² + t|w| "
      .. "最小的 w，即平方距离加上一个 ℓ1 正则化项。正交特征下 lasso 的解就是它"
      .. "（ŵⱼ = S_λ(bⱼ)，即本步的第一张图），ISTA 每走一步梯度之后做的也是它（第 5 步），"
      .. "坐标下降的核心还是它（第 4 步）。\n\n"
      .. "返回一个数。注意边界：|z| = t 和 z = 0（都得 0）、t = 0（z 原样返回）、"
      .. "z 为负（符号保持不变）。",
  },
  stub = {
    en = [[
function soft_threshold(z, t)
  -- z: a number; t >= 0: the threshold
  -- return sign(z) * max(|z| - t, 0)
  return z
end
]],
    zh = [[
function soft_threshold(z, t)
  -- z：一个数；t >= 0：阈值
  -- 返回 sign(z) * max(|z| - t, 0)
  return z
end
]],
  },
  solution = [[
function soft_threshold(z, t)
  if z > t then
    return z - t
  elseif z < -t then
    return z + t
  end
  return 0
end
]],
  hints = {
    { en = "Cut the number line into three parts: z > t, z < −t, and the "
        .. "interval [−t, t] in between. What does S_t give on each part?",
      zh = "把数轴分成三段：z > t、z < −t，以及中间的区间 [−t, t]。"
        .. "S_t 在每一段上各是多少？" },
    { en = "Above t the answer is z − t; below −t it is z + t (moved "
        .. "towards 0 by t, sign kept). Anywhere in [−t, t], the edges "
        .. "|z| = t included, it is exactly 0.",
      zh = "z > t 时结果是 z − t；z < −t 时是 z + t（向 0 移动 t，符号不变）；"
        .. "在 [−t, t] 里（包括 |z| = t 这两个端点）恰好是 0。" },
    { en = "In Lua: `if z > t then return z - t elseif z < -t then return "
        .. "z + t else return 0 end`. (`math.max(math.abs(z) - t, 0)` is the "
        .. "size; do not forget to give it z's sign.)",
      zh = "写成 Lua：`if z > t then return z - t elseif z < -t then return "
        .. "z + t else return 0 end`。（`math.max(math.abs(z) - t, 0)` 只是大小，"
        .. "别忘了乘上 z 的符号。）" },
  },
  reference = soft_reference,
  cases = {
    { 1, 1 }, { -1, 1 }, { 0, 0.5 }, { 0, 0 }, { 2.5, 0 }, { -2.5, 0 },
    { -3, 1 }, { 0.5, 1 }, { -0.3, 0.5 }, { 3, 1 }, { 0.3, 0.5 },
    { 1e6, 0.25 }, { -1e-3, 1e-4 },
  },
  random = function(G)
    local z, t = G.uniform(-3, 3), G.uniform(0, 2)
    local k = G.int(1, 10)
    if k == 1 then t = math.abs(z) elseif k == 2 then t = 0 end
    return { z, t }
  end,
}

local CD_UPDATE = {
  name = "cd_update",
  title = { en = "One coordinate-descent step of the lasso",
            zh = "lasso 的一步坐标下降" },
  statement = {
    en = "**Coordinate descent**, the solver behind the paths above, "
      .. "minimises the lasso objective (scikit-learn's scaling, as in "
      .. "the whole lesson, no intercept)\n\n"
      .. "- L(w) = (1/2n)‖y − Xw‖² + λ‖w‖₁\n\n"
      .. "one weight at a time: keep every wₖ with k ≠ j fixed and set wⱼ "
      .. "to the exact minimiser of L over wⱼ alone.\n\n"
      .. "Write `cd_update(X, y, w, j, lambda)` that returns that new wⱼ "
      .. "(a number). X is a table of n rows with p numbers each, y a "
      .. "table of n targets, w a table of the p current weights, j an "
      .. "index from 1 to p, and lambda = λ ≥ 0. Do not change w: return "
      .. "the new value.\n\n"
      .. "Edges: the new wⱼ can be **exactly 0** (that is the point of the "
      .. "lasso); λ = 0 gives the plain least-squares step for wⱼ; and if "
      .. "column j of X is all zeros, wⱼ does not change the fit at all, "
      .. "so the penalty alone decides: return 0. (The regularizer plugin, "
      .. "like scikit-learn, skips such a column; it starts from w = 0, so "
      .. "that leaves 0 too.)",
    zh = "**坐标下降**（上面那些路径背后的求解器）最小化 lasso 的目标函数"
      .. "（和全课一样用 scikit-learn 的写法，不含偏置）\n\n"
      .. "- L(w) = (1/2n)‖y − Xw‖² + λ‖w‖₁\n\n"
      .. "它每次只动一个权重：固定所有 k ≠ j 的 wₖ，把 wⱼ 设为只看 wⱼ 时 L 的"
      .. "精确最小点。\n\n"
      .. "编写 `cd_update(X, y, w, j, lambda)`，返回这个新的 wⱼ（一个数）。"
      .. "X 是 n 行、每行 p 个数的表，y 是 n 个目标值，w 是当前的 p 个权重，"
      .. "j 是 1 到 p 之间的下标，lambda = λ ≥ 0。不要修改 w，只返回新值。\n\n"
      .. "边界情况：新的 wⱼ 可以**恰好为 0**（这正是 lasso 的意义）；λ = 0 时就是"
      .. "对 wⱼ 的普通最小二乘一步；如果 X 的第 j 列全为 0，wⱼ 完全不影响拟合，"
      .. "只由惩罚项决定：返回 0。（正则化插件和 scikit-learn 一样直接跳过这样的列；"
      .. "它从 w = 0 出发，所以结果同样是 0。）",
  },
  stub = {
    en = [[
function cd_update(X, y, w, j, lambda)
  -- X: n rows of p numbers; y: n targets; w: p weights; 1 <= j <= p
  -- returns the new w[j] that minimises
  --   (1/(2n)) * |y - X w|^2 + lambda * |w|_1
  -- over w[j] alone, the other weights fixed
  return w[j]
end
]],
    zh = [[
function cd_update(X, y, w, j, lambda)
  -- X：n 行、每行 p 个数；y：n 个目标值；w：p 个权重；1 <= j <= p
  -- 返回新的 w[j]：固定其他权重，只对 w[j] 最小化
  --   (1/(2n)) * |y - X w|^2 + lambda * |w|_1
  return w[j]
end
]],
  },
  solution = [[
function cd_update(X, y, w, j, lambda)
  local n, p = #X, #w
  local a, c = 0, 0
  for i = 1, n do
    local r = y[i]                      -- the residual without w[j]
    for k = 1, p do
      if k ~= j then r = r - X[i][k] * w[k] end
    end
    a = a + X[i][j] * X[i][j]
    c = c + X[i][j] * r
  end
  a, c = a / n, c / n
  if a == 0 then return 0 end           -- a zero column: only the penalty
  if c > lambda then
    return (c - lambda) / a
  elseif c < -lambda then
    return (c + lambda) / a
  end
  return 0
end
]],
  hints = {
    { en = "With the other weights fixed, take wⱼ's own term out of the "
        .. "fit: the partial residual rᵢ = yᵢ − Σ_{k≠j} xᵢₖwₖ. Then L, as "
        .. "a function of wⱼ alone, is (a/2)wⱼ² − c·wⱼ + λ|wⱼ| + const. "
        .. "What are a and c?",
      zh = "固定其他权重，把 wⱼ 自己的那一项从拟合里拿出来：部分残差 "
        .. "rᵢ = yᵢ − Σ_{k≠j} xᵢₖwₖ。这样 L 作为 wⱼ 的函数就是 "
        .. "(a/2)wⱼ² − c·wⱼ + λ|wⱼ| + 常数。a 和 c 各是多少？" },
    { en = "a = (1/n) Σᵢ xᵢⱼ² and c = (1/n) Σᵢ xᵢⱼ rᵢ, the data's pull on wⱼ "
        .. "with wⱼ left out (like gⱼ in the KKT conditions above). The "
        .. "minimiser of (a/2)w² − c·w + λ|w| is the soft threshold of c, "
        .. "divided by a: wⱼ = S_λ(c) / a. Mind the 1/n on both.",
      zh = "a = (1/n) Σᵢ xᵢⱼ²，c = (1/n) Σᵢ xᵢⱼ rᵢ，即去掉 wⱼ 之后数据对 wⱼ 的拉力"
        .. "（就像上面 KKT 条件里的 gⱼ）。(a/2)w² − c·w + λ|w| 的最小点是 c 的软阈值"
        .. "再除以 a：wⱼ = S_λ(c) / a。注意两者都有 1/n。" },
    { en = "Loop over the rows: `r = y[i]` minus `X[i][k] * w[k]` for every "
        .. "k ~= j; add `X[i][j]^2` to a and `X[i][j] * r` to c; divide both "
        .. "by n. If a == 0 return 0. Otherwise return S_λ(c)/a: (c − λ)/a "
        .. "if c > λ, (c + λ)/a if c < −λ, else 0. (Each exercise file "
        .. "stands alone: write the threshold out here.)",
      zh = "对每一行循环：`r = y[i]` 减去所有 k ~= j 的 `X[i][k] * w[k]`；"
        .. "把 `X[i][j]^2` 加到 a，`X[i][j] * r` 加到 c；两者都除以 n。"
        .. "若 a == 0 返回 0；否则返回 S_λ(c)/a：c > λ 时为 (c − λ)/a，"
        .. "c < −λ 时为 (c + λ)/a，其余为 0。（每个练习文件各自独立，"
        .. "软阈值要在这里重新写出来。）" },
  },
  reference = cd_reference,
  cases = {
    -- w_1 = 0.8 falls to exactly 0: its pull c = −0.175 is within λ = 0.3
    { { { 1, 2 }, { 2, 0 }, { 0, 1 }, { 1, 1 } }, { 0.2, 0.1, 1, 0.7 },
      { 0.8, 0.6 }, 1, 0.3 },
    -- λ = 0: the plain least-squares step
    { { { 1, 2 }, { 2, 0 }, { 0, 1 }, { 1, 1 } }, { 0.2, 0.1, 1, 0.7 },
      { 0.8, 0.6 }, 1, 0 },
    -- column 2 is all zeros: 0 whatever w_2 was
    { { { 1, 0 }, { -2, 0 }, { 3, 0 } }, { 1, 2, 3 }, { 0.5, -1.5 }, 2, 0.1 },
    { { { 1, 0 }, { -2, 0 }, { 3, 0 } }, { 1, 2, 3 }, { 0.5, -1.5 }, 2, 0 },
    -- one point, one weight: soft(6, 1)/4 = 1.25
    { { { 2 } }, { 3 }, { 0 }, 1, 1 },
    -- a negative answer in the last coordinate
    { { { 1, 0.5, -1 }, { 0, 2, 1 }, { 2, -1, 0 }, { -1, 1, 3 } },
      { 1, -2, 0.5, -3 }, { 0.2, -0.4, 0.1 }, 3, 0.2 },
    -- a weight that starts at 0 and becomes nonzero
    { { { 1, 0.5, -1 }, { 0, 2, 1 }, { 2, -1, 0 }, { -1, 1, 3 } },
      { 1, -2, 0.5, -3 }, { 0, 0, 0 }, 2, 0.2 },
  },
  random = function(G)
    local n, p = G.int(1, 6), G.int(1, 4)
    local X, y = {}, {}
    for i = 1, n do
      X[i] = G.vector(p, -2, 2)
      y[i] = G.uniform(-3, 3)
    end
    local lam = G.int(1, 8) == 1 and 0 or G.uniform(0, 1.5)
    return { X, y, G.vector(p, -1.5, 1.5), G.int(1, p), lam }
  end,
}

-- The exercise answered as a strong student would write it (nndl §7.7).
local ANSWER = {
  en = [[
**Setting (nndl §7.7.1).** ℓ1 regularisation adds λ‖w‖₁ = λΣ|wⱼ| to the loss, ℓ2 regularisation adds (λ/2)‖w‖² = (λ/2)Σwⱼ². Both make large weights expensive; they differ in how hard they pull a weight that is already small.

**Why ℓ1 gives sparse solutions.** The pull of the ℓ1 term on wⱼ is λ·sign(wⱼ): the full λ however small wⱼ is, and at wⱼ = 0 its subgradient is the whole interval [−λ, λ] (step 1's chart). So wⱼ = 0 is optimal whenever the data's pull |gⱼ| = |xⱼᵀr|/n is at most λ: a whole range of data gives an **exact** zero (the KKT check of step 4). The same fact seen three ways:

- geometry: the constraint ‖w‖₁ ≤ t is a diamond with corners on the axes, and the loss's contours often touch it at a corner, where a weight is 0 (step 2's charts; ESL §3.4, Figure 3.11);
- with orthonormal features the lasso is the soft threshold sign(b)(|b| − λ)₊, which sends every |b| ≤ λ to exactly 0 (step 3's chart);
- along the regularisation path the lasso's weights reach 0 and stay there (step 4's path).

The common answer "|w| is not differentiable at 0, so weights are pushed to 0" is not the reason. The smooth Σ√(wⱼ² + ε) is differentiable everywhere and pulls almost as hard, yet its minimiser is never exactly 0 (step 3); and plain subgradient descent on |w| jumps back and forth across 0 by about αλ without landing on it (step 5's chart). What gives exact zeros is the corner: the interval of subgradients at 0, which the soft threshold (ISTA, coordinate descent) meets exactly.

**Why ℓ2 gives small, smooth solutions.** The ℓ2 pull λwⱼ fades as wⱼ nears 0, so weights shrink (by the factor 1/(1 + λ) with orthonormal features, in ESL's scaling) but stop at 0 only by accident (step 3's bars, step 4's ridge path). "Smooth" is about the fitted **function**, not the penalty: small coefficients mean small derivatives, and a degree-12 polynomial fitted with ℓ2 is far less wiggly than the unpenalised one (step 7's chart). ℓ1 smooths too, by switching whole terms off. With two correlated features, at matched strength, ℓ2 splits the weight evenly while ℓ1 often keeps only one (step 6); the elastic net (Zou & Hastie 2005) mixes the two.

**Priors and weight decay.** ℓ2 is the MAP estimate under a Gaussian prior and ℓ1 under a Laplace prior, whose peak at 0 makes the mode exactly 0 though the posterior mean is not (step 10). Under plain SGD the ℓ2 term is the weight decay of nndl §7.7.2: w ← (1 − αλ)w − α∇f. Under Adam the two differ, which is why AdamW applies the decay separately.
]],
  zh = [[
**问题的设定（nndl §7.7.1）。**ℓ1 正则化在损失上加 λ‖w‖₁ = λΣ|wⱼ|，ℓ2 正则化加 (λ/2)‖w‖² = (λ/2)Σwⱼ²。两者都让大的权重变“贵”，区别在于对已经很小的权重拉得有多用力。

**为什么 ℓ1 正则化得到稀疏解。**ℓ1 项对 wⱼ 的拉力是 λ·sign(wⱼ)：不管 wⱼ 多小都是满满的 λ；而在 wⱼ = 0 处它的次梯度是整个区间 [−λ, λ]（第 1 步的图）。所以只要数据的拉力 |gⱼ| = |xⱼᵀr|/n 不超过 λ，wⱼ = 0 就是最优的：一整片数据都给出**恰好**为 0 的解（第 4 步的 KKT 检验）。同一件事还可以从三方面看：

- 几何上，约束 ‖w‖₁ ≤ t 是顶点在坐标轴上的菱形，损失的等高线常常在顶点处碰到它，而顶点处有一个权重为 0（第 2 步的图；ESL §3.4，图 3.11）；
- 特征正交时，lasso 的解就是软阈值 sign(b)(|b| − λ)₊，所有 |b| ≤ λ 的都被恰好置为 0（第 3 步的图）；
- 沿着正则化路径，lasso 的权重到达 0 之后就停在 0（第 4 步的路径图）。

常见的回答“|w| 在 0 处不可导，所以参数被推到 0”并不是原因。光滑的 Σ√(wⱼ² + ε) 处处可导、拉力几乎一样大，它的最小点却从不恰好为 0（第 3 步）；对 |w| 做普通的次梯度下降，权重会以约 αλ 的幅度在 0 两侧来回跳，而落不到 0 上（第 5 步的图）。给出恰好为 0 的是尖角，也就是 0 处的次梯度区间；软阈值（ISTA、坐标下降）恰好满足它。

**为什么 ℓ2 正则化得到小而平滑的解。**ℓ2 的拉力 λwⱼ 在 wⱼ 接近 0 时逐渐消失，所以权重会收缩（特征正交时、按 ESL 的写法是乘以 1/(1 + λ)），但只有碰巧才会停在 0（第 3 步的柱状图、第 4 步的岭回归路径）。“平滑”说的是拟合出来的**函数**，而不是惩罚项：系数小意味着导数小，用 ℓ2 拟合的 12 次多项式比不加惩罚的平缓得多（第 7 步的图）。ℓ1 也能让曲线变平滑，方式是把整项关掉。两个高度相关的特征在相同强度下，ℓ2 把权重平分，ℓ1 则常常只留一个（第 6 步）；弹性网络（Zou 和 Hastie 2005）把两者混合起来。

**先验与权重衰减。**ℓ2 是高斯先验下的 MAP 估计，ℓ1 是拉普拉斯先验下的 MAP 估计；拉普拉斯先验在 0 处的尖峰使众数恰好为 0，而后验均值不为 0（第 10 步）。用普通 SGD 时，ℓ2 项就是 nndl §7.7.2 的权重衰减：w ← (1 − αλ)w − α∇f。用 Adam 时两者并不相同，所以 AdamW 把衰减单独施加。
]],
}

return nnt.lesson {
  id = "a2_5",
  title = { en = "A2.5 Why L1 gives sparse weights and L2 smooth ones",
            zh = "A2.5 为什么 L1 得到稀疏解、L2 得到平滑解" },
  summary = {
    en = "The diamond and the disc, regularisation paths, soft thresholds, "
      .. "wiggly polynomials and priors: five checks of one answer.",
    zh = "菱形与圆、正则化路径、软阈值、抖动的多项式和先验：用五个实验检验同一个答案。",
  },
  seed = 25,
  exercises = { SOFT_THRESHOLD, CD_UPDATE },
  answer = ANSWER,
  steps = {
    -- 1 ------------------------------------------------------------------
    {
      title = { en = "Two penalties, one question", zh = "两种惩罚，一个问题" },
      run = function(ui)
        ui:say {
          en = "This is exercise A2.5 of the textbook (nndl, Qiu Xipeng, "
            .. "Neural Networks and Deep Learning), §7.7.1 ℓ1 and ℓ2 "
            .. "regularisation and §7.7.2 weight decay. Like the book we add "
            .. "a penalty λ times ℓ1 or ℓ2 of the weights to the loss; the "
            .. "weights are w, the regularisation strength λ and the learning "
            .. "rate α.\n\n"
            .. "Exercise A2.5 asks why **L1** regularisation tends to give "
            .. "**sparse** weights (many exactly 0) and **L2** regularisation "
            .. "**smooth** ones. A typical written answer says:\n\n"
            .. "- L1 adds Σ|wⱼ|, which has no derivative at 0, so "
            .. "optimisation pushes some weights to 0;\n"
            .. "- L2 adds Σwⱼ², which is smooth, so weights get small but "
            .. "rarely 0, and the solution is smoother.\n\n"
            .. "A good start, with two things to sharpen. Having no derivative "
            .. "at 0 does not by itself explain why a weight stops **exactly** "
            .. "at 0 (step 3 shows a penalty with the same pull ±λ that is "
            .. "differentiable and never gives an exact 0). And \"smooth\" is "
            .. "about the **fitted function**, not "
            .. "about the penalty being differentiable. We check every claim "
            .. "with an experiment, from five sides: geometry, the "
            .. "regularisation path, the update rule, function space and "
            .. "priors.\n\n"
            .. "Throughout (except in step 3, which says so) we write, with n "
            .. "data points:\n\n"
            .. "- lasso (L1): (1/2n)‖y − Xw‖² + λ‖w‖₁, exactly scikit-learn's "
            .. "`Lasso(alpha=λ)`;\n"
            .. "- ridge (L2): (1/2n)‖y − Xw‖² + (λ/2)‖w‖². scikit-learn's "
            .. "`Ridge` minimises ‖y − Xw‖² + alpha·‖w‖² instead, so our λ "
            .. "is its alpha = nλ.\n\n"
            .. "**Weight decay (§7.7.2).** With plain SGD the L2 term adds λw "
            .. "to the gradient, so one step is w ← w − α(∇f + λw) = "
            .. "(1 − αλ)w − α∇f: the weights first shrink by the factor "
            .. "1 − αλ, the book's weight decay. This holds for SGD only. Adam "
            .. "divides each coordinate of the gradient, λw included, by its "
            .. "own running root-mean-square, so weights with large gradients decay less; "
            .. "AdamW (Loshchilov & Hutter 2019) applies w ← (1 − αλ)w apart "
            .. "from the Adam step to get true weight decay back (step 5 "
            .. "checks both).\n\n"
            .. "The chart shows how hard each penalty pulls one weight back "
            .. "towards 0: its derivative, for λ = 1. L2's pull λw fades as w "
            .. "nears 0. L1 pulls with the full λ however small w is, and at "
            .. "w = 0 its \"pull\" (a subgradient) can be any value in "
            .. "[−λ, λ]: that vertical segment is where sparsity comes from.",
          zh = "这是教材（邱锡鹏《神经网络与深度学习》）的习题 A2.5，对应 §7.7.1 ℓ1 和 ℓ2 "
            .. "正则化与 §7.7.2 权重衰减。和书中一样，我们在损失上加上 λ 乘以权重的 ℓ1 "
            .. "或 ℓ2 范数；权重记为 w，正则化系数记为 λ，学习率记为 α。\n\n"
            .. "习题 A2.5 问：为什么 **L1** 正则化容易得到**稀疏**的权重（很多恰好为 0），"
            .. "而 **L2** 正则化得到**平滑**的解？常见的书面回答是：\n\n"
            .. "- L1 加的是 Σ|wⱼ|，它在 0 点不可导，所以优化会把一些参数推到 0；\n"
            .. "- L2 加的是 Σwⱼ²，光滑可导，参数会变小但很少等于 0，解因此更平滑。\n\n"
            .. "方向没错，但有两点要说得更准确：“在 0 点不可导”本身并不能解释权重为什么会"
            .. "**恰好**停在 0（第 3 步给出一个拉力同样是 ±λ、却处处可导的惩罚，它从不给出"
            .. "恰好为 0 的解）；而“平滑”说的是**拟合出来的函数**平滑，不是惩罚项可导。"
            .. "这节课我们从五个角度用实验逐条检验：几何、正则化路径、更新规则、"
            .. "函数空间和先验。\n\n"
            .. "除第 3 步（届时会说明）外，全课的写法是（n 个数据点）：\n\n"
            .. "- lasso（L1）：(1/2n)‖y − Xw‖² + λ‖w‖₁，与 scikit-learn 的 "
            .. "`Lasso(alpha=λ)` 完全一致；\n"
            .. "- 岭回归（L2）：(1/2n)‖y − Xw‖² + (λ/2)‖w‖²。scikit-learn 的 `Ridge` "
            .. "最小化的是 ‖y − Xw‖² + alpha·‖w‖²，所以我们的 λ 对应它的 alpha = nλ。\n\n"
            .. "**权重衰减（§7.7.2）。**用普通的 SGD 时，L2 项给梯度加上 λw，一步更新就是 "
            .. "w ← w − α(∇f + λw) = (1 − αλ)w − α∇f：权重先按 1 − αλ 的比例缩小，"
            .. "这就是书中的权重衰减。这个等价只对 SGD 成立。Adam 会把梯度的每个分量"
            .. "（包括 λw）除以它自己的梯度平方移动平均的平方根，于是梯度大的权重衰减得更少；AdamW"
            .. "（Loshchilov 和 Hutter 2019）把 w ← (1 − αλ)w 与 Adam 的更新分开来做，"
            .. "才重新得到真正的权重衰减（第 5 步会检验这两点）。\n\n"
            .. "图中画的是两种惩罚把一个权重拉回 0 的力度，也就是它们的导数（λ = 1）。"
            .. "L2 的拉力是 λw，w 越接近 0 就越弱；L1 不管 w 多小都用满 λ 的力，"
            .. "而在 w = 0 处它的“拉力”（次梯度）可以是 [−λ, λ] 里的任何值——"
            .. "图中那段竖线，正是稀疏性的来源。",
        }
        local xs = nnt.linspace(-2, 2, 81)
        ui:chart {
          kind = "line",
          title = { en = "Pull of each penalty towards 0 (λ = 1)",
                    zh = "两种惩罚把权重拉回 0 的力度（λ = 1）" },
          xlabel = "w", ylabel = { en = "derivative", zh = "导数" },
          yrange = { -2.1, 2.1 },
          series = {
            { name = { en = "L1: λ·sign(w), [−λ, λ] at 0",
                       zh = "L1：λ·sign(w)，0 处为 [−λ, λ]" },
              x = { -2, 0, 0, 2 }, y = { -1, -1, 1, 1 } },
            { name = { en = "L2: λw", zh = "L2：λw" }, x = xs, y = xs,
              style = "points" },
          },
        }
        ui:wait()
      end,
    },
    -- 2 ------------------------------------------------------------------
    {
      title = { en = "Geometry: the diamond and the disc", zh = "几何：菱形与圆" },
      run = function(ui)
        local c = R.constrained { angle = 135, stretch = 3, c1 = 1.8, c2 = 0.8,
                                  t = 1, n = 2 }
        local opt = { en = "minima", zh = "最优点" }
        local o1x, o1y = crosses({ c.l1_w1, 1.8 }, { c.l1_w2, 0.8 }, 0.1)
        local o2x, o2y = crosses({ c.l2_w1, 1.8 }, { c.l2_w2, 0.8 }, 0.1)
        -- Returns the chart of one constraint set and its touching contour.
        local function picture(title, set, sx, sy, lx, ly, ox, oy)
          return {
            kind = "line", xlabel = "w₁", ylabel = "w₂", title = title,
            xrange = { -1.3, 2.3 }, yrange = { -1.3, 1.5 },
            aspect = 1,                 -- geometry: a disc must look round
            series = {
              { name = set, x = sx, y = sy },
              { name = { en = "contour", zh = "等高线" }, x = lx, y = ly },
              { name = opt, x = ox, y = oy },
            },
          }
        end
        ui:say {
          en = "Write the penalty as a budget instead: minimise the loss "
            .. "subject to ‖w‖₁ ≤ t (a **diamond**) or ‖w‖₂ ≤ t (a **disc**). "
            .. "Each λ corresponds to some t with the same answer (ESL §3.4: "
            .. "eqs. 3.41–3.42 for ridge, 3.51–3.52 for the lasso; Figure "
            .. "3.11).\n\n"
            .. "Here the loss is a tilted quadratic bowl in two weights with "
            .. "its lowest point at (1.8, 0.8), outside both sets, and t = 1. "
            .. "The answer is where the loss's contours, growing from that "
            .. "lowest point (the + on the right), first touch the set.\n\n"
            .. "The diamond has **corners on the axes** that stick out, so "
            .. "the contours often touch it there, and at a corner one weight "
            .. "is exactly 0.",
          zh = "把惩罚换成“预算”来看：在 ‖w‖₁ ≤ t（一个**菱形**）或 ‖w‖₂ ≤ t（一个**圆**）"
            .. "的约束下最小化损失。每个 λ 都对应一个给出相同解的 t（ESL §3.4：岭回归见式 3.41–3.42，"
            .. "lasso 见式 3.51–3.52；图 3.11）。\n\n"
            .. "这里的损失是两个权重上的一个倾斜的二次“碗”，最低点在 (1.8, 0.8)，"
            .. "在两个约束集合之外；t = 1。约束下的解，就是从最低点（右边的 +）向外扩张的"
            .. "等高线第一次碰到约束集合的那一点。\n\n"
            .. "菱形的**顶点在坐标轴上**，而且是向外凸出的尖角，等高线常常先碰到尖角，"
            .. "而在尖角处有一个权重恰好为 0。",
        }
        ui:chart(picture({ en = ("L1: the contour touches the corner (%s, %s)")
                             :format(f(c.l1_w1), f(c.l1_w2)),
                           zh = ("L1：等高线碰到尖角 (%s, %s)")
                             :format(f(c.l1_w1), f(c.l1_w2)) },
                         "‖w‖₁ ≤ 1", c.diamond_x, c.diamond_y,
                         c.level_l1_x, c.level_l1_y, o1x, o1y))
        ui:claim({
          en = ("With t = 1 the L1 answer is (%s, %s): w₂ is exactly 0.")
            :format(f(c.l1_w1), f(c.l1_w2)),
          zh = ("t = 1 时 L1 的解是 (%s, %s)：w₂ 恰好为 0。")
            :format(f(c.l1_w1), f(c.l1_w2)),
        }, c.l1_zeros == 1 and c.l1_w2 == 0)
        ui:wait()
        ui:say {
          en = "The disc has no corners. The same bowl touches it at a point "
            .. "off the axes, and both weights stay nonzero.",
          zh = "圆没有尖角。同一个碗碰到圆的位置不在坐标轴上，两个权重都不为 0。",
        }
        ui:chart(picture({ en = ("L2: the contour touches the disc at (%s, %s)")
                             :format(f(c.l2_w1), f(c.l2_w2)),
                           zh = ("L2：等高线在 (%s, %s) 处碰到圆")
                             :format(f(c.l2_w1), f(c.l2_w2)) },
                         "‖w‖₂ ≤ 1", c.disc_x, c.disc_y,
                         c.level_l2_x, c.level_l2_y, o2x, o2y))
        ui:claim({
          en = ("The L2 answer (%s, %s) has no zero weight.")
            :format(f(c.l2_w1), f(c.l2_w2)),
          zh = ("L2 的解 (%s, %s) 没有为 0 的权重。"):format(f(c.l2_w1), f(c.l2_w2)),
        }, c.l2_zeros == 0)
        ui:wait()
        local h = R.constrained { angle = 135, stretch = 3, c1 = 1.8, c2 = 0.8,
                                  t = 1, n = 85, span = 1.05 }
        local z = nnt.array(#h.y, #h.x)
        local best, bx, by = math.huge, 0, 0
        for i = 1, #h.y do
          for j = 1, #h.x do
            local inside = math.abs(h.x[j]) + math.abs(h.y[i]) <= 1
            z[i][j] = inside and h.loss[i][j] or NAN
            if inside and h.loss[i][j] < best then
              best, bx, by = h.loss[i][j], h.x[j], h.y[i]
            end
          end
        end
        ui:say {
          en = "Another view of the same fact: the loss on every point of the "
            .. "diamond, with its contours. Its lowest grid point (×) is the "
            .. "corner on the w₁ axis.",
          zh = "同一件事的另一种看法：把菱形上每一点的损失画出来，并画上等高线。"
            .. "网格上的最低点（×）就是 w₁ 轴上的那个尖角。",
        }
        ui:chart {
          kind = "heatmap", x = h.x, y = h.y, z = z, contours = 6,
          mark = { bx, by }, xlabel = "w₁", ylabel = "w₂", aspect = 1,
          title = { en = "The loss on the diamond; × marks its lowest point",
                    zh = "菱形上的损失；× 是其中的最低点" },
        }
        ui:claim({
          en = ("The lowest grid point of the diamond is (%s, %s), the corner.")
            :format(f(bx), f(by)),
          zh = ("菱形上网格的最低点是 (%s, %s)，正是尖角。"):format(f(bx), f(by)),
        }, math.abs(bx - 1) < 1e-9 and math.abs(by) < 1e-9)
        ui:wait()
        local trials, h1, h2 = 400, 0, 0
        for _ = 1, trials do
          local r = R.constrained {
            n = 2, t = 1, angle = 180 * nnt.random(), stretch = 1 + 4 * nnt.random(),
            c1 = 6 * nnt.random() - 3, c2 = 6 * nnt.random() - 3 }
          if r.l1_zeros > 0 then h1 = h1 + 1 end
          if r.l2_zeros > 0 then h2 = h2 + 1 end
        end
        ui:say {
          en = ("Is this one picture a lucky choice? We drew %d random bowls "
            .. "(random tilt, stretch and lowest point in [−3, 3]²) and "
            .. "solved both problems each time."):format(trials),
          zh = ("这张图是不是挑出来的巧合？我们随机生成了 %d 个“碗”（倾斜方向、"
            .. "拉伸程度和最低点都随机，最低点在 [−3, 3]² 内），每个都把两个问题各解一遍。")
            :format(trials),
        }
        ui:claim({
          en = ("The L1 answer landed on an axis in %d of %d bowls (%s%%); the "
            .. "L2 answer in %d."):format(h1, trials, f(100 * h1 / trials), h2),
          zh = ("L1 的解在 %d 个碗中有 %d 个落在坐标轴上（%s%%）；L2 的解是 %d 个。")
            :format(trials, h1, f(100 * h1 / trials), h2),
        }, h1 > trials / 4 and h2 == 0)
        ui:quiz {
          question = { en = "Why does the diamond give exact zeros so often?",
                       zh = "为什么菱形约束这么容易给出恰好为 0 的权重？" },
          choices = {
            { en = "Its corners lie on the axes and stick out, so contours "
                .. "often touch a corner first",
              zh = "它的尖角在坐标轴上并向外凸出，等高线常常先碰到尖角" },
            { en = "The diamond is smaller than the disc",
              zh = "菱形比圆小" },
            { en = "The loss is not differentiable on the diamond",
              zh = "损失函数在菱形上不可导" },
          },
          answer = 1,
          explain = {
            en = "Both sets have the same t. What matters is shape: a corner "
              .. "on an axis means one coordinate is 0, and a corner is hit "
              .. "for a whole range of loss directions. The loss itself is "
              .. "smooth everywhere.",
            zh = "两个集合用的是同一个 t，关键在形状：坐标轴上的尖角意味着有一个坐标为 0，"
              .. "而且损失的朝向在一整个范围内变化时，碰到的都是同一个尖角。"
              .. "损失函数本身处处光滑。",
          },
          why = {
            [2] = {
              en = "With the same t the diamond does fit inside the disc, but "
                .. "size is not the reason: a smaller disc still has no "
                .. "corners, and the contours still touch it off the axes. "
                .. "The zeros come from the corners on the axes.",
              zh = "同一个 t 下菱形确实在圆的里面，但大小不是原因：再小的圆也没有尖角，"
                .. "等高线照样在坐标轴之外碰到它。零来自坐标轴上的尖角。",
            },
            [3] = {
              en = "The loss, the quadratic data term, is smooth everywhere. "
                .. "What has kinks is the ℓ1 constraint ‖w‖₁ ≤ t: its "
                .. "boundary has corners exactly where a weight is 0.",
              zh = "损失（二次的数据项）处处光滑。有尖点的是 ℓ1 约束 ‖w‖₁ ≤ t："
                .. "它的边界恰好在某个权重为 0 的地方有尖角。",
            },
          },
        }
      end,
    },
    -- 3 ------------------------------------------------------------------
    {
      title = { en = "Orthonormal features: shrink or threshold",
                zh = "正交特征：收缩还是截断" },
      run = function(ui)
        ui:say {
          en = "When the columns of X are orthonormal (XᵀX = I) each weight "
            .. "can be solved on its own (ESL §3.4.3, Table 3.4). **In this "
            .. "step only we switch to ESL's scaling**, without the 1/n: "
            .. "½‖y − Xw‖² + λ‖w‖₁ for the lasso and ‖y − Xw‖² + λ‖w‖² for "
            .. "ridge. (In the lesson's scaling the same rules hold with nλ in "
            .. "place of λ.) With b the least-squares weights:\n\n"
            .. "- ridge: ŵⱼ = bⱼ / (1 + λ), every weight shrinks by the same "
            .. "factor and none becomes 0;\n"
            .. "- lasso: ŵⱼ = sign(bⱼ)(|bⱼ| − λ)₊, the **soft threshold**: "
            .. "move λ towards 0, and anything within λ of 0 becomes exactly "
            .. "0;\n"
            .. "- best subset: keep the large bⱼ unchanged, set the rest to 0 "
            .. "(a **hard threshold**).\n\n"
            .. "The chart draws the three rules for λ = 1.",
          zh = "当 X 的各列标准正交（XᵀX = I）时，每个权重都可以单独求解（ESL §3.4.3，表 3.4）。"
            .. "**仅在这一步里，我们改用 ESL 的写法**（不带 1/n）：lasso 为 "
            .. "½‖y − Xw‖² + λ‖w‖₁，岭回归为 ‖y − Xw‖² + λ‖w‖²。（换成全课的写法，"
            .. "同样的规则把 λ 换成 nλ 即可。）记 b 为最小二乘解：\n\n"
            .. "- 岭回归：ŵⱼ = bⱼ / (1 + λ)，所有权重按同一比例缩小，没有一个变成 0；\n"
            .. "- lasso：ŵⱼ = sign(bⱼ)(|bⱼ| − λ)₊，即**软阈值**：向 0 移动 λ，"
            .. "离 0 不到 λ 的直接变成 0；\n"
            .. "- 最优子集：大的 bⱼ 原样保留，其余置 0（**硬阈值**）。\n\n"
            .. "图中画出了 λ = 1 时的三条规则。",
        }
        local s = R.shrinkage { lambda = 1, range = 3, n = 121 }
        ui:chart {
          kind = "line", xlabel = { en = "least-squares weight b", zh = "最小二乘权重 b" },
          ylabel = { en = "regularised weight", zh = "正则化后的权重" },
          title = { en = "Three rules in the orthonormal case (λ = 1)",
                    zh = "正交情形下的三条规则（λ = 1）" },
          series = {
            { name = { en = "lasso (soft)", zh = "lasso（软阈值）" }, x = s.x, y = s.soft },
            { name = { en = "ridge", zh = "岭回归" }, x = s.x, y = s.ridge },
            { name = { en = "subset (hard)", zh = "子集（硬阈值）" }, x = s.x,
              y = s.hard, style = "points" },
          },
        }
        ui:wait()
        local lam = 0.5
        local o = R.orthonormal { n = 50, p = 8, k = 3, noise = 0.3, lambda = lam }
        local small = 0
        for j = 1, #o.ols do
          if math.abs(o.ols[j]) <= lam then small = small + 1 end
        end
        ui:say {
          en = ("Now with a solver instead of a formula: 50 points, 8 orthonormal "
            .. "features, 3 of them informative, λ = %s. Ridge is solved in "
            .. "closed form, the lasso by coordinate descent, and both are "
            .. "compared with the rules above."):format(f(lam)),
          zh = ("现在用求解器代替公式：50 个点、8 个正交特征，其中 3 个有效，λ = %s。"
            .. "岭回归用闭式解，lasso 用坐标下降求解，再和上面的规则比较。"):format(f(lam)),
        }
        ui:chart {
          kind = "bar", labels = wlabels(#o.lasso), values = o.lasso,
          title = { en = ("Lasso weights, λ = %s"):format(f(lam)),
                    zh = ("lasso 权重，λ = %s"):format(f(lam)) },
        }
        ui:claim({
          en = ("The lasso equals the soft threshold sign(b)(|b| − λ)₊ "
            .. "(largest gap %s)."):format(f(o.lasso_err, 2)),
          zh = ("lasso 等于软阈值 sign(b)(|b| − λ)₊（最大差 %s）。"):format(f(o.lasso_err, 2)),
        }, o.lasso_err < 1e-10)
        ui:claim({
          en = ("The lasso has %d exact zeros, one for each |bⱼ| ≤ λ (%d of "
            .. "them)."):format(o.zeros_lasso, small),
          zh = ("lasso 有 %d 个恰好为 0 的权重，正好对应 |bⱼ| ≤ λ 的 %d 个。")
            :format(o.zeros_lasso, small),
        }, o.zeros_lasso == small and small > 0)
        ui:wait()
        ui:chart {
          kind = "bar", labels = wlabels(#o.ridge), values = o.ridge,
          title = { en = ("Ridge weights, λ = %s"):format(f(lam)),
                    zh = ("岭回归权重，λ = %s"):format(f(lam)) },
        }
        ui:claim({
          en = ("Ridge equals b/(1 + λ) for every weight (largest gap %s), "
            .. "and %s."):format(f(o.ridge_err, 2), o.zeros_ridge == 0
              and "none of them is exactly 0"
              or ("%d of them are exactly 0"):format(o.zeros_ridge)),
          zh = ("每个岭回归权重都等于 b/(1 + λ)（最大差 %s），%s。")
            :format(f(o.ridge_err, 2), o.zeros_ridge == 0
              and "没有一个恰好为 0" or ("其中 %d 个恰好为 0"):format(o.zeros_ridge)),
        }, o.ridge_err < 1e-12 and o.zeros_ridge == 0)
        ui:wait()
        -- The minimiser of ½(w − z)² + λ√(w² + ε) for 0 < z < λ, by
        -- bisection on its derivative w − z + λw/√(w² + ε), which is
        -- increasing, −z at w = 0 and positive at w = z.
        local function smooth_min(z, t, eps)
          local lo, hi = 0, z
          for _ = 1, 200 do
            local m = (lo + hi) / 2
            if m - z + t * m / math.sqrt(m * m + eps) < 0 then lo = m else hi = m end
          end
          return (lo + hi) / 2
        end
        local z0, eps_list, ws = 0.5, { 1e-2, 1e-4, 1e-6 }, {}
        for k, e in ipairs(eps_list) do ws[k] = smooth_min(z0, 1, e) end
        ui:say {
          en = "Is it the missing derivative that makes the zeros? Replace "
            .. "|w| by the smooth Σ√(w² + ε): for small ε it is as close to "
            .. "|w| as you like, it pulls with almost the full ±λ away from 0, "
            .. "and it is differentiable everywhere. Minimise ½(w − z)² + "
            .. "λ√(w² + ε) for one weight, with z = 0.5 inside the threshold "
            .. "λ = 1, where the soft threshold gives exactly 0. The "
            .. "derivative at w = 0 is −z ≠ 0, so w = 0 is **never** the "
            .. "minimiser: the answer is small, about z√ε/√(λ² − z²), and shrinks "
            .. "with ε, but it is not 0. The exact zeros come from the corner "
            .. "of |w| at 0, where the subgradient is the whole interval "
            .. "[−λ, λ]; smoothing the corner away loses them, even though "
            .. "the penalty looks the same.",
          zh = "零真的是“不可导”造成的吗？把 |w| 换成光滑的 Σ√(w² + ε)：ε 足够小时"
            .. "它和 |w| 要多近有多近，离开 0 之后的拉力几乎就是 ±λ，而且处处可导。"
            .. "对一个权重最小化 ½(w − z)² + λ√(w² + ε)，取 z = 0.5，落在阈值 λ = 1 "
            .. "之内——软阈值在这里给出恰好为 0。而 w = 0 处的导数是 −z ≠ 0，所以 "
            .. "w = 0 **永远**不是最小点：解很小，约为 z√ε/√(λ² − z²)，随 ε 变小而变小，"
            .. "但不是 0。恰好为 0 来自 |w| 在 0 处的尖角——那里的次梯度是整个区间 "
            .. "[−λ, λ]；把尖角磨平，零也就没了，尽管惩罚项看上去几乎一样。",
        }
        ui:claim({
          en = ("With z = 0.5 and λ = 1 the soft threshold gives %s, but the "
            .. "smooth penalty's minimiser is %s, %s and %s for ε = 10⁻², "
            .. "10⁻⁴, 10⁻⁶: smaller each time, never 0.")
            :format(f(soft_reference(z0, 1)), f(ws[1]), f(ws[2]), f(ws[3])),
          zh = ("z = 0.5、λ = 1 时软阈值给出 %s，而光滑惩罚的最小点在 ε = 10⁻²、"
            .. "10⁻⁴、10⁻⁶ 时分别为 %s、%s、%s：一次比一次小，但从不为 0。")
            :format(f(soft_reference(z0, 1)), f(ws[1]), f(ws[2]), f(ws[3])),
        }, soft_reference(z0, 1) == 0 and ws[3] > 0 and ws[3] < ws[2]
           and ws[2] < ws[1])
        ui:exercise "soft_threshold"
      end,
    },
    -- 4 ------------------------------------------------------------------
    {
      title = { en = "Along the regularisation path", zh = "沿着正则化路径" },
      run = function(ui)
        local d = sparse_problem()
        local l = R.path { X = d.X, y = d.y, X_test = d.X_test, y_test = d.y_test,
                           nlambda = NLAMBDA, start = START, eps = EPS,
                           tol = 1e-10, max_iter = 100000 }
        local lams = l.lambdas
        local r = R.path { X = d.X, y = d.y, X_test = d.X_test, y_test = d.y_test,
                           lambdas = lams, penalty = "ridge" }
        ui:say {
          en = "A real sparse problem: 100 training points, 20 features "
            .. "(neighbours correlated, ρ = 0.3), only 5 of them informative, "
            .. "noise σ = 1. We fit the lasso and ridge for 50 values of λ, "
            .. "from large to small. Each lasso fit starts from the previous "
            .. "answer (a warm start) and runs coordinate descent until the "
            .. "duality gap says it is optimal.\n\n"
            .. "Large λ is on the right of each chart. The lasso's lines hit 0 "
            .. "and **stay** there; ridge's lines only bend towards 0.",
          zh = "一个真正的稀疏问题：100 个训练点，20 个特征（相邻特征相关，ρ = 0.3），"
            .. "其中只有 5 个有效，噪声 σ = 1。我们从大到小取 50 个 λ，分别拟合 lasso "
            .. "和岭回归。每次 lasso 拟合都从上一个 λ 的解出发（热启动），用坐标下降"
            .. "一直算到对偶间隙证明它已经最优。\n\n"
            .. "每张图中 λ 大的在右边。lasso 的曲线碰到 0 之后就**停在** 0；"
            .. "岭回归的曲线只是向 0 弯过去。",
        }
        ui:chart {
          kind = "line", xlog = true, xlabel = "λ", ylabel = "wⱼ",
          title = { en = "Lasso path: weights hit 0 and stay",
                    zh = "lasso 路径：权重碰到 0 就停住" },
          series = path_series(l.lambdas, l.coef, d.beta),
        }
        ui:wait()
        ui:say {
          en = "The same data with ridge: the lines bend towards 0 but never "
            .. "reach it.",
          zh = "同样的数据换成岭回归：曲线向 0 弯过去，但从不到达 0。",
        }
        ui:chart {
          kind = "line", xlog = true, xlabel = "λ", ylabel = "wⱼ",
          title = { en = "Ridge path: weights shrink, none is 0",
                    zh = "岭回归路径：权重变小，但没有一个为 0" },
          series = path_series(r.lambdas, r.coef, d.beta),
        }
        local rz = 0
        for i = 1, #r.zeros do rz = rz + r.zeros[i] end
        ui:claim({
          en = ("Not one of ridge's %d weights along the path (20 × 50) is "
            .. "exactly 0."):format(20 * #r.lambdas),
          zh = ("岭回归路径上的 %d 个权重（20 × 50）没有一个恰好为 0。")
            :format(20 * #r.lambdas),
        }, rz == 0)
        ui:wait()
        ui:chart {
          kind = "line", xlog = true, xlabel = "λ",
          ylabel = { en = "exact zeros", zh = "恰为 0 的个数" },
          title = { en = "How many of the 20 weights are exactly 0",
                    zh = "20 个权重中恰好为 0 的个数" },
          series = {
            { name = "lasso", x = l.lambdas, y = l.zeros },
            { name = { en = "ridge", zh = "岭回归" }, x = r.lambdas, y = r.zeros,
              style = "points" },
          },
        }
        local bi = nnt.argmin(l.test_mse)
        local lam = l.lambdas[bi]
        local kept, nulls = 0, 0
        for j = 1, 20 do
          if d.beta[j] ~= 0 and l.coef[bi][j] ~= 0 then kept = kept + 1 end
          if d.beta[j] == 0 and l.coef[bi][j] == 0 then nulls = nulls + 1 end
        end
        ui:claim({
          en = ("The lasso goes from %d zeros at the largest λ to %d at the "
            .. "smallest. At the λ with the lowest test error (λ = %s) it keeps "
            .. "all %d informative features and sets %d of the 15 others "
            .. "exactly to 0."):format(l.zeros[1], l.zeros[#l.zeros], f(lam),
                                      kept, nulls),
          zh = ("lasso 的零权重个数从最大 λ 时的 %d 个降到最小 λ 时的 %d 个。"
            .. "在测试误差最低的 λ（= %s）处，它保留了全部 %d 个有效特征，"
            .. "并把其余 15 个中的 %d 个恰好置为 0。"):format(l.zeros[1],
              l.zeros[#l.zeros], f(lam), kept, nulls),
        }, l.zeros[1] == 20 and kept == 5 and nulls > 0)
        ui:wait()
        local fit = R.lasso { X = d.X, y = d.y, alpha = lam, tol = 1e-12,
                              max_iter = 100000 }
        local viol = kkt_violation(d.X, d.y, fit.coef, fit.intercept, lam)
        ui:say {
          en = "Why exactly 0? At the lasso's answer, with residual r = y − Xw "
            .. "and gⱼ = xⱼᵀr/n (the data's pull on wⱼ), the optimality "
            .. "(KKT) conditions read:\n\n"
            .. "- wⱼ ≠ 0: gⱼ = λ·sign(wⱼ)\n"
            .. "- wⱼ = 0: |gⱼ| ≤ λ\n\n"
            .. "The second line is an **interval**: any data pull up to λ is "
            .. "absorbed at wⱼ = 0. With L2 the condition at 0 would be "
            .. "gⱼ = λ·0 = 0 exactly, which noisy data essentially never "
            .. "satisfy.",
          zh = "为什么会恰好是 0？在 lasso 的解处，记残差 r = y − Xw，"
            .. "gⱼ = xⱼᵀr/n（数据对 wⱼ 的“拉力”），最优性（KKT）条件是：\n\n"
            .. "- wⱼ ≠ 0：gⱼ = λ·sign(wⱼ)\n"
            .. "- wⱼ = 0：|gⱼ| ≤ λ\n\n"
            .. "第二行是一个**区间**：只要数据的拉力不超过 λ，都能在 wⱼ = 0 处被抵消。"
            .. "换成 L2，0 处的条件变成 gⱼ = λ·0 = 0，必须严格等于 0，"
            .. "带噪声的数据几乎不可能满足。",
        }
        ui:claim({
          en = ("At λ = %s the lasso's %d zero weights all have |gⱼ| ≤ λ and "
            .. "the others gⱼ = λ·sign(wⱼ): the largest violation is %s.")
            :format(f(lam), fit.zeros, f(viol, 2)),
          zh = ("在 λ = %s 处，lasso 的 %d 个零权重都满足 |gⱼ| ≤ λ，其余满足 "
            .. "gⱼ = λ·sign(wⱼ)：最大偏差为 %s。"):format(f(lam), fit.zeros, f(viol, 2)),
        }, viol < 1e-6 and fit.zeros > 0)
        ui:wait()
        ui:say {
          en = "How does the solver get there? **Coordinate descent** visits "
            .. "the weights in turn and sets each one to the exact minimiser "
            .. "of the objective with all the others held fixed. For one "
            .. "weight that is a one-dimensional problem whose answer is a "
            .. "soft threshold, so a weight whose data pull stays within λ "
            .. "lands on exactly 0: the condition above, met one coordinate "
            .. "at a time. Sweeps repeat until the duality gap is small. "
            .. "Write one such update yourself.",
          zh = "求解器是怎么到达那里的？**坐标下降**依次访问每个权重，固定其余所有权重，"
            .. "把这一个权重设为目标函数的精确最小点。对单个权重来说，这是一个一维问题，"
            .. "它的解是一个软阈值：数据拉力不超过 λ 的权重恰好落在 0——正是上面的条件，"
            .. "一次满足一个坐标。如此一轮一轮地扫，直到对偶间隙足够小。"
            .. "下面请你亲手写出这样的一次更新。",
        }
        ui:exercise "cd_update"
      end,
    },
    -- 5 ------------------------------------------------------------------
    {
      title = { en = "The update rule: prox lands, subgradient hovers",
                zh = "更新规则：近端一步落地，次梯度来回晃" },
      run = function(ui)
        local alpha = 0.3
        local s = R.prox_vs_subgradient { n = 100, p = 10, k = 3, noise = 1,
                                          alpha = alpha, steps = 60,
                                          step_scale = 0.5 }
        -- the weight the lasso sets to 0 that starts farthest from 0
        local j, far = 1, -1
        for i = 1, #s.solution do
          if s.solution[i] == 0 and math.abs(s.start[i]) > far then
            j, far = i, math.abs(s.start[i])
          end
        end
        local px, sx = {}, {}
        for k = 1, #s.iter do px[k], sx[k] = s.prox[k][j], s.subgrad[k][j] end
        ui:say {
          en = "How does an algorithm get to exactly 0? Take one lasso problem "
            .. "(100 points, 10 features, 3 informative, λ = 0.3) and start "
            .. "both methods at the least-squares weights, with the same learning rate "
            .. "α = 1/(2L) (L: the largest curvature of the data term).\n\n"
            .. "- **Subgradient descent**: w ← w − α(∇f(w) + λ·sign(w)). Near 0 "
            .. "the L1 term still pushes with the full λ, so a weight that "
            .. "should be 0 jumps over it, back and forth, by about αλ.\n"
            .. "- **Proximal gradient (ISTA)**: u = w − α∇f(w), then "
            .. "w ← sign(u)(|u| − αλ)₊. The soft threshold solves the L1 part "
            .. "exactly, so whenever |u| ≤ αλ the weight lands on 0.0.\n\n"
            .. ("The chart follows w%d, a weight the exact lasso answer sets "
              .. "to 0."):format(j),
          zh = "算法是怎样到达“恰好为 0”的？取一个 lasso 问题（100 个点、10 个特征、"
            .. "3 个有效、λ = 0.3），两种方法都从最小二乘解出发，学习率都取 α = 1/(2L)"
            .. "（L 是数据项的最大曲率）。\n\n"
            .. "- **次梯度下降**：w ← w − α(∇f(w) + λ·sign(w))。在 0 附近 L1 项仍然"
            .. "用满 λ 的力推，所以本该为 0 的权重会越过 0，来回跳动，幅度约为 αλ。\n"
            .. "- **近端梯度（ISTA）**：先算 u = w − α∇f(w)，再令 "
            .. "w ← sign(u)(|u| − αλ)₊。软阈值把 L1 部分精确地解掉，"
            .. "只要 |u| ≤ αλ，权重就直接落在 0.0。\n\n"
            .. ("图中跟踪的是 w%d，精确的 lasso 解把它置为 0。"):format(j),
        }
        ui:chart {
          kind = "line", xlabel = { en = "step", zh = "迭代步数" },
          ylabel = "w" .. j,
          title = { en = ("w%d step by step"):format(j),
                    zh = ("w%d 的迭代轨迹"):format(j) },
          series = {
            { name = { en = "proximal (ISTA)", zh = "近端（ISTA）" }, x = s.iter, y = px },
            { name = { en = "subgradient", zh = "次梯度" }, x = s.iter, y = sx,
              style = "points" },
          },
        }
        local last = #s.iter
        local first = last
        for k = last, 1, -1 do
          if s.prox_zeros[k] ~= s.solution_zeros then break end
          first = k
        end
        local stays = true                  -- w_j is 0.0 from `first` on
        for k = first, last do stays = stays and px[k] == 0 end
        -- In the last 50 steps: sign changes, the largest |w|, and the mean
        -- size of the jumps across 0.  Each jump is α|λ·sign(w) + gⱼ| with
        -- |gⱼ| ≤ λ near the lasso answer, so it lies in [0, 2αλ] and
        -- alternating jumps average about αλ.
        local flips, amp, jump = 0, 0, 0
        for k = last - 49, last do
          if (sx[k] > 0) ~= (sx[k - 1] > 0) then
            flips = flips + 1
            jump = jump + math.abs(sx[k] - sx[k - 1])
          end
          amp = math.max(amp, math.abs(sx[k]))
        end
        jump = flips > 0 and jump / flips or 0
        local etalam = s.step * alpha
        ui:claim({
          en = ("ISTA reaches the lasso's %d exact zeros at step %d and keeps "
            .. "them; its w%d is 0.0 from then on."):format(s.solution_zeros,
              first - 1, j),
          zh = ("ISTA 在第 %d 步得到 lasso 的全部 %d 个零权重并一直保持；之后 w%d 始终是 0.0。")
            :format(first - 1, s.solution_zeros, j),
        }, s.prox_zeros[last] == s.solution_zeros and stays
           and s.solution_zeros > 0)
        ui:wait()
        ui:chart {
          kind = "line", xlabel = { en = "step", zh = "迭代步数" },
          ylabel = { en = "exact zeros", zh = "恰为 0 的个数" },
          title = { en = "Weights that are exactly 0, of 10",
                    zh = "10 个权重中恰好为 0 的个数" },
          series = {
            { name = { en = "proximal (ISTA)", zh = "近端（ISTA）" },
              x = s.iter, y = s.prox_zeros },
            { name = { en = "subgradient", zh = "次梯度" }, x = s.iter,
              y = s.subgrad_zeros, style = "points" },
          },
        }
        ui:claim({
          en = ("After %d subgradient steps no weight is exactly 0. In the "
            .. "last 50 steps w%d changed sign %d times, its jumps across 0 "
            .. "averaged %s against αλ = %s, and |w| stayed at most %s, "
            .. "within 2αλ."):format(last - 1, j, flips, f(jump), f(etalam),
              f(amp)),
          zh = ("次梯度走了 %d 步后没有任何权重恰好为 0。在最后 50 步里，w%d 变号 %d 次，"
            .. "每次越过 0 的跳动平均为 %s，而 αλ = %s；|w| 最大为 %s，不超过 2αλ。")
            :format(last - 1, j, flips, f(jump), f(etalam), f(amp)),
        }, s.subgrad_zeros[last] == 0 and sx[last] ~= 0 and flips >= 10
           and jump > 0.7 * etalam and jump < 1.3 * etalam
           and amp <= 2 * etalam)
        ui:quiz {
          question = {
            en = "ISTA computes u = w − α∇f(w) = 0.3 for one weight, with "
              .. "αλ = 0.5. What is the new weight?",
            zh = "ISTA 对某个权重算出 u = w − α∇f(w) = 0.3，且 αλ = 0.5。新的权重是多少？",
          },
          choices = { "0.3", "−0.2", { en = "exactly 0", zh = "恰好为 0" }, "0.2" },
          answer = 3,
          explain = {
            en = "Soft threshold: |u| = 0.3 ≤ 0.5, so sign(u)(|u| − αλ)₊ = 0. "
              .. "A subgradient step would have moved it to 0.3 − 0.5 = −0.2, "
              .. "across 0.",
            zh = "软阈值：|u| = 0.3 ≤ 0.5，所以 sign(u)(|u| − αλ)₊ = 0。"
              .. "次梯度那一步会把它推到 0.3 − 0.5 = −0.2，越过了 0。",
          },
          why = {
            [1] = {
              en = "0.3 is u itself: that skips the proximal step, as if there "
                .. "were no ℓ1 term. ISTA always follows the gradient step with "
                .. "the soft threshold at αλ.",
              zh = "0.3 就是 u 本身：这等于跳过了近端一步，好像没有 ℓ1 项一样。"
                .. "ISTA 每走一步梯度之后都要再做一次阈值为 αλ 的软阈值。",
            },
            [2] = {
              en = "−0.2 = 0.3 − αλ·sign(u) is a subgradient step: it "
                .. "overshoots across 0. The soft threshold stops at 0 instead, "
                .. "because |u| ≤ αλ.",
              zh = "−0.2 = 0.3 − αλ·sign(u) 是次梯度的一步：它越过了 0。"
                .. "软阈值则停在 0，因为 |u| ≤ αλ。",
            },
            [4] = {
              en = "|u| − αλ = −0.2, and the positive part (·)₊ = max(·, 0) of "
                .. "a negative number is 0, not its absolute value 0.2.",
              zh = "|u| − αλ = −0.2，而负数的正部 (·)₊ = max(·, 0) 是 0，"
                .. "不是它的绝对值 0.2。",
            },
          },
        }
        local T, lr, lam, sig = 1000, 1e-3, 0.1, 10
        local d = R.decay { steps = T, lr = lr, lambda = lam, sigma = sig }
        local e = T + 1                     -- the weights after T updates
        ui:say {
          en = ("**Weight decay under SGD and under Adam (§7.7.2).** Step 1 "
            .. "said that with plain SGD the ℓ2 term is exactly the book's "
            .. "weight decay, and with Adam it is not. The check: two weights "
            .. "start at 1 and take %d updates with α = %s and λ = %s. w₁'s "
            .. "data gradient is noise of spread σ = %s, pulling it both ways "
            .. "as a minibatch gradient does; w₂ gets no data gradient at all. "
            .. "Each is updated four ways: SGD with λw added to the gradient, "
            .. "SGD with w ← (1 − αλ)w applied apart, Adam with λw added to "
            .. "the gradient (Adam + L2), and Adam with the decay applied apart "
            .. "(AdamW, Loshchilov & Hutter 2019)."):format(T, f(lr), f(lam), f(sig)),
          zh = ("**SGD 与 Adam 下的权重衰减（§7.7.2）。**第 1 步说过：用普通 SGD 时，"
            .. "ℓ2 项恰好就是书中的权重衰减；用 Adam 时却不是。现在来检验：两个权重都从 1 "
            .. "出发，更新 %d 次，α = %s，λ = %s。w₁ 的数据梯度是幅度为 σ = %s 的噪声，"
            .. "像小批量梯度那样时而推向这边、时而推向那边；w₂ 完全没有数据梯度。"
            .. "每个权重用四种方式更新：SGD 把 λw 加进梯度；SGD 单独施加 "
            .. "w ← (1 − αλ)w；Adam 把 λw 加进梯度（Adam + L2）；Adam 单独施加衰减"
            .. "（AdamW，Loshchilov 和 Hutter 2019）。"):format(T, f(lr), f(lam), f(sig)),
        }
        ui:chart {
          kind = "line",
          title = { en = "One λ, two decays under Adam (w₁ noisy, w₂ silent)",
                    zh = "Adam 下同一个 λ、两种衰减（w₁ 有噪声，w₂ 无梯度）" },
          xlabel = { en = "update t", zh = "更新次数 t" }, ylabel = "w",
          series = {
            { name = "Adam+L2 w₁",
              x = d.step, y = d.adam_l2_w1 },
            { name = "Adam+L2 w₂",
              x = d.step, y = d.adam_l2_w2 },
            { name = "AdamW w₁", x = d.step, y = d.adamw_w1 },
            { name = "AdamW w₂", x = d.step, y = d.adamw_w2 },
          },
        }
        ui:claim({
          en = ("With SGD the two updates are one: over %d updates the weights "
            .. "they give never differ by more than %s, which is rounding.")
            :format(T, f(d.sgd_gap, 2)),
          zh = ("用 SGD 时两种更新是同一回事：%d 次更新中，两者给出的权重相差从未超过 %s，"
            .. "只是舍入误差。"):format(T, f(d.sgd_gap, 2)),
        }, d.sgd_gap < 1e-12)
        local drop1 = d.adam_w1[e] - d.adam_l2_w1[e]    -- what λ took off w₁
        local dropw = d.adam_w1[e] - d.adamw_w1[e]
        ui:claim({
          en = ("Under Adam + L2 the silent w₂ ends at %s but the noisy w₁ "
            .. "only %s below where Adam without a penalty leaves it: Adam "
            .. "divides λw by each weight's own gradient size, so the weight "
            .. "with large gradients hardly decays. AdamW takes %s off w₁ and "
            .. "leaves w₂ at %s = (1 − αλ)^%d, the same decay for both.")
            :format(f(d.adam_l2_w2[e]), f(drop1, 2), f(dropw, 2), f(d.adamw_w2[e]), T),
          zh = ("在 Adam + L2 下，没有梯度的 w₂ 最后是 %s，而有噪声的 w₁ 只比不加惩罚的 "
            .. "Adam 低 %s：Adam 把 λw 除以每个权重自己的梯度大小，所以梯度大的权重几乎"
            .. "不衰减。AdamW 让 w₁ 少了 %s，w₂ 停在 %s = (1 − αλ)^%d：两者衰减相同。")
            :format(f(d.adam_l2_w2[e]), f(drop1, 2), f(dropw, 2), f(d.adamw_w2[e]), T),
        }, d.adam_l2_w2[e] < d.decay_only - 0.2 and drop1 > 0 and drop1 < 0.05
           and dropw > 0.05 and math.abs(d.adamw_w2[e] - d.decay_only) < 1e-9)
        ui:wait()
      end,
    },
    -- 6 ------------------------------------------------------------------
    {
      title = { en = "Two correlated features", zh = "两个高度相关的特征" },
      run = function(ui)
        local spec = { n = 100, rho = 0.99, noise = 1, nlambda = 20, eps = 1e-2 }
        local c = R.correlated(spec)
        local i = 4                         -- λ = λ_max · 10^(−6/19) ≈ λ_max / 2
        -- Returns the index of the ridge fit on r's path whose |w₁| + |w₂|
        -- is closest to the lasso's at i: the same total weight.
        local function matched(r)
          local want = math.abs(r.lasso[i][1]) + math.abs(r.lasso[i][2])
          local best, bk = math.huge, 1
          for k = 1, #r.lambdas do
            local d = math.abs(math.abs(r.ridge[k][1]) + math.abs(r.ridge[k][2])
                               - want)
            if d < best then best, bk = d, k end
          end
          return bk
        end
        local ri = matched(c)
        local lw, rw = c.lasso[i], c.ridge[ri]
        ui:say {
          en = ("Two features that are almost copies of each other (sample "
            .. "correlation %s) and y = x₁ + x₂ + noise: both matter equally. "
            .. "How do the penalties share the weight?\n\n"
            .. "- L1 charges |w₁| + |w₂|, the same for (2, 0) as for (1, 1). It "
            .. "does not care how the weight is shared, so the noise decides, "
            .. "and the answer often ends on a corner: one weight exactly 0, "
            .. "and which one is luck.\n"
            .. "- L2 charges w₁² + w₂², which is smaller for (1, 1) than for "
            .. "(2, 0) (2 against 4). Ridge **splits** the weight.\n\n"
            .. "The same λ is not the same strength for the two penalties "
            .. "(λ|w| against (λ/2)w²), so we compare them at a **matched "
            .. "strength**: the lasso at λ = %s (about λ_max/2) and the ridge "
            .. "fit on its path with the same total weight |w₁| + |w₂| "
            .. "(λ = %s). The paths show the same sample at every λ.")
            :format(f(c.corr), f(c.lambdas[i]), f(c.lambdas[ri])),
          zh = ("两个几乎一模一样的特征（样本相关系数 %s），y = x₁ + x₂ + 噪声："
            .. "两者同样重要。两种惩罚会怎样分配权重？\n\n"
            .. "- L1 的代价是 |w₁| + |w₂|，(2, 0) 和 (1, 1) 一样贵。它不在乎权重怎么分，"
            .. "于是由噪声说了算，结果常常落在尖角上：一个权重恰好为 0，至于是哪一个，"
            .. "全凭运气。\n"
            .. "- L2 的代价是 w₁² + w₂²，(1, 1) 比 (2, 0) 便宜（2 对 4），"
            .. "所以岭回归把权重**平分**。\n\n"
            .. "同一个 λ 对两种惩罚来说强度并不相同（λ|w| 对 (λ/2)w²），所以我们在"
            .. "**相同强度**下比较：lasso 取 λ = %s（约 λ_max/2），岭回归取它路径上"
            .. "总权重 |w₁| + |w₂| 与之相同的那个解（λ = %s）。路径图是同一个样本"
            .. "在所有 λ 下的解。"):format(f(c.corr), f(c.lambdas[i]), f(c.lambdas[ri])),
        }
        ui:chart {
          kind = "bar",
          labels = { "lasso w₁", "lasso w₂",
                     { en = "ridge w₁", zh = "岭 w₁" }, { en = "ridge w₂", zh = "岭 w₂" } },
          values = { lw[1], lw[2], rw[1], rw[2] },
          title = { en = ("One sample, the same total weight (lasso λ = %s, "
                          .. "ridge λ = %s)"):format(f(c.lambdas[i]), f(c.lambdas[ri])),
                    zh = ("一个样本，总权重相同（lasso λ = %s，岭回归 λ = %s）")
                      :format(f(c.lambdas[i]), f(c.lambdas[ri])) },
        }
        local function pair(name, w)
          local a, b = {}, {}
          for k = 1, #c.lambdas do a[k], b[k] = w[k][1], w[k][2] end
          return {
            kind = "line", xlog = true, xlabel = "λ", ylabel = "w",
            title = name,
            series = { { name = "w₁", x = c.lambdas, y = a },
                       { name = "w₂", x = c.lambdas, y = b, style = "points" } },
          }
        end
        ui:wait()
        ui:chart(pair({ en = "Lasso path (same sample)", zh = "lasso 路径（同一样本）" },
                      c.lasso))
        ui:wait()
        ui:chart(pair({ en = "Ridge path (same sample)", zh = "岭回归路径（同一样本）" },
                      c.ridge))
        ui:wait()
        local trials, one, rzero, even = 200, 0, 0, 0
        for _ = 1, trials do
          local r = R.correlated(spec)
          local a, b = r.lasso[i], r.ridge[matched(r)]
          if (a[1] == 0) ~= (a[2] == 0) then one = one + 1 end
          if b[1] == 0 or b[2] == 0 then rzero = rzero + 1 end
          if math.abs(b[1] - b[2]) < 0.2 * math.max(math.abs(b[1]), math.abs(b[2])) then
            even = even + 1
          end
        end
        ui:say {
          en = ("One sample proves little, so we drew %d more and fitted both "
            .. "at the same matched strength (the lasso at λ ≈ λ_max/2, ridge "
            .. "with the same total weight)."):format(trials),
          zh = ("一个样本说明不了什么，于是我们又抽了 %d 个样本，在每条路径的同一位置"
            .. "（lasso 取 λ ≈ λ_max/2，岭回归取总权重相同处）比较两种方法。"):format(trials),
        }
        ui:claim({
          en = ("The lasso set exactly one of the two weights to 0 in %d of %d "
            .. "samples (%s%%); ridge in %d."):format(one, trials,
              f(100 * one / trials), rzero),
          zh = ("在 %d 个样本中，lasso 有 %d 个（%s%%）把两个权重之一恰好置 0；"
            .. "岭回归是 %d 个。"):format(trials, one, f(100 * one / trials), rzero),
        }, one > trials * 0.3 and rzero == 0)
        ui:claim({
          en = ("Ridge's two weights were within 20%% of each other in %d of "
            .. "%d samples."):format(even, trials),
          zh = ("岭回归：%d 个样本中有 %d 个的两个权重相差不到 20%%。")
            :format(trials, even),
        }, even >= trials * 0.9)
        ui:say {
          en = "So \"L1 picks one\" is really \"L1 does not mind picking one\". "
            .. "When you want sparsity but also want correlated features kept "
            .. "together, mix the two penalties: the elastic net of Zou & "
            .. "Hastie (2005), λ(r‖w‖₁ + ((1 − r)/2)‖w‖²) "
            .. "(`regularizer.elastic_net`).",
          zh = "所以“L1 只挑一个”更准确的说法是“L1 不介意只挑一个”。"
            .. "如果既想要稀疏，又希望相关的特征一起保留，可以把两种惩罚混合起来："
            .. "Zou 和 Hastie（2005）的弹性网络 λ(r‖w‖₁ + ((1 − r)/2)‖w‖²)"
            .. "（`regularizer.elastic_net`）。",
        }
      end,
    },
    -- 7 ------------------------------------------------------------------
    {
      title = { en = "Function space: what \"smooth\" means",
                zh = "函数空间：“平滑”指的是什么" },
      run = function(ui)
        local r = R.poly_fit { n = 20, degree = 12, noise = 0.2, log_lambda = -3 }
        -- L1 at matched strength: the λ (by bisection on log₁₀ λ) whose L1
        -- fit has the same training error as L2's at λ = 0.001.
        local function l1_fit(ll)
          return R.poly_fit { data_x = r.data_x, data_y = r.data_y, degree = 12,
                              log_lambda = ll, tol = 1e-10, max_iter = 100000 }
        end
        local lo, hi = -8, 1
        for _ = 1, 40 do
          local mid = (lo + hi) / 2
          if l1_fit(mid).train_mse_l1 < r.train_mse_l2 then lo = mid else hi = mid end
        end
        local r1 = l1_fit((lo + hi) / 2)
        local lam1 = 10 ^ ((lo + hi) / 2)
        ui:say {
          en = "Now the weights are the coefficients of a polynomial of "
            .. "degree 12, fitted to 20 noisy points of sin(πx). Without a "
            .. "penalty, large coefficients of x¹⁰, x¹¹, x¹² cancel each other "
            .. "to pass near every noisy point, and the curve wiggles between "
            .. "them. A penalty makes large coefficients expensive, so the "
            .. "fitted **function** has small derivatives: that is the "
            .. "\"smooth\" in the exercise. We measure it as the roughness "
            .. "∫ f''(x)² dx over [−1, 1]. L2 uses λ = 0.001. The same λ "
            .. "would not be the same strength for L1 (λ|w| against (λ/2)w²), "
            .. "so L1 gets its own λ, chosen so that its training error "
            .. "equals L2's: a **matched strength**.",
          zh = "现在的权重是一个 12 次多项式的系数，拟合 sin(πx) 上带噪声的 20 个点。"
            .. "没有惩罚时，x¹⁰、x¹¹、x¹² 的大系数相互抵消，使曲线从每个噪声点附近穿过，"
            .. "在点与点之间剧烈抖动。加上惩罚后大系数变“贵”了，拟合出来的**函数**"
            .. "导数变小——这才是题目里说的“平滑”。我们用粗糙度 ∫ f''(x)² dx"
            .. "（在 [−1, 1] 上）来度量它。L2 取 λ = 0.001。同一个 λ 对 L1 来说强度"
            .. "并不相同（λ|w| 对 (λ/2)w²），所以 L1 另取一个 λ，使它的训练误差与 L2 "
            .. "相同：这就是**相同强度**。",
        }
        local data = { name = { en = "data", zh = "数据" }, x = r.data_x, y = r.data_y,
                       style = "points" }
        ui:chart {
          kind = "line", xlabel = "x", ylabel = "y", yrange = { -2, 2 },
          title = { en = "Degree 12: no penalty against L2",
                    zh = "12 次多项式：无惩罚与 L2" },
          series = { data,
                     { name = { en = "no penalty", zh = "无惩罚" }, x = r.x, y = r.none },
                     { name = "L2", x = r.x, y = r.l2 } },
        }
        ui:claim({
          en = ("Roughness falls from %s without a penalty to %s with L2 and %s "
            .. "with L1: %s and %s times smoother.")
            :format(f(r.rough_none), f(r.rough_l2), f(r1.rough_l1),
                    times(r.rough_none / r.rough_l2), times(r.rough_none / r1.rough_l1)),
          zh = ("粗糙度从无惩罚时的 %s 降到 L2 的 %s 和 L1 的 %s：分别平滑了 %s 倍和 %s 倍。")
            :format(f(r.rough_none), f(r.rough_l2), f(r1.rough_l1),
                    times(r.rough_none / r.rough_l2), times(r.rough_none / r1.rough_l1)),
        }, r.rough_l2 < r.rough_none / 2 and r1.rough_l1 < r.rough_none / 2)
        ui:say {
          en = ("On this sample the mean squared gap between the curve and "
            .. "sin(πx) is %s with L2 and %s without a penalty. The training "
            .. "errors are %s and %s: no penalty always fits the 20 points "
            .. "best, and that is exactly how it overfits.")
            :format(f(r.err_l2), f(r.err_none), f(r.train_mse_l2),
                    f(r.train_mse_none)),
          zh = ("在这个样本上，曲线与 sin(πx) 的均方差：L2 为 %s，无惩罚为 %s。"
            .. "训练误差分别是 %s 和 %s：无惩罚的曲线总是把这 20 个点拟合得最好，"
            .. "而这恰恰就是它过拟合的方式。")
            :format(f(r.err_l2), f(r.err_none), f(r.train_mse_l2),
                    f(r.train_mse_none)),
        }
        local trials, closer = 100, 0
        for _ = 1, trials do
          local t = R.poly_fit { n = 20, degree = 12, noise = 0.2, log_lambda = -3,
                                 ngrid = 101 }
          if t.err_l2 < t.err_none then closer = closer + 1 end
        end
        ui:claim({
          en = ("Over %d fresh samples, the L2 curve was closer to sin(πx) than "
            .. "the unpenalised one in %d."):format(trials, closer),
          zh = ("在 %d 个新样本中，L2 曲线比无惩罚曲线更接近 sin(πx) 的有 %d 个。")
            :format(trials, closer),
        }, closer >= trials * 0.9)
        ui:wait()
        ui:say {
          en = "L1 smooths too, in its own way: it switches whole powers off, "
            .. "so fewer terms are left to wiggle.",
          zh = "L1 也能让曲线变平滑，只是方式不同：它把一些幂次整个关掉，"
            .. "能参与抖动的项就少了。",
        }
        ui:chart {
          kind = "line", xlabel = "x", ylabel = "y", yrange = { -2, 2 },
          title = { en = ("Degree 12 with L1, λ = %s (matched)"):format(f(lam1)),
                    zh = ("12 次多项式加 L1，λ = %s（相同强度）"):format(f(lam1)) },
          series = { data, { name = "L1", x = r1.x, y = r1.l1 } },
        }
        ui:wait()
        local sup = { "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "¹⁰", "¹¹", "¹²" }
        local pows = {}
        for k = 1, 12 do pows[k] = "x" .. sup[k] end
        ui:chart {
          kind = "bar", labels = pows, values = r1.coef_l1,
          title = { en = "L1 coefficients: some powers switched off",
                    zh = "L1 的系数：一些幂次被直接关掉" },
        }
        ui:claim({
          en = ("L1 sets %d of the 12 coefficients exactly to 0; L2 sets %d.")
            :format(r1.zeros_l1, r.zeros_l2),
          zh = ("L1 把 12 个系数中的 %d 个恰好置 0；L2 是 %d 个。")
            :format(r1.zeros_l1, r.zeros_l2),
        }, r1.zeros_l1 > 0 and r.zeros_l2 == 0)
      end,
    },
    -- 8 ------------------------------------------------------------------
    {
      title = { en = "Explore: λ along the path", zh = "动手探索：沿路径拖动 λ" },
      run = function(ui)
        local d = sparse_problem()
        local path = R.path { X = d.X, y = d.y, nlambda = NLAMBDA, start = START,
                              eps = EPS }
        local lams = path.lambdas
        local series = path_series(path.lambdas, path.coef, d.beta)
        local lo, hi = 0, 0
        for i = 1, #lams do
          for j = 1, 20 do
            lo, hi = math.min(lo, path.coef[i][j]), math.max(hi, path.coef[i][j])
          end
        end
        ui:say {
          en = "Slide λ over a lasso path (a fresh sample from the model of "
            .. "step 4). The vertical line is the current λ; the title counts "
            .. "the exact zeros of a lasso fitted at that λ and its error on "
            .. "500 test points. Watch the count jump each time the line "
            .. "crosses a point where a weight reaches 0, and find the λ with "
            .. "the lowest test error.",
          zh = "在一条 lasso 路径上拖动 λ（数据是从第 4 步的模型中重新抽取的样本）。"
            .. "竖线表示当前的 λ；标题给出在这个 λ 下拟合的 lasso 有几个权重恰好为 0，"
            .. "以及它在 500 个测试点上的误差。留意竖线每越过一个权重归零的位置，"
            .. "零的个数就跳一下；再找找测试误差最低的 λ。",
        }
        ui:explore {
          params = {
            { name = "loglam", min = -3.5, max = 0.8, step = 0.1, value = -1.5,
              label = "log₁₀ λ" },
          },
          draw = function(p)
            local lam = 10 ^ p.loglam
            local fit = R.path { X = d.X, y = d.y, X_test = d.X_test,
                                 y_test = d.y_test, lambdas = { lam },
                                 tol = 1e-8, max_iter = 10000 }
            local zeros, test = fit.zeros[1], fit.test_mse[1]
            ui:chart {
              kind = "line", xlog = true, xlabel = "λ", ylabel = "wⱼ",
              series = { series[1], series[2],
                         { name = "λ", x = { lam, lam }, y = { lo, hi } } },
              title = { en = ("λ = %s: %d of 20 weights are 0, test MSE %s")
                          :format(f(lam), zeros, f(test)),
                        zh = ("λ = %s：20 个权重中 %d 个为 0，测试均方误差 %s")
                          :format(f(lam), zeros, f(test)) },
            }
          end,
        }
      end,
    },
    -- 9 ------------------------------------------------------------------
    {
      title = { en = "Explore: λ on the curve", zh = "动手探索：在曲线上拖动 λ" },
      run = function(ui)
        local pts = R.poly_fit { n = 20, degree = 12, noise = 0.2 }
        ui:say {
          en = "The same slider on the polynomial of step 7, with L1 and L2 "
            .. "side by side, plus a slider for the degree. At small λ a high "
            .. "degree wiggles through the noise; as λ grows both curves "
            .. "calm down, and L1 switches powers off one by one. Very large "
            .. "λ flattens everything towards the mean of y: too much "
            .. "smoothing is also an error. (One slider sets the same λ for "
            .. "both, which is not the same strength: step 7 matched them.)",
          zh = "同一个滑块作用在第 7 步的多项式上，L1 和 L2 放在一起比较，另外还可以调次数。"
            .. "λ 很小时，高次多项式会跟着噪声抖动；λ 变大，两条曲线都平静下来，"
            .. "L1 还会一个接一个地关掉幂次。λ 太大时一切都被压成 y 的均值附近的一条直线："
            .. "过度平滑同样是一种误差。（一个滑块给两者设同一个 λ，这并不是相同的强度："
            .. "第 7 步是把两者的强度对齐之后再比较的。）",
        }
        ui:explore {
          params = {
            { name = "loglam", min = -6, max = 0.5, step = 0.1, value = -3,
              label = "log₁₀ λ" },
            { name = "degree", min = 3, max = 15, step = 1, value = 12,
              label = { en = "degree", zh = "次数" } },
          },
          draw = function(p)
            local r = R.poly_fit { data_x = pts.data_x, data_y = pts.data_y,
                                   degree = p.degree, log_lambda = p.loglam,
                                   tol = 1e-8, max_iter = 20000 }
            ui:chart {
              kind = "line", xlabel = "x", ylabel = "y", yrange = { -2, 2 },
              title = { en = ("Degree %d, λ = %s: L1 keeps %d of %d powers")
                          :format(p.degree, f(10 ^ p.loglam), p.degree - r.zeros_l1,
                                  p.degree),
                        zh = ("%d 次，λ = %s：L1 保留 %d / %d 个幂次")
                          :format(p.degree, f(10 ^ p.loglam), p.degree - r.zeros_l1,
                                  p.degree) },
              series = {
                { name = { en = "data", zh = "数据" }, x = r.data_x, y = r.data_y,
                  style = "points" },
                { name = "L1", x = r.x, y = r.l1 },
                { name = "L2", x = r.x, y = r.l2 },
              },
            }
          end,
        }
      end,
    },
    -- 10 -----------------------------------------------------------------
    {
      title = { en = "Priors: Laplace and Gaussian", zh = "先验：拉普拉斯与高斯" },
      run = function(ui)
        ui:say {
          en = "One more reading: penalties are **priors**. With y = Xw + ε and "
            .. "Gaussian noise of variance σ², the maximum a posteriori (MAP) "
            .. "estimate maximises p(y | w)·p(w), so it minimises "
            .. "‖y − Xw‖²/(2σ²) − log p(w):\n\n"
            .. "- Gaussian prior wⱼ ~ N(0, τ²): −log p(w) = ‖w‖²/(2τ²) + const, "
            .. "which is **ridge**; multiplying by σ²/n gives our scaling with "
            .. "λ = σ²/(nτ²) (scikit-learn's `Ridge` alpha = nλ = σ²/τ²);\n"
            .. "- Laplace prior p(wⱼ) ∝ exp(−|wⱼ|/b): −log p(w) = ‖w‖₁/b + "
            .. "const, which is the **lasso** with λ = σ²/(n b), the same "
            .. "number as scikit-learn's `Lasso` alpha.\n\n"
            .. "The Laplace density has a sharp peak at 0; the Gaussian is flat "
            .. "there. Both charts use one weight, one observation z = 0.8 with "
            .. "noise σ = 1, and priors with the same standard deviation 1.",
          zh = "还有一种读法：惩罚就是**先验**。设 y = Xw + ε，噪声是方差为 σ² 的高斯噪声，"
            .. "最大后验（MAP）估计最大化 p(y | w)·p(w)，也就是最小化 "
            .. "‖y − Xw‖²/(2σ²) − log p(w)：\n\n"
            .. "- 高斯先验 wⱼ ~ N(0, τ²)：−log p(w) = ‖w‖²/(2τ²) + 常数，"
            .. "这就是**岭回归**；乘以 σ²/n 就得到全课的写法，λ = σ²/(nτ²)"
            .. "（scikit-learn `Ridge` 的 alpha = nλ = σ²/τ²）；\n"
            .. "- 拉普拉斯先验 p(wⱼ) ∝ exp(−|wⱼ|/b)：−log p(w) = ‖w‖₁/b + 常数，"
            .. "这就是 λ = σ²/(n b) 的 **lasso**，与 scikit-learn `Lasso` 的 alpha "
            .. "是同一个数。\n\n"
            .. "拉普拉斯密度在 0 处有一个尖峰，高斯密度在 0 处是平的。两张图都只看一个权重、"
            .. "一个观测 z = 0.8（噪声 σ = 1），两个先验的标准差都是 1。",
        }
        local po = R.posterior { z = 0.8, noise_sd = 1, prior_sd = 1, range = 3,
                                 n = 401 }
        ui:chart {
          kind = "line", xlabel = "w", ylabel = { en = "density", zh = "密度" },
          title = { en = "Two priors with standard deviation 1",
                    zh = "标准差都为 1 的两个先验" },
          series = {
            { name = { en = "Laplace (L1)", zh = "拉普拉斯（L1）" }, x = po.x,
              y = po.laplace_prior },
            { name = { en = "Gaussian (L2)", zh = "高斯（L2）" }, x = po.x,
              y = po.gauss_prior, style = "points" },
          },
        }
        ui:wait()
        ui:say {
          en = "Multiply each prior by the likelihood of z = 0.8 and normalise: "
            .. "the posteriors. The Laplace one keeps the kink, and its peak "
            .. "stays exactly at 0.",
          zh = "把每个先验乘以 z = 0.8 的似然再归一化，得到后验。拉普拉斯后验保留了尖点，"
            .. "峰值仍然恰好在 0。",
        }
        ui:chart {
          kind = "line", xlabel = "w", ylabel = { en = "density", zh = "密度" },
          title = { en = "Posteriors after seeing z = 0.8",
                    zh = "观测到 z = 0.8 之后的后验" },
          series = {
            { name = { en = "Laplace prior", zh = "拉普拉斯先验" }, x = po.x,
              y = po.laplace_post },
            { name = { en = "Gaussian prior", zh = "高斯先验" }, x = po.x,
              y = po.gauss_post, style = "points" },
          },
        }
        local step = po.x[2] - po.x[1]
        ui:claim({
          en = ("Under the Laplace prior the posterior peaks exactly at 0: the "
            .. "MAP is soft(0.8, σ²/b) = soft(0.8, %s) = %s, and the grid's "
            .. "highest point is at w = %s."):format(f(po.threshold),
              f(po.laplace_map), f(po.laplace_grid_map)),
          zh = ("拉普拉斯先验下后验的峰恰好在 0：MAP = soft(0.8, σ²/b) = soft(0.8, %s) = %s，"
            .. "网格上的最高点也在 w = %s。"):format(f(po.threshold),
              f(po.laplace_map), f(po.laplace_grid_map)),
        }, po.laplace_map == 0 and po.laplace_grid_map == 0)
        ui:claim({
          en = ("Under the Gaussian prior the MAP is 0.8·τ²/(τ² + σ²) = %s, a "
            .. "shrink, not a zero; the grid agrees to within one step (%s).")
            :format(f(po.gauss_map), f(po.gauss_grid_map)),
          zh = ("高斯先验下 MAP = 0.8·τ²/(τ² + σ²) = %s，是收缩而不是置零；"
            .. "网格结果在一个格点之内（%s）。"):format(f(po.gauss_map), f(po.gauss_grid_map)),
        }, math.abs(po.gauss_map - po.gauss_grid_map) <= step and po.gauss_map > 0)
        ui:claim({
          en = ("The zero belongs to the mode: the Laplace posterior's mean is "
            .. "%s, not 0. ESL §3.4.3 makes the same point: ridge is also the "
            .. "posterior mean, the lasso is not."):format(f(po.laplace_mean)),
          zh = ("零只属于众数（后验的峰）：拉普拉斯后验的均值是 %s，不是 0。"
            .. "ESL §3.4.3 也指出：岭回归同时是后验均值，lasso 则不是。")
            :format(f(po.laplace_mean)),
        }, po.laplace_mean > 0.1 and math.abs(po.gauss_mean - po.gauss_map) < 1e-3)
        ui:quiz {
          question = {
            en = "With the Laplace prior and z = 0.8, which estimate of w is "
              .. "exactly 0?",
            zh = "在拉普拉斯先验、z = 0.8 的情况下，w 的哪个估计恰好为 0？",
          },
          choices = {
            { en = "The posterior mode (MAP) only", zh = "只有后验众数（MAP）" },
            { en = "The posterior mean only", zh = "只有后验均值" },
            { en = "Both", zh = "两者都是" },
          },
          answer = 1,
          explain = {
            en = "The lasso is the MAP, which sits on the kink at 0. The mean "
              .. "averages over the whole posterior, including w > 0, so it is "
              .. "small but not 0.",
            zh = "lasso 对应的是 MAP，它停在 0 处的尖点上。均值是对整个后验取平均，"
              .. "包括 w > 0 的部分，所以很小但不为 0。",
          },
          why = {
            [2] = {
              en = "The other way round: the mean averages over the whole "
                .. "posterior, and with z = 0.8 > 0 it lies above 0 (the claim "
                .. "above). The one on the kink at 0 is the mode, the MAP that "
                .. "the lasso computes.",
              zh = "正好反了：均值是对整个后验取平均，z = 0.8 > 0 时它大于 0（见上面的结论）。"
                .. "停在 0 处尖点上的是众数，也就是 lasso 算出的 MAP。",
            },
            [3] = {
              en = "Only the mode is 0. The posterior mean is pulled towards "
                .. "z = 0.8 by the mass on w > 0, so it is small but positive.",
              zh = "只有众数为 0。w > 0 那一侧的概率质量把后验均值拉向 z = 0.8，"
                .. "所以它很小但为正。",
            },
          },
        }
      end,
    },
    -- 11 -----------------------------------------------------------------
    {
      title = { en = "The answer, made precise", zh = "把答案说准确" },
      run = function(ui)
        local d = sparse_problem()
        local l = R.path { X = d.X, y = d.y, X_test = d.X_test, y_test = d.y_test,
                           nlambda = NLAMBDA, start = START, eps = EPS,
                           tol = 1e-10, max_iter = 100000 }
        local lams = l.lambdas
        local r = R.path { X = d.X, y = d.y, X_test = d.X_test, y_test = d.y_test,
                           lambdas = lams, penalty = "ridge" }
        local bl, br = nnt.argmin(l.test_mse), nnt.argmin(r.test_mse)
        ui:say {
          en = "The note, rewritten with what we checked:\n\n"
            .. "- **Sparse (L1).** At wⱼ = 0 the L1 subgradient is the whole "
            .. "interval [−λ, λ], so wⱼ = 0 is optimal whenever the data's pull "
            .. "|xⱼᵀr|/n is at most λ: a whole range of data gives an exact 0. "
            .. "It is a kink with slope ±λ on both sides, not just any missing "
            .. "derivative: the smooth Σ√(w² + ε) pulls almost as hard and "
            .. "gives no exact zero (step 3). Geometrically the diamond's corners sit on the "
            .. "axes; algorithmically the soft threshold lands on 0; as a "
            .. "prior it is the Laplace MAP.\n"
            .. "- **Small and smooth (L2).** L2's pull λwⱼ vanishes at 0, so "
            .. "weights shrink (by 1/(1 + λ) with orthonormal features, in "
            .. "ESL's scaling) but "
            .. "stop at 0 only by accident. Small weights give a fitted "
            .. "function with small derivatives: smooth means a gentler curve. "
            .. "It is the Gaussian MAP and also the posterior mean.\n"
            .. "- **Correlated features.** At matched strength L1 does not "
            .. "mind keeping only one (and often does); L2 shares the weight "
            .. "evenly. The elastic net (Zou & Hastie 2005) mixes the two.\n"
            .. "- **Weight decay.** Under SGD, L2 is the book's weight decay "
            .. "w ← (1 − αλ)w − α∇f; under Adam it is not, hence AdamW.\n\n"
            .. "The bars show both fits at their best test error, on a fresh "
            .. "sample from the model of step 4.\n\n"
            .. "Sources: nndl §7.7.1–§7.7.2; Hastie, Tibshirani & Friedman, The Elements of "
            .. "Statistical Learning, 2nd ed., §3.4.3 (Table 3.4, Figure 3.11, "
            .. "and the discussion of posterior modes).",
          zh = "用我们验证过的结论把笔记重写一遍：\n\n"
            .. "- **稀疏（L1）。**在 wⱼ = 0 处，L1 的次梯度是整个区间 [−λ, λ]，"
            .. "所以只要数据的拉力 |xⱼᵀr|/n 不超过 λ，wⱼ = 0 就是最优的：一整片数据"
            .. "都会给出恰好为 0 的解。关键是 0 点两侧斜率为 ±λ 的尖点，而不是随便哪种"
            .. "“不可导”：光滑的 Σ√(w² + ε) 拉力几乎一样大，却给不出恰好为 0 的解（第 3 步）。几何上，菱形的尖角在坐标轴上；算法上，软阈值直接落在 0；"
            .. "从先验看，它是拉普拉斯先验下的 MAP。\n"
            .. "- **小而平滑（L2）。**L2 的拉力 λwⱼ 在 0 处消失，所以权重会收缩"
            .. "（正交特征下、按 ESL 的写法是乘以 1/(1 + λ)），但只有碰巧才会停在 0。权重小意味着拟合"
            .. "函数的导数小：“平滑”指的是曲线更平缓。它是高斯先验下的 MAP，"
            .. "同时也是后验均值。\n"
            .. "- **相关特征。**在相同强度下，L1 不介意只留一个（而且常常如此）；L2 把权重"
            .. "平分。弹性网络（Zou 和 Hastie 2005）把两者混合起来。\n"
            .. "- **权重衰减。**用 SGD 时，L2 就是书中的权重衰减 w ← (1 − αλ)w − α∇f；"
            .. "用 Adam 时则不是，所以才有 AdamW。\n\n"
            .. "柱状图是从第 4 步的模型重新抽取一批样本后，两种方法在各自测试误差最低处的解。\n\n"
            .. "参考：nndl §7.7.1–§7.7.2；Hastie、Tibshirani 和 Friedman，The Elements of Statistical "
            .. "Learning（第 2 版）§3.4.3（表 3.4、图 3.11 以及关于后验众数的讨论）。",
        }
        ui:chart {
          kind = "bar", labels = wlabels(20), values = l.coef[bl],
          title = { en = ("Lasso at λ = %s: test MSE %s, %d zeros")
                      :format(f(l.lambdas[bl]), f(l.test_mse[bl]), l.zeros[bl]),
                    zh = ("lasso，λ = %s：测试均方误差 %s，%d 个零")
                      :format(f(l.lambdas[bl]), f(l.test_mse[bl]), l.zeros[bl]) },
        }
        ui:wait()
        ui:chart {
          kind = "bar", labels = wlabels(20), values = r.coef[br],
          title = { en = ("Ridge at λ = %s: test MSE %s, %d zeros")
                      :format(f(r.lambdas[br]), f(r.test_mse[br]), r.zeros[br]),
                    zh = ("岭回归，λ = %s：测试均方误差 %s，%d 个零")
                      :format(f(r.lambdas[br]), f(r.test_mse[br]), r.zeros[br]) },
        }
        ui:claim({
          en = ("At their best λ the lasso has %d exact zeros and ridge %d; "
            .. "their test errors are %s and %s.")
            :format(l.zeros[bl], r.zeros[br], f(l.test_mse[bl]), f(r.test_mse[br])),
          zh = ("在各自最好的 λ 处，lasso 有 %d 个零权重，岭回归有 %d 个；"
            .. "测试均方误差分别为 %s 和 %s。")
            :format(l.zeros[bl], r.zeros[br], f(l.test_mse[bl]), f(r.test_mse[br])),
        }, l.zeros[bl] > 0 and r.zeros[br] == 0)
        ui:quiz {
          question = { en = "Which sentence explains the exact zeros of L1?",
                       zh = "哪句话解释了 L1 为什么会得到恰好为 0 的权重？" },
          choices = {
            { en = "|w| has no derivative at 0, so gradient descent gets stuck there",
              zh = "|w| 在 0 处不可导，所以梯度下降会卡在那里" },
            { en = "At 0 the penalty can balance any data pull up to λ, so 0 is "
                .. "optimal for a whole range of data",
              zh = "在 0 处惩罚项能抵消不超过 λ 的任何数据拉力，所以对一整片数据 0 都是最优" },
            { en = "L1 shrinks every weight more than L2 does",
              zh = "L1 对每个权重的收缩都比 L2 大" },
          },
          answer = 2,
          explain = {
            en = "The subgradient interval [−λ, λ] at 0 is the reason. Plain "
              .. "subgradient descent in fact never stops at 0 (step 5), and "
              .. "L1 does not shrink every weight more: for large weights ridge "
              .. "shrinks more.",
            zh = "原因是 0 处的次梯度区间 [−λ, λ]。普通的次梯度下降其实从不停在 0（第 5 步）；"
              .. "L1 也不是对每个权重都收缩得更多：对大的权重，岭回归收缩得更多。",
          },
          why = {
            [1] = {
              en = "Having no derivative stops nothing: plain subgradient "
                .. "descent jumps across 0 and never settles there (step 5). "
                .. "The exact zero comes from the optimality condition at 0, "
                .. "|gⱼ| ≤ λ, which the soft threshold meets exactly.",
              zh = "不可导并不会让任何东西停下：普通的次梯度下降会越过 0，从不停在那里（第 5 步）。"
                .. "恰好为 0 来自 0 处的最优性条件 |gⱼ| ≤ λ，软阈值正好满足它。",
            },
            [3] = {
              en = "Not so: ℓ1 moves every weight by the same λ, while ℓ2 "
                .. "scales it by 1/(1 + λ), so large weights shrink more under "
                .. "ℓ2 (step 3). And shrinking more would still not give exact "
                .. "zeros; the threshold does.",
              zh = "并非如此：ℓ1 把每个权重都移动同样的 λ，ℓ2 则按 1/(1 + λ) 缩放，"
                .. "所以大的权重在 ℓ2 下收缩得更多（第 3 步）。而且收缩得再多也得不到"
                .. "恰好为 0，得到 0 的是阈值。",
            },
          },
        }
      end,
    },
  },
}
