# SPDX-License-Identifier: MIT
"""Benchmarks the bn plugin against PyTorch (CPU, one thread, float64;
float32 beside it, labelled): 300 SGD steps of a 3-layer sigmoid MLP with
batch norm (batch 60, 64 inputs, 10 classes) at widths 100, 256 and 512
(the ceiling), and the lesson-sized learning-rate sweep (8 rates, with and
without batch norm: 16 networks of 3x16, 150 steps each).  Ours runs on
one thread (NNTUTOR_THREADS=1) against the peer, and again on two for the
two-core gain (the machine's load is printed: the gain needs a free
core).  Both sides are timed from drawing the data to the final
evaluation (see reference()).  Prints our time, PyTorch's on the same
work, and the ratio (best of 3), and our ratio to a floor: the matrix
products alone at the faster of OpenBLAS's dgemm rate and ours."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402  (shared bench helpers)
benchlib.system_python()
print("peer BLAS: %s, 1 thread" % benchlib.on_blas())

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "crosscheck"))
from nnt import time_call  # noqa: E402  (times calls inside nntutor)

PLUGIN = "bn"
REPEAT = 3


def ours(call, threads=1):
    """Returns the best of REPEAT times of one plugin call, timed in Lua,
    with NNTUTOR_THREADS=threads."""
    os.environ["NNTUTOR_THREADS"] = str(threads)
    try:
        return time_call(PLUGIN, call, REPEAT)
    finally:
        del os.environ["NNTUTOR_THREADS"]


def mlp(inputs, width, depth, classes, use_bn, dtype):
    """Returns PyTorch's version of the plugin's sigmoid MLP."""
    layers, d = [], inputs
    for _ in range(depth):
        layers.append(torch.nn.Linear(d, width, bias=not use_bn))
        if use_bn:
            layers.append(torch.nn.BatchNorm1d(width))
        layers.append(torch.nn.Sigmoid())
        d = width
    layers.append(torch.nn.Linear(d, classes))
    return torch.nn.Sequential(*layers).to(dtype)


def torch_train(nets, lrs, X, y, steps, batch):
    """Trains nets side by side for steps SGD steps on shared batches;
    returns the seconds taken."""
    opts = [torch.optim.SGD(n.parameters(), lr=lr) for n, lr in zip(nets, lrs)]
    g = torch.Generator().manual_seed(0)
    order = torch.randperm(len(X), generator=g)
    pos = 0
    t0 = time.perf_counter()
    for _ in range(steps):
        if pos + batch > len(X):
            order = torch.randperm(len(X), generator=g)
            pos = 0
        idx = order[pos:pos + batch]
        pos += batch
        xb, yb = X[idx], y[idx]
        for net, opt in zip(nets, opts):
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
    return time.perf_counter() - t0


def reference(inputs, width, depth, classes, steps, batch, n, lrs, bns,
              dtype=torch.float64):
    """Returns the best of REPEAT PyTorch times for the same work as one
    plugin call (of one run when that took over 5 s, as on the reference
    BLAS at width 512): drawing the n training and n/4 held-out rows,
    building and initialising the networks, training them, and the final
    held-out and training loss and accuracy in eval mode, as the plugin
    does.  (The plugin also takes activation percentiles on a probe batch
    at `record` points: two forward passes of at most 256 rows, left out
    here.)"""
    best = float("inf")
    for _ in range(REPEAT):
        if 5.0 < best < float("inf"):
            break
        t0 = time.perf_counter()
        torch.manual_seed(0)
        X = torch.randn(n + n // 4, inputs, dtype=dtype)
        y = torch.randint(0, classes, (n + n // 4,))
        nets = [mlp(inputs, width, depth, classes, b, dtype) for b in bns]
        torch_train(nets, lrs, X[:n], y[:n], steps, batch)
        with torch.no_grad():
            for net in nets:
                net.eval()
                for xs, ys in ((X[n:], y[n:]), (X[:n], y[:n])):
                    z = net(xs)
                    torch.nn.functional.cross_entropy(z, ys).item()
                    (z.argmax(1) == ys).double().mean().item()
        best = min(best, time.perf_counter() - t0)
    return best


def report(name, t_ours, t_ref, target):
    print("%-44s ours %8.1f ms  torch %8.1f ms  ratio %.3f  (target <= %g)"
          % (name, t_ours * 1e3, t_ref * 1e3, t_ours / t_ref, target))


def gemm_rate():
    """Returns (flop/s, who): the faster one-thread matrix product on
    this machine at 500 x 500 x 500, OpenBLAS's dgemm (numpy, on the BLAS
    this process runs) or the plugins' (build/bench/mm_rate)."""
    best = (benchlib.rates()["gemm_flops"], "OpenBLAS dgemm")
    exe = os.path.join(os.environ.get("BUILD", "build"), "bench", "mm_rate")
    try:
        out = subprocess.run([exe], capture_output=True, text=True,
                             check=True, env=dict(os.environ,
                                                  NNTUTOR_THREADS="1"))
        ours_rate = float(out.stdout.split()[0])
        if ours_rate > best[0]:
            best = (ours_rate, "our mm_nn")
    except (OSError, subprocess.CalledProcessError, ValueError,
            IndexError):
        pass
    return best


def floor_s(width, steps, rate, inputs=64, classes=10, batch=60, n=2000):
    """Returns the seconds the matrix products of one train call take at
    rate flop/s: per step the forward product of each layer, its weight
    gradient, and the gradient to its input (all but the first layer); the
    final forward pass over the n training and n/4 held-out rows.  The
    batch norm, sigmoids, softmax and updates are left out, so this is a
    floor, not an estimate."""
    layers = [(inputs, width), (width, width), (width, width),
              (width, classes)]
    fwd = sum(a * b for a, b in layers)
    step = batch * (2 * fwd + fwd - inputs * width)
    macs = steps * step + (n + n // 4) * fwd
    return 2.0 * macs / rate


torch.set_num_threads(1)
print("ours on 1 thread unless said; %s" % benchlib.load_note())
RATE = gemm_rate()
TRAIN = ("train{ bn = true, lr = 0.1, depth = 3, width = %d, inputs = 64, "
         "classes = 10, batch = 60, steps = %d, n = 2000, record = 2 }")
for w in (100, 256, 512):
    t_ours = ours(TRAIN % (w, 300))
    t64 = reference(64, w, 3, 10, 300, 60, 2000, [0.1], [True])
    t_two = ours(TRAIN % (w, 300), 2)
    t_ours = min(t_ours, ours(TRAIN % (w, 300)))    # interleaved again
    t32 = reference(64, w, 3, 10, 300, 60, 2000, [0.1], [True],
                    torch.float32)
    report("300 steps 3x%d sigmoid+BN, B=60 (float64)" % w, t_ours, t64,
           0.5)
    report("  the same, PyTorch in float32", t_ours, t32, 0.5)
    fl = floor_s(w, 300, RATE[0])
    print("  floor %.1f ms (the matrix products at %.0f GFLOP/s, %s): "
          "ratio %.2f" % (fl * 1e3, RATE[0] / 1e9, RATE[1], t_ours / fl))
    print("  two threads: %.1f ms, two-core gain %.2fx"
          % (t_two * 1e3, t_ours / t_two))

rates = [0.01 * (3000 ** (i / 7)) for i in range(8)]
sweep = "lr_sweep{ rates = 8 }"
t_ours = ours(sweep)
t_two = ours(sweep, 2)
t_ref = reference(16, 16, 3, 4, 150, 16, 800,
                  [r for r in rates for _ in (0, 1)], [False, True] * 8)
report("lr sweep 8 rates x {plain, BN}, 3x16, 150 steps", t_ours, t_ref, 0.5)
print("  two threads (one network each): %.1f ms, two-core gain %.2fx"
      % (t_two * 1e3, t_ours / t_two))
print("  lesson redraw budget 50 ms: sweep %s" %
      ("fits" if t_two < 0.05 else "does not fit (the lesson's explore "
       "trains 2 nets per redraw)"))

# Scaling: 100 steps of the 3-layer BN MLP at width 64 .. 512 (the ceiling)
sizes, t_o, t_p = [64, 128, 256, 512], [], []
for w in sizes:
    t_o.append(ours(TRAIN % (w, 100)))
    t_p.append(reference(64, w, 3, 10, 100, 60, 2000, [0.1], [True]))
print("scaling, 100 BN-MLP steps, width %s: ours %s ms, torch (float64) "
      "%s ms; exponent ours %.2f, torch %.2f" % (
          sizes, [round(t * 1e3, 1) for t in t_o],
          [round(t * 1e3, 1) for t in t_p], benchlib.exponent(sizes, t_o),
          benchlib.exponent(sizes, t_p)))
sys.exit(0)
