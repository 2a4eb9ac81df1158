/* SPDX-License-Identifier: MIT */
/* The 1-1-1 network and the sigmoid unit: exact derivatives, eigenvalues,
 * landscapes and the midpoint-convexity search (see loss_net.h). */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/common.h>
#include <nntutor/par.h>
#include <nntutor/vexp.h>
#include "loss_net.h"

int ln_nparams(enum ln_model m)
{
    return m == LN_NET ? 4 : 2;
}

void ln_theta(const struct ln_problem *p, double u, double v, double *theta)
{
    if (p->model == LN_NET) {
        theta[0] = u;           /* w1 */
        theta[1] = p->b1;
        theta[2] = v;           /* w2 */
        theta[3] = p->b2;
    } else {
        theta[0] = u;           /* w */
        theta[1] = v;           /* b */
    }
}

double ln_loss_z(enum ln_loss loss, double z, double y, double *d1,
                 double *d2)
{
    double s = nc_sigmoid(z), sc = nc_sigmoid(-z);  /* σ(z), 1 − σ(z) */
    double d = (1 - y) * s - y * sc;                /* σ(z) − y */

    if (loss == LN_CE) {
        *d1 = d;
        *d2 = s * sc;
        return nc_bce_logits(z, y);
    }
    *d1 = 2 * d * s * sc;
    *d2 = 2 * (s * sc) * (s * sc) + *d1 * (sc - s);
    return d * d;
}

double ln_eval(const struct ln_problem *p, const double *theta,
               double *grad, double *hess)
{
    int np = ln_nparams(p->model);
    double gz[4], hz[16], total = 0;

    if (grad)
        memset(grad, 0, sizeof *grad * (size_t)np);
    if (hess)
        memset(hess, 0, sizeof *hess * (size_t)(np * np));
    for (int n = 0; n < p->n; n++) {
        double x = p->x[n], z, l1, l2;

        memset(hz, 0, sizeof hz);
        if (p->model == LN_NET) {
            double a = theta[0] * x + theta[1];
            double h = nc_sigmoid(a), hc = nc_sigmoid(-a);
            double hp = h * hc, hpp = hp * (hc - h);    /* σ', σ'' at a */
            double w2 = theta[2];

            z = w2 * h + theta[3];
            gz[0] = w2 * hp * x;                        /* ∂z/∂w1 */
            gz[1] = w2 * hp;                            /* ∂z/∂b1 */
            gz[2] = h;                                  /* ∂z/∂w2 */
            gz[3] = 1;                                  /* ∂z/∂b2 */
            hz[0 * 4 + 0] = w2 * hpp * x * x;
            hz[0 * 4 + 1] = hz[1 * 4 + 0] = w2 * hpp * x;
            hz[1 * 4 + 1] = w2 * hpp;
            hz[0 * 4 + 2] = hz[2 * 4 + 0] = hp * x;
            hz[1 * 4 + 2] = hz[2 * 4 + 1] = hp;
        } else {
            z = theta[0] * x + theta[1];
            gz[0] = x;
            gz[1] = 1;
        }
        total += ln_loss_z(p->loss, z, p->y[n], &l1, &l2);
        for (int a = 0; a < np; a++) {
            if (grad)
                grad[a] += l1 * gz[a];
            for (int b = a; hess && b < np; b++)    /* upper triangle */
                hess[a * np + b] += l2 * gz[a] * gz[b] + l1 * hz[a * 4 + b];
        }
    }
    for (int a = 0; a < np; a++) {
        if (grad)
            grad[a] /= p->n;
        for (int b = a; hess && b < np; b++) {
            hess[a * np + b] /= p->n;
            hess[b * np + a] = hess[a * np + b];   /* exactly symmetric */
        }
    }
    return total / p->n;
}

double ln_predict(enum ln_model m, const double *theta, double x)
{
    if (m == LN_NET)
        return nc_sigmoid(theta[2] * nc_sigmoid(theta[0] * x + theta[1])
                          + theta[3]);
    return nc_sigmoid(theta[0] * x + theta[1]);
}

/* Returns the binary exponent e that brings the largest |v[i]| (n of
 * them) into [0.5, 1) by ldexp(v, -e), or 0 when that largest entry is
 * already between 2^-500 and 2^500 (squares neither underflow nor
 * overflow), is 0, or is not finite.  Scaling by a power of two is exact,
 * so eigenvalues scaled back are the ones of the matrix itself. */
static int eig_exponent(const double *v, int n)
{
    double top = 0;
    int e;

    for (int i = 0; i < n; i++)         /* fmax's value, without a call */
        top = fabs(v[i]) > top ? fabs(v[i]) : top;     /* NaN: skipped */
    if (!isfinite(top) || top == 0 || (top >= 0x1p-500 && top <= 0x1p500))
        return 0;
    frexp(top, &e);
    return e;
}

void ln_eig2(double a, double b, double c, double *lo, double *hi)
{
    double v[3] = { a, b, c };
    int e = eig_exponent(v, 3);
    double m, h, r;

    if (e) {                        /* tiny or huge entries: scale */
        a = ldexp(a, -e);
        b = ldexp(b, -e);
        c = ldexp(c, -e);
    }
    m = a / 2 + c / 2;
    h = a / 2 - c / 2;
    r = sqrt(h * h + b * b);
    *lo = e ? ldexp(m - r, e) : m - r;
    *hi = e ? ldexp(m + r, e) : m + r;
}

void ln_eig_sym(double *A, int n, double *eig)
{
    int e = eig_exponent(A, n * n);

    for (int i = 0; e && i < n * n; i++)    /* tiny or huge: scale */
        A[i] = ldexp(A[i], -e);
    for (int sweep = 0; sweep < 60; sweep++) {
        double off = 0, scale = 0;

        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
                if (p != q)
                    off += A[p * n + q] * A[p * n + q];
                else
                    scale += A[p * n + q] * A[p * n + q];
        if (off <= 1e-32 * scale || off == 0)
            break;
        for (int p = 0; p < n - 1; p++)
            for (int q = p + 1; q < n; q++) {
                double apq = A[p * n + q], th, t, cs, sn;

                if (apq == 0)
                    continue;
                th = (A[q * n + q] - A[p * n + p]) / (2 * apq);
                t = (th >= 0 ? 1 : -1) / (fabs(th) + sqrt(th * th + 1));
                cs = 1 / sqrt(t * t + 1);
                sn = t * cs;
                for (int k = 0; k < n; k++) {   /* columns p, q */
                    double akp = A[k * n + p], akq = A[k * n + q];
                    A[k * n + p] = cs * akp - sn * akq;
                    A[k * n + q] = sn * akp + cs * akq;
                }
                for (int k = 0; k < n; k++) {   /* rows p, q */
                    double apk = A[p * n + k], aqk = A[q * n + k];
                    A[p * n + k] = cs * apk - sn * aqk;
                    A[q * n + k] = sn * apk + cs * aqk;
                }
            }
    }
    for (int i = 0; i < n; i++)
        eig[i] = ldexp(A[i * n + i], e);
    for (int i = 1; i < n; i++)                 /* insertion sort */
        for (int j = i; j > 0 && eig[j - 1] > eig[j]; j--) {
            double t = eig[j];
            eig[j] = eig[j - 1];
            eig[j - 1] = t;
        }
}

void (*lk_pick(const char **name))(const struct lk_column *k)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        *name = "avx512";
        return lk_column_avx512;
    }
    if (__builtin_cpu_supports("avx2")) {
        *name = "avx2";
        return lk_column_avx2;
    }
    *name = "sse2";
#else
    *name = "generic";
#endif
    return lk_column_base;
}

/* Computes the landscape with the full 4 x 4 Hessian of the net, point by
 * point; returns 0, or 1 when progress asked to stop. */
static int landscape_full(const struct ln_problem *p, const double *u,
                          int nu, const double *v, int nv,
                          const struct ln_landscape *out,
                          ln_progress_fn progress, void *ud)
{
    double theta[4], H[16], eig[4];

    for (int j = 0; j < nu; j++) {
        for (int i = 0; i < nv; i++) {
            double l;

            ln_theta(p, u[j], v[i], theta);
            l = ln_eval(p, theta, NULL, H);
            ln_eig_sym(H, 4, eig);
            if (out->loss)
                out->loss[i * nu + j] = l;
            if (out->eig_lo)
                out->eig_lo[i * nu + j] = eig[0];
            if (out->eig_hi)
                out->eig_hi[i * nu + j] = eig[3];
        }
        if (progress && progress(ud, (double)(j + 1) / nu))
            return 1;
    }
    return 0;
}

/* Fills the per-sample terms of column u0 (see struct lk_column): z's
 * (zu, zb) always, its derivatives only when k->hess. */
static void column_terms(const struct ln_problem *p, double u0,
                         struct lk_column *k, double *buf)
{
    double *zu = buf, *zb = buf + p->n, *gp = buf + 2 * p->n;
    double *gq = buf + 3 * p->n, *gr = buf + 4 * p->n;
    double *ss = buf + 5 * p->n, *st = buf + 6 * p->n;

    k->zu = zu;
    k->zb = zb;
    if (p->model == LN_NET) {           /* h = σ(a), a = w1·x + b1 */
        for (int n = 0; n < p->n; n++) {
            gp[n] = u0 * p->x[n] + p->b1;
            ss[n] = -gp[n];
        }
        nc_vsigmoid_array(gp, zu, (size_t)p->n);        /* σ(a) */
        if (!k->hess) {
            for (int n = 0; n < p->n; n++)
                zb[n] = p->b2;
            return;
        }
        nc_vsigmoid_array(ss, gr, (size_t)p->n);        /* 1 − σ(a) */
    }
    for (int n = 0; n < p->n; n++) {
        double x = p->x[n];

        if (p->model == LN_NET) {
            double h = zu[n], hc = gr[n], hp = h * hc;

            zb[n] = p->b2;              /* z = w2·h + b2 */
            gp[n] = hp * x;             /* ∂z/∂w1 = w2·σ'(a)·x */
            gq[n] = 0;
            gr[n] = h;                  /* ∂z/∂w2 */
            ss[n] = hp * (hc - h) * x * x;
            st[n] = hp * x;
        } else {
            zu[n] = 1;                  /* z = b + w·x */
            zb[n] = u0 * x;
            gp[n] = 0;
            gq[n] = x;                  /* ∂z/∂w */
            gr[n] = 1;                  /* ∂z/∂b */
            ss[n] = st[n] = 0;
        }
    }
    k->gp = gp;
    k->gq = gq;
    k->gr = gr;
    k->ss = ss;
    k->st = st;
}

/* A landscape split across threads by groups of LP_GROUP adjacent
 * columns: each thread takes the next group as it finishes one
 * (nc_item), each column whole, so the bits do not depend on the
 * threads.  A group's results are gathered and
 * written row by row, LP_GROUP neighbours at a time, not a column at a
 * time across every row. */
#define LP_GROUP 8
struct land_par {
    const struct ln_problem *p;
    const double *u, *v;
    int nu, nv, nvp, off, want_eig;   /* row i of v is kernel row off + i */
    const struct ln_landscape *out;
    void (*kernel)(const struct lk_column *);
    ln_progress_fn progress;    /* called by thread 0 only */
    void *ud;
    struct nc_items groups;     /* groups of LP_GROUP columns */
    atomic_int done, stop, nomem;
};

/* Copies w columns of a group (rows of LP_GROUP in g) to out at column
 * j0, when out is not NULL; returns nothing. */
static void land_store(double *out, const double *g, int nv, int nu,
                       int j0, int w)
{
    if (!out)
        return;
    for (int i = 0; i < nv; i++) {
        double *o = out + (size_t)i * nu + j0;
        const double *s = g + (size_t)i * LP_GROUP;

        if (w == LP_GROUP)      /* a whole group: one short fixed copy */
            for (int c = 0; c < LP_GROUP; c++)
                o[c] = s[c];
        else
            memcpy(o, s, sizeof *g * (size_t)w);
    }
}

/* Computes the groups of columns of the landscape that thread t takes
 * (nc_item); returns nothing. */
static void land_piece(void *arg, int t, int nt)
{
    struct land_par *L = arg;
    const struct ln_problem *p = L->p;
    int nvp = L->nvp, nu = L->nu, nv = L->nv;
    struct lk_column k = { .nvp = nvp, .n = p->n, .y = p->y,
                           .loss = p->loss, .hess = L->want_eig,
                           .finish = 1 };
    size_t gsz = (size_t)nv * LP_GROUP;
    double *mem = malloc(sizeof *mem * ((size_t)nvp * 8 + (size_t)p->n * 7
                                        + 3 * gsz));
    double *alpha, *gl, *glo, *ghi;

    if (!mem) {
        atomic_store(&L->nomem, 1);
        atomic_store(&L->stop, 1);
        return;
    }
    k.dalpha = (L->v[nv - 1] - L->v[0]) / (nv - 1);
    alpha = mem;
    for (int a = 0; a < 7; a++)
        k.acc[a] = mem + (size_t)nvp * (size_t)(a + 1);
    gl = mem + (size_t)nvp * 8 + (size_t)p->n * 7;
    glo = gl + gsz;
    ghi = glo + gsz;
    for (int i = 0; i < L->off; i++)    /* rows before: continue the grid */
        alpha[i] = L->v[0] - (L->off - i) * k.dalpha;
    for (int i = L->off; i < nvp; i++)  /* pad with the last row */
        alpha[i] = L->v[i - L->off < nv ? i - L->off : nv - 1];
    k.alpha = alpha;
    (void)nt;
    for (int g; !atomic_load(&L->stop) && (g = nc_item(&L->groups)) >= 0;) {
        int j0 = g * LP_GROUP, w = nu - j0 < LP_GROUP ? nu - j0 : LP_GROUP, d;

        for (int jj = 0; jj < w; jj++) {
            column_terms(p, L->u[j0 + jj], &k, mem + (size_t)nvp * 8);
            L->kernel(&k);              /* means and eigenvalues */
            for (int i = 0, r = L->off; i < nv; i++, r++) {
                gl[i * LP_GROUP + jj] = k.acc[0][r];
                if (L->want_eig) {
                    glo[i * LP_GROUP + jj] = k.acc[1][r];
                    ghi[i * LP_GROUP + jj] = k.acc[2][r];
                }
            }
        }
        land_store(L->out->loss, gl, nv, nu, j0, w);
        land_store(L->out->eig_lo, glo, nv, nu, j0, w);
        land_store(L->out->eig_hi, ghi, nv, nu, j0, w);
        d = atomic_fetch_add(&L->done, w) + w;
        if (t == 0 && L->progress && L->progress(L->ud, (double)d / nu))
            atomic_store(&L->stop, 1);
    }
    free(mem);
}

int ln_landscape(const struct ln_problem *p, const double *u, int nu,
                 const double *v, int nv, const struct ln_landscape *out,
                 ln_progress_fn progress, void *ud)
{
    int want_eig = out->eig_lo || out->eig_hi, nt = nc_threads(), groups;
    struct ln_problem sorted = *p;
    double *xs;
    struct land_par L = { .p = p, .u = u, .v = v, .nu = nu, .nv = nv,
                          .want_eig = want_eig,
                          .out = out, .progress = progress, .ud = ud };
    const char *name;

    if (out->full && p->model == LN_NET && want_eig)
        return landscape_full(p, u, nu, v, nv, out, progress, ud);
    if (nv < 2 || nv > LK_MAXROWS)
        return -1;
    /* A row at exactly 0 starts a block of the kernel, where e^-z is an
     * exp of its own, not a product: along that row z = zb whatever u is,
     * and the loss comes out exactly the same in every column. */
    for (int i = 0; i < nv; i++)
        if (v[i] == 0 && (LK_BLOCK - i % LK_BLOCK) % LK_BLOCK + nv
                         <= LK_MAXROWS) {
            L.off = (LK_BLOCK - i % LK_BLOCK) % LK_BLOCK;
            break;
        }
    L.nvp = (L.off + nv + LK_BLOCK - 1) / LK_BLOCK * LK_BLOCK;
    L.kernel = lk_pick(&name);
    /* The kernel runs labels 0 and 1 in loops of their own, a run of one
     * class at a time (loss_kern.h's lk_fast): the samples go to it
     * sorted so, y = 0 first, then y = 1, then any other y, each in
     * their order.  The loss is a sum over samples; only its rounding
     * can tell. */
    if (!(xs = malloc(sizeof *xs * 2 * (size_t)p->n)))
        return -1;
    sorted.x = xs;
    sorted.y = xs + p->n;
    for (int cls = LK_Y0, m = 0; cls <= LK_YANY; cls++)
        for (int n = 0; n < p->n; n++)
            if (lk_class(p->y[n]) == cls) {
                xs[m] = p->x[n];
                xs[p->n + m++] = p->y[n];
            }
    L.p = &sorted;
    atomic_init(&L.done, 0);
    atomic_init(&L.stop, 0);
    atomic_init(&L.nomem, 0);
    /* Threads only when each gets a few columns of real work. */
    if ((double)nu * nv * p->n < 2e5)
        nt = 1;
    groups = (nu + LP_GROUP - 1) / LP_GROUP;
    nc_items_init(&L.groups, groups);
    nc_parallel(nt < groups ? nt : groups, land_piece, &L);
    free(xs);
    if (atomic_load(&L.nomem))
        return -1;
    return atomic_load(&L.stop) ? 1 : 0;
}

long ln_midpoint_search(const double *loss, int nv, int nu, int radius,
                        struct ln_pair *best)
{
    int step = radius > 12 ? radius / 12 : 1;
    long tried = 0;

    best->gap = -INFINITY;
    best->ia = best->ja = best->ib = best->jb = 0;
    for (int di = 0; di <= radius; di += step)
        for (int dj = -radius; dj <= radius; dj += step) {
            if (di == 0 && dj <= 0)     /* each direction once */
                continue;
            for (int i = di; i < nv - di; i++) {
                int j0 = dj < 0 ? -dj : dj;

                for (int j = j0; j < nu - j0; j++) {
                    double a = loss[(i - di) * nu + (j - dj)];
                    double b = loss[(i + di) * nu + (j + dj)];
                    double g = loss[i * nu + j] - (a / 2 + b / 2);

                    tried++;
                    if (g > best->gap) {
                        best->gap = g;
                        best->ia = i - di;
                        best->ja = j - dj;
                        best->ib = i + di;
                        best->jb = j + dj;
                    }
                }
            }
        }
    return tried;
}
