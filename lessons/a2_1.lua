-- SPDX-License-Identifier: MIT
-- A2.1: epoch, iteration and batch, and how to choose batch_size.
-- Experiments: the batching plugin (accounting, a step-by-step run,
-- minibatch SGD of logistic regression and a small MLP on 2-D data).
local bt = nnt.plugin "batching"

local function T(en, zh) return { en = en, zh = zh } end
local fmt = nnt.fmt

local N = 2000                  -- training samples in the big experiments
local SIZES = { 1, 8, 32, 128, N }

-- Returns a function that reseeds the RNG to one value drawn now, so
-- that several calls see the same data.
local function same_start()
  local s = nnt.random(1, 1000000000)
  return function() nnt.seed(s) end
end

-- Returns the values of row i of a 2-D array from column a to b.
local function slice(a, i, lo, hi)
  local t = {}
  for j = lo, hi do t[#t + 1] = a[i][j] end
  return t
end

-- Returns the standard deviation of xs[lo..hi].
local function spread(xs, lo, hi)
  local m, v = 0, 0
  for i = lo, hi do m = m + xs[i] end
  m = m / (hi - lo + 1)
  for i = lo, hi do v = v + (xs[i] - m) ^ 2 end
  return math.sqrt(v / (hi - lo + 1))
end

-- Returns the series name "K = b" (b = N is called so).
local function bname(b)
  return b == N and ("K = N = %d"):format(N) or ("K = %d"):format(b)
end

return nnt.lesson {
  id = "a2_1",
  title = T("A2.1 Epoch, iteration, batch, and choosing batch_size",
            "A2.1 Epoch、Iteration、Batch 与 batch_size 的选择"),
  summary = T("Count epochs and iterations as a model trains, then see what "
              .. "the batch size does to progress, noise, time, memory and "
              .. "generalisation.",
              "看着模型训练，数一数回合（Epoch）和迭代（Iteration）；再看批量大小如何影响"
              .. "进度、噪声、时间、内存和泛化。"),
  seed = 21,
  answer = T(
    "**The three words.** Minibatch gradient descent (nndl §7.2.1) cuts the "
    .. "N training samples into **batches** of K samples; K is the "
    .. "batch_size. One **iteration** takes one batch: a forward pass, a "
    .. "backward pass and **one** update of the parameters. One **epoch** is "
    .. "one pass over all N samples, so it holds ⌈N/K⌉ iterations (the last "
    .. "batch smaller when K does not divide N), or ⌊N/K⌋ when the leftovers "
    .. "are dropped; the order is usually reshuffled every epoch (steps 1 and "
    .. "2). After t iterations the model has seen about t·K samples, and "
    .. "epochs = samples seen / N. So an epoch counts passes over the data, "
    .. "an iteration counts updates, and a batch is the data of one update.\n\n"
    .. "**What K changes.**\n\n"
    .. "- **Noise.** The minibatch gradient is an average of K per-sample "
    .. "gradients. Its variance is σ²/K · (N − K)/(N − 1): it falls like 1/K "
    .. "and reaches 0 at K = N (step 4's chart, where the measured points sit "
    .. "on that curve). Small batches give noisy, unstable updates and need a "
    .. "smaller learning rate α.\n"
    .. "- **Progress.** With the same α, a small batch makes far more "
    .. "progress per epoch, because it updates ⌈N/K⌉ times; per update, a very "
    .. "large batch does about what a medium one does (step 3's two charts). "
    .. "So 'large batches converge more slowly' is true per epoch, not per "
    .. "update.\n"
    .. "- **Learning rate.** By the linear scaling rule (nndl §7.2.2; Goyal et "
    .. "al. 2017), when K is multiplied by m, α is multiplied by m. Step 6 shows "
    .. "the curves for K = 8 … 512 then track each other, while square-root "
    .. "scaling lags behind. The rule assumes the gradient barely changes over "
    .. "m small steps, so it fails for very large α (K = N in step 6) and "
    .. "needs a warm-up early in training.\n"
    .. "- **Time and memory.** An epoch of large batches takes fewer "
    .. "iterations, and parallel hardware processes a large batch at about the "
    .. "cost of a small one until it is full; memory is a + b·K, a fixed part for "
    .. "the parameters plus the activations of the batch (step 5), and caps K.\n"
    .. "- **Generalisation.** At equal settings large batches tend to end in "
    .. "sharper minima with a larger train–test gap (Keskar et al. 2017; step "
    .. "7's probe and gap show it for one run). It is a tendency, not a law: "
    .. "with a scaled, warmed-up α, large batches match small ones up to a "
    .. "limit.\n\n"
    .. "**Against the usual answer.** 'Small batches update faster and more "
    .. "easily give better models' overstates a tendency; 'large batches use "
    .. "memory better' is wrong as stated: they use **more** memory and use the "
    .. "**parallel hardware** better.\n\n"
    .. "**Choosing batch_size.** Take the largest K that fits in memory and "
    .. "still shortens an epoch on the hardware (often 32–512), scale α with K "
    .. "and warm it up, and judge by the held-out loss.",
    "**三个概念。** 小批量梯度下降（nndl §7.2.1）把 N 个训练样本切成每份 K 个"
    .. "样本的**批**（Batch），K 就是 batch_size。一次**迭代**（Iteration）取一个批："
    .. "前向传播、反向传播，然后**一次**参数更新。一个**回合**（Epoch）是把全部 N 个"
    .. "样本过一遍，所以它包含 ⌈N/K⌉ 次迭代（K 不整除 N 时最后一批较小），舍弃剩余"
    .. "样本时为 ⌊N/K⌋ 次；通常每个回合都重新打乱顺序（第 1、2 步）。t 次迭代后，"
    .. "模型大约见过 t·K 个样本，回合数 = 已见样本数 / N。所以回合计的是遍历数据的"
    .. "次数，迭代计的是更新次数，批是一次更新所用的数据。\n\n"
    .. "**K 改变了什么。**\n\n"
    .. "- **噪声。** 小批量梯度是 K 个单样本梯度的平均，方差为 "
    .. "σ²/K · (N − K)/(N − 1)：按 1/K 下降，K = N 时为 0（见第 4 步的图，实测点"
    .. "落在这条曲线上）。小批量的更新噪声大、不稳定，需要更小的学习率 α。\n"
    .. "- **进展。** 学习率 α 相同时，小批量每个回合的进展大得多，因为它要更新 "
    .. "⌈N/K⌉ 次；按每次更新算，很大的批和中等的批进展差不多（第 3 步的两张图）。"
    .. "所以“大批量收敛较慢”按回合算是对的，按更新次数算不对。\n"
    .. "- **学习率。** 按线性缩放规则（nndl §7.2.2；Goyal 等人 2017），K 乘以 m 时，"
    .. "α 也乘以 m。第 6 步表明，这样 K = 8 … 512 的曲线彼此重合，而平方根缩放则"
    .. "落在后面。这个规则假设梯度在 m 小步里几乎不变，所以 α 很大时会失效（第 6 步"
    .. "中的 K = N），训练初期也需要预热。\n"
    .. "- **时间与内存。** 大批量每个回合的迭代次数少，而在硬件吃满之前，并行硬件"
    .. "处理一个大批的代价和处理一个小批差不多；内存是 a + b·K：参数占的固定部分加上"
    .. "这个批的激活值（第 5 步），它决定了 K 的上限。\n"
    .. "- **泛化。** 在相同设置下，大批量往往停在更尖锐的极小值，训练与测试的差距"
    .. "更大（Keskar 等人 2017；第 7 步的探测和差距在一次运行中显示了这一点）。"
    .. "这是倾向，不是定律：学习率按比例放大并预热后，大批量在一定范围内能追上"
    .. "小批量。\n\n"
    .. "**对照常见答案。** “小批量梯度更新更快，更容易得到更好的模型效果”把一种"
    .. "倾向说过头了；“大批量可以提高内存利用率”的说法不对：大批量占用**更多**内存，"
    .. "它利用得更好的是**并行硬件**。\n\n"
    .. "**如何选择 batch_size。** 在内存放得下、而且还能缩短每个回合时间的前提下"
    .. "取尽量大的 K（常见 32–512），学习率 α 随 K 放大并预热，并以留出集上的损失"
    .. "为准。"),
  steps = {
    {
      title = T("Epoch, iteration, batch", "回合、迭代、批"),
      run = function(ui)
        ui:say(T(
          "This is exercise A2.1 of nndl (Qiu Xipeng, Neural Networks and "
          .. "Deep Learning, 邱锡鹏《神经网络与深度学习》), on §7.2.1 "
          .. "minibatch gradient descent and §7.2.2 choosing the batch size. We "
          .. "use the book's notation: the batch size K and the learning rate "
          .. "α.\n\n"
          .. "Minibatch SGD cuts the N training samples into **batches** of K "
          .. "samples. One **iteration** takes one batch: a forward pass, a "
          .. "backward pass and one update of the parameters. One **epoch** "
          .. "is one pass over all N samples, so it takes\n\n"
          .. "- ⌈N/K⌉ iterations, the last batch holding the N − (⌈N/K⌉ − 1)·K "
          .. "samples that are left, or\n"
          .. "- ⌊N/K⌋ iterations with `drop_last`, which skips those leftovers "
          .. "in that epoch.\n\n"
          .. "Usually the order is reshuffled every epoch. The chart shows "
          .. "N = 10 samples in batches of K = 4 over two epochs: which "
          .. "samples each iteration took.",
          "这是 nndl（邱锡鹏《神经网络与深度学习》）的习题 A2.1，对应 §7.2.1 "
          .. "小批量梯度下降和 §7.2.2 批量大小选择。我们沿用书中的记号：批量大小 "
          .. "K，学习率 α。\n\n"
          .. "小批量 SGD 把 N 个训练样本切成每份 K 个的**批**（Batch）。一次"
          .. "**迭代**（Iteration）取一个批：前向传播、反向传播，然后更新一次"
          .. "参数。一个**回合**（Epoch）是把全部 N 个样本过一遍，所以它包含\n\n"
          .. "- ⌈N/K⌉ 次迭代，最后一批装着剩下的 N − (⌈N/K⌉ − 1)·K 个样本；"
          .. "或者\n"
          .. "- ⌊N/K⌋ 次迭代，如果设置了 `drop_last`，这一轮就跳过剩下的"
          .. "样本。\n\n"
          .. "通常每个回合都会重新打乱顺序。下图是 N = 10 个样本、批量大小 "
          .. "K = 4、两个回合的情形：每次迭代取了哪些样本。"))
        local r = bt.schedule { n = 10, batch = 4, epochs = 2 }
        local series = {}
        for e = 1, 2 do
          local xs, ys = {}, {}
          for k = 1, #r.sample do
            if r.epoch[k] == e then
              xs[#xs + 1], ys[#ys + 1] = r.iteration[k], r.sample[k]
            end
          end
          series[e] = { name = T(("epoch %d"):format(e),
                                 ("第 %d 个回合"):format(e)),
                        x = xs, y = ys, style = "points" }
        end
        ui:chart { kind = "scatter", series = series,
                   title = T("N = 10, K = 4: the samples of each iteration",
                             "N = 10，K = 4：每次迭代取到的样本"),
                   xlabel = T("iteration", "迭代"),
                   ylabel = T("sample", "样本编号"), xrange = { 0.5, 6.5 },
                   yrange = { 0.5, 10.5 } }
        local once = true
        for e = 1, 2 do
          local hits = {}
          for k = 1, #r.sample do
            if r.epoch[k] == e then
              hits[r.sample[k]] = (hits[r.sample[k]] or 0) + 1
            end
          end
          for s = 1, 10 do once = once and hits[s] == 1 end
        end
        ui:claim(T(("Each epoch took ⌈10/4⌉ = %d iterations, the last one "
                    .. "with %d samples, and used every sample exactly once.")
                     :format(r.iterations_per_epoch, r.last_batch),
                   ("每个回合用了 ⌈10/4⌉ = %d 次迭代，最后一批 %d 个样本，"
                    .. "每个样本恰好用了一次。")
                     :format(r.iterations_per_epoch, r.last_batch)),
                 r.iterations_per_epoch == 3 and r.last_batch == 2 and once)
        local d = bt.schedule { n = 10, batch = 4, epochs = 2,
                                drop_last = true }
        ui:claim(T(("With drop_last: ⌊10/4⌋ = %d iterations per epoch, and "
                    .. "%d samples left out of each epoch.")
                     :format(d.iterations_per_epoch, d.dropped),
                   ("设置 drop_last 后：每个回合 ⌊10/4⌋ = %d 次迭代，每个"
                    .. "回合有 %d 个样本没用上。")
                     :format(d.iterations_per_epoch, d.dropped)),
                 d.iterations_per_epoch == 2 and d.dropped == 2)
        ui:exercise "iterations"
        ui:wait()
      end,
    },
    {
      title = T("The counters, live", "计数器，实时"),
      run = function(ui)
        ui:say(T(
          "Now train logistic regression on N = 12 points with K = 5 and "
          .. "watch the counters after each iteration. Each epoch has "
          .. "⌈12/5⌉ = 3 iterations: 5, 5 and 2 samples.",
          "现在用 N = 12 个点、K = 5 训练 Logistic 回归，每次迭代后看看计数器。"
          .. "每个回合有 ⌈12/5⌉ = 3 次迭代：5、5、2 个样本。"))
        local again = same_start()      -- every call replays one run
        local function show(k)
          again()
          local r = bt.step { n = 12, batch = 5, epochs = 3, upto = k }
          local list = {}
          for i = 1, #r.batch_samples do
            list[i] = ("%d"):format(r.batch_samples[i])
          end
          ui:say(T(("**iteration %d** · epoch %d · iteration %d of %d in "
                    .. "this epoch · samples seen %d · batch {%s} · "
                    .. "minibatch loss %s")
                     :format(r.iteration, r.epoch, r.iteration_in_epoch,
                             r.iterations_per_epoch, r.samples_seen,
                             table.concat(list, ", "), fmt(r.loss, 3)),
                   ("**第 %d 次迭代** · 第 %d 个回合 · 本回合的第 %d/%d "
                    .. "次 · 已见样本 %d · 本批 {%s} · 小批量损失 %s")
                     :format(r.iteration, r.epoch, r.iteration_in_epoch,
                             r.iterations_per_epoch, r.samples_seen,
                             table.concat(list, ", "), fmt(r.loss, 3))))
          return r
        end
        local count, dup = {}, false    -- epoch 1: every sample once
        for k = 1, 4 do
          local r = show(k)
          if k <= 3 then
            for i = 1, #r.batch_samples do
              local j = r.batch_samples[i]
              dup = dup or count[j] ~= nil
              count[j] = true
            end
          end
          ui:wait()
        end
        local all = not dup
        for j = 1, 12 do all = all and count[j] == true end
        ui:claim(T("The 3 batches of epoch 1 together hold each of the 12 "
                   .. "samples exactly once.",
                   "第 1 个回合的 3 个批次合起来恰好把 12 个样本各用一次。"),
                 all)
        local r = show(9)
        ui:chart { kind = "line",
                   title = T("Counters, iteration by iteration (log scale)",
                             "逐次迭代的计数器（对数刻度）"),
                   ylog = true,
                   xlabel = T("iteration", "迭代"),
                   series = {
                     { name = T("samples seen", "已见样本"),
                       x = nnt.range(0, 9), y = { 0, table.unpack(r.t_seen:totable()) } },
                     { name = T("epoch", "回合"), x = nnt.range(0, 9),
                       y = { 0, table.unpack(r.t_epoch:totable()) },
                       style = "points" } } }
        ui:claim(T(("After %d iterations = 3 epochs × ⌈12/5⌉, the model has "
                    .. "seen %d samples = 3 × 12.")
                     :format(r.iteration, r.samples_seen),
                   ("%d 次迭代 = 3 个回合 × ⌈12/5⌉ 之后，模型见过 %d 个样本 "
                    .. "= 3 × 12。"):format(r.iteration, r.samples_seen)),
                 r.iteration == 9 and r.samples_seen == 36 and r.epoch == 3)
        ui:quiz {
          question = T("N = 1000 samples, K = 64, no drop_last. How many "
                       .. "iterations do 5 epochs take?",
                       "N = 1000 个样本，K = 64，不设 drop_last。5 个回合"
                       .. "共有多少次迭代？"),
          choices = { "75", "78", "80", "5" },
          answer = 3,
          explain = T("⌈1000/64⌉ = 16 per epoch (15 full batches and one of "
                      .. "40), so 5 × 16 = 80. With drop_last it would be "
                      .. "5 × 15 = 75.",
                      "每个回合 ⌈1000/64⌉ = 16 次（15 个满批加一个 40 的批），"
                      .. "所以 5 × 16 = 80。设了 drop_last 就是 5 × 15 = 75。"),
          why = {
            [1] = T("75 = 5 × ⌊1000/64⌋ counts only the 15 full batches, as "
                    .. "drop_last would. Without it the 40 samples left over "
                    .. "form a 16th, smaller minibatch in every epoch, and "
                    .. "that is one more iteration.",
                    "75 = 5 × ⌊1000/64⌋ 只数了 15 个满批，那是设了 drop_last "
                    .. "的情形。不设时，每个回合剩下的 40 个样本组成第 16 个较小的"
                    .. "小批量，也算一次迭代。"),
            [2] = T("78 = ⌊5000/64⌋ treats the 5 epochs as one long pass over "
                    .. "5000 samples. But each epoch ends with its own last "
                    .. "batch (and usually a reshuffle), so count per epoch: "
                    .. "5 × ⌈1000/64⌉.",
                    "78 = ⌊5000/64⌋ 把 5 个回合当成了对 5000 个样本的一次长遍历。"
                    .. "可是每个回合都以自己的最后一批结束（通常还会重新打乱），"
                    .. "所以要按回合来数：5 × ⌈1000/64⌉。"),
            [4] = T("5 is the number of epochs, not of iterations. One "
                    .. "iteration is one update on one minibatch, and each "
                    .. "epoch has ⌈1000/64⌉ = 16 of them.",
                    "5 是回合数，不是迭代数。一次迭代是在一个小批量上做一次参数"
                    .. "更新，每个回合有 ⌈1000/64⌉ = 16 次。"),
          },
        }
        ui:exercise "counters"
      end,
    },
    {
      title = T("Same epochs, different batch sizes", "同样的回合，不同的批量大小"),
      run = function(ui)
        ui:say(T(
          "Train the same logistic regression on N = 2000 two-dimensional "
          .. "points for 20 epochs at K = 1, 8, 32, 128 and N, all with "
          .. "learning rate 0.1 and from the same start. Every run sees "
          .. "every sample 20 times; what differs is how many updates that "
          .. "buys: ⌈N/K⌉ per epoch.",
          "在 N = 2000 个二维点上训练同一个 Logistic 回归，20 个回合，批量大小取 "
          .. "K = 1、8、32、128 和 N，学习率都是 0.1，起点相同。每次运行都把"
          .. "每个样本看 20 遍；不同的是换来多少次更新：每个回合 ⌈N/K⌉ 次。"))
        local r = bt.sweep { batches = SIZES, epochs = 20, lr = 0.1 }
        local ep = nnt.range(0, 20)
        local series = {}
        for i = 1, #SIZES do
          series[i] = { name = bname(r.batch[i]), x = ep, y = r.train_loss[i] }
        end
        ui:chart { kind = "line", series = series,
                   title = T("Training loss per epoch", "每个回合后的训练损失"),
                   xlabel = T("epoch (samples seen / N)", "回合（已见样本 / N）"),
                   ylabel = T("loss", "损失") }
        ui:claim(T(("After one epoch K = 1 (%d updates) is at loss %s, K = N "
                    .. "(1 update) at %s.")
                     :format(r.updates[1][2], fmt(r.train_loss[1][2], 3),
                             fmt(r.train_loss[5][2], 3)),
                   ("一个回合后，K = 1（%d 次更新）的损失是 %s，K = N（1 次"
                    .. "更新）是 %s。")
                     :format(r.updates[1][2], fmt(r.train_loss[1][2], 3),
                             fmt(r.train_loss[5][2], 3))),
                 r.train_loss[1][2] < r.train_loss[5][2])
        ui:wait()
        ui:say(T(
          "Plot the same runs against the number of **updates** instead "
          .. "(log scale) and the curves fall on one line: per update, a "
          .. "batch of 128 and a batch of 2000 make about the same progress "
          .. "here. Large batches are not slow learners; they get few "
          .. "updates per epoch, and each update costs K gradient "
          .. "evaluations. (At the far right, K = 1 keeps jittering around "
          .. "the minimum: that is its gradient noise, next step.)",
          "把同样的运行改成按**更新次数**画（对数刻度），曲线几乎落在同一条线"
          .. "上：在这里，按每次更新算，128 的批和 2000 的批进展差不多。大批量"
          .. "并不是学得慢，而是每个回合得到的更新次数少，而且每次更新要算 K "
          .. "个样本的梯度。（最右边 K = 1 一直在极小值附近抖动，那是它的梯度"
          .. "噪声，下一步再看。）"))
        local up = {}
        for i = 1, #SIZES do
          up[i] = { name = bname(r.batch[i]), x = slice(r.updates, i, 2, 21),
                    y = slice(r.train_loss, i, 2, 21) }
        end
        ui:chart { kind = "line", series = up, xlog = true,
                   title = T("The same runs against updates",
                             "同样的运行，按更新次数"),
                   xlabel = T("updates (iterations)", "更新次数（迭代）"),
                   ylabel = T("loss", "损失") }
        ui:claim(T(("In 20 epochs K = 1 made %d updates and K = N made %d: "
                    .. "20 · ⌈N/K⌉ each.")
                     :format(r.updates[1][21], r.updates[5][21]),
                   ("20 个回合里，K = 1 更新了 %d 次，K = N 更新了 %d 次："
                    .. "都是 20 · ⌈N/K⌉。")
                     :format(r.updates[1][21], r.updates[5][21])),
                 r.updates[1][21] == 20 * N and r.updates[5][21] == 20)
        local d16 = r.train_loss[5][17] - r.train_loss[4][2]
        ui:claim(T(("After the same 16 updates, K = 128 (one epoch) is at %s "
                    .. "and K = N (16 epochs) at %s.")
                     :format(fmt(r.train_loss[4][2], 4),
                             fmt(r.train_loss[5][17], 4)),
                   ("同样更新 16 次后，K = 128（一个回合）的损失为 %s，"
                    .. "K = N（16 个回合）为 %s。")
                     :format(fmt(r.train_loss[4][2], 4),
                             fmt(r.train_loss[5][17], 4))),
                 math.abs(d16) < 0.01)
        ui:wait()
      end,
    },
    {
      title = T("Noise: what a small batch costs", "噪声：小批量的代价"),
      run = function(ui)
        ui:say(T(
          "A minibatch gradient is an average of K per-sample gradients, "
          .. "an estimate of the full gradient, and its error shrinks as K "
          .. "grows. The loss of a minibatch is an average of the same kind, "
          .. "an estimate of the loss on all N samples. The chart shows how "
          .. "much that **loss estimate** spreads: with K = 1 it jumps from "
          .. "sample to sample, with K = 64 it is much smoother. That is the "
          .. "averaging at work, not yet the gradient's error, which we "
          .. "measure directly after it.",
          "小批量梯度是 K 个单样本梯度的平均，是对完整梯度的估计，K 越大，"
          .. "估计误差越小。小批量的损失也是同样的平均，是对全部 N 个样本上"
          .. "损失的估计。下图显示的是这个**损失估计**的离散程度：K = 1 时逐个"
          .. "样本上下乱跳，K = 64 时平滑得多。这体现的是平均的作用，还不是梯度"
          .. "的误差；梯度的误差我们接下来直接测量。"))
        local again = same_start()
        again()
        local one = bt.train { batch = 1, epochs = 2, lr = 0.1 }
        again()
        local big = bt.train { batch = 64, epochs = 2, lr = 0.1 }
        local xo, xb = {}, {}
        for i = 1, #one.iter_loss do xo[i] = i end
        for i = 1, #big.iter_loss do xb[i] = math.min(i * 64, 2 * N) end
        ui:chart { kind = "line",
                   title = T("Minibatch loss over two epochs",
                             "两个回合里每个小批量的损失"),
                   xlabel = T("samples seen", "已见样本"),
                   ylabel = T("minibatch loss", "小批量损失"),
                   series = { { name = "K = 1", x = xo, y = one.iter_loss,
                                style = "points" },
                              { name = "K = 64", x = xb, y = big.iter_loss } } }
        local s1 = spread(one.iter_loss, N + 1, 2 * N)
        local s64 = spread(big.iter_loss, #big.iter_loss - 31,
                           #big.iter_loss)
        ui:claim(T(("In the second epoch the minibatch loss spreads with "
                    .. "standard deviation %s at K = 1 and %s at K = 64.")
                     :format(fmt(s1, 3), fmt(s64, 3)),
                   ("第二个回合里，小批量损失的标准差在 K = 1 时为 %s，"
                    .. "K = 64 时为 %s。"):format(fmt(s1, 3), fmt(s64, 3))),
                 s1 > 3 * s64)
        ui:wait()
        ui:say(T(
          "Now measure the gradient itself. At one point of training, draw "
          .. "random batches of each size K and compute ‖g_K − g‖², the "
          .. "squared distance between the minibatch gradient and the full "
          .. "one, in 16 independent rounds of 300 batches: the mean of the "
          .. "rounds estimates E‖g_K − g‖², their spread gives its standard "
          .. "error. For K samples drawn without replacement from N the "
          .. "exact value is σ²/K · (N − K)/(N − 1), where σ² = E‖gᵢ − g‖² is "
          .. "the variance of single-sample gradients. On log–log axes that "
          .. "is a line of slope −1 while K ≪ N; the finite-population "
          .. "factor (N − K)/(N − 1) then bends it down, to 0 at K = N, where "
          .. "the batch is the whole set and there is no noise left. The "
          .. "third line, σ²/K, is what sampling with replacement would give.",
          "再直接量梯度。在训练中的某一点，对每种批量大小 K 随机抽批，计算 "
          .. "‖g_K − g‖²，即小批量梯度和完整梯度之差的平方；一共做 16 轮、"
          .. "每轮 300 个批：各轮的平均值估计 E‖g_K − g‖²，各轮之间的离散程度"
          .. "给出它的标准误差。从 N 个样本中不放回地抽 K 个时，精确值是 "
          .. "σ²/K · (N − K)/(N − 1)，σ² = E‖gᵢ − g‖² 是单样本梯度的方差。"
          .. "在双对数坐标上，K ≪ N 时它是一条斜率为 −1 的直线；之后有限总体"
          .. "修正因子 (N − K)/(N − 1) 让它向下弯，到 K = N 时降为 0：此时"
          .. "一个批就是整个数据集，不再有噪声。第三条线 σ²/K 是有放回抽样时的值。"))
        local NB = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 1900 }
        local model = same_start()     -- one data set and trained model
        local mean, se, theory, free = {}, {}, {}, {}
        local within, bent = true, false
        for j, b in ipairs(NB) do
          local bs = {}
          for i = 1, 16 do bs[i] = b end
          model()
          local g = bt.grad_noise { epochs = 2, trials = 300, batches = bs }
          local m, v = 0, 0
          for i = 1, 16 do m = m + g.variance[i] / 16 end
          for i = 1, 16 do v = v + (g.variance[i] - m) ^ 2 / 15 end
          mean[j], se[j], theory[j] = m, math.sqrt(v / 16), g.theory[1]
          free[j] = g.sample_variance / b
          within = within and math.abs(m - theory[j]) <= 4 * se[j]
          if b == 1024 then
            bent = math.abs(m / free[j] - 976 / 1999) <= 4 * se[j] / free[j]
              and free[j] - m > 4 * se[j]
          end
        end
        ui:chart { kind = "line", xlog = true, ylog = true,
                   title = T("Variance of the minibatch gradient",
                             "小批量梯度的方差"),
                   xlabel = "K", ylabel = "E‖g_K − g‖²",
                   series = { { name = T("measured", "实测"), x = NB,
                                y = mean, style = "points" },
                              { name = "σ²/K · (N−K)/(N−1)", x = NB,
                                y = theory },
                              { name = T("σ²/K (with replacement)",
                                         "σ²/K（有放回）"), x = NB,
                                y = free } } }
        local mx, my, sxy, sxx, k = 0, 0, 0, 0, 9   -- K = 1 … 256
        for j = 1, k do
          mx, my = mx + math.log(NB[j]) / k, my + math.log(mean[j]) / k
        end
        for j = 1, k do
          sxy = sxy + (math.log(NB[j]) - mx) * (math.log(mean[j]) - my)
          sxx = sxx + (math.log(NB[j]) - mx) ^ 2
        end
        local slope = sxy / sxx
        ui:claim(T(("For K = 1 … 256 the fitted log–log slope of the measured "
                    .. "variance is %s: it falls like 1/K while K ≪ N.")
                     :format(("%.3f"):format(slope)),
                   ("K = 1 … 256 时，实测方差的双对数拟合斜率为 %s：K ≪ N 时"
                    .. "方差按 1/K 下降。"):format(("%.3f"):format(slope))),
                 math.abs(slope + 1) < 0.15)
        ui:claim(T("At every K the measured variance lies within 4 standard "
                   .. "errors of σ²/K · (N − K)/(N − 1).",
                   "在每个 K 上，实测方差与 σ²/K · (N − K)/(N − 1) 相差都不到 "
                   .. "4 个标准误差。"),
                 within)
        ui:claim(T(("At K = 1024 the measured variance is %s of σ²/K, "
                    .. "within 4 standard errors of the finite-population "
                    .. "factor 976/1999 = 0.488 and far below 1.")
                     :format(fmt(mean[10] / free[10], 3)),
                   ("K = 1024 时，实测方差是 σ²/K 的 %s 倍：与有限总体修正因子 "
                    .. "976/1999 = 0.488 相差不到 4 个标准误差，远小于 1。")
                     :format(fmt(mean[10] / free[10], 3))),
                 bent)
        ui:say(T(
          "So quadrupling K only halves the noise (the standard deviation "
          .. "goes like 1/√K), while it quadruples the work per update.",
          "所以把 K 变成 4 倍，噪声（标准差按 1/√K 变化）只减半，每次更新的"
          .. "计算量却变成了 4 倍。"))
        ui:wait()
      end,
    },
    {
      title = T("Time and memory", "时间与内存"),
      run = function(ui)
        ui:say(T(
          "Wall time per epoch is iterations × time per iteration. On a GPU "
          .. "the K samples of an iteration are processed in parallel, so "
          .. "until the device is full an iteration of 128 samples costs "
          .. "about as much as one of 8: larger batches finish an epoch "
          .. "much sooner. Past that point the time per epoch stops "
          .. "improving. (Our small CPU loop handles one sample after "
          .. "another, so here the difference is small; the plugin reports "
          .. "the time it measured, but it is not printed because it "
          .. "changes from run to run.)\n\n"
          .. "Memory goes the other way, but only in part. The parameters, "
          .. "their gradients and the optimiser's state take the same space "
          .. "whatever K is; backpropagation also keeps every activation of "
          .. "the batch, and that part grows in proportion to K. So memory "
          .. "is a + b·K, not ∝ K, and the device's memory caps the batch "
          .. "size. The chart counts the activations (the b·K part) of our "
          .. "logistic regression.",
          "每个回合的墙钟时间 = 迭代次数 × 每次迭代的时间。在 GPU 上，一次"
          .. "迭代里的 K 个样本是并行处理的，所以在设备吃满之前，128 个样本的"
          .. "一次迭代和 8 个样本的差不多快：大批量跑完一个回合要快得多。"
          .. "过了这个点，每个回合的时间就不再缩短。（我们这个小的 CPU 循环"
          .. "是逐个样本计算的，所以这里差别不大；插件会报告实测时间，但因为"
          .. "每次运行都不一样，这里不打印。）\n\n"
          .. "内存则相反，但只有一部分如此。参数、它们的梯度和优化器的状态占用"
          .. "的空间与 K 无关；反向传播还要保存这个批的全部激活值，这一部分随 K "
          .. "成正比增长。所以内存是 a + b·K，而不是与 K 成正比；设备内存决定了"
          .. "批量大小的上限。图中数的是我们这个 Logistic 回归的激活值（b·K 那部分）。"))
        local r = bt.sweep { batches = SIZES, epochs = 1, lr = 0.1 }
        ui:chart { kind = "line", xlog = true, ylog = true,
                   title = T("Per epoch and per iteration", "每个回合与每次迭代"),
                   xlabel = "K",
                   series = {
                     { name = T("iterations per epoch", "每个回合的迭代数"),
                       x = r.batch, y = r.iterations_per_epoch },
                     { name = T("activations held per iteration",
                                "每次迭代保存的激活值"),
                       x = r.batch, y = r.memory } } }
        ui:claim(T(("An epoch takes %d iterations at K = 8 and %d at K = 128, "
                    .. "⌈2000/8⌉ and ⌈2000/128⌉: %s× fewer.")
                     :format(r.iterations_per_epoch[2],
                             r.iterations_per_epoch[4],
                             fmt(r.iterations_per_epoch[2]
                                 / r.iterations_per_epoch[4], 3)),
                   ("K = 8 时一个回合要 %d 次迭代，K = 128 时要 %d 次，即 "
                    .. "⌈2000/8⌉ 和 ⌈2000/128⌉：少了 %s 倍。")
                     :format(r.iterations_per_epoch[2],
                             r.iterations_per_epoch[4],
                             fmt(r.iterations_per_epoch[2]
                                 / r.iterations_per_epoch[4], 3))),
                 r.iterations_per_epoch[2] == 250
                   and r.iterations_per_epoch[4] == 16)
        ui:wait()
      end,
    },
    {
      title = T("The linear scaling rule", "线性缩放规则"),
      run = function(ui)
        ui:say(T(
          "If large batches take fewer steps, why not make each step "
          .. "larger? Goyal et al. (2017) trained ImageNet in one hour with "
          .. "batches of 8192 using the **linear scaling rule**: when K is "
          .. "multiplied by m, multiply the learning rate by m. One step of "
          .. "size m·α on a batch of mK then does about what m steps of α on "
          .. "batches of K would do, **provided the gradient barely changes "
          .. "over those m small steps**: then m steps of α along nearly the "
          .. "same gradient add up to one step of m·α. The rule also keeps "
          .. "α/K fixed, the noise scale of each update (the variance of the "
          .. "minibatch gradient goes like 1/K, step 4), so the large batch "
          .. "keeps the noise of the small one. Early in training, or when "
          .. "m·α is so large that the gradient changes within one step, "
          .. "the proviso fails.\n\n"
          .. "First without the rule: K = 8 … 512, all at learning rate "
          .. "α = 0.05.",
          "既然大批量的步数少，为什么不把每一步迈大一点？Goyal 等人（2017）"
          .. "用 8192 的批在一小时内训练完 ImageNet，用的就是**线性缩放规则**："
          .. "K 乘以 m，学习率也乘以 m。这样在 mK 个样本上迈一步 m·α，大致"
          .. "相当于在 K 个样本的批上迈 m 步 α，**前提是梯度在这 m 小步里几乎"
          .. "不变**：沿着几乎相同的梯度迈 m 步 α，加起来就是一步 m·α。这个规则"
          .. "还保持 α/K 不变，也就是每次更新的噪声尺度（小批量梯度的方差按 1/K "
          .. "变化，第 4 步），于是大批量保留了小批量的噪声水平。在训练初期，"
          .. "或者 m·α 大到梯度在一步之内就明显变化时，这个前提就不成立。\n\n"
          .. "先看不用这个规则的情形：K = 8 … 512，学习率都是 α = 0.05。"))
        local again = same_start()
        local sizes = { 8, 32, 128, 512 }
        again()
        local u = bt.sweep { batches = sizes, epochs = 10, lr = 0.05 }
        local ep = nnt.range(0, 10)
        local function curves(r, k)
          local s = {}
          for i = 1, k do
            local b = r.batch[i] == N and "N" or ("%d"):format(r.batch[i])
            s[i] = { name = ("K=%s α=%s"):format(b, fmt(r.lr[i])),
                     x = ep, y = r.train_loss[i] }
          end
          return s
        end
        ui:chart { kind = "line", series = curves(u, 4),
                   title = T("Same learning rate", "学习率相同"),
                   xlabel = T("epoch", "回合"), ylabel = T("training loss", "训练损失") }
        ui:claim(T(("After one epoch K = 512 is %s behind K = 8 (loss %s "
                    .. "against %s).")
                     :format(fmt(u.train_loss[4][2] - u.train_loss[1][2], 3),
                             fmt(u.train_loss[4][2], 3),
                             fmt(u.train_loss[1][2], 3)),
                   ("一个回合后，K = 512 比 K = 8 落后 %s（损失 %s 对 %s）。")
                     :format(fmt(u.train_loss[4][2] - u.train_loss[1][2], 3),
                             fmt(u.train_loss[4][2], 3),
                             fmt(u.train_loss[1][2], 3))),
                 u.train_loss[4][2] - u.train_loss[1][2] > 0.1)
        ui:wait()
        ui:say(T(
          "Now with the rule: learning rate 0.05 · K/8. The curves fall on "
          .. "top of each other, up to a limit: at K = N = 2000 the rate "
          .. "would be 12.5, too large for this problem, and the run "
          .. "oscillates. Goyal et al. met the same limit (beyond about 8k "
          .. "on ImageNet) and needed a few epochs of warm-up with a smaller "
          .. "rate at the start.",
          "再用上这个规则：学习率 0.05 · K/8。曲线几乎重合，但有限度：到 "
          .. "K = N = 2000 时学习率成了 12.5，对这个问题太大，训练来回振荡。"
          .. "Goyal 等人也碰到了同样的上限（ImageNet 上大约在 8k 以上），而且"
          .. "开头需要用较小的学习率“预热”几个回合。"))
        again()
        local s = bt.sweep { batches = { 8, 32, 128, 512, N }, epochs = 10,
                             lr = 0.05, scale_lr = true, base_batch = 8 }
        ui:chart { kind = "line", series = curves(s, 5),
                   title = T("Learning rate ∝ K", "学习率 ∝ K"),
                   xlabel = T("epoch", "回合"), ylabel = T("training loss", "训练损失") }
        local worst, wN = 0, 0
        for e = 2, 11 do
          for i = 2, 4 do
            worst = math.max(worst, math.abs(s.train_loss[i][e]
                                             - s.train_loss[1][e]))
          end
          wN = math.max(wN, math.abs(s.train_loss[5][e] - s.train_loss[1][e]))
        end
        ui:claim(T(("With the rule, K = 32, 128 and 512 stay within %s of "
                    .. "K = 8 at every epoch.")
                     :format(fmt(worst, 2)),
                   ("用上规则后，K = 32、128、512 在每个回合都与 K = 8 相差"
                    .. "不到 %s。"):format(fmt(worst, 2))),
                 worst < 0.03)
        ui:claim(T(("At K = N (rate 12.5) the rule breaks: up to %s away "
                    .. "from K = 8.")
                     :format(fmt(wN, 3)),
                   ("到 K = N（学习率 12.5）规则失效：与 K = 8 最多相差 %s。")
                     :format(fmt(wN, 3))),
                 wN > 0.1)
        ui:wait()
        ui:say(T(
          "A gentler rule is also in use: **square-root scaling**, α ∝ √K, "
          .. "which keeps the variance of each update, α²·σ²/K, fixed instead "
          .. "of α/K. Here it gives K = 512 a rate of 0.05 · √64 = 0.4 "
          .. "instead of 3.2.",
          "还有一种更温和的规则：**平方根缩放**，α ∝ √K，它保持每次更新的方差 "
          .. "α²·σ²/K 不变，而不是 α/K。在这里 K = 512 得到的学习率是 "
          .. "0.05 · √64 = 0.4，而不是 3.2。"))
        local q = {}
        for i, b in ipairs(sizes) do
          again()
          q[i] = bt.sweep { batches = { b }, epochs = 10,
                            lr = 0.05 * math.sqrt(b / 8) }
        end
        local sq = {}
        for i, b in ipairs(sizes) do
          sq[i] = { name = ("K=%d α=%s"):format(b, fmt(q[i].lr[1])),
                    x = ep, y = q[i].train_loss[1] }
        end
        ui:chart { kind = "line", series = sq,
                   title = T("Learning rate ∝ √K", "学习率 ∝ √K"),
                   xlabel = T("epoch", "回合"), ylabel = T("training loss", "训练损失") }
        local lag = q[4].train_loss[1][2] - q[1].train_loss[1][2]
        ui:claim(T(("With √K scaling, K = 512 is still %s behind K = 8 after "
                    .. "one epoch (the linear rule: %s).")
                     :format(fmt(lag, 3),
                             fmt(s.train_loss[4][2] - s.train_loss[1][2], 2)),
                   ("用 √K 缩放时，一个回合后 K = 512 仍比 K = 8 落后 %s（线性"
                    .. "规则：%s）。")
                     :format(fmt(lag, 3),
                             fmt(s.train_loss[4][2] - s.train_loss[1][2], 2))),
                 lag > 0.02 and lag > 3 * math.abs(s.train_loss[4][2]
                                                   - s.train_loss[1][2]))
        ui:wait()
      end,
    },
    {
      title = T("Generalisation: sharp and flat minima", "泛化：尖锐与平坦的极小值"),
      run = function(ui)
        ui:say(T(
          "Keskar et al. (2017) found that large-batch training tends to end "
          .. "in **sharp** minima, where the loss rises quickly around the "
          .. "solution, and that those generalise worse; the noise of small "
          .. "batches steers towards flatter ones. We try it on a small MLP "
          .. "(32 tanh units) and 200 noisy training points: K = 8 for 100 "
          .. "epochs against K = N = 200 (full batch) for 1500 epochs, both "
          .. "at learning rate 0.5. Then we probe the sharpness. Keskar et "
          .. "al. **maximise** the training loss over the box where each "
          .. "weight moves by at most ε·(|w| + 1), and report the largest "
          .. "rise relative to 1 + f (f the loss at the minimum). We do "
          .. "something simpler: we move every weight by a **random** amount "
          .. "in the same box, 30 times, and average the rise of the "
          .. "training loss. Random directions rarely hit the sharpest one, "
          .. "so our rises are smaller than Keskar's, but they compare two "
          .. "minima in the same way.",
          "Keskar 等人（2017）发现大批量训练往往停在**尖锐**的极小值处：解的"
          .. "周围损失上升很快，而这样的解泛化更差；小批量的噪声则把训练引向"
          .. "更平坦的极小值。我们在一个小 MLP（32 个 tanh 单元）和 200 个"
          .. "带噪声的训练点上试一试：K = 8 训练 100 个回合，对比 K = N = 200"
          .. "（全批量）训练 1500 个回合，学习率都是 0.5。然后度量尖锐程度。"
          .. "Keskar 等人在每个权重最多挪动 ε·(|w| + 1) 的方框里**最大化**训练"
          .. "损失，报告最大的上升量与 1 + f 之比（f 是极小值处的损失）。我们的"
          .. "做法更简单：在同一个方框里把每个权重**随机**挪动，做 30 次，对训练"
          .. "损失的上升取平均。随机方向很少正好落在最尖锐的方向上，所以我们"
          .. "得到的上升量比 Keskar 的小，但用来比较两个极小值的方式是一样的。"))
        local r = bt.sharpness { model = "mlp", data = "mixed", n = 200,
                                 test = 1000, hidden = 32, epochs = 100,
                                 lr = 0.5, small = 8, large = 0,
                                 large_epochs = 1500 }
        ui:chart { kind = "line", xlog = true,
                   title = T("Loss rise under random weight perturbations",
                             "随机扰动权重后损失的上升"),
                   xlabel = "ε", ylabel = T("mean loss rise", "平均损失上升"),
                   series = { { name = "K = 8", x = r.eps, y = r.rise_small },
                              { name = "K = 200", x = r.eps,
                                y = r.rise_large } } }
        ui:claim(T(("At ε = 0.05 the loss rises %s after K = 200 but only %s "
                    .. "after K = 8: the large-batch minimum is sharper.")
                     :format(fmt(r.sharpness_large, 3),
                             fmt(r.sharpness_small, 3)),
                   ("在 ε = 0.05 处，K = 200 的损失上升 %s，K = 8 只上升 %s："
                    .. "大批量找到的极小值更尖锐。")
                     :format(fmt(r.sharpness_large, 3),
                             fmt(r.sharpness_small, 3))),
                 r.sharpness_large > r.sharpness_small)
        ui:claim(T(("Train → test loss: K = 8 %s → %s (gap %s), K = 200 %s → "
                    .. "%s (gap %s).")
                     :format(fmt(r.train_loss_small, 3), fmt(r.test_loss_small, 3),
                             fmt(r.gap_small, 3), fmt(r.train_loss_large, 3),
                             fmt(r.test_loss_large, 3), fmt(r.gap_large, 3)),
                   ("训练 → 测试损失：K = 8 为 %s → %s（差 %s），K = 200 为 "
                    .. "%s → %s（差 %s）。")
                     :format(fmt(r.train_loss_small, 3), fmt(r.test_loss_small, 3),
                             fmt(r.gap_small, 3), fmt(r.train_loss_large, 3),
                             fmt(r.test_loss_large, 3), fmt(r.gap_large, 3))),
                 r.gap_large > r.gap_small)
        ui:say(T(
          "This is a tendency, not a law. The large batch fitted the "
          .. "training points more tightly, and the gap is what that cost. "
          .. "With a tuned learning rate (the linear scaling rule and "
          .. "warm-up) Goyal et al. matched small-batch accuracy up to "
          .. "batches of about 8k.",
          "这是一种倾向，不是定律。大批量把训练点拟合得更紧，差距就是代价。"
          .. "调好学习率（线性缩放规则加预热）之后，Goyal 等人在批量大小约 8k "
          .. "以内都达到了小批量的准确率。"))
        ui:wait()
      end,
    },
    {
      title = T("Two questions", "两个问题"),
      run = function(ui)
        ui:quiz {
          question = T("You raise K from 64 to 256 and follow the linear "
                       .. "scaling rule. The learning rate 0.1 becomes …",
                       "把 K 从 64 提高到 256，并遵循线性缩放规则。学习率 0.1 "
                       .. "应变为……"),
          choices = { "0.025", "0.1", "0.2", "0.4" },
          answer = 4,
          explain = T("K grew 4×, so the rate grows 4×. Start with a short "
                      .. "warm-up, and expect the rule to stop working for "
                      .. "very large K.",
                      "K 变成 4 倍，学习率也变成 4 倍。开头最好短暂预热；K 特别"
                      .. "大时这个规则会失效。"),
          why = {
            [1] = T("0.025 divides by 4: the rule goes the other way. A "
                    .. "larger batch gives a less noisy gradient and 4× fewer "
                    .. "iterations per epoch, so the learning rate α is "
                    .. "multiplied by m = 4, not divided.",
                    "0.025 是除以 4，方向反了。批量变大后梯度噪声更小、每个回合的"
                    .. "迭代次数少了 4 倍，所以学习率 α 要乘以 m = 4，而不是除以 4。"),
            [2] = T("Keeping α = 0.1 is training without the rule: with 4× "
                    .. "fewer updates per epoch the large batch falls behind "
                    .. "per epoch, as the first chart of step 6 showed.",
                    "保持 α = 0.1 就是不用这个规则：每个回合的更新次数少了 4 倍，"
                    .. "按回合算大批量就会落后，第 6 步的第一张图就是这样。"),
            [3] = T("0.2 = 0.1 × √4 is the square-root scaling rule, a "
                    .. "different heuristic. The linear scaling rule "
                    .. "multiplies α by m itself: 0.1 × 4.",
                    "0.2 = 0.1 × √4 是平方根缩放规则，另一种经验做法。线性缩放"
                    .. "规则把 α 直接乘以 m：0.1 × 4。"),
          },
        }
        ui:quiz {
          question = T("Which statement about small and large batches is "
                       .. "best supported?",
                       "关于小批量和大批量，哪种说法最有依据？"),
          choices = {
            T("Large batches need fewer epochs, because each update uses "
              .. "more samples",
              "大批量需要的回合数更少，因为每次更新用到的样本更多"),
            T("Per epoch small batches make more progress; large batches can "
              .. "match them with a scaled learning rate, up to a limit",
              "按回合算小批量进展更快；大批量配上按比例放大的学习率可以追上，"
              .. "但有上限"),
            T("Large batches keep up per epoch if the learning rate grows "
              .. "like √K", "只要学习率按 √K 增长，大批量按回合算就能跟上"),
          },
          answer = 2,
          explain = T("Steps 3 and 6. Large batches also tend to sharper "
                      .. "minima at equal settings (step 7), a tendency that "
                      .. "tuning can reduce.",
                      "见第 3 步和第 6 步。在相同设置下，大批量还倾向于停在更尖锐"
                      .. "的极小值（第 7 步），调参可以减弱这种倾向。"),
          why = {
            [1] = T("At the same learning rate it is the other way round: "
                    .. "per epoch K = N made far less progress than K = 1 "
                    .. "(step 3), because an epoch gives it ⌈N/K⌉ updates, "
                    .. "and per update a batch of 2000 did about what a "
                    .. "batch of 128 did. More samples per update make each "
                    .. "gradient less noisy (step 4), not each step longer.",
                    "在相同学习率下恰恰相反：按回合算，K = N 的进展远不如 K = 1"
                    .. "（第 3 步），因为一个回合只给它 ⌈N/K⌉ 次更新；而按每次更新"
                    .. "算，2000 的批和 128 的批进展差不多。每次更新用的样本多，"
                    .. "只让梯度的噪声更小（第 4 步），并不让每一步迈得更远。"),
            [3] = T("That is square-root scaling. It keeps the variance of "
                    .. "each update fixed, but in step 6 K = 512 with α ∝ √K "
                    .. "still lagged K = 8 after one epoch, where the linear "
                    .. "rule (α ∝ K) kept up: for this problem the rate has "
                    .. "to grow like K, up to the limit the rule runs into.",
                    "这是平方根缩放。它保持每次更新的方差不变，但在第 6 步里，"
                    .. "α ∝ √K 的 K = 512 一个回合后仍落后于 K = 8，而线性规则"
                    .. "（α ∝ K）跟上了：对这个问题，学习率要随 K 线性增长，直到"
                    .. "碰上规则的上限。"),
          },
        }
      end,
    },
    {
      title = T("Try it yourself", "自己试试"),
      run = function(ui)
        ui:say(T(
          "Pick a batch size and a learning rate; logistic regression "
          .. "retrains for 20 epochs on the 2000 points. Try K = 1 with a "
          .. "large rate, or the whole set (the largest K) with a small one.",
          "选一个批量大小和学习率，Logistic 回归会在 2000 个点上重新训练 20 个"
          .. "回合。试试 K = 1 配大学习率，或者整个数据集（最大的 K）配小"
          .. "学习率。"))
        local again = same_start()
        ui:explore {
          params = {
            { name = "lg_b", min = 0, max = 11, step = 1, value = 5,
              label = T("log₂ K", "log₂ K") },
            { name = "lg_lr", min = -2, max = 1, step = 0.25, value = -1,
              label = T("log₁₀ α", "log₁₀ α（学习率）") },
          },
          draw = function(p)
            local b, lr = math.min(2 ^ p.lg_b, N), 10 ^ p.lg_lr
            again()
            local r = bt.train { batch = math.tointeger(b), lr = lr,
                                 epochs = 20 }
            ui:chart { kind = "line",
                       title = T(("K = %d, α = %s: %d updates, test loss %s")
                                   :format(b, fmt(lr, 3), r.updates[21],
                                           fmt(r.final_test, 3)),
                                 ("K = %d，α = %s：%d 次更新，测试损失 %s")
                                   :format(b, fmt(lr, 3), r.updates[21],
                                           fmt(r.final_test, 3))),
                       xlabel = T("epoch", "回合"), ylabel = T("loss", "损失"),
                       series = { { name = T("train", "训练"), x = nnt.range(0, 20),
                                    y = r.train_loss },
                                  { name = T("held out", "留出"), x = nnt.range(0, 20),
                                    y = r.test_loss } } }
          end,
        }
      end,
    },
    {
      title = T("Choosing batch_size", "如何选择 batch_size"),
      run = function(ui)
        ui:say(T(
          "A typical answer to A2.1 says an epoch is how many times the "
          .. "whole training set is used, an iteration is the number of "
          .. "updates in an epoch, small batches are unstable but update "
          .. "faster and 'more easily give better models', and large batches "
          .. "use memory better and are stable but converge more slowly, "
          .. "with very large ones usually worse. Against the experiments:\n\n"
          .. "- **Definitions**: an iteration is **one** update on one batch; "
          .. "an epoch contains ⌈N/K⌉ of them (⌊N/K⌋ with drop_last).\n"
          .. "- **Noise**: right, the gradient variance falls like 1/K, "
          .. "and to 0 as K nears N (step 4), so small batches need smaller "
          .. "learning rates.\n"
          .. "- **'Converge more slowly'**: per epoch yes; per update no; "
          .. "with the learning rate scaled with K, about the same per epoch "
          .. "up to a limit (steps 3 and 6).\n"
          .. "- **Memory**: a large batch **uses more** memory: the "
          .. "activations grow with K on top of a fixed part for the "
          .. "parameters (a + b·K, step 5); what it uses better is the "
          .. "parallel hardware.\n"
          .. "- **'Better models'**: a tendency at equal settings (sharper "
          .. "minima, Keskar et al. 2017), not a rule: with a tuned learning "
          .. "rate large batches match small ones up to a point (Goyal et al. "
          .. "2017).\n\n"
          .. "In practice: take the largest K that fits in memory and still "
          .. "speeds up an epoch (often 32–512), scale the learning rate with "
          .. "K and warm it up, and check the held-out loss rather than "
          .. "trusting a rule of thumb.",
          "A2.1 的一份典型答案写道：epoch 是全部训练数据被使用的次数，"
          .. "iteration 是一个 epoch 中参数更新的次数；小批量训练不稳定，但"
          .. "更新更快，“更容易得到更好的模型效果”；大批量内存利用率高、训练"
          .. "稳定，但收敛较慢，过大的批效果普遍较差。对照上面的实验：\n\n"
          .. "- **定义**：一次迭代是在一个批上的**一次**更新；一个回合"
          .. "包含 ⌈N/K⌉ 次（设 drop_last 时为 ⌊N/K⌋）。\n"
          .. "- **噪声**：说得对，梯度方差按 1/K 下降，K 接近 N 时降到 0（第 4 "
          .. "步），所以小批量需要更小的学习率。\n"
          .. "- **“收敛较慢”**：按回合算是对的；按更新次数算不对；学习率随 K "
          .. "按比例放大后，按回合算也差不多，但有上限（第 3、6 步）。\n"
          .. "- **内存**：大批量**占用更多**内存：在参数占用的固定部分之上，激活值"
          .. "随 K 增长（a + b·K，第 5 步）；它利用得更好的是并行硬件。\n"
          .. "- **“更好的模型”**：在相同设置下是一种倾向（更尖锐的极小值，"
          .. "Keskar 等人 2017），不是定律：调好学习率后，大批量在一定范围内能"
          .. "追上小批量（Goyal 等人 2017）。\n\n"
          .. "实践中：在内存放得下、而且还能加快每个回合的前提下取尽量大的 K"
          .. "（常见 32–512），学习率随 K 放大并做预热，并且以留出集上的损失为准，"
          .. "而不是靠经验法则。"))
      end,
    },
  },
  exercises = {
    {
      name = "iterations",
      title = T("Iterations per epoch", "每个回合的迭代次数"),
      statement = T(
        "Write `iterations(N, K, drop_last)`: how many iterations (minibatches, "
        .. "so parameter updates) **one epoch** of N samples takes with batch "
        .. "size K.\n\n"
        .. "- N ≥ 1 and K ≥ 1 are whole numbers; K may be larger than N\n"
        .. "- `drop_last` is `true` or `false`; when true, a last batch with "
        .. "fewer than K samples is skipped\n\n"
        .. "Return a whole number.",
        "编写 `iterations(N, K, drop_last)`：N 个样本、批量大小为 K 时，**一个回合（Epoch）**有多少次迭代（也就是多少个小批量、多少次"
        .. "参数更新）。\n\n"
        .. "- N ≥ 1、K ≥ 1 都是整数；K 可以比 N 大\n"
        .. "- `drop_last` 为 `true` 或 `false`；为 true 时，样本数不足 K 的最后"
        .. "一批被舍弃\n\n"
        .. "返回一个整数。"),
      stub = T([[
-- N samples, batch size K, drop_last true or false.
-- Return the number of iterations in one epoch.
function iterations(N, K, drop_last)
  return 0
end
]], [[
-- N 个样本，批量大小 K，drop_last 为 true 或 false。
-- 返回一个回合里的迭代次数。
function iterations(N, K, drop_last)
  return 0
end
]]),
      solution = T([[
function iterations(N, K, drop_last)
  if drop_last then
    return N // K             -- only the full batches: floor(N/K)
  end
  return (N + K - 1) // K     -- the leftovers make one more: ceil(N/K)
end
]], [[
function iterations(N, K, drop_last)
  if drop_last then
    return N // K             -- 只算满批：⌊N/K⌋
  end
  return (N + K - 1) // K     -- 剩下的样本再凑一批：⌈N/K⌉
end
]]),
      hints = {
        T("Start with the full batches: how many times does K fit into N? "
          .. "In Lua, `N // K` is the integer division ⌊N/K⌋.",
          "先数满批：N 里能装下几个 K？Lua 里 `N // K` 就是整数除法 ⌊N/K⌋。"),
        T("The N % K samples left over form one more, smaller batch, unless "
          .. "there are none (N divisible by K) or `drop_last` is true.",
          "剩下的 N % K 个样本会组成一个较小的批，除非一个也没剩（N 能被 K "
          .. "整除），或者 `drop_last` 为 true。"),
        T("With drop_last: `N // K` (0 when N < K). Without: ⌈N/K⌉, which in "
          .. "whole numbers is `(N + K - 1) // K`.",
          "设了 drop_last：`N // K`（N < K 时为 0）。不设：⌈N/K⌉，用整数写就是 "
          .. "`(N + K - 1) // K`。"),
      },
      -- the batching plugin's own accounting (no shuffle: no random draws)
      reference = function(N, K, drop_last)
        local r = bt.schedule { n = N, batch = K, epochs = 1, shuffle = false,
                                drop_last = drop_last }
        return math.tointeger(r.iterations_per_epoch)
      end,
      cases = {
        { 10, 4, false }, { 10, 4, true },      -- the lesson's example
        { 3, 8, false }, { 3, 8, true },        -- N < K
        { 12, 4, false }, { 12, 4, true },      -- N divisible by K
        { 7, 1, false }, { 7, 1, true },        -- K = 1
        { 9, 9, false }, { 9, 9, true },        -- K = N
        { 1, 1, false }, { 1, 5, true },
        { 1000, 64, false }, { 1000, 64, true },
      },
      random = function(R)
        local N = R.int(1, 5000)
        local K = R.int(1, 4) == 1 and R.int(1, 2 * N) or R.int(1, 256)
        return { N, K, R.int(0, 1) == 1 }
      end,
    },
    {
      name = "counters",
      title = T("The counters after t iterations", "t 次迭代后的计数器"),
      statement = T(
        "Write `counters(t, N, K, drop_last)`: the counters of step 2 after "
        .. "iteration t of training on N samples with batch size K. Return "
        .. "three whole numbers:\n\n"
        .. "- the epoch iteration t belongs to (from 1)\n"
        .. "- which iteration of that epoch it is (from 1 to the number of "
        .. "iterations per epoch)\n"
        .. "- the samples seen so far, iteration t included\n\n"
        .. "t ≥ 1, 1 ≤ K ≤ N; `drop_last` as in `iterations`. Batches never "
        .. "run across the end of an epoch.",
        "编写 `counters(t, N, K, drop_last)`：在 N 个样本上以批量大小 K 训练，"
        .. "第 t 次迭代之后第 2 步里的那些计数器。返回三个整数：\n\n"
        .. "- 第 t 次迭代属于第几个回合（从 1 数起）\n"
        .. "- 它是该回合里的第几次迭代（从 1 到每个回合的迭代次数）\n"
        .. "- 到目前为止（含第 t 次迭代）已见过的样本数\n\n"
        .. "t ≥ 1，1 ≤ K ≤ N；`drop_last` 与 `iterations` 中的相同。一个批"
        .. "不会跨过回合的结尾。"),
      stub = T([[
-- Iteration t (from 1), N samples, batch size K (K <= N), drop_last.
-- Return epoch, iteration within the epoch, samples seen.
function counters(t, N, K, drop_last)
  return 0, 0, 0
end
]], [[
-- 第 t 次迭代（从 1 数起），N 个样本，批量大小 K（K <= N），drop_last。
-- 返回：回合、回合内的第几次迭代、已见样本数。
function counters(t, N, K, drop_last)
  return 0, 0, 0
end
]]),
      solution = T([[
function counters(t, N, K, drop_last)
  local per = drop_last and N // K or (N + K - 1) // K  -- iterations per epoch
  local used = drop_last and per * K or N                -- samples per epoch
  local epoch = (t - 1) // per + 1
  local i = t - (epoch - 1) * per                        -- 1 .. per
  return epoch, i, (epoch - 1) * used + math.min(i * K, used)
end
]], [[
function counters(t, N, K, drop_last)
  local per = drop_last and N // K or (N + K - 1) // K  -- 每个回合的迭代次数
  local used = drop_last and per * K or N                -- 每个回合用到的样本数
  local epoch = (t - 1) // per + 1
  local i = t - (epoch - 1) * per                        -- 1 .. per
  return epoch, i, (epoch - 1) * used + math.min(i * K, used)
end
]]),
      hints = {
        T("First the number P of iterations per epoch, as in `iterations` "
          .. "(write it again here: each exercise file stands alone). "
          .. "Iterations 1 … P are epoch 1, P + 1 … 2P epoch 2, and so on.",
          "先算每个回合的迭代次数 P，和 `iterations` 里一样（在这里再写一遍："
          .. "每个练习文件都是独立的）。第 1 … P 次迭代属于第 1 个回合，"
          .. "第 P + 1 … 2P 次属于第 2 个，依此类推。"),
        T("Careful at the end of an epoch: iteration t = P is iteration P of "
          .. "epoch 1, not iteration 0 of epoch 2. Count from 0 first: "
          .. "epoch = (t − 1) // P + 1, and i = t − (epoch − 1)·P.",
          "小心回合的结尾：第 t = P 次迭代是第 1 个回合的第 P 次，而不是第 2 个"
          .. "回合的第 0 次。先从 0 数：epoch = (t − 1) // P + 1，"
          .. "i = t − (epoch − 1)·P。"),
        T("Samples: each finished epoch used N samples (P·K with drop_last), "
          .. "and the current one i·K, but never more than an epoch uses: "
          .. "(epoch − 1)·used + min(i·K, used).",
          "样本数：每个已完成的回合用了 N 个样本（设 drop_last 时是 P·K 个），"
          .. "当前回合用了 i·K 个，但不会超过一个回合用到的数目："
          .. "(epoch − 1)·used + min(i·K, used)。"),
      },
      -- the batching plugin's counters from an unshuffled run up to t
      reference = function(t, N, K, drop_last)
        local r = bt.step { n = N, batch = K, epochs = 50, shuffle = false,
                            drop_last = drop_last, upto = t }
        return math.tointeger(r.epoch), math.tointeger(r.iteration_in_epoch),
               math.tointeger(r.samples_seen)
      end,
      cases = {
        { 1, 12, 5, false }, { 3, 12, 5, false },   -- last batch: 2 samples
        { 4, 12, 5, false }, { 9, 12, 5, false },   -- as in step 2
        { 2, 12, 5, true }, { 3, 12, 5, true },     -- drop_last
        { 12, 12, 1, false }, { 13, 12, 1, false }, -- K = 1
        { 1, 12, 12, false }, { 2, 12, 12, true },  -- K = N
        { 3, 12, 4, false }, { 5, 12, 4, true },    -- N divisible by K
        { 7, 10, 4, false }, { 7, 10, 4, true },
      },
      random = function(R)
        local N = R.int(2, 1000)
        local K = R.int(1, 3) == 1 and R.int(1, N) or R.int(1, math.min(N, 64))
        local drop = R.int(0, 1) == 1
        local per = drop and N // K or (N + K - 1) // K
        local t
        if R.int(1, 3) == 1 then        -- at an epoch's end or just after
          t = per * R.int(1, 49) + R.int(0, 1)
        else
          t = R.int(1, math.min(50 * per, 50000))
        end
        return { t, N, K, drop }
      end,
    },
  },
}
