# SPDX-License-Identifier: MIT
"""Cross-checks the batching plugin: the logistic loss and gradient (and a
one-hidden-layer tanh MLP's) on the plugin's own batches against numpy,
SGD steps included; and batch counts against torch.utils.data.DataLoader
for the same N, B and drop_last."""
import numpy as np
import torch

from nnt import close, done, run_lua


def softmax_ce(z, y):
    """Returns the mean cross-entropy and dL/dz of logits z, labels y."""
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(axis=1, keepdims=True)
    loss = np.mean(m[:, 0] + np.log(s[:, 0]) - z[np.arange(len(y)), y])
    d = e / s
    d[np.arange(len(y)), y] -= 1
    return loss, d / len(y)


def unpack(p, hidden):
    """Splits the plugin's parameter block (W row-major as inputs x outputs,
    then b, layer by layer) into arrays."""
    if hidden == 0:
        return [p[:4].reshape(2, 2), p[4:6]]
    h = hidden
    W1 = p[:2 * h].reshape(2, h)
    b1 = p[2 * h:3 * h]
    W2 = p[3 * h:5 * h].reshape(h, 2)
    b2 = p[5 * h:5 * h + 2]
    return [W1, b1, W2, b2]


def loss_grad(params, x, y):
    """Returns the loss and the gradient (in the plugin's layout)."""
    if len(params) == 2:
        W, b = params
        loss, d = softmax_ce(x @ W + b, y)
        return loss, np.concatenate([(x.T @ d).ravel(), d.sum(axis=0)])
    W1, b1, W2, b2 = params
    a = np.tanh(x @ W1 + b1)
    loss, d2 = softmax_ce(a @ W2 + b2, y)
    d1 = (d2 @ W2.T) * (1 - a * a)
    return loss, np.concatenate([(x.T @ d1).ravel(), d1.sum(axis=0),
                                 (a.T @ d2).ravel(), d2.sum(axis=0)])


def check_batches(model, hidden, batch, steps, lr):
    """Loss and gradient of every recorded batch, and the SGD steps."""
    r = run_lua("""
nnt.seed(21)
local r = nnt.plugin("batching").batch_grad{ model = "%s", hidden = %d,
  batch = %d, steps = %d, lr = %g, n = 300, data = "mixed" }
print(nnt.json(r))
""" % (model, max(hidden, 2), batch, steps, lr))
    X = np.asarray(r["X"], dtype=float)
    y = np.asarray(r["y"], dtype=int)
    p = np.asarray(r["param_init"], dtype=float)
    losses, grads = [], []
    for s in range(steps):
        idx = np.asarray(r["batches"][s], dtype=int)
        loss, g = loss_grad(unpack(p, hidden if model == "mlp" else 0),
                            X[idx], y[idx])
        losses.append(loss)
        grads.append(g)
        p = p - lr * g
    tag = "%s B=%d lr=%g" % (model if model == "logistic"
                             else "mlp(%d)" % hidden, batch, lr)
    close(tag + " loss per batch", r["loss"], losses)
    close(tag + " gradient per batch", r["grad"], grads)
    close(tag + " parameters after %d steps" % steps, r["param"], p)


def check_counts(n, batch, drop_last):
    """Iterations per epoch and the last batch against DataLoader."""
    r = run_lua("""
nnt.seed(22)
local r = nnt.plugin("batching").schedule{ n = %d, batch = %d, epochs = 1,
  drop_last = %s }
print(nnt.json(r))
""" % (n, batch, "true" if drop_last else "false"))
    dl = torch.utils.data.DataLoader(range(n), batch_size=batch,
                                     shuffle=True, drop_last=drop_last)
    sizes = [len(b) for b in dl]
    tag = "DataLoader N=%d B=%d drop_last=%s" % (n, batch, drop_last)
    close(tag + " batches per epoch", r["iterations_per_epoch"], len(dl))
    close(tag + " batch sizes", r["bsize"], sizes)
    close(tag + " samples per epoch", r["samples_seen"], sum(sizes))


check_batches("logistic", 0, 16, 5, 0.5)
check_batches("logistic", 0, 1, 8, 0.1)
check_batches("logistic", 0, 300, 3, 2.0)
check_batches("mlp", 8, 32, 4, 0.5)
check_batches("mlp", 32, 7, 6, 0.1)
for n, b in [(10, 4), (2000, 1), (2000, 8), (2000, 32), (2000, 128),
             (2000, 2000), (2000, 3000), (1000, 64), (7, 7), (13, 5)]:
    for drop in (False, True):
        check_counts(n, b, drop)
done()
