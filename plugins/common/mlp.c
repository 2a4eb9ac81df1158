/* SPDX-License-Identifier: MIT */
/* A small multilayer perceptron: build, forward, backward, SGD (see
 * mlp.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/bn_math.h>
#include <nntutor/common.h>
#include <nntutor/mlp.h>
#include <nntutor/mm.h>
#include <nntutor/vexp.h>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
/* Built for AVX-512, AVX2 and plain x86-64, the loader picking the
 * widest the CPU has; lane by lane the same IEEE operations, so the same
 * bits. */
#define MLP_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MLP_CLONES
#endif
#if defined(__GNUC__)
#define MLP_V 8
typedef double mlp_v __attribute__((vector_size(8 * MLP_V)));
/* Returns the MLP_V doubles at p; stores v at p (any alignment). */
#define MLP_LD(p) __extension__({ mlp_v v_; memcpy(&v_, (p), sizeof v_); v_; })
#define MLP_ST(p, v) __extension__({ mlp_v w_ = (v); memcpy((p), &w_, \
                                                            sizeof w_); })
#endif

int mlp_new(struct mlp *net, const struct mlp_spec *s)
{
    int size[MLP_MAX_LAYERS + 1], nl = s->depth + 1;
    size_t np = 0, ns = 0;
    double *p, *g, *st;

    memset(net, 0, sizeof *net);
    if (s->depth < 0 || nl > MLP_MAX_LAYERS || s->inputs < 1
        || s->classes < 2 || (s->depth > 0 && s->width < 1))
        return -1;
    size[0] = s->inputs;
    for (int l = 1; l < nl; l++)
        size[l] = s->width;
    size[nl] = s->classes;
    for (int l = 0; l < nl; l++) {
        int bn = l < nl - 1 && (s->bn >> l & 1);
        np += (size_t)size[l] * size[l + 1]
              + (bn ? 2 : 1) * (size_t)size[l + 1];
        ns += bn ? 2 * (size_t)size[l + 1] : 0;
    }
    net->param = p = calloc(np, sizeof *p);
    net->grad = g = calloc(np, sizeof *g);
    net->stats = st = calloc(ns ? ns : 1, sizeof *st);
    if (!p || !g || !st) {
        mlp_free(net);
        return -1;
    }
    net->nlayers = nl;
    net->act = s->act;
    net->eps = s->eps > 0 ? s->eps : 1e-5;
    net->momentum = s->momentum > 0 ? s->momentum : 0.1;
    net->nparam = np;
    net->nstats = ns;
    for (int l = 0; l < nl; l++) {
        struct mlp_layer *L = &net->layer[l];
        size_t nw = (size_t)size[l] * size[l + 1];
        int n = size[l + 1];

        L->nin = size[l];
        L->nout = n;
        L->bn = l < nl - 1 && (s->bn >> l & 1);
        L->W = p;
        L->dW = g;
        p += nw;
        g += nw;
        if (L->bn) {
            L->gamma = p;
            L->dgamma = g;
            L->beta = p + n;
            L->dbeta = g + n;
            p += 2 * n;
            g += 2 * n;
            L->rmean = st;
            L->rvar = st + n;
            st += 2 * n;
            for (int j = 0; j < n; j++)
                L->gamma[j] = L->rvar[j] = 1;
        } else {
            L->b = p;
            L->db = g;
            p += n;
            g += n;
        }
        if (size[l] > net->maxw)
            net->maxw = size[l];
        if (n > net->maxw)
            net->maxw = n;
    }
    return 0;
}

void mlp_free(struct mlp *net)
{
    free(net->param);
    free(net->grad);
    free(net->stats);
    memset(net, 0, sizeof *net);
}

void mlp_init(struct mlp *net, double scale, const struct nnt_host *h,
              struct nnt_call *c)
{
    for (int l = 0; l < net->nlayers; l++) {
        struct mlp_layer *L = &net->layer[l];
        double sd = scale / sqrt((double)L->nin);
        size_t nw = (size_t)L->nin * L->nout;

        for (size_t k = 0; k < nw; k++)
            L->W[k] = sd * h->rng_normal(c, NNT_RNG_INIT);
    }
}

void mlp_copy_weights(struct mlp *dst, const struct mlp *src)
{
    for (int l = 0; l < dst->nlayers && l < src->nlayers; l++)
        memcpy(dst->layer[l].W, src->layer[l].W,
               sizeof(double) * (size_t)src->layer[l].nin
               * src->layer[l].nout);
}

int mlp_work_new(struct mlp_work *w, const struct mlp *net, int bmax)
{
    size_t total = 0, bm = (size_t)bmax, mw = (size_t)net->maxw;
    double *q;

    memset(w, 0, sizeof *w);
    for (int l = 0; l < net->nlayers; l++) {
        size_t n = (size_t)net->layer[l].nout;
        total += 2 * bm * n;                        /* z, a */
        if (net->layer[l].bn)
            total += bm * n + 3 * n;                /* xhat, mu, var, istd */
    }
    total += 2 * bm * mw + mw * mw;                 /* d0, d1, wt */
    total += bm * (size_t)net->layer[0].nin + bm;   /* xb, yb */
    w->block = q = malloc(total * sizeof *q);
    if (!q)
        return -1;
    w->bmax = bmax;
    for (int l = 0; l < net->nlayers; l++) {
        size_t n = (size_t)net->layer[l].nout;
        w->z[l] = q;
        w->a[l] = q + bm * n;
        q += 2 * bm * n;
        if (net->layer[l].bn) {
            w->xhat[l] = q;
            w->mu[l] = q + bm * n;
            w->var[l] = w->mu[l] + n;
            w->istd[l] = w->var[l] + n;
            q += bm * n + 3 * n;
        }
    }
    w->d0 = q;
    w->d1 = q + bm * mw;
    w->wt = q + 2 * bm * mw;
    q += 2 * bm * mw + mw * mw;
    w->xb = q;
    w->yb = q + bm * (size_t)net->layer[0].nin;
    return 0;
}

void mlp_work_free(struct mlp_work *w)
{
    free(w->block);
    memset(w, 0, sizeof *w);
}

void mlp_gather(const struct mlp *net, struct mlp_work *w, const double *X,
                const double *y, const int *idx, int B)
{
    int d = net->layer[0].nin;

    for (int i = 0; i < B; i++) {
        if (d < 8)                      /* a few: no call per row */
            for (int j = 0; j < d; j++)
                w->xb[(size_t)i * d + j] = X[(size_t)idx[i] * d + j];
        else
            memcpy(w->xb + (size_t)i * d, X + (size_t)idx[i] * d,
                   sizeof(double) * (size_t)d);
        w->yb[i] = y[idx[i]];
    }
}

/* Applies the activation to z (count values) into a; returns nothing. */
static void activate(enum mlp_act act, const double *z, double *a,
                     size_t count)
{
    size_t k;

    switch (act) {
    case MLP_SIGMOID:
        nc_vsigmoid_array(z, a, count);
        break;
    case MLP_TANH:
        nc_vtanh_array(z, a, count);
        break;
    case MLP_RELU:
        for (k = 0; k < count; k++)
            a[k] = z[k] > 0 ? z[k] : 0;
        break;
    }
}

/* Multiplies d by the activation's derivative, read from its output a;
 * returns nothing. */
MLP_CLONES
static void activate_back(enum mlp_act act, const double *a, double *d,
                          size_t count)
{
    size_t k = 0;

    switch (act) {
    case MLP_SIGMOID:
#if defined(MLP_V)
        for (; k + MLP_V <= count; k += MLP_V) {
            mlp_v ak = MLP_LD(a + k);
            MLP_ST(d + k, MLP_LD(d + k) * (ak * (1.0 - ak)));
        }
#endif
        for (; k < count; k++)
            d[k] *= a[k] * (1 - a[k]);
        break;
    case MLP_TANH:
#if defined(MLP_V)
        for (; k + MLP_V <= count; k += MLP_V) {
            mlp_v ak = MLP_LD(a + k);
            MLP_ST(d + k, MLP_LD(d + k) * (1.0 - ak * ak));
        }
#endif
        for (; k < count; k++)
            d[k] *= 1 - a[k] * a[k];
        break;
    case MLP_RELU:
        for (; k < count; k++)
            d[k] = a[k] > 0 ? d[k] : 0;
        break;
    }
}

/* Turns logits z (B x K) into softmax probabilities p; returns the summed
 * cross-entropy against labels y (0 when y is NULL).  One exp per logit:
 * p_k = e^(z_k - m) / s and -log p_label = m + log s - z_label, with m the
 * row's largest logit and s >= 1 the sum of the exps.  Rows go MLP_ROWS
 * at a time: their exps in one call of the vector exp, their logs in one
 * of the vector log. */
#define MLP_ROWS 256
static double softmax_ce(const double *z, double *p, const double *y,
                         int B, int K)
{
    double sum = 0, mx[MLP_ROWS], ls[MLP_ROWS];

    for (int i0 = 0; i0 < B; i0 += MLP_ROWS) {
        int n = B - i0 < MLP_ROWS ? B - i0 : MLP_ROWS;

        for (int i = i0; i < i0 + n; i++) {     /* z - the largest logit */
            const double *zi = z + (size_t)i * K;
            double *pi = p + (size_t)i * K, m = zi[0];

            for (int k = 1; k < K; k++)
                m = zi[k] > m ? zi[k] : m;
            for (int k = 0; k < K; k++)
                pi[k] = zi[k] - m;
            mx[i - i0] = m;
        }
        nc_vexp_array(p + (size_t)i0 * K, p + (size_t)i0 * K, (size_t)n * K);
        for (int i = i0; i < i0 + n; i++) {
            double *pi = p + (size_t)i * K, s = 0;

            for (int k = 0; k < K; k++)
                s += pi[k];
            for (int k = 0; k < K; k++)
                pi[k] /= s;
            ls[i - i0] = s;
        }
        if (!y)
            continue;
        nc_vlog_ge1_array(ls, ls, (size_t)n);
        for (int i = i0; i < i0 + n; i++)
            sum += mx[i - i0] + ls[i - i0] - z[(size_t)i * K + (int)y[i]];
    }
    return sum;
}

double mlp_forward(struct mlp *net, struct mlp_work *w, const double *X,
                   const double *y, int B, enum mlp_mode mode)
{
    const double *in = X;
    int last = net->nlayers - 1;

    for (int l = 0; l <= last; l++) {
        struct mlp_layer *L = &net->layer[l];
        double *z = w->z[l];
        size_t count = (size_t)B * L->nout;

        if (L->b && L->nout < 8)            /* a few: no call per row */
            for (int i = 0; i < B; i++)
                for (int j = 0; j < L->nout; j++)
                    z[(size_t)i * L->nout + j] = L->b[j];
        else if (L->b)
            for (int i = 0; i < B; i++)
                memcpy(z + (size_t)i * L->nout, L->b,
                       sizeof(double) * (size_t)L->nout);
        if (L->b)
            mm_nn(B, L->nin, L->nout, in, L->W, z);
        else
            mm_nn0(B, L->nin, L->nout, in, L->W, z);
        if (L->bn && mode == MLP_EVAL)
            bn_forward_eval(B, L->nout, z, L->gamma, L->beta, L->rmean,
                            L->rvar, net->eps, w->xhat[l], z);
        else if (L->bn) {
            bn_forward_train(B, L->nout, z, L->gamma, L->beta, net->eps,
                             w->mu[l], w->var[l], w->istd[l], w->xhat[l],
                             z);
            if (mode == MLP_TRAIN)
                bn_update_running(B, L->nout, w->mu[l], w->var[l],
                                  net->momentum, L->rmean, L->rvar);
        }
        if (l < last) {
            activate(net->act, z, w->a[l], count);
            in = w->a[l];
        }
    }
    return softmax_ce(w->z[last], w->a[last], y, B,
                      net->layer[last].nout) / B;
}

/* Divides d (count values) by B, as d[k] / B; for B a power of two the
 * multiply by 1 / B is the same rounding of the same number.  Returns
 * nothing. */
static void scale_by_batch(double *d, size_t count, int B)
{
    size_t k = 0;

    if ((B & (B - 1)) == 0) {
        double inv = 1.0 / B;
#if defined(MM_V2)
        for (; k + 2 <= count; k += 2)
            mm_st2(d + k, mm_ld2(d + k) * mm_splat2(inv));
#endif
        for (; k < count; k++)
            d[k] *= inv;
    } else
        for (; k < count; k++)
            d[k] /= B;
}

/* Writes s[j] = sum of d[i][j] over the B rows of d (B x n), in row
 * order; returns nothing. */
static void sum_rows(const double *d, int B, int n, double *s)
{
    int j = 0;

#if defined(MM_V2)
    for (; j + 2 <= n; j += 2) {
        mm_v2 acc = mm_splat2(0);
        for (int i = 0; i < B; i++)
            acc += mm_ld2(d + (size_t)i * n + j);
        mm_st2(s + j, acc);
    }
#endif
    for (; j < n; j++) {
        double acc = 0;
        for (int i = 0; i < B; i++)
            acc += d[(size_t)i * n + j];
        s[j] = acc;
    }
}

/* Fills net->grad as mlp_backward does; with sgd set, also takes the
 * step param -= lr * grad, each weight matrix as its gradient is made
 * (after its use for the layer below) and the rest at the end.  Returns
 * nothing. */
static void backward(struct mlp *net, struct mlp_work *w, const double *X,
                     const double *y, int B, int sgd, double lr)
{
    int last = net->nlayers - 1, K = net->layer[last].nout;
    double *d = w->d0, *dn = w->d1, *t;

    memcpy(d, w->a[last], sizeof(double) * (size_t)B * K);
    for (int i = 0; i < B; i++)                 /* (p - onehot) / B */
        d[(size_t)i * K + (int)y[i]] -= 1;
    scale_by_batch(d, (size_t)B * K, B);
    for (int l = last; l >= 0; l--) {
        struct mlp_layer *L = &net->layer[l];
        const double *in = l > 0 ? w->a[l - 1] : X;
        struct mlp_layer *P = l > 0 ? &net->layer[l - 1] : NULL;

        if (P)                                  /* with W before its step */
            mm_nt0(B, L->nout, L->nin, d, L->W, dn);
        if (sgd)
            mm_tn0_sgd(B, L->nin, L->nout, in, d, L->dW, lr, L->W);
        else
            mm_tn0(B, L->nin, L->nout, in, d, L->dW);
        if (L->db)
            sum_rows(d, B, L->nout, L->db);
        if (!P)
            break;
        activate_back(net->act, w->a[l - 1], dn, (size_t)B * L->nin);
        if (P->bn)
            bn_backward(B, P->nout, dn, w->xhat[l - 1], w->istd[l - 1],
                        P->gamma, dn, P->dgamma, P->dbeta);
        t = d;
        d = dn;
        dn = t;
    }
    for (int l = 0; sgd && l <= last; l++) {    /* biases, gamma, beta */
        struct mlp_layer *L = &net->layer[l];
        double *q = L->bn ? L->gamma : L->b;
        const double *g = L->bn ? L->dgamma : L->db;

        for (int j = 0; j < (L->bn ? 2 : 1) * L->nout; j++)
            q[j] -= lr * g[j];
    }
}

void mlp_backward(struct mlp *net, struct mlp_work *w, const double *X,
                  const double *y, int B)
{
    backward(net, w, X, y, B, 0, 0);
}

void mlp_step(struct mlp *net, struct mlp_work *w, const double *X,
              const double *y, int B, double lr)
{
    backward(net, w, X, y, B, 1, lr);
}

int mlp_correct(const struct mlp *net, const struct mlp_work *w,
                const double *y, int B)
{
    int last = net->nlayers - 1, K = net->layer[last].nout, ok = 0;

    for (int i = 0; i < B; i++) {
        const double *zi = w->z[last] + (size_t)i * K;
        int best = 0;
        for (int k = 1; k < K; k++)
            if (zi[k] > zi[best])
                best = k;
        ok += best == (int)y[i];
    }
    return ok;
}

MLP_CLONES
void mlp_sgd(struct mlp *net, double lr)
{
    double *p = net->param;
    const double *g = net->grad;
    size_t k = 0, n = net->nparam;

#if defined(MLP_V)
    for (; k + MLP_V <= n; k += MLP_V)
        MLP_ST(p + k, MLP_LD(p + k) - lr * MLP_LD(g + k));
#endif
    for (; k < n; k++)
        p[k] -= lr * g[k];
}

double mlp_dataset_loss(struct mlp *net, struct mlp_work *w,
                        const double *X, const double *y, int n,
                        enum mlp_mode mode, double *acc)
{
    double sum = 0;
    int ok = 0, d = net->layer[0].nin;

    for (int i = 0; i < n; i += w->bmax) {
        int b = n - i < w->bmax ? n - i : w->bmax;
        sum += b * mlp_forward(net, w, X + (size_t)i * d, y + i, b, mode);
        ok += mlp_correct(net, w, y + i, b);
    }
    if (acc)
        *acc = n > 0 ? (double)ok / n : 0;
    return n > 0 ? sum / n : 0;
}
