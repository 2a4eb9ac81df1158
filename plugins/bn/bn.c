/* SPDX-License-Identifier: MIT */
/* bn plugin: what batch normalisation computes, and what it does to the
 * training of a multilayer perceptron (Ioffe & Szegedy 2015; Santurkar et
 * al. 2018).  Small demonstrations here, training in bn_train.c and
 * bn_smooth.c, checks in bn_check.c. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include <nntutor/bn_math.h>
#include <nntutor/params.h>
#include <nntutor/plugin.h>

#include "bn_exp.h"
#include "bn_fns.h"

/* ---- batchnorm{batch, mean, std, gamma, beta, eps, restore} ---------- */

#define BNORM_PARAMS(P)                                                      \
    P(BNORM_BATCH, .name = "batch",                                          \
      .doc = "values in the batch (1 shows x-hat = 0)", .type = NNT_INTEGER, \
      .min = 1, .max = 1000, .def = 16)                                      \
    P(BNORM_MEAN, .name = "mean", .doc = "mean of the incoming values",      \
      .type = NNT_NUMBER, .min = -100, .max = 100, .def = 3)                 \
    P(BNORM_STD, .name = "std", .doc = "spread of the incoming values",      \
      .type = NNT_NUMBER, .flags = NNT_LOG, .min = 0.01, .max = 100,         \
      .def = 2)                                                              \
    P(BNORM_GAMMA, .name = "gamma", .doc = "learnable scale",                \
      .type = NNT_NUMBER, .min = -5, .max = 5, .def = 1)                     \
    P(BNORM_BETA, .name = "beta", .doc = "learnable shift",                  \
      .type = NNT_NUMBER, .min = -5, .max = 5, .def = 0)                     \
    P(BNORM_EPS, .name = "eps",                                              \
      .doc = "added to the variance (if var + eps = 0, x-hat is 0)",         \
      .type = NNT_NUMBER, .min = 0, .max = 1, .def = 1e-5)                   \
    P(BNORM_RESTORE, .name = "restore",                                      \
      .doc = "set gamma = sqrt(var + eps), beta = mean of the batch "        \
      "(undoes the normalisation)", .type = NNT_BOOL)
enum { BNORM_PARAMS(NNT_PARAM_ID) BNORM_NPARAMS };
static const struct nnt_param batchnorm_params[] = {
    BNORM_PARAMS(NNT_PARAM_ROW)
};

/* Puts x, xhat, y (batch values of one feature, train mode), the batch
 * mean, var, sigma = sqrt(var + eps), the mean and standard deviation of
 * xhat and y, the gamma and beta used, and restore_err = max |y - x|;
 * returns 0, or -1 if out of memory. */
static int batchnorm_run(const struct nnt_host *h, struct nnt_call *c,
                         const struct nnt_value *args)
{
    int B = (int)args[BNORM_BATCH].integer;
    double mu, var, istd, g = args[BNORM_GAMMA].num;
    double b = args[BNORM_BETA].num;
    double eps = args[BNORM_EPS].num, err = 0, m[2] = { 0, 0 }, v[2] = { 0, 0 };
    double *x = h->put_array(c, "x", (size_t)B, 0);
    double *xh = h->put_array(c, "xhat", (size_t)B, 0);
    double *y = h->put_array(c, "y", (size_t)B, 0);
    double one = 1, zero = 0;

    if (!x || !xh || !y)
        return -1;
    for (int i = 0; i < B; i++)
        x[i] = args[BNORM_MEAN].num
               + args[BNORM_STD].num * h->rng_normal(c, NNT_RNG_DATA);
    bn_forward_train(B, 1, x, &one, &zero, eps, &mu, &var, &istd, xh, y);
    if (args[BNORM_RESTORE].boolean) {
        g = sqrt(var + eps);
        b = mu;
    }
    for (int i = 0; i < B; i++) {
        y[i] = g * xh[i] + b;
        if (!(fabs(y[i] - x[i]) <= err) && !isnan(err))
            err = fabs(y[i] - x[i]);        /* a NaN stays: fmax drops it */
        m[0] += xh[i];
        m[1] += y[i];
    }
    for (int k = 0; k < 2; k++)
        m[k] /= B;
    for (int i = 0; i < B; i++) {
        v[0] += (xh[i] - m[0]) * (xh[i] - m[0]);
        v[1] += (y[i] - m[1]) * (y[i] - m[1]);
    }
    h->put_number(c, "mu", mu);
    h->put_number(c, "var", var);
    h->put_number(c, "sigma", sqrt(var + eps));
    h->put_number(c, "xhat_mean", m[0]);
    h->put_number(c, "xhat_std", sqrt(v[0] / B));
    h->put_number(c, "y_mean", m[1]);
    h->put_number(c, "y_std", sqrt(v[1] / B));
    h->put_number(c, "gamma_used", g);
    h->put_number(c, "beta_used", b);
    h->put_number(c, "restore_err", err);
    return 0;
}

/* ---- running{steps, batch, features, momentum, mean, std, eps} ------- */

#define RUN_PARAMS(P)                                                        \
    P(RUN_STEPS, .name = "steps", .doc = "training batches seen",            \
      .type = NNT_INTEGER, .min = 1, .max = 2000, .def = 60)                 \
    P(RUN_BATCH, .name = "batch", .doc = "values per batch",                 \
      .type = NNT_INTEGER, .min = 2, .max = 512, .def = 16)                  \
    P(RUN_FEATURES, .name = "features",                                      \
      .doc = "features (each normalised on its own)", .type = NNT_INTEGER,   \
      .min = 1, .max = 16, .def = 1)                                         \
    P(RUN_MOMENTUM, .name = "momentum",                                      \
      .doc = "weight of each new batch in the running averages",             \
      .type = NNT_NUMBER, .min = 0.01, .max = 1, .def = 0.1)                 \
    P(RUN_MEAN, .name = "mean", .doc = "mean of the incoming values",        \
      .type = NNT_NUMBER, .min = -10, .max = 10, .def = 3)                   \
    P(RUN_STD, .name = "std", .doc = "spread of the incoming values",        \
      .type = NNT_NUMBER, .min = 0.1, .max = 10, .def = 2)                   \
    P(RUN_EPS, .name = "eps",                                                \
      .doc = "added to the variance (if var + eps = 0, x-hat is 0)",         \
      .type = NNT_NUMBER, .min = 0, .max = 1, .def = 1e-5)
enum { RUN_PARAMS(NNT_PARAM_ID) RUN_NPARAMS };
static const struct nnt_param running_params[] = { RUN_PARAMS(NNT_PARAM_ROW) };

/* Puts data ((steps batch) x features, the batches in order), the first
 * feature's batch_mean, running_mean and running_var after each step, the
 * final rmean and rvar (features), and for one value x0 = mean + std:
 * xhat_train_b1 (a batch of one, batch statistics) and xhat_eval_b1
 * (running statistics); returns 0, or -1 if out of memory. */
static int running_run(const struct nnt_host *h, struct nnt_call *c,
                       const struct nnt_value *args)
{
    int T = (int)args[RUN_STEPS].integer, B = (int)args[RUN_BATCH].integer;
    int F = (int)args[RUN_FEATURES].integer;
    double mom = args[RUN_MOMENTUM].num, eps = args[RUN_EPS].num;
    double x0 = args[RUN_MEAN].num + args[RUN_STD].num;
    double *data = h->put_array(c, "data", (size_t)T * B, (size_t)F);
    double *bm = h->put_array(c, "batch_mean", (size_t)T, 0);
    double *rm1 = h->put_array(c, "running_mean", (size_t)T, 0);
    double *rv1 = h->put_array(c, "running_var", (size_t)T, 0);
    double *rm = h->put_array(c, "rmean", (size_t)F, 0);
    double *rv = h->put_array(c, "rvar", (size_t)F, 0);
    double *tmp = malloc(sizeof *tmp * ((size_t)B * F * 2 + 5 * (size_t)F));
    double *g, *bt, *mu, *var, *istd, xh, yy, s[3];

    if (!data || !bm || !rm1 || !rv1 || !rm || !rv || !tmp) {
        free(tmp);
        return tmp ? -1 : h->fail(c, "out of memory");
    }
    g = tmp + (size_t)B * F * 2;
    bt = g + F;
    mu = bt + F;
    var = mu + F;
    istd = var + F;
    for (int j = 0; j < F; j++) {
        g[j] = rv[j] = 1;
        bt[j] = rm[j] = 0;
    }
    for (int t = 0; t < T; t++) {
        double *xb = data + (size_t)t * B * F;
        for (int i = 0; i < B * F; i++)
            xb[i] = args[RUN_MEAN].num
                    + args[RUN_STD].num * h->rng_normal(c, NNT_RNG_DATA);
        bn_forward_train(B, F, xb, g, bt, eps, mu, var, istd, tmp,
                         tmp + (size_t)B * F);
        bn_update_running(B, F, mu, var, mom, rm, rv);
        bm[t] = mu[0];
        rm1[t] = rm[0];
        rv1[t] = rv[0];
    }
    bn_forward_train(1, 1, &x0, g, bt, eps, s, s + 1, s + 2, &xh, &yy);
    h->put_number(c, "xhat_train_b1", xh);
    bn_forward_eval(1, 1, &x0, g, bt, rm, rv, eps, &xh, &yy);
    h->put_number(c, "xhat_eval_b1", xh);
    h->put_number(c, "x0", x0);
    free(tmp);
    return 0;
}

/* ---- gradcheck{batch, features, eps, h, act} ------------------------- */

static const struct nnt_param gradcheck_params[] = { GC_PARAMS(NNT_PARAM_ROW) };

/* ---- the training experiments (bn_train.c, bn_smooth.c) -------------- */

static const struct nnt_param train_params[] = { TRAIN_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param lr_sweep_params[] = { LRS_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param init_sweep_params[] = {
    INIT_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param smoothness_params[] = {
    SMOOTH_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param trace_params[] = { TRACE_PARAMS(NNT_PARAM_ROW) };

/* ---- the descriptor: the one exported symbol ------------------------- */

static const struct nnt_result batchnorm_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the batch: values drawn from N(mean, std²)"),
    NNT_RESULT(.name = "xhat", .kind = NNT_ARRAY, .rank = 1,
               .doc = "normalised values (x - μ) / sqrt(var + eps)"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "output γ x-hat + β"),
    NNT_RESULT(.name = "mu", .kind = NNT_NUMBER,
               .doc = "batch mean μ"),
    NNT_RESULT(.name = "var", .kind = NNT_NUMBER,
               .doc = "batch variance (biased: divided by batch)"),
    NNT_RESULT(.name = "sigma", .kind = NNT_NUMBER,
               .doc = "sqrt(var + eps), what x - μ is divided by"),
    NNT_RESULT(.name = "xhat_mean", .kind = NNT_NUMBER,
               .doc = "mean of x-hat over the batch"),
    NNT_RESULT(.name = "xhat_std", .kind = NNT_NUMBER,
               .doc = "standard deviation of x-hat over the batch"),
    NNT_RESULT(.name = "y_mean", .kind = NNT_NUMBER,
               .doc = "mean of y over the batch"),
    NNT_RESULT(.name = "y_std", .kind = NNT_NUMBER,
               .doc = "standard deviation of y over the batch"),
    NNT_RESULT(.name = "gamma_used", .kind = NNT_NUMBER,
               .doc = "γ applied (sqrt(var + eps) with restore)"),
    NNT_RESULT(.name = "beta_used", .kind = NNT_NUMBER,
               .doc = "β applied (μ with restore)"),
    NNT_RESULT(.name = "restore_err", .kind = NNT_NUMBER,
               .doc = "largest |y - x| (0 up to rounding with restore)"),
};

static const struct nnt_result gradcheck_results[] = {
    NNT_RESULT(.name = "input", .kind = NNT_ARRAY, .rank = 2,
               .doc = "a random batch x (batch x features)"),
    NNT_RESULT(.name = "gamma", .kind = NNT_ARRAY, .rank = 1,
               .doc = "γ of each feature"),
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,
               .doc = "β of each feature"),
    NNT_RESULT(.name = "upstream", .kind = NNT_ARRAY, .rank = 2,
               .doc = "upstream gradient dL/dy (batch x features)"),
    NNT_RESULT(.name = "output", .kind = NNT_ARRAY, .rank = 2,
               .doc = "y = BN(x) in train mode (batch x features)"),
    NNT_RESULT(.name = "dx", .kind = NNT_ARRAY, .rank = 2,
               .doc = "dL/dx by backprop (batch x features)"),
    NNT_RESULT(.name = "dgamma", .kind = NNT_ARRAY, .rank = 1,
               .doc = "dL/dγ by backpropagation"),
    NNT_RESULT(.name = "dbeta", .kind = NNT_ARRAY, .rank = 1,
               .doc = "dL/dβ by backpropagation"),
    NNT_RESULT(.name = "dx_numeric", .kind = NNT_ARRAY, .rank = 2,
               .doc = "dL/dx by central differences"),
    NNT_RESULT(.name = "dgamma_numeric", .kind = NNT_ARRAY, .rank = 1,
               .doc = "dL/dγ by central differences"),
    NNT_RESULT(.name = "dbeta_numeric", .kind = NNT_ARRAY, .rank = 1,
               .doc = "dL/dβ by central differences"),
    NNT_RESULT(.name = "err_dx", .kind = NNT_NUMBER,
               .doc = "relative error of dx against dx_numeric"),
    NNT_RESULT(.name = "err_dgamma", .kind = NNT_NUMBER,
               .doc = "relative error of dgamma against dgamma_numeric"),
    NNT_RESULT(.name = "err_dbeta", .kind = NNT_NUMBER,
               .doc = "relative error of dbeta against dbeta_numeric"),
    NNT_RESULT(.name = "err_mlp", .kind = NNT_NUMBER,
               .doc = "relative gradient error of a whole MLP with BN"),
};

static const struct nnt_result init_sweep_results[] = {
    NNT_RESULT(.name = "scale", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weight scales 0.1, 1, 10 x init_scale"),
    NNT_RESULT(.name = "final_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "final loss at each scale, no batch norm"),
    NNT_RESULT(.name = "final_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "final loss at each scale, with batch norm"),
    NNT_RESULT(.name = "accuracy_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "held-out accuracy at each scale, no batch norm"),
    NNT_RESULT(.name = "accuracy_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "held-out accuracy at each scale, with batch norm"),
    NNT_RESULT(.name = "loss_plain", .kind = NNT_ARRAY, .rank = 2,
               .doc = "loss per step, no batch norm (3 scales x steps)"),
    NNT_RESULT(.name = "loss_bn", .kind = NNT_ARRAY, .rank = 2,
               .doc = "loss per step, with batch norm (3 scales x steps)"),
    NNT_RESULT(.name = "chance_loss", .kind = NNT_NUMBER,
               .doc = "ln(classes): the loss of a uniform guess"),
};

static const struct nnt_result lr_sweep_results[] = {
    NNT_RESULT(.name = "lr", .kind = NNT_ARRAY, .rank = 1,
               .doc = "learning rates α, log-spaced"),
    NNT_RESULT(.name = "final_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "final loss at each α, no batch norm"),
    NNT_RESULT(.name = "final_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "final loss at each α, with batch norm"),
    NNT_RESULT(.name = "loss_plain", .kind = NNT_ARRAY, .rank = 2,
               .doc = "loss per step, no batch norm (rates x steps)"),
    NNT_RESULT(.name = "loss_bn", .kind = NNT_ARRAY, .rank = 2,
               .doc = "loss per step, with batch norm (rates x steps)"),
    NNT_RESULT(.name = "chance_loss", .kind = NNT_NUMBER,
               .doc = "ln(classes): the loss of a uniform guess"),
    NNT_RESULT(.name = "max_stable_plain", .kind = NNT_NUMBER,
               .doc = "largest α ending below chance, no batch norm"),
    NNT_RESULT(.name = "max_stable_bn", .kind = NNT_NUMBER,
               .doc = "largest α ending below chance, with batch norm"),
    NNT_RESULT(.name = "best_lr_plain", .kind = NNT_NUMBER,
               .doc = "α of the smallest final loss, no batch norm"),
    NNT_RESULT(.name = "best_lr_bn", .kind = NNT_NUMBER,
               .doc = "α of the smallest final loss, with batch norm"),
};

static const struct nnt_result running_results[] = {
    NNT_RESULT(.name = "data", .kind = NNT_ARRAY, .rank = 2,
               .doc = "all values fed, in order (steps·batch x features)"),
    NNT_RESULT(.name = "batch_mean", .kind = NNT_ARRAY, .rank = 1,
               .doc = "batch mean of feature 1 at each step"),
    NNT_RESULT(.name = "running_mean", .kind = NNT_ARRAY, .rank = 1,
               .doc = "running mean of feature 1 after each step"),
    NNT_RESULT(.name = "running_var", .kind = NNT_ARRAY, .rank = 1,
               .doc = "running variance of feature 1 after each step"),
    NNT_RESULT(.name = "rmean", .kind = NNT_ARRAY, .rank = 1,
               .doc = "running mean of each feature at the end"),
    NNT_RESULT(.name = "rvar", .kind = NNT_ARRAY, .rank = 1,
               .doc = "running variance of each feature at the end"),
    NNT_RESULT(.name = "xhat_train_b1", .kind = NNT_NUMBER,
               .doc = "x-hat of x0 alone in train mode (a batch of one)"),
    NNT_RESULT(.name = "xhat_eval_b1", .kind = NNT_NUMBER,
               .doc = "x-hat of x0 in eval mode (running statistics)"),
    NNT_RESULT(.name = "x0", .kind = NNT_NUMBER,
               .doc = "the value tested: mean + std"),
};

static const struct nnt_result smoothness_results[] = {
    NNT_RESULT(.name = "probe_step", .kind = NNT_ARRAY, .rank = 1,
               .doc = "SGD step of each probe"),
    NNT_RESULT(.name = "loss_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss per step, no batch norm"),
    NNT_RESULT(.name = "loss_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss per step, with batch norm"),
    NNT_RESULT(.name = "loss_lo_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "least loss on w - αg per probe, no BN"),
    NNT_RESULT(.name = "loss_hi_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "most loss on w - αg per probe, no BN"),
    NNT_RESULT(.name = "grad_change_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "largest |∇L(w - αg) - g|, no BN"),
    NNT_RESULT(.name = "beta_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "max |Δ∇L| / |Δw| per probe, no BN"),
    NNT_RESULT(.name = "grad_norm_plain", .kind = NNT_ARRAY, .rank = 1,
               .doc = "gradient norm |g| per probe, no BN"),
    NNT_RESULT(.name = "loss_lo_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "least loss on w - αg per probe, with BN"),
    NNT_RESULT(.name = "loss_hi_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "most loss on w - αg per probe, with BN"),
    NNT_RESULT(.name = "grad_change_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "largest |∇L(w - αg) - g|, with BN"),
    NNT_RESULT(.name = "beta_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "max |Δ∇L| / |Δw| per probe, with BN"),
    NNT_RESULT(.name = "grad_norm_bn", .kind = NNT_ARRAY, .rank = 1,
               .doc = "gradient norm |g| per probe, with BN"),
    NNT_RESULT(.name = "mean_loss_range_plain", .kind = NNT_NUMBER,
               .doc = "mean of loss_hi - loss_lo over the probes"),
    NNT_RESULT(.name = "mean_grad_change_plain", .kind = NNT_NUMBER,
               .doc = "mean of grad_change over the probes"),
    NNT_RESULT(.name = "mean_beta_plain", .kind = NNT_NUMBER,
               .doc = "mean of beta over the probes"),
    NNT_RESULT(.name = "mean_loss_range_bn", .kind = NNT_NUMBER,
               .doc = "mean of loss_hi - loss_lo over the probes"),
    NNT_RESULT(.name = "mean_grad_change_bn", .kind = NNT_NUMBER,
               .doc = "mean of grad_change over the probes"),
    NNT_RESULT(.name = "mean_beta_bn", .kind = NNT_NUMBER,
               .doc = "mean of beta over the probes"),
};

static const struct nnt_result trace_results[] = {
    NNT_RESULT(.name = "X", .kind = NNT_ARRAY, .rank = 2,
               .doc = "training inputs (n x inputs)"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "training labels 0 .. classes-1"),
    NNT_RESULT(.name = "batches", .kind = NNT_ARRAY, .rank = 2,
               .doc = "rows of X (from 0) in each step (steps x batch)"),
    NNT_RESULT(.name = "W", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_PREFIX,
               .doc = "W<l>: layer l's weights (in x out), W<l>_init: initial"),
    NNT_RESULT(.name = "gamma", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_PREFIX,
               .doc = "gamma<l>: γ of hidden layer l with batch norm"),
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_PREFIX,
               .doc = "beta<l>: β of hidden layer l with batch norm"),
    NNT_RESULT(.name = "rmean", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_PREFIX,
               .doc = "rmean<l>: running mean of hidden layer l with BN"),
    NNT_RESULT(.name = "rvar", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_PREFIX,
               .doc = "rvar<l>: running variance of hidden layer l with BN"),
    NNT_RESULT(.name = "b", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_PREFIX,
               .doc = "b<l>: biases of layer l (output, or no batch norm)"),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss at each step"),
};

static const struct nnt_result train_results[] = {
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "minibatch loss at each SGD step"),
    NNT_RESULT(.name = "pct_step", .kind = NNT_ARRAY, .rank = 1,
               .doc = "steps at which the percentiles were taken"),
    NNT_RESULT(.name = "p15", .kind = NNT_ARRAY, .rank = 2,
               .doc = "15th percentile of unit-1 input (depth x record)"),
    NNT_RESULT(.name = "p50", .kind = NNT_ARRAY, .rank = 2,
               .doc = "median of unit-1 input (depth x record)"),
    NNT_RESULT(.name = "p85", .kind = NNT_ARRAY, .rank = 2,
               .doc = "85th percentile of unit-1 input (depth x record)"),
    NNT_RESULT(.name = "final_loss", .kind = NNT_NUMBER,
               .doc = "mean loss, last 10% of steps (inf if diverged)"),
    NNT_RESULT(.name = "diverged", .kind = NNT_NUMBER,
               .doc = "1 if the loss stopped being finite, else 0"),
    NNT_RESULT(.name = "chance_loss", .kind = NNT_NUMBER,
               .doc = "ln(classes): the loss of a uniform guess"),
    NNT_RESULT(.name = "test_loss", .kind = NNT_NUMBER,
               .doc = "held-out loss, running statistics (inf: diverged)"),
    NNT_RESULT(.name = "accuracy", .kind = NNT_NUMBER,
               .doc = "held-out accuracy, running statistics"),
    NNT_RESULT(.name = "train_accuracy", .kind = NNT_NUMBER,
               .doc = "training-set accuracy, running statistics"),
};

static const struct nnt_function functions[] = {
    NNT_FUNCTION(.name = "batchnorm",
      NNT_RESULTS(batchnorm_results),
      .doc = "Normalises one batch of values: x-hat = (x - mean) / "
             "sqrt(var + eps), y = gamma x-hat + beta.",
      .params = batchnorm_params, .nparams = BNORM_NPARAMS,
      .run = batchnorm_run, .view = "y", .xaxis = "x"),
    NNT_FUNCTION(.name = "running",
      NNT_RESULTS(running_results),
      .doc = "Feeds batches through batch norm: running averages for eval "
             "mode, and a batch of one in train vs eval mode.",
      .params = running_params, .nparams = RUN_NPARAMS,
      .run = running_run, .view = "running_mean"),
    NNT_FUNCTION(.name = "gradcheck",
      NNT_RESULTS(gradcheck_results),
      .doc = "Checks the batch-norm and MLP gradients against central "
             "finite differences (relative errors).",
      .params = gradcheck_params, .nparams = GC_NPARAMS,
      .run = bn_gradcheck_run, .view = "dx"),
    NNT_FUNCTION(.name = "train",
      NNT_RESULTS(train_results),
      .doc = "Trains an MLP by minibatch SGD: loss per step, final loss, "
             "held-out accuracy, activation percentiles (15/50/85) per layer.",
      .params = train_params, .nparams = TRAIN_NPARAMS,
      .run = bn_train_run, .view = "loss"),
    NNT_FUNCTION(.name = "lr_sweep",
      NNT_RESULTS(lr_sweep_results),
      .doc = "Final loss over log-spaced learning rates, with and without "
             "batch norm, from the same start on the same batches.",
      .params = lr_sweep_params, .nparams = LRS_NPARAMS,
      .run = bn_lr_sweep_run, .view = "final_plain", .xaxis = "lr"),
    NNT_FUNCTION(.name = "init_sweep",
      NNT_RESULTS(init_sweep_results),
      .doc = "Final loss for initial weights 0.1x, 1x and 10x as large, "
             "with and without batch norm.",
      .params = init_sweep_params, .nparams = INIT_NPARAMS,
      .run = bn_init_sweep_run, .view = "final_plain", .xaxis = "scale"),
    NNT_FUNCTION(.name = "smoothness",
      NNT_RESULTS(smoothness_results),
      .doc = "Along the training path, how much the loss and the gradient "
             "change when stepping along the gradient, with and without "
             "batch norm.",
      .params = smoothness_params, .nparams = SMOOTH_NPARAMS,
      .run = bn_smoothness_run, .view = "grad_change_plain",
      .xaxis = "probe_step"),
    NNT_FUNCTION(.name = "trace",
      NNT_RESULTS(trace_results),
      .doc = "A few SGD steps with everything exported (data, batches, "
             "weights before and after) for cross-checking.",
      .params = trace_params, .nparams = TRACE_NPARAMS,
      .run = bn_trace_run, .view = "loss"),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "bn",
    .version = "0.1.0",
    .doc = "Batch normalisation: what it computes and what it does to "
           "training.",
    NNT_FUNCTIONS(functions)
);
