-- SPDX-License-Identifier: MIT
-- Lesson A2.3: with Gaussian noise on the output, minimising the mean
-- squared error is maximum likelihood.  The derivation is revealed step by
-- step, then checked on a sweep: same argmin, NLL = a·MSE + b exactly,
-- σ²_ML = MSE at the optimum; Laplace noise and outliers lead to MAE.
local loss = nnt.plugin "loss"

local DATA_SEED = 2303          -- one data set for every step
local N, SLOPE, ICEPT, SIGMA = 100, 2, 0.5, 0.5

-- Reseeds to data set k of this run: the same in every step, and a new
-- one for every --seed.
local function reseed(k)
  nnt.seed(nnt.lesson_seed * 7919 + DATA_SEED + k)
end

-- Returns the lesson's data (the same in every step): N points on
-- y = 2x + 0.5 plus Gaussian noise with σ = 0.5, x in [−1, 1].
local function dataset()
  reseed(0)
  local d = loss.regression_data { n = N, slope = SLOPE, intercept = ICEPT,
                                   sigma = SIGMA }
  return { x = d.x:totable(), y = d.y:totable(), eps = d.eps }
end

-- Returns the Gaussian density φ(r; 0, σ²).
local function phi(r, sigma)
  return math.exp(-r * r / (2 * sigma * sigma)) / math.sqrt(2 * math.pi * sigma * sigma)
end

-- Returns Σ_i −log φ(y_i − (w·x_i + 0.5); σ): the NLL summed point by point
-- from the density itself, without the derived formula.
local function nll_direct(d, w, sigma)
  local t = 0
  for i = 1, #d.x do t = t - math.log(phi(d.y[i] - (w * d.x[i] + ICEPT), sigma)) end
  return t
end

-- Returns Σ_i −log of the Laplace density exp(−|r_i|/β)/(2β), point by point.
local function laplace_direct(d, w, beta)
  local t = 0
  for i = 1, #d.x do
    local r = d.y[i] - (w * d.x[i] + ICEPT)
    t = t - math.log(math.exp(-math.abs(r) / beta) / (2 * beta))
  end
  return t
end

-- Returns the mean squared residual of the slope w on d.
local function mse_direct(d, w)
  local t = 0
  for i = 1, #d.x do t = t + (d.y[i] - (w * d.x[i] + ICEPT)) ^ 2 end
  return t / #d.x
end

-- Returns the minimiser of f on [a, b] by golden-section search (f
-- unimodal there), to within tol.
local function golden(f, a, b, tol)
  local g = (math.sqrt(5) - 1) / 2
  local c, e = b - g * (b - a), a + g * (b - a)
  local fc, fe = f(c), f(e)
  while b - a > tol do
    if fc < fe then
      b, e, fe = e, c, fc
      c = b - g * (b - a); fc = f(c)
    else
      a, c, fc = c, e, fe
      e = a + g * (b - a); fe = f(e)
    end
  end
  return (a + b) / 2
end

-- Returns the sweep of the slope w for f(x) = w·x + 0.5 on the data d.
local function sweep(d, model_sigma)
  return loss.gauss_sweep { data_x = d.x, data_y = d.y, intercept = ICEPT,
                            model_sigma = model_sigma or SIGMA,
                            w_min = 1, w_max = 3, steps = 201 }
end

-- Returns the index of the largest or smallest value of a list.
local function arg(xs, better)
  local b = 1
  for i = 2, #xs do if better(xs[i], xs[b]) then b = i end end
  return b
end

-- Returns a line chart of the data with fitted lines (name, slope, icept).
local function fits_chart(x, y, title, lines)
  local s = { { name = { en = "data", zh = "数据" }, x = x, y = y, style = "points" } }
  local x0, x1 = x[1], x[#x]
  for _, l in ipairs(lines) do
    s[#s + 1] = { name = l[1], x = { x0, x1 }, y = { l[2] * x0 + l[3], l[2] * x1 + l[3] } }
  end
  return { kind = "line", title = title, xlabel = "x", ylabel = "y", series = s }
end

-- Returns the sum of the list xs (a plain table or a plugin array).
local function sum(xs)
  local t = 0
  for i = 1, #xs do t = t + xs[i] end
  return t
end

-- Returns targets and predictions for a random exercise input: two lists
-- of 1 to 20 numbers in [−3, 3].
local function random_points(R)
  local n = R.int(1, 20)
  return R.vector(n, -3, 3), R.vector(n, -3, 3)
end

-- The exercises: the Gaussian NLL of the derivation, and the Laplace NLL
-- of the step on Laplace noise; both the sum over the points, as NLL(θ)
-- is in this lesson.
local exercises = {
  {
    name = "gaussian_nll",
    title = { en = "The Gaussian negative log-likelihood", zh = "高斯分布的负对数似然" },
    statement = {
      en = "Turn the NLL(θ) above into code. Under the model y ~ N(ŷ, σ²) "
        .. "(nndl §2.3 writes p(y | x; w, σ) = N(y; wᵀx, σ²)) each point costs "
        .. "−log p(y_i | x_i, θ) = ½ log(2πσ²) + (y_i − ŷ_i)²/(2σ²), and the data "
        .. "cost the sum:\n\n"
        .. "NLL = Σ_i [ ½ log(2πσ²) + (y_i − ŷ_i)²/(2σ²) ]\n\n"
        .. "Write `gaussian_nll(y, yhat, sigma)`:\n"
        .. "- `y`, `yhat`: lists of N numbers, the targets y_i and the predictions "
        .. "ŷ_i = f(x_i; θ) (N may be 0: an empty sum is 0)\n"
        .. "- `sigma`: the noise standard deviation σ > 0\n"
        .. "- returns the **sum** over the points (NLL(θ) as above, not the mean): one number\n\n"
        .. "The result may be negative: with a small σ the density can exceed 1.",
      zh = "把上面的 NLL(θ) 写成代码。在模型 y ~ N(ŷ, σ²) 下（nndl §2.3 记作 "
        .. "p(y | x; w, σ) = N(y; wᵀx, σ²)），每个点的代价是 "
        .. "−log p(y_i | x_i, θ) = ½ log(2πσ²) + (y_i − ŷ_i)²/(2σ²)，整个数据集的代价是它们的和：\n\n"
        .. "NLL = Σ_i [ ½ log(2πσ²) + (y_i − ŷ_i)²/(2σ²) ]\n\n"
        .. "编写 `gaussian_nll(y, yhat, sigma)`：\n"
        .. "- `y`、`yhat`：各含 N 个数的列表，即目标 y_i 和预测 ŷ_i = f(x_i; θ)"
        .. "（N 可以为 0：空的求和等于 0）\n"
        .. "- `sigma`：噪声的标准差 σ > 0\n"
        .. "- 返回对所有点的**求和**（即上面的 NLL(θ)，不是平均值）：一个数\n\n"
        .. "结果可以是负数：σ 很小时，概率密度可以大于 1。",
    },
    stub = {
      en = [[
function gaussian_nll(y, yhat, sigma)
  -- y, yhat: lists of N numbers; sigma: the noise standard deviation σ > 0
  -- returns Σ_i [ ½ log(2πσ²) + (y_i − ŷ_i)² / (2σ²) ]
  local total = 0
  for i = 1, #y do
    local r = y[i] - yhat[i]     -- the residual y_i − ŷ_i
    -- TODO: add this point's −log p(y_i | x_i, θ) to total
  end
  return total
end
]],
      zh = [[
function gaussian_nll(y, yhat, sigma)
  -- y, yhat：各含 N 个数的列表；sigma：噪声的标准差 σ > 0
  -- 返回 Σ_i [ ½ log(2πσ²) + (y_i − ŷ_i)² / (2σ²) ]
  local total = 0
  for i = 1, #y do
    local r = y[i] - yhat[i]     -- 残差 y_i − ŷ_i
    -- TODO：把这个点的 −log p(y_i | x_i, θ) 加到 total 上
  end
  return total
end
]],
    },
    solution = [[
function gaussian_nll(y, yhat, sigma)
  local var = sigma * sigma
  local c = 0.5 * math.log(2 * math.pi * var)   -- ½ log(2πσ²), the same for every point
  local total = 0
  for i = 1, #y do
    local r = y[i] - yhat[i]
    total = total + c + r * r / (2 * var)
  end
  return total
end
]],
    hints = {
      { en = "Every point adds two terms: the same constant ½ log(2πσ²), and its "
          .. "own squared residual r² divided by 2σ². Add both to `total` inside the loop.",
        zh = "每个点贡献两项：同一个常数 ½ log(2πσ²)，以及它自己的残差平方 r² 除以 2σ²。"
          .. "在循环里把两项都加到 `total` 上。" },
      { en = "In Lua `math.log` is the natural log and `math.pi` is π. The line "
          .. "inside the loop: `total = total + 0.5 * math.log(2 * math.pi * sigma^2) "
          .. "+ r * r / (2 * sigma^2)`.",
        zh = "Lua 里 `math.log` 是自然对数，`math.pi` 是 π。循环里的那一行："
          .. "`total = total + 0.5 * math.log(2 * math.pi * sigma^2) + r * r / (2 * sigma^2)`。" },
    },
    -- The plugin's gaussian_nll, point by point, summed.
    reference = function(y, yhat, sigma)
      if #y == 0 then return 0 end
      return sum(loss.compute { loss = "gaussian_nll", pred = yhat, target = y,
                                sigma = sigma }.each)
    end,
    cases = {
      { {}, {}, 1 },                                  -- no points: 0
      { { 1.5 }, { 1.5 }, 1 },                        -- no residual: ½ log 2π
      { { 0, 0, 0 }, { 0, 0, 0 }, 0.1 },              -- a density above 1: NLL < 0
      { { 1 }, { 0 }, 1 / math.sqrt(2 * math.pi) },   -- log(2πσ²) = 0: NLL = π
      { { 2, -1 }, { 0, 1 }, 0.5 },                   -- residuals of both signs
      { { 3 }, { 0 }, 0.001 },                        -- a tiny σ: a huge NLL
      { { 0 }, { 1 }, 1000 },                         -- a huge σ
      { { 2.5, 0.7, -1.2, 1.9 }, { 2.4, 0.5, -0.5, 2.0 }, 0.5 },
    },
    random = function(R)
      local y, yhat = random_points(R)
      return { y, yhat, R.uniform(0.05, 3) }
    end,
  },
  {
    name = "laplace_nll",
    title = { en = "The Laplace negative log-likelihood", zh = "拉普拉斯分布的负对数似然" },
    statement = {
      en = "With Laplace noise, p(ε) = exp(−|ε|/β)/(2β), a point costs "
        .. "−log p(y_i | x_i, θ) = log(2β) + |y_i − ŷ_i|/β, and the data cost the sum:\n\n"
        .. "NLL = Σ_i [ log(2β) + |y_i − ŷ_i|/β ] = N log(2β) + N·MAE/β\n\n"
        .. "Write `laplace_nll(y, yhat, beta)`:\n"
        .. "- `y`, `yhat`: lists of N numbers, the targets and the predictions (N may be 0)\n"
        .. "- `beta`: the scale β > 0 of the Laplace noise\n"
        .. "- returns the **sum** over the points: one number",
      zh = "若噪声服从拉普拉斯分布 p(ε) = exp(−|ε|/β)/(2β)，每个点的代价是 "
        .. "−log p(y_i | x_i, θ) = log(2β) + |y_i − ŷ_i|/β，整个数据集的代价是它们的和：\n\n"
        .. "NLL = Σ_i [ log(2β) + |y_i − ŷ_i|/β ] = N log(2β) + N·MAE/β\n\n"
        .. "编写 `laplace_nll(y, yhat, beta)`：\n"
        .. "- `y`、`yhat`：各含 N 个数的列表，即目标和预测（N 可以为 0）\n"
        .. "- `beta`：拉普拉斯噪声的尺度 β > 0\n"
        .. "- 返回对所有点的**求和**：一个数",
    },
    stub = {
      en = [[
function laplace_nll(y, yhat, beta)
  -- y, yhat: lists of N numbers; beta: the scale β > 0
  -- returns Σ_i [ log(2β) + |y_i − ŷ_i| / β ]
  local total = 0
  for i = 1, #y do
    local r = y[i] - yhat[i]     -- the residual y_i − ŷ_i
    -- TODO: add this point's −log p(y_i | x_i, θ) to total
  end
  return total
end
]],
      zh = [[
function laplace_nll(y, yhat, beta)
  -- y, yhat：各含 N 个数的列表；beta：尺度 β > 0
  -- 返回 Σ_i [ log(2β) + |y_i − ŷ_i| / β ]
  local total = 0
  for i = 1, #y do
    local r = y[i] - yhat[i]     -- 残差 y_i − ŷ_i
    -- TODO：把这个点的 −log p(y_i | x_i, θ) 加到 total 上
  end
  return total
end
]],
    },
    solution = [[
function laplace_nll(y, yhat, beta)
  local c = math.log(2 * beta)     -- log(2β), the same for every point
  local total = 0
  for i = 1, #y do
    total = total + c + math.abs(y[i] - yhat[i]) / beta
  end
  return total
end
]],
    hints = {
      { en = "It is `gaussian_nll` with two changes: the constant becomes log(2β), and "
          .. "the squared residual r²/(2σ²) becomes the absolute residual |r|/β.",
        zh = "它就是 `gaussian_nll` 改两处：常数变成 log(2β)，残差平方 r²/(2σ²) "
          .. "变成残差的绝对值 |r|/β。" },
      { en = "`math.abs(r)` is |r|. The line inside the loop: "
          .. "`total = total + math.log(2 * beta) + math.abs(r) / beta`.",
        zh = "`math.abs(r)` 就是 |r|。循环里的那一行："
          .. "`total = total + math.log(2 * beta) + math.abs(r) / beta`。" },
    },
    -- N log(2β) plus the plugin's absolute errors |y_i − ŷ_i| over β.
    reference = function(y, yhat, beta)
      if #y == 0 then return 0 end
      local c = loss.compute { loss = "mae", pred = yhat, target = y }
      return #y * math.log(2 * beta) + sum(c.each) / beta
    end,
    cases = {
      { {}, {}, 1 },                                  -- no points: 0
      { { 1, 2, 3 }, { 1, 2, 3 }, 0.5 },              -- log(2β) = 0, no residual: 0
      { { 0 }, { 2 }, 1 },                            -- log 2 + 2
      { { 2 }, { 0 }, 1 },                            -- the sign does not matter
      { { 1, -1 }, { 0, 0 }, 0.25 },                  -- log(2β) < 0
      { { 3 }, { 3 }, 5 },                            -- log 10
      { { 2.5, 0.7, -1.2, 1.9 }, { 2.4, 0.5, -0.5, 2.0 }, 0.5 },
    },
    random = function(R)
      local y, yhat = random_points(R)
      return { y, yhat, R.uniform(0.05, 3) }
    end,
  },
}

return nnt.lesson {
  id = "a2_3",
  title = { en = "A2.3 MSE = Gaussian maximum likelihood", zh = "A2.3 MSE 即高斯噪声下的最大似然" },
  summary = { en = "Derive NLL(θ) = (N/2) log(2πσ²) + Σ(y − f)²/(2σ²), then check it: same argmin, an exact affine relation, σ²_ML = MSE; and MAE for Laplace noise.",
              zh = "推导 NLL(θ) = (N/2) log(2πσ²) + Σ(y − f)²/(2σ²)，再用实验验证：同一个最小值点、严格的仿射关系、σ²_ML = MSE；拉普拉斯噪声则对应 MAE。" },
  seed = 23,
  exercises = exercises,
  -- The written answer to exercise A2.3, as a strong student would hand it in.
  answer = {
    en = "**Claim.** Let y = f(x; θ) + ε, where the noise ε_i ~ N(0, σ²) of the N "
      .. "points is independent and has **the same variance σ² for every point**. "
      .. "Then the θ that maximises the likelihood is the θ that minimises the mean "
      .. "squared error MSE(θ) = (1/N) Σ (y_i − f(x_i; θ))².\n\n"
      .. "**Derivation** (nndl §2.3, which writes p(y | x; w, σ) = N(y; wᵀx, σ²) for "
      .. "a linear f). Given x_i, y_i has the density\n\n"
      .. "p(y_i | x_i; θ, σ) = (2πσ²)^(−1/2) · exp(−(y_i − f(x_i; θ))² / (2σ²))\n\n"
      .. "Independence makes the likelihood of the data a product:\n\n"
      .. "L(θ) = ∏ p(y_i | x_i; θ, σ) = (2πσ²)^(−N/2) · exp(−Σ (y_i − f(x_i; θ))² / (2σ²))\n\n"
      .. "log is strictly increasing, so argmax L = argmax log L = argmin NLL, with\n\n"
      .. "NLL(θ) = −log L(θ) = (N/2) log(2πσ²) + Σ (y_i − f(x_i; θ))² / (2σ²) = a·MSE(θ) + b,\n\n"
      .. "a = N/(2σ²) > 0 and b = (N/2) log(2πσ²). For a fixed σ neither a nor b "
      .. "depends on θ, and an increasing affine map does not move a minimum: "
      .. "argmax L = argmin MSE. In the book's notation, for f(x; w) = wᵀx, "
      .. "NLL(w) = (1/σ²)·½‖y − Xᵀw‖² + (N/2) log(2πσ²), so the maximum-likelihood "
      .. "w is the least-squares w. “Equivalent” means the same minimiser, not the "
      .. "same value.\n\n"
      .. "**What the lesson showed.**\n\n"
      .. "- summing −log of each point's density gives the formula above, and NLL "
      .. "plotted against MSE over a sweep of the slope is one straight line with "
      .. "slope N/(2σ²) (step 4's third chart); the two curves bottom out at the "
      .. "least-squares slope\n"
      .. "- σ need not be known: every assumed σ > 0 gives the same minimiser (step "
      .. "5's chart); maximising over σ as well gives σ²_ML = MSE(θ*) (step 6), "
      .. "which divides by N and so is slightly biased low\n"
      .. "- the residuals at the optimum look like the assumed noise (step 7's "
      .. "histogram): a check of the assumption behind MSE\n\n"
      .. "**Two corrections to a common written answer.** For a continuous y the "
      .. "likelihood is a probability **density**, not “the probability that the "
      .. "observed data appear” (a density can exceed 1, so −log p can be "
      .. "negative). And the step “maximise the joint density, i.e. minimise "
      .. "Σ (y_i − f)²” is the whole proof, so it needs its reasons: exp is "
      .. "increasing, and the factor (2πσ²)^(−N/2) > 0 does not depend on θ; it "
      .. "also needs σ to be the same for every point. If each point had its own "
      .. "known σ_i², the same steps would give weighted least squares, "
      .. "Σ (y_i − f)²/σ_i², not the MSE.\n\n"
      .. "**Beyond the exercise.** The loss follows the noise model: Laplace noise "
      .. "gives the mean absolute error (step 9). Under Gaussian noise the MSE fit "
      .. "is also the more accurate of the two on average, while a few outliers "
      .. "pull it further than the MAE fit (step 10's chart of slope errors over "
      .. "300 data sets).",
    zh = "**结论。** 设 y = f(x; θ) + ε，N 个点的噪声 ε_i ~ N(0, σ²) 相互独立，"
      .. "且**每个点的方差 σ² 都相同**。那么使似然最大的 θ，就是使均方误差 "
      .. "MSE(θ) = (1/N) Σ (y_i − f(x_i; θ))² 最小的 θ。\n\n"
      .. "**推导**（nndl §2.3，线性模型时记作 p(y | x; w, σ) = N(y; wᵀx, σ²)）。"
      .. "给定 x_i，y_i 的概率密度为\n\n"
      .. "p(y_i | x_i; θ, σ) = (2πσ²)^(−1/2) · exp(−(y_i − f(x_i; θ))² / (2σ²))\n\n"
      .. "各点独立，所以数据的似然是乘积：\n\n"
      .. "L(θ) = ∏ p(y_i | x_i; θ, σ) = (2πσ²)^(−N/2) · exp(−Σ (y_i − f(x_i; θ))² / (2σ²))\n\n"
      .. "log 严格递增，所以 argmax L = argmax log L = argmin NLL，其中负对数似然\n\n"
      .. "NLL(θ) = −log L(θ) = (N/2) log(2πσ²) + Σ (y_i − f(x_i; θ))² / (2σ²) = a·MSE(θ) + b，\n\n"
      .. "a = N/(2σ²) > 0，b = (N/2) log(2πσ²)。σ 固定时 a 和 b 都与 θ 无关，"
      .. "而单调递增的仿射变换不会移动最小值点：argmax L = argmin MSE。用教材的记号，"
      .. "f(x; w) = wᵀx 时 NLL(w) = (1/σ²)·½‖y − Xᵀw‖² + (N/2) log(2πσ²)，"
      .. "所以最大似然估计的 w 就是最小二乘的 w。“等价”指最小值点相同，而不是数值相同。\n\n"
      .. "**本课的实验说明了什么。**\n\n"
      .. "- 把每个点的密度取 −log 再求和，得到的正是上面的公式；在斜率的一组扫描上，"
      .. "NLL 对 MSE 的图是一条斜率为 N/(2σ²) 的直线（第 4 步的第三张图）；"
      .. "两条曲线都在最小二乘斜率处最低\n"
      .. "- 不需要知道 σ：假设任何 σ > 0 都得到同一个最小值点（第 5 步的图）；"
      .. "再对 σ 最大化，得到 σ²_ML = MSE(θ*)（第 6 步），它除以 N，所以略微偏小\n"
      .. "- 最优点处的残差看起来就像假设的噪声（第 7 步的直方图）：这是对 MSE 背后假设的检验\n\n"
      .. "**对一种常见书面答案的两处修正。** y 是连续变量时，似然是概率**密度**，而不是"
      .. "“观测数据出现的概率”（密度可以大于 1，所以 −log p 可以是负数）。"
      .. "另外，“使联合概率密度最大，即使 Σ (y_i − f)² 最小”这一步就是整个证明，"
      .. "必须写出理由：exp 是递增函数，因子 (2πσ²)^(−N/2) > 0 与 θ 无关；"
      .. "它还要求每个点的 σ 相同。如果每个点有各自已知的 σ_i²，同样的推导得到的是"
      .. "加权最小二乘 Σ (y_i − f)²/σ_i²，而不是 MSE。\n\n"
      .. "**习题之外。** 损失函数取决于噪声模型：拉普拉斯噪声对应平均绝对误差（第 9 步）。"
      .. "高斯噪声下，平均而言 MSE 拟合也是两者中更准确的；而少数离群点对它的拉动比对 "
      .. "MAE 拟合更大（第 10 步中 300 组数据上斜率误差的图）。",
  },
  steps = {
    {
      title = { en = "A model with noise", zh = "带噪声的模型" },
      run = function(ui)
        local d = dataset()
        local sd = math.sqrt(nnt.var(d.eps))
        ui:say {
          en = "Exercise A2.3 of nndl (邱锡鹏《神经网络与深度学习》): in regression, "
            .. "suppose the output carries Gaussian noise. Show that minimising the "
            .. "mean squared error (MSE) is the same as maximising the likelihood.\n\n"
            .. "The book does this in §2.3 (linear regression, its maximum-likelihood "
            .. "part): it writes p(y | x; w, σ) = N(y; wᵀx, σ²) and the least-squares "
            .. "loss ½‖y − Xᵀw‖² = ½ Σ (y_i − wᵀx_i)². We use the same notation, with "
            .. "θ for the parameters of a general model f(x; θ).\n\n"
            .. "The model: y = f(x; θ) + ε with ε ~ N(0, σ²), drawn independently for "
            .. "each point, with **the same σ² for every point**. (If each point had "
            .. "its own σ_i², the same steps would give a weighted least squares, "
            .. "Σ (y_i − f)²/σ_i²: plain MSE is the equal-variance case.) Here "
            .. "f(x; θ) = w·x + 0.5, so θ is one number, the slope w. This program "
            .. "drew 100 points with the true slope w = 2 and σ = 0.5.",
          zh = "nndl（邱锡鹏《神经网络与深度学习》）习题 A2.3：在回归问题中，假设输出带有"
            .. "高斯噪声，证明最小化均方误差（MSE）等价于最大似然估计。\n\n"
            .. "教材在 §2.3（线性回归的最大似然估计部分）做了这件事：记 "
            .. "p(y | x; w, σ) = N(y; wᵀx, σ²)，最小二乘损失为 "
            .. "½‖y − Xᵀw‖² = ½ Σ (y_i − wᵀx_i)²。本课沿用这套记号，"
            .. "对一般的模型 f(x; θ) 用 θ 表示参数。\n\n"
            .. "模型：y = f(x; θ) + ε，ε ~ N(0, σ²)，每个点的噪声相互独立，"
            .. "而且**每个点的方差 σ² 都相同**。（如果每个点有各自的 σ_i²，同样的推导"
            .. "得到加权最小二乘 Σ (y_i − f)²/σ_i²：普通的 MSE 是等方差的情形。）"
            .. "这里 f(x; θ) = w·x + 0.5，θ 就是一个数：斜率 w。"
            .. "本程序用真实斜率 w = 2、σ = 0.5 生成了 100 个点。",
        }
        ui:chart(fits_chart(d.x, d.y, { en = "100 noisy points and the true line",
                                        zh = "100 个带噪声的点和真实直线" },
                            { { { en = "true line", zh = "真实直线" }, SLOPE, ICEPT } }))
        local se = SIGMA / math.sqrt(2 * N)   -- standard error of a sample sd
        ui:claim({
          en = ("The noise this program added has standard deviation %s. A sample of "
            .. "100 draws scatters around σ = 0.5 by about σ/√(2N) ≈ %s, and this one "
            .. "lies within four of those of 0.5."):format(nnt.fmt(sd, 3), nnt.fmt(se, 2)),
          zh = ("本程序加入的噪声标准差为 %s。100 个样本的标准差围绕 σ = 0.5 的波动约为 "
            .. "σ/√(2N) ≈ %s，这一次落在 0.5 的四倍波动之内。"):format(nnt.fmt(sd, 3), nnt.fmt(se, 2)),
        }, math.abs(sd - SIGMA) < 4 * se)
      end,
    },
    {
      title = { en = "The likelihood of one point", zh = "一个点的似然" },
      run = function(ui)
        local d = dataset()
        local i = 37
        local f = 1.5 * d.x[i] + ICEPT      -- a trial slope w = 1.5
        local r = d.y[i] - f
        local c = loss.compute { loss = "gaussian_nll", pred = { f }, target = { d.y[i] },
                                 sigma = SIGMA }
        local direct = -math.log(phi(r, SIGMA))   -- −log of the density itself
        ui:say {
          en = "If θ were the truth, y_i would be f(x_i; θ) plus Gaussian noise, so "
            .. "its density is\n\n"
            .. "p(y_i | x_i, θ) = 1/√(2πσ²) · exp(−(y_i − f(x_i; θ))² / (2σ²))\n\n"
            .. "The further the point from the model's line, the smaller its "
            .. "likelihood: it falls off with the **square** of the residual. Its "
            .. "negative log is −log p = ½ log(2πσ²) + (y_i − f)²/(2σ²).",
          zh = "假如 θ 就是真值，那么 y_i 等于 f(x_i; θ) 加上高斯噪声，它的概率密度是\n\n"
            .. "p(y_i | x_i, θ) = 1/√(2πσ²) · exp(−(y_i − f(x_i; θ))² / (2σ²))\n\n"
            .. "点离模型直线越远，似然越小：它随残差的**平方**衰减。"
            .. "取负对数：−log p = ½ log(2πσ²) + (y_i − f)²/(2σ²)。",
        }
        local ys = nnt.linspace(f - 2, f + 2, 161)
        local dens = nnt.map(ys, function(y)
          return math.exp(-(y - f) ^ 2 / (2 * SIGMA ^ 2)) / math.sqrt(2 * math.pi * SIGMA ^ 2)
        end)
        ui:chart { kind = "line", xlabel = "y", ylabel = "p(y | x, θ)",
                   title = { en = ("Density of y at x = %s for the slope w = 1.5"):format(nnt.fmt(d.x[i], 3)),
                             zh = ("斜率 w = 1.5 时，x = %s 处 y 的密度"):format(nnt.fmt(d.x[i], 3)) },
                   series = {
                     { name = "N(f, σ²)", x = ys, y = dens },
                     { name = { en = "observed y_i", zh = "观测值 y_i" }, x = { d.y[i], d.y[i] },
                       y = { 0, math.exp(-c.loss) } },
                   } }
        ui:claim({
          en = ("For this point, −log of the density drawn above is %s; the loss "
            .. "function gaussian_nll, which evaluates the formula ½ log(2πσ²) + r²/(2σ²), gives %s.")
            :format(nnt.fmt(direct, 10), nnt.fmt(c.loss, 10)),
          zh = ("对这个点，上图中的密度取 −log 得 %s；按公式 ½ log(2πσ²) + r²/(2σ²) "
            .. "计算的损失函数 gaussian_nll 给出 %s。"):format(nnt.fmt(direct, 10), nnt.fmt(c.loss, 10)),
        }, math.abs(c.loss - direct) < 1e-12 * (1 + math.abs(direct)))
      end,
    },
    {
      title = { en = "From one point to all: the derivation", zh = "从一个点到全部：推导" },
      run = function(ui)
        ui:say {
          en = "**1.** The noise of different points is independent, so the "
            .. "likelihood of all N points is the product:\n\n"
            .. "L(θ) = ∏ p(y_i | x_i, θ) = (2πσ²)^(−N/2) · exp(−Σ (y_i − f(x_i; θ))² / (2σ²))",
          zh = "**1.** 各点的噪声相互独立，所以 N 个点的似然是乘积：\n\n"
            .. "L(θ) = ∏ p(y_i | x_i, θ) = (2πσ²)^(−N/2) · exp(−Σ (y_i − f(x_i; θ))² / (2σ²))",
        }
        ui:wait()
        ui:say {
          en = "**2.** log is strictly increasing, so maximising L(θ) and maximising "
            .. "log L(θ) pick the same θ. Turn it into a loss to minimise, the "
            .. "negative log-likelihood:\n\n"
            .. "NLL(θ) = −log L(θ) = (N/2) log(2πσ²) + Σ (y_i − f(x_i; θ))² / (2σ²)",
          zh = "**2.** log 严格单调递增，所以最大化 L(θ) 与最大化 log L(θ) 选出的是同一个 θ。"
            .. "把它写成要最小化的损失，即负对数似然：\n\n"
            .. "NLL(θ) = −log L(θ) = (N/2) log(2πσ²) + Σ (y_i − f(x_i; θ))² / (2σ²)",
        }
        ui:wait()
        ui:say {
          en = "**3.** With σ fixed, the first term does not depend on θ, and the "
            .. "sum is N·MSE(θ):\n\n"
            .. "NLL(θ) = a·MSE(θ) + b, with a = N/(2σ²) > 0 and b = (N/2) log(2πσ²)\n\n"
            .. "An increasing affine function does not move the minimum: "
            .. "argmin NLL = argmin MSE. That is the whole proof. Note what "
            .. "“equivalent” means: the same minimiser, not the same value.\n\n"
            .. "In the book's notation (§2.3, f(x; w) = wᵀx): "
            .. "−log p(y | X; w, σ) = (1/σ²)·½‖y − Xᵀw‖² + (N/2) log(2πσ²), so the "
            .. "maximum-likelihood w is the least-squares w, the minimiser of ½‖y − Xᵀw‖².",
          zh = "**3.** σ 固定时，第一项与 θ 无关，而求和项等于 N·MSE(θ)：\n\n"
            .. "NLL(θ) = a·MSE(θ) + b，其中 a = N/(2σ²) > 0，b = (N/2) log(2πσ²)\n\n"
            .. "单调递增的仿射变换不会移动最小值点：argmin NLL = argmin MSE。证明就这么多。"
            .. "注意“等价”的意思：最小值点相同，而不是数值相同。\n\n"
            .. "用教材的记号（§2.3，f(x; w) = wᵀx）："
            .. "−log p(y | X; w, σ) = (1/σ²)·½‖y − Xᵀw‖² + (N/2) log(2πσ²)，"
            .. "所以最大似然估计的 w 就是最小二乘的 w，即 ½‖y − Xᵀw‖² 的最小值点。",
        }
        local d = dataset()
        local direct = nll_direct(d, SLOPE, SIGMA)   -- Σ −log φ(residual), point by point
        local sq = 0
        for i = 1, #d.x do sq = sq + (d.y[i] - (SLOPE * d.x[i] + ICEPT)) ^ 2 end
        local formula = N / 2 * math.log(2 * math.pi * SIGMA ^ 2) + sq / (2 * SIGMA ^ 2)
        ui:claim({
          en = ("At w = 2, −log of each point's density, summed over the 100 points, is %s; "
            .. "formula **2.** above, from the sum of squared residuals, gives %s.")
            :format(nnt.fmt(direct, 10), nnt.fmt(formula, 10)),
          zh = ("在 w = 2 处，把每个点的密度取 −log 再对 100 个点求和得 %s；"
            .. "用残差平方和代入上面的公式 **2.** 得 %s。")
            :format(nnt.fmt(direct, 10), nnt.fmt(formula, 10)),
        }, math.abs(direct - formula) < 1e-9 * math.abs(formula))
        ui:say {
          en = "Now write it yourself: the exercise below asks for this NLL as a "
            .. "Lua function of the targets, the predictions and σ.",
          zh = "现在自己动手：下面的练习要求把这个 NLL 写成一个 Lua 函数，"
            .. "输入是目标、预测和 σ。",
        }
        ui:exercise "gaussian_nll"
      end,
    },
    {
      title = { en = "Checked on a sweep", zh = "在一组扫描上验证" },
      run = function(ui)
        local d = dataset()
        local s = sweep(d)
        local nll = nnt.map(s.x, function(w) return nll_direct(d, w, SIGMA) end)
        local im = arg(s.mse, function(a, b) return a < b end)
        local iq = arg(nll, function(a, b) return a < b end)
        local w_gold = golden(function(w) return nll_direct(d, w, SIGMA) end, 1, 3, 1e-9)
        ui:say {
          en = "Now the numbers. This program swept the slope w over 201 values in "
            .. "[1, 3] and computed, at each, two things that do not share any code: "
            .. "the MSE (by the loss plugin), and the NLL (σ = 0.5) as the sum over "
            .. "the 100 points of −log of each point's Gaussian density, without the "
            .. "formula of the derivation. It also searched the NLL's minimum "
            .. "on its own, by golden sections on [1, 3], and compares it with the "
            .. "least-squares slope w* from the normal equation.",
          zh = "现在看数字。本程序让斜率 w 在 [1, 3] 里取 201 个值，在每个值上算两样互不共用代码的东西："
            .. "MSE（由损失插件计算），以及 NLL（σ = 0.5）：把 100 个点各自的高斯密度取 −log 再求和，"
            .. "不用推导出的公式。它还用黄金分割法在 [1, 3] 上单独搜索 NLL 的最小值点，"
            .. "再与由正规方程求出的最小二乘斜率 w* 比较。",
        }
        ui:chart { kind = "line", title = { en = "MSE over the slope w", zh = "MSE 随斜率 w 的变化" },
                   xlabel = "w", ylabel = "MSE",
                   series = { { name = "MSE(w)", x = s.x, y = s.mse },
                              { name = "argmin", x = { s.x[im] }, y = { s.mse[im] }, style = "points" } } }
        ui:chart { kind = "line", title = { en = "NLL over the slope w", zh = "NLL 随斜率 w 的变化" },
                   xlabel = "w", ylabel = "NLL",
                   series = { { name = "NLL(w)", x = s.x, y = nll },
                              { name = "argmin", x = { s.x[iq] }, y = { nll[iq] }, style = "points" } } }
        ui:claim({
          en = ("On the grid both are smallest at w = %s (MSE) and w = %s (NLL); the "
            .. "golden-section search finds the NLL's minimum at %s, and least squares gives w* = %s.")
            :format(nnt.fmt(s.x[im]), nnt.fmt(s.x[iq]), nnt.fmt(w_gold, 8), nnt.fmt(s.w_star, 8)),
          zh = ("在网格上，两者分别在 w = %s（MSE）和 w = %s（NLL）处最小；"
            .. "黄金分割搜索得到 NLL 的最小值点 %s，最小二乘给出 w* = %s。")
            :format(nnt.fmt(s.x[im]), nnt.fmt(s.x[iq]), nnt.fmt(w_gold, 8), nnt.fmt(s.w_star, 8)),
        }, im == iq and math.abs(w_gold - s.w_star) < 1e-6)
        local a, b = nnt.fit_line(s.mse, nll)
        local worst, big = 0, 0
        for k = 1, #nll do
          worst = math.max(worst, math.abs(nll[k] - (a * s.mse[k] + b)))
          big = math.max(big, math.abs(nll[k]))
        end
        local a_th, b_th = N / (2 * SIGMA ^ 2), N / 2 * math.log(2 * math.pi * SIGMA ^ 2)
        ui:chart { kind = "line", title = { en = "NLL against MSE: one straight line",
                                            zh = "NLL 对 MSE：一条直线" },
                   xlabel = "MSE", ylabel = "NLL",
                   series = { { name = { en = "sweep", zh = "扫描点" }, x = s.mse, y = nll, style = "points" },
                              { name = "a·MSE + b", x = { s.mse[im], s.mse[1] },
                                y = { a * s.mse[im] + b, a * s.mse[1] + b } } } }
        ui:claim({
          en = ("A least-squares line through the 201 pairs gives a = %s, b = %s; theory says N/(2σ²) = %s and (N/2) log(2πσ²) = %s. The largest miss is %s of the NLL.")
            :format(nnt.fmt(a, 8), nnt.fmt(b, 8), nnt.fmt(a_th, 8),
                    nnt.fmt(b_th, 8), nnt.fmt(worst / big, 2)),
          zh = ("用最小二乘给这 201 对数拟合直线，得 a = %s，b = %s；理论值 N/(2σ²) = %s，(N/2) log(2πσ²) = %s。最大偏差只占 NLL 的 %s。")
            :format(nnt.fmt(a, 8), nnt.fmt(b, 8), nnt.fmt(a_th, 8),
                    nnt.fmt(b_th, 8), nnt.fmt(worst / big, 2)),
        }, worst / big < 1e-10 and math.abs(a - a_th) < 1e-7 * a_th
           and math.abs(b - b_th) < 1e-7 * math.abs(b_th))
      end,
    },
    {
      title = { en = "Whatever σ you assume", zh = "无论假设 σ 是多少" },
      run = function(ui)
        local d = dataset()
        local sig = { 0.25, 0.5, 1, 2 }
        local series, wmin, found = {}, math.huge, -math.huge
        local xs = nnt.linspace(1, 3, 201)
        for _, sg in ipairs(sig) do
          local nll = nnt.map(xs, function(w) return nll_direct(d, w, sg) end)
          local wg = golden(function(w) return nll_direct(d, w, sg) end, 1, 3, 1e-9)
          wmin, found = math.min(wmin, wg), math.max(found, wg)
          local lo, hi = math.huge, -math.huge
          for i = 1, #nll do lo, hi = math.min(lo, nll[i]), math.max(hi, nll[i]) end
          series[#series + 1] = { name = "σ = " .. nnt.fmt(sg), x = xs,
                                  y = nnt.map(nll, function(v) return (v - lo) / (hi - lo) end) }
        end
        ui:say {
          en = "The proof needed σ fixed, but not known: any σ > 0 gives a > 0. "
            .. "Below, the NLL for four assumed σ, each rescaled to run from 0 "
            .. "(its smallest value) to 1 (its largest). Their values differ a lot "
            .. "(a = N/(2σ²) ranges from 800 to 12.5), their lowest point does not.",
          zh = "证明只要求 σ 固定，并不要求知道它：任何 σ > 0 都给出 a > 0。"
            .. "下图是假设四个不同 σ 时的 NLL，各自缩放到 0（最小值）到 1（最大值）之间。"
            .. "它们的数值相差很大（a = N/(2σ²) 从 800 变到 12.5），最低点却不变。",
        }
        ui:chart { kind = "line", series = series,
                   title = { en = "NLL(w) rescaled to [0, 1], for four assumed σ",
                             zh = "四个假设的 σ 下，缩放到 [0, 1] 的 NLL(w)" },
                   xlabel = "w", ylabel = { en = "rescaled NLL", zh = "缩放后的 NLL" } }
        ui:claim({
          en = ("For σ = 0.25, 0.5, 1 and 2 a golden-section search on the NLL (summed "
            .. "from the densities) finds the same slope, w = %s: the four results lie "
            .. "within %s of one another.")
            :format(nnt.fmt(wmin, 8), nnt.fmt(math.max(found - wmin, 1e-9), 1)),
          zh = ("σ 取 0.25、0.5、1、2 时，对 NLL（由各点密度求和）做黄金分割搜索，"
            .. "找到的是同一个斜率 w = %s：四个结果彼此相差不超过 %s。")
            :format(nnt.fmt(wmin, 8), nnt.fmt(math.max(found - wmin, 1e-9), 1)),
        }, found - wmin < 1e-6)
      end,
    },
    {
      title = { en = "σ²_ML at the optimum is the MSE", zh = "最优点处的 σ²_ML 就是 MSE" },
      run = function(ui)
        local d = dataset()
        local s = sweep(d)
        ui:say {
          en = "If σ is unknown too, maximise the likelihood over it as well and "
            .. "call the maximiser σ²_ML. At the "
            .. "best slope w*, NLL(w*, σ²) = (N/2) log(2πσ²) + N·MSE(w*)/(2σ²); its "
            .. "derivative in σ² is zero at σ² = MSE(w*). This program did not use that "
            .. "formula: it searched σ² numerically (golden sections on log σ²), on "
            .. "the NLL summed from each point's density.",
          zh = "如果 σ 也未知，就对它也最大化似然，把最大值点记作 σ²_ML。在最优斜率 w* 处，"
            .. "NLL(w*, σ²) = (N/2) log(2πσ²) + N·MSE(w*)/(2σ²)；它对 σ² 的导数在 "
            .. "σ² = MSE(w*) 处为零。本程序没有套用这个公式，而是对由各点密度求和得到的 NLL "
            .. "在数值上搜索 σ²（对 log σ² 做黄金分割搜索）。",
        }
        ui:chart { kind = "line", xlog = true, xlabel = "σ²", ylabel = "NLL(w*, σ²)",
                   title = { en = "The likelihood over σ² at the best slope",
                             zh = "最优斜率处，NLL 随 σ² 的变化" },
                   series = { { name = "NLL", x = s.sig2, y = s.nll_sig2 },
                              { name = "σ²_ML", x = { s.sigma2_mle }, y = { s.nll_mle }, style = "points" } } }
        local ls2 = golden(function(l) return nll_direct(d, s.w_star, math.exp(l / 2)) end,
                           math.log(1e-3), math.log(10), 1e-10)
        local s2, m2 = math.exp(ls2), mse_direct(d, s.w_star)
        ui:claim({
          en = ("The likelihood is largest at σ²_ML = %s, and MSE(w*) = %s.")
            :format(nnt.fmt(s2, 8), nnt.fmt(m2, 8)),
          zh = ("似然在 σ²_ML = %s 处最大，而 MSE(w*) = %s。")
            :format(nnt.fmt(s2, 8), nnt.fmt(m2, 8)),
        }, math.abs(s2 - m2) < 1e-6 * m2)
        ui:say {
          en = ("So √MSE estimates the noise level: here √%s = %s against the true "
            .. "0.5. (This maximum-likelihood σ²_ML divides by N, not N − 1, so it is "
            .. "slightly biased low.)"):format(nnt.fmt(s.mse_star), nnt.fmt(math.sqrt(s.mse_star))),
          zh = ("所以 √MSE 是噪声水平的估计：这里 √%s = %s，真实值是 0.5。"
            .. "（这个最大似然的 σ²_ML 除以的是 N 而不是 N − 1，所以略微偏小。）")
            :format(nnt.fmt(s.mse_star), nnt.fmt(math.sqrt(s.mse_star))),
        }
      end,
    },
    {
      title = { en = "Residuals look like the noise", zh = "残差长得像噪声" },
      run = function(ui)
        local d = dataset()
        local s = sweep(d)
        local sd = math.sqrt(s.sigma2_mle)
        local lo, hi, bins = -1.5, 1.5, 12
        local w = (hi - lo) / bins
        local count = {}
        for b = 1, bins do count[b] = 0 end
        local inside = 0
        for i = 1, #s.resid do
          local b = math.floor((s.resid[i] - lo) / w) + 1
          if b >= 1 and b <= bins then count[b] = count[b] + 1 end
          if math.abs(s.resid[i]) <= sd then inside = inside + 1 end
        end
        local hx, hy = { lo }, { 0 }            -- the histogram's outline
        for b = 1, bins do
          local dval = count[b] / (#s.resid * w)
          hx[#hx + 1], hy[#hy + 1] = lo + (b - 1) * w, dval
          hx[#hx + 1], hy[#hy + 1] = lo + b * w, dval
        end
        hx[#hx + 1], hy[#hy + 1] = hi, 0
        local gx = nnt.linspace(lo, hi, 121)
        local gy = nnt.map(gx, function(r)
          return math.exp(-r * r / (2 * sd * sd)) / math.sqrt(2 * math.pi * sd * sd)
        end)
        ui:chart { kind = "line", xlabel = { en = "residual y − f(x; w*)", zh = "残差 y − f(x; w*)" },
                   ylabel = { en = "density", zh = "密度" },
                   title = { en = "Residual histogram and the density N(0, σ²_ML)",
                             zh = "残差直方图与密度 N(0, σ²_ML)" },
                   series = { { name = { en = "histogram", zh = "直方图" }, x = hx, y = hy },
                              { name = "N(0, σ²_ML)", x = gx, y = gy } } }
        ui:say {
          en = "The assumption behind MSE is visible in the residuals: their "
            .. "histogram follows the bell of N(0, σ²_ML). If it did not, if it had "
            .. "heavy tails or a few far outliers, the Gaussian likelihood, and with "
            .. "it MSE, would be the wrong choice.",
          zh = "MSE 背后的假设可以在残差里看到：它们的直方图贴着 N(0, σ²_ML) 的钟形曲线。"
            .. "如果不是这样，比如尾巴很重、或有几个很远的离群点，那么高斯似然——"
            .. "以及与它等价的 MSE——就不是合适的选择了。",
        }
        local se = math.sqrt(0.683 * 0.317 / #s.resid)   -- spread of a share of 100
        ui:claim({
          en = ("%d of %d residuals (%s%%) lie within ±σ_ML. A Gaussian puts 68.3%% "
            .. "there; with %d residuals the share scatters by about %s points, and "
            .. "this one is within four of those.")
            :format(inside, #s.resid, nnt.fmt(100 * inside / #s.resid, 3), #s.resid,
                    nnt.fmt(100 * se, 2)),
          zh = ("%d 个残差中有 %d 个（%s%%）落在 ±σ_ML 之内。高斯分布在这里是 68.3%%；"
            .. "%d 个残差时这个比例的波动约为 %s 个百分点，这一次在四倍波动之内。")
            :format(#s.resid, inside, nnt.fmt(100 * inside / #s.resid, 3), #s.resid,
                    nnt.fmt(100 * se, 2)),
        }, math.abs(inside / #s.resid - 0.683) < 4 * se)
      end,
    },
    {
      title = { en = "Check yourself", zh = "自测" },
      run = function(ui)
        ui:quiz {
          question = { en = "You assumed σ = 1 but the true noise has σ = 0.5. Which slope does minimising the NLL give?",
                       zh = "你假设 σ = 1，而真实噪声的 σ = 0.5。最小化 NLL 得到的斜率是哪个？" },
          choices = { { en = "The same as least squares", zh = "与最小二乘相同" },
                      { en = "A slope twice as large", zh = "两倍大的斜率" },
                      { en = "It depends on the starting point", zh = "取决于初始点" } },
          answer = 1,
          explain = { en = "σ only sets a = N/(2σ²) and b; the argmin over θ stays the least-squares one.",
                      zh = "σ 只影响 a = N/(2σ²) 和 b；关于 θ 的最小值点仍然是最小二乘的解。" },
          why = {
            [2] = { en = "σ enters NLL(θ) = a·MSE(θ) + b only through the constants a = N/(2σ²) > 0 "
                      .. "and b = (N/2) log(2πσ²). They change the value of the NLL, not where "
                      .. "its minimum lies, so nothing rescales the slope.",
                    zh = "σ 只通过常数 a = N/(2σ²) > 0 和 b = (N/2) log(2πσ²) 进入 "
                      .. "NLL(θ) = a·MSE(θ) + b。它们改变的是 NLL 的数值，而不是最小值点的位置，"
                      .. "所以斜率不会被放大。" },
            [3] = { en = "The minimiser is a property of the function, not of an algorithm. Here "
                      .. "NLL is a·MSE + b, a convex quadratic in w with one minimum, the "
                      .. "least-squares solution (nndl §2.3), so gradient descent from any start ends there.",
                    zh = "最小值点是函数本身的性质，与算法无关。这里 NLL = a·MSE + b 是关于 w 的"
                      .. "凸二次函数，只有一个最小值点，即最小二乘解（nndl §2.3），"
                      .. "所以梯度下降从任何初始点出发都会到达那里。" },
          },
        }
        ui:quiz {
          question = { en = "Why may we maximise log L(θ) instead of L(θ)?",
                       zh = "为什么可以用最大化 log L(θ) 代替最大化 L(θ)？" },
          choices = { { en = "Because log L = L for small numbers", zh = "因为数值很小时 log L = L" },
                      { en = "Because log is strictly increasing, so the maximiser is the same", zh = "因为 log 严格递增，最大值点不变" },
                      { en = "Because the noise is Gaussian", zh = "因为噪声是高斯的" } },
          answer = 2,
          explain = { en = "Any strictly increasing function keeps the order of values, hence the argmax. The values themselves differ.",
                      zh = "任何严格递增函数都保持数值的大小顺序，因而保持最大值点。数值本身当然不同。" },
          why = {
            [1] = { en = "log L never equals L: log L < L for every L > 0, and for a small likelihood "
                      .. "such as L = 1e−30, log L ≈ −69. The values differ; only the maximiser is shared.",
                    zh = "log L 从不等于 L：对任何 L > 0 都有 log L < L；似然很小时，例如 L = 1e−30，"
                      .. "log L ≈ −69。两者数值不同，相同的只是最大值点。" },
            [3] = { en = "Taking logs is allowed for any likelihood; only the monotonicity of log "
                      .. "matters. The Gaussian distribution only makes the result neat, turning "
                      .. "the exponent into the squared error; Laplace noise gives MAE by the same step.",
                    zh = "任何似然都可以取对数，依据只是 log 的单调性。高斯分布只是让结果变得整齐："
                      .. "指数部分变成平方误差；拉普拉斯噪声经过同样的一步得到 MAE。" },
          },
        }
      end,
    },
    {
      title = { en = "Laplace noise: the likelihood becomes MAE", zh = "拉普拉斯噪声：似然变成 MAE" },
      run = function(ui)
        reseed(1)
        local raw = loss.regression_data { n = N, slope = SLOPE, intercept = ICEPT,
                                           sigma = SIGMA, noise = "laplace" }
        local d = { x = raw.x:totable(), y = raw.y:totable() }
        local s = loss.gauss_sweep { data_x = d.x, data_y = d.y, intercept = ICEPT,
                                     model_sigma = SIGMA, w_min = 1, w_max = 3 }
        local beta = SIGMA / math.sqrt(2)       -- a Laplace law with sd σ has β = σ/√2
        local lap = nnt.map(s.x, function(w) return laplace_direct(d, w, beta) end)
        local il = arg(lap, function(a, b) return a < b end)
        local ia = arg(s.mae, function(a, b) return a < b end)
        ui:say {
          en = "The same argument works for other noise. With Laplace noise, "
            .. "p(ε) = exp(−|ε|/β)/(2β), the NLL is N log(2β) + Σ|y_i − f|/β: "
            .. "an increasing affine function of the **mean absolute error**. So the "
            .. "maximum-likelihood fit minimises MAE, not MSE.",
          zh = "同样的推理对别的噪声也成立。若噪声服从拉普拉斯分布 p(ε) = exp(−|ε|/β)/(2β)，"
            .. "则 NLL = N log(2β) + Σ|y_i − f|/β：是**平均绝对误差**的递增仿射函数。"
            .. "所以最大似然拟合最小化的是 MAE，而不是 MSE。",
        }
        ui:chart { kind = "line", xlabel = "w", ylabel = { en = "Laplace NLL", zh = "拉普拉斯 NLL" },
                   title = { en = "Laplace noise: Laplace NLL over w", zh = "拉普拉斯噪声：拉普拉斯 NLL 随 w" },
                   series = { { name = "NLL", x = s.x, y = lap },
                              { name = "argmin", x = { s.x[il] }, y = { lap[il] }, style = "points" } } }
        ui:claim({
          en = ("On the sweep the Laplace NLL (β = σ/√2, summed from each point's density) "
            .. "is smallest at w = %s, and the MAE (computed separately) at w = %s; the MSE at %s.")
            :format(nnt.fmt(s.x[il]), nnt.fmt(s.x[ia]), nnt.fmt(s.w_mse)),
          zh = ("在扫描中，拉普拉斯 NLL（β = σ/√2，由各点密度求和）在 w = %s 处最小，"
            .. "另行计算的 MAE 在 w = %s 处最小；MSE 则在 %s。")
            :format(nnt.fmt(s.x[il]), nnt.fmt(s.x[ia]), nnt.fmt(s.w_mse)),
        }, il == ia)
        ui:exercise "laplace_nll"
      end,
    },
    {
      title = { en = "Outliers: MSE and MAE part ways", zh = "离群点：MSE 与 MAE 分道扬镳" },
      run = function(ui)
        reseed(2)
        local clean = loss.fit_lines { n = 60, slope = SLOPE, intercept = ICEPT,
                                       sigma = SIGMA, outliers = 0 }
        reseed(2)
        local dirty = loss.fit_lines { n = 60, slope = SLOPE, intercept = ICEPT,
                                       sigma = SIGMA, outliers = 0.1 }
        local names = { { en = "MSE fit", zh = "MSE 拟合" }, { en = "MAE fit", zh = "MAE 拟合" },
                        { en = "true", zh = "真实" } }
        ui:chart(fits_chart(clean.x, clean.y, { en = "Gaussian noise, no outliers",
                                                zh = "高斯噪声，无离群点" },
                            { { names[1], clean.ls_slope, clean.ls_intercept },
                              { names[2], clean.lad_slope, clean.lad_intercept },
                              { names[3], SLOPE, ICEPT } }))
        ui:chart(fits_chart(dirty.x, dirty.y, { en = "The same Gaussian noise and 10% outliers",
                                                zh = "同样的高斯噪声，加 10% 离群点" },
                            { { names[1], dirty.ls_slope, dirty.ls_intercept },
                              { names[2], dirty.lad_slope, dirty.lad_intercept },
                              { names[3], SLOPE, ICEPT } }))
        ui:say {
          en = ("Two different things make MAE attractive, and they are best kept "
            .. "apart. **Laplace noise** is a noise model: every point's error has "
            .. "heavier tails than a Gaussian, and the MLE is the MAE fit (previous "
            .. "step). **Outliers** are a few points that follow no model at all; "
            .. "squaring makes one far point weigh like many near ones, so the MSE "
            .. "line bends towards them while the MAE line moves less. Above, on one "
            .. "data set of 60 points, the slopes are %s (MSE) and %s (MAE) without "
            .. "outliers, %s and %s with them. (Two charts: on the full screen, c or "
            .. "Tab switches between them.)"):format(nnt.fmt(clean.ls_slope, 3),
              nnt.fmt(clean.lad_slope, 3), nnt.fmt(dirty.ls_slope, 3), nnt.fmt(dirty.lad_slope, 3)),
          zh = ("MAE 的好处来自两件不同的事，最好分开看。**拉普拉斯噪声**是一种噪声模型："
            .. "每个点的误差都比高斯分布尾巴更重，最大似然估计就是 MAE 拟合（上一步）。"
            .. "**离群点**则是少数不服从任何模型的点；平方让一个远处的点抵得上许多近处的点，"
            .. "于是 MSE 直线被拉向它们，MAE 直线移动得少。上图是一组 60 个点的数据："
            .. "没有离群点时斜率为 %s（MSE）和 %s（MAE），有离群点时为 %s 和 %s。"
            .. "（这一步有两张图：在全屏界面里，按 c 或 Tab 切换。）"):format(nnt.fmt(clean.ls_slope, 3),
              nnt.fmt(clean.lad_slope, 3), nnt.fmt(dirty.ls_slope, 3), nnt.fmt(dirty.lad_slope, 3)),
        }
        ui:wait()
        -- Many data sets: the root-mean-square error of each fit's slope.
        local M = 300
        local cases = { { "gaussian", 0 }, { "laplace", 0 }, { "gaussian", 0.1 } }
        local rms = {}
        for k, c in ipairs(cases) do
          local e_ls, e_lad = 0, 0
          reseed(10 + k)
          for _ = 1, M do
            local r = loss.fit_lines { n = 60, slope = SLOPE, intercept = ICEPT,
                                       sigma = SIGMA, noise = c[1], outliers = c[2] }
            e_ls = e_ls + (r.ls_slope - SLOPE) ^ 2
            e_lad = e_lad + (r.lad_slope - SLOPE) ^ 2
          end
          rms[k] = { math.sqrt(e_ls / M), math.sqrt(e_lad / M) }
        end
        ui:say {
          en = "One data set says little: with plain Gaussian noise either fit can "
            .. "land closer to the truth. To compare the two estimators, this "
            .. "program drew 300 data sets of 60 points for each of three cases and "
            .. "measured how far each slope lands from 2 on average (the root mean "
            .. "square error). Under Gaussian noise the MSE fit is the MLE and uses "
            .. "every residual's size; the MAE fit uses little more than their signs, "
            .. "and for large N its variance is π/2 ≈ 1.57 times larger, its RMS "
            .. "error about 1.25 times. Under Laplace noise it is the other way round.",
          zh = "一组数据说明不了多少：只有高斯噪声时，哪一种拟合离真值更近都有可能。"
            .. "为了比较这两个估计量，本程序对三种情形各生成 300 组、每组 60 个点的数据，"
            .. "量出每个斜率平均离 2 有多远（均方根误差）。高斯噪声下 MSE 拟合就是最大似然估计，"
            .. "用到了每个残差的大小；MAE 拟合几乎只用到残差的符号，N 很大时它的方差是 "
            .. "π/2 ≈ 1.57 倍，均方根误差约 1.25 倍。拉普拉斯噪声下则正好相反。",
        }
        ui:chart { kind = "bar", title = { en = "RMS error of the slope over 300 data sets",
                                           zh = "300 组数据上斜率的均方根误差" },
                   labels = { "Gauss MSE", "Gauss MAE", "Laplace MSE", "Laplace MAE",
                              "outl. MSE", "outl. MAE" },
                   values = { rms[1][1], rms[1][2], rms[2][1], rms[2][2], rms[3][1], rms[3][2] } }
        ui:claim({
          en = ("RMS error of the slope, MSE fit against MAE fit: Gaussian noise %s < %s; "
            .. "Laplace noise %s > %s; Gaussian noise with 10%% outliers %s > %s.")
            :format(nnt.fmt(rms[1][1], 3), nnt.fmt(rms[1][2], 3), nnt.fmt(rms[2][1], 3),
                    nnt.fmt(rms[2][2], 3), nnt.fmt(rms[3][1], 3), nnt.fmt(rms[3][2], 3)),
          zh = ("斜率的均方根误差，MSE 拟合对 MAE 拟合：高斯噪声 %s < %s；"
            .. "拉普拉斯噪声 %s > %s；高斯噪声加 10%% 离群点 %s > %s。")
            :format(nnt.fmt(rms[1][1], 3), nnt.fmt(rms[1][2], 3), nnt.fmt(rms[2][1], 3),
                    nnt.fmt(rms[2][2], 3), nnt.fmt(rms[3][1], 3), nnt.fmt(rms[3][2], 3)),
        }, rms[1][1] < rms[1][2] and rms[2][1] > rms[2][2] and rms[3][1] > rms[3][2])
      end,
    },
    {
      title = { en = "Explore: noise and outliers", zh = "动手探索：噪声与离群点" },
      run = function(ui)
        ui:say {
          en = "Change the noise and the share of outliers and watch the two "
            .. "fits. With Gaussian noise and no outliers they land close together; "
            .. "with outliers, the MSE line is pulled away first.",
          zh = "改变噪声和离群点的比例，观察两条拟合直线。高斯噪声且无离群点时两者很接近；"
            .. "有了离群点，MSE 直线先被拉走。",
        }
        ui:explore {
          params = {
            { name = "sigma", min = 0.1, max = 2, step = 0.1, value = 0.5,
              label = { en = "noise σ", zh = "噪声 σ" } },
            { name = "outliers", min = 0, max = 0.3, step = 0.02, value = 0.1,
              label = { en = "outlier share", zh = "离群点比例" } },
            { name = "noise", choices = { "gaussian", "laplace" }, value = "gaussian",
              labels = { gaussian = { en = "Gauss", zh = "高斯" },
                         laplace = { en = "Laplace", zh = "拉普拉斯" } },
              label = { en = "noise", zh = "噪声" } },
          },
          draw = function(p)
            reseed(3)
            local r = loss.fit_lines { n = 60, slope = SLOPE, intercept = ICEPT,
                                       sigma = p.sigma, outliers = p.outliers,
                                       noise = p.noise }
            ui:say {
              en = ("Slope: MSE fit %s, MAE fit %s, true 2."):format(nnt.fmt(r.ls_slope, 3),
                                                                   nnt.fmt(r.lad_slope, 3)),
              zh = ("斜率：MSE 拟合 %s，MAE 拟合 %s，真实值 2。"):format(nnt.fmt(r.ls_slope, 3),
                                                                 nnt.fmt(r.lad_slope, 3)),
            }
            ui:chart(fits_chart(r.x, r.y, { en = "MSE and MAE fits", zh = "MSE 与 MAE 拟合" },
                                { { { en = "MSE fit", zh = "MSE 拟合" }, r.ls_slope, r.ls_intercept },
                                  { { en = "MAE fit", zh = "MAE 拟合" }, r.lad_slope, r.lad_intercept } }))
          end,
        }
      end,
    },
    {
      title = { en = "Summary", zh = "小结" },
      run = function(ui)
        local d = dataset()
        local s = sweep(d)
        local w_nll = golden(function(w) return nll_direct(d, w, SIGMA) end, 1, 3, 1e-9)
        local ls2 = golden(function(l) return nll_direct(d, w_nll, math.exp(l / 2)) end,
                           math.log(1e-3), math.log(10), 1e-10)
        local m2 = mse_direct(d, s.w_star)
        ui:say {
          en = "- y = f(x; θ) + ε, ε ~ N(0, σ²) independent ⇒ NLL(θ) = (N/2) log(2πσ²) "
            .. "+ Σ(y − f)²/(2σ²) = a·MSE(θ) + b with a > 0\n"
            .. "- so argmin MSE = argmax likelihood, for any fixed σ; checked: same "
            .. "argmin, affine to rounding\n"
            .. "- maximising over σ too gives σ²_ML = MSE at the best θ\n"
            .. "- this needs the same σ² for every point; unequal known σ_i² give "
            .. "weighted least squares\n"
            .. "- Laplace noise gives MAE instead; outliers pull the MSE fit more; under "
            .. "Gaussian noise the MSE fit is the more accurate one on average\n"
            .. "- in a written answer, say why each step is allowed: independence "
            .. "(product), log increasing (same argmax), a > 0 and b free of θ (same argmin)",
          zh = "- y = f(x; θ) + ε，ε ~ N(0, σ²) 且相互独立 ⇒ NLL(θ) = (N/2) log(2πσ²) "
            .. "+ Σ(y − f)²/(2σ²) = a·MSE(θ) + b，其中 a > 0\n"
            .. "- 所以对任何固定的 σ，argmin MSE = argmax 似然；实验验证：最小值点相同，"
            .. "仿射关系在舍入误差内成立\n"
            .. "- 再对 σ 最大化，得到 σ²_ML = 最优 θ 处的 MSE\n"
            .. "- 这要求每个点的 σ² 相同；若各点的 σ_i² 不同且已知，得到的是加权最小二乘\n"
            .. "- 拉普拉斯噪声对应 MAE；离群点对 MSE 拟合的拉动更大；高斯噪声下平均而言 "
            .. "MSE 拟合更准确\n"
            .. "- 写答案时要说明每一步为什么成立：独立（乘积）、log 递增（最大值点不变）、"
            .. "a > 0 且 b 与 θ 无关（最小值点不变）",
        }
        ui:claim({
          en = ("On the lesson's data, the NLL's minimiser found by search, %s, is the "
            .. "least-squares w* = %s, and the σ² it then maximises the likelihood with, %s, "
            .. "is MSE(w*) = %s.")
            :format(nnt.fmt(w_nll, 8), nnt.fmt(s.w_star, 8), nnt.fmt(math.exp(ls2), 8), nnt.fmt(m2, 8)),
          zh = ("在本课的数据上，搜索得到的 NLL 最小值点 %s 就是最小二乘的 w* = %s；"
            .. "在该点使似然最大的 σ² = %s，正是 MSE(w*) = %s。")
            :format(nnt.fmt(w_nll, 8), nnt.fmt(s.w_star, 8), nnt.fmt(math.exp(ls2), 8), nnt.fmt(m2, 8)),
        }, math.abs(w_nll - s.w_star) < 1e-6 and math.abs(math.exp(ls2) - m2) < 1e-6 * m2)
      end,
    },
  },
}
