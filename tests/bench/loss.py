# SPDX-License-Identifier: MIT
"""Benchmarks the loss plugin's landscape (201 x 201 grid, N = 200 points,
MSE and CE, with and without the Hessian eigenvalues) against numpy doing
the same work by broadcasting (in blocks of rows, so big grids fit in
memory), and against two floors: the exp/log calls a direct evaluation
needs (a C loop doing only those, with libm and with the plugin's own
vector exp/log1p), and the arithmetic floor: the largest of the time of
the divisions per grid point and sample (one for MSE's σ, with or without
its Hessian, one for CE's Hessian, none for CE alone), of its multiplies
alone, of its adds alone, and of the two together (WORK), each measured
by a C loop doing only those at the kernel's vector width (this machine
multiplies and adds on separate units, so a formula with more multiplies
than adds is bound by its multiplies).  Ours is timed on one
thread (NNTUTOR_THREADS=1) against the floors and numpy, and again on two
for the two-core gain.  Prints times and ratios; never fails on speed.
Targets: at most 0.1x numpy, within 2x of the arithmetic floor on one
core."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402  (shared bench helpers)
benchlib.system_python()
print("peer BLAS: %s, 1 thread" % benchlib.on_blas())

try:
    import numpy as np
except ImportError:         # a Python without Debian's packages first in PATH
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("numpy is missing (make deps-crosscheck); skipping the loss bench")
    sys.exit(0)

NNTUTOR = os.environ.get("NNTUTOR", "build/nntutor")
G, N, REPS = 201, 200, 15
W_RANGE = (-8.0, 8.0)
B1, B2 = 0.0, -2.0

OURS = """
-- threads: NNTUTOR_THREADS of the run
local loss = nnt.plugin "loss"
local out = {}
for _, l in ipairs { "mse", "ce" } do
  for _, h in ipairs { false, true } do
    local ts, r = {}
    for k = 1, %(reps)d do
      local t0 = nnt.clock()
      r = loss.landscape { loss = l, n = %(g)d, points = %(n)d, hessian = h,
                           midpoint = false, bias1 = %(b1)r, bias2 = %(b2)r,
                           x_min = %(lo)r, x_max = %(hi)r, y_min = %(lo)r,
                           y_max = %(hi)r }
      ts[k] = nnt.clock() - t0
    end
    table.sort(ts)
    out[#out + 1] = { loss = l, hessian = h, best = ts[1],
                      median = ts[(#ts + 1) // 2], kernel = r.kernel,
                      probe = { r.loss[101][57], r.loss[13][190] },
                      eig = h and { r.eig_min[101][57], r.eig_max[13][190] } or nil,
                      data_x = r.data_x, data_y = r.data_y }
  end
end
print(nnt.json(out))
""" % {"reps": REPS, "g": G, "n": N, "b1": B1, "b2": B2, "lo": W_RANGE[0],
       "hi": W_RANGE[1]}

# Per grid point and sample: (divisions, multiplies, adds and subtracts)
# the kernel's formula does for labels 0 and 1 (the bench's data; other
# labels take a few more); comparisons, minima, maxima and selects not
# counted.  MSE: E = base·rho, u = 1 + E, d = 1 / u or E / u, sum d²: 1,
# 2, 2.  MSE + Hessian (the net's form): r = 1 / u, 1 − σ = E·r, g =
# σ(1 − σ), ℓ'/2 = d·g with d = σ or 1 − σ (its sign in the weights),
# ℓ''/2 = g² + ℓ'/2·(1 − 2σ), d², five weighted sums: 1, 12, 9.  CE: z,
# e^-|z| as the smaller of two products, the 5-term series, the loss
# terms, 1 + e and the running product: 0, 10, 8.  CE + Hessian: r = 1 /
# u, 1 − σ = E·r, z, the series in min(σ, 1 − σ), the loss terms, the
# running product of max(σ, 1 − σ), σ(1 − σ), five weighted sums (σ − y is
# σ or 1 − σ): 1, 16, 13.
WORK = {("mse", False): (1, 2, 2), ("mse", True): (1, 12, 9),
        ("ce", False): (0, 10, 8), ("ce", True): (1, 16, 13)}

FLOOR_C = r"""
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "loss_vec.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One pass of the formula's mix (MIX_BODY, made by mix_body in loss.py):
 * MIX_UNITS vectors' worth of its divisions, multiplies and adds, spread
 * evenly over independent chains in registers. */
static void mix_pass(lv_d *mc, lv_d *ac, lv_d *dc)
{
    const lv_d m = lv_splat(0.999999), c = lv_splat(1e-6);
    const lv_d c1 = lv_splat(1.5);

    MIX_BODY
}

/* args: exps logs reps divs flops units kexps; prints best seconds for
 * libm and for lv_* (exps and logs), for divs divisions, for flops
 * multiplies and adds (half each), for flops multiplies alone, for flops
 * adds alone, for units vectors of the formula's mix (mix_pass) and for
 * kexps vector exps, all at the vector width */
int main(int argc, char **argv)
{
    long ne = atol(argv[1]), nl = atol(argv[2]), nd = atol(argv[4]);
    long nf = atol(argv[5]), units = atol(argv[6]), nk = atol(argv[7]);
    double best_mix = 1e30, best_kexp = 1e30;
    int reps = atoi(argv[3]);
    static double in[4096], out[4096];
    double best_libm = 1e30, best_vec = 1e30, best_div = 1e30, sink = 0;
    double best_flop = 1e30, best_mul = 1e30, best_add = 1e30;

    for (int i = 0; i < 4096; i++)
        in[i] = -fmod(i * 0.6180339887, 9.0);       /* -|z| in (-9, 0] */
    for (int r = 0; r < reps; r++) {
        double t = now();
        for (long k = 0; k < ne; k += 4096) {
            long m = ne - k < 4096 ? ne - k : 4096;
            for (long i = 0; i < m; i++)
                out[i] = exp(in[i]);
            sink += out[k % 4096 < m ? k % 4096 : 0];
        }
        for (long k = 0; k < nl; k += 4096) {
            long m = nl - k < 4096 ? nl - k : 4096;
            for (long i = 0; i < m; i++)
                out[i] = log1p(-in[i] * 0.1);
            sink += out[0];
        }
        t = now() - t;
        best_libm = t < best_libm ? t : best_libm;
        t = now();
        for (long k = 0; k < ne; k += 4096) {
            long m = ne - k < 4096 ? ne - k : 4096;
            for (long i = 0; i < m; i += LV_W)
                lv_store(out + i, nc_vx_exp(lv_load(in + i), NULL));
            sink += out[0];
        }
        for (long k = 0; k < nl; k += 4096) {
            long m = nl - k < 4096 ? nl - k : 4096;
            for (long i = 0; i < m; i += LV_W)
                lv_store(out + i, lv_log1p(lv_load(in + i) * lv_splat(-0.1)));
            sink += out[0];
        }
        t = now() - t;
        best_vec = t < best_vec ? t : best_vec;
        t = now();                  /* the kernel's own exps */
        for (long k = 0; k < nk; k += 4096) {
            long m = nk - k < 4096 ? nk - k : 4096;
            for (long i = 0; i < m; i += LV_W)
                lv_store(out + i, nc_vx_exp(lv_load(in + i), NULL));
            sink += out[0];
        }
        t = now() - t;
        best_kexp = t < best_kexp ? t : best_kexp;
        t = now();                  /* 1 / (1 + e), independent lanes */
        for (long k = 0; k < nd; k += 4096) {
            long m = nd - k < 4096 ? nd - k : 4096;
            for (long i = 0; i < m; i += LV_W)
                lv_store(out + i, lv_splat(1.0) / (lv_splat(1.0)
                                                   - lv_load(in + i)));
            sink += out[0];
        }
        t = now() - t;
        best_div = t < best_div ? t : best_div;
    }
    {       /* vector multiplies and adds: 12 independent chains */
        lv_d a[12], m = lv_splat(0.999999), c = lv_splat(1e-6);
        long iters = nf / (24 * LV_W) + 1;

        for (int k = 0; k < 12; k++)
            a[k] = lv_splat(1.0 + k);
        for (int r = 0; r < reps; r++) {
            double t = now();
            for (long i = 0; i < iters; i++)
#pragma GCC unroll 12
                for (int k = 0; k < 12; k++)    /* in registers */
                    a[k] = a[k] * m + c;
            t = (now() - t) * nf / (iters * 24.0 * LV_W);
            best_flop = t < best_flop ? t : best_flop;
        }
        for (int k = 0; k < 12; k++)
            sink += a[k][0];
    }
    for (int op = 0; op < 2; op++) {    /* multiplies alone, adds alone */
        lv_d a[24], m = lv_splat(0.999999), c = lv_splat(1e-6);
        long iters = nf / (24 * LV_W) + 1;
        double *best = op ? &best_add : &best_mul;

        for (int k = 0; k < 24; k++)
            a[k] = lv_splat(1.0 + k);
        for (int r = 0; r < reps; r++) {
            double t = now();
            for (long i = 0; i < iters; i++)
#pragma GCC unroll 24
                for (int k = 0; k < 24; k++)    /* 24 chains */
                    a[k] = op ? a[k] + c : a[k] * m;
            t = (now() - t) * nf / (iters * 24.0 * LV_W);
            *best = t < *best ? t : *best;
        }
        for (int k = 0; k < 24; k++)
            sink += a[k][0];
    }
    {       /* the formula's mix: 10 multiply, 10 add, 6 divide chains */
        lv_d mc[10], ac[10], dc[6];
        long iters = units / MIX_UNITS + 1;

        for (int k = 0; k < 10; k++)
            mc[k] = ac[k] = lv_splat(1.0 + k);
        for (int k = 0; k < 6; k++)
            dc[k] = lv_splat(1.0 + k);
        for (int r = 0; r < reps; r++) {
            double t = now();
            for (long i = 0; i < iters; i++)
                mix_pass(mc, ac, dc);
            t = (now() - t) * units / ((double)iters * MIX_UNITS);
            best_mix = t < best_mix ? t : best_mix;
        }
        for (int k = 0; k < 10; k++)
            sink += mc[k][0] + ac[k][0];
        for (int k = 0; k < 6; k++)
            sink += dc[k][0];
    }
    printf("%.9f %.9f %.9f %.9f %.9f %.9f %.9f %.9f %g\n", best_libm,
           best_vec, best_div, best_flop, best_mul, best_add, best_mix,
           best_kexp, sink);
    return 0;
}
"""

ISA = {"avx512": ("-mavx512f", 64), "avx2": ("-mavx2", 32),
       "sse2": ("", 16), "generic": ("", 16)}


MIX_UNITS = 8


def mix_body(work):
    """Returns C statements doing MIX_UNITS times the divisions,
    multiplies and adds of work (per vector), each unit's divisions and
    adds spread evenly among its multiplies, over 10 multiply chains, 10
    add chains and 6 divide chains (mix_pass's arrays)."""
    divs, muls, adds = work
    ops, k = [], [0, 0, 0]
    for _ in range(MIX_UNITS):
        n = max(muls, 1)
        for i in range(n):
            for kind, count in ((2, divs), (1, adds)):
                for _ in range(count * (i + 1) // n - count * i // n):
                    ops.append(kind)
            if i < muls:
                ops.append(0)
    lines = []
    for kind in ops:
        j = k[kind]
        k[kind] += 1
        lines.append(("mc[%d] = mc[%d] * m;" % (j % 10, j % 10),
                      "ac[%d] = ac[%d] + c;" % (j % 10, j % 10),
                      "dc[%d] = c1 / dc[%d];" % (j % 6, j % 6))[kind])
    return "\n    ".join(lines)


def floor_times(kernel, exps, logs, divs, flops, work, units, kexps):
    """Returns (libm, vector, divide, flop, multiply, add, mix, kexp)
    seconds for exps exp calls and logs log1p calls (with libm; with the
    plugin's vector functions), for divs divisions, for flops multiplies
    and adds (half each; multiplies alone; adds alone), for units vectors
    of the formula's mix of work = (divisions, multiplies, adds) together
    (no fused multiply-add) and for kexps exps with the plugin's vector
    exp, at the kernel's vector width, built like the plugin (-O2
    -ffp-contract=off) for the kernel's instruction set; None when there
    is no C compiler."""
    cc = os.environ.get("CC", "cc")
    if not shutil.which(cc):
        return None
    flag, width = ISA.get(kernel, ("", 16))
    with tempfile.TemporaryDirectory() as d:
        src, exe = os.path.join(d, "floor.c"), os.path.join(d, "floor")
        with open(src, "w") as f:
            f.write(FLOOR_C.replace("MIX_BODY", mix_body(work))
                    .replace("MIX_UNITS", str(MIX_UNITS)))
        cmd = [cc, "-std=c11", "-O2", "-ffp-contract=off", "-Wno-psabi",
               "-DLV_BYTES=%d" % width, "-Iplugins/loss",
               "-Iplugins/common", src, "-o", exe,
               "-lm"] + ([flag] if flag else [])
        subprocess.run(cmd, check=True)
        out = subprocess.run([exe, str(exps), str(logs), "5", str(divs),
                              str(flops), str(units), str(kexps)],
                             check=True, capture_output=True,
                             text=True).stdout.split()
    return tuple(float(x) for x in out[:8])


def kernel_exps(hess):
    """Returns the exps the landscape makes on the bench's grid: per
    column and sample the hidden unit's σ (and 1 − σ with hess, as σ of
    the negated input: loss_net.c's column_terms), and the kernel's
    e^-dz, e^-8dz and e^-64dz and e^-z at the first row of each block
    that is an exp of its own (loss_kern.h's lk_bases_fast): the block
    with the zero row, every 16th block after it, and block 0 when the
    zero row is not in it (ln_landscape pads the rows so that the zero
    row starts a block of 16)."""
    w = [W_RANGE[0] + (W_RANGE[1] - W_RANGE[0]) * i / (G - 1)
         for i in range(G)]
    zero = min(range(G), key=lambda i: abs(w[i]))
    off = (16 - zero % 16) % 16 if w[zero] == 0 else 0
    nblk = (off + G + 15) // 16
    phase = (zero + off) // 16 if w[zero] == 0 else 0
    anchors = len(range(phase, nblk, 16)) + (1 if phase > 0 else 0)
    return G * N * ((2 if hess else 1) + 3 + anchors)


def sigmoid_parts(z, need_sc=True):
    """Returns σ(z), 1 − σ(z) (or None) and e^−|z|, stably, in as few
    passes over memory as numpy allows."""
    e = np.exp(-np.abs(z))
    r = 1.0 / (1.0 + e)
    er = e * r
    pos = z >= 0
    s = np.where(pos, r, er)
    return s, (np.where(pos, er, r) if need_sc else None), e


def numpy_landscape(x, y, kind, hess, block=64):
    """The same landscape by broadcasting: loss (and the 2 x 2 Hessian's
    eigenvalues) over the (w1, w2) grid, block rows of w2 at a time (so
    the w2 x w1 x N temporaries stay small); arrays are w2 x w1."""
    w = np.linspace(W_RANGE[0], W_RANGE[1], G)
    parts = [numpy_rows(x, y, kind, hess, w, w[i:i + block])
             for i in range(0, G, block)]
    if not hess:
        return np.concatenate([p[0] for p in parts]), None, None
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(3))


def numpy_rows(x, y, kind, hess, w, w2):
    """numpy_landscape's rows at w2 (w1 over all of w)."""
    h, hc, _ = sigmoid_parts(w[:, None] * x[None, :] + B1)     # w1 x N
    z = w2[:, None, None] * h[None, :, :]               # w2 x w1 x N
    z += B2
    s, sc, e = sigmoid_parts(z, hess)
    d = s - y
    if kind == "mse":
        L = np.square(d).mean(-1)
    else:
        lp = np.log1p(e)
        lp += (1 - y) * np.maximum(z, 0)
        lp += y * np.maximum(-z, 0)
        L = lp.mean(-1)
    if not hess:
        return L, None, None
    s1 = s * sc
    if kind == "mse":
        l1 = 2 * d * s1
        l2 = 2 * s1 * s1 + l1 * (sc - s)
    else:
        l1, l2 = d, s1
    hp = h * hc
    hx, hxx = hp * x, hp * (hc - h) * x * x
    g1 = w2[:, None, None] * hx[None]
    A = (l2 * g1 * g1 + l1 * (w2[:, None, None] * hxx[None])).mean(-1)
    B = (l2 * g1 * h[None] + l1 * hx[None]).mean(-1)
    C = (l2 * h[None] ** 2).mean(-1)
    m, r = (A + C) / 2, np.sqrt(((A - C) / 2) ** 2 + B * B)
    return L, m - r, m + r


def run_ours(threads):
    """Returns OURS's results run with NNTUTOR_THREADS=threads."""
    env = dict(os.environ, NNTUTOR_THREADS=str(threads))
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as f:
        f.write(OURS)
        f.flush()
        out = subprocess.run([NNTUTOR, "run", f.name], capture_output=True,
                             text=True, check=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    one, two = run_ours(1), run_ours(2)
    for a, b in zip(one, run_ours(1)):      # ours again, after the two-
        a["best"] = min(a["best"], b["best"])   # thread run (interleaved)
    print("landscape of the 1-1-1 net: %d x %d grid over (w1, w2), N = %d, "
          "best of %d; ours on 1 thread unless said; %s"
          % (G, G, N, REPS, benchlib.load_note()))
    for r, r2 in zip(one, two):
        x, y = np.array(r["data_x"]), np.array(r["data_y"])
        best = 1e30
        for _ in range(3):
            t0 = time.perf_counter()
            L, lo, hi = numpy_landscape(x, y, r["loss"], r["hessian"])
            best = min(best, time.perf_counter() - t0)
        err = max(abs(r["probe"][0] - L[100, 56]) / abs(L[100, 56]),
                  abs(r["probe"][1] - L[12, 189]) / abs(L[12, 189]))
        if r["hessian"]:
            err = max(err, abs(r["eig"][0] - lo[100, 56]) / abs(lo[100, 56]),
                      abs(r["eig"][1] - hi[12, 189]) / abs(hi[12, 189]))
        exps = G * G * N + G * N            # output σ per point, hidden σ
        logs = G * G * N if r["loss"] == "ce" else 0
        divs, muls, adds = WORK[(r["loss"], r["hessian"])]
        flops = muls + adds
        fl = floor_times(r["kernel"], exps, logs, G * G * N * max(divs, 1),
                         G * G * N * flops, (divs, muls, adds),
                         G * G * N // (ISA.get(r["kernel"], ("", 16))[1]
                                       // 8), kernel_exps(r["hessian"]))
        what = "%s%s" % (r["loss"].upper(),
                         " + Hessian eigenvalues" if r["hessian"] else "")
        print("%-28s ours %7.1f ms (median %.1f, kernel %s); 2 threads "
              "%.1f ms: two-core gain %.2fx"
              % (what, r["best"] * 1e3, r["median"] * 1e3, r["kernel"],
                 r2["best"] * 1e3, r["best"] / r2["best"]))
        print("%-28s numpy %6.1f ms   ratio %.3f  (target <= 0.1)  "
              "[agree to %.1e]" % ("", best * 1e3, r["best"] / best, err))
        if fl:
            t_div = fl[2] if divs else 0.0
            t_mul, t_add = fl[4] * muls / flops, fl[5] * adds / flops
            arith = max(t_div, fl[3], t_mul, t_add, fl[6])
            floor = arith + fl[7]
            print("%-28s floor %.2f ms = max(%s, %d multiplies: %.2f ms, %d "
                  "adds: %.2f ms, multiplies and adds: %.2f ms, all "
                  "together: %.2f ms) + its %.3gM exps: %.2f ms   ratio "
                  "%.2f  (target <= 2; %.2f without the exps)"
                  % ("", floor * 1e3, "%d division%s: %.2f ms"
                     % (divs, "s" if divs > 1 else "", fl[2] * 1e3)
                     if divs else "no division", muls, t_mul * 1e3, adds,
                     t_add * 1e3, fl[3] * 1e3, fl[6] * 1e3,
                     kernel_exps(r["hessian"]) / 1e6, fl[7] * 1e3,
                     r["best"] / floor, r["best"] / arith))
            print("%-28s exp/log floor (%.2gM exp%s): libm %.1f ms, vector "
                  "%.1f ms   ratio %.2f / %.2f"
                  % ("", exps / 1e6, " + %.2gM log1p" % (logs / 1e6)
                     if logs else "", fl[0] * 1e3, fl[1] * 1e3,
                     r["best"] / fl[0], r["best"] / fl[1]))
    print("(floor: the divisions, multiplies and adds the kernel's "
          "formula does per grid point and sample, each kind at the rate a "
          "loop of only that kind measured just now at the kernel's width, "
          "multiplies and adds together at the rate of a loop of both, and "
          "all three in the formula's proportions in one loop (on this CPU "
          "a division holds up multiplies: the two do not overlap), "
          "without fused multiply-add; plus the exps the landscape itself "
          "makes (per column and sample the hidden σ, and 1 − σ with the "
          "Hessian, three for the kernel's tables and one per block of "
          "16 rows that starts from an exp of its own) at the vector "
          "exp's measured cost; the kernel reuses exp results, so it "
          "makes fewer calls than the exp/log floor counts: per sample and "
          "column three exps and one per 256 rows (one per 16 where e^-z "
          "could overflow, or with a Hessian that is not the net's or "
          "logistic regression's), and one log per row for CE)")


SCALE = """
local loss = nnt.plugin "loss"
local ts, r = {}
for k = 1, 3 do
  local t0 = nnt.clock()
  r = loss.landscape { loss = "mse", n = %(g)d, points = %(n)d,
                       midpoint = false, bias1 = %(b1)r, bias2 = %(b2)r,
                       x_min = %(lo)r, x_max = %(hi)r, y_min = %(lo)r,
                       y_max = %(hi)r }
  ts[k] = nnt.clock() - t0
end
table.sort(ts)
print(nnt.json { t = ts[2], data_x = r.data_x, data_y = r.data_y })
"""


def scaling():
    """Prints the MSE landscape's time at grids 101 .. 801 (the ceiling),
    ours (median of 3, on 1 and on 2 threads; the default call, which also
    computes the Hessian's eigenvalues) and numpy's (the loss only; median
    of 3 up to 201, then one run), with fitted exponents in G."""
    global G
    sizes, t_o, t_2, t_p = [101, 201, 401, 801], [], [], []
    for g in sizes:
        code = SCALE % {"g": g, "n": N, "b1": B1, "b2": B2,
                        "lo": W_RANGE[0], "hi": W_RANGE[1]}
        os.environ["NNTUTOR_THREADS"] = "1"
        r = benchlib.lua_json(code)
        os.environ["NNTUTOR_THREADS"] = "2"
        t_2.append(benchlib.lua_json(code)["t"])
        del os.environ["NNTUTOR_THREADS"]
        G = g
        x, y = np.array(r["data_x"]), np.array(r["data_y"])
        t_o.append(r["t"])
        t_p.append(benchlib.best_time(
            lambda: numpy_landscape(x, y, "mse", False),
            3 if g <= 201 else 1))
    G = 201
    print("scaling, MSE landscape (ours with the Hessian's eigenvalues, "
          "the default; numpy the loss only), grid %s: ours %s ms (2 threads "
          "%s ms), numpy %s ms; exponent in G ours %.2f, numpy %.2f" % (
              sizes, [round(t * 1e3, 1) for t in t_o],
              [round(t * 1e3, 1) for t in t_2],
              [round(t * 1e3, 1) for t in t_p],
              benchlib.exponent(sizes, t_o), benchlib.exponent(sizes, t_p)))


if __name__ == "__main__":
    main()
    scaling()
