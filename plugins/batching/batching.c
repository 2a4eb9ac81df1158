/* SPDX-License-Identifier: MIT */
/* batching plugin: epoch, iteration and batch, and what the batch size
 * does to minibatch SGD.  Accounting, the per-iteration step mode and one
 * training run here; sweeps, gradient noise and sharpness in bt_sweep.c
 * and bt_noise.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/common.h>
#include <nntutor/minibatch.h>
#include <nntutor/params.h>
#include <nntutor/plugin.h>

#include "bt.h"
#include "bt_fns.h"

/* ---- schedule{n, batch, epochs, shuffle, drop_last} ------------------ */

#define SCHED_PARAMS(P)                                                      \
    P(SCHED_N, .name = "n", .doc = "samples N", .type = NNT_INTEGER,         \
      .min = 1, .max = 10000, .def = 10)                                     \
    P(SCHED_BATCH, .name = "batch", .doc = "batch size B",                   \
      .type = NNT_INTEGER, .min = 1, .max = 10000, .def = 4)                 \
    P(SCHED_EPOCHS, .name = "epochs", .doc = "passes over the data",         \
      .type = NNT_INTEGER, .min = 1, .max = 20, .def = 2)                    \
    P(SCHED_SHUFFLE, .name = "shuffle",                                      \
      .doc = "a new random order every epoch", .type = NNT_BOOL, .def = 1)   \
    P(SCHED_DROP_LAST, .name = "drop_last",                                  \
      .doc = "skip the last, smaller batch", .type = NNT_BOOL, .def = 0)
enum { SCHED_PARAMS(NNT_PARAM_ID) SCHED_NPARAMS };
static const struct nnt_param schedule_params[] = {
    SCHED_PARAMS(NNT_PARAM_ROW)
};

/* Puts iterations_per_epoch, iterations, samples_seen, last_batch,
 * dropped (per epoch) and, for every sample taken in order, sample (1..N),
 * iteration and epoch (from 1), and per iteration bsize; returns 0 or -1.
 */
static int schedule_run(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args)
{
    int n = (int)args[SCHED_N].integer, B = (int)args[SCHED_BATCH].integer;
    int E = (int)args[SCHED_EPOCHS].integer;
    int drop = args[SCHED_DROP_LAST].boolean;
    int per = mb_per_epoch(n, B, drop), used, b;
    size_t taken = (size_t)E * (size_t)(drop ? per * B : n);
    double *smp = h->put_array(c, "sample", taken, 0);
    double *itn = h->put_array(c, "iteration", taken, 0);
    double *epo = h->put_array(c, "epoch", taken, 0);
    double *bs = h->put_array(c, "bsize", (size_t)E * per, 0);
    struct mb_iter it;
    const int *idx;
    size_t k = 0;

    if (!smp || !itn || !epo || !bs)
        return -1;
    if (mb_init(&it, n, B, args[SCHED_SHUFFLE].boolean, drop) < 0)
        return h->fail(c, "out of memory");
    for (int e = 1; e <= E; e++) {
        mb_epoch(&it, h, c);
        while ((b = mb_next(&it, &idx)) > 0) {
            bs[it.iter - 1] = b;
            for (int i = 0; i < b; i++, k++) {
                smp[k] = idx[i] + 1;
                itn[k] = (double)it.iter;
                epo[k] = e;
            }
        }
    }
    used = drop ? per * it.batch : n;
    h->put_number(c, "iterations_per_epoch", per);
    h->put_number(c, "iterations", (double)it.iter);
    h->put_number(c, "samples_seen", (double)it.seen);
    h->put_number(c, "last_batch", per > 0 ? bs[per - 1] : 0);
    h->put_number(c, "dropped", n - used);
    mb_free(&it);
    return 0;
}

/* ---- step{n, batch, epochs, shuffle, drop_last, upto, lr, ...} ------- */

#define STEP_PARAMS(P)                                                       \
    P(STEP_N, .name = "n", .doc = "samples N", .type = NNT_INTEGER,          \
      .min = 2, .max = 1000, .def = 12)                                      \
    P(STEP_BATCH, .name = "batch", .doc = "batch size B",                    \
      .type = NNT_INTEGER, .min = 1, .max = 1000, .def = 5)                  \
    P(STEP_EPOCHS, .name = "epochs", .doc = "passes over the data",          \
      .type = NNT_INTEGER, .min = 1, .max = 50, .def = 3)                    \
    P(STEP_SHUFFLE, .name = "shuffle",                                       \
      .doc = "a new random order every epoch", .type = NNT_BOOL, .def = 1)   \
    P(STEP_DROP_LAST, .name = "drop_last",                                   \
      .doc = "skip the last, smaller batch", .type = NNT_BOOL, .def = 0)     \
    P(STEP_UPTO, .name = "upto",                                             \
      .doc = "stop after this iteration (0: run all)", .type = NNT_INTEGER,  \
      .min = 0, .max = 50000, .def = 0)                                      \
    P(STEP_LR, NNT_LR_PARAM(1e-4, 100, 0.5))
enum { STEP_PARAMS(NNT_PARAM_ID) STEP_NPARAMS };
static const struct nnt_param step_params[] = { STEP_PARAMS(NNT_PARAM_ROW) };

/* Trains logistic regression on n 2-D points iteration by iteration up to
 * iteration `upto` and puts the counters there (epoch, iteration,
 * iteration_in_epoch, samples_seen, iterations_per_epoch, iterations =
 * all of the run, loss, batch_samples) and their traces t_epoch,
 * t_iter_in_epoch, t_seen, t_loss (one value per iteration so far);
 * returns 0 or -1. */
static int step_run(const struct nnt_host *h, struct nnt_call *c,
                    const struct nnt_value *args)
{
    int n = (int)args[STEP_N].integer, B = (int)args[STEP_BATCH].integer;
    int E = (int)args[STEP_EPOCHS].integer;
    int drop = args[STEP_DROP_LAST].boolean, rc = -1, b = 0;
    int per = mb_per_epoch(n, B, drop);
    long long total = (long long)per * E, upto = args[STEP_UPTO].integer;
    struct mlp_spec s = { .inputs = 2, .classes = 2 };
    double *X = malloc(sizeof *X * 3 * (size_t)n), *y, loss = 0;
    double *te, *ti, *ts, *tl, *bsm;
    struct mlp net = { 0 };
    struct mlp_work w = { 0 };
    struct mb_iter it = { 0 };
    const int *idx = NULL;

    if (upto <= 0 || upto > total)
        upto = total;
    te = h->put_array(c, "t_epoch", (size_t)upto, 0);
    ti = h->put_array(c, "t_iter_in_epoch", (size_t)upto, 0);
    ts = h->put_array(c, "t_seen", (size_t)upto, 0);
    tl = h->put_array(c, "t_loss", (size_t)upto, 0);
    if (!X || !te || !ti || !ts || !tl || mlp_new(&net, &s) < 0
        || mlp_work_new(&w, &net, B) < 0 || mb_init(&it, n, B,
                                                    args[STEP_SHUFFLE].boolean,
                                                    drop) < 0) {
        h->fail(c, "out of memory");
        goto out;
    }
    y = X + 2 * (size_t)n;
    nc_classes(h, c, n, 2, 2, 1.0, 1.0, X, y);
    bt_init(&net, h, c);
    while (it.iter < upto) {            /* per > 0: batches never run out */
        b = mb_cycle(&it, h, c, &idx);
        mlp_gather(&net, &w, X, y, idx, b);
        loss = mlp_forward(&net, &w, w.xb, w.yb, b, MLP_TRAIN);
        mlp_step(&net, &w, w.xb, w.yb, b, args[STEP_LR].num);
        te[it.iter - 1] = (double)it.epoch;
        ti[it.iter - 1] = (double)it.iter_in_epoch;
        ts[it.iter - 1] = (double)it.seen;
        tl[it.iter - 1] = loss;
    }
    if (!(bsm = h->put_array(c, "batch_samples", (size_t)b, 0)))
        goto out;
    for (int i = 0; i < b; i++)
        bsm[i] = idx[i] + 1;
    h->put_number(c, "epoch", (double)it.epoch);
    h->put_number(c, "iteration", (double)it.iter);
    h->put_number(c, "iteration_in_epoch", (double)it.iter_in_epoch);
    h->put_number(c, "samples_seen", (double)it.seen);
    h->put_number(c, "iterations_per_epoch", per);
    h->put_number(c, "iterations", (double)total);
    h->put_number(c, "loss", loss);
    rc = 0;
out:
    mb_free(&it);
    mlp_work_free(&w);
    mlp_free(&net);
    free(X);
    return rc;
}

/* ---- the training experiments (bt_sweep.c, bt_noise.c) -------------- */

static const struct nnt_param train_params[] = { TRAIN_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param sweep_params[] = { SWEEP_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param noise_params[] = { NOISE_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param sharpness_params[] = {
    SHARP_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param batch_grad_params[] = {
    BGRAD_PARAMS(NNT_PARAM_ROW)
};

/* ---- the descriptor: the one exported symbol ------------------------- */

static const struct nnt_result grad_noise_results[] = {
    NNT_RESULT(.name = "batch", .kind = NNT_ARRAY, .rank = 1,
               .doc = "batch sizes B tried"),
    NNT_RESULT(.name = "variance", .kind = NNT_ARRAY, .rank = 1,
               .doc = "mean |g_B - g|² over trials, at each B"),
    NNT_RESULT(.name = "theory", .kind = NNT_ARRAY, .rank = 1,
               .doc = "σ²/B (N - B)/(N - 1) at each B"),
    NNT_RESULT(.name = "slope", .kind = NNT_NUMBER,
               .doc = "slope of log variance against log B"),
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER,
               .doc = "intercept of that log-log line"),
    NNT_RESULT(.name = "sample_variance", .kind = NNT_NUMBER,
               .doc = "σ²: mean |g_i - g|² over single samples"),
    NNT_RESULT(.name = "grad_norm2", .kind = NNT_NUMBER,
               .doc = "|g|²: squared norm of the full-batch gradient g"),
};

static const struct nnt_result schedule_results[] = {
    NNT_RESULT(.name = "sample", .kind = NNT_ARRAY, .rank = 1,
               .doc = "samples taken (1 .. N), in order"),
    NNT_RESULT(.name = "iteration", .kind = NNT_ARRAY, .rank = 1,
               .doc = "iteration that took each sample (from 1)"),
    NNT_RESULT(.name = "epoch", .kind = NNT_ARRAY, .rank = 1,
               .doc = "epoch of each sample taken (from 1)"),
    NNT_RESULT(.name = "bsize", .kind = NNT_ARRAY, .rank = 1,
               .doc = "batch size of each iteration"),
    NNT_RESULT(.name = "iterations_per_epoch", .kind = NNT_NUMBER,
               .doc = "ceil(N/B), or floor(N/B) with drop_last"),
    NNT_RESULT(.name = "iterations", .kind = NNT_NUMBER,
               .doc = "iterations over all epochs"),
    NNT_RESULT(.name = "samples_seen", .kind = NNT_NUMBER,
               .doc = "samples taken over all epochs"),
    NNT_RESULT(.name = "last_batch", .kind = NNT_NUMBER,
               .doc = "size of the last batch of an epoch"),
    NNT_RESULT(.name = "dropped", .kind = NNT_NUMBER,
               .doc = "samples skipped each epoch (drop_last)"),
};

static const struct nnt_result sharpness_results[] = {
    NNT_RESULT(.name = "rise_small", .kind = NNT_ARRAY, .rank = 1,
               .doc = "mean loss rise at each eps, small batch"),
    NNT_RESULT(.name = "rise_large", .kind = NNT_ARRAY, .rank = 1,
               .doc = "mean loss rise at each eps, large batch"),
    NNT_RESULT(.name = "eps", .kind = NNT_ARRAY, .rank = 1,
               .doc = "perturbation sizes, eps/8 .. eps"),
    NNT_RESULT(.name = "train_loss_small", .kind = NNT_NUMBER,
               .doc = "training loss after training, small batch"),
    NNT_RESULT(.name = "test_loss_small", .kind = NNT_NUMBER,
               .doc = "held-out loss after training, small batch"),
    NNT_RESULT(.name = "train_acc_small", .kind = NNT_NUMBER,
               .doc = "training accuracy, small batch"),
    NNT_RESULT(.name = "test_acc_small", .kind = NNT_NUMBER,
               .doc = "held-out accuracy, small batch"),
    NNT_RESULT(.name = "gap_small", .kind = NNT_NUMBER,
               .doc = "held-out minus training loss, small batch"),
    NNT_RESULT(.name = "sharpness_small", .kind = NNT_NUMBER,
               .doc = "loss rise at eps itself, small batch"),
    NNT_RESULT(.name = "batch_small", .kind = NNT_NUMBER,
               .doc = "batch size used (at most N), small batch"),
    NNT_RESULT(.name = "updates_small", .kind = NNT_NUMBER,
               .doc = "SGD updates taken, small batch"),
    NNT_RESULT(.name = "train_loss_large", .kind = NNT_NUMBER,
               .doc = "training loss after training, large batch"),
    NNT_RESULT(.name = "test_loss_large", .kind = NNT_NUMBER,
               .doc = "held-out loss after training, large batch"),
    NNT_RESULT(.name = "train_acc_large", .kind = NNT_NUMBER,
               .doc = "training accuracy, large batch"),
    NNT_RESULT(.name = "test_acc_large", .kind = NNT_NUMBER,
               .doc = "held-out accuracy, large batch"),
    NNT_RESULT(.name = "gap_large", .kind = NNT_NUMBER,
               .doc = "held-out minus training loss, large batch"),
    NNT_RESULT(.name = "sharpness_large", .kind = NNT_NUMBER,
               .doc = "loss rise at eps itself, large batch"),
    NNT_RESULT(.name = "batch_large", .kind = NNT_NUMBER,
               .doc = "batch size used (at most N), large batch"),
    NNT_RESULT(.name = "updates_large", .kind = NNT_NUMBER,
               .doc = "SGD updates taken, large batch"),
};

static const struct nnt_result step_results[] = {
    NNT_RESULT(.name = "t_epoch", .kind = NNT_ARRAY, .rank = 1,
               .doc = "epoch at each iteration so far"),
    NNT_RESULT(.name = "t_iter_in_epoch", .kind = NNT_ARRAY, .rank = 1,
               .doc = "iteration in its epoch, at each iteration"),
    NNT_RESULT(.name = "t_seen", .kind = NNT_ARRAY, .rank = 1,
               .doc = "samples seen after each iteration"),
    NNT_RESULT(.name = "t_loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss at each iteration"),
    NNT_RESULT(.name = "batch_samples", .kind = NNT_ARRAY, .rank = 1,
               .doc = "samples (1 .. N) of the last batch taken"),
    NNT_RESULT(.name = "epoch", .kind = NNT_NUMBER,
               .doc = "epoch reached (epochs started)"),
    NNT_RESULT(.name = "iteration", .kind = NNT_NUMBER,
               .doc = "iterations taken (upto, or all of them)"),
    NNT_RESULT(.name = "iteration_in_epoch", .kind = NNT_NUMBER,
               .doc = "iterations taken in the current epoch"),
    NNT_RESULT(.name = "samples_seen", .kind = NNT_NUMBER,
               .doc = "samples seen so far"),
    NNT_RESULT(.name = "iterations_per_epoch", .kind = NNT_NUMBER,
               .doc = "ceil(N/B), or floor(N/B) with drop_last"),
    NNT_RESULT(.name = "iterations", .kind = NNT_NUMBER,
               .doc = "iterations in the whole run, all epochs"),
    NNT_RESULT(.name = "loss", .kind = NNT_NUMBER,
               .doc = "minibatch loss of the last iteration"),
};

static const struct nnt_result batch_grad_results[] = {
    NNT_RESULT(.name = "X", .kind = NNT_ARRAY, .rank = 2,
               .doc = "inputs, one 2-D point per row (n x 2)"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "class labels, 0 or 1"),
    NNT_RESULT(.name = "batches", .kind = NNT_ARRAY, .rank = 2,
               .doc = "rows of X (from 0) in each step (steps x batch)"),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss at each step"),
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY, .rank = 2,
               .doc = "gradient at each step (steps x parameters)"),
    NNT_RESULT(.name = "param_init", .kind = NNT_ARRAY, .rank = 1,
               .doc = "parameters before the first step"),
    NNT_RESULT(.name = "param", .kind = NNT_ARRAY, .rank = 1,
               .doc = "parameters after the last step"),
};

static const struct nnt_result sweep_results[] = {
    NNT_RESULT(.name = "batch", .kind = NNT_ARRAY, .rank = 1,
               .doc = "batch sizes B"),
    NNT_RESULT(.name = "lr", .kind = NNT_ARRAY, .rank = 1,
               .doc = "learning rate α used at each B"),
    NNT_RESULT(.name = "iterations_per_epoch", .kind = NNT_ARRAY, .rank = 1,
               .doc = "iterations per epoch, ceil(N/B), at each B"),
    NNT_RESULT(.name = "final_train", .kind = NNT_ARRAY, .rank = 1,
               .doc = "training loss at the end, per B"),
    NNT_RESULT(.name = "final_test", .kind = NNT_ARRAY, .rank = 1,
               .doc = "held-out loss at the end, per B"),
    NNT_RESULT(.name = "final_test_acc", .kind = NNT_ARRAY, .rank = 1,
               .doc = "held-out accuracy at the end, per B"),
    NNT_RESULT(.name = "memory", .kind = NNT_ARRAY, .rank = 1,
               .doc = "activation values and gradients per step"),
    NNT_RESULT(.name = "train_loss", .kind = NNT_ARRAY, .rank = 2,
               .doc = "training loss per epoch (B x epochs+1)"),
    NNT_RESULT(.name = "test_loss", .kind = NNT_ARRAY, .rank = 2,
               .doc = "held-out loss per epoch (B x epochs+1)"),
    NNT_RESULT(.name = "updates", .kind = NNT_ARRAY, .rank = 2,
               .doc = "SGD updates so far (B x epochs+1)"),
    NNT_RESULT(.name = "seconds", .kind = NNT_ARRAY, .rank = 2,
               .doc = "seconds so far per epoch (B x epochs+1)"),
    NNT_RESULT(.name = "samples", .kind = NNT_ARRAY, .rank = 1,
               .doc = "samples seen per epoch: e N (epochs+1)"),
};

static const struct nnt_result train_results[] = {
    NNT_RESULT(.name = "train_loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "training loss per epoch, from 0"),
    NNT_RESULT(.name = "test_loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "held-out loss per epoch, from 0"),
    NNT_RESULT(.name = "train_acc", .kind = NNT_ARRAY, .rank = 1,
               .doc = "training accuracy per epoch, from 0"),
    NNT_RESULT(.name = "test_acc", .kind = NNT_ARRAY, .rank = 1,
               .doc = "held-out accuracy per epoch, from 0"),
    NNT_RESULT(.name = "updates", .kind = NNT_ARRAY, .rank = 1,
               .doc = "SGD updates so far, per epoch from 0"),
    NNT_RESULT(.name = "seconds", .kind = NNT_ARRAY, .rank = 1,
               .doc = "wall-clock seconds so far, per epoch"),
    NNT_RESULT(.name = "iter_loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss at each iteration"),
    NNT_RESULT(.name = "samples", .kind = NNT_ARRAY, .rank = 1,
               .doc = "samples seen per epoch: e N"),
    NNT_RESULT(.name = "batch", .kind = NNT_NUMBER,
               .doc = "batch size B used (at most N)"),
    NNT_RESULT(.name = "iterations_per_epoch", .kind = NNT_NUMBER,
               .doc = "iterations per epoch, ceil(N/B)"),
    NNT_RESULT(.name = "final_train", .kind = NNT_NUMBER,
               .doc = "training loss after the last epoch"),
    NNT_RESULT(.name = "final_test", .kind = NNT_NUMBER,
               .doc = "held-out loss after the last epoch"),
    NNT_RESULT(.name = "final_test_acc", .kind = NNT_NUMBER,
               .doc = "held-out accuracy after the last epoch"),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER,
               .doc = "final_test - final_train"),
    NNT_RESULT(.name = "memory", .kind = NNT_NUMBER,
               .doc = "activation values and gradients per step"),
};

static const struct nnt_function functions[] = {
    NNT_FUNCTION(.name = "schedule",
      NNT_RESULTS(schedule_results),
      .doc = "Epoch and iteration accounting: which samples each "
             "iteration takes, iterations per epoch = ceil(N/B) or "
             "floor(N/B) with drop_last.",
      .params = schedule_params, .nparams = SCHED_NPARAMS,
      .run = schedule_run, .view = "sample"),
    NNT_FUNCTION(.name = "step",
      NNT_RESULTS(step_results),
      .doc = "Trains logistic regression one iteration at a time up to "
             "`upto`: epoch, iteration and samples-seen counters there.",
      .params = step_params, .nparams = STEP_NPARAMS,
      .run = step_run, .view = "t_loss"),
    NNT_FUNCTION(.name = "train",
      NNT_RESULTS(train_results),
      .doc = "Minibatch SGD at one batch size: loss per iteration and per "
             "epoch (train and held out), updates, samples and wall time.",
      .params = train_params, .nparams = TRAIN_NPARAMS,
      .run = bt_train_run, .view = "train_loss"),
    NNT_FUNCTION(.name = "sweep",
      NNT_RESULTS(sweep_results),
      .doc = "The same model and epochs at several batch sizes, optionally "
             "with the linear scaling rule (lr proportional to B).",
      .params = sweep_params, .nparams = SWEEP_NPARAMS,
      .run = bt_sweep_run, .view = "final_test", .xaxis = "batch"),
    NNT_FUNCTION(.name = "grad_noise",
      NNT_RESULTS(grad_noise_results),
      .doc = "Variance of the minibatch gradient against the batch size "
             "(after `epochs` epochs of SGD), with its log-log slope.",
      .params = noise_params, .nparams = NOISE_NPARAMS,
      .run = bt_grad_noise_run, .view = "variance", .xaxis = "batch"),
    NNT_FUNCTION(.name = "sharpness",
      NNT_RESULTS(sharpness_results),
      .doc = "Trains with a small and a large batch, then measures the "
             "train/test gap and the loss rise under random weight "
             "perturbations.",
      .params = sharpness_params, .nparams = SHARP_NPARAMS,
      .run = bt_sharpness_run, .view = "rise_large", .xaxis = "eps"),
    NNT_FUNCTION(.name = "batch_grad",
      NNT_RESULTS(batch_grad_results),
      .doc = "Loss and gradient on a few recorded batches, with the data "
             "and weights, for cross-checking.",
      .params = batch_grad_params, .nparams = BGRAD_NPARAMS,
      .run = bt_batch_grad_run, .view = "loss"),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "batching",
    .version = "0.1.0",
    .doc = "Epochs, iterations and batches: what the batch size does to "
           "minibatch SGD.",
    NNT_FUNCTIONS(functions)
);
