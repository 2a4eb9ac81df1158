/* SPDX-License-Identifier: MIT */
/* What the regularizer's run callbacks share: the data set of a fit
 * (given or generated), failures in the student's words, progress. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/data_regression.h>
#include "reg_math.h"
#include "reg_run.h"

/* Returns 0 if all n values of v are finite, else -1 after saying where
 * in the parameter called name. */
static int check_finite(const struct nnt_host *h, struct nnt_call *c,
                        const char *name, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return h->fail(c, "parameter '%s' must hold finite numbers, "
                           "got %g at element %zu", name, v[i], i + 1);
    return 0;
}

/* Fills d with the caller's X and y (and test set); returns 0 or -1. */
static int data_given(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a, int xt_arg, int yt_arg,
                      struct reg_data *d)
{
    const struct nnt_arrayarg *X = &a[A_X].array, *y = &a[A_Y].array;

    if (!a[A_Y].given || y->len == 0)
        return h->fail(c, "parameter 'X' needs 'y' (one target per row)");
    if (X->len == 0)
        return h->fail(c, "parameter 'X' is empty");
    if (y->len != X->rows)
        return h->fail(c, "'X' has %zu rows but 'y' has %zu values",
                       X->rows, y->len);
    if (check_finite(h, c, "X", X->data, X->len) < 0
        || check_finite(h, c, "y", y->data, y->len) < 0)
        return -1;
    if (X->cols > 1000)
        return h->fail(c, "'X' has %zu columns; at most 1000 are "
                       "supported", X->cols);
    d->n = (int)X->rows;
    d->p = (int)X->cols;
    d->X = X->data;
    d->y = y->data;
    if (xt_arg < 0 || !a[xt_arg].given)
        return 0;
    X = &a[xt_arg].array;
    y = &a[yt_arg].array;
    if (!a[yt_arg].given || y->len != X->rows || X->cols != (size_t)d->p)
        return h->fail(c, "'X_test' needs %d columns and 'y_test' one "
                       "value per row", d->p);
    if (check_finite(h, c, "X_test", X->data, X->len) < 0
        || check_finite(h, c, "y_test", y->data, y->len) < 0)
        return -1;
    d->nt = (int)X->rows;
    d->Xt = X->data;
    d->yt = y->data;
    return 0;
}

int reg_data_get(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a, int xy, int nt, int xt_arg,
                 int yt_arg, struct reg_data *d)
{
    int n = (int)a[A_N].integer, p = (int)a[A_P].integer;
    int k = (int)a[A_K].integer < p ? (int)a[A_K].integer : p;
    size_t rows = (size_t)n + (size_t)nt;
    double *beta, *X, *y;

    memset(d, 0, sizeof *d);
    if (xy && a[A_X].given)
        return data_given(h, c, a, xt_arg, yt_arg, d);
    if (xy && a[A_Y].given)
        return h->fail(c, "parameter 'y' needs 'X' (or neither, to draw "
                       "data from n, p, k, noise, rho)");
    if (!(beta = h->put_array(c, "beta", (size_t)p, 0)))
        return -1;
    d->own = malloc(rows * ((size_t)p + 1) * sizeof *d->own);
    if (!d->own)
        return h->fail(c, "out of memory for %zu x %d data", rows, p);
    X = d->own;                             /* train rows, then test rows */
    y = d->own + rows * (size_t)p;
    nc_sparse_coef(h, c, p, k, 1.0, 3.0, beta);
    nc_correlated_design(h, c, (int)rows, p, a[A_RHO].num, X);
    nc_linear_response(h, c, (int)rows, p, X, beta, a[A_NOISE].num, y);
    d->n = n;
    d->p = p;
    d->X = X;
    d->y = y;
    d->beta = beta;
    if (nt > 0) {
        d->nt = nt;
        d->Xt = X + (size_t)n * p;
        d->yt = y + n;
    }
    return 0;
}

void reg_data_free(struct reg_data *d)
{
    free(d->own);
    d->own = NULL;
}

int reg_fail(const struct nnt_host *h, struct nnt_call *c, int rc,
             const char *what)
{
    switch (rc) {
    case REG_ENOMEM:
        return h->fail(c, "%s: out of memory", what);
    case REG_CANCEL:
        return -1;                          /* the host knows */
    case REG_ESINGULAR:
        return h->fail(c, "%s: the system is singular (more features than "
                       "independent points? try a penalty above 0)", what);
    }
    return h->fail(c, "%s failed", what);
}

double *reg_put_copy(const struct nnt_host *h, struct nnt_call *c,
                     const char *name, const double *v, size_t n)
{
    double *out = h->put_array(c, name, n, 0);

    if (out && n)
        memcpy(out, v, n * sizeof *v);
    return out;
}

struct reg_tick reg_tick_for(const struct nnt_host *h, struct nnt_call *c,
                             double work)
{
    struct reg_tick t = { h, c, work >= REG_TICK_WORK };

    return t;
}

int reg_tick(void *ud, double fraction)
{
    struct reg_tick *t = ud;

    return t->on ? t->h->progress(t->c, fraction) : 0;
}
