# SPDX-License-Identifier: MIT
"""Benchmark: a 100-lambda lasso path, n = 200, p = 50, ours (the plugin
called from Lua, timed with nnt.clock) against sklearn's lasso_path on the
same data, grid and tolerance.  Prints both medians and the ratio."""
import os
import statistics
import sys
import time

try:
    import numpy as np
    from sklearn.linear_model import lasso_path
except ImportError:
    # A python3 earlier on PATH may lack Debian's packages: try the
    # system interpreter once.
    SYSTEM = "/usr/bin/python3"
    if sys.executable != SYSTEM and os.path.exists(SYSTEM):
        os.execv(SYSTEM, [SYSTEM] + sys.argv)
    raise

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "crosscheck"))
from nnt import run_lua  # noqa: E402  (runs Lua through nntutor)

REPS = 30

LUA = """
local R = nnt.plugin "regularizer"
nnt.seed(1)
local d = R.sparse_data { n = 200, p = 50, k = 10, noise = 1, rho = 0.5 }
local out = { X = d.X, y = d.y }
for _, tol in ipairs { 1e-4, 1e-8 } do
  local times, r = {}
  for i = 1, %(reps)d do
    local t0 = nnt.clock()
    r = R.path { X = d.X, y = d.y, penalty = "lasso", nlambda = 100,
                 eps = 1e-3, tol = tol, max_iter = 1000, intercept = false }
    times[i] = nnt.clock() - t0
  end
  out["t" .. tol] = times
  out["c" .. tol] = r.coef
  out["l" .. tol] = r.lambdas
end
print(nnt.json(out))
"""


def run_ours():
    """Returns what the Lua side printed."""
    return run_lua(LUA % dict(reps=REPS))


def main():
    import warnings
    warnings.simplefilter("ignore")
    o = run_ours()
    X, y = np.array(o["X"]), np.array(o["y"])
    for tol, key in ((1e-4, "0.0001"), (1e-8, "1e-08")):
        ref = []
        for _ in range(REPS):
            t0 = time.perf_counter()
            alphas, coefs, _ = lasso_path(X, y, eps=1e-3, n_alphas=100,
                                          tol=tol, max_iter=1000)
            ref.append(time.perf_counter() - t0)
        ours = statistics.median(o["t" + key])
        theirs = statistics.median(ref)
        diff = np.max(np.abs(np.array(o["c" + key]) - coefs.T))
        print("lasso path 100 lambdas, n=200 p=50, tol=%g: ours %.3f ms, "
              "sklearn lasso_path %.3f ms, ratio %.2fx (target <= 1.0x; "
              "max |coef diff| %.1e)"
              % (tol, ours * 1e3, theirs * 1e3, ours / theirs, diff))


if __name__ == "__main__":
    main()
