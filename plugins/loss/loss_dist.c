/* SPDX-License-Identifier: MIT */
/* Plugin functions on discrete distributions: divergence (entropy,
 * cross-entropy, KL) and categorical (maximum likelihood from samples). */
#include <math.h>
#include <stdlib.h>

#include <nntutor/common.h>
#include "loss_math.h"
#include "loss_run.h"

#define MAXK 64                 /* outcomes a distribution may have */

/* Checks that v (k values) is a probability distribution; returns 0, or
 * -1 through fail naming it. */
static int check_dist(const struct nnt_host *h, struct nnt_call *c,
                      const char *name, const double *v, int k)
{
    double s = 0;

    for (int i = 0; i < k; i++) {
        if (!(v[i] >= 0 && v[i] <= 1))
            return h->fail(c, "%s[%d] is %g; probabilities lie in [0, 1]",
                           name, i + 1, v[i]);
        s += v[i];
    }
    if (fabs(s - 1) > 1e-9)
        return h->fail(c, "%s sums to %.12g; a distribution sums to 1",
                       name, s);
    return 0;
}

/* Fills p with the default distribution of k outcomes: p_i ∝ i. */
static void default_dist(double *p, int k)
{
    for (int i = 0; i < k; i++)
        p[i] = (double)(i + 1) / ((double)k * (k + 1) / 2);
}

/* ---- divergence ------------------------------------------------------- */

const struct nnt_param loss_divergence_params[] = { DIV_PARAMS(NNT_PARAM_ROW) };

/* Puts entropy H(p), entropy_q, cross_entropy H(p, q), kl KL(p‖q),
 * kl_reverse, the p log(p/q) terms, grad = dH(p,q)/dq = -p/q and
 * grad_logits = q - p (the gradient when q = softmax of logits); returns
 * 0 or -1. */
int loss_divergence_run(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *args)
{
    const struct nnt_arrayarg *pa = &args[DIV_P].array;
    const struct nnt_arrayarg *qa = &args[DIV_Q].array;
    int k = pa->dims ? (int)pa->len : (int)args[DIV_K].integer;
    double t = args[DIV_T].num, *p, *q, *terms, *g, *gl, *x;

    if (pa->dims && k < 1)
        return h->fail(c, "p is empty");
    if (qa->dims && (int)qa->len != k)
        return h->fail(c, "q has %zu values, p has %d", qa->len, k);
    p = h->put_array(c, "p", (size_t)k, 0);
    q = h->put_array(c, "q", (size_t)k, 0);
    terms = h->put_array(c, "terms", (size_t)k, 0);
    g = h->put_array(c, "grad", (size_t)k, 0);
    gl = h->put_array(c, "grad_logits", (size_t)k, 0);
    x = h->put_array(c, "x", (size_t)k, 0);
    if (!p || !q || !terms || !g || !gl || !x)
        return -1;
    if (pa->dims)
        for (int i = 0; i < k; i++)
            p[i] = pa->data[i];
    else
        default_dist(p, k);
    for (int i = 0; i < k; i++)
        q[i] = qa->dims ? qa->data[i] : (1 - t) / k + t * p[i];
    if (check_dist(h, c, "p", p, k) < 0 || check_dist(h, c, "q", q, k) < 0)
        return -1;
    for (int i = 0; i < k; i++) {
        terms[i] = p[i] > 0 ? p[i] * (log(p[i]) - log(q[i])) : 0;
        g[i] = p[i] > 0 ? -p[i] / q[i] : 0;
        gl[i] = q[i] - p[i];
        x[i] = i + 1;
    }
    h->put_number(c, "entropy", lm_entropy(p, k));
    h->put_number(c, "entropy_q", lm_entropy(q, k));
    h->put_number(c, "cross_entropy", lm_cross_entropy(p, q, k));
    h->put_number(c, "kl", lm_kl(p, q, k));
    h->put_number(c, "kl_reverse", lm_kl(q, p, k));
    return 0;
}

/* ---- categorical ------------------------------------------------------ */

const struct nnt_param loss_categorical_params[] = {
    CAT_PARAMS(NNT_PARAM_ROW)
};

/* Returns −(1/n) Σ log q[label_i], summed sample by sample. */
static double sample_nll(const double *label, int n, const double *q)
{
    double s = 0;

    for (int i = 0; i < n; i++)
        s -= log(q[(int)label[i]]);
    return s / n;
}

/* Puts n samples (labels 0 .. k-1) from p_true, their counts and
 * empirical p_data, the model q, and the average NLL of the samples under
 * q (sample by sample) beside the cross-entropy H(p_data, q), KL and
 * entropy; the NLL at the MLE q = p_data; and the NLL along t in [0, 1]
 * (nll_path over x); returns 0 or -1. */
int loss_categorical_run(const struct nnt_host *h, struct nnt_call *c,
                         const struct nnt_value *args)
{
    const struct nnt_arrayarg *pa = &args[CAT_P_TRUE].array;
    const struct nnt_arrayarg *qa = &args[CAT_Q].array;
    int k = pa->dims ? (int)pa->len : (int)args[CAT_K].integer;
    int n = (int)args[CAT_N].integer, steps = 51;
    double t = args[CAT_T].num, ptrue[MAXK], q0[MAXK], qt[MAXK], lik = 1;
    double *lab, *cnt, *pd, *q, *gl, *tx, *path;

    if (k < 2)
        return h->fail(c, "p_true needs at least two outcomes");
    if (qa->dims && (int)qa->len != k)
        return h->fail(c, "q has %zu values for %d outcomes", qa->len, k);
    for (int i = 0; i < k; i++) {
        q0[i] = qa->dims ? qa->data[i] : 1.0 / k;
        ptrue[i] = pa->dims ? pa->data[i] : 0;
    }
    if (!pa->dims)
        default_dist(ptrue, k);
    if (check_dist(h, c, "p_true", ptrue, k) < 0
        || check_dist(h, c, "q", q0, k) < 0)
        return -1;
    lab = h->put_array(c, "labels", (size_t)n, 0);
    cnt = h->put_array(c, "counts", (size_t)k, 0);
    pd = h->put_array(c, "p_data", (size_t)k, 0);
    q = h->put_array(c, "q", (size_t)k, 0);
    gl = h->put_array(c, "grad_logits", (size_t)k, 0);
    tx = h->put_array(c, "x", (size_t)steps, 0);
    path = h->put_array(c, "nll_path", (size_t)steps, 0);
    if (!lab || !cnt || !pd || !q || !gl || !tx || !path)
        return -1;
    for (int i = 0; i < n; i++) {       /* inverse CDF, data stream */
        double u = h->rng_uniform(c, NNT_RNG_DATA), acc = 0;
        int j = 0;

        while (j < k - 1 && u >= (acc += ptrue[j]))
            j++;
        lab[i] = j;
        cnt[j] += 1;
    }
    for (int j = 0; j < k; j++) {
        pd[j] = cnt[j] / n;
        q[j] = (1 - t) * q0[j] + t * pd[j];
        gl[j] = q[j] - pd[j];
    }
    for (int i = 0; i < n; i++)
        lik *= q[(int)lab[i]];
    h->put_number(c, "likelihood", lik);
    h->put_number(c, "nll", sample_nll(lab, n, q));
    h->put_number(c, "nll_mle", sample_nll(lab, n, pd));
    h->put_number(c, "cross_entropy", lm_cross_entropy(pd, q, k));
    h->put_number(c, "kl", lm_kl(pd, q, k));
    h->put_number(c, "entropy", lm_entropy(pd, k));
    for (int s = 0; s < steps; s++) {
        tx[s] = (double)s / (steps - 1);
        for (int j = 0; j < k; j++)
            qt[j] = (1 - tx[s]) * q0[j] + tx[s] * pd[j];
        path[s] = sample_nll(lab, n, qt);
    }
    return 0;
}
