/* SPDX-License-Identifier: MIT */
/* Tests the loss plugin: every derivative against finite differences, the
 * identities the lessons state, the landscape kernel against plain C. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <nntutor/plugin.h>

#include <nntutor/common.h>
#include "loss_math.h"
#include "loss_net.h"
#include "loss_run.h"
#include "loss_vec.h"
#include <nntutor/vexp.h>

/* ---- a host that keeps results, for calling run callbacks ------------ */

struct result {
    char name[32];
    double num, *arr;
    size_t rows, cols;
    char str[64];
};

struct nnt_call {
    struct result res[64];
    int n;
    uint64_t s[3][4];           /* xoshiro256** per stream */
    int cancel_after;           /* progress calls before "cancel", or -1 */
    char err[256];
};

/* Returns the result slot for name (a new one or the old one cleared). */
static struct result *slot(struct nnt_call *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->res[i].name, name) == 0) {
            free(c->res[i].arr);
            memset(&c->res[i], 0, sizeof c->res[i]);
            snprintf(c->res[i].name, sizeof c->res[i].name, "%s", name);
            return &c->res[i];
        }
    assert_true(c->n < 64);
    snprintf(c->res[c->n].name, sizeof c->res[0].name, "%s", name);
    return &c->res[c->n++];
}

static void put_number(struct nnt_call *c, const char *name, double v)
{
    slot(c, name)->num = v;
}

static void put_string(struct nnt_call *c, const char *name, const char *s)
{
    snprintf(slot(c, name)->str, 64, "%s", s);
}

static double *put_array(struct nnt_call *c, const char *name, size_t rows,
                         size_t cols)
{
    struct result *r = slot(c, name);

    r->rows = rows;
    r->cols = cols;
    r->arr = calloc(rows * (cols ? cols : 1), sizeof *r->arr);
    return r->arr;
}

static int progress(struct nnt_call *c, double f)
{
    (void)f;
    return c->cancel_after >= 0 && c->cancel_after-- == 0;
}

static int host_fail(struct nnt_call *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* Returns the next 64 bits of stream s (xoshiro256**). */
static uint64_t rng_u64(struct nnt_call *c, enum nnt_stream st)
{
    uint64_t *s = c->s[st], r = s[1] * 5, t = s[1] << 17;

    r = ((r << 7) | (r >> 57)) * 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return r;
}

static double rng_uniform(struct nnt_call *c, enum nnt_stream s)
{
    return (double)(rng_u64(c, s) >> 11) * 0x1p-53;
}

static double rng_normal(struct nnt_call *c, enum nnt_stream s)
{
    double u = rng_uniform(c, s), v = rng_uniform(c, s);

    return sqrt(-2 * log(1 - u)) * cos(6.283185307179586 * v);
}

static const struct nnt_host host = {
    .abi = NNT_ABI_VERSION, .size = sizeof(struct nnt_host),
    .put_number = put_number, .put_string = put_string,
    .put_array = put_array, .progress = progress, .fail = host_fail,
    .rng_u64 = rng_u64, .rng_uniform = rng_uniform, .rng_normal = rng_normal,
};

/* Returns a fresh call seeded with seed. */
static struct nnt_call *call_new(uint64_t seed)
{
    struct nnt_call *c = calloc(1, sizeof *c);

    for (int st = 0; st < 3; st++)
        for (int i = 0; i < 4; i++) {
            uint64_t z = (seed += 0x9e3779b97f4a7c15);  /* splitmix64 */
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
            z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
            c->s[st][i] = z ^ (z >> 31);
        }
    c->cancel_after = -1;
    return c;
}

static void call_free(struct nnt_call *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->res[i].arr);
    free(c);
}

/* Returns the result called name (the test fails if there is none). */
static struct result *get(struct nnt_call *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->res[i].name, name) == 0)
            return &c->res[i];
    fail_msg("no result '%s'", name);
    return NULL;
}

/* Fills v with the defaults of params (n of them). */
static void defaults(const struct nnt_param *p, int n, struct nnt_value *v)
{
    memset(v, 0, sizeof *v * (size_t)n);
    for (int i = 0; i < n; i++) {
        v[i].num = p[i].def;
        v[i].integer = (long long)p[i].def;
        v[i].choice = (int)p[i].def;
        v[i].boolean = p[i].def != 0;
    }
}

/* Sets parameter name of params to x (number, integer, choice index or
 * bool, by its type). */
static void set(const struct nnt_param *p, int n, struct nnt_value *v,
                const char *name, double x)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0) {
            v[i].num = x;
            v[i].integer = (long long)x;
            v[i].choice = (int)x;
            v[i].boolean = x != 0;
            v[i].given = 1;
            return;
        }
    fail_msg("no parameter '%s'", name);
}

/* Sets array parameter name to the len values at data. */
static void set_array(const struct nnt_param *p, int n, struct nnt_value *v,
                      const char *name, const double *data, size_t rows,
                      size_t cols)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0) {
            v[i].array.data = data;
            v[i].array.rows = cols ? rows : 1;
            v[i].array.cols = cols ? cols : rows;
            v[i].array.len = rows * (cols ? cols : 1);
            v[i].array.dims = cols ? 2 : 1;
            v[i].given = 1;
            return;
        }
    fail_msg("no parameter '%s'", name);
}

#define ARGS(fn) loss_##fn##_params, NNT_COUNT(loss_##fn##_params)

/* Asserts |a − b| <= tol·max(1, |b|), naming what is compared. */
static void near(const char *what, double a, double b, double tol)
{
    if (!(fabs(a - b) <= tol * fmax(1, fabs(b))))
        fail_msg("%s: %.17g vs %.17g (tol %g)", what, a, b, tol);
}

/* ---- the vector exp and log1p ---------------------------------------- */

/* Returns |a − b| in units in the last place of b. */
static double ulps(double a, double b)
{
    if (a == b)
        return 0;
    return fabs(a - b) / (nextafter(fabs(b), INFINITY) - fabs(b));
}

static void vec_exp_log_within_one_ulp(void **state)
{
    double worst = 0;

    (void)state;
    for (int i = 0; i <= 400000; i++) {     /* the kernel's exp: vexp's */
        double x = -708.39 * i / 400000, e = exp(x);
        lv_d v = nc_vx_exp(lv_splat(x), NULL);

        worst = fmax(worst, ulps(v[0], e));
        assert_true(v[0] == nc_vexp(x));
        x = -1e-6 * i / 400000;
        v = nc_vx_exp(lv_splat(x), NULL);
        worst = fmax(worst, ulps(v[0], exp(x)));
    }
    assert_true(worst <= 1);
    worst = 0;
    for (int i = 0; i <= 400000; i++) {
        double e = (double)i / 400000;

        worst = fmax(worst, ulps(lv_log1p1(e), log1p(e)));
        worst = fmax(worst, ulps(lv_log1p1(e * 1e-12), log1p(e * 1e-12)));
    }
    assert_true(worst <= 1);
    for (int i = 0; i < 1000; i++) {
        double x = exp(i * 0.7);
        lv_d v = lv_log_ge1(lv_splat(x));

        assert_true(ulps(v[0], log(x)) <= 2);
    }
}

/* ---- losses in z and their derivatives ------------------------------- */

static void loss_z_derivatives_match_differences(void **state)
{
    const double zs[] = { -30, -6, -1.3, -0.2, 0, 0.4, 2.5, 7, 25 };
    const double ys[] = { 0, 1, 0.3 };

    (void)state;
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < sizeof zs / sizeof zs[0]; i++)
            for (size_t j = 0; j < 3; j++) {
                double z = zs[i], y = ys[j], h = 1e-5, d1, d2, a, b, u;

                ln_loss_z(l, z, y, &d1, &d2);
                a = ln_loss_z(l, z + h, y, &u, &u);
                b = ln_loss_z(l, z - h, y, &u, &u);
                near("dl/dz", d1, (a - b) / (2 * h), 1e-8);
                ln_loss_z(l, z + h, y, &a, &u);
                ln_loss_z(l, z - h, y, &b, &u);
                near("d2l/dz2", d2, (a - b) / (2 * h), 1e-8);
            }
}

static void pointwise_losses_match_differences(void **state)
{
    const enum lm_loss ks[] = { LM_MSE, LM_MAE, LM_BCE, LM_BCE_LOGITS,
                                LM_GAUSS_NLL, LM_BERNOULLI_NLL };
    const double ps[] = { 0.07, 0.3, 0.55, 0.93 }, ys[] = { 0, 1, 0.25 };

    (void)state;
    for (size_t a = 0; a < sizeof ks / sizeof ks[0]; a++)
        for (size_t i = 0; i < 4; i++)
            for (size_t j = 0; j < 3; j++) {
                enum lm_loss k = ks[a];
                double p = ps[i] * (k == LM_BCE_LOGITS ? 9 : 1) - (k ==
                           LM_BCE_LOGITS ? 4 : 0), y = ys[j], h = 1e-6;
                double d1, d2, e1, e2, u;

                if (k == LM_BERNOULLI_NLL && y != 0 && y != 1)
                    continue;
                lm_point(k, p, y, 0.7, &d1, &d2);
                near("dl/dp", d1, (lm_point(k, p + h, y, 0.7, NULL, NULL)
                                   - lm_point(k, p - h, y, 0.7, NULL, NULL))
                                  / (2 * h), 1e-7);
                lm_point(k, p + h, y, 0.7, &e1, &u);
                lm_point(k, p - h, y, 0.7, &e2, &u);
                near("d2l/dp2", d2, (e1 - e2) / (2 * h), 1e-6);
            }
}

static void row_losses_match_differences(void **state)
{
    double z[4] = { 0.3, -1.2, 2.0, 0.1 }, p[4] = { 0.1, 0.2, 0.3, 0.4 };
    double g[4], zz[4], d2, c2, h = 1e-6;

    (void)state;
    for (int c = 0; c < 4; c++) {
        lm_row(LM_SOFTMAX_CE, z, 4, c, g, &d2);
        for (int j = 0; j < 4; j++) {
            double a, b, ga[4], gb[4];

            memcpy(zz, z, sizeof z);
            zz[j] += h;
            a = lm_row(LM_SOFTMAX_CE, zz, 4, c, ga, NULL);
            zz[j] -= 2 * h;
            b = lm_row(LM_SOFTMAX_CE, zz, 4, c, gb, NULL);
            near("softmax grad", g[j], (a - b) / (2 * h), 1e-8);
            if (j == c)
                near("softmax d2", d2, (ga[c] - gb[c]) / (2 * h), 1e-7);
            memcpy(zz, p, sizeof p);
            zz[j] += h;
            a = lm_row(LM_CATEGORICAL_NLL, zz, 4, c, NULL, NULL);
            zz[j] -= 2 * h;
            b = lm_row(LM_CATEGORICAL_NLL, zz, 4, c, NULL, NULL);
            lm_row(LM_CATEGORICAL_NLL, p, 4, c, ga, &c2);
            near("categorical grad", ga[j], (a - b) / (2 * h), 1e-7);
        }
        near("categorical d2", c2, 1 / (p[c] * p[c]), 1e-12);
    }
}

/* ---- the 1-1-1 net and the unit: gradient and Hessian ---------------- */

static const double X[] = { -2.1, -0.4, 0.3, 1.7, 2.6, -1.1, 0.9, 3.5 };
static const double Y[] = { 0, 0, 1, 1, 1, 0, 0.25, 1 };

static void net_gradient_and_hessian_match_differences(void **state)
{
    const double thetas[][4] = { { 1.5, -0.3, 2.0, 0.4 },
                                 { -3.0, 1.0, -4.0, 2.0 },
                                 { 0.2, 0.1, 6.0, -3.0 } };

    (void)state;
    for (int m = 0; m < 2; m++)
        for (int l = 0; l < 2; l++)
            for (int t = 0; t < 3; t++) {
                struct ln_problem p = { .model = m, .loss = l, .x = X,
                                        .y = Y, .n = 8 };
                int np = ln_nparams(p.model);
                double th[4], g[4], H[16], h = 1e-5;

                memcpy(th, thetas[t], sizeof th);
                ln_eval(&p, th, g, H);
                for (int a = 0; a < np; a++) {
                    double up[4], dn[4], gu[4], gd[4], lu, ld;

                    memcpy(up, th, sizeof th);
                    memcpy(dn, th, sizeof th);
                    up[a] += h;
                    dn[a] -= h;
                    lu = ln_eval(&p, up, gu, NULL);
                    ld = ln_eval(&p, dn, gd, NULL);
                    near("gradient", g[a], (lu - ld) / (2 * h), 1e-8);
                    for (int b = 0; b < np; b++)
                        near("Hessian", H[a * np + b],
                             (gu[b] - gd[b]) / (2 * h), 1e-7);
                }
                for (int a = 0; a < np; a++)        /* symmetric */
                    for (int b = 0; b < np; b++)
                        assert_true(H[a * np + b] == H[b * np + a]);
            }
}

static void jacobi_finds_eigenvalues(void **state)
{
    /* A = Q diag(-2, 0.5, 1, 3) Q^T with Q a rotation: trace, det known */
    double A[16] = { 2, 1, 0, 0.5, 1, 0.5, 0.3, 0, 0, 0.3, -1, 0.2,
                     0.5, 0, 0.2, 1 }, B[16], e[4], lo, hi;
    double tr = 2 + 0.5 - 1 + 1, sq = 0;

    (void)state;
    memcpy(B, A, sizeof A);
    ln_eig_sym(B, 4, e);
    assert_true(e[0] <= e[1] && e[1] <= e[2] && e[2] <= e[3]);
    near("trace", e[0] + e[1] + e[2] + e[3], tr, 1e-13);
    for (int i = 0; i < 16; i++)
        sq += A[i] * A[i];
    near("Frobenius", e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3],
         sq, 1e-13);
    for (int k = 0; k < 4; k++) {           /* det(A − λI) = 0 */
        double M[16], d = 1;

        memcpy(M, A, sizeof A);
        for (int i = 0; i < 4; i++)
            M[i * 4 + i] -= e[k];
        for (int c = 0; c < 4; c++) {       /* Gaussian elimination */
            int piv = c;
            for (int r = c + 1; r < 4; r++)
                if (fabs(M[r * 4 + c]) > fabs(M[piv * 4 + c]))
                    piv = r;
            if (M[piv * 4 + c] == 0) {
                d = 0;
                break;
            }
            for (int j = 0; j < 4; j++) {
                double t = M[c * 4 + j];
                M[c * 4 + j] = M[piv * 4 + j];
                M[piv * 4 + j] = t;
            }
            d *= M[c * 4 + c];
            for (int r = c + 1; r < 4; r++) {
                double f = M[r * 4 + c] / M[c * 4 + c];
                for (int j = c; j < 4; j++)
                    M[r * 4 + j] -= f * M[c * 4 + j];
            }
        }
        assert_true(fabs(d) < 1e-12);
    }
    ln_eig2(2, 1, 0.5, &lo, &hi);
    near("eig2 sum", lo + hi, 2.5, 1e-15);
    near("eig2 product", lo * hi, 2 * 0.5 - 1, 1e-15);
}

/* Entries near 1e-160 (squares underflow) or 1e+160 (squares overflow)
 * give the eigenvalues of the matrix, scaled: a PSD matrix stays PSD. */
static void eigenvalues_of_tiny_and_huge_matrices(void **state)
{
    /* [[2, 1], [1, 1]]: eigenvalues (3 ± √5) / 2, both positive */
    double lo0 = (3 - sqrt(5.0)) / 2, hi0 = (3 + sqrt(5.0)) / 2;
    /* B B^T for B below: symmetric positive definite */
    double Bm[16] = { 2, 1, 0, 0.5, 1, 0.5, 0.3, 0, 0, 0.3, -1, 0.2,
                      0.5, 0, 0.2, 1 }, A[16], M0[16], e0[4];
    static const double scales[] = { 1e-160, 3e-170, 1e-300, 1e+160 };

    (void)state;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) {
            A[i * 4 + j] = 0;
            for (int k = 0; k < 4; k++)
                A[i * 4 + j] += Bm[i * 4 + k] * Bm[j * 4 + k];
        }
    memcpy(M0, A, sizeof M0);
    ln_eig_sym(M0, 4, e0);              /* entries near 1: no scaling */
    assert_true(e0[0] > 0);
    for (int k = 0; k < 4; k++) {
        double s = scales[k], lo, hi, M[16], e[4];

        ln_eig2(2 * s, 1 * s, 1 * s, &lo, &hi);
        assert_true(fabs(lo - lo0 * s) <= 1e-14 * hi0 * s);
        assert_true(fabs(hi - hi0 * s) <= 1e-14 * hi0 * s);
        assert_true(lo > 0);
        for (int i = 0; i < 16; i++)
            M[i] = A[i] * s;
        ln_eig_sym(M, 4, e);
        for (int i = 0; i < 4; i++)
            assert_true(fabs(e[i] - e0[i] * s) <= 1e-13 * e0[3] * s);
        assert_true(e[0] > 0);
    }
}

/* ---- the landscape kernel -------------------------------------------- */

/* Fills u with n values from a to b as the plugin spaces them. */
static void spaced(double *u, int n, double a, double b)
{
    for (int i = 0; i < n; i++)
        u[i] = a + (b - a) * i / (n - 1);
    u[n - 1] = b;
}

static void landscape_matches_plain_evaluation(void **state)
{
    enum { G = 23 };
    double u[G], v[G], L[G * G], lo[G * G], hi[G * G];

    (void)state;
    spaced(u, G, -9, 7);
    spaced(v, G, -12, 10);
    for (int m = 0; m < 2; m++)
        for (int l = 0; l < 2; l++) {
            struct ln_problem p = { .model = m, .loss = l, .x = X, .y = Y,
                                    .n = 8, .b1 = 0.5, .b2 = -1 };
            struct ln_landscape o = { .loss = L, .eig_lo = lo, .eig_hi = hi };

            assert_int_equal(ln_landscape(&p, u, G, v, G, &o, NULL, NULL),
                             0);
            for (int i = 0; i < G; i++)
                for (int j = 0; j < G; j++) {
                    double th[4], H[16], a, c, b, el, eh, s;
                    double l0 = ln_eval(&p, (ln_theta(&p, u[j], v[i], th),
                                             th), NULL, H);
                    int np = ln_nparams(p.model);

                    a = H[0];
                    b = H[m == LN_NET ? 2 : 1];
                    c = H[m == LN_NET ? 2 * np + 2 : 3];
                    ln_eig2(a, b, c, &el, &eh);
                    s = fabs(a) + fabs(b) + fabs(c);
                    near("landscape loss", L[i * G + j], l0, 1e-13);
                    assert_true(fabs(lo[i * G + j] - el) <= 1e-12 * s
                                + 1e-300);
                    assert_true(fabs(hi[i * G + j] - eh) <= 1e-12 * s
                                + 1e-300);
                }
        }
}

/* The fast path's exps and products (one exp per 16 blocks of rows and
 * the powers between; for CE e^z too, the reciprocals) against plain
 * evaluation, for both models and losses, with the Hessian: tall columns
 * with several anchors, the zero row in a block of any phase, and a grid
 * so coarse that the products could underflow (every block an exp of its
 * own).  The loss agrees to 5e-14 relative everywhere, tiny CE losses
 * included; the Hessian's eigenvalues to 1e-12 of its entries. */
static void tall_landscape_matches_plain_evaluation(void **state)
{
    enum { NU = 3, NVMAX = 301 };
    static double L[NU * NVMAX], lo[NU * NVMAX], hi[NU * NVMAX];
    double u[NU];
    static const struct { int nv; double lo, hi; } grid[] = {
        { 301, -7, 8 }, { 201, -5, 5 }, { 257, -6.4, 19.2 },
        { 9, -3, 60 }, { 131, -0.5, 12.5 },
    };

    (void)state;
    spaced(u, NU, -2, 3);
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++)
        for (int c = 0; c < 8; c++) {
            static double v[NVMAX];
            int m = c & 1, l = c >> 1 & 1, hess = c >> 2;
            struct ln_problem p = { .model = m, .loss = l, .x = X, .y = Y,
                                    .n = 8, .b1 = 0.5, .b2 = -1 };
            struct ln_landscape o = { .loss = L, .eig_lo = hess ? lo : NULL,
                                      .eig_hi = hess ? hi : NULL };
            int nv = grid[g].nv, np = ln_nparams(p.model);

            spaced(v, nv, grid[g].lo, grid[g].hi);
            assert_int_equal(ln_landscape(&p, u, NU, v, nv, &o, NULL, NULL),
                             0);
            for (int i = 0; i < nv; i++)
                for (int j = 0; j < NU; j++) {
                    double th[4], H[16], el, eh, s;
                    double l0 = ln_eval(&p, (ln_theta(&p, u[j], v[i], th),
                                             th), NULL, H);
                    double a = H[0], b = H[m == LN_NET ? 2 : 1];
                    double cc = H[m == LN_NET ? 2 * np + 2 : 3];

                    if (!(fabs(L[i * NU + j] - l0) <= 5e-14 * l0))
                        fail_msg("tall landscape (%d rows, model %d, loss %d)"
                                 " at (%g, %g): %.17g vs %.17g", nv, m, l,
                                 u[j], v[i], L[i * NU + j], l0);
                    if (!hess)
                        continue;
                    ln_eig2(a, b, cc, &el, &eh);
                    s = fabs(a) + fabs(b) + fabs(cc);
                    if (!(fabs(lo[i * NU + j] - el) <= 1e-12 * s + 1e-300
                          && fabs(hi[i * NU + j] - eh) <= 1e-12 * s + 1e-300))
                        fail_msg("tall landscape's Hessian (%d rows, model "
                                 "%d, loss %d) at (%g, %g)", nv, m, l, u[j],
                                 v[i]);
                }
        }
}

/* Along w2 = 0 the net's output is σ(b2) whatever w1 is, and the
 * landscape's loss is exactly the same in every column (the kernel starts
 * a block of rows there), for both losses and grids whose zero row falls
 * anywhere in a block. */
static void zero_row_is_flat(void **state)
{
    enum { G = 41 };
    double u[G], v[G], L[G * G];

    (void)state;
    spaced(u, G, -6, 5);
    for (int lo = 1; lo <= 20; lo += 3)        /* v[lo] = 0 */
        for (int l = 0; l < 2; l++) {
            struct ln_problem p = { .model = LN_NET, .loss = l, .x = X,
                                    .y = Y, .n = 8, .b1 = 0.5, .b2 = -2 };
            struct ln_landscape o = { .loss = L };

            for (int i = 0; i < G; i++)
                v[i] = 0.25 * (i - lo);
            assert_int_equal(ln_landscape(&p, u, G, v, G, &o, NULL, NULL),
                             0);
            for (int j = 1; j < G; j++)
                assert_true(L[lo * G + j] == L[lo * G]);
        }
}

/* 1, 2 and 3 threads give the same bits (columns are split, never a
 * sum), with enough samples to cross the kernel's chunks and the CE
 * product's flush every 512 samples. */
static void threads_give_the_same_bits(void **state)
{
    enum { G = 41, N = 1200 };
    static double x[N], y[N], L[3][G * G], lo[3][G * G], hi[3][G * G];
    double u[G], v[G];
    const char *nt[3] = { "1", "2", "3" };

    (void)state;
    for (int i = 0; i < N; i++) {
        x[i] = 3 * sin(0.37 * i);
        y[i] = (i % 3) / 2.0;
    }
    spaced(u, G, -6, 5);
    spaced(v, G, -7, 6);
    for (int m = 0; m < 2; m++)
        for (int l = 0; l < 2; l++) {
            struct ln_problem p = { .model = m, .loss = l, .x = x, .y = y,
                                    .n = N, .b1 = 0.5, .b2 = -1 };

            for (int t = 0; t < 3; t++) {
                struct ln_landscape o = { .loss = L[t], .eig_lo = lo[t],
                                          .eig_hi = hi[t] };

                setenv("NNTUTOR_THREADS", nt[t], 1);
                assert_int_equal(ln_landscape(&p, u, G, v, G, &o, NULL,
                                              NULL), 0);
            }
            for (int t = 1; t < 3; t++) {
                assert_memory_equal(L[0], L[t], sizeof L[0]);
                assert_memory_equal(lo[0], lo[t], sizeof lo[0]);
                assert_memory_equal(hi[0], hi[t], sizeof hi[0]);
            }
        }
    unsetenv("NNTUTOR_THREADS");
}

/* The column kernel of each instruction set, base first. */
static void (*const kern[3])(const struct lk_column *) = {
    lk_column_base, lk_column_avx2, lk_column_avx512 };

/* Sets have[k] to 1 when this CPU runs kern[k]; returns nothing. */
static void kernels_here(int have[3])
{
    have[0] = 1;
    have[1] = have[2] = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    have[1] = __builtin_cpu_supports("avx2");
    have[2] = __builtin_cpu_supports("avx512f");
#endif
}

/* Every instruction set's kernel gives the same bits, on every path:
 * general Hessian terms, the net's (gq = 0) and the unit's (gp = ss = st
 * = 0) forms, MSE with e^-z finite on the column (the fast path) and
 * with a last sample far enough below (the careful one), with and without
 * the Hessian.  The fast and careful paths agree to rounding: the far
 * sample adds y² to the loss sum and nothing the Hessian can see. */
static void kernels_give_the_same_bits(void **state)
{
    enum { NV = 37, NVP = 48, N = 40 };
    double alpha[NVP], zu[N], zb[N], gp[N], gq[N], gr[N], ss[N], st[N];
    double y[N], acc[3][7][NVP], ref[2][4][NVP];
    int have[3];

    (void)state;
    kernels_here(have);
    for (int i = 0; i < NVP; i++)
        alpha[i] = -13 + 26.0 * (i < NV ? i : NV - 1) / (NV - 1);
    for (int form = 0; form < 4; form++)
        for (int l = 0; l < 2; l++)
            for (int h = 0; h < 2; h++)
                for (int k = 0; k < 3; k++) {
                    struct lk_column c = {
                        .alpha = alpha, .dalpha = 26.0 / (NV - 1),
                        .nvp = NVP, .n = form == 1 ? N - 1 : N, .y = y,
                        .zu = zu, .zb = zb,
                        .gp = gp, .gq = gq, .gr = gr, .ss = ss, .st = st,
                        .loss = l, .hess = h };

                    for (int n = 0; n < N; n++) {
                        double x = X[n % 8] + 0.1 * n;
                        y[n] = n % 3 == 2 ? 0.25 : Y[n % 8];
                        zu[n] = nc_sigmoid(x);
                        zb[n] = form == 3 && n == N - 1 ? -800 : 0.3;
                        gp[n] = form == 2 ? 0 : 0.2 * x;
                        gq[n] = form == 1 || form == 3 ? 0 : 0.1;
                        gr[n] = zu[n];
                        ss[n] = form == 2 ? 0 : -0.05 * x;
                        st[n] = form == 2 ? 0 : 0.7;
                    }
                    for (int a = 0; a < 7; a++)
                        c.acc[a] = acc[k][a];
                    if (!have[k])
                        continue;
                    kern[k](&c);
                    for (int a = 0; a < (h ? 4 : 1); a++)
                        assert_memory_equal(acc[k][a], acc[0][a],
                                            sizeof acc[0][a]);
                    if (k == 0 && form == 1 && h)
                        memcpy(ref[l], acc[0], sizeof ref[l]);
                    if (k == 0 && form == 3 && l == 0 && h)
                        for (int a = 0; a < 4; a++)     /* careful, fast */
                            for (int i = 0; i < NV; i++)
                                near("careful path", acc[0][a][i],
                                     ref[l][a][i] + (a ? 0 : y[N - 1]
                                                     * y[N - 1]), 1e-13);
                }
}

/* CE's running products (of 1 + e, or with the Hessian of σ(|z|)) are
 * logged before they could overflow or underflow: 3000 samples with z
 * near 0 (every factor near 2 or 1/2), labels in runs of 0, of 1 and of
 * others (each class its own loop), with and without the Hessian, on
 * every instruction set, sum to the per-sample losses within 1e-13. */
static void ce_products_are_logged_in_time(void **state)
{
    enum { NVP = 16, N = 3000 };
    static double zu[N], zb[N], gp[N], gq[N], gr[N], ss[N], st[N], y[N];
    double alpha[NVP], acc[7][NVP];
    int have[3];

    (void)state;
    kernels_here(have);
    for (int i = 0; i < NVP; i++)
        alpha[i] = 0.001 * i;
    for (int n = 0; n < N; n++) {
        y[n] = n < 1100 ? 0 : n < 2300 ? 1 : 0.3;
        zu[n] = 0.5 + 0.0001 * (n % 7);
        zb[n] = 0.01 * ((n % 5) - 2);
        gp[n] = 0.2;
        gq[n] = 0;
        gr[n] = zu[n];
        ss[n] = 0.01;
        st[n] = 0.3;
    }
    for (int h = 0; h < 2; h++)
        for (int k = 0; k < 3; k++) {
            struct lk_column c = {
                .alpha = alpha, .dalpha = 0.001, .nvp = NVP, .n = N, .y = y,
                .zu = zu, .zb = zb, .gp = gp, .gq = gq, .gr = gr, .ss = ss,
                .st = st, .loss = LN_CE, .hess = h };

            if (!have[k])
                continue;
            for (int a = 0; a < 7; a++)
                c.acc[a] = acc[a];
            kern[k](&c);
            for (int i = 0; i < NVP; i++) {
                double want = 0, d1, d2;

                for (int n = 0; n < N; n++)
                    want += ln_loss_z(LN_CE, alpha[i] * zu[n] + zb[n], y[n],
                                      &d1, &d2);
                near("CE loss over 3000 samples", acc[0][i], want, 1e-13);
            }
        }
}

/* A kernel's finish (means, and the mean Hessian's eigenvalues) has the
 * bits of dividing its sums by n and calling ln_eig2, on every
 * instruction set, for Hessians of ordinary size (the vector formula) and
 * ones so tiny that ln_eig2 scales them (its own path). */
static void kernel_finish_is_ln_eig2(void **state)
{
    enum { NVP = 32, N = 24 };
    double alpha[NVP], zu[N], zb[N], gp[N], gq[N], gr[N], ss[N], st[N];
    double y[N], sums[7][NVP], fin[7][NVP];
    int have[3];

    (void)state;
    kernels_here(have);
    for (int i = 0; i < NVP; i++)
        alpha[i] = -4 + 0.25 * i;
    for (int tiny = 0; tiny < 2; tiny++)
        for (int l = 0; l < 2; l++)
            for (int k = 0; k < 3; k++) {
                double g = tiny ? 1e-160 : 1;
                struct lk_column c = {
                    .alpha = alpha, .dalpha = 0.25, .nvp = NVP, .n = N,
                    .y = y, .zu = zu, .zb = zb, .gp = gp, .gq = gq,
                    .gr = gr, .ss = ss, .st = st, .loss = l, .hess = 1 };

                if (!have[k])
                    continue;
                for (int n = 0; n < N; n++) {
                    y[n] = n % 2;
                    zu[n] = 0.1 + 0.05 * n;
                    zb[n] = 0.5 - 0.04 * n;
                    gp[n] = g * (0.3 - 0.02 * n);
                    gq[n] = 0;
                    gr[n] = g * zu[n];
                    ss[n] = g * g * 0.01 * n;
                    st[n] = g * g * (0.2 - 0.01 * n);
                }
                for (int a = 0; a < 7; a++)
                    c.acc[a] = sums[a];
                kern[k](&c);
                c.finish = 1;
                for (int a = 0; a < 7; a++)
                    c.acc[a] = fin[a];
                kern[k](&c);
                for (int i = 0; i < NVP; i++) {
                    double lo, hi, m = sums[0][i] / N;

                    ln_eig2(sums[1][i] / N, sums[2][i] / N, sums[3][i] / N,
                            &lo, &hi);
                    assert_memory_equal(&fin[0][i], &m, sizeof m);
                    assert_memory_equal(&fin[1][i], &lo, sizeof lo);
                    assert_memory_equal(&fin[2][i], &hi, sizeof hi);
                    if (tiny)       /* really ln_eig2's scaled path */
                        assert_true(fabs(hi) < 0x1p-500 && hi != 0);
                }
            }
}

/* Runs landscape with the given settings (model, loss, hessian...) and
 * returns the call holding the results. */
static struct nnt_call *run_landscape(int model, int loss, int n, int full)
{
    struct nnt_value v[LS_NPARAMS];
    struct nnt_call *c = call_new(7);

    defaults(ARGS(landscape), v);
    set(ARGS(landscape), v, "model", model);
    set(ARGS(landscape), v, "loss", loss);
    set(ARGS(landscape), v, "n", n);
    set(ARGS(landscape), v, "biases", full);
    set(ARGS(landscape), v, "points", 30);
    if (model == 1) {                       /* the unit: w, b */
        set(ARGS(landscape), v, "x_min", -6);
        set(ARGS(landscape), v, "x_max", 6);
    }
    assert_int_equal(loss_landscape_run(&host, c, v), 0);
    return c;
}

static void logistic_ce_is_psd_everywhere(void **state)
{
    struct nnt_call *c = run_landscape(1, 1, 81, 0);
    struct result *lo = get(c, "eig_min"), *hi = get(c, "eig_max");

    (void)state;
    assert_true(get(c, "nonpsd_fraction")->num == 0);
    for (size_t i = 0; i < lo->rows * lo->cols; i++)
        assert_true(lo->arr[i] >= -1e-12 * fabs(hi->arr[i]));
    assert_true(get(c, "mid_gap")->num <= 1e-15);   /* convex: no pair */
    call_free(c);
    c = run_landscape(1, 0, 81, 0);                 /* MSE: not convex */
    assert_true(get(c, "nonpsd_fraction")->num > 0.05);
    call_free(c);
}

/* Far out on the plane the Hessian's entries fall below 1e-154: the
 * logistic CE landscape is still PSD everywhere, and loss.point's
 * eigenvalues are those of the matrix (they were its diagonal). */
static void logistic_ce_is_psd_with_tiny_hessians(void **state)
{
    static const double dx[2] = { 8, 7.9 }, dy[2] = { 1, 1 };
    struct nnt_value v[LS_NPARAMS], w[PT_NPARAMS];
    struct nnt_call *c = call_new(7);
    struct result *e, *H;

    (void)state;
    defaults(ARGS(landscape), v);
    set(ARGS(landscape), v, "model", 1);
    set(ARGS(landscape), v, "loss", 1);
    set(ARGS(landscape), v, "n", 201);
    set(ARGS(landscape), v, "midpoint", 0);
    set(ARGS(landscape), v, "x_min", 40);
    set(ARGS(landscape), v, "x_max", 50);
    set(ARGS(landscape), v, "y_min", -5);
    set(ARGS(landscape), v, "y_max", 5);
    set_array(ARGS(landscape), v, "data_x", dx, 2, 0);
    set_array(ARGS(landscape), v, "data_y", dy, 2, 0);
    assert_int_equal(loss_landscape_run(&host, c, v), 0);
    assert_true(get(c, "nonpsd_fraction")->num == 0);
    call_free(c);
    c = call_new(7);
    defaults(ARGS(point), w);
    set(ARGS(point), w, "model", 1);
    set(ARGS(point), w, "loss", 1);
    set(ARGS(point), w, "x", 50);
    set(ARGS(point), w, "y", 5);
    set_array(ARGS(point), w, "data_x", dx, 2, 0);
    set_array(ARGS(point), w, "data_y", dy, 2, 0);
    assert_int_equal(loss_point_run(&host, c, w), 0);
    e = get(c, "eig");
    H = get(c, "hessian");
    assert_true(H->arr[0] < 1e-160 && H->arr[0] > 0);
    {                           /* the 2 x 2 formula on entries near 1 */
        double a = H->arr[0] * 1e170, b = H->arr[1] * 1e170;
        double d = H->arr[3] * 1e170, m = (a + d) / 2, h = (a - d) / 2;

        near("largest eigenvalue", e->arr[1] * 1e170, m + sqrt(h * h + b * b),
             1e-12);
        assert_true(e->arr[0] >= -1e-12 * e->arr[1]);
    }
    assert_true(get(c, "psd")->num == 1);
    call_free(c);
}

/* point's yhat and curve are the net's forward pass, written out here
 * with libm; MSE is their mean squared error; correct counts the points
 * on their target's side of 1/2; a NaN input in at is refused. */
static void point_outputs_are_the_forward_pass(void **state)
{
    static const double dx[5] = { -2, -0.5, 0, 0.7, 3 };
    static const double dy[5] = { 0, 1, 0, 1, 1 }, at[3] = { -4, 0.25, 6 };
    const double w1 = 1.3, b1 = -0.4, w2 = 2.5, b2 = -1;
    double bad[2] = { 0, NAN }, mse = 0;
    struct nnt_value w[PT_NPARAMS];
    struct nnt_call *c = call_new(9);
    int right = 0;

    (void)state;
    defaults(ARGS(point), w);
    set(ARGS(point), w, "x", w1);
    set(ARGS(point), w, "y", w2);
    set(ARGS(point), w, "bias1", b1);
    set(ARGS(point), w, "bias2", b2);
    set_array(ARGS(point), w, "data_x", dx, 5, 0);
    set_array(ARGS(point), w, "data_y", dy, 5, 0);
    set_array(ARGS(point), w, "at", at, 3, 0);
    assert_int_equal(loss_point_run(&host, c, w), 0);
    for (int i = 0; i < 5; i++) {
        double h = 1 / (1 + exp(-(w1 * dx[i] + b1)));
        double yh = 1 / (1 + exp(-(w2 * h + b2)));

        near("yhat", get(c, "yhat")->arr[i], yh, 1e-15);
        mse += (yh - dy[i]) * (yh - dy[i]) / 5;
        right += (yh > 0.5) == (dy[i] > 0.5);
    }
    near("mse from yhat", get(c, "loss")->num, mse, 1e-14);
    assert_true(get(c, "correct")->num == right);
    assert_true(right > 0 && right < 5);
    for (int i = 0; i < 3; i++) {
        double h = 1 / (1 + exp(-(w1 * at[i] + b1)));

        near("curve", get(c, "curve")->arr[i],
             1 / (1 + exp(-(w2 * h + b2))), 1e-15);
    }
    call_free(c);
    c = call_new(9);
    set_array(ARGS(point), w, "at", bad, 2, 0);
    assert_int_not_equal(loss_point_run(&host, c, w), 0);
    call_free(c);
}

static void midpoint_violation_is_real(void **state)
{
    (void)state;
    for (int l = 0; l < 2; l++) {
        struct nnt_call *c = run_landscape(0, l, 61, 0);
        struct result *dx = get(c, "data_x"), *dy = get(c, "data_y");
        struct ln_problem p = { .model = LN_NET, .loss = l, .x = dx->arr,
                                .y = dy->arr, .n = (int)dx->rows,
                                .b1 = loss_landscape_params[5].def,
                                .b2 = loss_landscape_params[6].def };
        double ax = get(c, "mid_ax")->num, ay = get(c, "mid_ay")->num;
        double bx = get(c, "mid_bx")->num, by = get(c, "mid_by")->num;
        double ta[4], tb[4], tm[4], la, lb, lm;

        ln_theta(&p, ax, ay, ta);
        ln_theta(&p, bx, by, tb);
        ln_theta(&p, (ax + bx) / 2, (ay + by) / 2, tm);
        la = ln_eval(&p, ta, NULL, NULL);
        lb = ln_eval(&p, tb, NULL, NULL);
        lm = ln_eval(&p, tm, NULL, NULL);
        assert_true(lm - (la + lb) / 2 > 1e-3);
        near("reported gap", get(c, "mid_gap")->num, lm - (la + lb) / 2,
             1e-12);
        assert_true(get(c, "nonpsd_fraction")->num > 0.05);
        call_free(c);
    }
}

static void full_hessian_is_no_more_convex(void **state)
{
    (void)state;
    for (int l = 0; l < 2; l++) {
        struct nnt_call *two = run_landscape(0, l, 21, 0);
        struct nnt_call *four = run_landscape(0, l, 21, 1);
        struct result *e2 = get(two, "eig_min"), *e4 = get(four, "eig_min");
        struct result *m2 = get(two, "eig_max"), *m4 = get(four, "eig_max");

        for (size_t i = 0; i < e2->rows * e2->cols; i++) {
            /* Cauchy interlacing: a principal 2 x 2 block's eigenvalues
             * lie between the 4 x 4 matrix's extremes */
            double s = fabs(m4->arr[i]) + 1e-300;
            assert_true(e4->arr[i] <= e2->arr[i] + 1e-12 * s);
            assert_true(m4->arr[i] >= m2->arr[i] - 1e-12 * s);
        }
        near("same losses", get(four, "loss")->arr[17],
             get(two, "loss")->arr[17], 1e-13);
        call_free(two);
        call_free(four);
    }
}

static void landscape_stops_when_cancelled(void **state)
{
    struct nnt_value v[LS_NPARAMS];
    struct nnt_call *c = call_new(1);

    (void)state;
    defaults(ARGS(landscape), v);
    c->cancel_after = 3;
    assert_int_equal(loss_landscape_run(&host, c, v), -1);
    call_free(c);
}

/* ---- slices and gradient-vs-logit curves ----------------------------- */

static void slice_derivatives_match_differences(void **state)
{
    struct nnt_value v[SL_NPARAMS];

    (void)state;
    for (int m = 0; m < 2; m++) {
        struct nnt_call *c = call_new(3);
        struct result *t, *l, *d1, *d2;

        defaults(ARGS(slice), v);
        set(ARGS(slice), v, "model", m);
        set(ARGS(slice), v, "loss", 1);
        set(ARGS(slice), v, "n", 5001);
        set(ARGS(slice), v, "ax", -2);
        set(ARGS(slice), v, "ay", -1);
        set(ARGS(slice), v, "bx", 2);
        set(ARGS(slice), v, "by", 3);
        assert_int_equal(loss_slice_run(&host, c, v), 0);
        t = get(c, "t");
        l = get(c, "loss");
        d1 = get(c, "dl");
        d2 = get(c, "d2l");
        for (size_t i = 1; i + 1 < t->rows; i += 37) {
            double h = t->arr[i + 1] - t->arr[i];
            near("dL/dt", d1->arr[i], (l->arr[i + 1] - l->arr[i - 1])
                                      / (2 * h), 1e-5);
            near("d2L/dt2", d2->arr[i], (d1->arr[i + 1] - d1->arr[i - 1])
                                        / (2 * h), 1e-5);
        }
        assert_true(get(c, "chord")->arr[0] != 0);
        call_free(c);
    }
}

static void saturation_curves_match_differences(void **state)
{
    struct nnt_value v[SAT_NPARAMS];
    struct nnt_call *c = call_new(1);
    struct result *z, *m, *e, *gm, *gc;

    (void)state;
    defaults(ARGS(saturation), v);
    set(ARGS(saturation), v, "n", 4001);
    assert_int_equal(loss_saturation_run(&host, c, v), 0);
    z = get(c, "x");
    m = get(c, "mse");
    e = get(c, "ce");
    gm = get(c, "grad_mse");
    gc = get(c, "grad_ce");
    for (size_t i = 1; i + 1 < z->rows; i += 13) {
        double h2 = z->arr[i + 1] - z->arr[i - 1];
        near("dMSE/dz", gm->arr[i], (m->arr[i + 1] - m->arr[i - 1]) / h2,
             1e-5);
        near("dCE/dz", gc->arr[i], (e->arr[i + 1] - e->arr[i - 1]) / h2,
             1e-5);
    }
    /* at z = -10 with y = 1 MSE's gradient has all but vanished */
    assert_true(fabs(get(c, "grad_mse_wrong")->num) < 1e-3);
    assert_true(fabs(get(c, "grad_ce_wrong")->num) > 0.99);
    call_free(c);
}

/* ---- losses on arrays ------------------------------------------------- */

static void compute_gradients_match_differences(void **state)
{
    double pred[6] = { 0.2, 0.7, 0.45, 0.9, 0.1, 0.6 };
    double tgt[6] = { 0, 1, 1, 1, 0, 0.5 }, tbin[6] = { 0, 1, 1, 1, 0, 0 };
    double sc[12] = { 0.1, 0.3, 0.6, 0.5, 0.25, 0.25, 0.2, 0.2, 0.6, 0.7,
                      0.1, 0.2 }, cls[4] = { 2, 0, 1, 0 };

    (void)state;
    for (int k = 0; k < 8; k++) {
        int row = lm_is_row(k), n = row ? 4 : 6, K = row ? 3 : 1;
        double *in = row ? sc : pred, h = 1e-6;
        const double *t = row ? cls : k == LM_BERNOULLI_NLL ? tbin : tgt;
        struct nnt_value v[CO_NPARAMS];
        struct nnt_call *c = call_new(1);
        struct result *g;

        defaults(ARGS(compute), v);
        set(ARGS(compute), v, "loss", k);
        set(ARGS(compute), v, "sigma", 0.8);
        set_array(ARGS(compute), v, row ? "scores" : "pred", in, n,
                  row ? 3 : 0);
        set_array(ARGS(compute), v, "target", t, n, 0);
        assert_int_equal(loss_compute_run(&host, c, v), 0);
        g = get(c, "grad");
        for (int i = 0; i < n * K; i++) {
            double keep = in[i], a, b;
            struct nnt_call *c2 = call_new(1);

            if (k == LM_MAE && fabs(in[i] - t[i]) < 2 * h)
                continue;
            in[i] = keep + h;
            assert_int_equal(loss_compute_run(&host, c2, v), 0);
            a = get(c2, "loss")->num;
            in[i] = keep - h;
            assert_int_equal(loss_compute_run(&host, c2, v), 0);
            b = get(c2, "loss")->num;
            in[i] = keep;
            near("compute grad", g->arr[i], (a - b) / (2 * h), 1e-7);
            call_free(c2);
        }
        call_free(c);
    }
}

static void compute_refuses_bad_targets(void **state)
{
    double pred[2] = { 0.5, 0.5 }, tgt[2] = { 0, 0.5 };
    struct nnt_value v[CO_NPARAMS];
    struct nnt_call *c = call_new(1);

    (void)state;
    defaults(ARGS(compute), v);
    set(ARGS(compute), v, "loss", LM_BERNOULLI_NLL);
    set_array(ARGS(compute), v, "pred", pred, 2, 0);
    set_array(ARGS(compute), v, "target", tgt, 2, 0);
    assert_int_equal(loss_compute_run(&host, c, v), -1);
    assert_non_null(strstr(c->err, "0 or 1"));
    call_free(c);
}

/* ---- the identities the lessons state --------------------------------- */

static void nll_is_affine_in_mse(void **state)
{
    struct nnt_value v[GS_NPARAMS];
    struct nnt_call *c = call_new(11);

    (void)state;
    defaults(ARGS(gauss_sweep), v);
    set(ARGS(gauss_sweep), v, "model_sigma", 0.7);
    assert_int_equal(loss_gauss_sweep_run(&host, c, v), 0);
    assert_true(get(c, "fit_resid_rel")->num < 1e-13);
    near("a = N/(2σ²)", get(c, "fit_a")->num, get(c, "a_theory")->num,
         1e-10);
    near("b = (N/2) log(2πσ²)", get(c, "fit_b")->num,
         get(c, "b_theory")->num, 1e-9);
    assert_true(get(c, "w_mse")->num == get(c, "w_nll")->num);
    near("σ̂² = MSE(θ̂)", get(c, "sigma2_mle")->num,
         get(c, "mse_star")->num, 1e-7);
    near("grid argmin near w*", get(c, "w_mse")->num, get(c, "w_star")->num,
         0.02);
    call_free(c);
}

static void average_nll_is_cross_entropy_is_kl_plus_entropy(void **state)
{
    struct nnt_value v[CAT_NPARAMS];
    struct nnt_call *c = call_new(5);
    double ce, kl, h;

    (void)state;
    defaults(ARGS(categorical), v);
    set(ARGS(categorical), v, "n", 1000);
    set(ARGS(categorical), v, "t", 0.3);
    assert_int_equal(loss_categorical_run(&host, c, v), 0);
    ce = get(c, "cross_entropy")->num;
    kl = get(c, "kl")->num;
    h = get(c, "entropy")->num;
    near("NLL = CE", get(c, "nll")->num, ce, 1e-13);
    near("CE = KL + H", ce, kl + h, 1e-13);
    near("NLL at the MLE = H", get(c, "nll_mle")->num, h, 1e-13);
    assert_true(kl > 0);
    call_free(c);
}

static void divergence_gradients_match_differences(void **state)
{
    double p[4] = { 0.1, 0.2, 0.3, 0.4 }, th[4] = { 0.3, -0.2, 0.1, 0.5 };
    double q[4], hh = 1e-6;
    struct nnt_value v[DIV_NPARAMS];
    struct nnt_call *c = call_new(1);

    (void)state;
    {
        double m = nc_logsumexp(th, 4);
        for (int i = 0; i < 4; i++)
            q[i] = exp(th[i] - m);
    }
    defaults(ARGS(divergence), v);
    set_array(ARGS(divergence), v, "p", p, 4, 0);
    set_array(ARGS(divergence), v, "q", q, 4, 0);
    assert_int_equal(loss_divergence_run(&host, c, v), 0);
    near("CE = KL + H", get(c, "cross_entropy")->num,
         get(c, "kl")->num + get(c, "entropy")->num, 1e-14);
    for (int i = 0; i < 4; i++) {
        double qa[4], qb[4], ta[4], tb[4], ma, mb;

        memcpy(qa, q, sizeof q);
        memcpy(qb, q, sizeof q);
        qa[i] += hh;
        qb[i] -= hh;
        near("dCE/dq", get(c, "grad")->arr[i],
             (lm_cross_entropy(p, qa, 4) - lm_cross_entropy(p, qb, 4))
             / (2 * hh), 1e-7);
        memcpy(ta, th, sizeof th);
        memcpy(tb, th, sizeof th);
        ta[i] += hh;
        tb[i] -= hh;
        ma = nc_logsumexp(ta, 4);
        mb = nc_logsumexp(tb, 4);
        for (int j = 0; j < 4; j++) {
            qa[j] = exp(ta[j] - ma);
            qb[j] = exp(tb[j] - mb);
        }
        near("dCE/dlogits", get(c, "grad_logits")->arr[i],
             (lm_cross_entropy(p, qa, 4) - lm_cross_entropy(p, qb, 4))
             / (2 * hh), 1e-7);
    }
    call_free(c);
}

static void likelihood_loglik_and_bce_share_the_argmax(void **state)
{
    struct nnt_value v[BS_NPARAMS];
    struct nnt_call *c = call_new(9);

    (void)state;
    defaults(ARGS(bernoulli_sweep), v);
    assert_int_equal(loss_bernoulli_sweep_run(&host, c, v), 0);
    assert_true(get(c, "lik_zero")->num == 0);
    assert_true(get(c, "w_lik")->num == get(c, "w_loglik")->num);
    assert_true(get(c, "w_loglik")->num == get(c, "w_mean")->num);
    assert_true(get(c, "w_mean")->num == get(c, "w_bce")->num);
    assert_true(get(c, "bce_gap")->num < 1e-13);
    call_free(c);
    c = call_new(9);
    set(ARGS(bernoulli_sweep), v, "n", 5000);       /* Π p underflows */
    assert_int_equal(loss_bernoulli_sweep_run(&host, c, v), 0);
    assert_true(get(c, "lik_zero")->num > 0);
    call_free(c);
}

/* Where P(y_i | x_i) underflows to 0 the log-likelihood is still finite
 * (log σ = −softplus(−z)) and is minus n times the mean BCE on logits. */
static void loglik_is_finite_where_likelihood_underflows(void **state)
{
    struct nnt_value v[BS_NPARAMS];
    struct nnt_call *c = call_new(13);
    struct result *ll, *mll, *bce;

    (void)state;
    defaults(ARGS(bernoulli_sweep), v);
    set(ARGS(bernoulli_sweep), v, "n", 2000);
    set(ARGS(bernoulli_sweep), v, "sep", 10);
    set(ARGS(bernoulli_sweep), v, "noise", 10);
    set(ARGS(bernoulli_sweep), v, "w_min", -20);
    set(ARGS(bernoulli_sweep), v, "w_max", 20);
    assert_int_equal(loss_bernoulli_sweep_run(&host, c, v), 0);
    ll = get(c, "loglik");
    mll = get(c, "mean_loglik");
    bce = get(c, "bce");
    for (size_t k = 0; k < ll->rows; k++) {
        assert_true(isfinite(ll->arr[k]) && isfinite(mll->arr[k]));
        near("mean loglik = -BCE", mll->arr[k], -bce->arr[k], 1e-12);
    }
    assert_true(isfinite(get(c, "bce_gap")->num));
    assert_true(get(c, "bce_gap")->num < 1e-12);
    assert_true(get(c, "w_loglik")->num == get(c, "w_bce")->num);
    call_free(c);
}

/* ---- line fits -------------------------------------------------------- */

static void lad_fit_is_optimal(void **state)
{
    struct nnt_value v[FL_NPARAMS];
    struct nnt_call *c = call_new(4);
    struct result *x, *y;
    double best = INFINITY;

    (void)state;
    defaults(ARGS(fit_lines), v);
    set(ARGS(fit_lines), v, "noise", 1);
    set(ARGS(fit_lines), v, "outliers", 0.15);
    assert_int_equal(loss_fit_lines_run(&host, c, v), 0);
    x = get(c, "x");
    y = get(c, "y");
    for (size_t i = 0; i < x->rows; i++)    /* every line through 2 points */
        for (size_t j = i + 1; j < x->rows; j++) {
            double s = (y->arr[j] - y->arr[i]) / (x->arr[j] - x->arr[i]);
            double b = y->arr[i] - s * x->arr[i], e = 0;

            for (size_t k = 0; k < x->rows; k++)
                e += fabs(y->arr[k] - (s * x->arr[k] + b));
            best = fmin(best, e / x->rows);
        }
    near("LAD is the best L1 line", get(c, "lad_mae")->num, best, 1e-9);
    assert_true(get(c, "ls_mse")->num <= get(c, "lad_mse")->num);
    assert_true(get(c, "lad_mae")->num <= get(c, "ls_mae")->num);
    call_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vec_exp_log_within_one_ulp),
        cmocka_unit_test(loss_z_derivatives_match_differences),
        cmocka_unit_test(pointwise_losses_match_differences),
        cmocka_unit_test(row_losses_match_differences),
        cmocka_unit_test(net_gradient_and_hessian_match_differences),
        cmocka_unit_test(jacobi_finds_eigenvalues),
        cmocka_unit_test(eigenvalues_of_tiny_and_huge_matrices),
        cmocka_unit_test(landscape_matches_plain_evaluation),
        cmocka_unit_test(tall_landscape_matches_plain_evaluation),
        cmocka_unit_test(kernels_give_the_same_bits),
        cmocka_unit_test(kernel_finish_is_ln_eig2),
        cmocka_unit_test(ce_products_are_logged_in_time),
        cmocka_unit_test(zero_row_is_flat),
        cmocka_unit_test(threads_give_the_same_bits),
        cmocka_unit_test(logistic_ce_is_psd_everywhere),
        cmocka_unit_test(logistic_ce_is_psd_with_tiny_hessians),
        cmocka_unit_test(point_outputs_are_the_forward_pass),
        cmocka_unit_test(midpoint_violation_is_real),
        cmocka_unit_test(full_hessian_is_no_more_convex),
        cmocka_unit_test(landscape_stops_when_cancelled),
        cmocka_unit_test(slice_derivatives_match_differences),
        cmocka_unit_test(saturation_curves_match_differences),
        cmocka_unit_test(compute_gradients_match_differences),
        cmocka_unit_test(compute_refuses_bad_targets),
        cmocka_unit_test(nll_is_affine_in_mse),
        cmocka_unit_test(average_nll_is_cross_entropy_is_kl_plus_entropy),
        cmocka_unit_test(divergence_gradients_match_differences),
        cmocka_unit_test(likelihood_loglik_and_bce_share_the_argmax),
        cmocka_unit_test(loglik_is_finite_where_likelihood_underflows),
        cmocka_unit_test(lad_fit_is_optimal),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
