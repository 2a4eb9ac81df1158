/* SPDX-License-Identifier: MIT */
/* Plugin functions on the 1-1-1 network and the sigmoid unit: landscape,
 * point, slice; and saturation (gradient against the logit). */
#include <math.h>
#include <stdlib.h>

#include <nntutor/common.h>
#include "loss_math.h"
#include "loss_net.h"
#include "loss_run.h"

static const char *const model_names[] = { "net", "logistic", NULL };
static const char *const loss_names[] = { "mse", "ce", NULL };

/* Fills p from the arguments (data_x, data_y at args[ix]), drawing the
 * data set unless it is given; puts data_x, data_y.  Returns 0 or -1. */
static int problem_from(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args, int ix,
                        struct ln_problem *p)
{
    const struct nnt_arrayarg *gx = &args[ix].array, *gy = &args[ix + 1].array;
    int n = gx->dims ? (int)gx->len : (int)args[PROB_POINTS].integer;
    double *x, *y;

    if (gx->dims != gy->dims || gx->len != gy->len || (gx->dims && n < 1))
        return h->fail(c, "data_x and data_y go together, with the same "
                       "number of values (got %zu and %zu)", gx->len,
                       gy->len);
    x = h->put_array(c, "data_x", (size_t)n, 0);
    y = h->put_array(c, "data_y", (size_t)n, 0);
    if (!x || !y)
        return -1;
    if (gx->dims) {
        for (int i = 0; i < n; i++) {
            x[i] = gx->data[i];
            y[i] = gy->data[i];
            if (!isfinite(x[i]) || !(y[i] >= 0 && y[i] <= 1))
                return h->fail(c, "data point %d is (%g, %g); x must be "
                               "finite and y in [0, 1]", i + 1, x[i], y[i]);
        }
    } else {
        nc_classes(h, c, n, 1, 2, args[PROB_SEP].num, args[PROB_NOISE].num,
                   x, y);
        lm_orient(x, y, n);             /* class 1 on the right */
    }
    p->model = args[PROB_MODEL].choice == 1 ? LN_LOGISTIC : LN_NET;
    p->loss = args[PROB_LOSS].choice == 1 ? LN_CE : LN_MSE;
    p->x = x;
    p->y = y;
    p->n = n;
    p->b1 = args[PROB_BIAS1].num;
    p->b2 = args[PROB_BIAS2].num;
    return 0;
}

/* Puts xname, yname: what the plane's two axes are. */
static void put_axis_names(const struct nnt_host *h, struct nnt_call *c,
                           const struct ln_problem *p)
{
    h->put_string(c, "xname", p->model == LN_NET ? "w1" : "w");
    h->put_string(c, "yname", p->model == LN_NET ? "w2" : "b");
}

/* Returns 1 if an eigenvalue pair (lo <= hi) shows a negative curvature
 * beyond rounding. */
static int not_psd(double lo, double hi)
{
    return lo < -1e-9 * fabs(hi) && lo < 0;
}

/* The host and call behind ln_progress_fn. */
struct prog {
    const struct nnt_host *h;
    struct nnt_call *c;
};

/* Passes progress to the host; returns nonzero when cancelled. */
static int prog_host(void *ud, double fraction)
{
    struct prog *pr = ud;

    return pr->h->progress(pr->c, fraction);
}

/* ---- landscape -------------------------------------------------------- */

const struct nnt_param loss_landscape_params[] = { LS_PARAMS(NNT_PARAM_ROW) };

/* Fills v with n evenly spaced values from lo to hi (hi exactly). */
static void linspace(double *v, int n, double lo, double hi)
{
    for (int i = 0; i < n; i++)
        v[i] = lo + (hi - lo) * i / (n - 1);
    v[n - 1] = hi;
}

/* Puts the best midpoint violation on the grid, checked exactly. */
static void put_midpoint(const struct nnt_host *h, struct nnt_call *c,
                         const struct ln_problem *p, const double *loss,
                         const double *gx, const double *gy, int n)
{
    struct ln_pair b;
    double ta[4], tb[4], tm[4], la, lb, lm;
    long tried = ln_midpoint_search(loss, n, n, (n - 1) / 4, &b);

    ln_theta(p, gx[b.ja], gy[b.ia], ta);
    ln_theta(p, gx[b.jb], gy[b.ib], tb);
    ln_theta(p, gx[b.ja] / 2 + gx[b.jb] / 2, gy[b.ia] / 2 + gy[b.ib] / 2,
             tm);
    la = ln_eval(p, ta, NULL, NULL);
    lb = ln_eval(p, tb, NULL, NULL);
    lm = ln_eval(p, tm, NULL, NULL);
    h->put_number(c, "mid_ax", gx[b.ja]);
    h->put_number(c, "mid_ay", gy[b.ia]);
    h->put_number(c, "mid_bx", gx[b.jb]);
    h->put_number(c, "mid_by", gy[b.ib]);
    h->put_number(c, "mid_la", la);
    h->put_number(c, "mid_lb", lb);
    h->put_number(c, "mid_lm", lm);
    h->put_number(c, "mid_gap", lm - (la / 2 + lb / 2));
    h->put_number(c, "mid_gap_grid", b.gap);
    h->put_number(c, "mid_pairs", (double)tried);
}

/* Puts the landscape of the model over a grid of its two plane
 * parameters; returns 0, or -1 on failure or cancel. */
int loss_landscape_run(const struct nnt_host *h, struct nnt_call *c,
                       const struct nnt_value *args)
{
    int n = (int)args[LS_N].integer, hess = args[LS_HESSIAN].boolean;
    struct ln_problem p;
    struct ln_landscape out = { .full = args[LS_BIASES].boolean };
    struct prog pr = { h, c };
    double *gx, *gy, *w1, *w2, best = INFINITY, worst = -INFINITY;
    double most = INFINITY;
    int ib = 0, npsd = 0, r;
    const char *kernel;

    if (!(args[LS_X_MIN].num < args[LS_X_MAX].num)
        || !(args[LS_Y_MIN].num < args[LS_Y_MAX].num))
        return h->fail(c, "the grid needs x_min < x_max and y_min < y_max");
    if (problem_from(h, c, args, LS_DATA_X, &p) < 0)
        return -1;
    gx = h->put_array(c, "x", (size_t)n, 0);
    gy = h->put_array(c, "y", (size_t)n, 0);
    w1 = h->put_array(c, p.model == LN_NET ? "w1" : "w", (size_t)n, 0);
    w2 = h->put_array(c, p.model == LN_NET ? "w2" : "b", (size_t)n, 0);
    out.loss = h->put_array(c, "loss", (size_t)n, (size_t)n);
    if (hess) {
        out.eig_lo = h->put_array(c, "eig_min", (size_t)n, (size_t)n);
        out.eig_hi = h->put_array(c, "eig_max", (size_t)n, (size_t)n);
    }
    if (!gx || !gy || !w1 || !w2 || !out.loss
        || (hess && (!out.eig_lo || !out.eig_hi)))
        return -1;
    linspace(gx, n, args[LS_X_MIN].num, args[LS_X_MAX].num);
    linspace(gy, n, args[LS_Y_MIN].num, args[LS_Y_MAX].num);
    for (int i = 0; i < n; i++) {
        w1[i] = gx[i];
        w2[i] = gy[i];
    }
    r = ln_landscape(&p, gx, n, gy, n, &out, prog_host, &pr);
    if (r < 0)
        return h->fail(c, "out of memory for a %d x %d landscape", n, n);
    if (r > 0)
        return -1;                          /* cancelled */
    for (int i = 0; i < n * n; i++) {
        if (out.loss[i] < best) {
            best = out.loss[i];
            ib = i;
        }
        worst = out.loss[i] > worst ? out.loss[i] : worst;
    }
    put_axis_names(h, c, &p);
    lk_pick(&kernel);
    h->put_string(c, "kernel", out.full && hess ? "scalar" : kernel);
    h->put_number(c, "loss_min", best);
    h->put_number(c, "loss_max", worst);
    h->put_number(c, "min_x", gx[ib % n]);
    h->put_number(c, "min_y", gy[ib / n]);
    if (hess) {
        double *bad = h->put_array(c, "nonpsd", (size_t)n, (size_t)n);
        if (!bad)
            return -1;
        for (int i = 0; i < n * n; i++) {
            bad[i] = not_psd(out.eig_lo[i], out.eig_hi[i]);
            npsd += (int)bad[i];
            most = out.eig_lo[i] < most ? out.eig_lo[i] : most;
        }
        h->put_number(c, "nonpsd_fraction", (double)npsd / (n * n));
        h->put_number(c, "eig_min_min", most);
    }
    if (args[LS_MIDPOINT].boolean)
        put_midpoint(h, c, &p, out.loss, gx, gy, n);
    return 0;
}

/* ---- point ------------------------------------------------------------ */

const struct nnt_param loss_point_params[] = { PT_PARAMS(NNT_PARAM_ROW) };

/* Puts the loss, gradient, Hessian and its eigenvalues at one plane
 * point (all parameters: w1, b1, w2, b2 or w, b); returns 0 or -1. */
/* Puts yhat (the model's output at each data point), correct (how many
 * of them fall on the side of 1/2 their target is on) and, when at is
 * given, curve (the output at each input of at); returns 0 or -1. */
static int put_outputs(const struct nnt_host *h, struct nnt_call *c,
                       const struct ln_problem *p, const double *theta,
                       const struct nnt_arrayarg *at)
{
    double *yh = h->put_array(c, "yhat", (size_t)p->n, 0), *cv;
    int right = 0;

    if (!yh)
        return -1;
    for (int i = 0; i < p->n; i++) {
        yh[i] = ln_predict(p->model, theta, p->x[i]);
        right += (yh[i] > 0.5) == (p->y[i] > 0.5);
    }
    h->put_number(c, "correct", right);
    if (!at->dims)
        return 0;
    if (!(cv = h->put_array(c, "curve", at->len, 0)))
        return -1;
    for (size_t i = 0; i < at->len; i++) {
        if (!isfinite(at->data[i]))
            return h->fail(c, "point: at[%zu] = %g; every input must be "
                           "finite", i + 1, at->data[i]);
        cv[i] = ln_predict(p->model, theta, at->data[i]);
    }
    return 0;
}

int loss_point_run(const struct nnt_host *h, struct nnt_call *c,
                   const struct nnt_value *args)
{
    struct ln_problem p;
    double theta[4], g[4], H[16], A[16], e[4], norm = 0, *gv, *hv, *ev, *tv;
    int np;

    if (problem_from(h, c, args, PT_DATA_X, &p) < 0)
        return -1;
    np = ln_nparams(p.model);
    ln_theta(&p, args[PT_X].num, args[PT_Y].num, theta);
    h->put_number(c, "loss", ln_eval(&p, theta, g, H));
    for (int i = 0; i < np * np; i++)
        A[i] = H[i];
    ln_eig_sym(A, np, e);
    gv = h->put_array(c, "grad", (size_t)np, 0);
    hv = h->put_array(c, "hessian", (size_t)np, (size_t)np);
    ev = h->put_array(c, "eig", (size_t)np, 0);
    tv = h->put_array(c, "theta", (size_t)np, 0);
    if (!gv || !hv || !ev || !tv)
        return -1;
    for (int i = 0; i < np; i++) {
        gv[i] = g[i];
        ev[i] = e[i];
        tv[i] = theta[i];
        norm += g[i] * g[i];
    }
    for (int i = 0; i < np * np; i++)
        hv[i] = H[i];
    h->put_number(c, "grad_norm", sqrt(norm));
    h->put_number(c, "eig_min", e[0]);
    h->put_number(c, "eig_max", e[np - 1]);
    h->put_number(c, "psd", !not_psd(e[0], e[np - 1]));
    put_axis_names(h, c, &p);
    return put_outputs(h, c, &p, theta, &args[PT_AT].array);
}

/* ---- slice ------------------------------------------------------------ */

const struct nnt_param loss_slice_params[] = { SL_PARAMS(NNT_PARAM_ROW) };

/* Puts the loss along the line through plane points a and b, its exact
 * first and second derivatives in t, and the chord from L(a) to L(b);
 * returns 0 or -1. */
int loss_slice_run(const struct nnt_host *h, struct nnt_call *c,
                   const struct nnt_value *args)
{
    int n = (int)args[SL_N].integer, np;
    double ax = args[SL_AX].num, ay = args[SL_AY].num;
    double dx = args[SL_BX].num - ax, dy = args[SL_BY].num - ay;
    double ta[4], tb[4], dir[4], g[4], H[16], la, lb, lm, tm[4];
    double *t, *xv, *l, *chord, *d1, *d2;
    struct ln_problem p;

    if (!(args[SL_T_MIN].num < args[SL_T_MAX].num))
        return h->fail(c, "the slice needs t_min < t_max");
    if (problem_from(h, c, args, SL_DATA_X, &p) < 0)
        return -1;
    np = ln_nparams(p.model);
    ln_theta(&p, ax, ay, ta);
    ln_theta(&p, args[SL_BX].num, args[SL_BY].num, tb);
    ln_theta(&p, dx, dy, dir);
    if (p.model == LN_NET)
        dir[1] = dir[3] = 0;                /* biases stay put */
    t = h->put_array(c, "t", (size_t)n, 0);
    xv = h->put_array(c, "x", (size_t)n, 0);
    l = h->put_array(c, "loss", (size_t)n, 0);
    chord = h->put_array(c, "chord", (size_t)n, 0);
    d1 = h->put_array(c, "dl", (size_t)n, 0);
    d2 = h->put_array(c, "d2l", (size_t)n, 0);
    if (!t || !xv || !l || !chord || !d1 || !d2)
        return -1;
    la = ln_eval(&p, ta, NULL, NULL);
    lb = ln_eval(&p, tb, NULL, NULL);
    ln_theta(&p, ax + dx / 2, ay + dy / 2, tm);
    lm = ln_eval(&p, tm, NULL, NULL);
    linspace(t, n, args[SL_T_MIN].num, args[SL_T_MAX].num);
    for (int i = 0; i < n; i++) {
        double th[4];

        ln_theta(&p, ax + t[i] * dx, ay + t[i] * dy, th);
        xv[i] = t[i];
        l[i] = ln_eval(&p, th, g, H);
        chord[i] = la + t[i] * (lb - la);
        d1[i] = d2[i] = 0;
        for (int a = 0; a < np; a++) {
            d1[i] += g[a] * dir[a];
            for (int b = 0; b < np; b++)
                d2[i] += dir[a] * H[a * np + b] * dir[b];
        }
        if (i % 64 == 63 && h->progress(c, (double)(i + 1) / n))
            return -1;
    }
    h->put_number(c, "la", la);
    h->put_number(c, "lb", lb);
    h->put_number(c, "lmid", lm);
    h->put_number(c, "gap", lm - (la / 2 + lb / 2));
    put_axis_names(h, c, &p);
    return 0;
}

/* ---- saturation ------------------------------------------------------- */

const struct nnt_param loss_saturation_params[] = { SAT_PARAMS(NNT_PARAM_ROW) };

/* Puts, over logits z, yhat = s(z), the MSE and CE of yhat against the
 * target and their derivatives in z, and both derivatives at the most
 * wrong end; returns 0 or -1. */
int loss_saturation_run(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args)
{
    int n = (int)args[SAT_N].integer, iw = 0;
    double y = args[SAT_TARGET].num, *z, *yh, *mse, *ce, *gm, *gc;

    if (!(args[SAT_Z_MIN].num < args[SAT_Z_MAX].num))
        return h->fail(c, "saturation needs z_min < z_max");
    z = h->put_array(c, "x", (size_t)n, 0);
    yh = h->put_array(c, "yhat", (size_t)n, 0);
    mse = h->put_array(c, "mse", (size_t)n, 0);
    ce = h->put_array(c, "ce", (size_t)n, 0);
    gm = h->put_array(c, "grad_mse", (size_t)n, 0);
    gc = h->put_array(c, "grad_ce", (size_t)n, 0);
    if (!z || !yh || !mse || !ce || !gm || !gc)
        return -1;
    linspace(z, n, args[SAT_Z_MIN].num, args[SAT_Z_MAX].num);
    for (int i = 0; i < n; i++) {
        double d1, d2;

        yh[i] = nc_sigmoid(z[i]);
        mse[i] = ln_loss_z(LN_MSE, z[i], y, &d1, &d2);
        gm[i] = d1;
        ce[i] = ln_loss_z(LN_CE, z[i], y, &d1, &d2);
        gc[i] = d1;
        if (fabs(yh[i] - y) > fabs(yh[iw] - y))
            iw = i;
    }
    h->put_number(c, "wrong_z", z[iw]);
    h->put_number(c, "wrong_yhat", yh[iw]);
    h->put_number(c, "grad_mse_wrong", gm[iw]);
    h->put_number(c, "grad_ce_wrong", gc[iw]);
    return 0;
}
