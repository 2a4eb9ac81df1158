# SPDX-License-Identifier: MIT
"""Cross-checks the regularizer plugin against scikit-learn: Lasso, Ridge,
ElasticNet, lasso_path and enet_path on the same data with the same
objective scaling, coefficients to 1e-6 and the same exact zeros."""
import os
import sys

try:
    import numpy as np
    from sklearn.linear_model import (ElasticNet, Lasso, LinearRegression,
                                      Ridge, enet_path, lasso_path)
except ImportError:
    # A python3 earlier on PATH (pyenv, a venv) may lack Debian's packages:
    # try the system interpreter once before giving up.
    SYSTEM = "/usr/bin/python3"
    if sys.executable != SYSTEM and os.path.exists(SYSTEM):
        os.execv(SYSTEM, [SYSTEM] + sys.argv)
    raise

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nnt import close, done, run_lua  # noqa: E402

TOL = 1e-12          # both sides: the duality gap below 1e-12 |y|^2
MAX_ITER = 1000000

failed_zero_sets = []


def same_zeros(name, ours, ref):
    """Prints ok/FAIL: the exact zeros (== 0.0) of ours and ref coincide."""
    a = np.asarray(ours, dtype=float) == 0.0
    b = np.asarray(ref, dtype=float) == 0.0
    if a.shape == b.shape and np.array_equal(a, b):
        print("ok %s zeros (%d exact zeros)" % (name, int(a.sum())))
        return
    print("FAIL %s zeros: ours %d, sklearn %d, differ at %s"
          % (name, int(a.sum()), int(b.sum()),
             np.argwhere(a != b).ravel()[:10].tolist()))
    failed_zero_sets.append(name)


DATA = """
local R = nnt.plugin "regularizer"
nnt.seed(%(seed)d)
local d = R.sparse_data { n = %(n)d, p = %(p)d, k = %(k)d, noise = 1,
                          rho = %(rho)s }
"""


def check_single_fits():
    """Lasso, ElasticNet and Ridge (with intercepts) at several alphas."""
    code = DATA % dict(seed=11, n=100, p=20, k=5, rho=0.6) + """
local out = { X = d.X, y = d.y, lasso = {}, enet = {}, ridge = {} }
for i, a in ipairs { 0.003, 0.05, 0.2, 1.0 } do
  local r = R.lasso { X = d.X, y = d.y, alpha = a, tol = %(tol)g,
                      max_iter = %(mi)d }
  out.lasso[i] = { alpha = a, coef = r.coef, b = r.intercept,
                   converged = r.converged }
end
for i, r1 in ipairs { 0.2, 0.5, 0.9 } do
  local r = R.elastic_net { X = d.X, y = d.y, alpha = 0.1, l1_ratio = r1,
                            tol = %(tol)g, max_iter = %(mi)d }
  out.enet[i] = { ratio = r1, coef = r.coef, b = r.intercept }
end
for i, a in ipairs { 0.1, 10, 300 } do
  local r = R.ridge { X = d.X, y = d.y, alpha = a }
  out.ridge[i] = { alpha = a, coef = r.coef, b = r.intercept }
end
print(nnt.json(out))
""" % dict(tol=TOL, mi=MAX_ITER)
    o = run_lua(code)
    X, y = np.array(o["X"]), np.array(o["y"])
    for f in o["lasso"]:
        m = Lasso(alpha=f["alpha"], tol=TOL, max_iter=MAX_ITER).fit(X, y)
        name = "lasso alpha=%g" % f["alpha"]
        close(name + " coef", f["coef"], m.coef_)
        close(name + " intercept", f["b"], m.intercept_)
        same_zeros(name, f["coef"], m.coef_)
    for f in o["enet"]:
        m = ElasticNet(alpha=0.1, l1_ratio=f["ratio"], tol=TOL,
                       max_iter=MAX_ITER).fit(X, y)
        name = "elastic_net l1_ratio=%g" % f["ratio"]
        close(name + " coef", f["coef"], m.coef_)
        close(name + " intercept", f["b"], m.intercept_)
        same_zeros(name, f["coef"], m.coef_)
    for f in o["ridge"]:
        m = Ridge(alpha=f["alpha"], solver="cholesky").fit(X, y)
        name = "ridge alpha=%g" % f["alpha"]
        close(name + " coef", f["coef"], m.coef_)
        close(name + " intercept", f["b"], m.intercept_)
        same_zeros(name, f["coef"], m.coef_)


def check_wide_lasso():
    """More features than points (p > n), no intercept."""
    code = DATA % dict(seed=5, n=40, p=80, k=4, rho=0.3) + """
local r = R.lasso { X = d.X, y = d.y, alpha = 0.08, intercept = false,
                    tol = %(tol)g, max_iter = %(mi)d }
print(nnt.json { X = d.X, y = d.y, coef = r.coef })
""" % dict(tol=TOL, mi=MAX_ITER)
    o = run_lua(code)
    m = Lasso(alpha=0.08, fit_intercept=False, tol=TOL,
              max_iter=MAX_ITER).fit(np.array(o["X"]), np.array(o["y"]))
    close("lasso p > n coef", o["coef"], m.coef_)
    same_zeros("lasso p > n", o["coef"], m.coef_)


def check_paths():
    """lasso_path and enet_path: the grid, every coefficient, the zeros."""
    code = DATA % dict(seed=3, n=200, p=50, k=8, rho=0.5) + """
local a = R.path { X = d.X, y = d.y, penalty = "lasso", nlambda = 100,
                   eps = 1e-3, tol = %(tol)g, max_iter = %(mi)d,
                   intercept = false }
local e = R.path { X = d.X, y = d.y, penalty = "elastic_net",
                   l1_ratio = 0.5, nlambda = 30, eps = 1e-2,
                   tol = %(tol)g, max_iter = %(mi)d, intercept = false }
print(nnt.json { X = d.X, y = d.y, lam = a.lambdas, coef = a.coef,
                 zeros = a.zeros, conv = a.converged, elam = e.lambdas,
                 ecoef = e.coef })
""" % dict(tol=TOL, mi=MAX_ITER)
    o = run_lua(code)
    X, y = np.array(o["X"]), np.array(o["y"])
    alphas, coefs, _ = lasso_path(X, y, eps=1e-3, n_alphas=100, tol=TOL,
                                  max_iter=MAX_ITER)
    close("lasso_path lambda grid", o["lam"], alphas, rtol=1e-12)
    close("lasso_path coef (100 x 50)", o["coef"], coefs.T)
    same_zeros("lasso_path", o["coef"], coefs.T)
    ez = np.sum(np.asarray(o["coef"]) == 0.0, axis=1)
    if np.array_equal(ez, np.asarray(o["zeros"])):
        print("ok lasso_path zero counts match coef")
    else:
        print("FAIL lasso_path zero counts do not match coef")
    ealphas, ecoefs, _ = enet_path(X, y, l1_ratio=0.5, eps=1e-2,
                                   n_alphas=30, tol=TOL, max_iter=MAX_ITER)
    close("enet_path lambda grid", o["elam"], ealphas, rtol=1e-12)
    close("enet_path coef (30 x 50)", o["ecoef"], ecoefs.T)
    same_zeros("enet_path", o["ecoef"], ecoefs.T)


def check_ridge_path():
    """path's ridge (elastic-net scaling) equals Ridge(alpha = n lambda)."""
    code = DATA % dict(seed=9, n=60, p=15, k=3, rho=0.2) + """
local r = R.path { X = d.X, y = d.y, penalty = "ridge",
                   lambdas = { 2, 0.5, 0.1, 0.01 } }
print(nnt.json { X = d.X, y = d.y, lam = r.lambdas, coef = r.coef })
"""
    o = run_lua(code)
    X, y = np.array(o["X"]), np.array(o["y"])
    ref = [Ridge(alpha=60 * lam, solver="cholesky").fit(X, y).coef_
           for lam in o["lam"]]
    close("path ridge = Ridge(alpha = n lambda)", o["coef"], ref)


def check_ista():
    """ISTA run long enough reaches sklearn's lasso."""
    code = DATA % dict(seed=4, n=100, p=10, k=3, rho=0.0) + """
local r = R.ista { X = d.X, y = d.y, alpha = 0.2, steps = 5000 }
print(nnt.json { X = d.X, y = d.y, coef = r.coef, b = r.intercept })
"""
    o = run_lua(code)
    m = Lasso(alpha=0.2, tol=TOL, max_iter=MAX_ITER).fit(
        np.array(o["X"]), np.array(o["y"]))
    close("ista (5000 steps) coef", o["coef"], m.coef_)
    close("ista intercept", o["b"], m.intercept_)
    same_zeros("ista", o["coef"], m.coef_)


def check_poly():
    """Polynomial fits: none = least squares, L2 = Ridge(alpha = n lambda),
    L1 = Lasso(alpha = lambda), on the features x .. x^d."""
    code = """
local R = nnt.plugin "regularizer"
nnt.seed(21)
local r = R.poly_fit { n = 30, degree = 6, noise = 0.2, log_lambda = -2,
                       tol = 1e-14, max_iter = 1000000 }
print(nnt.json { x = r.data_x, y = r.data_y, none = r.coef_none,
                 l1 = r.coef_l1, l2 = r.coef_l2, bn = r.b_none,
                 b1 = r.b_l1, b2 = r.b_l2, lam = r.lambda })
"""
    o = run_lua(code)
    x, y = np.array(o["x"]), np.array(o["y"])
    F = np.vander(x, 7, increasing=True)[:, 1:]
    n, lam = len(x), o["lam"]
    ls = LinearRegression().fit(F, y)
    close("poly none coef", o["none"], ls.coef_, rtol=1e-6)
    close("poly none intercept", o["bn"], ls.intercept_)
    r2 = Ridge(alpha=n * lam, solver="cholesky").fit(F, y)
    close("poly L2 coef", o["l2"], r2.coef_)
    close("poly L2 intercept", o["b2"], r2.intercept_)
    r1 = Lasso(alpha=lam, tol=1e-14, max_iter=MAX_ITER).fit(F, y)
    close("poly L1 coef", o["l1"], r1.coef_)
    close("poly L1 intercept", o["b1"], r1.intercept_)
    same_zeros("poly L1", o["l1"], r1.coef_)


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")       # sklearn's convergence chatter
    check_single_fits()
    check_wide_lasso()
    check_paths()
    check_ridge_path()
    check_ista()
    check_poly()
    if failed_zero_sets:
        sys.exit(1)
    done()
