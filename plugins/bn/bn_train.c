/* SPDX-License-Identifier: MIT */
/* The bn plugin's training functions: one run with activation
 * percentiles, learning-rate and init-scale sweeps with and without batch
 * norm. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bn_exp.h"
#include "bn_fns.h"

/* Compares two doubles for qsort; returns -1, 0 or 1. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Returns the q-quantile (0..1) of sorted v[0..n-1], interpolating
 * linearly between order statistics (numpy's default). */
static double quantile(const double *v, int n, double q)
{
    double pos = q * (n - 1);
    int i = (int)pos;

    if (i >= n - 1)
        return v[n - 1];
    return v[i] + (pos - i) * (v[i + 1] - v[i]);
}

/* Runs the probe rows through r (batch statistics, nothing updated) and
 * puts the 15/50/85th percentiles of every hidden layer's first unit's
 * input to the nonlinearity in column k of p15, p50, p85 (depth x R);
 * scratch holds nprobe doubles.  Returns nothing. */
static void probe_percentiles(struct bn_run *r, const struct bn_exp *e,
                              int k, int R, double *scratch, double *p15,
                              double *p50, double *p85)
{
    int P = e->nprobe, depth = r->net.nlayers - 1;

    mlp_forward(&r->net, &r->w, e->X, NULL, P, MLP_PROBE);
    for (int l = 0; l < depth; l++) {
        int n = r->net.layer[l].nout;
        for (int i = 0; i < P; i++)
            scratch[i] = r->w.z[l][(size_t)i * n];
        qsort(scratch, (size_t)P, sizeof *scratch, cmp_double);
        p15[l * R + k] = quantile(scratch, P, 0.15);
        p50[l * R + k] = quantile(scratch, P, 0.50);
        p85[l * R + k] = quantile(scratch, P, 0.85);
    }
}

/* Puts test_loss and accuracy (held-out set, running statistics) and
 * train_accuracy for run r under the given name suffix; returns
 * nothing. */
static void put_eval(const struct nnt_host *h, struct nnt_call *c,
                     struct bn_run *r, const struct bn_exp *e)
{
    double acc, tacc, tl;

    tl = mlp_dataset_loss(&r->net, &r->w, e->Xt, e->yt, e->ntest, MLP_EVAL,
                          &acc);
    mlp_dataset_loss(&r->net, &r->w, e->X, e->y, e->ntrain, MLP_EVAL, &tacc);
    h->put_number(c, "test_loss", r->diverged ? INFINITY : tl);
    h->put_number(c, "accuracy", acc);
    h->put_number(c, "train_accuracy", tacc);
}

/* Puts loss (per step), pct_step and p15/p50/p85 (depth x record),
 * final_loss, diverged, chance_loss, test_loss, accuracy and
 * train_accuracy; returns 0 or -1. */
int bn_train_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args)
{
    struct bn_exp e;
    struct bn_run r;
    int R = (int)args[TRAIN_RECORD].integer, depth, k = 0, rc = -1;
    double *p15, *p50, *p85, *at, *loss, *scratch = NULL;

    if (bn_exp_new(&e, h, c, args) < 0)
        return -1;
    if (bn_run_new(&r, &e, args[TRAIN_BN].boolean, args[TRAIN_LR].num,
                   NULL, h, c) < 0)
        goto out_exp;
    depth = e.spec.depth;
    loss = h->put_array(c, "loss", (size_t)e.steps, 0);
    at = h->put_array(c, "pct_step", (size_t)R, 0);
    p15 = h->put_array(c, "p15", (size_t)depth, (size_t)R);
    p50 = h->put_array(c, "p50", (size_t)depth, (size_t)R);
    p85 = h->put_array(c, "p85", (size_t)depth, (size_t)R);
    scratch = malloc(sizeof *scratch * (size_t)e.nprobe);
    if (!loss || !at || !p15 || !p50 || !p85 || !scratch)
        goto out;
    for (int t = 0; t <= e.steps; t++) {
        const int *idx;
        int B;

        while (k < R && (long)k * e.steps / (R - 1) == t) {
            at[k] = t;
            probe_percentiles(&r, &e, k++, R, scratch, p15, p50, p85);
        }
        if (t == e.steps)
            break;
        B = mb_cycle(&e.batches, h, c, &idx);
        bn_run_step(&r, &e, idx, B, t);
        if ((t & 15) == 15 && h->progress(c, (t + 1.0) / e.steps))
            goto out;
    }
    memcpy(loss, r.loss, sizeof *loss * (size_t)e.steps);
    h->put_number(c, "final_loss", bn_run_final(&r, e.steps));
    h->put_number(c, "diverged", r.diverged);
    h->put_number(c, "chance_loss", log((double)e.spec.classes));
    put_eval(h, c, &r, &e);
    rc = 0;
out:
    free(scratch);
    bn_run_free(&r);
out_exp:
    bn_exp_free(&e);
    return rc;
}

/* Returns the largest lr[i] whose final loss f[i] is finite and below
 * `below` (the chance loss: the run neither blew up nor stayed at a
 * uniform guess), or 0 if none is. */
static double max_stable(const double *lr, const double *f, int n,
                         double below)
{
    double best = 0;

    for (int i = 0; i < n; i++)
        if (isfinite(f[i]) && f[i] < below && lr[i] > best)
            best = lr[i];
    return best;
}

/* Returns the index of the smallest finite f[i] (0 if none is). */
static int argmin_finite(const double *f, int n)
{
    int best = 0;

    for (int i = 1; i < n; i++)
        if (isfinite(f[i]) && (!isfinite(f[best]) || f[i] < f[best]))
            best = i;
    return best;
}

/* Frees the first k runs of r and r itself; returns nothing. */
static void free_runs(struct bn_run *r, int k)
{
    for (int i = 0; i < k; i++)
        bn_run_free(&r[i]);
    free(r);
}

/* Builds 2k runs, pairs (without bn, with bn) at learning rates lr[i],
 * all from the same initial weights, multiplied by mult[i] unless mult is
 * NULL; returns the runs, or NULL through host->fail. */
static struct bn_run *make_pairs(const struct bn_exp *e, int k,
                                 const double *lr, const double *mult,
                                 const struct nnt_host *h,
                                 struct nnt_call *c)
{
    struct bn_run *r = calloc((size_t)(2 * k), sizeof *r);

    if (!r) {
        h->fail(c, "out of memory for %d networks", 2 * k);
        return NULL;
    }
    for (int i = 0; i < 2 * k; i++)
        if (bn_run_new(&r[i], e, i & 1, lr[i / 2], i ? &r[0] : NULL, h,
                       c) < 0) {
            free_runs(r, i);
            return NULL;
        }
    for (int i = 0; mult && i < 2 * k; i++)
        for (int l = 0; l < r[i].net.nlayers; l++) {
            struct mlp_layer *L = &r[i].net.layer[l];
            for (size_t q = 0; q < (size_t)L->nin * L->nout; q++)
                L->W[q] *= mult[i / 2];
        }
    return r;
}

/* Puts, for k pairs of runs, final_plain and final_bn (k) and the loss
 * curves loss_plain and loss_bn (k x steps); returns 0 or -1. */
static int put_pairs(const struct nnt_host *h, struct nnt_call *c,
                     const struct bn_exp *e, const struct bn_run *r, int k,
                     double *fp, double *fb)
{
    double *lp = h->put_array(c, "loss_plain", (size_t)k, (size_t)e->steps);
    double *lb = h->put_array(c, "loss_bn", (size_t)k, (size_t)e->steps);

    if (!lp || !lb)
        return -1;
    for (int i = 0; i < k; i++) {
        fp[i] = bn_run_final(&r[2 * i], e->steps);
        fb[i] = bn_run_final(&r[2 * i + 1], e->steps);
        memcpy(lp + (size_t)i * e->steps, r[2 * i].loss,
               sizeof *lp * (size_t)e->steps);
        memcpy(lb + (size_t)i * e->steps, r[2 * i + 1].loss,
               sizeof *lb * (size_t)e->steps);
    }
    return 0;
}

/* Puts lr, final_plain, final_bn, loss_plain and loss_bn (rates x
 * steps), chance_loss, max_stable_* and best_lr_*; returns 0 or -1. */
int bn_lr_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                    const struct nnt_value *args)
{
    struct bn_exp e;
    struct bn_run *r;
    double lo = log(args[LRS_LR_MIN].num), hi = log(args[LRS_LR_MAX].num);
    int k = (int)args[LRS_RATES].integer, rc = -1;
    double chance, *lr = h->put_array(c, "lr", (size_t)k, 0);
    double *fp = h->put_array(c, "final_plain", (size_t)k, 0);
    double *fb = h->put_array(c, "final_bn", (size_t)k, 0);

    if (!lr || !fp || !fb)
        return -1;
    if (hi < lo)
        return h->fail(c, "lr_max %g is below lr_min %g",
                       args[LRS_LR_MAX].num, args[LRS_LR_MIN].num);
    for (int i = 0; i < k; i++)
        lr[i] = exp(lo + (hi - lo) * i / (k - 1));
    if (bn_exp_new(&e, h, c, args) < 0)
        return -1;
    chance = log((double)e.spec.classes);
    r = make_pairs(&e, k, lr, NULL, h, c);
    if (r && bn_train_runs(&e, r, 2 * k, h, c, 0, 1) == 0
        && put_pairs(h, c, &e, r, k, fp, fb) == 0) {
        h->put_number(c, "chance_loss", chance);
        h->put_number(c, "max_stable_plain", max_stable(lr, fp, k, chance));
        h->put_number(c, "max_stable_bn", max_stable(lr, fb, k, chance));
        h->put_number(c, "best_lr_plain", lr[argmin_finite(fp, k)]);
        h->put_number(c, "best_lr_bn", lr[argmin_finite(fb, k)]);
        rc = 0;
    }
    if (r)
        free_runs(r, 2 * k);
    bn_exp_free(&e);
    return rc;
}

/* Puts scale (0.1, 1, 10 times init_scale), final_* and accuracy_* per
 * scale, loss_plain and loss_bn (3 x steps) and chance_loss; returns 0
 * or -1. */
int bn_init_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args)
{
    static const double factor[] = { 0.1, 1, 10 };
    struct bn_exp e;
    struct bn_run *r;
    double lr[3], base = args[INIT_SCALE].num;
    double *sc = h->put_array(c, "scale", 3, 0);
    double *fp = h->put_array(c, "final_plain", 3, 0);
    double *fb = h->put_array(c, "final_bn", 3, 0);
    double *ap = h->put_array(c, "accuracy_plain", 3, 0);
    double *ab = h->put_array(c, "accuracy_bn", 3, 0);
    int rc = -1;

    if (!sc || !fp || !fb || !ap || !ab)
        return -1;
    for (int i = 0; i < 3; i++) {
        lr[i] = args[INIT_LR].num;
        sc[i] = base * factor[i];
    }
    if (bn_exp_new(&e, h, c, args) < 0)
        return -1;
    r = make_pairs(&e, 3, lr, factor, h, c);
    if (r && bn_train_runs(&e, r, 6, h, c, 0, 1) == 0
        && put_pairs(h, c, &e, r, 3, fp, fb) == 0) {
        for (int i = 0; i < 6; i++)
            mlp_dataset_loss(&r[i].net, &r[i].w, e.Xt, e.yt, e.ntest,
                             MLP_EVAL, i & 1 ? &ab[i / 2] : &ap[i / 2]);
        h->put_number(c, "chance_loss", log((double)e.spec.classes));
        rc = 0;
    }
    if (r)
        free_runs(r, 6);
    bn_exp_free(&e);
    return rc;
}
