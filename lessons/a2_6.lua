-- SPDX-License-Identifier: MIT
-- A2.6: what batch normalisation does for optimisation, and how.
-- Experiments: the bn plugin (BN forward/backward, running statistics,
-- sigmoid MLPs trained with and without BN, sweeps, landscape probes).
local bn = nnt.plugin "bn"

local function T(en, zh) return { en = en, zh = zh } end
local fmt = nnt.fmt

-- The network every training step uses (Ioffe & Szegedy's MNIST net in
-- small): 3 hidden layers of 16 sigmoid units, 16 inputs, 4 classes.
local NET = { depth = 3, width = 16, act = "sigmoid", inputs = 16,
              classes = 4, n = 800, sep = 2, batch = 16, steps = 150 }
local CHANCE = math.log(NET.classes)

-- Returns NET with the fields of t added (t wins).
local function net(t)
  local a = {}
  for k, v in pairs(NET) do a[k] = v end
  for k, v in pairs(t or {}) do a[k] = v end
  return a
end

-- Returns a function that reseeds the RNG to one value drawn now, so
-- that several calls see the same data, weights and batches.
local function same_start()
  local s = nnt.random(1, 1000000000)
  return function() nnt.seed(s) end
end

-- Returns a flat table of the values of a 1-D or 2-D array.
local function flat(a)
  local t = {}
  for _, row in ipairs(a:totable()) do
    if type(row) == "table" then
      for _, v in ipairs(row) do t[#t + 1] = v end
    else
      t[#t + 1] = row
    end
  end
  return t
end

-- Returns 1..n.
local function steps_axis(n)
  local t = {}
  for i = 1, n do t[i] = i end
  return t
end

-- Returns a horizontal line series at y over [x0, x1].
local function hline(name, y, x0, x1)
  return { name = name, x = { x0, x1 }, y = { y, y } }
end

-- Returns the moving average of xs over the last w values.
local function smooth(xs, w)
  local out, s = {}, 0
  for i = 1, #xs do
    s = s + xs[i]
    if i > w then s = s - xs[i - w] end
    out[i] = s / math.min(i, w)
  end
  return out
end

local NO_BN, WITH_BN = T("without BN", "无 BN"), T("with BN", "有 BN")
local CHANCE_NAME = T("chance ln 4", "随机猜 ln 4")

-- Returns the train-mode batch-norm output of X (m rows of d features) as
-- a table of rows, computed as plugins/common/bn_math.c does: per feature,
-- the mean, then the biased variance from a second pass over x − μ (the
-- bn plugin has no call that takes a caller's own batch, so this is
-- plain Lua written to match bn_forward_train step by step).
local function bn_reference(X, gamma, beta, eps)
  local m, d, out = #X, #gamma, {}
  for i = 1, m do out[i] = {} end
  for j = 1, d do
    local mu, var = 0, 0
    for i = 1, m do mu = mu + X[i][j] end
    mu = mu / m
    for i = 1, m do
      local e = X[i][j] - mu
      var = var + e * e
    end
    var = var / m
    local istd = 1 / math.sqrt(var + eps)
    for i = 1, m do out[i][j] = gamma[j] * ((X[i][j] - mu) * istd) + beta[j] end
  end
  return out
end

local BN_FORWARD = {
  name = "bn_forward",
  title = T("The batch-norm forward pass", "批量归一化的前向计算"),
  statement = T(
    "Write `bn_forward(X, gamma, beta, eps)`: batch normalisation in "
    .. "**training mode**. X is a minibatch, a table of m rows (one per "
    .. "example; m is the batch size K) with d numbers each (one per "
    .. "feature). gamma and beta are tables of d numbers, the scale γ and "
    .. "shift β of each feature, and eps = ε > 0. For each feature j, over "
    .. "the m rows:\n\n"
    .. "- μ_B = (1/m) Σᵢ xᵢⱼ, the minibatch mean\n"
    .. "- σ²_B = (1/m) Σᵢ (xᵢⱼ − μ_B)², the minibatch variance (divide by "
    .. "m, not m − 1)\n"
    .. "- yᵢⱼ = γⱼ · (xᵢⱼ − μ_B) / √(σ²_B + ε) + βⱼ\n\n"
    .. "Return a new table of m rows of d numbers. Edges: m = 1, a "
    .. "constant feature and γⱼ = 0 all give yᵢⱼ = βⱼ; and large values "
    .. "such as 10⁸ + 1, 10⁸ + 2, … must keep their small spread.",
    "编写 `bn_forward(X, gamma, beta, eps)`：**训练模式**下的批量归一化。"
    .. "X 是一个小批量：m 行的表（每行一个样本，m 就是批量大小 K），每行 d 个数"
    .. "（每个特征一个）。gamma 和 beta 各是 d 个数的表，即每个特征的缩放参数 γ "
    .. "和平移参数 β；eps = ε > 0。对每个特征 j，在这 m 行上计算：\n\n"
    .. "- μ_B = (1/m) Σᵢ xᵢⱼ：小批量均值\n"
    .. "- σ²_B = (1/m) Σᵢ (xᵢⱼ − μ_B)²：小批量方差（除以 m，不是 m − 1）\n"
    .. "- yᵢⱼ = γⱼ · (xᵢⱼ − μ_B) / √(σ²_B + ε) + βⱼ\n\n"
    .. "返回一个新的 m 行、每行 d 个数的表。边界情况：m = 1、某个特征是常数、"
    .. "γⱼ = 0，这三种都得到 yᵢⱼ = βⱼ；还有很大的值，例如 10⁸ + 1、10⁸ + 2……"
    .. "它们之间微小的差别不能丢。"),
  stub = T([[
function bn_forward(X, gamma, beta, eps)
  -- X: m rows (examples) of d numbers (features)
  -- gamma, beta: d numbers each; eps > 0
  -- returns m rows of d numbers:
  --   gamma[j] * (X[i][j] - mean_j) / sqrt(var_j + eps) + beta[j]
  return X
end
]], [[
function bn_forward(X, gamma, beta, eps)
  -- X：m 行（样本），每行 d 个数（特征）
  -- gamma、beta：各 d 个数；eps > 0
  -- 返回 m 行、每行 d 个数：
  --   gamma[j] * (X[i][j] - 均值_j) / sqrt(方差_j + eps) + beta[j]
  return X
end
]]),
  solution = [[
function bn_forward(X, gamma, beta, eps)
  local m, d, Y = #X, #gamma, {}
  for i = 1, m do Y[i] = {} end
  for j = 1, d do
    local mu = 0
    for i = 1, m do mu = mu + X[i][j] end
    mu = mu / m
    local var = 0
    for i = 1, m do var = var + (X[i][j] - mu) ^ 2 end
    var = var / m                       -- biased: 1/m
    local sd = math.sqrt(var + eps)
    for i = 1, m do
      Y[i][j] = gamma[j] * (X[i][j] - mu) / sd + beta[j]
    end
  end
  return Y
end
]],
  hints = {
    T("Work one feature (column) j at a time, with three passes over the "
      .. "rows: one for the mean μ_B, one for the variance σ²_B, and one to "
      .. "write yᵢⱼ. Make the result a new table of rows first: "
      .. "`Y[i] = {}` for every i.",
      "每次处理一个特征（一列）j，对各行扫三遍：第一遍求均值 μ_B，第二遍求方差 "
      .. "σ²_B，第三遍写出 yᵢⱼ。先把结果建成一个新的行表：对每个 i 令 `Y[i] = {}`。"),
    T("Three common slips. Dividing by m − 1: that is the unbiased "
      .. "estimate, which BN's forward pass does not use (with m = 1 it "
      .. "would even divide by 0). Computing σ²_B as mean(x²) − μ²: with "
      .. "values near 10⁸ the two terms agree in almost every digit and the "
      .. "difference is noise, so take the mean first and then average "
      .. "(x − μ_B)². And ε goes **inside** the square root.",
      "三个常见错误。除以 m − 1：那是无偏估计，BN 的前向计算不用它（m = 1 时甚至会"
      .. "除以 0）。用 mean(x²) − μ² 求 σ²_B：当值在 10⁸ 附近时，两项几乎每一位都"
      .. "相同，相减只剩噪声，所以要先求均值，再对 (x − μ_B)² 取平均。还有，ε 要放在"
      .. "平方根**里面**。"),
    T("For each j: `mu = (X[1][j] + … + X[m][j]) / m`; `var` = the sum of "
      .. "`(X[i][j] - mu)^2` over i, divided by m; then "
      .. "`Y[i][j] = gamma[j] * (X[i][j] - mu) / math.sqrt(var + eps) + "
      .. "beta[j]` for every i. Return Y.",
      "对每个 j：`mu = (X[1][j] + … + X[m][j]) / m`；`var` = 对 i 求 "
      .. "`(X[i][j] - mu)^2` 之和再除以 m；然后对每个 i 令 "
      .. "`Y[i][j] = gamma[j] * (X[i][j] - mu) / math.sqrt(var + eps) + "
      .. "beta[j]`。最后返回 Y。"),
  },
  reference = bn_reference,
  cases = {
    -- a batch of one: every x̂ is 0, so y = β
    { { { 3, -2 } }, { 1.5, 2 }, { 0.5, -1 }, 1e-5 },
    -- feature 1 is constant: x̂ = 0/√ε = 0, y = β₁
    { { { 5, 1 }, { 5, 2 }, { 5, 4 } }, { 2, 1 }, { 0.25, 0 }, 1e-5 },
    -- γ = 0: the output is β whatever came in
    { { { 1, 2 }, { 3, 5 }, { -4, 0.5 } }, { 0, 0 }, { -1, 2 }, 1e-5 },
    -- large values with a small spread (mean(x²) − μ² fails here)
    { { { 1e8 + 1 }, { 1e8 + 2 }, { 1e8 + 3 }, { 1e8 + 6 } }, { 1 }, { 0 }, 1e-5 },
    -- large values of both signs
    { { { 2e6, -3e7 }, { -1e6, 1e7 }, { 5e6, 4e7 } }, { 1, -0.5 }, { 0, 3 }, 1e-5 },
    -- a variance (10⁻⁶) smaller than ε (10⁻⁵): ε matters
    { { { 0 }, { 0.002 } }, { 1 }, { 0 }, 1e-5 },
    -- an ordinary batch, negative γ, a large ε
    { { { 1, 2, -1 }, { 0, 4, 2 }, { 3, -1, 0 }, { 2, 1, 5 } },
      { 1, -2, 0.5 }, { 0, 1, -1 }, 0.5 },
    { { { 0.3, -1.2 }, { 1.1, 0.4 }, { -0.7, 2.2 }, { 0.9, 0.1 }, { 2, -0.5 } },
      { 1.5, 0.8 }, { -0.2, 0.3 }, 1e-5 },
  },
  random = function(G)
    local m, d = G.int(1, 8), G.int(1, 4)
    local mu, sd, X = {}, {}, {}
    for j = 1, d do mu[j], sd[j] = G.uniform(-5, 5), G.uniform(0.1, 3) end
    for i = 1, m do
      X[i] = {}
      for j = 1, d do X[i][j] = G.normal(mu[j], sd[j]) end
    end
    local eps = ({ 1e-5, 1e-3, 0.1 })[G.int(1, 3)]
    return { X, G.vector(d, -2, 2), G.vector(d, -2, 2), eps }
  end,
}

-- The exercise answered as a strong student would write it (nndl §7.5).
local ANSWER = {
  en = [[
**What batch normalisation computes (nndl §7.5.1).** For each unit, over a minibatch of K examples, BN takes the net inputs z, computes the minibatch mean μ_B and variance σ²_B (dividing by K), standardises ẑ = (z − μ_B)/√(σ²_B + ε) and outputs γẑ + β with a learnable scale γ and shift β. The output then has mean β and **standard deviation** |γ| (variance γ², not γ). Setting γ = σ_B, β = μ_B gives back the input of **that** batch exactly (step 2); on another batch the same γ, β do not, so γ and β do not "keep the original distribution": they keep every mean and scale reachable. At test time BN uses moving averages of μ_B and σ²_B collected during training (step 3).

**What it does for optimisation.** In the lesson's three-layer sigmoid network:

- it trains faster: the BN net reaches the plain net's final loss in a fraction of the steps (step 5's chart);
- it learns over a wider range of learning rates α, but the gain is at the small end; both nets blow up at about the same large α (step 7's sweep). So "BN allows larger learning rates" is Ioffe & Szegedy's result on a deep convolutional network, not something this sweep shows;
- it is far less sensitive to the initial weight scale (step 8), because BN(a·Wx) = BN(Wx) for a > 0: step 8 checks this on the network itself.

**How it does it.** The original explanation was less internal covariate shift: BN fixes each unit's mean and variance over a batch (step 6's percentile bands keep their width). Santurkar et al. (2018) showed that this is not the main mechanism: BN networks with extra noise injected after BN train about as well, and in their gradient-based measure BN does not reduce covariate shift. What BN does is make the loss landscape smoother: along the gradient, the loss and the gradient change less (step 9's charts), so a gradient step stays a good guide for longer. The scale invariance adds a second effect: since ∇L(aW) = ∇L(W)/a, the effective learning rate of a BN layer's weights is α/‖W‖², which keeps the weights' growth in check. Scale invariance of the forward pass does not make training insensitive to the scale; it moves the sensitivity into the step size.

**Limits.** BN needs a batch: with K = 1, ẑ = 0 and the layer passes nothing on (step 2); with small K its statistics are noisy, as the minibatch gradient of A2.1 is. Layer normalisation (nndl §7.5.2) normalises over the units of a layer for each example and does not depend on the batch. The claim that BN improves generalisation (a mild regularising noise from the random batch) is not measured in this lesson.
]],
  zh = [[
**批量归一化算的是什么（nndl §7.5.1）。**对每个神经元，在一个含 K 个样本的小批量上，BN 取净输入 z，计算小批量均值 μ_B 和方差 σ²_B（除以 K），标准化为 ẑ = (z − μ_B)/√(σ²_B + ε)，再输出 γẑ + β，其中缩放 γ 和平移 β 是可学习的参数。输出的均值是 β，**标准差**是 |γ|（方差是 γ²，不是 γ）。取 γ = σ_B、β = μ_B 能把**这个**批的输入精确地恢复出来（第 2 步）；换一个批，同样的 γ、β 就做不到了。所以 γ 和 β 并不是“维持数据的原始分布”，而是让任何均值和尺度都仍然可以学到。测试时 BN 使用训练中累积的 μ_B 和 σ²_B 的移动平均（第 3 步）。

**它对优化起什么作用。**在本课的三层 sigmoid 网络上：

- 训练更快：有 BN 的网络只用一小部分步数就降到了无 BN 网络的最终损失（第 5 步的图）；
- 能学起来的学习率 α 范围更宽，但多出来的部分在小的一端；在很大的 α 处两个网络差不多同时发散（第 7 步的扫描）。所以“BN 允许更大的学习率”是 Ioffe 和 Szegedy 在深层卷积网络上的结果，这次扫描并没有显示出来；
- 对初始权重的尺度不敏感得多（第 8 步），因为对 a > 0 有 BN(a·Wx) = BN(Wx)：第 8 步直接在这个网络上检验了这一点。

**它是怎样起作用的。**最初的解释是减少了内部协变量偏移：BN 把每个单元在一个批上的均值和方差固定下来（第 6 步的百分位区间宽度基本不变）。Santurkar 等人（2018）指出这并不是主要机制：在 BN 之后再注入噪声的网络照样训练得差不多好，而且按他们基于梯度的度量，BN 并没有减少协变量偏移。BN 真正做的是让损失地形更平滑：沿梯度方向，损失和梯度的变化都更小（第 9 步的图），所以一步梯度在更长的距离内仍然可靠。尺度不变性还带来第二个效果：由于 ∇L(aW) = ∇L(W)/a，BN 层权重的有效学习率是 α/‖W‖²，权重的增长因此受到抑制。前向计算对尺度不变，并不意味着训练对尺度不敏感；敏感性转移到了步长上。

**局限。**BN 需要一个批：K = 1 时 ẑ = 0，这一层什么也传不过去（第 2 步）；K 很小时统计量噪声很大，就像 A2.1 里的小批量梯度一样。层归一化（nndl §7.5.2）对每个样本在一层的所有神经元上做归一化，不依赖批。至于 BN 能提高泛化能力（随机分批带来的轻微正则化噪声），本课没有测量。
]],
}

return nnt.lesson {
  id = "a2_6",
  title = T("A2.6 What batch normalisation does for optimisation",
            "A2.6 批量归一化对优化起什么作用"),
  summary = T("Compute BN by hand, then watch it speed up a sigmoid network, "
              .. "widen the usable learning rates and smooth the landscape.",
              "先亲手算一遍 BN，再看它如何让 sigmoid 网络训练得更快、"
              .. "让可用的学习率范围更宽、让损失地形更平滑。"),
  seed = 26,
  exercises = { BN_FORWARD },
  answer = ANSWER,
  steps = {
    {
      title = T("What BN computes", "BN 在算什么"),
      run = function(ui)
        ui:say(T(
          "This is exercise A2.6 of the textbook (nndl, Qiu Xipeng, "
          .. "Neural Networks and Deep Learning), §7.5 layer-wise "
          .. "normalisation: §7.5.1 batch normalisation and §7.5.2 layer "
          .. "normalisation. We use the book's notation: the batch size is "
          .. "K, the learning rate α, and μ_B, σ²_B are the minibatch mean "
          .. "and variance.\n\n"
          .. "Batch normalisation (Ioffe & Szegedy 2015) sits between a "
          .. "layer's linear part z = Wx and its nonlinearity. Each unit "
          .. "looks only at the K values z₁ … z_K that the current minibatch "
          .. "gives it:\n\n"
          .. "- μ_B = (1/K) Σ zᵢ, the batch mean\n"
          .. "- σ²_B = (1/K) Σ (zᵢ − μ_B)², the batch variance\n"
          .. "- ẑᵢ = (zᵢ − μ_B) / √(σ²_B + ε), the standardised value "
          .. "(ε ≈ 10⁻⁵ keeps the division safe)\n"
          .. "- yᵢ = γ ẑᵢ + β, with a learnable scale γ and shift β\n\n"
          .. "Below, 200 values with mean about 3 and spread about 2 go in; "
          .. "with γ = 1.5 and β = −1 they come out centred on β with "
          .. "spread |γ|.",
          "这是教材（邱锡鹏《神经网络与深度学习》）的习题 A2.6，对应 §7.5 逐层归一化："
          .. "§7.5.1 批量归一化和 §7.5.2 层归一化。我们沿用书中的记号：批量大小记为 K，"
          .. "学习率记为 α，μ_B、σ²_B 是小批量的均值和方差。\n\n"
          .. "批量归一化（Batch Normalization，Ioffe & Szegedy 2015）放在一层的"
          .. "线性部分 z = Wx 和激活函数之间。每个神经元只看当前小批量给它的 "
          .. "K 个净输入 z₁ … z_K：\n\n"
          .. "- μ_B = (1/K) Σ zᵢ：批均值\n"
          .. "- σ²_B = (1/K) Σ (zᵢ − μ_B)²：批方差\n"
          .. "- ẑᵢ = (zᵢ − μ_B) / √(σ²_B + ε)：标准化后的值（ε ≈ 10⁻⁵，"
          .. "防止除以零）\n"
          .. "- yᵢ = γ ẑᵢ + β：再用可学习的 γ 缩放、用 β 平移\n\n"
          .. "下面把 200 个均值约为 3、标准差约为 2 的数送进去；取 γ = 1.5、"
          .. "β = −1，出来的数以 β 为中心，标准差为 |γ|。"))
        local r = bn.batchnorm { batch = 200, mean = 3, std = 2,
                                 gamma = 1.5, beta = -1 }
        ui:chart { kind = "histogram", bins = 30,
                   title = T("One feature before and after BN",
                             "一个特征在 BN 前后"),
                   xlabel = T("value", "数值"),
                   series = { { name = T("input z", "输入 z"), values = r.x },
                              { name = T("output y", "输出 y"),
                                values = r.y } } }
        ui:claim(T(("ẑ has mean %s and standard deviation %s: 0 and 1 "
                    .. "up to ε."):format(fmt(r.xhat_mean, 2),
                                          fmt(r.xhat_std, 7)),
                   ("ẑ 的均值为 %s，标准差为 %s：除 ε 的影响外正是 0 和 1。")
                     :format(fmt(r.xhat_mean, 2), fmt(r.xhat_std, 7))),
                 math.abs(r.xhat_mean) < 1e-12
                   and math.abs(r.xhat_std - 1) < 1e-5)
        ui:claim(T(("y has mean %s = β and standard deviation %s = |γ| · "
                    .. "std(ẑ)."):format(fmt(r.y_mean), fmt(r.y_std)),
                   ("y 的均值为 %s = β，标准差为 %s = |γ| · std(ẑ)。")
                     :format(fmt(r.y_mean), fmt(r.y_std))),
                 math.abs(r.y_mean + 1) < 1e-12
                   and math.abs(r.y_std - 1.5 * r.xhat_std) < 1e-12)
        ui:wait()
        ui:exercise "bn_forward"
      end,
    },
    {
      title = T("γ and β can undo it; a batch of one cannot work",
                "γ、β 能撤销标准化；批量大小为 1 不行"),
      run = function(ui)
        ui:say(T(
          "Forcing every layer to mean 0 and variance 1 could limit what the "
          .. "network represents: a sigmoid fed only values near 0 is almost "
          .. "linear. That is why γ and β are there. If the network learns "
          .. "γ = √(σ²_B + ε) and β = μ_B, the layer hands back exactly its "
          .. "input **for that batch**. Another batch has its own μ_B and σ_B, "
          .. "so the same γ, β give an affine map of it that is close to the "
          .. "identity but not equal to it. What γ and β do guarantee is that "
          .. "any mean and spread of the layer's output stay reachable: BN "
          .. "takes no expressive power away; it changes how the layer is "
          .. "parameterised.\n\n"
          .. "The statistics come from the batch itself. With **one** "
          .. "sample per batch, μ_B is that sample, z − μ_B = 0, and ẑ = 0 "
          .. "whatever z was: in training mode the layer outputs β and "
          .. "passes no information on.",
          "如果硬把每一层都变成均值 0、方差 1，网络能表达的东西可能会受限："
          .. "只收到 0 附近输入的 sigmoid 几乎就是一条直线。γ 和 β 正是为此"
          .. "而设。只要网络学到 γ = √(σ²_B + ε)、β = μ_B，这一层就把**这个批**"
          .. "的输入原样交还。另一个批有它自己的 μ_B 和 σ_B，同样的 γ、β 对它做的是"
          .. "一个接近恒等、但并不等于恒等的仿射变换。γ 和 β 真正保证的是：这一层"
          .. "输出的任何均值和尺度都仍然可以学到，所以 BN 不会削弱表达能力，"
          .. "它改变的是这一层的参数化方式。\n\n"
          .. "统计量来自这个批本身。如果一个批只有 **1** 个样本，μ_B 就是它"
          .. "自己，z − μ_B = 0，无论 z 是多少 ẑ 都等于 0：训练模式下这一层"
          .. "只输出 β，不再传递任何信息。"))
        local r = bn.batchnorm { batch = 16, mean = 3, std = 2,
                                 restore = true }
        ui:claim(T(("With γ = σ_B = %s and β = μ_B = %s the output equals "
                    .. "the input of this batch (largest difference %s).")
                     :format(fmt(r.gamma_used), fmt(r.beta_used),
                             fmt(r.restore_err, 2)),
                   ("取 γ = σ_B = %s、β = μ_B = %s，输出等于这个批的输入"
                    .. "（最大差值 %s）。")
                     :format(fmt(r.gamma_used), fmt(r.beta_used),
                             fmt(r.restore_err, 2))),
                 r.restore_err < 1e-12)
        local one = bn.batchnorm { batch = 1, mean = 3, std = 2, beta = 0.5 }
        ui:claim(T(("A batch of one value z = %s gives ẑ = %s and y = β = %s.")
                     :format(fmt(one.x[1]), fmt(one.xhat[1]), fmt(one.y[1])),
                   ("只有一个值 z = %s 的批：ẑ = %s，y = β = %s。")
                     :format(fmt(one.x[1]), fmt(one.xhat[1]), fmt(one.y[1]))),
                 one.xhat[1] == 0 and one.y[1] == 0.5)
        local other = bn.batchnorm { batch = 16, mean = 3, std = 2,
                                     gamma = r.gamma_used, beta = r.beta_used }
        local off = 0
        for i = 1, 16 do off = math.max(off, math.abs(other.y[i] - other.x[i])) end
        ui:claim(T(("The same γ and β on a fresh batch from the same "
                    .. "distribution do not give back its input: the largest "
                    .. "difference is %s.")
                     :format(fmt(off, 2)),
                   ("同样的 γ、β 用在同一分布的另一个批上，就不再原样交还输入："
                    .. "最大差值为 %s。"):format(fmt(off, 2))),
                 off > 1e-3)
        ui:say(T(
          "Small batches are a milder form of the same problem. μ_B and σ²_B "
          .. "are estimates from K values, noisy in the same 1/K way as the "
          .. "minibatch gradient of lesson A2.1, so with K = 2 to 8 each "
          .. "example's output jitters with its batch mates and the moving "
          .. "averages used at test time may not match what training saw; BN "
          .. "is known to work worse there. **Layer normalisation** (Ba, "
          .. "Kiros & Hinton 2016; nndl §7.5.2) normalises over the units of "
          .. "one layer for each example instead: its statistics do not "
          .. "depend on the batch at all, so it behaves the same for K = 1, "
          .. "in training and at test time, and in recurrent networks.",
          "小批量是同一个问题的较轻形式。μ_B 和 σ²_B 是用 K 个值估计出来的，"
          .. "其噪声和 A2.1 课里小批量梯度的噪声一样按 1/K 变化；所以 K 只有 2 到 8 时，"
          .. "每个样本的输出会随同批的其他样本抖动，测试时用的移动平均也可能和训练时"
          .. "看到的不一致，BN 在这种情况下效果会变差。**层归一化**（Ba、Kiros 和 "
          .. "Hinton 2016；nndl §7.5.2）改为对每个样本、在一层的所有神经元上做归一化："
          .. "它的统计量完全不依赖批，所以 K = 1 时、训练和测试时、以及在循环神经网络里"
          .. "表现都一样。"))
        ui:quiz {
          question = T("Over a batch, what are the mean and the standard "
                       .. "deviation of y = γẑ + β (ignoring ε)?",
                       "在一个批上，y = γẑ + β 的均值和标准差分别是多少"
                       .. "（忽略 ε）？"),
          choices = { T("0 and 1", "0 和 1"),
                      T("β and |γ|", "β 和 |γ|"),
                      T("β and γ, so the variance is γ", "β 和 γ，所以方差是 γ"),
                      T("μ_B and σ_B", "μ_B 和 σ_B") },
          answer = 2,
          explain = T("ẑ has mean 0 and standard deviation 1, so y has mean "
                      .. "β and standard deviation |γ|. Its variance is γ², "
                      .. "not γ.",
                      "ẑ 的均值为 0、标准差为 1，所以 y 的均值是 β、标准差是 "
                      .. "|γ|。方差是 γ²，不是 γ。"),
          why = {
            [1] = T("Mean 0 and standard deviation 1 describe ẑ, before the "
                    .. "scale and shift. y = γẑ + β then moves the mean to β "
                    .. "and multiplies the spread by |γ|.",
                    "均值 0、标准差 1 说的是缩放和平移之前的 ẑ。y = γẑ + β "
                    .. "再把均值移到 β，把标准差乘以 |γ|。"),
            [3] = T("A standard deviation is never negative, and γ may be: "
                    .. "it is |γ|. And the variance is its square, γ², not γ.",
                    "标准差不可能是负的，而 γ 可以是负的：所以标准差是 |γ|。"
                    .. "方差是它的平方 γ²，不是 γ。"),
            [4] = T("μ_B and σ_B are the minibatch mean and standard "
                    .. "deviation of the input z, which BN takes out. The "
                    .. "output has them only in the special case γ = σ_B, "
                    .. "β = μ_B.",
                    "μ_B 和 σ_B 是输入 z 的小批量均值和标准差，BN 正是把它们去掉。"
                    .. "只有在 γ = σ_B、β = μ_B 这个特例下输出才会带着它们。"),
          },
        }
      end,
    },
    {
      title = T("Training mode and evaluation mode", "训练模式与推理模式"),
      run = function(ui)
        ui:say(T(
          "At test time we may see one example at a time, and its "
          .. "prediction must not depend on what else is in the batch. So "
          .. "while training, BN also keeps **running averages** of μ_B and "
          .. "σ²_B (r ← 0.9 r + 0.1 · batch value, as PyTorch does), and in "
          .. "evaluation mode it normalises with those fixed numbers "
          .. "instead.\n\n"
          .. "Here 60 batches of 16 values, drawn with mean 3 and standard "
          .. "deviation 2, pass through a BN layer. The batch means jump "
          .. "around; the running mean settles near 3.",
          "测试时可能一次只来一个样本，而且它的预测不应该取决于同一批里还有"
          .. "谁。所以训练时 BN 还会维护 μ_B 和 σ²_B 的**移动平均**"
          .. "（r ← 0.9 r + 0.1 · 本批的值，与 PyTorch 相同）；推理模式下就改用"
          .. "这两个固定的数来做标准化。\n\n"
          .. "下面让 60 个批（每批 16 个值，均值 3、标准差 2）依次通过一个 "
          .. "BN 层。各批的均值上下跳动，移动平均则稳定在 3 附近。"))
        local r = bn.running { steps = 60, batch = 16, mean = 3, std = 2 }
        local xs = steps_axis(60)
        ui:chart { kind = "line",
                   title = T("Batch means and the running mean",
                             "批均值与移动平均"),
                   xlabel = T("batch", "批"), ylabel = T("mean", "均值"),
                   series = {
                     { name = T("batch mean μ_B", "批均值 μ_B"), x = xs,
                       y = r.batch_mean, style = "points" },
                     { name = T("running mean", "移动平均"), x = xs,
                       y = r.running_mean },
                     hline(T("true mean 3", "真实均值 3"), 3, 1, 60) } }
        ui:claim(T(("After 60 batches the running mean is %s, within 0.5 of "
                    .. "the true mean 3."):format(fmt(r.rmean[1])),
                   ("60 个批之后移动平均为 %s，与真实均值 3 相差不到 0.5。")
                     :format(fmt(r.rmean[1]))),
                 math.abs(r.rmean[1] - 3) < 0.5)
        ui:claim(T(("For the single value z₀ = %s (one standard deviation "
                    .. "above the mean), a batch of one gives ẑ = %s in "
                    .. "training mode but ẑ = %s ≈ 1 in evaluation mode.")
                     :format(fmt(r.x0), fmt(r.xhat_train_b1),
                             fmt(r.xhat_eval_b1, 3)),
                   ("对单个值 z₀ = %s（比均值高一个标准差）：训练模式下一个"
                    .. "样本的批给出 ẑ = %s，推理模式下 ẑ = %s ≈ 1。")
                     :format(fmt(r.x0), fmt(r.xhat_train_b1),
                             fmt(r.xhat_eval_b1, 3))),
                 r.xhat_train_b1 == 0 and math.abs(r.xhat_eval_b1 - 1) < 0.3)
        ui:wait()
      end,
    },
    {
      title = T("The backward pass", "反向传播"),
      run = function(ui)
        ui:say(T(
          "Training needs the gradient through BN. μ_B and σ²_B depend on "
          .. "every zᵢ, so every ẑᵢ depends on the whole batch, and the "
          .. "gradient gets two correction terms. With gᵢ = ∂L/∂yᵢ:\n\n"
          .. "- ∂L/∂β = Σᵢ gᵢ\n"
          .. "- ∂L/∂γ = Σᵢ gᵢ ẑᵢ\n"
          .. "- ∂L/∂zᵢ = γ/√(σ²_B + ε) · (gᵢ − (1/K) ∂L/∂β − ẑᵢ (1/K) ∂L/∂γ)\n\n"
          .. "The last line sums to zero over the batch: moving the whole "
          .. "batch up or down changes nothing after BN. The plugin checks all "
          .. "three against central finite differences "
          .. "(f(v + h) − f(v − h)) / 2h, and does the same for every weight "
          .. "of a small MLP with BN.",
          "训练需要穿过 BN 的梯度。μ_B 和 σ²_B 依赖批里每一个 zᵢ，所以每个 "
          .. "ẑᵢ 都依赖整个批，梯度里因此多出两个修正项。记 gᵢ = ∂L/∂yᵢ：\n\n"
          .. "- ∂L/∂β = Σᵢ gᵢ\n"
          .. "- ∂L/∂γ = Σᵢ gᵢ ẑᵢ\n"
          .. "- ∂L/∂zᵢ = γ/√(σ²_B + ε) · (gᵢ − (1/K) ∂L/∂β − ẑᵢ (1/K) ∂L/∂γ)\n\n"
          .. "最后一行在批上求和为零：把整个批一起平移，BN 之后什么都不变。"
          .. "插件用中心差分 (f(v + h) − f(v − h)) / 2h 逐一核对这三个公式，"
          .. "并对一个带 BN 的小 MLP 的每个权重做同样的检查。"))
        local r = bn.gradcheck { batch = 8, features = 3 }
        ui:chart { kind = "scatter",
                   title = T("∂L/∂z: formula against finite differences",
                             "∂L/∂z：公式与有限差分"),
                   xlabel = T("finite difference", "有限差分"),
                   ylabel = T("formula", "公式"),
                   x = flat(r.dx_numeric), y = flat(r.dx) }
        local worst = math.max(r.err_dx, r.err_dgamma, r.err_dbeta)
        ui:claim(T(("∂L/∂z, ∂L/∂γ and ∂L/∂β match finite differences "
                    .. "(largest relative error %s).")
                     :format(fmt(worst, 2)),
                   ("∂L/∂z、∂L/∂γ、∂L/∂β 与有限差分一致（最大相对误差 %s）。")
                     :format(fmt(worst, 2))),
                 worst < 1e-7)
        ui:claim(T(("So does the backward pass of a whole MLP with BN "
                    .. "(relative error %s)."):format(fmt(r.err_mlp, 2)),
                   ("整个带 BN 的 MLP 的反向传播也一致（相对误差 %s）。")
                     :format(fmt(r.err_mlp, 2))),
                 r.err_mlp < 1e-6)
        local worst_sum = 0
        for j = 1, 3 do
          local s = 0
          for i = 1, 8 do s = s + r.dx[i][j] end
          worst_sum = math.max(worst_sum, math.abs(s))
        end
        ui:claim(T(("For each feature, ∂L/∂z sums to zero over the batch "
                    .. "(largest |sum| %s)."):format(fmt(worst_sum, 2)),
                   ("每个特征的 ∂L/∂z 在批上求和为零（最大 |和| 为 %s）。")
                     :format(fmt(worst_sum, 2))),
                 worst_sum < 1e-12)
        ui:wait()
      end,
    },
    {
      title = T("A sigmoid network with and without BN",
                "有无 BN 的 sigmoid 网络"),
      run = function(ui)
        ui:say(T(
          "Ioffe & Szegedy reported that on MNIST, with three hidden layers "
          .. "of 100 sigmoid units, the BN network learned faster and reached "
          .. "a higher accuracy; on ImageNet, BN-Inception matched "
          .. "Inception's accuracy in 14× fewer steps, and an Inception with "
          .. "sigmoid units could not be trained at all without BN.\n\n"
          .. "The same experiment in small: 3 hidden layers of 16 sigmoid "
          .. "units, 4 classes of 16-dimensional points, SGD with batches of "
          .. "16 and learning rate 1. Both networks start from the same "
          .. "weights and see the same batches; the only difference is BN.",
          "Ioffe 和 Szegedy 报告：在 MNIST 上，三个隐藏层、每层 100 个 "
          .. "sigmoid 单元的网络加了 BN 后学得更快、准确率也更高；在 ImageNet "
          .. "上，BN-Inception 只用 1/14 的训练步数就达到了 Inception 的准确率，"
          .. "而用 sigmoid 单元的 Inception 不加 BN 根本训练不起来。\n\n"
          .. "这里做一个缩小版：3 个隐藏层、每层 16 个 sigmoid 单元，4 类 16 "
          .. "维数据点，小批量 16，学习率 1。两个网络从相同的权重出发、看到"
          .. "相同的批，唯一的区别就是有没有 BN。"))
        local again = same_start()
        again()
        local p = bn.train(net { bn = false, lr = 1 })
        again()
        local b = bn.train(net { bn = true, lr = 1 })
        local xs = steps_axis(NET.steps)
        ui:chart { kind = "line",
                   title = T("Training loss (mean of the last 10 batches), "
                             .. "learning rate 1",
                             "训练损失（最近 10 个批的平均），学习率 1"),
                   xlabel = T("SGD step", "SGD 步数"),
                   ylabel = T("cross-entropy", "交叉熵"),
                   series = { { name = NO_BN, x = xs, y = smooth(p.loss, 10) },
                              { name = WITH_BN, x = xs,
                                y = smooth(b.loss, 10) },
                              hline(CHANCE_NAME, CHANCE, 1, NET.steps) } }
        local sb, reach = smooth(b.loss, 10), nil
        for i = 1, #sb do
          if sb[i] <= p.final_loss then reach = i break end
        end
        reach = reach or NET.steps
        ui:claim(T(("With BN the loss (averaged over 10 steps) reached the "
                    .. "plain net's final loss %s after %d steps, about %s× "
                    .. "fewer than the %d the plain net took.")
                     :format(fmt(p.final_loss, 3), reach,
                             fmt(NET.steps / reach, 2), NET.steps),
                   ("有 BN 时，损失（10 步平均）在第 %d 步就降到了无 BN 网络的"
                    .. "最终损失 %s，比无 BN 网络用的 %d 步少约 %s 倍。")
                     :format(reach, fmt(p.final_loss, 3), NET.steps,
                             fmt(NET.steps / reach, 2))),
                 reach <= NET.steps / 3)
        ui:claim(T(("Held-out accuracy after %d steps: %s%% with BN, %s%% "
                    .. "without (chance 25%%).")
                     :format(NET.steps, fmt(100 * b.accuracy, 3),
                             fmt(100 * p.accuracy, 3)),
                   ("训练 %d 步后在留出集上的准确率：有 BN %s%%，无 BN %s%%"
                    .. "（随机猜为 25%%）。")
                     :format(NET.steps, fmt(100 * b.accuracy, 3),
                             fmt(100 * p.accuracy, 3))),
                 b.accuracy > p.accuracy)
        ui:wait()
      end,
    },
    {
      title = T("Inside: what one sigmoid receives",
                "网络内部：一个 sigmoid 收到什么"),
      run = function(ui)
        ui:say(T(
          "Ioffe & Szegedy's Figure 1 follows the input of one typical "
          .. "sigmoid through training as its 15th, 50th and 85th "
          .. "percentiles. We do the same for two networks set up as in the "
          .. "last step (a fresh draw): the first unit of each hidden layer, on 256 fixed "
          .. "training points. First layer 3 **without** BN: as the layers "
          .. "below it learn, its input distribution moves and changes its "
          .. "width. A narrow band means this sigmoid gives almost the same "
          .. "output for every example.",
          "Ioffe 和 Szegedy 的图 1 记录了一个典型 sigmoid 的输入在训练中的"
          .. "第 15、50、85 百分位数。我们对按上一步方式设置的两个网络（重新抽取）做同样的事：在 "
          .. "256 个固定的训练点上，看每个隐藏层第一个单元的输入。先看**无** "
          .. "BN 网络的第 3 层：随着下面的层在学习，它的输入分布在移动，宽度"
          .. "也在变化。区间很窄，就意味着这个 sigmoid 对每个样本给出的输出"
          .. "几乎一样。"))
        local again = same_start()
        again()
        local p = bn.train(net { bn = false, lr = 1 })
        again()
        local b = bn.train(net { bn = true, lr = 1 })
        local lo, hi = math.huge, -math.huge
        for _, r in ipairs { p, b } do
          lo = math.min(lo, r.p15[3]:min())
          hi = math.max(hi, r.p85[3]:max())
        end
        local pad = 0.05 * (hi - lo)
        -- Draws the percentile chart of layer 3 of run r.
        local function band(r, name)
          ui:chart { kind = "line", yrange = { lo - pad, hi + pad },
                     title = T(("Layer 3, unit 1, %s: input percentiles")
                                 :format(nnt.tr(name)),
                               ("第 3 层第 1 个单元（%s）：输入的百分位数")
                                 :format(nnt.tr(name))),
                     xlabel = T("SGD step", "SGD 步数"),
                     ylabel = T("input to sigmoid", "sigmoid 的输入"),
                     series = { { name = "85%", x = r.pct_step, y = r.p85[3] },
                                { name = "50%", x = r.pct_step, y = r.p50[3] },
                                { name = "15%", x = r.pct_step, y = r.p15[3] } } }
        end
        band(p, NO_BN)
        ui:wait()
        ui:say(T(
          "Now the same unit **with** BN: the band keeps its width, centred "
          .. "and scaled by the learned β and γ.",
          "再看**有** BN 时的同一个单元：区间宽度基本不变，位置和尺度由学到"
          .. "的 β、γ 决定。"))
        band(b, WITH_BN)
        -- how much the 15-85 % band changed width, per layer, as a factor
        local function change(r)
          local s = 0
          for l = 1, NET.depth do
            local n = #r.pct_step
            local w0 = r.p85[l][1] - r.p15[l][1]
            local w1 = r.p85[l][n] - r.p15[l][n]
            s = s + math.abs(math.log(w1 / w0))
          end
          return math.exp(s / NET.depth)
        end
        local cp, cb = change(p), change(b)
        ui:claim(T(("Over the three layers, the width of the 15–85 %% band "
                    .. "changed on average by a factor %s without BN but only "
                    .. "%s with BN.")
                     :format(fmt(cp, 3), fmt(cb, 3)),
                   ("三层平均下来，15%%–85%% 区间的宽度在无 BN 时变化了 %s 倍，"
                    .. "有 BN 时只变化了 %s 倍。")
                     :format(fmt(cp, 3), fmt(cb, 3))),
                 cp > cb)
        ui:say(T(
          "Ioffe & Szegedy called these moving distributions internal "
          .. "covariate shift, and BN does remove much of it. Whether that "
          .. "is the reason BN helps is another question (step 9).",
          "Ioffe 和 Szegedy 把这种分布的变动叫作“内部协变量偏移”，BN 确实"
          .. "消除了其中的大部分。至于这是不是 BN 有效的原因，是另一个问题"
          .. "（见第 9 步）。"))
        ui:wait()
      end,
    },
    {
      title = T("How large may the learning rate be?", "学习率能取多大？"),
      run = function(ui)
        ui:say(T(
          "Ioffe & Szegedy could raise the learning rate 5× and even 30× "
          .. "with BN. Sweep 12 learning rates from 0.01 to 30 (log scale) "
          .. "and train both networks for 150 steps at each, from the same "
          .. "start on the same batches. Watch two things: the range of "
          .. "rates where each network learns, and where each one blows up.",
          "Ioffe 和 Szegedy 在加了 BN 之后能把学习率提高 5 倍甚至 30 倍。"
          .. "我们在 0.01 到 30 之间（对数刻度）取 12 个学习率，每个学习率下"
          .. "两个网络都从相同起点、在相同的批上训练 150 步。留意两件事："
          .. "每个网络能学起来的学习率范围，以及各自从哪里开始发散。"))
        local r = bn.lr_sweep(net { lr_min = 0.01, lr_max = 30, rates = 12 })
        local lr = r.lr
        ui:chart { kind = "line", xlog = true, ylog = true,
                   title = T("Final training loss after 150 steps",
                             "训练 150 步后的最终损失"),
                   xlabel = T("learning rate", "学习率"),
                   ylabel = T("final loss", "最终损失"),
                   series = { { name = NO_BN, x = lr, y = r.final_plain },
                              { name = WITH_BN, x = lr, y = r.final_bn },
                              hline(CHANCE_NAME, CHANCE, lr[1], lr[#lr]) } }
        local good = 0.75 * CHANCE
        local np, nb = 0, 0
        for i = 1, #lr do
          if r.final_plain[i] < good then np = np + 1 end
          if r.final_bn[i] < good then nb = nb + 1 end
        end
        ui:claim(T(("Rates that bring the loss below 0.75 · ln 4 = %s: %d of "
                    .. "12 with BN, %d without.")
                     :format(fmt(good, 3), nb, np),
                   ("能把损失降到 0.75 · ln 4 = %s 以下的学习率：有 BN %d 个"
                    .. "（共 12 个），无 BN %d 个。")
                     :format(fmt(good, 3), nb, np)),
                 nb > np)
        -- the range of rates whose final loss is clearly below chance
        local function span(f)
          local lo, hi
          for i = 1, #lr do
            if f[i] < 0.9 * CHANCE then lo = lo or lr[i]; hi = lr[i] end
          end
          return lo, hi, lo and hi / lo or 1
        end
        local plo, phi, pf = span(r.final_plain)
        local blo, bhi, bf = span(r.final_bn)
        -- Returns "lo–hi (a factor f)" or "none" in the language lang.
        local function rng(lo, hi, f, lang)
          if not lo then return lang == "en" and "none" or "一个也没有" end
          return (lang == "en" and "%s–%s (a factor %s)"
                                or "为 %s–%s（跨 %s 倍）")
                   :format(fmt(lo, 2), fmt(hi, 2), fmt(f, 3))
        end
        ui:claim(T(("Rates that end below 0.9 · ln 4: %s with BN, %s without.")
                     :format(rng(blo, bhi, bf, "en"), rng(plo, phi, pf, "en")),
                   ("最终损失低于 0.9 · ln 4 的学习率：有 BN 时%s，无 BN 时%s。")
                     :format(rng(blo, bhi, bf, "zh"), rng(plo, phi, pf, "zh"))),
                 bf > pf)
        -- the smallest rate at which a net ends far above chance: blown up
        local function blowup(f)
          for i = 1, #lr do
            if not (f[i] < 2 * CHANCE) then return lr[i] end
          end
        end
        local up_p, up_b = blowup(r.final_plain), blowup(r.final_bn)
        ui:claim(T(("Both networks blow up (final loss above 2 · ln 4) from "
                    .. "about the same rate: %s with BN, %s without.")
                     :format(fmt(up_b or 0, 2), fmt(up_p or 0, 2)),
                   ("两个网络从差不多相同的学习率开始发散（最终损失超过 2 · ln 4）："
                    .. "有 BN 为 %s，无 BN 为 %s。")
                     :format(fmt(up_b or 0, 2), fmt(up_p or 0, 2))),
                 up_p ~= nil and up_b ~= nil
                   and math.max(up_p / up_b, up_b / up_p) < 5)
        ui:say(T(
          "So what this sweep measures is a **wider range** of rates at which "
          .. "the network learns within 150 steps, gained at the small end, "
          .. "where the plain sigmoid net is still stuck on its plateau. It "
          .. "does **not** show a higher ceiling: near the top both networks "
          .. "break down at about the same rate. In this small net BN makes "
          .. "more rates usable, not larger rates safe. (Ioffe & Szegedy's "
          .. "5× and 30× were on Inception, a deep convolutional network with "
          .. "BN throughout, trained far longer; we do not reproduce them.)",
          "所以这次扫描测到的是：在 150 步内能学起来的学习率**范围更宽**，而且多出来的"
          .. "部分在小的一端——无 BN 的 sigmoid 网络在那里仍困在平台上。它**没有**"
          .. "显示出更高的上限：在上端，两个网络崩溃的学习率差不多。在这个小网络里，"
          .. "BN 让更多的学习率可用，而不是让更大的学习率变得安全。（Ioffe 和 "
          .. "Szegedy 的 5 倍和 30 倍是在 Inception 这个处处都有 BN、训练时间长得多"
          .. "的深层卷积网络上得到的；这里没有复现它们。）"))
        ui:wait()
      end,
    },
    {
      title = T("Sensitivity to initialisation", "对初始化的敏感程度"),
      run = function(ui)
        ui:say(T(
          "Now scale every initial weight by 0.1, 1 or 10 (same directions, "
          .. "learning rate 1). Without BN, a small start leaves every "
          .. "sigmoid near its midpoint and the signal fades layer by layer, "
          .. "while a large start saturates the units. With BN the hidden "
          .. "layers do not care: BN(a·Wx) = BN(Wx) for any a > 0, because "
          .. "with z = Wx the factor a cancels between z − μ_B and σ_B (up "
          .. "to ε).\n\n"
          .. "That makes the **forward pass** insensitive to the scale, not "
          .. "training. Since L(aW) = L(W), the gradient scales the other "
          .. "way: ∇L(aW) = ∇L(W)/a (Ioffe & Szegedy §3.3). Write W = ‖W‖·V "
          .. "with ‖V‖ = 1: then ∇L(W) = ∇L(V)/‖W‖, and a step α∇L(W) turns "
          .. "the direction V by about α‖∇L(V)‖/‖W‖². So the **effective "
          .. "learning rate** of a BN layer's weights is α/‖W‖²: weights ten "
          .. "times larger learn a hundred times more "
          .. "slowly. The scale still matters, through the step size; it just "
          .. "cannot make the layer's outputs saturate or vanish.",
          "现在把所有初始权重乘以 0.1、1 或 10（方向不变，学习率 1）。"
          .. "没有 BN 时，初始值太小会让每个 sigmoid 都停在中点附近，信号"
          .. "一层层衰减；太大又会让单元饱和。有 BN 时隐藏层对此并不在意："
          .. "对任意 a > 0 都有 BN(a·Wx) = BN(Wx)，因为记 z = Wx，"
          .. "因子 a 在 z − μ_B 和 σ_B 之间约掉了（除 ε 的影响外）。\n\n"
          .. "这让**前向计算**对尺度不敏感，而不是让训练对尺度不敏感。因为 "
          .. "L(aW) = L(W)，梯度反过来缩放：∇L(aW) = ∇L(W)/a（Ioffe 和 Szegedy "
          .. "§3.3）。记 W = ‖W‖·V、‖V‖ = 1，则 ∇L(W) = ∇L(V)/‖W‖，一步 α∇L(W) "
          .. "让方向 V 大约转动 α‖∇L(V)‖/‖W‖²。所以 BN 层权重的**有效学习率**是 "
          .. "α/‖W‖²：权重大十倍，学得就慢一百倍。尺度仍然起作用，"
          .. "只是通过步长起作用；它不能再让这一层的输出饱和或消失。"))
        -- The network itself: its data, first batch and initial weights.
        -- Its forward pass is rebuilt here in plain Lua (BN with γ = 1,
        -- β = 0, ε = 10⁻⁵, as at the start of training) and checked
        -- against the loss the plugin recorded for that batch; then the
        -- hidden weights are scaled by a and the last hidden layer's
        -- output compared.
        local tr = bn.trace(net { bn = true, steps = 1 })
        local Xt, yt = tr.X:totable(), tr.y:totable()
        local idx = tr.batches:totable()[1]
        local W = {}
        for l = 1, NET.depth + 1 do W[l] = tr["W" .. l .. "_init"]:totable() end
        local function matmul(A, M, a)
          local out = {}
          for i = 1, #A do
            local row = {}
            for k = 1, #M[1] do
              local s = 0
              for j = 1, #M do s = s + A[i][j] * M[j][k] end
              row[k] = a * s
            end
            out[i] = row
          end
          return out
        end
        -- Returns the last hidden layer's outputs and the batch's mean
        -- cross-entropy, hidden weights times a, with or without BN.
        local function forward(a, use_bn, eps)
          local H = {}
          for i = 1, #idx do H[i] = Xt[idx[i] + 1] end
          local ones, zeros = {}, {}
          for k = 1, NET.width do ones[k], zeros[k] = 1, 0 end
          for l = 1, NET.depth do
            local Z = matmul(H, W[l], a)
            if use_bn then Z = bn_reference(Z, ones, zeros, eps or 1e-5) end
            for i = 1, #Z do
              for k = 1, #Z[i] do Z[i][k] = 1 / (1 + math.exp(-Z[i][k])) end
            end
            H = Z
          end
          local O, loss = matmul(H, W[NET.depth + 1], 1), 0
          for i = 1, #O do
            local mx = -math.huge
            for k = 1, #O[i] do mx = math.max(mx, O[i][k]) end
            local s = 0
            for k = 1, #O[i] do s = s + math.exp(O[i][k] - mx) end
            loss = loss + (mx + math.log(s) - O[i][math.tointeger(yt[idx[i] + 1]) + 1])
          end
          return H, loss / #O
        end
        local function gap(A, B)
          local g = 0
          for i = 1, #A do
            for k = 1, #A[i] do g = math.max(g, math.abs(A[i][k] - B[i][k])) end
          end
          return g
        end
        local h1, l1 = forward(1, true)
        local h10 = forward(10, true)
        local p1, p10 = forward(1, false), forward(10, false)
        local d_bn, d_plain = gap(h1, h10), gap(p1, p10)
        local d_exact = gap(forward(1, true, 0), forward(10, true, 0))
        ui:claim(T(("On a BN network of step 5's kind (a fresh draw: its first "
                    .. "batch and initial weights; the forward pass rebuilt here gives the loss "
                    .. "%s the plugin recorded as %s), multiplying every hidden "
                    .. "weight by 10 changes the last hidden layer's outputs by "
                    .. "at most %s, only through ε (with ε = 0: %s); without "
                    .. "BN by up to %s.")
                     :format(fmt(l1, 6), fmt(tr.loss[1], 6), fmt(d_bn, 2),
                             fmt(d_exact, 2), fmt(d_plain, 2)),
                   ("在一个与第 5 步同样的 BN 网络上（重新抽取，用它的第一个批和初始权重；这里重写的"
                    .. "前向计算给出损失 %s，插件记录的是 %s），把所有隐藏层权重"
                    .. "乘以 10，最后一个隐藏层的输出最多变化 %s，这只来自 ε"
                    .. "（ε = 0 时为 %s）；无 BN 时变化可达 %s。")
                     :format(fmt(l1, 6), fmt(tr.loss[1], 6), fmt(d_bn, 2),
                             fmt(d_exact, 2), fmt(d_plain, 2))),
                 math.abs(l1 - tr.loss[1]) < 1e-9 and d_bn < 1e-2
                   and d_exact < 1e-12 and d_plain > 100 * d_bn)
        local r = bn.init_sweep(net { lr = 1 })
        local labels, values = {}, {}
        for i = 1, 3 do
          local s = fmt(r.scale[i])
          labels[#labels + 1] = T(s .. "× no BN", s .. "× 无 BN")
          values[#values + 1] = r.final_plain[i]
          labels[#labels + 1] = T(s .. "× BN", s .. "× 有 BN")
          values[#values + 1] = r.final_bn[i]
        end
        ui:say(T(
          "Now train both networks from each scale for 150 steps at "
          .. "learning rate α = 1. (The no-BN loss at scale 1 need not match "
          .. "step 5's: every step draws its own data, starting weights and "
          .. "batches, and a sigmoid net on its plateau ends at quite "
          .. "different losses from one draw to the next. Compare the bars of "
          .. "one chart with each other, not with other steps. Step 7's "
          .. "sweep does not contain α = 1 at all.)",
          "现在从每个尺度出发，以学习率 α = 1 把两个网络各训练 150 步。（尺度 1 时"
          .. "无 BN 的损失不必和第 5 步的一样：每一步都重新抽取数据、初始权重和批，"
          .. "停在平台上的 sigmoid 网络每抽一次，最终损失都可能差得不少。请在同一张图"
          .. "里比较各个柱子，不要跨步骤比较。第 7 步的扫描里根本没有 α = 1 这个点。）"))
        ui:chart { kind = "bar", labels = labels, values = values,
                   title = T("Final loss by initial weight scale",
                             "不同初始权重尺度下的最终损失") }
        local better = true
        for i = 1, 3 do
          better = better and r.final_bn[i] < r.final_plain[i]
        end
        ui:claim(T(("At every scale the BN net ends lower: %s, %s, %s with BN "
                    .. "against %s, %s, %s without.")
                     :format(fmt(r.final_bn[1], 3), fmt(r.final_bn[2], 3),
                             fmt(r.final_bn[3], 3), fmt(r.final_plain[1], 3),
                             fmt(r.final_plain[2], 3), fmt(r.final_plain[3], 3)),
                   ("每个尺度下有 BN 的网络最终损失都更低：有 BN 为 %s、%s、%s，"
                    .. "无 BN 为 %s、%s、%s。")
                     :format(fmt(r.final_bn[1], 3), fmt(r.final_bn[2], 3),
                             fmt(r.final_bn[3], 3), fmt(r.final_plain[1], 3),
                             fmt(r.final_plain[2], 3), fmt(r.final_plain[3], 3))),
                 better)
        ui:wait()
      end,
    },
    {
      title = T("Why it helps: a smoother landscape", "为什么有效：更平滑的损失地形"),
      run = function(ui)
        ui:say(T(
          "The original paper credited BN to reducing internal covariate "
          .. "shift. Santurkar et al. (2018) tested that directly: they added "
          .. "random noise after each BN layer so that the distributions "
          .. "shifted even more, and the network still trained about as "
          .. "well. BN does fix each unit's mean and variance over a batch "
          .. "(step 6 showed that), but when Santurkar et al. measured "
          .. "internal covariate shift as the change in a layer's gradient "
          .. "caused by updating the layers below, BN networks showed no less "
          .. "of it, sometimes more. What BN did change was the **loss "
          .. "landscape**: along the gradient direction the loss and the "
          .. "gradient change less, so the gradient stays a reliable guide "
          .. "over a longer step. That is what makes larger steps possible "
          .. "in principle; in our small sweep (step 7) it showed up as more "
          .. "usable rates, not as a higher ceiling.\n\n"
          .. "We measure this along each training path: at 12 points, step "
          .. "along −∇L by 1 to 4 learning rates and record how far the "
          .. "gradient moves, ‖∇L(w − α∇L) − ∇L(w)‖, and the effective "
          .. "smoothness max ‖Δ∇L‖ / ‖Δw‖. This time the units are ReLU, as "
          .. "in Santurkar's networks: the sigmoid net without BN sits on a "
          .. "plateau, and a plateau is smooth only because nothing happens "
          .. "there.",
          "原论文把 BN 的效果归功于减少了内部协变量偏移。Santurkar 等人"
          .. "（2018）直接检验了这一点：他们在每个 BN 层之后加入随机噪声，让"
          .. "分布变动得更厉害，网络却照样训练得差不多好。BN 确实把每个单元在一个批上"
          .. "的均值和方差固定下来（第 6 步看到了），但 Santurkar 等人把内部协变量偏移"
          .. "定义为“下面各层更新之后，这一层梯度的变化”来测量时，BN 网络的偏移并不更小，"
          .. "有时反而更大。BN 真正改变的是**损失地形**：沿梯度方向走时，损失和梯度的"
          .. "变化都更小，所以梯度在更长的一步里仍然可靠。这使得更大的步长在原理上"
          .. "成为可能；在我们的小规模扫描里（第 7 步），它表现为可用的学习率更多，"
          .. "而不是上限更高。\n\n"
          .. "我们沿着各自的训练轨迹测量这一点：在 12 个位置上，沿 −∇L 走 1 到 "
          .. "4 个学习率 α 的距离，记录梯度变了多少 ‖∇L(w − α∇L) − ∇L(w)‖，"
          .. "以及有效光滑度 max ‖Δ∇L‖ / ‖Δw‖。这次用 ReLU 单元，与 Santurkar "
          .. "的网络一致：无 BN 的 sigmoid 网络停在平台上，而平台之所以平滑，"
          .. "只是因为那里什么也没发生。"))
        local r = bn.smoothness(net { act = "relu", lr = 1, probes = 12 })
        ui:chart { kind = "line",
                   title = T("How far the gradient moves along one step",
                             "沿一步走下去梯度变化多少"),
                   xlabel = T("SGD step", "SGD 步数"),
                   ylabel = "‖∇L(w − α∇L) − ∇L(w)‖",
                   series = { { name = NO_BN, x = r.probe_step,
                                y = r.grad_change_plain },
                              { name = WITH_BN, x = r.probe_step,
                                y = r.grad_change_bn } } }
        ui:claim(T(("On average the gradient moves %s with BN against %s "
                    .. "without.")
                     :format(fmt(r.mean_grad_change_bn, 3),
                             fmt(r.mean_grad_change_plain, 3)),
                   ("平均而言，有 BN 时梯度变化 %s，无 BN 时为 %s。")
                     :format(fmt(r.mean_grad_change_bn, 3),
                             fmt(r.mean_grad_change_plain, 3))),
                 r.mean_grad_change_bn < r.mean_grad_change_plain)
        ui:wait()
        ui:say(T(
          "Dividing the change of the gradient by the length of the step "
          .. "gives the effective smoothness: how sharply the slope can turn "
          .. "per unit of distance. A small value means a long step along "
          .. "the gradient stays safe.",
          "把梯度的变化除以步长，就得到有效光滑度：每走一单位距离，坡度能"
          .. "转多急。数值越小，沿梯度走一大步就越安全。"))
        ui:chart { kind = "line",
                   title = T("Effective smoothness max ‖Δ∇L‖ / ‖Δw‖",
                             "有效光滑度 max ‖Δ∇L‖ / ‖Δw‖"),
                   xlabel = T("SGD step", "SGD 步数"), ylabel = "β",
                   series = { { name = NO_BN, x = r.probe_step,
                                y = r.beta_plain },
                              { name = WITH_BN, x = r.probe_step,
                                y = r.beta_bn } } }
        ui:claim(T(("The effective smoothness constant is lower with BN: %s "
                    .. "against %s.")
                     :format(fmt(r.mean_beta_bn, 3), fmt(r.mean_beta_plain, 3)),
                   ("有 BN 时有效光滑常数更小：%s 对 %s。")
                     :format(fmt(r.mean_beta_bn, 3), fmt(r.mean_beta_plain, 3))),
                 r.mean_beta_bn < r.mean_beta_plain)
        ui:wait()
      end,
    },
    {
      title = T("Two questions", "两个问题"),
      run = function(ui)
        ui:quiz {
          question = T("Santurkar et al. added noise after every BN layer, "
                       .. "so the layer inputs shifted even more. What "
                       .. "happened?",
                       "Santurkar 等人在每个 BN 层之后加入噪声，让各层输入的"
                       .. "分布变动得更厉害。结果如何？"),
          choices = {
            T("Training broke down: BN works by removing covariate shift",
              "训练崩溃了：BN 靠消除协变量偏移起作用"),
            T("It still trained about as well: the gain is not about "
              .. "covariate shift", "照样训练得差不多好：BN 的好处与协变量"
              .. "偏移关系不大"),
            T("The noise made BN unnecessary", "噪声让 BN 变得多余"),
          },
          answer = 2,
          explain = T("The noisy BN network trained about as well as plain "
                      .. "BN and better than the network without BN. The "
                      .. "better explanation is the smoother landscape of "
                      .. "step 9.",
                      "加噪声的 BN 网络和普通 BN 网络训练得差不多，仍比没有 BN "
                      .. "的网络好。更好的解释是第 9 步的地形更平滑。"),
          why = {
            [1] = T("That is what the covariate-shift explanation predicts, "
                    .. "but not what happened: the noisy BN network trained "
                    .. "about as well as ordinary BN. So removing internal "
                    .. "covariate shift cannot be the main mechanism.",
                    "这是“协变量偏移”这一解释的预测，但实际并非如此：加噪声的 BN "
                    .. "网络和普通 BN 网络训练得差不多。所以消除内部协变量偏移不可能是"
                    .. "主要机制。"),
            [3] = T("The noisy BN network still trained better than the "
                    .. "network without BN: BN kept its benefit, the "
                    .. "smoother landscape, and the noise did not replace it.",
                    "加噪声的 BN 网络仍然比没有 BN 的网络训练得好：BN 的好处"
                    .. "（更平滑的地形）还在，噪声并没有取代它。"),
          },
        }
        ui:quiz {
          question = T("You can only fit one example per batch in memory. "
                       .. "What does a BN layer do in training mode?",
                       "显存只够每批放一个样本。训练模式下 BN 层会怎样？"),
          choices = {
            T("It normalises as usual", "照常标准化"),
            T("Every ẑ is 0, so it outputs β and passes no signal",
              "每个 ẑ 都是 0，只输出 β，信号传不过去"),
            T("It switches to the running statistics by itself",
              "自动改用移动平均"),
          },
          answer = 2,
          explain = T("With K = 1, z − μ_B = 0 (step 2). Use normalisations "
                      .. "that do not average over the batch, such as layer "
                      .. "normalisation, or gather more examples per step.",
                      "K = 1 时 z − μ_B = 0（第 2 步）。可以改用不在批上求"
                      .. "平均的归一化（例如层归一化），或者每步凑更多样本。"),
          why = {
            [1] = T("\"As usual\" means with the minibatch mean and variance. "
                    .. "With K = 1, μ_B is the example itself and σ²_B = 0, "
                    .. "so ẑ = 0/√ε = 0: normalising erases the input.",
                    "“照常”就是用小批量均值和方差来标准化。K = 1 时 μ_B 就是这个"
                    .. "样本本身，σ²_B = 0，所以 ẑ = 0/√ε = 0：标准化把输入抹掉了。"),
            [3] = T("Training mode always uses the minibatch statistics; "
                    .. "the running (moving) averages are used only in "
                    .. "evaluation mode, and only when you switch to it "
                    .. "(step 3). Nothing switches by itself.",
                    "训练模式总是用小批量的统计量；移动平均只在推理模式下使用，"
                    .. "而且要由你切换过去（第 3 步）。它不会自己切换。"),
          },
        }
      end,
    },
    {
      title = T("Try it yourself", "自己试试"),
      run = function(ui)
        ui:say(T(
          "Change the learning rate and the initial weight scale, and "
          .. "show the network without BN, with BN, or both. The networks are "
          .. "set up as in step 5; each change retrains them.",
          "调整学习率和初始权重尺度，选择显示不带 BN 的网络、带 BN 的网络，"
          .. "或两者都显示。网络按第 5 步的方式设置，每次改动都会重新训练。"))
        local again = same_start()
        ui:explore {
          params = {
            { name = "lg_lr", min = -2, max = 1.5, step = 0.25, value = 0,
              label = T("log₁₀ lr", "log₁₀ 学习率") },
            { name = "lg_scale", min = -1, max = 1, step = 0.5, value = 0,
              label = T("log₁₀ scale", "log₁₀ 尺度") },
            { name = "bn", choices = { "without", "with", "both" }, value = "both",
              labels = { without = T("without BN", "无 BN"), with = T("with BN", "有 BN"),
                         both = T("both", "两者") },
              label = T("show", "显示") },
          },
          draw = function(p)
            local lr, scale = 10 ^ p.lg_lr, 10 ^ p.lg_scale
            local xs = steps_axis(NET.steps)
            local series, parts = {}, {}
            for _, use in ipairs { false, true } do
              if p.bn == "both" or (p.bn == "with") == use then
                again()
                local r = bn.train(net { bn = use, lr = lr,
                                         init_scale = scale, record = 2 })
                local name = use and WITH_BN or NO_BN
                series[#series + 1] = { name = name, x = xs,
                                        y = smooth(r.loss, 10) }
                parts[#parts + 1] = ("%s %s"):format(nnt.tr(name),
                                                     fmt(r.final_loss, 3))
              end
            end
            series[#series + 1] = hline(CHANCE_NAME, CHANCE, 1, NET.steps)
            ui:chart { kind = "line", ylog = true, series = series,
                       title = T(("lr %s, scale %s: %s")
                                   :format(fmt(lr, 3), fmt(scale),
                                           table.concat(parts, ", ")),
                                 ("学习率 %s，尺度 %s：%s")
                                   :format(fmt(lr, 3), fmt(scale),
                                           table.concat(parts, "，"))),
                       xlabel = T("SGD step", "SGD 步数"),
                       ylabel = T("loss (10-batch mean)", "损失（10 批平均）") }
          end,
        }
      end,
    },
    {
      title = T("Back to the written answer", "回到作业答案"),
      run = function(ui)
        ui:say(T(
          "A typical answer to A2.6 says BN allows larger learning rates, "
          .. "speeds learning up, reduces the dependence on initialisation "
          .. "and helps generalisation somewhat; it normalises each batch to "
          .. "mean 0 and variance 1 and then scales and shifts. Checked "
          .. "against the experiments:\n\n"
          .. "- **Right**: faster training (step 5), a wider range of usable "
          .. "learning rates (step 7), robustness to the initial weight "
          .. "scale (step 8, because BN(a·Wx) = BN(Wx)).\n"
          .. "- **Sharpen**: after BN the mean is β and the **standard "
          .. "deviation** is |γ| (variance γ²), not 'mean β, variance γ'. "
          .. "And γ, β do not 'keep the original distribution': they can "
          .. "restore one batch exactly (γ = σ_B, β = μ_B) but are free to "
          .. "learn any other scale and shift.\n"
          .. "- **Sharpen**: 'larger learning rates' is not what our sweep "
          .. "shows: BN made more rates usable, mostly small ones, while both "
          .. "nets blew up at about the same top rate (step 7).\n"
          .. "- **Generalisation**: each example's output depends on the "
          .. "random batch it lands in, a small noise that can act as a "
          .. "regulariser (Ioffe & Szegedy could remove dropout). This "
          .. "lesson does not measure it: step 5's higher held-out accuracy "
          .. "comes with a lower training loss, so it shows faster training, "
          .. "not a smaller train/test gap.\n"
          .. "- **How it works**, the part the answer leaves out: not mainly "
          .. "less internal covariate shift, but a smoother landscape in "
          .. "which the gradient stays predictive over longer steps "
          .. "(Santurkar et al. 2018), plus the scale invariance that makes "
          .. "the effective learning rate α/‖W‖² (step 8).\n"
          .. "- **Missing**: BN needs a batch. With K = 1 it erases the "
          .. "signal, with small K its statistics are noisy (step 2); layer "
          .. "normalisation does not depend on the batch.",
          "A2.6 的一份典型答案写道：BN 允许更大的学习率、加快学习、减轻对"
          .. "初始化的依赖、在一定程度上提高泛化能力；它把每个批量归一化为均值 "
          .. "0、方差 1，再做缩放和平移。对照上面的实验：\n\n"
          .. "- **说对了**：训练更快（第 5 步）、可用的学习率范围更宽（第 7 "
          .. "步）、对权重尺度不敏感（第 8 步，因为 BN(a·Wx) = BN(Wx)）。\n"
          .. "- **要更准确**：BN 之后均值是 β，**标准差**是 |γ|（方差是 γ²），"
          .. "而不是“均值为 β、方差为 γ”。γ、β 也不是“维持数据的原始分布”："
          .. "它们能把一个批精确地恢复原样（γ = σ_B，β = μ_B），但可以学成任何别的"
          .. "尺度和平移。\n"
          .. "- **要更准确**：我们的扫描并没有显示“更大的学习率”：BN 让更多的学习率"
          .. "可用（多在小的一端），而两个网络在差不多相同的最大学习率处发散（第 7 步）。\n"
          .. "- **泛化**：每个样本的输出取决于它被随机分到哪个批，这点噪声能起到"
          .. "一定的正则化作用（Ioffe 和 Szegedy 因此去掉了 dropout）。本课没有测量"
          .. "这一点：第 5 步留出集准确率更高，同时训练损失也更低，所以它说明的是训练"
          .. "更快，而不是训练/测试差距更小。\n"
          .. "- **它是怎么起作用的**，答案里缺了这一部分：主要不是减少了内部"
          .. "协变量偏移，而是让损失地形更平滑，梯度在更长的一步里仍然可靠"
          .. "（Santurkar 等人 2018），再加上尺度不变性使有效学习率为 α/‖W‖²（第 8 步）。\n"
          .. "- **缺了的**：BN 需要一个批。K = 1 时它把信号抹掉，K 很小时统计量噪声大"
          .. "（第 2 步）；层归一化不依赖批。"))
      end,
    },
  },
}
