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

/* The parameters every function on a model starts with (P_*), then its
 * own, then data_x and data_y (DATA_PARAMS). */
enum { P_MODEL, P_LOSS, P_POINTS, P_SEP, P_NOISE, P_BIAS1, P_BIAS2, P_OWN };

#define PROBLEM_PARAMS                                                     \
    { .name = "model", .type = NNT_CHOICE, .choices = model_names,         \
      .doc = "net: x -> h = s(w1 x + b1) -> s(w2 h + b2); logistic: "      \
             "s(w x + b)" },                                               \
    { .name = "loss", .type = NNT_CHOICE, .choices = loss_names,           \
      .doc = "mse: mean (yhat - y)^2; ce: mean binary cross-entropy" },    \
    { .name = "points", .type = NNT_INTEGER, .min = 2, .max = 2000,        \
      .def = 20, .doc = "samples: y = 0 around x = -sep, y = 1 at +sep" },  \
    { .name = "sep", .type = NNT_NUMBER, .min = 0, .max = 10, .def = 1.5,  \
      .doc = "distance of each class mean from x = 0" },                   \
    { .name = "noise", .type = NNT_NUMBER, .min = 0.01, .max = 10,         \
      .def = 1, .doc = "standard deviation of x within a class" },         \
    { .name = "bias1", .type = NNT_NUMBER, .min = -20, .max = 20,          \
      .def = 0, .doc = "b1 of the net, held on the (w1, w2) plane" },      \
    { .name = "bias2", .type = NNT_NUMBER, .min = -20, .max = 20,          \
      .def = -2, .doc = "b2 of the net, held on the (w1, w2) plane" }

#define DATA_PARAMS                                                        \
    { .name = "data_x", .type = NNT_ARRAY, .max = 100000,                  \
      .doc = "inputs to use instead of drawing the data set" },            \
    { .name = "data_y", .type = NNT_ARRAY, .max = 100000,                  \
      .doc = "targets in [0, 1] that go with data_x" }

/* Fills p from the arguments (data_x, data_y at args[ix]), drawing the
 * data set unless it is given; puts data_x, data_y.  Returns 0 or -1. */
static int problem_from(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args, int ix,
                        struct ln_problem *p)
{
    const struct nnt_arrayarg *gx = &args[ix].array, *gy = &args[ix + 1].array;
    int n = gx->dims ? (int)gx->len : (int)args[P_POINTS].integer;
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
        nc_classes(h, c, n, 1, 2, args[P_SEP].num, args[P_NOISE].num, x, y);
        lm_orient(x, y, n);             /* class 1 on the right */
    }
    p->model = args[P_MODEL].choice == 1 ? LN_LOGISTIC : LN_NET;
    p->loss = args[P_LOSS].choice == 1 ? LN_CE : LN_MSE;
    p->x = x;
    p->y = y;
    p->n = n;
    p->b1 = args[P_BIAS1].num;
    p->b2 = args[P_BIAS2].num;
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

enum { LS_XMIN = P_OWN, LS_XMAX, LS_YMIN, LS_YMAX, LS_N, LS_HESS,
       LS_BIASES, LS_MID, LS_DATA };

const struct nnt_param loss_landscape_params[] = {
    PROBLEM_PARAMS,
    { .name = "x_min", .type = NNT_NUMBER, .min = -50, .max = 50,
      .def = -8, .doc = "first parameter (w1, or w) from" },
    { .name = "x_max", .type = NNT_NUMBER, .min = -50, .max = 50,
      .def = 8, .doc = "first parameter (w1, or w) to" },
    { .name = "y_min", .type = NNT_NUMBER, .min = -50, .max = 50,
      .def = -8, .doc = "second parameter (w2, or b) from" },
    { .name = "y_max", .type = NNT_NUMBER, .min = -50, .max = 50,
      .def = 8, .doc = "second parameter (w2, or b) to" },
    { .name = "n", .type = NNT_INTEGER, .min = 3, .max = 401, .def = 101,
      .doc = "grid points along each axis" },
    { .name = "hessian", .type = NNT_BOOL, .def = 1,
      .doc = "also the Hessian's eigenvalues at every grid point" },
    { .name = "biases", .type = NNT_BOOL, .def = 0,
      .doc = "net: Hessian over all of w1, b1, w2, b2 (slower)" },
    { .name = "midpoint", .type = NNT_BOOL, .def = 1,
      .doc = "search the grid for L((a+b)/2) > (L(a)+L(b))/2" },
    DATA_PARAMS,
};
_Static_assert(NNT_COUNT(loss_landscape_params) == LOSS_landscape_NPARAMS,
               "landscape parameters");

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
    int n = (int)args[LS_N].integer, hess = args[LS_HESS].boolean;
    struct ln_problem p;
    struct ln_landscape out = { .full = args[LS_BIASES].boolean };
    struct prog pr = { h, c };
    double *gx, *gy, *w1, *w2, best = INFINITY, worst = -INFINITY;
    double most = INFINITY;
    int ib = 0, npsd = 0, r;
    const char *kernel;

    if (!(args[LS_XMIN].num < args[LS_XMAX].num)
        || !(args[LS_YMIN].num < args[LS_YMAX].num))
        return h->fail(c, "the grid needs x_min < x_max and y_min < y_max");
    if (problem_from(h, c, args, LS_DATA, &p) < 0)
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
    linspace(gx, n, args[LS_XMIN].num, args[LS_XMAX].num);
    linspace(gy, n, args[LS_YMIN].num, args[LS_YMAX].num);
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
    if (args[LS_MID].boolean)
        put_midpoint(h, c, &p, out.loss, gx, gy, n);
    return 0;
}

/* ---- point ------------------------------------------------------------ */

enum { PT_X = P_OWN, PT_Y, PT_DATA };

const struct nnt_param loss_point_params[] = {
    PROBLEM_PARAMS,
    { .name = "x", .type = NNT_NUMBER, .min = -50, .max = 50, .def = 1,
      .doc = "first plane parameter (w1, or w)" },
    { .name = "y", .type = NNT_NUMBER, .min = -50, .max = 50, .def = 1,
      .doc = "second plane parameter (w2, or b)" },
    DATA_PARAMS,
};
_Static_assert(NNT_COUNT(loss_point_params) == LOSS_point_NPARAMS,
               "point parameters");

/* Puts the loss, gradient, Hessian and its eigenvalues at one plane
 * point (all parameters: w1, b1, w2, b2 or w, b); returns 0 or -1. */
int loss_point_run(const struct nnt_host *h, struct nnt_call *c,
                   const struct nnt_value *args)
{
    struct ln_problem p;
    double theta[4], g[4], H[16], A[16], e[4], norm = 0, *gv, *hv, *ev, *tv;
    int np;

    if (problem_from(h, c, args, PT_DATA, &p) < 0)
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
    return 0;
}

/* ---- slice ------------------------------------------------------------ */

enum { SL_AX = P_OWN, SL_AY, SL_BX, SL_BY, SL_TMIN, SL_TMAX, SL_N,
       SL_DATA };

const struct nnt_param loss_slice_params[] = {
    PROBLEM_PARAMS,
    { .name = "ax", .type = NNT_NUMBER, .min = -50, .max = 50, .def = -4,
      .doc = "point a (t = 0): first plane parameter" },
    { .name = "ay", .type = NNT_NUMBER, .min = -50, .max = 50, .def = -4,
      .doc = "point a: second plane parameter" },
    { .name = "bx", .type = NNT_NUMBER, .min = -50, .max = 50, .def = 4,
      .doc = "point b (t = 1): first plane parameter" },
    { .name = "by", .type = NNT_NUMBER, .min = -50, .max = 50, .def = 4,
      .doc = "point b: second plane parameter" },
    { .name = "t_min", .type = NNT_NUMBER, .min = -10, .max = 10,
      .def = -0.25, .doc = "slice from a + t_min (b - a)" },
    { .name = "t_max", .type = NNT_NUMBER, .min = -10, .max = 10,
      .def = 1.25, .doc = "slice to a + t_max (b - a)" },
    { .name = "n", .type = NNT_INTEGER, .min = 2, .max = 5001, .def = 201,
      .doc = "points along the slice" },
    DATA_PARAMS,
};
_Static_assert(NNT_COUNT(loss_slice_params) == LOSS_slice_NPARAMS,
               "slice parameters");

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

    if (!(args[SL_TMIN].num < args[SL_TMAX].num))
        return h->fail(c, "the slice needs t_min < t_max");
    if (problem_from(h, c, args, SL_DATA, &p) < 0)
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
    linspace(t, n, args[SL_TMIN].num, args[SL_TMAX].num);
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

const struct nnt_param loss_saturation_params[] = {
    { .name = "target", .type = NNT_NUMBER, .min = 0, .max = 1, .def = 1,
      .doc = "the target y the sigmoid output should reach" },
    { .name = "z_min", .type = NNT_NUMBER, .min = -50, .max = 50,
      .def = -10, .doc = "logits z from" },
    { .name = "z_max", .type = NNT_NUMBER, .min = -50, .max = 50,
      .def = 10, .doc = "logits z to" },
    { .name = "n", .type = NNT_INTEGER, .min = 2, .max = 10001, .def = 201,
      .doc = "points along z" },
};
_Static_assert(NNT_COUNT(loss_saturation_params) ==
               LOSS_saturation_NPARAMS, "saturation parameters");

/* Puts, over logits z, yhat = s(z), the MSE and CE of yhat against the
 * target and their derivatives in z, and both derivatives at the most
 * wrong end; returns 0 or -1. */
int loss_saturation_run(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args)
{
    int n = (int)args[3].integer, iw = 0;
    double y = args[0].num, *z, *yh, *mse, *ce, *gm, *gc;

    if (!(args[1].num < args[2].num))
        return h->fail(c, "saturation needs z_min < z_max");
    z = h->put_array(c, "x", (size_t)n, 0);
    yh = h->put_array(c, "yhat", (size_t)n, 0);
    mse = h->put_array(c, "mse", (size_t)n, 0);
    ce = h->put_array(c, "ce", (size_t)n, 0);
    gm = h->put_array(c, "grad_mse", (size_t)n, 0);
    gc = h->put_array(c, "grad_ce", (size_t)n, 0);
    if (!z || !yh || !mse || !ce || !gm || !gc)
        return -1;
    linspace(z, n, args[1].num, args[2].num);
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
