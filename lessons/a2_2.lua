-- SPDX-License-Identifier: MIT
-- Lesson A2.2: MSE and cross-entropy are not convex in the weights of a
-- 1-1-1 network.  With the biases held, the loss depends on two weights
-- only, so the landscape is computed exactly on a grid: heatmaps, a
-- midpoint counterexample, the map of negative curvature, and the convex
-- contrast of a single sigmoid unit.
local loss = nnt.plugin "loss"

local DATA_SEED = 42            -- one data set for every step
local B1, B2 = 0, -2            -- the net's biases, held fixed
local GRID = { x_min = -8, x_max = 8, y_min = -8, y_max = 8 }

-- Returns the lesson's data set (the same in every step): 20 points,
-- y = 0 around x = -1 and y = 1 around x = +1.
local function dataset()
  nnt.seed(DATA_SEED)
  local r = loss.point { points = 20, sep = 1, noise = 1 }
  return r.data_x, r.data_y
end

-- Returns the landscape of model/loss on the lesson's grid and data.
local function landscape(dx, dy, model, l, extra)
  local a = { model = model, loss = l, data_x = dx, data_y = dy,
              bias1 = B1, bias2 = B2, n = 81 }
  for k, v in pairs(GRID) do a[k] = v end
  for k, v in pairs(extra or {}) do a[k] = v end
  return loss.landscape(a)
end

local NAME = { mse = { en = "MSE", zh = "MSE" },
               ce = { en = "cross-entropy", zh = "交叉熵" } }

-- Returns a heatmap spec of the landscape r with its minimum marked.
local function heat(r, title, mark)
  return { kind = "heatmap", x = r.x, y = r.y, z = r.loss, contours = 6,
           mark = mark or { r.min_x, r.min_y }, title = title,
           xlabel = r.xname, ylabel = r.yname }
end

-- Returns σ(z).
local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

-- Returns the text "(a, b)" for a point.
local function pt(a, b) return ("(%s, %s)"):format(nnt.fmt(a, 3), nnt.fmt(b, 3)) end

-- Returns the exercise reference for loss l ("mse" or "ce"): the loss
-- plugin's mean loss of the 1-1-1 net on xs, ys at (w1, b1, w2, b2).
local function net_loss(l)
  return function(xs, ys, w1, b1, w2, b2)
    return loss.point { model = "net", loss = l, data_x = xs, data_y = ys,
                        bias1 = b1, bias2 = b2, x = w1, y = w2 }.loss
  end
end

-- The exercises' argument lists (xs, ys, w1, b1, w2, b2), edge cases first.
local NET_CASES = {
  { { 1 }, { 1 }, 0, 0, 0, 0 },                 -- all zero: ŷ = σ(0) = 1/2
  { { -1, 1 }, { 0, 1 }, 5, 0, 0, -2 },         -- w2 = 0: ŷ = σ(b2) for every x
  { { 0 }, { 0 }, 3, 1, 4, -2 },                -- x = 0: only b1 reaches h
  { { -1, -1, 1, 1 }, { 0, 0, 1, 1 }, 2, 0, 4, -2 },  -- a mean, not a sum
  { { 0.5, -0.5 }, { 1, 0 }, 1, 1, 1, 1 },      -- both biases count
  { { -2, 2 }, { 1, 0 }, -3, 0, -6, 1 },        -- negative weights
  { { 2 }, { 0 }, 6, 0, 8, 0 },                 -- confidently wrong
  { { -1.4, -1.1, -0.6, -0.2, 0.3, 0.7, 1.0, 1.5 },
    { 0, 0, 0, 1, 0, 1, 1, 1 }, 4, B1, 5, B2 }, -- like the lesson's data
}

-- Returns random arguments for the exercises: up to 12 points, weights on
-- the lesson's grid, and the lesson's biases one time in three.
local function net_random(R)
  local n = R.int(1, 12)
  local xs, ys = R.vector(n, -3, 3), {}
  for i = 1, n do ys[i] = R.int(0, 1) end
  local b1, b2 = B1, B2
  if R.int(1, 3) > 1 then b1, b2 = R.uniform(-3, 3), R.uniform(-3, 3) end
  return { xs, ys, R.uniform(-8, 8), b1, R.uniform(-8, 8), b2 }
end

return nnt.lesson {
  id = "a2_2",
  title = { en = "A2.2 Non-convexity of MSE and CE", zh = "A2.2 MSE 与交叉熵的非凸性" },
  summary = { en = "The exact loss landscape of a 1-1-1 network: heatmaps, a midpoint counterexample, negative curvature, and the convex single unit.",
              zh = "1-1-1 网络的精确损失地形：热力图、中点反例、负曲率，以及作为对照的凸的单个 sigmoid 单元。" },
  seed = 22,
  answer = {
    en = "**Claim.** Take the 1-1-1 network x → h = σ(w1·x + b1) → ŷ = σ(w2·h + b2). "
      .. "Both the mean squared error and the cross-entropy are **non-convex** "
      .. "functions of its parameters θ = (w1, b1, w2, b2), although both are convex "
      .. "functions of the output ŷ (and CE of the logit z). This is the non-convex "
      .. "optimisation of nndl §7.1.\n\n"
      .. "**Definition.** L is convex when L(λa + (1 − λ)b) ≤ λL(a) + (1 − λ)L(b) for all "
      .. "a, b and λ ∈ [0, 1]; for a twice-differentiable L this means a positive "
      .. "semi-definite Hessian everywhere. One pair a, b that breaks the inequality "
      .. "is a proof of non-convexity.\n\n"
      .. "**Proof 1: a flat line.** When w2 = 0 the output is σ(b2) for every x, so "
      .. "both losses are constant along the line w2 = 0, whatever w1 is. A convex "
      .. "function that is constant on a line is constant on every parallel line "
      .. "(let λ → 0 in the definition, step 2). Along w2 = 4 both losses change with "
      .. "w1 (steps 2 and 3), so neither is convex.\n\n"
      .. "**Proof 2: twin minima.** Since σ(−u) = 1 − σ(u), the parameters "
      .. "(w1, b1, w2, b2) and (−w1, −b1, −w2, b2 + w2) compute the same function and "
      .. "have the same loss. Their midpoint has w1 = w2 = 0, a network whose output "
      .. "does not depend on x; its loss is higher than that of a good θ and its twin "
      .. "(step 4), which breaks the definition with λ = ½. So if θ is a minimum, "
      .. "its twin is a second, different minimum, and the straight line between "
      .. "them rises above both.\n\n"
      .. "**Pictures.** With the biases held, the loss over (w1, w2) can be drawn "
      .. "exactly (steps 2 and 3): plateaus where the hidden unit saturates, a flat "
      .. "line at w2 = 0 and a curved valley, nothing like a bowl. Step 4 draws, for "
      .. "each loss, a straight line on which the midpoint lies above the chord, and "
      .. "step 5 maps where the Hessian has a negative eigenvalue.\n\n"
      .. "**Why.** Both losses are convex in ŷ (step 8); what breaks convexity is the "
      .. "nonlinear map from the weights to the output. For CE the Hessian shows it "
      .. "(step 5): ∂²L/∂w2² = σ′(z)·h² ≥ 0, so CE is convex in w2 alone, and the "
      .. "negative curvature comes from the terms (ŷ − y)·w2·x²·σ″(a) and "
      .. "(ŷ − y)·σ′(a)·x. Without a hidden layer the picture changes: one sigmoid unit "
      .. "with CE (logistic regression) is convex, but with MSE it is not, even then "
      .. "(step 7; Auer, Herbster & Warmuth 1995).\n\n"
      .. "Non-convex does not mean that training fails: it means gradient descent "
      .. "has no guarantee that the minimum it reaches is the global one, and it can "
      .. "slow down on plateaus and near saddle points.",
    zh = "**结论。** 考虑 1-1-1 网络 x → h = σ(w1·x + b1) → ŷ = σ(w2·h + b2)。均方误差和"
      .. "交叉熵作为参数 θ = (w1, b1, w2, b2) 的函数都是**非凸的**，尽管二者作为输出 ŷ 的"
      .. "函数都是凸的（交叉熵对 logit z 也是凸的）。这正是 nndl §7.1 所说的非凸优化问题。\n\n"
      .. "**定义。** 若对任意 a、b 和 λ ∈ [0, 1] 都有 L(λa + (1 − λ)b) ≤ λL(a) + (1 − λ)L(b)，"
      .. "则 L 是凸函数；对二阶可导的 L，这等价于海森矩阵处处半正定。只要找到一对违反"
      .. "这个不等式的 a、b，就证明了非凸。\n\n"
      .. "**证明一：一条平线。** w2 = 0 时，对每个 x 输出都是 σ(b2)，所以无论 w1 取什么，"
      .. "两种损失沿直线 w2 = 0 都是常数。在一条直线上为常数的凸函数，在每条平行线上"
      .. "也是常数（在定义中令 λ → 0，见第 2 步）。而沿 w2 = 4，两种损失都随 w1 变化"
      .. "（第 2、3 步），所以二者都不是凸的。\n\n"
      .. "**证明二：孪生最小值点。** 因为 σ(−u) = 1 − σ(u)，参数 (w1, b1, w2, b2) 与 "
      .. "(−w1, −b1, −w2, b2 + w2) 计算的是同一个函数，损失相同。它们的中点 w1 = w2 = 0，"
      .. "是一个输出与 x 无关的网络；它的损失高于一个好的 θ 及其孪生点（第 4 步），"
      .. "这就在 λ = ½ 时违反了定义。所以，若 θ 是最小值点，它的孪生点就是另一个不同的"
      .. "最小值点，而连接二者的直线段会升到两端之上。\n\n"
      .. "**图示。** 固定偏置后，损失随 (w1, w2) 的变化可以精确画出（第 2、3 步）："
      .. "隐藏单元饱和处的平台、w2 = 0 处的平线和一条弯曲的山谷，完全不像一个碗。"
      .. "第 4 步对每种损失画出一条直线，其中点高过弦；第 5 步标出海森矩阵有负特征值的"
      .. "区域。\n\n"
      .. "**原因。** 两种损失对 ŷ 都是凸的（第 8 步）；破坏凸性的是从权重到输出的非线性"
      .. "映射。对交叉熵，海森矩阵说明了这一点（第 5 步）：∂²L/∂w2² = σ′(z)·h² ≥ 0，"
      .. "所以单看 w2 交叉熵是凸的；负曲率来自 (ŷ − y)·w2·x²·σ″(a) 和 (ŷ − y)·σ′(a)·x "
      .. "这两项。没有隐藏层时情况不同：单个 sigmoid 单元配交叉熵（Logistic 回归）是凸的，"
      .. "配 MSE 却仍然不是（第 7 步；Auer、Herbster 和 Warmuth，1995）。\n\n"
      .. "非凸并不意味着训练会失败：它意味着梯度下降不能保证到达的最小值点就是全局"
      .. "最小值点，而且在平台和鞍点附近可能走得很慢。",
  },
  steps = {
    {
      title = { en = "Two weights, one whole landscape", zh = "两个权重，一整张地形图" },
      run = function(ui)
        local dx, dy = dataset()
        local r = landscape(dx, dy, "net", "mse", { hessian = false, midpoint = false })
        ui:say {
          en = "This is exercise A2.2 of nndl (Qiu Xipeng, Neural Networks and Deep "
            .. "Learning, 邱锡鹏《神经网络与深度学习》), on §7.1 network optimisation: "
            .. "the loss of a neural network is a **non-convex** function of its "
            .. "parameters, with saddle points and flat regions. The exercise asks to "
            .. "show this for MSE and cross-entropy (CE). We take the smallest network "
            .. "that shows it, 1-1-1:\n\n"
            .. "- x → h = σ(w1·x + b1) → ŷ = σ(w2·h + b2)\n"
            .. "- the biases stay fixed (b1 = 0, b2 = −2), so the loss depends on "
            .. "just two numbers, w1 and w2\n\n"
            .. "Two parameters means we need no sketch and no projection: the program "
            .. "computes the loss at every point of an 81 × 81 grid. The data: 20 "
            .. "points, y = 0 around x = −1 and y = 1 around x = +1, overlapping a little.",
          zh = "这是 nndl（邱锡鹏《神经网络与深度学习》）的习题 A2.2，对应 §7.1 网络"
            .. "优化：神经网络的损失是参数的**非凸**函数，有鞍点和平坦区域，这就是"
            .. "非凸优化问题。习题要求对 MSE 和交叉熵（CE）说明这一点。"
            .. "我们用能说明问题的最小网络 1-1-1：\n\n"
            .. "- x → h = σ(w1·x + b1) → ŷ = σ(w2·h + b2)\n"
            .. "- 偏置固定不动（b1 = 0，b2 = −2），于是损失只取决于 w1 和 w2 两个数\n\n"
            .. "只有两个参数，就不必示意、也不必投影：本程序在 81 × 81 网格的每个点上"
            .. "都算出了真实的损失。数据是 20 个点：y = 0 的在 x = −1 附近，"
            .. "y = 1 的在 x = +1 附近，两类略有重叠。",
        }
        local xs = nnt.linspace(-5, 5, 101)
        local best = loss.point { model = "net", loss = "mse", data_x = dx, data_y = dy,
                                  bias1 = B1, bias2 = B2, x = r.min_x, y = r.min_y,
                                  at = xs }
        local ys, right = best.curve, best.correct
        ui:chart { kind = "line", title = { en = "Data and the best net on the grid",
                                            zh = "数据与网格上最好的网络" },
                   xlabel = "x", ylabel = "y, ŷ", yrange = { -0.05, 1.05 },
                   series = {
                     { name = { en = "data", zh = "数据" }, x = dx, y = dy, style = "points" },
                     { name = "ŷ(x)", x = xs, y = ys },
                   } }
        ui:claim({
          en = ("The lowest MSE on the grid, %s at (w1, w2) = %s, classifies %d of the 20 points correctly (a coin would get about 10).")
            :format(nnt.fmt(r.loss_min), pt(r.min_x, r.min_y), right),
          zh = ("网格上最低的 MSE 是 %s，在 (w1, w2) = %s 处，它把 20 个点中的 %d 个分对了（抛硬币平均只能对 10 个）。")
            :format(nnt.fmt(r.loss_min), pt(r.min_x, r.min_y), right),
        }, right > 10)
        ui:say {
          en = "**Convex** means: for every two points a, b and every λ in [0, 1], "
            .. "L(λa + (1 − λ)b) ≤ λL(a) + (1 − λ)L(b): the graph never rises above "
            .. "the chord between two of its points. For a continuous loss it is "
            .. "enough to check λ = ½, the midpoint test L((a+b)/2) ≤ (L(a) + L(b))/2. "
            .. "For a twice-differentiable loss it is the same as a Hessian with no "
            .. "negative eigenvalue (positive semi-definite, PSD) at every point. So "
            .. "one pair a, b that fails, or one point with negative curvature, is "
            .. "enough to prove non-convexity.",
          zh = "**凸**的意思是：任取两点 a、b 和任意 λ ∈ [0, 1]，都有 "
            .. "L(λa + (1 − λ)b) ≤ λL(a) + (1 − λ)L(b)：函数图像不会高过连接其上两点的弦。"
            .. "对连续的损失，只检查 λ = ½ 就够了，即中点检验 "
            .. "L((a+b)/2) ≤ (L(a) + L(b))/2。对二阶可导的损失，这等价于每一点的海森矩阵"
            .. "都没有负特征值（半正定，PSD）。所以只要找到一对通不过检验的 a、b，"
            .. "或者一个曲率为负的点，就足以证明它不是凸的。",
        }
      end,
    },
    {
      title = { en = "The MSE landscape", zh = "MSE 的地形" },
      run = function(ui)
        local dx, dy = dataset()
        local r = landscape(dx, dy, "net", "mse")
        local row = nnt.argmin(nnt.map(r.y, function(v) return math.abs(v) end))
        local lo, hi = math.huge, -math.huge
        for j = 1, #r.x do
          lo = math.min(lo, r.loss[row][j])
          hi = math.max(hi, r.loss[row][j])
        end
        ui:chart(heat(r, { en = "MSE over (w1, w2); × = lowest grid point",
                           zh = "MSE 随 (w1, w2) 的变化；× 为网格最低点" }))
        ui:say {
          en = "Low is dark, high is bright (in text output: sparse characters "
            .. "low, dense ones high); the lines join points of equal loss. Look "
            .. "at the shapes:\n\n"
            .. "- **plateaus**: once |w1·x| is large, h = σ(w1·x) is stuck near 0 or "
            .. "1 and moving w1 changes almost nothing\n"
            .. "- along w2 = 0 the output is σ(b2) whatever w1 is: a perfectly flat line\n"
            .. "- a single curved valley leads to the minimum; bowls are not made like this",
          zh = "颜色越深损失越低，越亮越高（纯文本输出里：字符越稀疏越低，越密越高）；"
            .. "等高线连接损失相同的点。看看这些形状：\n\n"
            .. "- **平台**：一旦 |w1·x| 很大，h = σ(w1·x) 就卡在 0 或 1 附近，"
            .. "再改变 w1 几乎没有影响\n"
            .. "- 沿着 w2 = 0 这条线，不管 w1 取什么，输出都是 σ(b2)：一条完全平的线\n"
            .. "- 通往最低点的是一条弯曲的山谷，碗可不是这个样子",
        }
        ui:claim({
          en = ("Along w2 = 0 the MSE does not depend on w1: largest minus smallest over the whole row is %s.")
            :format(nnt.fmt(hi - lo, 2)),
          zh = ("沿 w2 = 0 这一行，MSE 与 w1 无关：整行的最大值减最小值为 %s。"):format(nnt.fmt(hi - lo, 2)),
        }, hi - lo < 1e-12)
        ui:claim({
          en = ("The lowest grid point %s lies inside the grid, not on its edge.")
            :format(pt(r.min_x, r.min_y)),
          zh = ("网格最低点 %s 位于网格内部，而不在边上。"):format(pt(r.min_x, r.min_y)),
        }, math.abs(r.min_x) < GRID.x_max and math.abs(r.min_y) < GRID.y_max)
        ui:say {
          en = "That flat line proves non-convexity on paper. **Lemma**: if a convex L "
            .. "is constant, = c, on a line, it is constant on every parallel line. "
            .. "Take a point p, the lines' direction d and a point q on the flat line. "
            .. "For 0 < λ < 1 convexity gives\n\n"
            .. "- L((1 − λ)p + λ(q + (t/λ)d)) ≤ (1 − λ)L(p) + λc\n\n"
            .. "and the point on the left is p + td + λ(q − p). Let λ → 0: "
            .. "L(p + td) ≤ L(p) for every t, and with p and p + td swapped, "
            .. "L(p + td) = L(p). So a convex loss that is flat along w2 = 0 would be "
            .. "flat along w2 = 4 as well. It is not:",
          zh = "这条平线在纸面上就能证明非凸。**引理**：如果凸函数 L 在一条直线上恒等于 c，"
            .. "那么它在每条平行线上也是常数。取一点 p、直线的方向 d，以及平线上的一点 q。"
            .. "对 0 < λ < 1，由凸性\n\n"
            .. "- L((1 − λ)p + λ(q + (t/λ)d)) ≤ (1 − λ)L(p) + λc\n\n"
            .. "而左边的点是 p + td + λ(q − p)。令 λ → 0：对每个 t 都有 L(p + td) ≤ L(p)；"
            .. "把 p 和 p + td 对调，就得到 L(p + td) = L(p)。所以，一个沿 w2 = 0 平坦的"
            .. "凸损失，沿 w2 = 4 也必须平坦。事实并非如此：",
        }
        local row4 = nnt.argmin(nnt.map(r.y, function(v) return math.abs(v - 4) end))
        local lo4, hi4 = math.huge, -math.huge
        for j = 1, #r.x do
          lo4 = math.min(lo4, r.loss[row4][j])
          hi4 = math.max(hi4, r.loss[row4][j])
        end
        ui:claim({
          en = ("Along w2 = %s the MSE varies by %s (from %s to %s): by the lemma, the MSE is not convex.")
            :format(nnt.fmt(r.y[row4], 3), nnt.fmt(hi4 - lo4, 3), nnt.fmt(lo4, 3), nnt.fmt(hi4, 3)),
          zh = ("沿 w2 = %s 这一行，MSE 变化了 %s（从 %s 到 %s）：由引理，MSE 不是凸的。")
            :format(nnt.fmt(r.y[row4], 3), nnt.fmt(hi4 - lo4, 3), nnt.fmt(lo4, 3), nnt.fmt(hi4, 3)),
        }, math.abs(r.y[row4] - 4) < 1e-9 and hi4 - lo4 > 0.01)
        ui:exercise "net_mse"
      end,
    },
    {
      title = { en = "The cross-entropy landscape", zh = "交叉熵的地形" },
      run = function(ui)
        local dx, dy = dataset()
        local r = landscape(dx, dy, "net", "ce")
        ui:chart(heat(r, { en = "Cross-entropy over (w1, w2); × = lowest grid point",
                           zh = "交叉熵随 (w1, w2) 的变化；× 为网格最低点" }))
        ui:say {
          en = "Cross-entropy, −y log ŷ − (1 − y) log(1 − ŷ) averaged over the "
            .. "points, grows without bound when the net is confidently wrong, so "
            .. "its range is much wider than MSE's (which stays below 1). The "
            .. "plateaus are still there: the hidden unit saturates the same way, "
            .. "whatever loss sits on top.",
          zh = "交叉熵 −y log ŷ − (1 − y) log(1 − ŷ) 对所有点取平均。网络错得越自信，"
            .. "它就越大、没有上限，所以它的取值范围比 MSE（始终小于 1）宽得多。"
            .. "平台依然存在：无论上面接的是哪种损失，隐藏单元都以同样的方式饱和。",
        }
        local m = landscape(dx, dy, "net", "mse", { hessian = false, midpoint = false })
        ui:claim({
          en = ("On this grid CE ranges from %s to %s, MSE only from %s to %s: below 1, as (ŷ − y)² must be with ŷ in (0, 1).")
            :format(nnt.fmt(r.loss_min), nnt.fmt(r.loss_max), nnt.fmt(m.loss_min), nnt.fmt(m.loss_max)),
          zh = ("在这张网格上交叉熵从 %s 变到 %s，MSE 只从 %s 变到 %s：小于 1，因为 ŷ ∈ (0, 1) 时 (ŷ − y)² 必然小于 1。")
            :format(nnt.fmt(r.loss_min), nnt.fmt(r.loss_max), nnt.fmt(m.loss_min), nnt.fmt(m.loss_max)),
        }, r.loss_max > 1 and m.loss_max < 1 and m.loss_min >= 0)
        local row0 = nnt.argmin(nnt.map(r.y, function(v) return math.abs(v) end))
        local row4 = nnt.argmin(nnt.map(r.y, function(v) return math.abs(v - 4) end))
        local function span(i)
          local lo, hi = math.huge, -math.huge
          for j = 1, #r.x do
            lo, hi = math.min(lo, r.loss[i][j]), math.max(hi, r.loss[i][j])
          end
          return hi - lo
        end
        ui:claim({
          en = ("CE too is flat along w2 = 0 (span %s) but not along w2 = 4 (span %s): by step 2's lemma, CE is not convex either.")
            :format(nnt.fmt(span(row0), 2), nnt.fmt(span(row4), 3)),
          zh = ("交叉熵同样沿 w2 = 0 平坦（变化幅度 %s），沿 w2 = 4 却不平坦（变化幅度 %s）：由第 2 步的引理，交叉熵也不是凸的。")
            :format(nnt.fmt(span(row0), 2), nnt.fmt(span(row4), 3)),
        }, span(row0) < 1e-12 and span(row4) > 0.01)
        ui:exercise "net_ce"
      end,
    },
    {
      title = { en = "A midpoint above the chord", zh = "中点高过弦" },
      run = function(ui)
        local dx, dy = dataset()
        ui:say {
          en = "The program searched the grid for the pair a, b (with a grid point "
            .. "as midpoint) that breaks L((a+b)/2) ≤ (L(a) + L(b))/2 the most, then "
            .. "recomputed the three losses exactly. Below, the loss along the "
            .. "straight line from a (t = 0) to b (t = 1) and the chord between them. "
            .. "For a convex loss the curve would stay under the chord.",
          zh = "本程序在网格上搜索了这样一对点 a、b（中点也在网格上）：它们最严重地违反 "
            .. "L((a+b)/2) ≤ (L(a) + L(b))/2；然后精确地重新计算了这三个损失。"
            .. "下图是沿着从 a（t = 0）到 b（t = 1）的直线的损失，以及连接两端的弦。"
            .. "如果损失是凸的，曲线应当始终在弦的下方。",
        }
        for _, l in ipairs { "mse", "ce" } do
          local r = landscape(dx, dy, "net", l, { hessian = false })
          local s = loss.slice { loss = l, data_x = dx, data_y = dy, bias1 = B1,
                                 bias2 = B2, ax = r.mid_ax, ay = r.mid_ay,
                                 bx = r.mid_bx, by = r.mid_by, n = 121 }
          ui:chart { kind = "line", xlabel = "t", ylabel = { en = "loss", zh = "损失" },
                     title = { en = ("%s from a = %s to b = %s"):format(NAME[l].en,
                                 pt(r.mid_ax, r.mid_ay), pt(r.mid_bx, r.mid_by)),
                               zh = ("%s：从 a = %s 到 b = %s"):format(NAME[l].zh,
                                 pt(r.mid_ax, r.mid_ay), pt(r.mid_bx, r.mid_by)) },
                     series = {
                       { name = { en = "loss", zh = "损失" }, x = s.t, y = s.loss },
                       { name = { en = "chord", zh = "弦" }, x = s.t, y = s.chord },
                       { name = { en = "a, mid, b", zh = "a、中点、b" }, x = { 0, 0.5, 1 },
                         y = { s.la, s.lmid, s.lb }, style = "points" },
                     } }
          ui:claim({
            en = ("%s: L(mid) = %s > (L(a) + L(b))/2 = %s, a gap of %s. Not convex.")
              :format(NAME[l].en, nnt.fmt(s.lmid), nnt.fmt((s.la + s.lb) / 2), nnt.fmt(s.gap)),
            zh = ("%s：L(中点) = %s > (L(a) + L(b))/2 = %s，高出 %s。不是凸的。")
              :format(NAME[l].zh, nnt.fmt(s.lmid), nnt.fmt((s.la + s.lb) / 2), nnt.fmt(s.gap)),
          }, s.gap > 1e-3 and math.abs(s.gap - r.mid_gap) < 1e-12)
        end
        ui:say {
          en = "(Two charts: on the full screen, c or Tab switches between them.)",
          zh = "（这一步有两张图：在全屏界面里，按 c 或 Tab 切换。）",
        }
        ui:say {
          en = "A second proof on paper, with all four parameters θ = (w1, b1, w2, b2). "
            .. "Since σ(−u) = 1 − σ(u), the map\n\n"
            .. "- (w1, b1, w2, b2) → (−w1, −b1, −w2, b2 + w2)\n\n"
            .. "gives the same network: −w2·σ(−w1·x − b1) + b2 + w2 = "
            .. "w2·σ(w1·x + b1) + b2. So every minimum θ* has a twin θ′ with the same "
            .. "loss, for MSE and CE alike. Their midpoint has w1 = 0 and w2 = 0: a "
            .. "net whose output σ(b2 + w2/2) is the same for every x. A convex loss "
            .. "would be no higher there than at θ* and θ′. But a constant output "
            .. "cannot separate the classes, so the midpoint is higher whenever θ* "
            .. "fits the data better than every constant does, as it does here:",
          zh = "第二个纸面证明，用全部四个参数 θ = (w1, b1, w2, b2)。因为 σ(−u) = 1 − σ(u)，"
            .. "映射\n\n"
            .. "- (w1, b1, w2, b2) → (−w1, −b1, −w2, b2 + w2)\n\n"
            .. "给出的是同一个网络：−w2·σ(−w1·x − b1) + b2 + w2 = w2·σ(w1·x + b1) + b2。"
            .. "所以每个最小值点 θ* 都有一个损失相同的孪生点 θ′，MSE 和交叉熵都是如此。"
            .. "它们的中点 w1 = 0、w2 = 0：这个网络的输出 σ(b2 + w2/2) 对每个 x 都一样。"
            .. "如果损失是凸的，中点处的损失不会高于 θ* 和 θ′ 处。但常数输出无法把两类"
            .. "分开，所以只要 θ* 对数据的拟合胜过任何常数输出，中点处就更高；这里正是"
            .. "如此：",
        }
        for _, l in ipairs { "mse", "ce" } do
          local r = landscape(dx, dy, "net", l, { hessian = false, midpoint = false })
          local function at(w1, b1, w2, b2)
            return loss.point { model = "net", loss = l, data_x = dx, data_y = dy,
                                bias1 = b1, bias2 = b2, x = w1, y = w2 }.loss
          end
          local w1, w2 = r.min_x, r.min_y
          local l1, l2 = at(w1, B1, w2, B2), at(-w1, -B1, -w2, B2 + w2)
          local lm = at(0, 0, 0, B2 + w2 / 2)
          ui:claim({
            en = ("%s: the lowest grid point θ* = (%s, %s, %s, %s) and its twin θ′ = (%s, %s, %s, %s) have the same loss %s (they differ by %s); the midpoint has %s, higher. Not convex.")
              :format(NAME[l].en, nnt.fmt(w1, 3), nnt.fmt(B1, 3), nnt.fmt(w2, 3), nnt.fmt(B2, 3),
                      nnt.fmt(-w1, 3), nnt.fmt(-B1, 3), nnt.fmt(-w2, 3), nnt.fmt(B2 + w2, 3),
                      nnt.fmt(l1, 4), nnt.fmt(math.abs(l1 - l2), 2), nnt.fmt(lm, 4)),
            zh = ("%s：网格最低点 θ* = (%s, %s, %s, %s) 与它的孪生点 θ′ = (%s, %s, %s, %s) 损失相同，都是 %s（相差 %s）；中点处是 %s，更高。不是凸的。")
              :format(NAME[l].zh, nnt.fmt(w1, 3), nnt.fmt(B1, 3), nnt.fmt(w2, 3), nnt.fmt(B2, 3),
                      nnt.fmt(-w1, 3), nnt.fmt(-B1, 3), nnt.fmt(-w2, 3), nnt.fmt(B2 + w2, 3),
                      nnt.fmt(l1, 4), nnt.fmt(math.abs(l1 - l2), 2), nnt.fmt(lm, 4)),
          }, math.abs(l1 - l2) < 1e-12 and lm > l1 + 0.01)
        end
      end,
    },
    {
      title = { en = "Where the curvature is negative", zh = "哪里的曲率是负的" },
      run = function(ui)
        local dx, dy = dataset()
        local fr = {}
        for _, l in ipairs { "mse", "ce" } do
          local r = landscape(dx, dy, "net", l, { midpoint = false })
          fr[l] = r.nonpsd_fraction
          ui:chart { kind = "heatmap", x = r.x, y = r.y, z = r.nonpsd, contours = 1,
                     mark = { r.min_x, r.min_y },
                     title = { en = NAME[l].en .. ": 1 where the Hessian has a negative eigenvalue",
                               zh = NAME[l].zh .. "：海森矩阵有负特征值处为 1" },
                     xlabel = "w1", ylabel = "w2" }
        end
        ui:say {
          en = "At every grid point the program computed the exact 2 × 2 Hessian "
            .. "(second derivatives in w1 and w2, by the chain rule, no finite "
            .. "differences) and its eigenvalues. The maps mark where the smaller "
            .. "eigenvalue is negative: there the surface bends down in some "
            .. "direction, like a saddle or a ridge.",
          zh = "本程序在每个网格点上都算出了精确的 2 × 2 海森矩阵（对 w1、w2 的二阶导数，"
            .. "用链式法则求得，不是差分近似）及其特征值。图中标出较小特征值为负的地方："
            .. "在那里，曲面沿某个方向向下弯，像马鞍或山脊。",
        }
        ui:claim({
          en = ("The Hessian is not PSD on %s%% of the grid for MSE and %s%% for CE.")
            :format(nnt.fmt(100 * fr.mse, 3), nnt.fmt(100 * fr.ce, 3)),
          zh = ("海森矩阵不半正定的网格点：MSE 占 %s%%，交叉熵占 %s%%。")
            :format(nnt.fmt(100 * fr.mse, 3), nnt.fmt(100 * fr.ce, 3)),
        }, fr.mse > 0 and fr.ce > 0)
        ui:say {
          en = "Where does the negative curvature come from? Write a = w1·x + b1, "
            .. "h = σ(a), z = w2·h + b2 and ŷ = σ(z). For CE the derivative in z is "
            .. "simply ŷ − y, and the chain rule gives, averaged over the points:\n\n"
            .. "- ∂²L/∂w2² = σ′(z)·h², never negative: in w2 alone CE is convex\n"
            .. "- ∂²L/∂w1² = σ′(z)·(w2·σ′(a)·x)² + (ŷ − y)·w2·x²·σ″(a)\n"
            .. "- ∂²L/∂w1∂w2 = σ′(z)·h·w2·σ′(a)·x + (ŷ − y)·σ′(a)·x\n\n"
            .. "The σ′(z) terms together form a PSD matrix (σ′(z) times the outer "
            .. "product of ∂z/∂(w1, w2) with itself). The negative curvature comes from "
            .. "the terms with ŷ − y: (ŷ − y)·w2·x²·σ″(a), whose sign changes with "
            .. "that of σ″(a), and the cross term (ŷ − y)·σ′(a)·x, which can make the "
            .. "determinant negative.",
          zh = "负曲率从哪里来？记 a = w1·x + b1，h = σ(a)，z = w2·h + b2，ŷ = σ(z)。"
            .. "对交叉熵，对 z 的导数就是 ŷ − y；由链式法则，对所有点取平均：\n\n"
            .. "- ∂²L/∂w2² = σ′(z)·h²，从不为负：单看 w2，交叉熵是凸的\n"
            .. "- ∂²L/∂w1² = σ′(z)·(w2·σ′(a)·x)² + (ŷ − y)·w2·x²·σ″(a)\n"
            .. "- ∂²L/∂w1∂w2 = σ′(z)·h·w2·σ′(a)·x + (ŷ − y)·σ′(a)·x\n\n"
            .. "含 σ′(z) 的各项合起来是一个半正定矩阵（σ′(z) 乘以 ∂z/∂(w1, w2) 与自身的"
            .. "外积）。负曲率来自含 ŷ − y 的项：(ŷ − y)·w2·x²·σ″(a)，它的符号随 σ″(a) "
            .. "变化；以及交叉项 (ŷ − y)·σ′(a)·x，它可以让行列式变为负数。",
        }
        do
          local w1, w2 = -3, 4
          local q = loss.point { loss = "ce", data_x = dx, data_y = dy, bias1 = B1,
                                 bias2 = B2, x = w1, y = w2 }
          local h11, h12, h22, t11, n = 0, 0, 0, 0, #dx
          for i = 1, n do
            local x, y = dx[i], dy[i]
            local h = sigmoid(w1 * x + B1)
            local s1, s2 = h * (1 - h), h * (1 - h) * (1 - 2 * h)   -- σ′(a), σ″(a)
            local yh = sigmoid(w2 * h + B2)
            local sz = yh * (1 - yh)                                 -- σ′(z)
            h22 = h22 + sz * h * h / n
            t11 = t11 + (yh - y) * w2 * x * x * s2 / n
            h11 = h11 + (sz * (w2 * s1 * x) ^ 2 + (yh - y) * w2 * x * x * s2) / n
            h12 = h12 + (sz * h * w2 * s1 * x + (yh - y) * s1 * x) / n
          end
          local diff = math.max(math.abs(h11 - q.hessian[1][1]), math.abs(h12 - q.hessian[1][3]),
                                math.abs(h22 - q.hessian[3][3]))
          ui:claim({
            en = ("At (w1, w2) = (−3, 4) these formulas give ∂²L/∂w1² = %s, ∂²L/∂w1∂w2 = %s, ∂²L/∂w2² = %s (the program's exact Hessian differs by %s); the term (ŷ − y)·w2·x²·σ″(a) contributes %s and makes ∂²L/∂w1² negative.")
              :format(nnt.fmt(h11, 3), nnt.fmt(h12, 3), nnt.fmt(h22, 3), nnt.fmt(diff, 2), nnt.fmt(t11, 3)),
            zh = ("在 (w1, w2) = (−3, 4) 处，这些公式给出 ∂²L/∂w1² = %s，∂²L/∂w1∂w2 = %s，∂²L/∂w2² = %s（与本程序精确算出的海森矩阵相差 %s）；(ŷ − y)·w2·x²·σ″(a) 这一项贡献了 %s，使 ∂²L/∂w1² 为负。")
              :format(nnt.fmt(h11, 3), nnt.fmt(h12, 3), nnt.fmt(h22, 3), nnt.fmt(diff, 2), nnt.fmt(t11, 3)),
          }, diff < 1e-10 and t11 < 0 and h11 < 0 and h11 - t11 >= 0 and h22 >= 0)
        end
        local r2 = landscape(dx, dy, "net", "ce", { n = 41, midpoint = false })
        local r4 = landscape(dx, dy, "net", "ce", { n = 41, midpoint = false, biases = true })
        ui:say {
          en = "What if the biases learn too? Then the Hessian is 4 × 4 over "
            .. "(w1, b1, w2, b2). Its smallest eigenvalue is no higher than "
            .. "that of the 2 × 2 block inside it (Cauchy interlacing), so freeing "
            .. "parameters never makes the loss more convex.",
          zh = "如果偏置也参与学习呢？那么 海森矩阵是关于 (w1, b1, w2, b2) 的 4 × 4 矩阵。"
            .. "它的最小特征值不会高于其中 2 × 2 子块的最小特征值（柯西交错定理），"
            .. "所以放开更多参数，损失绝不会因此变得更凸。",
        }
        ui:claim({
          en = ("CE with all four parameters: not PSD on %s%% of a 41 × 41 grid (%s%% for the two weights alone).")
            :format(nnt.fmt(100 * r4.nonpsd_fraction, 3), nnt.fmt(100 * r2.nonpsd_fraction, 3)),
          zh = ("四个参数都放开时，交叉熵在 41 × 41 网格上有 %s%% 不半正定（只看两个权重时为 %s%%）。")
            :format(nnt.fmt(100 * r4.nonpsd_fraction, 3), nnt.fmt(100 * r2.nonpsd_fraction, 3)),
        }, r4.nonpsd_fraction >= r2.nonpsd_fraction)
      end,
    },
    {
      title = { en = "Check yourself", zh = "自测" },
      run = function(ui)
        ui:quiz {
          question = { en = "A smooth loss has a Hessian with a negative eigenvalue at one single point. Can it still be convex?",
                       zh = "一个光滑的损失函数，只在某一个点上 海森矩阵有负特征值。它还可能是凸的吗？" },
          choices = { { en = "Yes, if the Hessian is PSD everywhere else", zh = "可以，只要其他地方的海森矩阵都半正定" },
                      { en = "No: convexity needs a PSD Hessian at every point", zh = "不可以：凸性要求每一点的海森矩阵都半正定" },
                      { en = "It depends on the learning rate", zh = "取决于学习率" } },
          answer = 2,
          explain = { en = "Near that point the loss bends down along an eigenvector, so a short chord there lies below the curve.",
                      zh = "在那一点附近，损失沿某个特征向量方向向下弯，那里的一小段弦就会落在曲线下方。" },
          why = {
            [1] = { en = "A twice-differentiable function is convex only if its Hessian is PSD at every point. Where it has a negative eigenvalue the loss curves down along that eigenvector, and a short chord there lies below the curve: one point is enough.",
                    zh = "二阶可导的函数是凸函数，当且仅当它的海森矩阵（Hessian）处处半正定。在有负特征值的地方，损失沿对应的特征向量向下弯，那里的一小段弦就在曲线下方：一个点就够了。" },
            [3] = { en = "Convexity is a property of the loss function L(θ) alone. The learning rate α belongs to gradient descent: it changes how we walk over the landscape, not the landscape's shape.",
                    zh = "凸不凸只取决于损失函数 L(θ) 本身。学习率 α 属于梯度下降这个优化算法：它改变的是我们在地形上怎么走，而不是地形的形状。" },
          },
        }
        ui:quiz {
          question = { en = "Cross-entropy is convex in the logit z. Why is the 1-1-1 net's CE not convex in (w1, w2)?",
                       zh = "交叉熵关于 logit z 是凸的。为什么 1-1-1 网络的交叉熵关于 (w1, w2) 不是凸的？" },
          choices = { { en = "Because CE is never convex", zh = "因为交叉熵从来都不是凸的" },
                      { en = "Because z = w2·σ(w1·x + b1) + b2 is a nonlinear function of the weights", zh = "因为 z = w2·σ(w1·x + b1) + b2 是权重的非线性函数" },
                      { en = "Because of rounding errors in the computer", zh = "因为计算机有舍入误差" } },
          answer = 2,
          explain = { en = "A convex function of a linear map stays convex; of a nonlinear map, not in general. The hidden sigmoid is that nonlinear map.",
                      zh = "凸函数复合线性映射仍是凸的；复合非线性映射，一般就不是了。隐藏层的 sigmoid 正是这个非线性映射。" },
          why = {
            [1] = { en = "CE is convex in the logit z, and for one sigmoid unit (logistic regression) it is convex in (w, b) too, as the next step shows. What breaks convexity is the hidden layer, not the loss.",
                    zh = "交叉熵关于 logit z 是凸的；对单个 sigmoid 单元（Logistic 回归），它关于 (w, b) 也是凸的，下一步就会看到。破坏凸性的是隐藏层，而不是损失函数本身。" },
            [3] = { en = "Rounding errors are around 10⁻¹⁶, far smaller than the gaps and negative eigenvalues we measured, and the Hessian was computed exactly by the chain rule. Non-convexity is a mathematical property that holds in exact arithmetic too.",
                    zh = "舍入误差大约是 10⁻¹⁶，比我们量到的差值和负特征值小得多，而且 海森矩阵是用链式法则精确算出的。非凸是数学上的性质，用精确算术算也一样。" },
          },
        }
      end,
    },
    {
      title = { en = "The convex contrast: one sigmoid unit", zh = "凸的对照：单个 sigmoid 单元" },
      run = function(ui)
        local dx, dy = dataset()
        local a = { model = "logistic", data_x = dx, data_y = dy, n = 81,
                    x_min = -8, x_max = 8, y_min = -8, y_max = 8 }
        a.loss = "ce"
        local ce = loss.landscape(a)
        a.loss = "mse"
        local mse = loss.landscape(a)
        ui:say {
          en = "Now drop the hidden layer: ŷ = σ(w·x + b), logistic regression, with "
            .. "(w, b) as the two parameters. With CE the logit z = w·x + b is "
            .. "**linear** in (w, b), and the Hessian is an average of "
            .. "σ(z)(1 − σ(z))·[x, 1][x, 1]ᵀ: PSD rank-one pieces, so PSD everywhere.",
          zh = "去掉隐藏层：ŷ = σ(w·x + b)，即 Logistic 回归，两个参数是 (w, b)。"
            .. "用交叉熵时，logit z = w·x + b 关于 (w, b) 是**线性**的，海森矩阵是 "
            .. "σ(z)(1 − σ(z))·[x, 1][x, 1]ᵀ 的平均：一些半正定的秩一矩阵之和，"
            .. "所以处处半正定。",
        }
        ui:chart(heat(ce, { en = "One sigmoid unit, CE over (w, b): a bowl",
                            zh = "单个 sigmoid 单元，交叉熵随 (w, b)：一个碗" }))
        ui:claim({
          en = ("Unit + CE: the Hessian is PSD at all %d grid points (smallest eigenvalue %s), and the midpoint search finds no violation (best gap %s).")
            :format(#ce.x * #ce.y, nnt.fmt(ce.eig_min_min, 3), nnt.fmt(ce.mid_gap, 2)),
          zh = ("单元 + 交叉熵：%d 个网格点上 海森矩阵全都半正定（最小特征值 %s），中点搜索也找不到反例（最大差值 %s）。")
            :format(#ce.x * #ce.y, nnt.fmt(ce.eig_min_min, 3), nnt.fmt(ce.mid_gap, 2)),
        }, ce.nonpsd_fraction == 0 and ce.mid_gap <= 1e-12)
        ui:chart { kind = "heatmap", x = mse.x, y = mse.y, z = mse.nonpsd, contours = 1,
                   title = { en = "One unit with MSE: 1 where the Hessian is not PSD",
                             zh = "单个单元用 MSE：海森矩阵不半正定处为 1" },
                   xlabel = "w", ylabel = "b" }
        ui:claim({
          en = ("Unit + MSE: not PSD on %s%% of the grid, and L(mid) exceeds the chord by %s.")
            :format(nnt.fmt(100 * mse.nonpsd_fraction, 3), nnt.fmt(mse.mid_gap)),
          zh = ("单元 + MSE：%s%% 的网格点不半正定，中点比弦高出 %s。")
            :format(nnt.fmt(100 * mse.nonpsd_fraction, 3), nnt.fmt(mse.mid_gap)),
        }, mse.nonpsd_fraction > 0 and mse.mid_gap > 0)
        ui:say {
          en = "So MSE is not convex even for one neuron: (σ(z) − y)² flattens out "
            .. "where σ saturates. Auer, Herbster & Warmuth (1995) showed that the "
            .. "square loss of a single sigmoid neuron can have exponentially many "
            .. "local minima in the input dimension.",
          zh = "可见即使只有一个神经元，MSE 也不是凸的：σ 饱和的地方，(σ(z) − y)² 变得平坦。"
            .. "Auer、Herbster 和 Warmuth（1995）证明了：单个 Logistic 神经元的平方损失，"
            .. "其局部最小值点的个数可以随输入维数呈指数增长。",
        }
      end,
    },
    {
      title = { en = "Convex in the prediction, not in the weights", zh = "对预测是凸的，对权重不是" },
      run = function(ui)
        local m = loss.compute { loss = "mse", y = 1, lo = 0.01, hi = 0.99, n = 99 }
        local c = loss.compute { loss = "bce", y = 1, lo = -4.6, hi = 4.6, n = 99 }
        local z = loss.compute { loss = "bce_logits", y = 1, lo = -8, hi = 8, n = 101 }
        local dm, dc, dz = math.huge, math.huge, math.huge
        for i = 1, #m.d2 do dm = math.min(dm, m.d2[i]) end
        for i = 1, #c.d2 do dc = math.min(dc, c.d2[i]) end
        for i = 1, #z.d2 do dz = math.min(dz, z.d2[i]) end
        ui:chart { kind = "line", title = { en = "Both losses as functions of the output ŷ (target y = 1)",
                                            zh = "两种损失作为输出 ŷ 的函数（目标 y = 1）" },
                   xlabel = "ŷ", ylabel = { en = "loss", zh = "损失" },
                   series = { { name = "MSE (ŷ − 1)²", x = m.x, y = m.each },
                              { name = "CE −log ŷ", x = c.x, y = c.each } } }
        ui:claim({
          en = ("Both curves are convex: the smallest second derivative in ŷ is %s for MSE and %s for CE; CE in the logit z has %s.")
            :format(nnt.fmt(dm), nnt.fmt(dc, 3), nnt.fmt(dz, 3)),
          zh = ("两条曲线都是凸的：对 ŷ 的二阶导数最小值，MSE 是 %s，交叉熵是 %s；交叉熵对 logit z 的是 %s。")
            :format(nnt.fmt(dm), nnt.fmt(dc, 3), nnt.fmt(dz, 3)),
        }, dm >= 0 and dc >= 0 and dz >= 0)
        ui:say {
          en = "This is the whole story in one line: **the losses are convex in "
            .. "the network's output, not in its weights.** Between the weights and "
            .. "the output sit sigmoids, and a convex loss composed with a nonlinear "
            .. "map **need not stay convex**. Sometimes it does: a convex function of "
            .. "a linear map is convex, and so is a convex, non-decreasing function of "
            .. "a convex one. But the map from (w1, w2) to the output is neither, and "
            .. "steps 2 to 5 showed that the loss is not convex. A correct answer to A2.2 says both MSE and CE "
            .. "are non-convex in (w1, w2), and shows it, as we did, with a pair of "
            .. "points or with negative curvature.",
          zh = "一句话概括：**损失对网络的输出是凸的，对权重却不是。**权重和输出之间隔着 sigmoid；"
            .. "凸的损失复合上非线性映射，**不一定还是凸的**。有时仍然是凸的：凸函数复合"
            .. "线性映射是凸的，凸且单调不减的函数复合凸函数也是凸的。但从 (w1, w2) "
            .. "到输出的映射两者都不是，第 2 到第 5 步也表明了损失不是凸的。"
            .. "A2.2 的正确答案应当指出："
            .. "MSE 和交叉熵关于 (w1, w2) 都不是凸的，并且像我们这样，用一对点或负曲率把它证出来。",
        }
      end,
    },
    {
      title = { en = "Explore: walk over the landscape", zh = "动手探索：在地形上走一走" },
      run = function(ui)
        local dx, dy = dataset()
        local maps = {
          mse = landscape(dx, dy, "net", "mse", { hessian = false, midpoint = false, n = 61 }),
          ce = landscape(dx, dy, "net", "ce", { hessian = false, midpoint = false, n = 61 }),
        }
        ui:say {
          en = "Move the cursor × with w1 and w2, and switch the loss between "
            .. "MSE and CE. The text shows the loss, the gradient and the Hessian's "
            .. "eigenvalues at the cursor. Find a saddle (one eigenvalue of each "
            .. "sign) and a plateau (gradient near 0 but far from the minimum).",
          zh = "用 w1、w2 移动光标 ×，并在 MSE 和交叉熵之间切换损失。"
            .. "文字会显示光标处的损失、梯度和 海森矩阵的特征值。试着找一个鞍点"
            .. "（两个特征值一正一负），再找一块平台（梯度接近 0，却离最低点很远）。",
        }
        ui:explore {
          params = {
            { name = "w1", min = -8, max = 8, step = 0.25, value = -3 },
            { name = "w2", min = -8, max = 8, step = 0.25, value = 4 },
            { name = "loss", choices = { "mse", "ce" }, value = "mse",
              labels = { mse = "MSE", ce = { en = "CE", zh = "交叉熵" } },
              label = { en = "loss", zh = "损失" } },
          },
          draw = function(p)
            local l = p.loss
            local q = loss.point { loss = l, data_x = dx, data_y = dy, bias1 = B1,
                                   bias2 = B2, x = p.w1, y = p.w2 }
            -- the 2 x 2 block over (w1, w2), as in the maps; θ = (w1, b1, w2, b2)
            local a, b, c = q.hessian[1][1], q.hessian[1][3], q.hessian[3][3]
            local r = math.sqrt(((a - c) / 2) ^ 2 + b * b)
            local lo, hi = (a + c) / 2 - r, (a + c) / 2 + r
            local g = math.sqrt(q.grad[1] ^ 2 + q.grad[3] ^ 2)
            local kind = lo >= 0 and { en = "curving up in every direction", zh = "各个方向都向上弯" }
              or hi <= 0 and { en = "curving down in every direction", zh = "各个方向都向下弯" }
              or { en = "a saddle, up one way and down another", zh = "鞍形，一个方向向上、另一个方向向下" }
            ui:say {
              en = ("At %s: L = %s, |∇L| = %s, Hessian eigenvalues %s and %s: %s.")
                :format(pt(p.w1, p.w2), nnt.fmt(q.loss), nnt.fmt(g, 3),
                        nnt.fmt(lo, 3), nnt.fmt(hi, 3), kind.en),
              zh = ("在 %s：L = %s，|∇L| = %s，海森矩阵的特征值为 %s 和 %s：%s。")
                :format(pt(p.w1, p.w2), nnt.fmt(q.loss), nnt.fmt(g, 3),
                        nnt.fmt(lo, 3), nnt.fmt(hi, 3), kind.zh),
            }
            ui:chart(heat(maps[p.loss], { en = NAME[l].en .. " over (w1, w2); × = cursor",
                                          zh = NAME[l].zh .. " 随 (w1, w2)；× 为光标" },
                          { p.w1, p.w2 }))
          end,
        }
      end,
    },
    {
      title = { en = "Summary", zh = "小结" },
      run = function(ui)
        local dx, dy = dataset()
        local r = { mse = landscape(dx, dy, "net", "mse"), ce = landscape(dx, dy, "net", "ce") }
        ui:chart { kind = "bar", title = { en = "Share of the grid where the Hessian is not PSD",
                                           zh = "海森矩阵不半正定的网格比例" },
                   labels = { { en = "net, MSE", zh = "网络，MSE" }, { en = "net, CE", zh = "网络，交叉熵" } },
                   values = { r.mse.nonpsd_fraction, r.ce.nonpsd_fraction } }
        ui:say {
          en = "- 1-1-1 net: MSE and CE are both **non-convex** in (w1, w2): a midpoint "
            .. "sits above its chord, and the Hessian has negative eigenvalues on most "
            .. "of the grid\n"
            .. "- the cause is the nonlinear map from weights to output; both losses are "
            .. "convex in the output itself\n"
            .. "- one sigmoid unit with CE is convex (logistic regression); with MSE it "
            .. "is not (Auer, Herbster & Warmuth 1995)\n"
            .. "- non-convex does not mean training fails; it means no guarantee that "
            .. "a local minimum is the global one",
          zh = "- 1-1-1 网络：MSE 和交叉熵关于 (w1, w2) 都是**非凸的**：有中点高过弦，"
            .. "而且网格上大部分地方 海森矩阵都有负特征值\n"
            .. "- 原因在于从权重到输出的非线性映射；两种损失对输出本身都是凸的\n"
            .. "- 单个 sigmoid 单元配交叉熵是凸的（Logistic 回归）；配 MSE 则不是"
            .. "（Auer、Herbster 和 Warmuth，1995）\n"
            .. "- 非凸不等于训练一定失败，而是不能保证局部最小就是全局最小",
        }
        ui:claim({
          en = "Both losses of the net fail the midpoint test on the grid.",
          zh = "网络的两种损失在网格上都通不过中点检验。",
        }, r.mse.mid_gap > 0 and r.ce.mid_gap > 0)
      end,
    },
  },
  exercises = {
    {
      name = "net_mse",
      title = { en = "The 1-1-1 net's MSE", zh = "1-1-1 网络的 MSE" },
      statement = {
        en = "Write `net_mse(xs, ys, w1, b1, w2, b2)`: the MSE of this lesson's "
          .. "1-1-1 network on the data set xs, ys (two lists of the same "
          .. "length N ≥ 1; each y is 0 or 1) at the parameters "
          .. "θ = (w1, b1, w2, b2):\n\n"
          .. "- h = σ(w1·x + b1), ŷ = σ(w2·h + b2), with σ(z) = 1/(1 + e⁻ᶻ)\n"
          .. "- MSE = (1/N) Σₙ (ŷₙ − yₙ)², the mean over the N points\n\n"
          .. "Return one number. With the lesson's 20 points and b1 = 0, "
          .. "b2 = −2 it is the value the landscape above shows at (w1, w2).",
        zh = "编写 `net_mse(xs, ys, w1, b1, w2, b2)`：在参数 θ = (w1, b1, w2, b2) "
          .. "处，本课的 1-1-1 网络在数据集 xs、ys（两个长度同为 N ≥ 1 的列表；"
          .. "每个 y 为 0 或 1）上的 MSE：\n\n"
          .. "- h = σ(w1·x + b1)，ŷ = σ(w2·h + b2)，其中 σ(z) = 1/(1 + e⁻ᶻ)\n"
          .. "- MSE = (1/N) Σₙ (ŷₙ − yₙ)²，对 N 个点取平均\n\n"
          .. "返回一个数。用本课的 20 个点、b1 = 0、b2 = −2 时，它就是上面地形图"
          .. "在 (w1, w2) 处的值。",
      },
      stub = {
        en = [[
-- xs, ys: the data (lists of the same length); w1, b1, w2, b2: the net's
-- weights and biases.  Return the mean of (yhat - y)^2 over the points.
function net_mse(xs, ys, w1, b1, w2, b2)
  return 0
end
]],
        zh = [[
-- xs、ys：数据（长度相同的列表）；w1、b1、w2、b2：网络的权重和偏置。
-- 返回 (yhat - y)^2 在所有点上的平均值。
function net_mse(xs, ys, w1, b1, w2, b2)
  return 0
end
]],
      },
      solution = {
        en = [[
local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

function net_mse(xs, ys, w1, b1, w2, b2)
  local sum = 0
  for n = 1, #xs do
    local h = sigmoid(w1 * xs[n] + b1)      -- the hidden unit
    local yhat = sigmoid(w2 * h + b2)       -- the output
    sum = sum + (yhat - ys[n]) ^ 2
  end
  return sum / #xs                          -- a mean, without 1/2
end
]],
        zh = [[
local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

function net_mse(xs, ys, w1, b1, w2, b2)
  local sum = 0
  for n = 1, #xs do
    local h = sigmoid(w1 * xs[n] + b1)      -- 隐藏单元
    local yhat = sigmoid(w2 * h + b2)       -- 输出
    sum = sum + (yhat - ys[n]) ^ 2
  end
  return sum / #xs                          -- 取平均，不乘 1/2
end
]],
      },
      hints = {
        { en = "Write σ first: `1 / (1 + math.exp(-z))`. Then go through the "
            .. "points one at a time with `for n = 1, #xs do … end`.",
          zh = "先写出 σ：`1 / (1 + math.exp(-z))`。然后用 `for n = 1, #xs do … end` "
            .. "逐个处理数据点。" },
        { en = "For each point, two layers: the hidden unit h = σ(w1·x + b1) "
            .. "first, then the output ŷ = σ(w2·h + b2). The biases are added "
            .. "inside σ, before squashing.",
          zh = "每个点都过两层：先算隐藏单元 h = σ(w1·x + b1)，再算输出 "
            .. "ŷ = σ(w2·h + b2)。偏置加在 σ 里面，在压缩之前。" },
        { en = "Add up (ŷ − y)² over the points and divide by N = #xs. No ½ "
            .. "here: nndl's squared loss (§2.2.2) has one, this lesson's MSE "
            .. "does not (it would halve every value and move no minimum).",
          zh = "把 (ŷ − y)² 对所有点加起来，再除以 N = #xs。这里没有 ½："
            .. "nndl 的平方损失（§2.2.2）带 ½，本课的 MSE 不带（带上只会让每个值"
            .. "减半，不会移动任何最小值点）。" },
      },
      reference = net_loss("mse"),
      cases = NET_CASES,
      random = net_random,
    },
    {
      name = "net_ce",
      title = { en = "The 1-1-1 net's cross-entropy", zh = "1-1-1 网络的交叉熵" },
      statement = {
        en = "Write `net_ce(xs, ys, w1, b1, w2, b2)`: the cross-entropy loss "
          .. "of the same network on the same kind of data, averaged over the "
          .. "N points:\n\n"
          .. "- ŷ = σ(w2·σ(w1·x + b1) + b2), as in `net_mse`\n"
          .. "- CE = (1/N) Σₙ −[yₙ log ŷₙ + (1 − yₙ) log(1 − ŷₙ)], with the "
          .. "natural logarithm\n\n"
          .. "Return one number.",
        zh = "编写 `net_ce(xs, ys, w1, b1, w2, b2)`：同一个网络、同样的数据，"
          .. "交叉熵损失对 N 个点的平均：\n\n"
          .. "- ŷ = σ(w2·σ(w1·x + b1) + b2)，与 `net_mse` 中相同\n"
          .. "- CE = (1/N) Σₙ −[yₙ log ŷₙ + (1 − yₙ) log(1 − ŷₙ)]，log 为自然"
          .. "对数\n\n"
          .. "返回一个数。",
      },
      stub = {
        en = [[
-- The same net as in net_mse.  Return the mean binary cross-entropy
-- -[y log(yhat) + (1 - y) log(1 - yhat)] over the points.
function net_ce(xs, ys, w1, b1, w2, b2)
  return 0
end
]],
        zh = [[
-- 网络与 net_mse 中相同。返回二分类交叉熵
-- -[y log(yhat) + (1 - y) log(1 - yhat)] 在所有点上的平均值。
function net_ce(xs, ys, w1, b1, w2, b2)
  return 0
end
]],
      },
      solution = {
        en = [[
local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

function net_ce(xs, ys, w1, b1, w2, b2)
  local sum = 0
  for n = 1, #xs do
    local yhat = sigmoid(w2 * sigmoid(w1 * xs[n] + b1) + b2)
    local y = ys[n]
    sum = sum - (y * math.log(yhat) + (1 - y) * math.log(1 - yhat))
  end
  return sum / #xs                          -- the mean over the N points
end
]],
        zh = [[
local function sigmoid(z) return 1 / (1 + math.exp(-z)) end

function net_ce(xs, ys, w1, b1, w2, b2)
  local sum = 0
  for n = 1, #xs do
    local yhat = sigmoid(w2 * sigmoid(w1 * xs[n] + b1) + b2)
    local y = ys[n]
    sum = sum - (y * math.log(yhat) + (1 - y) * math.log(1 - yhat))
  end
  return sum / #xs                          -- 对 N 个点取平均
end
]],
      },
      hints = {
        { en = "The forward pass is the one of `net_mse`; only the loss per "
            .. "point changes. Lua's `math.log(v)` is the natural logarithm.",
          zh = "前向计算和 `net_mse` 一样，只是每个点的损失换了。Lua 的 "
            .. "`math.log(v)` 就是自然对数。" },
        { en = "For a point with y = 1 the loss is −log ŷ, with y = 0 it is "
            .. "−log(1 − ŷ); the formula −[y log ŷ + (1 − y) log(1 − ŷ)] "
            .. "covers both. Mind the minus sign: the loss is ≥ 0.",
          zh = "y = 1 的点损失是 −log ŷ，y = 0 的点是 −log(1 − ŷ)；公式 "
            .. "−[y log ŷ + (1 − y) log(1 − ŷ)] 把两种情况都包括了。别漏了负号："
            .. "损失总是 ≥ 0。" },
        { en = "In the loop: `sum = sum - (y * math.log(yhat) + (1 - y) * "
            .. "math.log(1 - yhat))`, and after it `return sum / #xs`.",
          zh = "循环里写 `sum = sum - (y * math.log(yhat) + (1 - y) * "
            .. "math.log(1 - yhat))`，循环后 `return sum / #xs`。" },
      },
      reference = net_loss("ce"),
      cases = NET_CASES,
      random = net_random,
    },
  },
}
