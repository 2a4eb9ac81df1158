# SPDX-License-Identifier: MIT
"""Cross-checks the loss plugin against PyTorch (float64), numpy and
scikit-learn on the same inputs: the torch.nn losses and their gradients,
the 1-1-1 network's gradient and Hessian (torch.autograd.functional.hessian),
a whole landscape with its Hessian eigenvalues, the sweeps and the fits."""
import os
import sys

try:
    import numpy as np
    import torch
except ImportError:         # a Python without Debian's packages first in PATH
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from nnt import close, done, run_lua

torch.set_default_dtype(torch.float64)
F = torch.nn.functional


def lua_list(v):
    """Returns v (numbers or nested lists) as a Lua table constructor."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return "{" + ", ".join(lua_list(x) for x in v) + "}"
    return repr(float(v))


def plugin(fn, args, keys):
    """Calls loss.fn{args} through `nntutor run`; returns the named results."""
    body = ", ".join("%s = %s" % (k, lua_list(v) if not isinstance(v, str)
                                  else '"%s"' % v) for k, v in args.items())
    code = ('local r = nnt.plugin("loss").%s{ %s }\n'
            'local out = {}\n'
            'for _, k in ipairs { %s } do out[k] = r[k] end\n'
            'print(nnt.json(out))\n') % (fn, body,
                                         ", ".join('"%s"' % k for k in keys))
    return run_lua(code)


def t(v, grad=False):
    return torch.tensor(np.asarray(v, dtype=float), requires_grad=grad)


# ---- torch.nn losses and their gradients --------------------------------

rng = np.random.default_rng(4)
pred = rng.uniform(0.05, 0.95, 12)
logit = rng.normal(0, 2, 12)
soft = rng.uniform(0, 1, 12)
hard = (rng.uniform(0, 1, 12) > 0.5).astype(float)
real = rng.normal(0, 1, 12)

cases = [
    ("mse", pred, real, lambda p, y: F.mse_loss(p, y)),
    ("mae", pred, real, lambda p, y: F.l1_loss(p, y)),
    ("bce", pred, soft, lambda p, y: F.binary_cross_entropy(p, y)),
    ("bce_logits", logit, soft,
     lambda p, y: F.binary_cross_entropy_with_logits(p, y)),
    ("gaussian_nll", real, pred,
     lambda p, y: F.gaussian_nll_loss(p, y, torch.full_like(p, 0.7 ** 2),
                                      full=True)),
    ("bernoulli_nll", pred, hard, lambda p, y: F.binary_cross_entropy(p, y)),
]
for name, p, y, ref in cases:
    ours = plugin("compute", {"loss": name, "pred": p, "target": y,
                              "sigma": 0.7}, ["loss", "grad"])
    pt = t(p, True)
    val = ref(pt, t(y))
    val.backward()
    close("torch %s loss" % name, ours["loss"], val.item())
    close("torch %s gradient" % name, ours["grad"], pt.grad.numpy())

logits = rng.normal(0, 1.5, (10, 4))
classes = rng.integers(0, 4, 10).astype(float)
ours = plugin("compute", {"loss": "softmax_ce", "scores": logits,
                          "target": classes}, ["loss", "grad"])
pt = t(logits, True)
val = F.cross_entropy(pt, torch.tensor(classes, dtype=torch.long))
val.backward()
close("torch CrossEntropyLoss", ours["loss"], val.item())
close("torch CrossEntropyLoss gradient", ours["grad"], pt.grad.numpy())

probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
ours = plugin("compute", {"loss": "categorical_nll", "scores": probs,
                          "target": classes}, ["loss", "grad"])
pt = t(probs, True)
val = F.nll_loss(torch.log(pt), torch.tensor(classes, dtype=torch.long))
val.backward()
close("torch NLLLoss(log p)", ours["loss"], val.item())
close("torch NLLLoss(log p) gradient", ours["grad"], pt.grad.numpy())

p = np.array([0.1, 0.25, 0.05, 0.6])
q = np.array([0.3, 0.3, 0.2, 0.2])
ours = plugin("divergence", {"p": p, "q": q},
              ["kl", "entropy", "cross_entropy", "grad", "grad_logits"])
close("torch KLDivLoss(sum)", ours["kl"],
      F.kl_div(t(np.log(q)), t(p), reduction="sum").item())
close("entropy", ours["entropy"], -(p * np.log(p)).sum())
qt = t(q, True)
ce = -(t(p) * torch.log(qt)).sum()
ce.backward()
close("cross-entropy", ours["cross_entropy"], ce.item())
close("dCE/dq (autograd)", ours["grad"], qt.grad.numpy())
th = t(np.log(q), True)
ce = -(t(p) * F.log_softmax(th, 0)).sum()
ce.backward()
close("dCE/dlogits (autograd)", ours["grad_logits"], th.grad.numpy())

# ---- the 1-1-1 network and the unit: gradient and Hessian ----------------

data = plugin("point", {"points": 25, "sep": 1, "noise": 1},
              ["data_x", "data_y"])
X, Y = t(data["data_x"]), t(data["data_y"])


def net_loss(theta, kind, model):
    """Returns the mean loss of the net (w1, b1, w2, b2) or unit (w, b)."""
    if model == "net":
        z = theta[2] * torch.sigmoid(theta[0] * X + theta[1]) + theta[3]
    else:
        z = theta[0] * X + theta[1]
    if kind == "mse":
        return ((torch.sigmoid(z) - Y) ** 2).mean()
    return F.binary_cross_entropy_with_logits(z, Y)


points = [(1.5, -0.3, 2.0, 0.4), (-3.0, 1.0, -4.0, 2.0), (0.2, 0.0, 6.0, -2.0),
          (7.5, -1.0, -0.5, 0.3)]
for model in ("net", "logistic"):
    for kind in ("mse", "ce"):
        for th in points:
            a = {"model": model, "loss": kind, "data_x": data["data_x"],
                 "data_y": data["data_y"], "x": th[0],
                 "y": th[2] if model == "net" else th[1],
                 "bias1": th[1], "bias2": th[3]}
            ours = plugin("point", a, ["loss", "grad", "hessian", "eig"])
            theta = t(th if model == "net" else th[:2], True)
            val = net_loss(theta, kind, model)
            g, = torch.autograd.grad(val, theta)
            H = torch.autograd.functional.hessian(
                lambda v: net_loss(v, kind, model), theta.detach())
            tag = "%s %s at %s" % (model, kind, th if model == "net"
                                   else th[:2])
            close("loss " + tag, ours["loss"], val.item())
            close("autograd gradient " + tag, ours["grad"], g.numpy())
            close("autograd Hessian " + tag, ours["hessian"], H.numpy(),
                  atol=1e-13)
            close("Hessian eigenvalues " + tag, ours["eig"],
                  np.linalg.eigvalsh(H.numpy()), atol=1e-13)

# ---- a whole landscape: loss and 2 x 2 Hessian eigenvalues ---------------

for model, kind in (("net", "mse"), ("net", "ce"), ("logistic", "ce")):
    ours = plugin("landscape", {"model": model, "loss": kind, "n": 15,
                                "data_x": data["data_x"],
                                "data_y": data["data_y"], "bias1": 0.5,
                                "bias2": -1, "x_min": -7, "x_max": 6,
                                "y_min": -9, "y_max": 8},
                  ["x", "y", "loss", "eig_min", "eig_max"])
    L, lo, hi = [], [], []
    for v in ours["y"]:
        for u in ours["x"]:
            if model == "net":          # the plane (w1, w2), biases held
                f = (lambda w: net_loss(torch.stack([w[0], t(0.5), w[1],
                                                     t(-1.0)]), kind, "net"))
            else:
                f = (lambda w: net_loss(w, kind, "logistic"))
            w = t([u, v])
            L.append(f(w).item())
            e = np.linalg.eigvalsh(torch.autograd.functional.hessian(f, w)
                                   .numpy())
            lo.append(e[0])
            hi.append(e[1])
    n = len(ours["x"])
    close("landscape %s %s loss (%d x %d)" % (model, kind, n, n),
          ours["loss"], np.reshape(L, (n, n)))
    close("landscape %s %s smaller eigenvalue" % (model, kind),
          ours["eig_min"], np.reshape(lo, (n, n)), atol=1e-12)
    close("landscape %s %s larger eigenvalue" % (model, kind),
          ours["eig_max"], np.reshape(hi, (n, n)), atol=1e-12)

# ---- sweeps and fits -------------------------------------------------------

s = plugin("gauss_sweep", {"n": 80, "steps": 41, "model_sigma": 0.6},
           ["data_x", "data_y", "x", "mse", "nll", "mae", "sigma2_mle",
            "mse_star", "w_star"])
xs, ys = np.array(s["data_x"]), np.array(s["data_y"])
mse, nll, mae = [], [], []
for w in s["x"]:
    mu = t(w * xs + 0.5)
    mse.append(F.mse_loss(mu, t(ys)).item())
    mae.append(F.l1_loss(mu, t(ys)).item())
    nll.append(F.gaussian_nll_loss(mu, t(ys), torch.full_like(mu, 0.36),
                                   full=True, reduction="sum").item())
close("gauss_sweep MSE (torch MSELoss)", s["mse"], mse)
close("gauss_sweep NLL (torch GaussianNLLLoss, sum)", s["nll"], nll)
close("gauss_sweep MAE (torch L1Loss)", s["mae"], mae)
w_star = (xs * (ys - 0.5)).sum() / (xs * xs).sum()
close("least-squares slope (numpy)", s["w_star"], w_star)
close("sigma^2 MLE = mean squared residual", s["sigma2_mle"],
      ((ys - w_star * xs - 0.5) ** 2).mean())

f = plugin("fit_lines", {"n": 80, "noise": "laplace", "outliers": 0.15},
           ["x", "y", "ls_slope", "ls_intercept", "lad_mae"])
fx, fy = np.array(f["x"]), np.array(f["y"])
close("least squares (numpy.polyfit)", [f["ls_slope"], f["ls_intercept"]],
      np.polyfit(fx, fy, 1))
try:
    from sklearn.linear_model import QuantileRegressor
    qr = QuantileRegressor(quantile=0.5, alpha=0, solver="highs")
    qr.fit(fx[:, None], fy)
    close("least absolute deviations: MAE (sklearn QuantileRegressor)",
          f["lad_mae"], np.abs(fy - qr.predict(fx[:, None])).mean())
except ImportError:
    print("FAIL least absolute deviations: scikit-learn is missing")

b = plugin("bernoulli_sweep", {"n": 150, "steps": 31},
           ["data_x", "data_y", "x", "bce", "loglik"])
bx, by = t(b["data_x"]), t(b["data_y"])
bce = [F.binary_cross_entropy_with_logits(w * bx, by).item() for w in b["x"]]
close("bernoulli_sweep BCE (torch BCEWithLogitsLoss)", b["bce"], bce)
close("bernoulli_sweep log-likelihood", b["loglik"],
      [-len(b["data_x"]) * v for v in bce])
b = plugin("bernoulli_sweep", {"n": 2000, "sep": 10, "noise": 10,
                               "w_min": -20, "w_max": 20, "steps": 21},
           ["data_x", "data_y", "x", "loglik"])     # P(y | x) underflows
bx, bs = np.array(b["data_x"]), 2 * np.array(b["data_y"]) - 1
close("bernoulli_sweep log-likelihood, P underflowing (numpy logaddexp)",
      b["loglik"], [-np.logaddexp(0, -bs * w * bx).sum() for w in b["x"]])

sat = plugin("saturation", {"n": 41, "target": 0.8},
             ["x", "grad_mse", "grad_ce"])
z = t(sat["x"], True)
(((torch.sigmoid(z) - 0.8) ** 2).sum()).backward()
close("saturation dMSE/dz (autograd)", sat["grad_mse"], z.grad.numpy())
z = t(sat["x"], True)
F.binary_cross_entropy_with_logits(z, torch.full_like(z, 0.8),
                                   reduction="sum").backward()
close("saturation dCE/dz (autograd)", sat["grad_ce"], z.grad.numpy())

done()
