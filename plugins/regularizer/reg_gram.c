/* SPDX-License-Identifier: MIT */
/* The Gram form of least squares: H = Xc^T Xc, q = Xc^T yc, eagerly in
 * blocks of rows or lazily one column at a time, with the same bits. */
#define _DEFAULT_SOURCE              /* madvise, MADV_HUGEPAGE */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <nntutor/mm.h>
#include "reg_math.h"

void *reg_alloc_big(size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    enum { HUGE = 2 << 20 };
    void *ptr = NULL;

    if (bytes >= HUGE / 4) {                /* whole huge pages */
        size_t size = (bytes + HUGE - 1) & ~((size_t)HUGE - 1);

        if (posix_memalign(&ptr, HUGE, size) != 0)
            return NULL;
        madvise(ptr, size, MADV_HUGEPAGE);
        return ptr;                         /* a refusal costs only speed */
    }
#endif
    return malloc(bytes > 0 ? bytes : 1);
}

/* Kept out of line: inlined into a loop nest, gcc -O2 loses the restrict
 * promises and leaves the loop scalar. */
#if defined(__GNUC__)
#define REG_NOINLINE __attribute__((noinline))
#else
#define REG_NOINLINE
#endif

/* Adds a x to y in plain C; an even trip count lets gcc -O2 use SSE2. */
REG_NOINLINE static void axpy_c(int n, double a, const double *restrict x,
                                double *restrict y)
{
    int m = n & ~1, k;

    for (k = 0; k < m; k++)
        y[k] += a * x[k];
    for (; k < n; k++)
        y[k] += a * x[k];
}

#if defined(__GNUC__) && defined(__x86_64__)
#define REG_X86 1
/* Four and eight doubles side by side, used only when the CPU has AVX or
 * AVX-512 (checked at run time); without FMA, every lane does one IEEE
 * product and one IEEE sum, so the bits match the plain code. */
typedef double reg_v4d __attribute__((vector_size(32)));
typedef double reg_v8d __attribute__((vector_size(64)));

/* axpy_c with AVX-512; returns nothing. */
__attribute__((target("avx512f")))
static void axpy_avx512(int n, double a, const double *restrict x,
                        double *restrict y)
{
    reg_v8d av = { a, a, a, a, a, a, a, a };
    int k = 0;

    for (; k + 16 <= n; k += 16) {
        reg_v8d x0, x1, y0, y1;

        memcpy(&x0, x + k, 64);
        memcpy(&x1, x + k + 8, 64);
        memcpy(&y0, y + k, 64);
        memcpy(&y1, y + k + 8, 64);
        y0 += av * x0;
        y1 += av * x1;
        memcpy(y + k, &y0, 64);
        memcpy(y + k + 8, &y1, 64);
    }
    for (; k < n; k++)
        y[k] += a * x[k];
}

/* axpy_c with AVX; returns nothing. */
__attribute__((target("avx")))
static void axpy_avx(int n, double a, const double *restrict x,
                     double *restrict y)
{
    reg_v4d av = { a, a, a, a };
    int k = 0;

    for (; k + 8 <= n; k += 8) {
        reg_v4d x0, x1, y0, y1;

        memcpy(&x0, x + k, 32);
        memcpy(&x1, x + k + 4, 32);
        memcpy(&y0, y + k, 32);
        memcpy(&y1, y + k + 4, 32);
        y0 += av * x0;
        y1 += av * x1;
        memcpy(y + k, &y0, 32);
        memcpy(y + k + 4, &y1, 32);
    }
    for (; k < n; k++)
        y[k] += a * x[k];
}
#endif

reg_axpy_fn *reg_axpy_for(int n)
{
#if defined(REG_X86)
    if (n >= 16) {
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f"))
            return axpy_avx512;
        if (__builtin_cpu_supports("avx"))
            return axpy_avx;
    }
#endif
    return axpy_c;
}

void reg_axpy(int n, double a, const double *restrict x, double *restrict y)
{
#if defined(REG_X86)
    if (n >= 16) {
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f")) {
            axpy_avx512(n, a, x, y);
            return;
        }
        if (__builtin_cpu_supports("avx")) {
            axpy_avx(n, a, x, y);
            return;
        }
    }
#endif
    axpy_c(n, a, x, y);
}

/* Adds (row - mean) * s to acc (n entries); returns nothing. */
REG_NOINLINE static void axpy_centred_c(int n, double s,
                                        const double *restrict row,
                                        const double *restrict mean,
                                        double *restrict acc)
{
    int m = n & ~1, k;

    for (k = 0; k < m; k++)
        acc[k] += (row[k] - mean[k]) * s;
    for (; k < n; k++)
        acc[k] += (row[k] - mean[k]) * s;
}

#if defined(REG_X86)
/* axpy_centred_c with AVX-512 (the same bits); returns nothing. */
__attribute__((target("avx512f")))
static void axpy_centred_avx512(int n, double s, const double *restrict row,
                                const double *restrict mean,
                                double *restrict acc)
{
    reg_v8d sv = { s, s, s, s, s, s, s, s };
    int k = 0;

    for (; k + 8 <= n; k += 8) {
        reg_v8d r, m, a;

        memcpy(&r, row + k, 64);
        memcpy(&m, mean + k, 64);
        memcpy(&a, acc + k, 64);
        a += (r - m) * sv;
        memcpy(acc + k, &a, 64);
    }
    for (; k < n; k++)
        acc[k] += (row[k] - mean[k]) * s;
}

/* axpy_centred_c with AVX (the same bits); returns nothing. */
__attribute__((target("avx")))
static void axpy_centred_avx(int n, double s, const double *restrict row,
                             const double *restrict mean,
                             double *restrict acc)
{
    reg_v4d sv = { s, s, s, s };
    int k = 0;

    for (; k + 4 <= n; k += 4) {
        reg_v4d r, m, a;

        memcpy(&r, row + k, 32);
        memcpy(&m, mean + k, 32);
        memcpy(&a, acc + k, 32);
        a += (r - m) * sv;
        memcpy(acc + k, &a, 32);
    }
    for (; k < n; k++)
        acc[k] += (row[k] - mean[k]) * s;
}
#endif

/* Adds (row - mean) * s to acc (n entries) with the widest vectors the
 * CPU has; returns nothing. */
static void axpy_centred(int n, double s, const double *restrict row,
                         const double *restrict mean, double *restrict acc)
{
#if defined(REG_X86)
    if (n >= 16) {
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f")) {
            axpy_centred_avx512(n, s, row, mean, acc);
            return;
        }
        if (__builtin_cpu_supports("avx")) {
            axpy_centred_avx(n, s, row, mean, acc);
            return;
        }
    }
#endif
    axpy_centred_c(n, s, row, mean, acc);
}

/* ---- the eager Gram product, blocked for cache and registers -------- */

/* Xc is packed in panels of GW columns (row i of a panel: GW doubles,
 * padded with zeros); a tile of H (MR rows j, NR columns k) sums
 * xc[i][j] xc[i][k] over the rows i in order, KC rows at a time, the
 * running sums kept in H between blocks: every entry is the same
 * sequence of IEEE products and sums as one rank-1 update per row, which
 * the lazy columns (reg_gram_col) also do. */
enum { GW = 16, KC = 256 };

/* The 4 x 8 micro-kernel in plain C, for a compiler that builds none of
 * <nntutor/mm.h>'s (the same products and sums per entry); returns
 * nothing. */
static void gram_kern_c(int kc, const double *restrict a, ptrdiff_t lda,
                        const double *restrict b, ptrdiff_t ldb,
                        double *restrict c, ptrdiff_t ldc, int zero)
{
    double x[4][8];

    for (int r = 0; r < 4; r++)
        for (int k = 0; k < 8; k++)
            x[r][k] = zero ? 0.0 : c[r * ldc + k];
    for (int t = 0; t < kc; t++, a += lda, b += ldb)
        for (int r = 0; r < 4; r++) {
            double ar = a[r];

            for (int k = 0; k < 8; k++)
                x[r][k] += ar * b[k];
        }
    for (int r = 0; r < 4; r++)
        for (int k = 0; k < 8; k++)
            c[r * ldc + k] = x[r][k];
}

/* Puts xc = src - mu into dst and adds xc yc to q, 16 entries (one full
 * panel row); returns nothing. */
static void pack16_c(double *restrict dst, double *restrict q,
                     const double *restrict src, const double *restrict mu,
                     double yc)
{
    for (int c = 0; c < GW; c++) {
        dst[c] = src[c] - mu[c];
        q[c] += dst[c] * yc;                /* (x_ij - mean_j) yc */
    }
}

#if defined(REG_X86)
/* pack16_c with AVX-512 (the same bits); returns nothing. */
__attribute__((target("avx512f")))
static void pack16_avx512(double *restrict dst, double *restrict q,
                          const double *restrict src,
                          const double *restrict mu, double yc)
{
    reg_v8d y = { yc, yc, yc, yc, yc, yc, yc, yc };

    for (int c = 0; c < GW; c += 8) {
        reg_v8d a, m, qq;

        memcpy(&a, src + c, 64);
        memcpy(&m, mu + c, 64);
        memcpy(&qq, q + c, 64);
        a -= m;
        qq += a * y;
        memcpy(dst + c, &a, 64);
        memcpy(q + c, &qq, 64);
    }
}

/* pack16_c with AVX (the same bits); returns nothing. */
__attribute__((target("avx")))
static void pack16_avx(double *restrict dst, double *restrict q,
                       const double *restrict src, const double *restrict mu,
                       double yc)
{
    reg_v4d y = { yc, yc, yc, yc };

    for (int c = 0; c < GW; c += 4) {
        reg_v4d a, m, qq;

        memcpy(&a, src + c, 32);
        memcpy(&m, mu + c, 32);
        memcpy(&qq, q + c, 32);
        a -= m;
        qq += a * y;
        memcpy(dst + c, &a, 32);
        memcpy(q + c, &qq, 32);
    }
}
#endif

/* Adds to the upper triangle of H (p x p, and some entries below it, with
 * the same values) the products of the kc packed rows at Pk; returns
 * nothing. */
static void gram_block(int n, int p, int kc, const double *Pk, double *H,
                       int first)
{
    struct mm_micro k = mm_micro_pick(p < GW ? p : GW);

    if (!k.fn)
        k = (struct mm_micro){ gram_kern_c, 4, 8 };
    for (int k0 = 0; k0 < p; k0 += k.nr) {
        const double *b = Pk + (size_t)(k0 / GW) * n * GW + k0 % GW;
        int mk = p - k0 < k.nr ? p - k0 : k.nr;

        for (int j0 = 0; j0 < p && j0 < k0 + k.nr; j0 += k.mr) {
            const double *a = Pk + (size_t)(j0 / GW) * n * GW + j0 % GW;
            int mj = p - j0 < k.mr ? p - j0 : k.mr;

            /* first: H is written before it is read */
            mm_micro_tile(&k, kc, a, GW, b, GW, H + (size_t)j0 * p + k0, p,
                          mj, mk, first);
        }
    }
}

int reg_gram_init(struct reg_gram *g, const double *X, const double *y,
                  int n, int p, int intercept)
{
    size_t pp = (size_t)p * (size_t)p;
    int npan = (p + GW - 1) / GW;
    double *Pk;
    void (*pack)(double *restrict, double *restrict, const double *restrict,
                 const double *restrict, double) = pack16_c;

#if defined(REG_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        pack = pack16_avx512;
    else if (__builtin_cpu_supports("avx"))
        pack = pack16_avx;
#endif

    memset(g, 0, sizeof *g);
    g->n = n;
    g->p = p;
    g->H = reg_alloc_big(pp * sizeof *g->H);     /* all written */
    if (g->H && n == 0)
        memset(g->H, 0, pp * sizeof *g->H);
    g->q = calloc((size_t)(p > 0 ? p : 1), sizeof *g->q);
    g->xmean = calloc((size_t)(p > 0 ? p : 1), sizeof *g->xmean);
    Pk = reg_alloc_big((size_t)(npan > 0 ? npan : 1) * KC * GW * sizeof *Pk);
    if (!g->H || !g->q || !g->xmean || !Pk) {
        free(Pk);
        reg_gram_free(g);
        return REG_ENOMEM;
    }
    if (intercept) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                g->xmean[j] += X[(size_t)i * p + j];
            g->ymean += y[i];
        }
        for (int j = 0; j < p; j++)
            g->xmean[j] /= (double)n;
        g->ymean /= (double)n;
    }
    for (int i0 = 0; i0 < n; i0 += KC) {    /* H += Xc^T Xc, KC rows at a
                                               time, packed in panels; q
                                               and yy on the way */
        int kc = n - i0 < KC ? n - i0 : KC;

        for (int i = 0; i < kc; i++) {
            const double *row = X + (size_t)(i0 + i) * p;
            double yc = y[i0 + i] - g->ymean;

            for (int b = 0; b < npan; b++) {
                double *restrict dst = Pk + (size_t)b * kc * GW
                                       + (size_t)i * GW;
                double *restrict qb = g->q + b * GW;
                const double *src = row + b * GW, *mu = g->xmean + b * GW;
                int w = p - b * GW < GW ? p - b * GW : GW;

                if (w == GW) {
                    pack(dst, qb, src, mu, yc);
                    continue;
                }
                for (int c = 0; c < w; c++) {
                    dst[c] = src[c] - mu[c];
                    qb[c] += dst[c] * yc;   /* (x_ij - mean_j) yc */
                }
                for (int c = w; c < GW; c++)        /* the padding */
                    dst[c] = 0.0;
            }
            g->yy += yc * yc;
        }
        gram_block(kc, p, kc, Pk, g->H, i0 == 0);
    }
    for (int j0 = 0; j0 < p; j0 += 32)      /* mirror the upper triangle */
        for (int k0 = 0; k0 <= j0; k0 += 32)
            for (int j = j0; j < p && j < j0 + 32; j++)
                for (int k = k0; k < j && k < k0 + 32; k++)
                    g->H[(size_t)j * p + k] = g->H[(size_t)k * p + j];
    free(Pk);
    return REG_OK;
}

int reg_gram_lazy_pays(int n, int p)
{
    /* in ns, at rates measured on an AVX-512 machine (their ratios are
     * what count): the eager product does n p^2 / 2 multiply-adds at about
     * 20 per ns and writes p^2 entries at about 5 ns each (first touch,
     * mirror); a lazy column does n p at about 3.5 per ns, and a path fills
     * about min(p, 2n) of them (the strong sets: the lasso keeps at most n
     * weights nonzero, its strong sets a few more) */
    double eager = (double)n * p * p / 2.0 / 20.0 + 5.0 * p * p;
    double cols = p < 2.0 * n ? p : 2.0 * n;

    return cols * n * p / 3.5 < eager;
}

int reg_gram_init_lazy(struct reg_gram *g, const double *X, const double *y,
                       int n, int p, int intercept)
{
    size_t pp = (size_t)p * (size_t)p;
    double *diag, *xc;

    memset(g, 0, sizeof *g);
    g->n = n;
    g->p = p;
    g->X = X;
    g->H = reg_alloc_big(pp * sizeof *g->H);
    g->have = calloc((size_t)(p > 0 ? p : 1), 1);
    g->q = calloc((size_t)(p > 0 ? p : 1), sizeof *g->q);
    g->xmean = calloc((size_t)(p > 0 ? p : 1), sizeof *g->xmean);
    diag = calloc((size_t)(p > 0 ? p : 1), sizeof *diag);
    xc = malloc((size_t)(p > 0 ? p : 1) * sizeof *xc);
    if (!g->H || !g->have || !g->q || !g->xmean || !diag || !xc) {
        free(diag);
        free(xc);
        reg_gram_free(g);
        return REG_ENOMEM;
    }
    if (intercept) {                        /* as reg_gram_init, same order */
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                g->xmean[j] += X[(size_t)i * p + j];
            g->ymean += y[i];
        }
        for (int j = 0; j < p; j++)
            g->xmean[j] /= (double)n;
        g->ymean /= (double)n;
    }
    for (int i = 0; i < n; i++) {           /* q, yy and diag(H) only */
        const double *row = X + (size_t)i * p;
        double yc = y[i] - g->ymean;

        for (int j = 0; j < p; j++)
            xc[j] = row[j] - g->xmean[j];
        for (int j = 0; j < p; j++) {
            diag[j] += xc[j] * xc[j];
            g->q[j] += xc[j] * yc;
        }
        g->yy += yc * yc;
    }
    for (int j = 0; j < p; j++)
        g->H[(size_t)j * p + j] = diag[j];
    free(diag);
    free(xc);
    return REG_OK;
}

const double *reg_gram_col(const struct reg_gram *g, int k)
{
    int n = g->n, p = g->p;
    double *col = g->H + (size_t)k * p;

    if (!g->have || g->have[k])
        return col;
    for (int j = 0; j < p; j++)
        col[j] = 0.0;
    for (int i = 0; i < n; i++) {           /* sum over i in order, as the
                                               eager rank-1 updates do */
        const double *row = g->X + (size_t)i * p;

        axpy_centred(p, row[k] - g->xmean[k], row, g->xmean, col);
    }
    g->have[k] = 1;
    return col;
}

void reg_gram_fill(const struct reg_gram *g)
{
    for (int k = 0; g->have && k < g->p; k++)
        reg_gram_col(g, k);
}

void reg_gram_free(struct reg_gram *g)
{
    free(g->H);
    free(g->q);
    free(g->xmean);
    free(g->have);
    g->H = g->q = g->xmean = NULL;
    g->have = NULL;
}

void reg_gram_apply(const struct reg_gram *g, const double *w, double *Hw)
{
    int p = g->p;

    for (int j = 0; j < p; j++)
        Hw[j] = 0.0;
    for (int k = 0; k < p; k++) {           /* column by column: skip zeros */
        double wk = w[k];

        if (wk == 0.0)
            continue;
        reg_axpy(p, wk, reg_gram_col(g, k), Hw);   /* Hk[j] wk = wk Hk[j] */
    }
}

