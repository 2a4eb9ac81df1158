# SPDX-License-Identifier: MIT
"""Cross-checks the bn plugin against PyTorch in double precision:
BatchNorm1d forward, backward and running statistics, and whole SGD steps
of the same MLP from the same initial weights on the same batches."""
import numpy as np
import torch

from nnt import close, done, run_lua

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)


def t(a):
    """Returns a as a float64 tensor."""
    return torch.tensor(np.asarray(a, dtype=float))


def check_layer(batch, features, eps):
    """BatchNorm1d forward and backward on the plugin's own batch."""
    r = run_lua("""
nnt.seed(11)
local r = nnt.plugin("bn").gradcheck{ batch = %d, features = %d, eps = %g }
print(nnt.json(r))
""" % (batch, features, eps))
    bn = torch.nn.BatchNorm1d(features, eps=eps, momentum=0.1)
    with torch.no_grad():
        bn.weight.copy_(t(r["gamma"]))
        bn.bias.copy_(t(r["beta"]))
    x = t(r["input"]).requires_grad_(True)
    y = bn(x)
    (y * t(r["upstream"])).sum().backward()
    tag = "bn B=%d F=%d eps=%g" % (batch, features, eps)
    close(tag + " forward y", r["output"], y.detach().numpy())
    close(tag + " backward dx", r["dx"], x.grad.numpy())
    close(tag + " backward dgamma", r["dgamma"], bn.weight.grad.numpy())
    close(tag + " backward dbeta", r["dbeta"], bn.bias.grad.numpy())


def check_running(steps, batch, features, momentum):
    """Running mean and (unbiased) variance after a stream of batches, and
    eval mode on one value."""
    r = run_lua("""
nnt.seed(12)
local r = nnt.plugin("bn").running{ steps = %d, batch = %d, features = %d,
                                    momentum = %g }
print(nnt.json(r))
""" % (steps, batch, features, momentum))
    bn = torch.nn.BatchNorm1d(features, eps=1e-5, momentum=momentum)
    data = t(r["data"])
    means = []
    with torch.no_grad():
        for s in range(steps):
            bn(data[s * batch:(s + 1) * batch])
            means.append(bn.running_mean[0].item())
        bn.eval()
        x0 = torch.full((1, features), float(r["x0"]))
        xhat = bn(x0)[0, 0].item()
    tag = "running steps=%d B=%d F=%d m=%g" % (steps, batch, features,
                                             momentum)
    close(tag + " mean", r["rmean"], bn.running_mean.numpy())
    close(tag + " var", r["rvar"], bn.running_var.numpy())
    close(tag + " mean trace", r["running_mean"], means)
    close(tag + " eval x-hat", r["xhat_eval_b1"], xhat)


ACTS = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh,
        "relu": torch.nn.ReLU}


def check_sgd(depth, width, act, use_bn, lr, steps, batch):
    """A few whole SGD steps of the same MLP from the same start."""
    r = run_lua("""
nnt.seed(13)
local r = nnt.plugin("bn").trace{ depth = %d, width = %d, act = "%s",
  bn = %s, lr = %g, steps = %d, batch = %d, n = 200 }
print(nnt.json(r))
""" % (depth, width, act, "true" if use_bn else "false", lr, steps, batch))
    layers, lin, norms = [], [], []
    classes = len(r["W%d" % (depth + 1)][0])
    sizes = [len(r["X"][0])] + [width] * depth + [classes]
    for l in range(depth + 1):
        hidden = l < depth
        fc = torch.nn.Linear(sizes[l], sizes[l + 1],
                             bias=not (hidden and use_bn))
        with torch.no_grad():
            fc.weight.copy_(t(r["W%d_init" % (l + 1)]).T)
            if fc.bias is not None:
                fc.bias.zero_()
        layers.append(fc)
        lin.append(fc)
        if hidden:
            if use_bn:
                bn = torch.nn.BatchNorm1d(sizes[l + 1], eps=1e-5,
                                          momentum=0.1)
                layers.append(bn)
                norms.append(bn)
            layers.append(ACTS[act]())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    X, y = t(r["X"]), torch.tensor(np.asarray(r["y"], dtype=np.int64))
    losses = []
    for s in range(steps):
        idx = torch.tensor(np.asarray(r["batches"][s], dtype=np.int64))
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(X[idx]), y[idx])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    tag = "sgd %dx%d %s bn=%s lr=%g" % (depth, width, act, use_bn, lr)
    close(tag + " loss per step", r["loss"], losses)
    for l, fc in enumerate(lin):
        close(tag + " W%d" % (l + 1), r["W%d" % (l + 1)],
              fc.weight.detach().numpy().T)
        if fc.bias is not None:
            close(tag + " b%d" % (l + 1), r["b%d" % (l + 1)],
                  fc.bias.detach().numpy())
    for l, bn in enumerate(norms):
        close(tag + " gamma%d" % (l + 1), r["gamma%d" % (l + 1)],
              bn.weight.detach().numpy())
        close(tag + " beta%d" % (l + 1), r["beta%d" % (l + 1)],
              bn.bias.detach().numpy())
        close(tag + " running mean%d" % (l + 1), r["rmean%d" % (l + 1)],
              bn.running_mean.numpy())
        close(tag + " running var%d" % (l + 1), r["rvar%d" % (l + 1)],
              bn.running_var.numpy())


check_layer(8, 3, 1e-5)
check_layer(32, 16, 1e-3)
check_layer(2, 1, 1e-5)
check_running(20, 8, 3, 0.1)
check_running(50, 2, 1, 0.3)
check_sgd(3, 16, "sigmoid", True, 1.0, 5, 16)
check_sgd(3, 16, "sigmoid", False, 1.0, 5, 16)
check_sgd(2, 10, "tanh", True, 0.3, 4, 7)
check_sgd(2, 12, "relu", True, 0.5, 4, 20)
check_sgd(1, 8, "relu", False, 0.5, 4, 20)
done()
