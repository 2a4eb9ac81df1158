# SPDX-License-Identifier: MIT
"""Benchmark: a 100-lambda lasso path (eps 1e-3, tol 1e-4, max_iter 1000,
no intercept, float64) for n in {200, 2000}, p in {50, 200, 1000}, ours
(the plugin called from Lua, timed with nnt.clock, on one thread:
NNTUTOR_THREADS=1) against scikit-learn's lasso_path on the same X, y,
grid and tolerance, the peer on OpenBLAS and on the reference BLAS (one
thread each), runs interleaved; prints medians, ratios, our ratio to a
floor, whether the exact zeros agree, the fitted exponent in p, and our
time on two threads."""
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

SIZES = [(200, 50), (200, 200), (200, 1000),
         (2000, 50), (2000, 200), (2000, 1000)]
# calls per run; both sides report the median call.  At least 3 for the
# large sizes: our run is
# a fresh process whose first call pays the first touch of every page it
# allocates (tens of ms on this VM), while the peer's worker process lives
# through all rounds and reuses its memory, so a median of 1 or 2 calls
# compared a cold call of ours with a warm one of theirs.
CALLS = {(200, 50): 20, (200, 200): 4, (200, 1000): 3, (2000, 50): 20,
         (2000, 200): 4, (2000, 1000): 3}
TOL, NLAMBDA, EPS, MAX_ITER = 1e-4, 100, 1e-3, 1000
TARGET = 0.5

# X has rho = 0.5 between neighbouring columns, 10 true weights of +-1..3
GEN = """
local function gen(n, p)
  local X, y, s = {}, {}, math.sqrt(0.75)
  for i = 1, n do
    local row, prev, t = {}, nnt.normal(), 0
    for j = 1, p do
      if j > 1 then prev = 0.5 * prev + s * nnt.normal() end
      row[j] = prev
      if j <= 10 then
        t = t + (1 + j %% 3) * (j %% 2 == 0 and 1 or -1) * prev
      end
    end
    X[i] = row
    y[i] = t + nnt.normal()
  end
  return X, y
end
nnt.seed(%(seed)d)
local X, y = gen(%(n)d, %(p)d)
"""

DATA = GEN + """
for i = 1, #X do print(nnt.json(X[i])) end    -- row by row: the heap is
print(nnt.json(y))                             -- limited to 256 MiB
"""

OURS = GEN + """
local R = nnt.plugin "regularizer"
X, y = nnt.array(X), nnt.array(y)   -- packed like numpy's: no copy in the call
local ts, r = {}
for k = 1, %(calls)d do
  local t0 = nnt.clock()
  r = R.path { X = X, y = y, penalty = "lasso", nlambda = %(m)d,
               eps = %(eps)r, tol = %(tol)r, max_iter = %(it)d,
               intercept = false }
  ts[k] = nnt.clock() - t0
end
table.sort(ts)
print(nnt.json { t = ts[(#ts + 1) // 2], coef = %(coef)s and r.coef or {} })
"""

_cache = {}


def _data(path):
    """Returns X, y stored at path (cached in the worker)."""
    import numpy as np
    if path not in _cache:
        with np.load(path) as z:
            _cache.clear()
            _cache[path] = (np.ascontiguousarray(z["X"]), z["y"].copy())
    return _cache[path]


def peer_path(path, calls, coef_out=None):
    """Runs sklearn's lasso_path calls times on the data at path; returns
    the median wall seconds of one call (and saves the coefficients, p x
    m, to coef_out)."""
    import warnings
    import numpy as np
    from sklearn.linear_model import lasso_path
    warnings.simplefilter("ignore")
    X, y = _data(path)
    ts = []
    for _ in range(calls):
        t0 = time.perf_counter()
        alphas, coefs, _ = lasso_path(X, y, eps=EPS, n_alphas=NLAMBDA,
                                      tol=TOL, max_iter=MAX_ITER)
        ts.append(time.perf_counter() - t0)
    if coef_out:
        np.save(coef_out, coefs.T)
    return sorted(ts)[(len(ts) - 1) // 2]


def ours(n, p, threads, coef=False):
    """Returns our run's printed JSON (t: the median call, coef when
    asked), run with NNTUTOR_THREADS=threads."""
    os.environ["NNTUTOR_THREADS"] = str(threads)
    try:
        lines = benchlib.lua_run(OURS % dict(
            seed=1, n=n, p=p, m=NLAMBDA, eps=EPS, tol=TOL, it=MAX_ITER,
            calls=CALLS[(n, p)], coef="true" if coef else "false"))[0]
    finally:
        del os.environ["NNTUTOR_THREADS"]
    return json.loads(lines[-1])


def floor_s(n, p, r):
    """Returns a floor for any path solver, in seconds: n < p, one X^T r
    per lambda (2 n p flops each); n >= p, the Gram matrix (n p (p + 1)
    flops), both at the measured dgemm rate."""
    flops = NLAMBDA * 2.0 * n * p if p > n else n * p * (p + 1.0)
    return flops / r["gemm_flops"]


def main():
    import numpy as np
    print("machine: %s" % benchlib.load_note())
    peers = []
    for kind in ("openblas", "reference"):
        try:
            peers.append(benchlib.Peer(kind, __file__))
        except RuntimeError as e:
            print("(no %s peer: %s)" % (kind, e))
    for pr in peers:
        print("peer %s: sklearn on %s, 1 thread" % (pr.kind, pr.blas))
    rates = peers[0].call("__rates__")
    print("rates (peer %s): dgemm %.2f GFLOP/s, exp %.1f ns, log %.1f ns, "
          "divide %.2f ns per element"
          % (peers[0].kind, rates["gemm_flops"] / 1e9, rates["exp_s"] * 1e9,
             rates["log_s"] * 1e9, rates["div_s"] * 1e9))
    rows, tmp = [], tempfile.mkdtemp(prefix="nnt-bench-")
    for n, p in SIZES:
        lines = benchlib.lua_lines(DATA % dict(seed=1, n=n, p=p))
        path = os.path.join(tmp, "d%d_%d.npz" % (n, p))
        np.savez(path, X=np.array([json.loads(x) for x in lines[:-1]]),
                 y=np.array(json.loads(lines[-1])))
        del lines
        times = {"ours": []}
        times.update({pr.kind: [] for pr in peers})
        two = []
        ref_coef = os.path.join(tmp, "c.npy")
        for r in range(benchlib.ROUNDS):   # interleaved: ours, then peers
            o = ours(n, p, 1, coef=(r == 0))
            times["ours"].append(o["t"])
            two.append(ours(n, p, 2)["t"])
            if r == 0:
                our_coef = np.array(o["coef"])
            for pr in peers:
                t = pr.call("peer_path", path=path, calls=CALLS[(n, p)],
                               coef_out=ref_coef if r == 0 and pr is peers[0]
                               else None)
                times[pr.kind].append(t)
        sk = np.load(ref_coef)
        off = (our_coef == 0) != (sk == 0)
        zeros = (int(np.sum(off)),
                 float(np.max(np.abs(our_coef - sk)[off])) if off.any() else 0)
        diff = float(np.max(np.abs(our_coef - sk)))
        med = {k: benchlib.median(v) for k, v in times.items()}
        med["two"] = benchlib.median(two)
        rows.append((n, p, med, zeros, diff, floor_s(n, p, rates)))
        os.unlink(path)
    os.rmdir(tmp) if not os.listdir(tmp) else None
    for pr in peers:
        pr.close()
    kinds = [pr.kind for pr in peers]
    report(rows, kinds)


def report(rows, kinds):
    """Prints the table of times and ratios, and the fitted exponents."""
    print("lasso_path, 100 lambdas, eps 1e-3, tol %g, no intercept; "
          "medians of %d interleaved runs, wall-clock, ours on one thread "
          "(target <= %gx OpenBLAS)" % (TOL, benchlib.ROUNDS, TARGET))
    print("%5s %5s %10s %s %9s %7s %6s %9s %10s" % (
        "n", "p", "ours ms", " ".join("%12s" % ("sk/" + k + " ms")
                                      for k in kinds),
        "ratio", "floor", "zeros", "max|dw|", "2 threads"))
    for n, p, med, zeros, diff, fl in rows:
        print("%5d %5d %10.2f %s %8.2fx %6.1fx %6s %9.1e %7.2f ms" % (
            n, p, med["ours"] * 1e3,
            " ".join("%12.2f" % (med[k] * 1e3) for k in kinds),
            med["ours"] / med[kinds[0]], med["ours"] / fl,
            "same" if zeros[0] == 0 else "%d off" % zeros[0], diff,
            med["two"] * 1e3))
    print("zeros: entries zero on one side only (tol %g stops both short of "
          "the exact path; such entries are below the max|dw| shown)" % TOL)
    print("floor: the least work any path solver does, at the peer's "
          "measured dgemm rate: n >= p, the Gram matrix (n p (p + 1) "
          "flops); n < p, one X^T r per lambda (2 n p flops each); "
          "the floor column is ours / floor")
    print("scaling in p (fitted exponent of time ~ p^b, p = 50..1000):")
    for n in (200, 2000):
        sel = [r for r in rows if r[0] == n]
        ps = [r[1] for r in sel]
        line = "  n=%-5d ours %.2f" % (n, benchlib.exponent(
            ps, [r[2]["ours"] for r in sel]))
        for k in kinds:
            line += "  sklearn/%s %.2f" % (k, benchlib.exponent(
                ps, [r[2][k] for r in sel]))
        print(line)


if __name__ == "__main__":
    benchlib.system_python()
    main()
