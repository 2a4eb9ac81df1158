/* SPDX-License-Identifier: MIT */
/* Plugin functions for data sets, losses on arrays, and discrete
 * distributions: regression_data, class_data, compute, divergence,
 * categorical. */
#include <math.h>
#include <stdlib.h>

#include <nntutor/common.h>
#include "loss_math.h"
#include "loss_run.h"

/* A key and where it came from, for sorting rows by their first value. */
struct keyed {
    double key;
    int at;
};

/* qsort comparator: by key, then by original place (a stable order). */
static int by_key(const void *a, const void *b)
{
    const struct keyed *p = a, *q = b;

    if (p->key != q->key)
        return (p->key > q->key) - (p->key < q->key);
    return (p->at > q->at) - (p->at < q->at);
}

/* Reorders the n rows of m (cols wide) in place so that key[] ascends,
 * moving the cols2-wide rows of m2 along; returns 0 or -1. */
static int sort_rows(double *m, int cols, double *m2, int cols2, int n)
{
    struct keyed *k = malloc(sizeof *k * (size_t)n);
    double *tmp = malloc(sizeof *tmp * (size_t)n * (size_t)(cols + cols2));

    if (!k || !tmp) {
        free(k);
        free(tmp);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        k[i].key = m[i * cols];
        k[i].at = i;
    }
    qsort(k, (size_t)n, sizeof *k, by_key);
    for (int i = 0; i < n; i++)
        for (int a = 0; a < cols + cols2; a++)
            tmp[i * (cols + cols2) + a] = a < cols
                ? m[k[i].at * cols + a] : m2[k[i].at * cols2 + a - cols];
    for (int i = 0; i < n; i++)
        for (int a = 0; a < cols + cols2; a++) {
            if (a < cols)
                m[i * cols + a] = tmp[i * (cols + cols2) + a];
            else
                m2[i * cols2 + a - cols] = tmp[i * (cols + cols2) + a];
        }
    free(k);
    free(tmp);
    return 0;
}

/* ---- regression_data -------------------------------------------------- */

static const char *const noise_names[] = { "gaussian", "laplace", NULL };

const struct nnt_param loss_regression_data_params[] = {
    RDATA_PARAMS(NNT_PARAM_ROW)
};

/* Puts x (ascending), y = slope x + intercept + noise, the true line
 * true_y and the noise eps; returns 0 or -1. */
int loss_regression_data_run(const struct nnt_host *h, struct nnt_call *c,
                             const struct nnt_value *args)
{
    int n = (int)args[RDATA_N].integer;
    double *x = h->put_array(c, "x", (size_t)n, 0);
    double *y = h->put_array(c, "y", (size_t)n, 0);
    double *t = h->put_array(c, "true_y", (size_t)n, 0);
    double *e = h->put_array(c, "eps", (size_t)n, 0);

    if (!x || !y || !t || !e)
        return -1;
    if (!(args[RDATA_X_MIN].num < args[RDATA_X_MAX].num))
        return h->fail(c, "regression_data needs x_min < x_max");
    nc_line_data(h, c, n, args[RDATA_X_MIN].num, args[RDATA_X_MAX].num,
                 args[RDATA_SLOPE].num, args[RDATA_INTERCEPT].num,
                 args[RDATA_NOISE].choice ? NC_LAPLACE : NC_GAUSSIAN,
                 args[RDATA_SIGMA].num, args[RDATA_OUTLIERS].num, x, y);
    if (sort_rows(x, 1, y, 1, n) < 0)
        return h->fail(c, "out of memory sorting %d points", n);
    for (int i = 0; i < n; i++) {
        t[i] = args[RDATA_SLOPE].num * x[i] + args[RDATA_INTERCEPT].num;
        e[i] = y[i] - t[i];
    }
    return 0;
}

/* ---- class_data ------------------------------------------------------- */

const struct nnt_param loss_class_data_params[] = {
    CDATA_PARAMS(NNT_PARAM_ROW)
};

/* Puts X (n x dims, rows by ascending first value), its first columns x
 * (and x2 when dims >= 2) and the labels y; returns 0 or -1. */
int loss_class_data_run(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args)
{
    int n = (int)args[CDATA_N].integer, k = (int)args[CDATA_CLASSES].integer;
    int d = (int)args[CDATA_DIMS].integer;
    double *X = h->put_array(c, "X", (size_t)n, (size_t)d);
    double *y = h->put_array(c, "y", (size_t)n, 0);
    double *x1 = h->put_array(c, "x", (size_t)n, 0);
    double *x2 = d >= 2 ? h->put_array(c, "x2", (size_t)n, 0) : NULL;

    if (!X || !y || !x1 || (d >= 2 && !x2))
        return -1;
    nc_classes(h, c, n, d, k, args[CDATA_SEP].num, args[CDATA_NOISE].num, X, y);
    if (sort_rows(X, d, y, 1, n) < 0)
        return h->fail(c, "out of memory sorting %d points", n);
    for (int i = 0; i < n; i++) {
        x1[i] = X[i * d];
        if (x2)
            x2[i] = X[i * d + 1];
    }
    return 0;
}

/* ---- compute ---------------------------------------------------------- */

static const char *const compute_names[] = {
    "mse", "mae", "bce", "bce_logits", "gaussian_nll", "bernoulli_nll",
    "softmax_ce", "categorical_nll", NULL
};

const struct nnt_param loss_compute_params[] = { CO_PARAMS(NNT_PARAM_ROW) };

/* Returns 1 if loss k reads its input as probabilities. */
static int takes_prob(enum lm_loss k)
{
    return k == LM_BCE || k == LM_BERNOULLI_NLL || k == LM_CATEGORICAL_NLL;
}

/* Checks the given arrays against loss k; returns 0 or -1 via fail. */
static int check_inputs(const struct nnt_host *h, struct nnt_call *c,
                        enum lm_loss k, const double *in, size_t n,
                        size_t K, const double *t)
{
    for (size_t i = 0; i < n * K; i++) {
        if (!isfinite(in[i]))
            return h->fail(c, "input value %zu is %g; losses need finite "
                           "inputs", i + 1, in[i]);
        if (takes_prob(k) && !(in[i] >= 0 && in[i] <= 1))
            return h->fail(c, "input value %zu is %g; %s takes "
                           "probabilities in [0, 1]", i + 1, in[i],
                           compute_names[k]);
    }
    for (size_t i = 0; i < n; i++) {
        double y = t[i];
        int bad = !isfinite(y);

        if (lm_is_row(k))
            bad = bad || y != floor(y) || y < 0 || y >= (double)K;
        else if (k == LM_BERNOULLI_NLL)
            bad = bad || (y != 0 && y != 1);
        else if (k == LM_BCE || k == LM_BCE_LOGITS)
            bad = bad || y < 0 || y > 1;
        if (bad)
            return h->fail(c, "target %zu is %g; %s needs %s", i + 1, y,
                           compute_names[k], lm_is_row(k)
                           ? "a class index 0 .. K-1"
                           : k == LM_BERNOULLI_NLL ? "0 or 1"
                           : k == LM_BCE || k == LM_BCE_LOGITS
                           ? "a value in [0, 1]" : "a finite number");
    }
    return 0;
}

/* Fills in (n x K) and t with the default curve of loss k: the input
 * (the target class's score for row losses) runs over [lo, hi]. */
static void default_curve(enum lm_loss k, const struct nnt_value *args,
                          int n, int K, double *in, double *t)
{
    double y = args[CO_Y].num;
    int cls = (int)fmin(fmax(floor(y + 0.5), 0), K - 1);

    if (k == LM_BCE || k == LM_BCE_LOGITS)
        y = fmin(fmax(y, 0), 1);
    else if (k == LM_BERNOULLI_NLL)
        y = y >= 0.5;
    for (int i = 0; i < n; i++) {
        double v = args[CO_LO].num
                   + (args[CO_HI].num - args[CO_LO].num) * i / (n - 1);

        if (takes_prob(k))
            v = nc_sigmoid(v);
        t[i] = lm_is_row(k) ? cls : y;
        if (!lm_is_row(k)) {
            in[i] = v;
            continue;
        }
        for (int j = 0; j < K; j++)     /* the other classes share */
            in[i * K + j] = k == LM_SOFTMAX_CE ? 0 : (1 - v) / (K - 1);
        in[i * K + cls] = v;
    }
}

/* Puts a loss on pred (or scores) against target: loss (the mean), grad
 * (of the mean), and per sample each, d1, d2 (first and second derivative
 * in x, the prediction or the target class's score); returns 0 or -1. */
int loss_compute_run(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *args)
{
    enum lm_loss k = (enum lm_loss)args[CO_LOSS].choice;
    int row = lm_is_row(k);
    const struct nnt_arrayarg *in = &args[row ? CO_SCORES : CO_PRED].array;
    const struct nnt_arrayarg *tg = &args[CO_TARGET].array;
    int given = in->dims != 0;
    size_t n = given ? in->rows * (row ? 1 : in->cols)
                     : (size_t)args[CO_N].integer;
    size_t K = row ? (given ? in->cols : (size_t)args[CO_CLASSES].integer)
                   : 1;
    double *buf = NULL, *grad, *each, *d1, *d2, *xv, total = 0;
    const double *v, *t;

    if (args[row ? CO_PRED : CO_SCORES].array.dims)
        return h->fail(c, "%s takes %s", compute_names[k], row
                       ? "scores (an N x K matrix), not pred"
                       : "pred (a list), not scores");
    if (given && (tg->len != n || n == 0))
        return h->fail(c, "target has %zu values for %zu predictions",
                       tg->len, n);
    if (given && row && K < 2)
        return h->fail(c, "scores need at least two columns (classes)");
    if (given) {
        v = in->data;
        t = tg->data;
        if (check_inputs(h, c, k, v, n, K, t) < 0)
            return -1;
    } else {
        if (!(buf = malloc(sizeof *buf * n * (K + 1))))
            return h->fail(c, "out of memory");
        default_curve(k, args, (int)n, (int)K, buf, buf + n * K);
        v = buf;
        t = buf + n * K;
    }
    grad = h->put_array(c, "grad", n, row ? K : 0);
    each = h->put_array(c, "each", n, 0);
    d1 = h->put_array(c, "d1", n, 0);
    d2 = h->put_array(c, "d2", n, 0);
    xv = h->put_array(c, "x", n, 0);
    if (!grad || !each || !d1 || !d2 || !xv) {
        free(buf);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (row) {
            int cls = (int)t[i];

            each[i] = lm_row(k, v + i * K, (int)K, cls, grad + i * K, &d2[i]);
            d1[i] = grad[i * K + cls];
            xv[i] = v[i * K + cls];
            for (size_t j = 0; j < K; j++)
                grad[i * K + j] /= (double)n;
        } else {
            each[i] = lm_point(k, v[i], t[i], args[CO_SIGMA].num, &d1[i],
                               &d2[i]);
            grad[i] = d1[i] / (double)n;
            xv[i] = v[i];
        }
        total += each[i];
    }
    h->put_number(c, "loss", total / (double)n);
    h->put_number(c, "n", (double)n);
    free(buf);
    return 0;
}
