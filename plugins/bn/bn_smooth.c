/* SPDX-License-Identifier: MIT */
/* The bn plugin's landscape probe (Santurkar et al. 2018): how much the
 * loss and the gradient change when stepping along the gradient, at points
 * along the training path, with and without batch norm. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bn_exp.h"
#include "bn_fns.h"

/* What one probe found. */
struct probe {
    double lo, hi;              /* smallest and largest loss on the line */
    double dgrad;               /* largest |grad(w - eta g) - g| */
    double beta;                /* largest |grad change| / |w change| */
    double gnorm;               /* |g| */
};

/* Returns the Euclidean norm of v (n values). */
static double norm2(const double *v, size_t n)
{
    double s = 0;

    for (size_t i = 0; i < n; i++)
        s += v[i] * v[i];
    return sqrt(s);
}

/* Probes run r on its gathered batch (B rows): the gradient g at w, then
 * the loss and gradient at w - eta_q g for eta_q = reach lr q / points,
 * q = 1..points (batch statistics, running averages untouched); w is
 * restored.  save holds 2 nparam doubles.  Returns what it found. */
static struct probe probe_line(struct bn_run *r, int B, double reach,
                               int points, double *save)
{
    struct mlp *net = &r->net;
    size_t np = net->nparam;
    double *w0 = save, *g0 = save + np, l0;
    struct probe p;

    l0 = mlp_forward(net, &r->w, r->w.xb, r->w.yb, B, MLP_PROBE);
    mlp_backward(net, &r->w, r->w.xb, r->w.yb, B);
    memcpy(w0, net->param, sizeof *w0 * np);
    memcpy(g0, net->grad, sizeof *g0 * np);
    p = (struct probe){ .lo = l0, .hi = l0, .gnorm = norm2(g0, np) };
    for (int q = 1; q <= points; q++) {
        double eta = reach * r->lr * q / points, l, d = 0;
        for (size_t i = 0; i < np; i++)
            net->param[i] = w0[i] - eta * g0[i];
        l = mlp_forward(net, &r->w, r->w.xb, r->w.yb, B, MLP_PROBE);
        mlp_backward(net, &r->w, r->w.xb, r->w.yb, B);
        for (size_t i = 0; i < np; i++)
            d += (net->grad[i] - g0[i]) * (net->grad[i] - g0[i]);
        d = sqrt(d);
        p.lo = l < p.lo || isnan(l) ? l : p.lo;
        p.hi = l > p.hi || isnan(l) ? l : p.hi;
        p.dgrad = d > p.dgrad || isnan(d) ? d : p.dgrad;
        if (p.gnorm > 0 && d / (eta * p.gnorm) > p.beta)
            p.beta = d / (eta * p.gnorm);
    }
    memcpy(net->param, w0, sizeof *w0 * np);
    return p;
}

/* The arrays one network's probes go into. */
struct probe_out {
    double *lo, *hi, *dgrad, *beta, *gnorm;
};

/* Makes the result arrays name_SUFFIX (k each) in o; returns 0 or -1. */
static int probe_arrays(const struct nnt_host *h, struct nnt_call *c,
                        const char *suffix, size_t k, struct probe_out *o)
{
    static const char *const names[] = {
        "loss_lo", "loss_hi", "grad_change", "beta", "grad_norm"
    };
    double **slot[] = { &o->lo, &o->hi, &o->dgrad, &o->beta, &o->gnorm };
    char name[32];

    for (int i = 0; i < 5; i++) {
        snprintf(name, sizeof name, "%s_%s", names[i], suffix);
        if (!(*slot[i] = h->put_array(c, name, k, 0)))
            return -1;
    }
    return 0;
}

/* Puts the means over the k probes of o under "mean_*_SUFFIX"; returns
 * nothing. */
static void probe_means(const struct nnt_host *h, struct nnt_call *c,
                        const char *suffix, int k,
                        const struct probe_out *o)
{
    double range = 0, dg = 0, beta = 0;
    char name[48];

    for (int i = 0; i < k; i++) {
        range += o->hi[i] - o->lo[i];
        dg += o->dgrad[i];
        beta += o->beta[i];
    }
    snprintf(name, sizeof name, "mean_loss_range_%s", suffix);
    h->put_number(c, name, range / k);
    snprintf(name, sizeof name, "mean_grad_change_%s", suffix);
    h->put_number(c, name, dg / k);
    snprintf(name, sizeof name, "mean_beta_%s", suffix);
    h->put_number(c, name, beta / k);
}

/* Puts probe_step, per probe and network (suffix _plain, _bn) loss_lo,
 * loss_hi, grad_change, beta and grad_norm, their means, and both loss
 * curves; returns 0 or -1. */
int bn_smoothness_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args)
{
    struct bn_exp e;
    struct bn_run r[2];
    struct probe_out out[2];
    const char *suffix[2] = { "plain", "bn" };
    double lr = args[SMOOTH_LR].num, reach = args[SMOOTH_REACH].num;
    int K = (int)args[SMOOTH_PROBES].integer, k = 0, rc = -1;
    int points = (int)args[SMOOTH_POINTS].integer;
    double *at, *save = NULL, *lp, *lb;

    if (bn_exp_new(&e, h, c, args) < 0)
        return -1;
    if (bn_run_new(&r[0], &e, 0, lr, NULL, h, c) < 0)
        goto out_exp;
    if (bn_run_new(&r[1], &e, 1, lr, &r[0], h, c) < 0)
        goto out_r0;
    at = h->put_array(c, "probe_step", (size_t)K, 0);
    lp = h->put_array(c, "loss_plain", (size_t)e.steps, 0);
    lb = h->put_array(c, "loss_bn", (size_t)e.steps, 0);
    save = malloc(sizeof *save * 2 * (r[0].net.nparam > r[1].net.nparam
                                      ? r[0].net.nparam : r[1].net.nparam));
    if (!at || !lp || !lb || !save || probe_arrays(h, c, "plain", K, &out[0])
        || probe_arrays(h, c, "bn", K, &out[1]))
        goto out;
    for (int t = 0; t < e.steps; t++) {
        const int *idx;
        int B = mb_cycle(&e.batches, h, c, &idx);

        while (k < K && (long)k * (e.steps - 1) / (K > 1 ? K - 1 : 1) == t) {
            at[k] = t;
            for (int j = 0; j < 2; j++) {
                struct probe p;
                mlp_gather(&r[j].net, &r[j].w, e.X, e.y, idx, B);
                p = probe_line(&r[j], B, reach, points, save);
                out[j].lo[k] = p.lo;
                out[j].hi[k] = p.hi;
                out[j].dgrad[k] = p.dgrad;
                out[j].beta[k] = p.beta;
                out[j].gnorm[k] = p.gnorm;
            }
            k++;
        }
        bn_run_step(&r[0], &e, idx, B, t);
        bn_run_step(&r[1], &e, idx, B, t);
        if ((t & 15) == 15 && h->progress(c, (t + 1.0) / e.steps))
            goto out;
    }
    memcpy(lp, r[0].loss, sizeof *lp * (size_t)e.steps);
    memcpy(lb, r[1].loss, sizeof *lb * (size_t)e.steps);
    for (int j = 0; j < 2; j++)
        probe_means(h, c, suffix[j], K, &out[j]);
    rc = 0;
out:
    free(save);
    bn_run_free(&r[1]);
out_r0:
    bn_run_free(&r[0]);
out_exp:
    bn_exp_free(&e);
    return rc;
}
