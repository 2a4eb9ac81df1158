-- SPDX-License-Identifier: MIT
-- Lesson A2.4: minimising cross-entropy is maximum likelihood.  The chain
-- argmax ∏p = argmax Σ log p = argmax (1/N) Σ log p done right (and why
-- logs: the product underflows), −log P(y|x) is the binary or softmax
-- cross-entropy, average NLL = CE = KL + H, and MSE's vanishing gradient
-- on a saturated sigmoid against CE's.
local loss = nnt.plugin "loss"

local DATA_SEED = 2404          -- one data set for every step
local N, SEP = 200, 1

-- Reseeds to data set k of this run: the same in every step, and a new
-- one for every --seed.
local function reseed(k)
  nnt.seed(nnt.lesson_seed * 7919 + DATA_SEED + k)
end

-- Returns the Bernoulli sweep of P(y = 1 | x) = σ(w·x) on the lesson's
-- data (the same in every step unless n differs).
local function bernoulli(n)
  reseed(0)
  return loss.bernoulli_sweep { n = n or N, sep = SEP, noise = 1,
                                w_min = -1, w_max = 5, steps = 121 }
end

-- Returns σ(z).
local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

-- Returns the die experiment: 200 rolls of a loaded four-sided die and a
-- model q halfway between uniform and the observed frequencies.
local function die(t)
  reseed(1)
  return loss.categorical { k = 4, n = 200, t = t or 0.5,
                            p_true = { 0.1, 0.2, 0.3, 0.4 } }
end

-- Returns the empirical distribution p̂ of labels 0 .. k−1 (the observed
-- frequencies), counted here from the rolls.
local function frequencies(labels, k)
  local p = {}
  for j = 1, k do p[j] = 0 end
  for i = 1, #labels do p[labels[i] + 1] = p[labels[i] + 1] + 1 / #labels end
  return p
end

-- Returns −(1/N) Σ_i log q(y_i), roll by roll.
local function avg_nll(labels, q)
  local t = 0
  for i = 1, #labels do t = t - math.log(q[labels[i] + 1]) end
  return t / #labels
end

-- Returns −Σ_k p_k log q_k (terms with p_k = 0 count 0).
local function cross_entropy(p, q)
  local t = 0
  for k = 1, #p do if p[k] > 0 then t = t - p[k] * math.log(q[k]) end end
  return t
end

-- Returns softmax(θ).
local function softmax(theta)
  local m, s, q = -math.huge, 0, {}
  for k = 1, #theta do m = math.max(m, theta[k]) end
  for k = 1, #theta do q[k] = math.exp(theta[k] - m); s = s + q[k] end
  for k = 1, #theta do q[k] = q[k] / s end
  return q
end

-- Returns the q = softmax(θ) that minimises the average NLL of the rolls,
-- found by gradient descent on θ from uniform with gradients by central
-- differences of avg_nll: it never looks at the frequencies.
local function mle_search(labels, k)
  local theta, h = {}, 1e-5
  for j = 1, k do theta[j] = 0 end
  for _ = 1, 400 do
    local g = {}
    for j = 1, k do
      local t0 = theta[j]
      theta[j] = t0 + h; local up = avg_nll(labels, softmax(theta))
      theta[j] = t0 - h; local dn = avg_nll(labels, softmax(theta))
      theta[j] = t0
      g[j] = (up - dn) / (2 * h)
    end
    for j = 1, k do theta[j] = theta[j] - 2 * g[j] end
  end
  return softmax(theta)
end

-- The exercises: the binary cross-entropy on a logit and the softmax
-- cross-entropy on a list of scores, both numerically stable (they must
-- not overflow for scores like ±800); the stubs are the literal formulas.
local exercises = {
  {
    name = "bce_logits",
    title = { en = "Binary cross-entropy on a logit, stably", zh = "基于 logit 的数值稳定二元交叉熵" },
    statement = {
      en = "In Logistic regression (nndl §3.2) the model computes a logit z = wᵀx "
        .. "and predicts ŷ = σ(z) = 1/(1 + e^(−z)) with the Logistic function σ. "
        .. "For a label y the loss is the cross-entropy\n\n"
        .. "ℓ(z, y) = −[y log σ(z) + (1 − y) log(1 − σ(z))]\n\n"
        .. "Computed literally, it breaks for large |z|: in double precision σ(50) "
        .. "is exactly 1, so log(1 − σ) = log 0 = −∞, and 0·(−∞) is nan. Rearrange "
        .. "it so that nothing overflows and the result is right for every finite z.\n\n"
        .. "Write `bce_logits(z, y)`:\n"
        .. "- `z`: the logit, any real number (also ±50 and ±800)\n"
        .. "- `y`: the label, 0 or 1, or a soft label in [0, 1] (then ℓ is the "
        .. "cross-entropy between Bernoulli(y) and Bernoulli(σ(z)))\n"
        .. "- returns ℓ(z, y): one number\n\n"
        .. "The stub is the literal formula. Run it first and see which cases fail.",
      zh = "Logistic 回归（nndl §3.2）先算出 logit（对数几率）z = wᵀx，再用 Logistic 函数 σ "
        .. "给出预测 ŷ = σ(z) = 1/(1 + e^(−z))。对标签 y，损失是交叉熵\n\n"
        .. "ℓ(z, y) = −[y log σ(z) + (1 − y) log(1 − σ(z))]\n\n"
        .. "照字面计算，|z| 很大时就会出错：双精度下 σ(50) 恰好等于 1，于是 "
        .. "log(1 − σ) = log 0 = −∞，而 0·(−∞) 得到 nan。请把它改写成数值稳定的形式："
        .. "任何有限的 z 都不溢出，结果都正确。\n\n"
        .. "编写 `bce_logits(z, y)`：\n"
        .. "- `z`：logit，任意实数（包括 ±50 和 ±800）\n"
        .. "- `y`：标签，0 或 1，也可以是 [0, 1] 中的软标签（此时 ℓ 是伯努利分布 "
        .. "Bernoulli(y) 与 Bernoulli(σ(z)) 之间的交叉熵）\n"
        .. "- 返回 ℓ(z, y)：一个数\n\n"
        .. "初始代码就是照字面写的公式。先运行它，看看哪些用例失败。",
    },
    stub = {
      en = [[
function bce_logits(z, y)
  -- z: the logit z = wᵀx; y: the label, 0 or 1 (or a soft label in [0, 1])
  -- The cross-entropy written literally: right for moderate z,
  -- wrong (inf or nan) for z = 50 or z = -800. Make it stable.
  local p = 1 / (1 + math.exp(-z))          -- ŷ = σ(z)
  return -(y * math.log(p) + (1 - y) * math.log(1 - p))
end
]],
      zh = [[
function bce_logits(z, y)
  -- z：logit z = wᵀx；y：标签，0 或 1（或 [0, 1] 中的软标签）
  -- 照字面写的交叉熵：z 不大时正确，
  -- z = 50 或 z = -800 时出错（inf 或 nan）。请把它改成数值稳定的。
  local p = 1 / (1 + math.exp(-z))          -- ŷ = σ(z)
  return -(y * math.log(p) + (1 - y) * math.log(1 - p))
end
]],
    },
    solution = [[
function bce_logits(z, y)
  -- max(z, 0) − z·y + log(1 + e^(−|z|)): the exponent is never positive,
  -- so nothing overflows, and 1 + e^(−|z|) lies in (1, 2]: no log 0.
  return math.max(z, 0) - z * y + math.log(1 + math.exp(-math.abs(z)))
end
]],
    hints = {
      { en = "Write both logs in terms of z. Since σ(z) = 1/(1 + e^(−z)) and "
          .. "1 − σ(z) = e^(−z)/(1 + e^(−z)), we get "
          .. "log σ(z) = −log(1 + e^(−z)) and log(1 − σ(z)) = −z − log(1 + e^(−z)). "
          .. "Put them into ℓ: the loss becomes (1 − y)·z + log(1 + e^(−z)). No σ left, "
          .. "but one exponential: for which z does it overflow?",
        zh = "把两个对数都用 z 表示。由于 σ(z) = 1/(1 + e^(−z))，1 − σ(z) = e^(−z)/(1 + e^(−z))，可得 "
          .. "log σ(z) = −log(1 + e^(−z))，log(1 − σ(z)) = −z − log(1 + e^(−z))。"
          .. "代入 ℓ，损失变成 (1 − y)·z + log(1 + e^(−z))。σ 没有了，但还剩一个指数："
          .. "z 取什么值时它会溢出？" },
      { en = "e^(−z) overflows for z below about −710. For negative z use "
          .. "log(1 + e^(−z)) = −z + log(1 + e^z). Both cases together: "
          .. "log(1 + e^(−z)) = max(−z, 0) + log(1 + e^(−|z|)), whose exponent is never "
          .. "positive. So ℓ = max(z, 0) − z·y + log(1 + e^(−|z|)).",
        zh = "z 小于约 −710 时 e^(−z) 会溢出。z 为负时改用 log(1 + e^(−z)) = −z + log(1 + e^z)。"
          .. "两种情况合起来：log(1 + e^(−z)) = max(−z, 0) + log(1 + e^(−|z|))，"
          .. "其中的指数永远不为正。于是 ℓ = max(z, 0) − z·y + log(1 + e^(−|z|))。" },
      { en = "In Lua: `return math.max(z, 0) - z * y + math.log(1 + math.exp(-math.abs(z)))`.",
        zh = "用 Lua 写：`return math.max(z, 0) - z * y + math.log(1 + math.exp(-math.abs(z)))`。" },
    },
    -- The plugin's bce_logits (it uses log1p; the same to far below tol).
    reference = function(z, y)
      return loss.compute { loss = "bce_logits", pred = { z }, target = { y } }.loss
    end,
    cases = {
      { 0, 1 }, { 0, 0 }, { 0, 0.5 },               -- log 2 whatever the label
      { 50, 1 }, { 50, 0 },                         -- σ(50) is 1 in double precision
      { -50, 1 }, { -50, 0 },
      { 800, 1 }, { 800, 0 },                       -- e^800 overflows
      { -800, 1 }, { -800, 0 },
      { 800, 0.25 }, { -800, 0.25 },                -- soft labels: 600 and 200
      { 3, 0.3 }, { -2, 1 },
    },
    random = function(R)
      local z = R.uniform(-40, 40)
      if R.int(1, 4) == 1 then z = 20 * z end       -- sometimes far out: ±800
      local kind = R.int(0, 2)                      -- 0, 1, or a soft label
      return { z, kind == 2 and R.uniform(0, 1) or kind }
    end,
  },
  {
    name = "softmax_ce",
    title = { en = "Softmax cross-entropy, stably", zh = "数值稳定的 Softmax 交叉熵" },
    statement = {
      en = "In Softmax regression (nndl §3.3) the model gives C scores z_1 … z_C and "
        .. "P(y = c | x) = softmax(z)_c = e^(z_c) / Σ_j e^(z_j). With a one-hot label y "
        .. "the cross-entropy −yᵀlog ŷ keeps only the true class c, so it is the "
        .. "negative log-likelihood\n\n"
        .. "ℓ(z, c) = −log softmax(z)_c = log Σ_j e^(z_j) − z_c\n\n"
        .. "Computed literally this fails for large scores: e^1000 is ∞ in double "
        .. "precision and e^(−1000) is 0. Make it numerically stable.\n\n"
        .. "Write `softmax_ce(z, c)`:\n"
        .. "- `z`: a list of C ≥ 2 scores, any real numbers (also ±1000)\n"
        .. "- `c`: the true class, an index 1 … C (Lua counts from 1)\n"
        .. "- returns ℓ(z, c): one number",
      zh = "Softmax 回归（nndl §3.3）中，模型给出 C 个分数 z_1 … z_C，"
        .. "P(y = c | x) = softmax(z)_c = e^(z_c) / Σ_j e^(z_j)。标签 y 是 one-hot 向量时，"
        .. "交叉熵 −yᵀlog ŷ 只剩下真实类别 c 这一项，也就是负对数似然\n\n"
        .. "ℓ(z, c) = −log softmax(z)_c = log Σ_j e^(z_j) − z_c\n\n"
        .. "照字面计算，分数很大时会出错：双精度下 e^1000 是 ∞，e^(−1000) 是 0。"
        .. "请把它写成数值稳定的形式。\n\n"
        .. "编写 `softmax_ce(z, c)`：\n"
        .. "- `z`：含 C ≥ 2 个分数的列表，任意实数（包括 ±1000）\n"
        .. "- `c`：真实类别，下标 1 … C（Lua 从 1 开始计数）\n"
        .. "- 返回 ℓ(z, c)：一个数",
    },
    stub = {
      en = [[
function softmax_ce(z, c)
  -- z: a list of C scores; c: the true class, 1 .. C
  -- The formula written literally: log Σ_j e^(z_j) − z_c.
  -- Right for small scores, wrong for z = {1000, 0, 0} (inf)
  -- and for z = {-1000, -1000} (-inf).
  local s = 0
  for j = 1, #z do
    s = s + math.exp(z[j])
  end
  return math.log(s) - z[c]
end
]],
      zh = [[
function softmax_ce(z, c)
  -- z：含 C 个分数的列表；c：真实类别，1 .. C
  -- 照字面写的公式：log Σ_j e^(z_j) − z_c。
  -- 分数小时正确，z = {1000, 0, 0} 时出错（inf），
  -- z = {-1000, -1000} 时也出错（-inf）。
  local s = 0
  for j = 1, #z do
    s = s + math.exp(z[j])
  end
  return math.log(s) - z[c]
end
]],
    },
    solution = [[
function softmax_ce(z, c)
  local m = -math.huge                -- the largest score
  for j = 1, #z do
    if z[j] > m then m = z[j] end
  end
  local s = 0                         -- Σ_j e^(z_j − m): every exponent ≤ 0,
  for j = 1, #z do                    -- and one term is e^0 = 1, so s ≥ 1
    s = s + math.exp(z[j] - m)
  end
  return m + math.log(s) - z[c]       -- log Σ_j e^(z_j) = m + log s
end
]],
    hints = {
      { en = "softmax does not change when the same number m is subtracted from every "
          .. "score: e^(z_c − m) / Σ_j e^(z_j − m) = e^(z_c) / Σ_j e^(z_j). So for any m, "
          .. "log Σ_j e^(z_j) = m + log Σ_j e^(z_j − m). Which m keeps every exponent safe?",
        zh = "把每个分数都减去同一个数 m，softmax 不变：e^(z_c − m) / Σ_j e^(z_j − m) = "
          .. "e^(z_c) / Σ_j e^(z_j)。所以对任何 m，log Σ_j e^(z_j) = m + log Σ_j e^(z_j − m)。"
          .. "取哪个 m 能让每个指数都安全？" },
      { en = "Take m = max_j z_j. Then every z_j − m ≤ 0, so nothing overflows, and the "
          .. "largest term is e^0 = 1, so the sum is at least 1 and its log is never −∞. "
          .. "Return m + log Σ_j e^(z_j − m) − z_c, and do not take the log of "
          .. "softmax(z)_c itself: a probability like e^(−1000) rounds to 0, and log 0 = −∞.",
        zh = "取 m = max_j z_j。这样每个 z_j − m ≤ 0，不会上溢；最大的一项是 e^0 = 1，"
          .. "所以和至少为 1，取对数不会得到 −∞。返回 m + log Σ_j e^(z_j − m) − z_c；"
          .. "不要先算出 softmax(z)_c 再取对数：像 e^(−1000) 这样的概率会被舍入成 0，"
          .. "而 log 0 = −∞。" },
    },
    -- The plugin's softmax_ce (classes 0 .. C−1 there).
    reference = function(z, c)
      return loss.compute { loss = "softmax_ce", scores = { z }, target = { c - 1 } }.loss
    end,
    cases = {
      { { 0, 0 }, 1 }, { { 0, 0, 0 }, 3 },              -- log 2, log 3
      { { 1000, 0, 0 }, 1 }, { { 1000, 0, 0 }, 2 },    -- e^1000 overflows
      { { -1000, -1000, -1000 }, 2 },                  -- every e^(z_j) underflows to 0
      { { 800, 800 }, 2 },                             -- log 2
      { { -5, 700, 3, 710 }, 2 },                      -- e^710 overflows, e^700 does not
      { { 2, 1, 0.5 }, 1 }, { { 2, 1, 0.5 }, 3 },
    },
    random = function(R)
      local k = R.int(2, 6)
      local z = R.vector(k, -10, 10)
      if R.int(1, 4) == 1 then                        -- sometimes far out: ±1000
        for j = 1, k do z[j] = 100 * z[j] end
      end
      return { z, R.int(1, k) }
    end,
  },
}

return nnt.lesson {
  id = "a2_4",
  title = { en = "A2.4 Cross-entropy = maximum likelihood", zh = "A2.4 交叉熵即最大似然" },
  summary = { en = "Bernoulli and categorical likelihoods, the chain argmax ∏p = argmax Σ log p done right, CE = KL + H, and why CE's gradient does not vanish.",
              zh = "伯努利与类别分布的似然，正确写出 argmax ∏p = argmax Σ log p 的推导链，CE = KL + H，以及交叉熵的梯度为何不会消失。" },
  seed = 24,
  exercises = exercises,
  -- The written answer to exercise A2.4, as a strong student would hand it in.
  answer = {
    en = "**Setup.** A training set {(x_i, y_i)}, i = 1 … N, drawn independently, "
      .. "and a classifier with parameters θ that outputs a distribution over the "
      .. "C classes, ŷ = f(x; θ): Logistic regression ŷ = σ(wᵀx) for two classes "
      .. "(nndl §3.2), Softmax regression for C classes (§3.3). The model is of the "
      .. "**conditional** distribution of the label, p(y | x; θ) = f_y(x; θ); the "
      .. "inputs are given, not modelled. (Starting from ∏ p(x_i | θ), the "
      .. "probability of the inputs, is density estimation, a different problem.)\n\n"
      .. "**From the likelihood to the NLL.** By independence L(θ) = ∏ p(y_i | x_i; θ), and\n\n"
      .. "argmax L(θ) = argmax Σ log p(y_i | x_i; θ) = argmax (1/N) Σ log p(y_i | x_i; θ) "
      .. "= argmin −(1/N) Σ log p(y_i | x_i; θ)\n\n"
      .. "- first: log is strictly increasing, and log ∏ = Σ log\n"
      .. "- second: multiplying by the constant 1/N > 0 keeps the order\n"
      .. "- third: negating turns a maximum into a minimum\n\n"
      .. "These are equalities of **maximisers**, not of values. The line "
      .. "∏ p = (1/N) Σ log p that some written answers contain is false: a product of "
      .. "probabilities is positive, an average of their logs is ≤ 0. Step 2's two "
      .. "charts peak at the same w with different values, and step 3 shows why "
      .. "one uses the logs at all: with 5000 points the product "
      .. "underflows to 0 for every w.\n\n"
      .. "**The NLL is the cross-entropy.** Write the label as a one-hot vector y. "
      .. "The cross-entropy loss of §2.2.2 is L(y, f(x; θ)) = −yᵀlog f(x; θ) = "
      .. "−log f_y(x; θ) = −log p(y | x; θ); for two classes it is "
      .. "−[y log ŷ + (1 − y) log(1 − ŷ)]. Hence\n\n"
      .. "−(1/N) Σ log p(y_i | x_i; θ) = (1/N) Σ L(y_i, f(x_i; θ))\n\n"
      .. "term by term: the average NLL **is** the mean cross-entropy loss, so "
      .. "minimising the one maximises the likelihood (steps 4 and 5 compute both "
      .. "sides separately and agree to rounding).\n\n"
      .. "**The distribution view, and a correction.** Let p̂ be the empirical "
      .. "distribution of the sample (the observed frequencies). Grouping equal "
      .. "terms gives, exactly, −(1/N) Σ log q(y_i) = −Σ_k p̂(k) log q(k) = H(p̂, q) "
      .. "= KL(p̂ ‖ q) + H(p̂); with inputs, the same holds for p̂(y | x) averaged "
      .. "over the sample's x. H(p̂) does not depend on θ, so maximum likelihood "
      .. "minimises KL(p̂ ‖ q) ≥ 0, which is 0 only at q = p̂ (step 6's curve "
      .. "bottoms out at H(p̂), and a search over q lands on the frequencies, step "
      .. "10). The written answer's step “the samples follow the true "
      .. "distribution, so (1/N) Σ log p = E_{p_data} log p” is exact only with "
      .. "p̂ in place of p_data; with the true p_data it holds in the limit of "
      .. "many samples (law of large numbers).\n\n"
      .. "**Why CE, not MSE, on a sigmoid output.** The gradient of the "
      .. "cross-entropy with respect to the logit is ŷ − y; the MSE's carries an "
      .. "extra factor σ(z)(1 − σ(z)) that vanishes when the unit saturates on a "
      .. "wrong answer (step 8's chart).",
    zh = "**设定。** 训练集 {(x_i, y_i)}，i = 1 … N，独立抽取；参数为 θ 的分类器给出 "
      .. "C 个类别上的分布 ŷ = f(x; θ)：两类时是 Logistic 回归 ŷ = σ(wᵀx)（nndl §3.2），"
      .. "C 类时是 Softmax 回归（§3.3）。模型描述的是标签的**条件**分布 "
      .. "p(y | x; θ) = f_y(x; θ)；输入是给定的，不被建模。（从输入的概率 ∏ p(x_i | θ) "
      .. "出发做的是密度估计，是另一个问题。）\n\n"
      .. "**从似然到负对数似然。** 由独立性 L(θ) = ∏ p(y_i | x_i; θ)，且\n\n"
      .. "argmax L(θ) = argmax Σ log p(y_i | x_i; θ) = argmax (1/N) Σ log p(y_i | x_i; θ) "
      .. "= argmin −(1/N) Σ log p(y_i | x_i; θ)\n\n"
      .. "- 第一个等号：log 严格递增，且 log ∏ = Σ log\n"
      .. "- 第二个等号：乘以常数 1/N > 0 不改变大小顺序\n"
      .. "- 第三个等号：取相反数把最大变成最小\n\n"
      .. "这些是**最大值点**相等，而不是数值相等。有些书面答案写的 ∏ p = (1/N) Σ log p "
      .. "是错的：概率之积是正数，它们对数的平均值 ≤ 0。第 2 步的两张图在同一个 w 处"
      .. "达到最大，数值却不同；第 3 步说明为什么要取对数：有 5000 个点时，乘积对每个 w "
      .. "都下溢成 0。\n\n"
      .. "**负对数似然就是交叉熵。** 把标签写成 one-hot 向量 y。§2.2.2 的交叉熵损失为 "
      .. "L(y, f(x; θ)) = −yᵀlog f(x; θ) = −log f_y(x; θ) = −log p(y | x; θ)；两类时就是 "
      .. "−[y log ŷ + (1 − y) log(1 − ŷ)]。因此\n\n"
      .. "−(1/N) Σ log p(y_i | x_i; θ) = (1/N) Σ L(y_i, f(x_i; θ))\n\n"
      .. "逐项相等：平均负对数似然**就是**平均交叉熵损失，最小化前者就是最大化似然"
      .. "（第 4、5 步把两边分开计算，在舍入误差内一致）。\n\n"
      .. "**分布的观点，以及一处修正。** 记 p̂ 为样本的经验分布（观测频率）。"
      .. "把相同的项归并，严格地有 −(1/N) Σ log q(y_i) = −Σ_k p̂(k) log q(k) = H(p̂, q) "
      .. "= KL(p̂ ‖ q) + H(p̂)；有输入时，对 p̂(y | x) 在样本的 x 上取平均，结论相同。"
      .. "H(p̂) 与 θ 无关，所以最大似然估计就是最小化 KL 散度 KL(p̂ ‖ q) ≥ 0，"
      .. "它只在 q = p̂ 时为 0（第 6 步的曲线在 H(p̂) 处最低；第 10 步对 q 的搜索停在观测频率上）。"
      .. "书面答案中“抽样服从真实分布，所以 (1/N) Σ log p = E_{p_data} log p”这一步，"
      .. "只有把 p_data 换成 p̂ 才严格成立；对真实的 p_data，它在样本数趋于无穷时成立"
      .. "（大数定律）。\n\n"
      .. "**为什么 sigmoid 输出上用交叉熵而不用 MSE。** 交叉熵对 logit 的梯度是 ŷ − y；"
      .. "MSE 的梯度多一个因子 σ(z)(1 − σ(z))，当单元饱和在错误答案上时它趋于 0"
      .. "（第 8 步的图）。",
  },
  steps = {
    {
      title = { en = "Classification as a likelihood", zh = "把分类看成似然" },
      run = function(ui)
        local r = bernoulli()
        local i = nnt.argmax(r.mean_loglik)
        local w = r.x[i]
        local xs = nnt.linspace(-4, 4, 101)
        local mean_p = 0
        for k = 1, #r.data_x do
          local p = sigmoid(w * r.data_x[k])
          mean_p = mean_p + (r.data_y[k] > 0.5 and p or 1 - p) / #r.data_x
        end
        ui:say {
          en = "Exercise A2.4 of nndl (邱锡鹏《神经网络与深度学习》): show that, in "
            .. "classification, minimising the cross-entropy loss is the same as "
            .. "maximising the likelihood.\n\n"
            .. "The book's pieces: §2.2.2 defines the cross-entropy loss for a label "
            .. "written as a one-hot vector y (1 for the true class c, 0 elsewhere) "
            .. "and a predicted distribution ŷ = f(x; θ): L(y, f(x; θ)) = −yᵀlog f(x; θ) "
            .. "= −log f_c(x; θ); §3.2 is Logistic regression (two classes, the Logistic "
            .. "function σ), §3.3 Softmax regression (C classes). We use that notation.\n\n"
            .. "A classifier gives probabilities. With two classes, "
            .. "P(y = 1 | x) = p = σ(w·x + b), and a label y ∈ {0, 1} has probability\n\n"
            .. "P(y | x) = p^y · (1 − p)^(1 − y)     (Bernoulli: p if y = 1, 1 − p if y = 0)\n\n"
            .. "The data: 200 points, y = 0 around x = −1 and y = 1 around x = +1. "
            .. "We keep b = 0 and vary the weight w.",
          zh = "nndl（邱锡鹏《神经网络与深度学习》）习题 A2.4：证明在分类问题中，"
            .. "最小化交叉熵损失等价于最大化似然。\n\n"
            .. "教材中的相关内容：§2.2.2 定义了交叉熵损失——标签写成 one-hot 向量 y"
            .. "（真实类别 c 处为 1，其余为 0），预测分布为 ŷ = f(x; θ)，"
            .. "L(y, f(x; θ)) = −yᵀlog f(x; θ) = −log f_c(x; θ)；§3.2 是 Logistic 回归"
            .. "（两类，Logistic 函数 σ），§3.3 是 Softmax 回归（C 类）。本课沿用这套记号。\n\n"
            .. "分类器给出的是概率。两类时，P(y = 1 | x) = p = σ(w·x + b)，"
            .. "标签 y ∈ {0, 1} 的概率是\n\n"
            .. "P(y | x) = p^y · (1 − p)^(1 − y)     （伯努利分布：y = 1 时为 p，y = 0 时为 1 − p）\n\n"
            .. "数据：200 个点，y = 0 的在 x = −1 附近，y = 1 的在 x = +1 附近。"
            .. "我们固定 b = 0，只改变权重 w。",
        }
        ui:chart { kind = "line", xlabel = "x", ylabel = "y, P(y = 1 | x)", yrange = { -0.05, 1.05 },
                   title = { en = ("Data and the most likely model, w = %s"):format(nnt.fmt(w)),
                             zh = ("数据与似然最大的模型，w = %s"):format(nnt.fmt(w)) },
                   series = { { name = { en = "data", zh = "数据" }, x = r.data_x, y = r.data_y, style = "points" },
                              { name = "σ(w·x)", x = xs, y = nnt.map(xs, function(x) return sigmoid(w * x) end) } } }
        ui:claim({
          en = ("At w = %s the model gives the observed labels an average probability of %s, better than a coin's 0.5.")
            :format(nnt.fmt(w), nnt.fmt(mean_p, 3)),
          zh = ("在 w = %s 处，模型给观测到的标签的平均概率是 %s，好于抛硬币的 0.5。")
            :format(nnt.fmt(w), nnt.fmt(mean_p, 3)),
        }, mean_p > 0.5)
      end,
    },
    {
      title = { en = "The chain, done right", zh = "把推导链写对" },
      run = function(ui)
        local r = bernoulli()
        ui:say {
          en = "The points are independent, so the likelihood of the data set is "
            .. "a product, L(w) = ∏ P(y_i | x_i). Note what is being modelled: a "
            .. "classifier gives the **conditional** probability of the label given "
            .. "the input, p(y_i | x_i, θ). A written answer that starts from "
            .. "∏ p(x_i | θ), the probability of the inputs, is doing density "
            .. "estimation, a different problem; for classification every p below is "
            .. "p(y_i | x_i, θ). A common written answer then writes\n\n"
            .. "∏ p(x_i | θ) = (1/N) Σ log p(x_i | θ)      ✗\n\n"
            .. "That equation is false: the left side is a product (for class "
            .. "probabilities, a tiny positive number), the right side an average of "
            .. "logs (for class probabilities ≤ 1, a negative number; for densities, "
            .. "which can exceed 1, it can be positive). What is true is a chain of "
            .. "equal **maximisers**:",
          zh = "各点相互独立，所以整个数据集的似然是乘积 L(w) = ∏ P(y_i | x_i)。"
            .. "注意建模的对象：分类器给出的是已知输入时标签的**条件**概率 p(y_i | x_i, θ)。"
            .. "从 ∏ p(x_i | θ)（输入本身的概率）出发的写法做的是密度估计，是另一个问题；"
            .. "在分类问题中，下面每个 p 都是 p(y_i | x_i, θ)。常见的一种写法接着写成\n\n"
            .. "∏ p(x_i | θ) = (1/N) Σ log p(x_i | θ)      ✗\n\n"
            .. "这个等式是错的：左边是乘积（对类别概率而言是一个很小的正数），右边是对数的平均"
            .. "（类别概率 ≤ 1 时是负数；概率密度可以大于 1，这时它也可以是正数）。"
            .. "真正成立的是一串**最大值点**相等：",
        }
        ui:wait()
        ui:say {
          en = "argmax ∏ p(y_i | x_i, θ) = argmax Σ log p(y_i | x_i, θ) = argmax (1/N) Σ log p(y_i | x_i, θ)\n\n"
            .. "- first =: log is strictly increasing, and log ∏ = Σ log\n"
            .. "- second =: multiplying by the positive constant 1/N keeps the order\n\n"
            .. "The three functions have different values; they peak at the same θ.",
          zh = "argmax ∏ p(y_i | x_i, θ) = argmax Σ log p(y_i | x_i, θ) = argmax (1/N) Σ log p(y_i | x_i, θ)\n\n"
            .. "- 第一个等号：log 严格递增，而且 log ∏ = Σ log\n"
            .. "- 第二个等号：乘以正的常数 1/N 不改变大小顺序\n\n"
            .. "这三个函数的值各不相同，却在同一个 θ 处取到最大。",
        }
        ui:chart { kind = "line", ylog = true, xlabel = "w", ylabel = "∏ P(y_i | x_i)",
                   title = { en = "The likelihood itself (log scale)", zh = "似然本身（对数坐标）" },
                   series = { { name = "L(w)", x = r.x, y = r.likelihood } } }
        ui:chart { kind = "line", xlabel = "w", ylabel = "(1/N) Σ log P(y_i | x_i)",
                   title = { en = "The average log-likelihood", zh = "平均对数似然" },
                   series = { { name = "(1/N) log L(w)", x = r.x, y = r.mean_loglik } } }
        -- (1/N) Σ log P(y_i | x_i) once more, here, with log σ(s) = −log(1 + e^(−s)).
        local dx, dy = r.data_x:totable(), r.data_y:totable()
        local mine = nnt.map(r.x, function(w)
          local t = 0
          for k = 1, #dx do
            local sgn = dy[k] > 0.5 and 1 or -1
            t = t - math.log(1 + math.exp(-sgn * w * dx[k]))
          end
          return t / #dx
        end)
        local im = nnt.argmax(mine)
        ui:claim({
          en = ("The product ∏ p (multiplied out), Σ log p, and (1/N) Σ log p (computed "
            .. "again in this lesson, by another formula) peak at w = %s, %s and %s, "
            .. "with values %s, %s and %s.")
            :format(nnt.fmt(r.w_lik), nnt.fmt(r.w_loglik), nnt.fmt(r.x[im]), nnt.fmt(r.lik_max, 3),
                    nnt.fmt(r.loglik[nnt.argmax(r.loglik)], 4), nnt.fmt(mine[im], 4)),
          zh = ("乘积 ∏ p（直接连乘）、Σ log p，以及（本课用另一个公式重新计算的）(1/N) Σ log p "
            .. "分别在 w = %s、%s 和 %s 处最大，最大值分别是 %s、%s 和 %s。")
            :format(nnt.fmt(r.w_lik), nnt.fmt(r.w_loglik), nnt.fmt(r.x[im]), nnt.fmt(r.lik_max, 3),
                    nnt.fmt(r.loglik[nnt.argmax(r.loglik)], 4), nnt.fmt(mine[im], 4)),
        }, r.w_lik == r.w_loglik and r.w_loglik == r.x[im])
        ui:claim({
          en = "And log of the largest likelihood equals the largest log-likelihood (to 1e-12).",
          zh = "并且，最大似然取对数恰好等于最大的对数似然（误差小于 1e-12）。",
        }, math.abs(math.log(r.lik_max) - r.loglik[nnt.argmax(r.loglik)])
           < 1e-12 * math.abs(r.loglik[nnt.argmax(r.loglik)]))
      end,
    },
    {
      title = { en = "Why logs: the product underflows", zh = "为什么取对数：乘积会下溢" },
      run = function(ui)
        local small, big = bernoulli(200), bernoulli(5000)
        ui:say {
          en = ("With 200 points the largest likelihood is already only %s. "
            .. "Each point multiplies in a factor below 1, so with 5000 points the "
            .. "product falls below what a double can hold: normal doubles stop at "
            .. "about 2.2e−308, below that precision drains away, the smallest "
            .. "positive double is about 4.9e−324, and anything under half of that "
            .. "is stored as 0. Here that happens for every w: the product cannot tell good weights from "
            .. "bad. The sum of logs has no such trouble."):format(nnt.fmt(small.lik_max, 2)),
          zh = ("200 个点时，最大的似然值就已经只有 %s。每个点都乘进一个小于 1 的因子，"
            .. "所以有 5000 个点时，乘积会小到双精度数存不下：正规双精度数最小约为 "
            .. "2.2e−308，再小就逐渐丢失精度；最小的正双精度数约为 4.9e−324，"
            .. "比它的一半还小的数就被存成 0。"
            .. "这里每个 w 都是如此：乘积再也分不出好坏。对数之和则没有这个问题。")
            :format(nnt.fmt(small.lik_max, 2)),
        }
        ui:chart { kind = "line", xlabel = "w", ylabel = "Σ log P(y_i | x_i)",
                   title = { en = "5000 points: the log-likelihood is fine", zh = "5000 个点：对数似然一切正常" },
                   series = { { name = "log L(w)", x = big.x, y = big.loglik } } }
        ui:claim({
          en = ("With 5000 points the product is exactly 0 at %d of %d weights, while the log-likelihood peaks clearly at w = %s (with 200 points: %s).")
            :format(big.lik_zero, #big.x, nnt.fmt(big.w_loglik), nnt.fmt(small.w_loglik)),
          zh = ("5000 个点时，%d 个权重中有 %d 个的乘积恰好为 0；而对数似然在 w = %s 处有清楚的最大值（200 个点时在 %s）。")
            :format(#big.x, big.lik_zero, nnt.fmt(big.w_loglik), nnt.fmt(small.w_loglik)),
        }, big.lik_zero == #big.x and small.lik_zero < #small.x
           and big.w_loglik > big.x[1] and big.w_loglik < big.x[#big.x])
      end,
    },
    {
      title = { en = "−log-likelihood is cross-entropy", zh = "负对数似然就是交叉熵" },
      run = function(ui)
        local r = bernoulli()
        local i = nnt.argmax(r.mean_loglik)
        local c = loss.compute { loss = "bce_logits", target = r.data_y,
                                 pred = nnt.map(r.data_x, function(x) return r.x[i] * x end) }
        ui:say {
          en = "Take −log of one point's probability:\n\n"
            .. "−log P(y | x) = −log(p^y (1 − p)^(1 − y)) = −[y log p + (1 − y) log(1 − p)]\n\n"
            .. "which is exactly the **binary cross-entropy** between the label and "
            .. "the prediction. Averaged over the data:\n\n"
            .. "−(1/N) log L(w) = (1/N) Σ BCE(p_i, y_i)\n\n"
            .. "so maximising the likelihood and minimising the mean BCE choose the "
            .. "same w. This program computed both separately: the likelihood from "
            .. "P(y_i | x_i) point by point, the BCE with the stable formula on "
            .. "logits that libraries use.",
          zh = "对一个点的概率取 −log：\n\n"
            .. "−log P(y | x) = −log(p^y (1 − p)^(1 − y)) = −[y log p + (1 − y) log(1 − p)]\n\n"
            .. "这正是标签与预测之间的**二元交叉熵**。对全部数据取平均：\n\n"
            .. "−(1/N) log L(w) = (1/N) Σ BCE(p_i, y_i)\n\n"
            .. "所以最大化似然与最小化平均 BCE 选出的是同一个 w。本程序把两者分开计算："
            .. "似然由每个点的 P(y_i | x_i) 逐点得到，BCE 则用各种库采用的、基于 logit 的稳定公式。",
        }
        ui:claim({
          en = ("Over all %d weights, mean BCE and −(1/N) log L differ by at most %s.")
            :format(#r.x, nnt.fmt(r.bce_gap, 2)),
          zh = ("在全部 %d 个权重上，平均 BCE 与 −(1/N) log L 的差最多为 %s。"):format(#r.x, nnt.fmt(r.bce_gap, 2)),
        }, r.bce_gap < 1e-12)
        ui:claim({
          en = ("At the best w, the BCE loss function gives %s and −(1/N) log L gives %s.")
            :format(nnt.fmt(c.loss, 12), nnt.fmt(-r.mean_loglik[i], 12)),
          zh = ("在最优 w 处，BCE 损失函数给出 %s，−(1/N) log L 给出 %s。")
            :format(nnt.fmt(c.loss, 12), nnt.fmt(-r.mean_loglik[i], 12)),
        }, math.abs(c.loss + r.mean_loglik[i]) < 1e-12)
        ui:say {
          en = "Why do libraries compute the BCE from the logit z and not from ŷ = σ(z)? "
            .. "Because in double precision σ(z) rounds to exactly 1 once z is above "
            .. "about 37, and e^(−z) overflows once z is below about −710; then a log of 0 "
            .. "gives −∞. See it for yourself in the exercise: the stub is the literal "
            .. "formula, and your task is to make it numerically stable.",
          zh = "为什么各种库用 logit z 而不是用 ŷ = σ(z) 来计算 BCE？因为在双精度下，"
            .. "z 大于约 37 时 σ(z) 会被舍入成恰好 1，z 小于约 −710 时 e^(−z) 会上溢；"
            .. "这时对 0 取对数得到 −∞。在练习里亲自看看：初始代码是照字面写的公式，"
            .. "你的任务是把它改成数值稳定的。",
        }
        ui:exercise "bce_logits"
      end,
    },
    {
      title = { en = "Many classes: softmax cross-entropy", zh = "多个类别：softmax 交叉熵" },
      run = function(ui)
        reseed(2)
        local d = loss.class_data { n = 90, classes = 3, dims = 2, sep = 2, noise = 0.8 }
        local W = { { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } }  -- class means: the weights
        for i = 1, #d.y do
          local k = d.y[i] + 1
          W[k][1], W[k][2], W[k][3] = W[k][1] + d.x[i], W[k][2] + d.x2[i], W[k][3] + 1
        end
        for k = 1, 3 do W[k] = { W[k][1] / W[k][3], W[k][2] / W[k][3] } end
        local scores, probs, cls = {}, {}, {}
        for i = 1, #d.y do
          local z, m, s = {}, -math.huge, 0
          for k = 1, 3 do
            z[k] = W[k][1] * d.X[i][1] + W[k][2] * d.X[i][2]
            m = math.max(m, z[k])
          end
          for k = 1, 3 do s = s + math.exp(z[k] - m) end
          scores[i] = z
          probs[i] = nnt.map(z, function(v) return math.exp(v - m) / s end)
          cls[i] = d.y[i]
        end
        local ce = loss.compute { loss = "softmax_ce", scores = scores, target = cls }
        local nll = loss.compute { loss = "categorical_nll", scores = probs, target = cls }
        local series = {}
        for k = 0, 2 do
          local xs, ys = {}, {}
          for i = 1, #d.y do
            if d.y[i] == k then xs[#xs + 1], ys[#ys + 1] = d.x[i], d.x2[i] end
          end
          series[#series + 1] = { name = { en = "class " .. k, zh = "类别 " .. k }, x = xs, y = ys,
                                  style = "points" }
        end
        ui:chart { kind = "scatter", series = series, xlabel = "x₁", ylabel = "x₂",
                   title = { en = "Three classes in the plane", zh = "平面上的三个类别" } }
        ui:say {
          en = "With K classes the model outputs scores z (logits) and "
            .. "P(y = k | x) = softmax(z)_k = e^(z_k) / Σ_j e^(z_j): a categorical "
            .. "distribution. Write the label as a one-hot vector y and ŷ = softmax(z): "
            .. "the book's cross-entropy −yᵀlog ŷ keeps only the true class, "
            .. "−yᵀlog ŷ = −log ŷ_y = −log P(y | x). So again −log P(y | x) = "
            .. "log Σ_j e^(z_j) − z_y, which is "
            .. "the softmax cross-entropy (CrossEntropyLoss in PyTorch). This program "
            .. "scored these 90 points with a simple linear model, z_k = μ_k · x with "
            .. "μ_k the mean of class k, and computed the loss both ways.",
          zh = "K 个类别时，模型输出分数 z（logits），P(y = k | x) = softmax(z)_k = "
            .. "e^(z_k) / Σ_j e^(z_j)：一个类别分布。把标签写成 one-hot 向量 y，ŷ = softmax(z)："
            .. "教材的交叉熵 −yᵀlog ŷ 只留下真实类别这一项，−yᵀlog ŷ = −log ŷ_y = −log P(y | x)。"
            .. "所以同样，−log P(y | x) = log Σ_j e^(z_j) − z_y，"
            .. "这正是 softmax 交叉熵（PyTorch 里的 CrossEntropyLoss）。本程序用一个简单的线性模型 "
            .. "z_k = μ_k · x（μ_k 是第 k 类的均值）给这 90 个点打分，并用两种方式计算了损失。",
        }
        ui:claim({
          en = ("Softmax CE on the logits: %s; average −log of the softmax probabilities: %s.")
            :format(nnt.fmt(ce.loss, 12), nnt.fmt(nll.loss, 12)),
          zh = ("对 logits 算 softmax 交叉熵：%s；对 softmax 概率取 −log 再平均：%s。")
            :format(nnt.fmt(ce.loss, 12), nnt.fmt(nll.loss, 12)),
        }, math.abs(ce.loss - nll.loss) < 1e-12)
        ui:exercise "softmax_ce"
      end,
    },
    {
      title = { en = "Cross-entropy = KL + entropy", zh = "交叉熵 = KL + 熵" },
      run = function(ui)
        local r = die()
        ui:say {
          en = "Why the name **cross-entropy**? Roll a loaded four-sided die 200 "
            .. "times. Let p̂_data be the observed frequencies and q a model. "
            .. "Grouping equal outcomes in the average NLL gives\n\n"
            .. "−(1/N) Σ_i log q(y_i) = −Σ_k p̂_data(k) log q(k) = CE(p̂_data, q)\n\n"
            .. "exactly, no approximation: the average over the sample **is** the "
            .. "expectation under p̂_data. And CE splits as\n\n"
            .. "CE(p̂_data, q) = KL(p̂_data ‖ q) + H(p̂_data)",
          zh = "为什么叫**交叉熵**？把一个不均匀的四面骰子掷 200 次。记观测到的频率为 p̂_data，"
            .. "模型为 q。把平均 NLL 中相同的结果归到一起，得到\n\n"
            .. "−(1/N) Σ_i log q(y_i) = −Σ_k p̂_data(k) log q(k) = CE(p̂_data, q)\n\n"
            .. "这是严格相等，没有近似：样本上的平均**就是**在 p̂_data 下的期望。而交叉熵可以拆成\n\n"
            .. "CE(p̂_data, q) = KL(p̂_data ‖ q) + H(p̂_data)",
        }
        local labels = r.labels:totable()
        local ph, q = frequencies(labels, 4), r.q:totable()
        local ce, h = cross_entropy(ph, q), cross_entropy(ph, ph)
        ui:claim({
          en = ("For q halfway between uniform and p̂_data: the average NLL over the 200 "
            .. "rolls is %s, the CE from the frequencies %s, and the loss plugin's KL + H "
            .. "= %s + %s = %s.")
            :format(nnt.fmt(r.nll, 12), nnt.fmt(ce, 12), nnt.fmt(r.kl, 6), nnt.fmt(r.entropy, 6),
                    nnt.fmt(r.kl + r.entropy, 12)),
          zh = ("q 取均匀分布与 p̂_data 的中点：200 次投掷的平均 NLL 为 %s，由频率算出的交叉熵为 %s，"
            .. "损失插件给出的 KL + H = %s + %s = %s。")
            :format(nnt.fmt(r.nll, 12), nnt.fmt(ce, 12), nnt.fmt(r.kl, 6), nnt.fmt(r.entropy, 6),
                    nnt.fmt(r.kl + r.entropy, 12)),
        }, math.abs(r.nll - ce) < 1e-12 and math.abs(ce - (r.kl + r.entropy)) < 1e-12)
        ui:chart { kind = "line", xlabel = { en = "t (q = (1 − t)·uniform + t·p̂_data)", zh = "t（q = (1 − t)·均匀 + t·p̂_data）" },
                   ylabel = { en = "average NLL", zh = "平均 NLL" },
                   title = { en = "Average NLL as q moves to p̂_data; the gap to H is KL",
                             zh = "q 向 p̂_data 移动时的平均 NLL；与 H 的差距就是 KL" },
                   series = { { name = "NLL(q)", x = r.x, y = r.nll_path },
                              { name = "H(p̂_data)", x = { 0, 1 }, y = { r.entropy, r.entropy } } } }
        ui:say {
          en = "H(p̂_data) does not depend on the model, so minimising the average "
            .. "NLL is minimising KL(p̂_data ‖ q) ≥ 0 (Gibbs' inequality), which is 0 "
            .. "exactly at q = p̂_data. The maximum-likelihood model is the observed "
            .. "frequency, and its NLL is the entropy of the data.\n\n"
            .. "A word on names: p̂_data is the **empirical distribution** of this "
            .. "sample, not the die's true p_data = (0.1, 0.2, 0.3, 0.4). The two agree "
            .. "only in the limit of many rolls, so the identity above is exact for "
            .. "p̂_data, while a common written answer's step “the samples follow the "
            .. "true distribution”, which swaps in E_{p_data}, is an approximation that "
            .. "improves with N.",
          zh = "H(p̂_data) 与模型无关，所以最小化平均 NLL 就是最小化 KL(p̂_data ‖ q) ≥ 0"
            .. "（吉布斯不等式），而它恰好在 q = p̂_data 时为 0。最大似然估计得到的模型就是"
            .. "观测频率，它的 NLL 就是数据的熵。\n\n"
            .. "关于记号：p̂_data 是这组样本的**经验分布**，不是骰子真实的 "
            .. "p_data = (0.1, 0.2, 0.3, 0.4)。两者只在投掷次数趋于无穷时才相等，"
            .. "所以上面的等式对 p̂_data 严格成立，而一种常见书面答案中“样本服从真实分布”、换成 E_{p_data} "
            .. "的那一步只是近似，N 越大越准确。",
        }
        local lowest = math.huge            -- the curve's lowest point
        for k = 1, #r.nll_path do lowest = math.min(lowest, r.nll_path[k]) end
        local best_random = math.huge       -- 2000 random models q
        for _ = 1, 2000 do
          local w, t = {}, 0
          for k = 1, 4 do w[k] = -math.log(nnt.random()); t = t + w[k] end
          for k = 1, 4 do w[k] = w[k] / t end
          best_random = math.min(best_random, avg_nll(labels, w))
        end
        local at_mle = avg_nll(labels, ph)
        ui:claim({
          en = ("At q = p̂_data the average NLL over the rolls is %s and the entropy "
            .. "H(p̂_data) is %s; that is the lowest point of the curve (its smallest "
            .. "value is %s), and none of 2000 random models q does better (best: %s).")
            :format(nnt.fmt(at_mle, 12), nnt.fmt(h, 12), nnt.fmt(lowest, 12), nnt.fmt(best_random, 6)),
          zh = ("在 q = p̂_data 处，各次投掷的平均 NLL 为 %s，熵 H(p̂_data) 为 %s；"
            .. "这是曲线的最低点（曲线的最小值为 %s），2000 个随机模型 q 也没有一个更低（最好的是 %s）。")
            :format(nnt.fmt(at_mle, 12), nnt.fmt(h, 12), nnt.fmt(lowest, 12), nnt.fmt(best_random, 6)),
        }, math.abs(at_mle - h) < 1e-12 and math.abs(lowest - at_mle) < 1e-12
           and best_random > at_mle)
      end,
    },
    {
      title = { en = "Check yourself", zh = "自测" },
      run = function(ui)
        ui:quiz {
          question = { en = "Which of these is true for a data set of N independent points?",
                       zh = "对 N 个相互独立的数据点，下面哪个是对的？" },
          choices = { { en = "∏ p(x_i|θ) = (1/N) Σ log p(x_i|θ)", zh = "∏ p(x_i|θ) = (1/N) Σ log p(x_i|θ)" },
                      { en = "argmax ∏ p(x_i|θ) = argmax (1/N) Σ log p(x_i|θ)", zh = "argmax ∏ p(x_i|θ) = argmax (1/N) Σ log p(x_i|θ)" },
                      { en = "argmax ∏ p(x_i|θ) = argmin (1/N) Σ log p(x_i|θ)", zh = "argmax ∏ p(x_i|θ) = argmin (1/N) Σ log p(x_i|θ)" } },
          answer = 2,
          explain = { en = "The values differ; the maximiser is the same because log is increasing and 1/N > 0. It is argmin of the negative average.",
                      zh = "数值不同；最大值点相同，因为 log 递增且 1/N > 0。对负的平均值才取 argmin。" },
          why = {
            [1] = { en = "The two sides are different numbers: for probabilities, the product lies in "
                      .. "(0, 1] and the average of logs is ≤ 0 (for densities the logs may be "
                      .. "positive, and the two still differ). Only their maximisers "
                      .. "agree, so both sides need an argmax.",
                    zh = "两边是不同的数：对概率而言，乘积在 (0, 1] 之中，对数的平均值 ≤ 0"
                      .. "（对概率密度而言对数可以是正数，两边同样不相等）。"
                      .. "相同的只是它们的最大值点，所以两边都要加上 argmax。" },
            [3] = { en = "log is increasing, so it keeps the direction: the maximiser of ∏ p also "
                      .. "maximises (1/N) Σ log p. The argmin belongs to its negative, "
                      .. "−(1/N) Σ log p, the negative log-likelihood, which is the cross-entropy loss.",
                    zh = "log 是递增的，不会把最大变成最小：∏ p 的最大值点也是 (1/N) Σ log p 的最大值点。"
                      .. "取 argmin 的是它的相反数 −(1/N) Σ log p，即负对数似然，也就是交叉熵损失。" },
          },
        }
        ui:quiz {
          question = { en = "Minimising CE(p̂_data, q) over the model q is the same as minimising…",
                       zh = "对模型 q 最小化 CE(p̂_data, q)，等价于最小化……" },
          choices = { { en = "H(p̂_data)", zh = "H(p̂_data)" },
                      { en = "KL(p̂_data ‖ q)", zh = "KL(p̂_data ‖ q)" },
                      { en = "KL(q ‖ p̂_data)", zh = "KL(q ‖ p̂_data)" } },
          answer = 2,
          explain = { en = "CE = KL(p̂_data ‖ q) + H(p̂_data) and H(p̂_data) does not change with q. KL is not symmetric: the other direction is a different objective.",
                      zh = "CE = KL(p̂_data ‖ q) + H(p̂_data)，而 H(p̂_data) 不随 q 改变。KL 不对称：反过来是另一个目标。" },
          why = {
            [1] = { en = "H(p̂_data) is the entropy of the data: the model q does not appear in it, "
                      .. "so it stays constant while q is trained, and minimising it over q changes nothing.",
                    zh = "H(p̂_data) 是数据分布的熵，里面根本没有模型 q；训练 q 时它保持不变，"
                      .. "对 q 最小化它什么也不会改变。" },
            [3] = { en = "KL divergence is not symmetric. CE(p̂_data, q) − H(p̂_data) = "
                      .. "Σ_k p̂_data(k) log(p̂_data(k)/q(k)) = KL(p̂_data ‖ q), an average under the "
                      .. "data; KL(q ‖ p̂_data) averages under the model instead, a different objective.",
                    zh = "KL 散度不对称。CE(p̂_data, q) − H(p̂_data) = Σ_k p̂_data(k) log(p̂_data(k)/q(k)) "
                      .. "= KL(p̂_data ‖ q)，是在数据分布下求平均；KL(q ‖ p̂_data) 则是在模型分布下"
                      .. "求平均，是另一个目标。" },
          },
        }
      end,
    },
    {
      title = { en = "MSE or CE on a sigmoid: the gradient", zh = "sigmoid 输出上用 MSE 还是交叉熵：看梯度" },
      run = function(ui)
        local r = loss.saturation { target = 1, z_min = -10, z_max = 10, n = 201 }
        local am = nnt.map(r.grad_mse, function(v) return math.abs(v) end)
        local ac = nnt.map(r.grad_ce, function(v) return math.abs(v) end)
        ui:say {
          en = "Both losses can train a classifier, but they push differently. "
            .. "For ŷ = σ(z) and target y = 1:\n\n"
            .. "- MSE: d(ŷ − y)²/dz = 2(ŷ − y)·σ(z)(1 − σ(z))\n"
            .. "- CE: d(−log ŷ)/dz = ŷ − y\n\n"
            .. "The factor σ(z)(1 − σ(z)) goes to 0 when the unit saturates, also "
            .. "when it is saturated on the **wrong** answer. CE has no such factor: "
            .. "the more wrong, the stronger the push. (nndl §2.2.2 writes the squared "
            .. "loss with a ½, ½(y − ŷ)²; that only drops the factor 2, the vanishing "
            .. "factor stays.)",
          zh = "两种损失都能训练分类器，但推动的方式不同。对 ŷ = σ(z)、目标 y = 1：\n\n"
            .. "- MSE：d(ŷ − y)²/dz = 2(ŷ − y)·σ(z)(1 − σ(z))\n"
            .. "- 交叉熵：d(−log ŷ)/dz = ŷ − y\n\n"
            .. "当单元饱和时，因子 σ(z)(1 − σ(z)) 趋于 0——即使它饱和在**错误**的答案上也是如此。"
            .. "交叉熵没有这个因子：错得越厉害，推力越大。（nndl §2.2.2 的平方损失带一个 ½，"
            .. "即 ½(y − ŷ)²；这只去掉了因子 2，趋于 0 的那个因子仍在。）",
        }
        ui:chart { kind = "line", ylog = true, xlabel = { en = "logit z (target y = 1)", zh = "logit z（目标 y = 1）" },
                   ylabel = "|dℓ/dz|",
                   title = { en = "Gradient size against the logit (log scale)", zh = "梯度大小随 logit 的变化（对数坐标）" },
                   series = { { name = "MSE", x = r.x, y = am }, { name = { en = "CE", zh = "交叉熵" }, x = r.x, y = ac } } }
        ui:claim({
          en = ("At z = %s (ŷ = %s, confidently wrong) the MSE gradient is %s, the CE gradient %s.")
            :format(nnt.fmt(r.wrong_z), nnt.fmt(r.wrong_yhat, 3), nnt.fmt(r.grad_mse_wrong, 3), nnt.fmt(r.grad_ce_wrong, 4)),
          zh = ("在 z = %s（ŷ = %s，自信地错了）处，MSE 的梯度是 %s，交叉熵的梯度是 %s。")
            :format(nnt.fmt(r.wrong_z), nnt.fmt(r.wrong_yhat, 3), nnt.fmt(r.grad_mse_wrong, 3), nnt.fmt(r.grad_ce_wrong, 4)),
        }, math.abs(r.grad_mse_wrong) < 1e-3 and math.abs(r.grad_ce_wrong) > 0.99)
      end,
    },
    {
      title = { en = "Explore: fit a die", zh = "动手探索：拟合一个骰子" },
      run = function(ui)
        ui:say {
          en = "Slide t to move the model q from uniform (t = 0) to the observed "
            .. "frequencies (t = 1), and change the number of rolls. Watch the "
            .. "average NLL fall to the entropy H, and KL = NLL − H fall to 0.",
          zh = "拖动 t，让模型 q 从均匀分布（t = 0）移向观测频率（t = 1），"
            .. "也可以改变投掷次数。观察平均 NLL 降到熵 H，KL = NLL − H 降到 0。",
        }
        ui:explore {
          params = {
            { name = "t", min = 0, max = 1, step = 0.05, value = 0.25,
              label = { en = "t: uniform → p̂_data", zh = "t：均匀 → p̂_data" } },
            { name = "rolls", min = 20, max = 2000, step = 20, value = 200,
              label = { en = "rolls", zh = "投掷次数" } },
          },
          draw = function(p)
            reseed(1)
            local r = loss.categorical { k = 4, n = p.rolls, t = p.t,
                                         p_true = { 0.1, 0.2, 0.3, 0.4 } }
            ui:say {
              en = ("NLL = %s, CE = %s, KL = %s, H = %s."):format(nnt.fmt(r.nll), nnt.fmt(r.cross_entropy),
                                                               nnt.fmt(r.kl, 3), nnt.fmt(r.entropy)),
              zh = ("NLL = %s，交叉熵 = %s，KL = %s，H = %s。"):format(nnt.fmt(r.nll), nnt.fmt(r.cross_entropy),
                                                                  nnt.fmt(r.kl, 3), nnt.fmt(r.entropy)),
            }
            ui:chart { kind = "line", xlabel = { en = "face of the die", zh = "骰子的面" },
                       ylabel = { en = "probability", zh = "概率" }, yrange = { 0, 0.6 },
                       title = { en = "Observed frequencies and the model", zh = "观测频率与模型" },
                       series = { { name = "p̂_data", x = { 1, 2, 3, 4 }, y = r.p_data },
                                  { name = "q", x = { 1, 2, 3, 4 }, y = r.q } } }
          end,
        }
      end,
    },
    {
      title = { en = "Summary", zh = "小结" },
      run = function(ui)
        local r = die(1)
        ui:say {
          en = "- a classifier's probabilities make a likelihood: Bernoulli for two "
            .. "classes, categorical (softmax) for K\n"
            .. "- argmax ∏ p = argmax Σ log p = argmax (1/N) Σ log p: equal maximisers, "
            .. "not equal values; use logs, the product underflows\n"
            .. "- −log P(y | x) is the binary or softmax cross-entropy, so the average "
            .. "NLL is the mean CE loss, and minimising it is maximum likelihood\n"
            .. "- average NLL = CE(p̂_data, q) = KL(p̂_data ‖ q) + H(p̂_data): the MLE "
            .. "minimises KL to the data\n"
            .. "- on a sigmoid output, CE keeps a strong gradient where MSE's vanishes",
          zh = "- 分类器给出的概率构成似然：两类是伯努利分布，K 类是类别分布（softmax）\n"
            .. "- argmax ∏ p = argmax Σ log p = argmax (1/N) Σ log p：最大值点相等，"
            .. "数值并不相等；要用对数，因为乘积会下溢\n"
            .. "- −log P(y | x) 就是二元或 softmax 交叉熵，所以平均 NLL 就是平均交叉熵损失，"
            .. "最小化它就是最大似然\n"
            .. "- 平均 NLL = CE(p̂_data, q) = KL(p̂_data ‖ q) + H(p̂_data)：最大似然就是让模型"
            .. "到数据的 KL 最小\n"
            .. "- 在 sigmoid 输出上，MSE 的梯度会消失，交叉熵的梯度依然有力",
        }
        local labels = r.labels:totable()
        local q, ph = mle_search(labels, 4), frequencies(labels, 4)
        local gap, kl = 0, 0
        for k = 1, 4 do
          gap = math.max(gap, math.abs(q[k] - ph[k]))
          if ph[k] > 0 then kl = kl + ph[k] * math.log(ph[k] / q[k]) end
        end
        local function list(v)
          return table.concat(nnt.map(v, function(x) return nnt.fmt(x, 4) end), ", ")
        end
        ui:claim({
          en = ("The die's MLE is its observed frequencies: gradient descent on the "
            .. "average NLL of the 200 rolls, which never counts them, ends at "
            .. "q = (%s); the frequencies are p̂_data = (%s), at most %s apart, and "
            .. "KL(p̂_data ‖ q) = %s.")
            :format(list(q), list(ph), nnt.fmt(gap, 2), nnt.fmt(kl, 2)),
          zh = ("骰子的最大似然估计就是观测频率：对 200 次投掷的平均 NLL 做梯度下降"
            .. "（它从不统计频率），停在 q = (%s)；频率为 p̂_data = (%s)，两者最多相差 %s，"
            .. "KL(p̂_data ‖ q) = %s。")
            :format(list(q), list(ph), nnt.fmt(gap, 2), nnt.fmt(kl, 2)),
        }, gap < 1e-6 and kl < 1e-10)
      end,
    },
  },
}
