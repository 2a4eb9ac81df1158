/* SPDX-License-Identifier: MIT */
/* plugins/regularizer: every gradient against finite differences, every
 * prox against its optimality condition, KKT, ESL 3.4.3, paths, the ABI. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <nntutor/common.h>
#include <nntutor/data_regression.h>
#include "reg_math.h"
#include "reg_run.h"

extern const struct nnt_plugin nnt_plugin;

/* ---- a host for the run callbacks: results kept, seeded RNG ---------- */

struct nnt_call {
    struct { char name[32]; double num, *arr; size_t rows, cols; } r[96];
    int n, ticks, cancel_at;
    uint64_t s;
    char err[256];
};

/* Returns the slot for name (a new one, or the old one reused). */
static int slot(struct nnt_call *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->r[i].name, name) == 0)
            return i;
    assert_true(c->n < 96);
    snprintf(c->r[c->n].name, sizeof c->r[0].name, "%s", name);
    return c->n++;
}

static void put_number(struct nnt_call *c, const char *name, double v)
{
    c->r[slot(c, name)].num = v;
}

static void put_string(struct nnt_call *c, const char *name, const char *s)
{
    (void)c; (void)name; (void)s;
}

static double *put_array(struct nnt_call *c, const char *name, size_t rows,
                         size_t cols)
{
    int i = slot(c, name);

    free(c->r[i].arr);
    c->r[i].arr = calloc(rows * (cols ? cols : 1) + 1, sizeof(double));
    c->r[i].rows = rows;
    c->r[i].cols = cols;
    return c->r[i].arr;
}

static int progress(struct nnt_call *c, double f)
{
    (void)f;
    return c->cancel_at && ++c->ticks >= c->cancel_at;
}

static int host_fail(struct nnt_call *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    return -1;
}

static uint64_t rng_u64(struct nnt_call *c, enum nnt_stream s)
{
    uint64_t z = (c->s += 0x9e3779b97f4a7c15ULL);     /* splitmix64 */

    (void)s;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double rng_uniform(struct nnt_call *c, enum nnt_stream s)
{
    return (double)(rng_u64(c, s) >> 11) * 0x1.0p-53;
}

static double rng_normal(struct nnt_call *c, enum nnt_stream s)
{
    double u = 1.0 - rng_uniform(c, s), v = rng_uniform(c, s);

    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
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

    c->s = seed;
    return c;
}

static void call_free(struct nnt_call *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->r[i].arr);
    free(c);
}

/* Returns the array result name (failing the test when absent). */
static double *arr(struct nnt_call *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->r[i].name, name) == 0 && c->r[i].arr)
            return c->r[i].arr;
    fail_msg("no array result '%s'", name);
    return NULL;
}

/* Returns the number result name. */
static double num(struct nnt_call *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->r[i].name, name) == 0 && !c->r[i].arr)
            return c->r[i].num;
    fail_msg("no number result '%s'", name);
    return NAN;
}

/* ---- helpers ---------------------------------------------------------- */

/* A random sparse problem in Gram form (X n x p kept in *Xp if asked). */
static void problem(struct reg_gram *g, int n, int p, double rho,
                    int intercept, uint64_t seed, double **Xp)
{
    struct nnt_call *c = call_new(seed);
    double *X = malloc((size_t)n * p * sizeof *X), *y = malloc(n * 8);
    double *beta = malloc((size_t)p * sizeof *beta);

    nc_sparse_coef(&host, c, p, p / 4, 1.0, 3.0, beta);
    nc_correlated_design(&host, c, n, p, rho, X);
    nc_linear_response(&host, c, n, p, X, beta, 1.0, y);
    for (int i = 0; i < n; i++)             /* an offset to centre away */
        y[i] += 3.0;
    assert_int_equal(reg_gram_init(g, X, y, n, p, intercept), REG_OK);
    if (Xp)
        *Xp = X;
    else
        free(X);
    free(y);
    free(beta);
    call_free(c);
}

/* Solves the elastic net from 0 to a tight gap; returns w (malloc'd). */
static double *solve(const struct reg_gram *g, double alpha, double r)
{
    double *w = calloc(g->p, 8), *Hw = calloc(g->p, 8);
    struct reg_cd_out out;

    assert_int_equal(reg_enet_cd(g, alpha, r, w, Hw, 1e-14, 100000, &out),
                     REG_OK);
    assert_true(out.converged);
    free(Hw);
    return w;
}

/* ---- operators against their optimality conditions ------------------- */

/* soft(z, t) = argmin 1/2 (x - z)^2 + t|x|: 0 in x - z + t d|x|. */
static void soft_is_the_l1_prox(void **state)
{
    for (double z = -3; z <= 3; z += 0.0625)
        for (double t = 0; t <= 2; t += 0.25) {
            double x = reg_soft(z, t);
            if (x != 0)
                assert_true(fabs(x - z + t * (x > 0 ? 1 : -1)) < 1e-15);
            else
                assert_true(fabs(z) <= t);  /* 0 in [-t, t] - z... */
            for (double v = -3; v <= 3; v += 0.01)  /* and it is the min */
                assert_true(0.5 * (x - z) * (x - z) + t * fabs(x)
                            <= 0.5 * (v - z) * (v - z) + t * fabs(v) + 1e-15);
        }
    assert_true(reg_soft(0.3, 0.5) == 0.0);  /* exactly zero */
}

/* hard(z, t) minimises 1/2 (x - z)^2 + (t^2 / 2) [x != 0]. */
static void hard_is_the_l0_prox(void **state)
{
    for (double z = -3; z <= 3; z += 0.0625) {
        double t = 1.0, x = reg_hard(z, t);
        double fx = 0.5 * (x - z) * (x - z) + (x != 0) * 0.5 * t * t;
        assert_true(fx <= 0.5 * z * z + 1e-15);         /* x = 0 */
        assert_true(fx <= 0.5 * t * t + 1e-15);         /* x = z */
    }
}

/* ridge shrink: the derivative of 1/2 (x - z)^2 + (l/2) x^2, by finite
 * differences, vanishes at z / (1 + l). */
static void ridge_shrink_is_the_l2_prox(void **state)
{
    for (double z = -3; z <= 3; z += 0.25) {
        double l = 0.7, x = reg_ridge_shrink(z, l), h = 1e-6;
#define F(v) (0.5 * ((v) - z) * ((v) - z) + 0.5 * l * (v) * (v))
        assert_true(fabs((F(x + h) - F(x - h)) / (2 * h)) < 1e-8);
#undef F
    }
}

/* ---- gradients against finite differences ----------------------------- */

/* reg_ls_grad is the gradient of reg_ls_loss. */
static void ls_gradient_matches_fd(void **state)
{
    struct reg_gram g;
    int p = 12;
    double w[12], Hw[12], gr[12], h = 1e-6;

    problem(&g, 60, p, 0.4, 1, 1, NULL);
    for (int j = 0; j < p; j++)
        w[j] = sin(j + 1.0);
    reg_gram_apply(&g, w, Hw);
    reg_ls_grad(&g, Hw, gr);
    for (int j = 0; j < p; j++) {
        double wj = w[j], fp, fm;
        w[j] = wj + h;
        reg_gram_apply(&g, w, Hw);
        fp = reg_ls_loss(&g, w, Hw);
        w[j] = wj - h;
        reg_gram_apply(&g, w, Hw);
        fm = reg_ls_loss(&g, w, Hw);
        w[j] = wj;
        assert_true(fabs((fp - fm) / (2 * h) - gr[j])
                    < 1e-6 * (1 + fabs(gr[j])));
    }
    reg_gram_free(&g);
}

/* reg_quad2_grad is the gradient of reg_quad2_value. */
static void quad2_gradient_matches_fd(void **state)
{
    struct reg_quad2 q;
    double h = 1e-6, gr[2];

    reg_quad2_make(37, 5, 1.2, -0.4, &q);
    for (double a = -2; a <= 2; a += 0.5)
        for (double b = -2; b <= 2; b += 0.5) {
            reg_quad2_grad(&q, a, b, gr);
            assert_true(fabs((reg_quad2_value(&q, a + h, b)
                              - reg_quad2_value(&q, a - h, b)) / (2 * h)
                             - gr[0]) < 1e-7);
            assert_true(fabs((reg_quad2_value(&q, a, b + h)
                              - reg_quad2_value(&q, a, b - h)) / (2 * h)
                             - gr[1]) < 1e-7);
        }
}

/* The log priors: derivatives by finite differences, densities sum to 1;
 * each MAP zeroes the derivative of the log posterior (or, at 0 under
 * Laplace, the subgradient condition holds). */
static void priors_and_maps(void **state)
{
    double h = 1e-6, s = 0.8, b = 0.6, tau = 1.1, sl = 0, sg = 0;

    for (double w = -2.05; w <= 2; w += 0.1) {
        double dl = (reg_log_laplace(w + h, b) - reg_log_laplace(w - h, b))
                    / (2 * h);
        double dg = (reg_log_gauss(w + h, tau) - reg_log_gauss(w - h, tau))
                    / (2 * h);
        assert_true(fabs(dl + (w > 0 ? 1 : -1) / b) < 1e-6);
        assert_true(fabs(dg + w / (tau * tau)) < 1e-6);
    }
    for (double w = -40; w < 40; w += 1e-3) {
        sl += exp(reg_log_laplace(w, b)) * 1e-3;
        sg += exp(reg_log_gauss(w, tau)) * 1e-3;
    }
    assert_true(fabs(sl - 1) < 1e-5 && fabs(sg - 1) < 1e-5);
    for (double z = -3; z <= 3; z += 0.125) {
        double m = reg_map_gauss(z, s, tau), ml = reg_map_laplace(z, s, b);
#define LP(v) (-0.5 * (z - (v)) * (z - (v)) / (s * s) + reg_log_gauss(v, tau))
        assert_true(fabs((LP(m + h) - LP(m - h)) / (2 * h)) < 1e-6);
#undef LP
        if (ml != 0)
            assert_true(fabs((ml - z) / (s * s) + (ml > 0 ? 1 : -1) / b)
                        < 1e-12);
        else
            assert_true(fabs(z) / (s * s) <= 1 / b);
    }
}

/* The roughness is the integral of f''^2, f'' by finite differences of
 * reg_poly_eval; reg_poly_eval is the plain sum. */
static void poly_roughness_matches_fd(void **state)
{
    double w[5] = { 0.3, -1.2, 0.8, 2.0, -0.7 }, h = 1e-3, s = 0;
    int m = 20000;

    for (double x = -1; x <= 1; x += 0.25) {
        double direct = 0.4;
        for (int k = 0; k < 5; k++)
            direct += w[k] * pow(x, k + 1);
        assert_true(fabs(reg_poly_eval(w, 5, 0.4, x) - direct) < 1e-13);
    }
    for (int i = 0; i < m; i++) {           /* midpoint rule */
        double x = -1 + (i + 0.5) * 2.0 / m;
        double f2 = (reg_poly_eval(w, 5, 0, x + h) - 2 * reg_poly_eval(w, 5,
                     0, x) + reg_poly_eval(w, 5, 0, x - h)) / (h * h);
        s += f2 * f2 * 2.0 / m;
    }
    assert_true(fabs(s - reg_poly_roughness(w, 5)) < 1e-4 * s);
}

/* ---- solvers ----------------------------------------------------------- */

/* At the lasso / elastic-net solution the KKT conditions hold: for
 * w_j != 0, X_j^T r / n = alpha r sign(w_j) + alpha (1 - r) w_j; for
 * w_j = 0, |X_j^T r| / n <= alpha r. */
static void cd_solution_satisfies_kkt(void **state)
{
    static const double ratios[] = { 1.0, 0.5, 0.1 };
    struct reg_gram g;
    int p = 30;
    double Hw[30], gr[30];

    problem(&g, 80, p, 0.6, 1, 2, NULL);
    for (int k = 0; k < 3; k++)
        for (double a = 0.01; a < 2; a *= 3) {
            double r = ratios[k], *w = solve(&g, a, r);
            int zeros = 0;
            reg_gram_apply(&g, w, Hw);
            reg_ls_grad(&g, Hw, gr);        /* = -X^T r / n */
            for (int j = 0; j < p; j++) {
                if (w[j] != 0)
                    assert_true(fabs(-gr[j] - a * r * (w[j] > 0 ? 1 : -1)
                                     - a * (1 - r) * w[j]) < 1e-6 * a);
                else
                    assert_true(fabs(gr[j]) <= a * r * (1 + 1e-9));
                zeros += w[j] == 0;
            }
            if (r == 1.0 && a > 1)
                assert_true(zeros > p / 2);     /* sparse */
            free(w);
        }
    reg_gram_free(&g);
}

/* The duality gap is never negative and bounds the suboptimality. */
static void duality_gap_bounds_the_error(void **state)
{
    struct reg_gram g;
    int p = 10;
    double a = 0.2, w[10], Hw[10], *opt, fopt, f, asum;

    problem(&g, 50, p, 0.3, 0, 3, NULL);
    opt = solve(&g, a, 1.0);
    reg_gram_apply(&g, opt, Hw);
    asum = 0;
    for (int j = 0; j < p; j++)
        asum += fabs(opt[j]);
    fopt = reg_ls_loss(&g, opt, Hw) + a * asum;
    for (int t = 0; t < 20; t++) {
        asum = 0;
        for (int j = 0; j < p; j++) {
            w[j] = opt[j] + 0.1 * sin(7.0 * t + j);
            asum += fabs(w[j]);
        }
        reg_gram_apply(&g, w, Hw);
        f = reg_ls_loss(&g, w, Hw) + a * asum;
        double gap = reg_enet_gap(&g, a * g.n, 0, w, Hw) / g.n;
        assert_true(gap >= 0 && f - fopt <= gap + 1e-12);
    }
    free(opt);
    reg_gram_free(&g);
}

/* ESL 3.4.3, Table 3.4: with X^T X = I, ridge = ols / (1 + lambda) and
 * the lasso (1/2 |y - Xw|^2 + lambda |w|_1) = soft(ols, lambda). */
static void orthonormal_case_esl_343(void **state)
{
    struct nnt_call *c = call_new(4);
    struct nnt_value a[O_NPARAMS] = { 0 };

    a[O_N].integer = 60;
    a[O_P].integer = 10;
    a[O_K].integer = 4;
    a[O_NOISE].num = 0.7;
    for (double lam = 0; lam <= 3; lam += 0.5) {
        a[O_LAMBDA].num = lam;
        assert_int_equal(reg_run_orthonormal(&host, c, a), 0);
        assert_true(num(c, "gram_err") < 1e-14);
        assert_true(num(c, "ridge_err") < 1e-12);
        assert_true(num(c, "lasso_err") < 1e-12);
        assert_true(num(c, "zeros_lasso") == num(c, "zeros_soft"));
        assert_true(num(c, "zeros_ridge") == 0);
        for (int j = 0; j < 10; j++)
            assert_true(arr(c, "ridge")[j] * (1 + lam)
                        - arr(c, "ols")[j] < 1e-12);
    }
    call_free(c);
}

/* Along a lasso path zeros fall (all zero at lambda_max, few bumps);
 * warm starts give the cold-start answers; ridge never has a zero. */
static void path_zeros_and_warm_starts(void **state)
{
    struct reg_gram g;
    int p = 25, m = 40, bumps = 0;
    double lam[40], *coef = malloc(sizeof(double) * m * p), zeros[40];

    problem(&g, 100, p, 0.5, 1, 5, NULL);
    reg_alpha_grid(reg_alpha_max(&g, 1.0), reg_alpha_max(&g, 1.0) * 1e-3, m,
                   lam);
    assert_true(fabs(lam[0] / reg_alpha_max(&g, 1.0) - 1) < 1e-15);
    assert_true(fabs(lam[m - 1] / lam[0] - 1e-3) < 1e-14);
    for (int i = 1; i < m - 1; i++)          /* evenly spaced in log */
        assert_true(fabs(log(lam[i] / lam[i + 1]) - log(lam[0] / lam[1]))
                    < 1e-12);
    assert_int_equal(reg_enet_path(&g, lam, m, 1.0, 1e-12, 100000, coef,
                                   NULL, NULL, NULL, NULL, NULL), REG_OK);
    for (int i = 0; i < m; i++) {
        double *w = solve(&g, lam[i], 1.0);
        zeros[i] = reg_count_zeros(coef + i * p, p);
        for (int j = 0; j < p; j++)
            assert_true(fabs(w[j] - coef[i * p + j]) < 1e-6);
        if (i > 0 && zeros[i] > zeros[i - 1])
            bumps++;
        free(w);
    }
    assert_true(zeros[0] >= p - 1 && zeros[m - 1] <= 2 && bumps <= 3);
    assert_int_equal(reg_enet_path(&g, lam, m, 0.0, 0, 1, coef, NULL, NULL,
                                   NULL, NULL, NULL), REG_OK);
    for (int i = 0; i < m; i++)
        assert_int_equal(reg_count_zeros(coef + i * p, p), 0);
    free(coef);
    reg_gram_free(&g);
}

/* The lazy Gram (columns filled on first use) gives H bit for bit as the
 * eager blocked Gram, and the path with its exact zeros (to the
 * tolerance: the two may sweep H itself or a compact copy of the strong
 * set's block, as the cost model picks), for p > n and n > p, row counts
 * that are not multiples of the block, with and without an intercept;
 * only the columns of the strong sets (a superset of the ever-nonzero
 * weights) are filled. */
static void lazy_gram_matches_eager(void **state)
{
    static const int np[][2] = { { 30, 120 }, { 61, 17 }, { 9, 40 } };

    for (int t = 0; t < 3; t++)
        for (int icpt = 0; icpt <= 1; icpt++) {
            int n = np[t][0], p = np[t][1], m = 30, filled = 0, nz = 0;
            struct reg_gram e, l;
            double *X, *y = malloc((size_t)n * sizeof *y), lam[30];
            double *ce = malloc((size_t)m * p * sizeof *ce);
            double *cl = malloc((size_t)m * p * sizeof *cl);
            unsigned char *ever = calloc((size_t)p, 1);

            problem(&e, n, p, 0.5, icpt, 7 + t, &X);
            for (int i = 0; i < n; i++)     /* y back from q is not needed: */
                y[i] = X[(size_t)i * p] + 0.25 * i;     /* a fresh target */
            reg_gram_free(&e);
            assert_int_equal(reg_gram_init(&e, X, y, n, p, icpt), REG_OK);
            assert_int_equal(reg_gram_init_lazy(&l, X, y, n, p, icpt),
                             REG_OK);
            assert_true(l.yy == e.yy);
            assert_memory_equal(l.q, e.q, (size_t)p * sizeof *l.q);
            reg_alpha_grid(reg_alpha_max(&e, 1.0),
                           reg_alpha_max(&e, 1.0) * 1e-3, m, lam);
            assert_int_equal(reg_enet_path(&e, lam, m, 1.0, 1e-13, 100000,
                                           ce, NULL, NULL, NULL, NULL, NULL),
                             REG_OK);
            assert_int_equal(reg_enet_path(&l, lam, m, 1.0, 1e-13, 100000,
                                           cl, NULL, NULL, NULL, NULL, NULL),
                             REG_OK);
            for (int k = 0; k < m * p; k++) {
                assert_true((ce[k] == 0.0) == (cl[k] == 0.0));
                assert_true(fabs(ce[k] - cl[k]) <= 1e-6 * (1.0 + fabs(ce[k])));
            }
            for (int k = 0; k < m * p; k++)
                if (ce[k] != 0.0)
                    ever[k % p] = 1;
            for (int j = 0; j < p; j++) {
                nz += ever[j];
                filled += l.have[j];
                if (ever[j])                /* a filled column is exact */
                    assert_memory_equal(l.H + (size_t)j * p,
                                        e.H + (size_t)j * p,
                                        (size_t)p * sizeof *l.H);
            }
            assert_true(filled >= nz);      /* at least the nonzero ones */
            assert_true(reg_count_zeros(cl + (size_t)(m - 1) * p, p) > 0
                        || n > p);
            reg_gram_fill(&l);              /* and all of H when asked */
            assert_memory_equal(l.H, e.H, (size_t)p * p * sizeof *l.H);
            reg_gram_free(&e);
            reg_gram_free(&l);
            free(X);
            free(y);
            free(ce);
            free(cl);
            free(ever);
        }
}

/* The strong rule (lazy Gram, p > n) never changes the answer: the path
 * with screening has the exact zeros of the one without and the same
 * coefficients to the tolerance, for the lasso and the elastic net. */
static void screening_keeps_the_path(void **state)
{
    for (int t = 0; t < 2; t++) {
        int n = 40, p = 150, m = 40;
        double r = t ? 0.7 : 1.0, lam[40], *X, *y = malloc(n * 8);
        double *a = malloc((size_t)m * p * 8), *b = malloc((size_t)m * p * 8);
        struct reg_gram g, h;

        problem(&g, n, p, 0.3, 1, 21 + t, &X);
        for (int i = 0; i < n; i++)
            y[i] = X[(size_t)i * p + 3] - 2.0 * X[(size_t)i * p + 70]
                   + 0.1 * (i % 7);
        reg_gram_free(&g);
        assert_int_equal(reg_gram_init_lazy(&g, X, y, n, p, 1), REG_OK);
        assert_int_equal(reg_gram_init_lazy(&h, X, y, n, p, 1), REG_OK);
        h.no_screen = 1;
        reg_alpha_grid(reg_alpha_max(&g, r), reg_alpha_max(&g, r) * 1e-3, m,
                       lam);
        assert_int_equal(reg_enet_path(&g, lam, m, r, 1e-13, 100000, a, NULL,
                                       NULL, NULL, NULL, NULL), REG_OK);
        assert_int_equal(reg_enet_path(&h, lam, m, r, 1e-13, 100000, b, NULL,
                                       NULL, NULL, NULL, NULL), REG_OK);
        for (int k = 0; k < m * p; k++) {
            assert_true((a[k] == 0.0) == (b[k] == 0.0));
            assert_true(fabs(a[k] - b[k]) <= 1e-6 * (1.0 + fabs(b[k])));
        }
        assert_true(reg_count_zeros(a + (size_t)(m - 1) * p, p) >= p - n);
        reg_gram_free(&g);
        reg_gram_free(&h);
        free(X);
        free(y);
        free(a);
        free(b);
    }
}

/* The blocked, vectorised Gram (panels, KC-row blocks, AVX/AVX-512 when
 * the CPU has them) is bit for bit the plain sum over rows in order of
 * xc_ij xc_ik, for shapes that cut the blocks and panels anywhere; so
 * are the axpy the CPU picks and reg_axpy against the plain loop. */
static void gram_and_axpy_match_plain_loops(void **state)
{
    static const int np[][2] = { { 300, 70 }, { 517, 33 }, { 40, 1 },
                                 { 257, 16 }, { 5, 7 }, { 256, 129 } };

    for (int t = 0; t < 6; t++)
        for (int icpt = 0; icpt <= 1; icpt++) {
            int n = np[t][0], p = np[t][1];
            double *X = malloc((size_t)n * p * sizeof *X);
            double *y = malloc((size_t)n * sizeof *y);
            double *H = calloc((size_t)p * p, sizeof *H);
            struct reg_gram g;

            for (int i = 0; i < n; i++) {
                y[i] = sin(0.3 * i);
                for (int j = 0; j < p; j++)
                    X[(size_t)i * p + j] = sin(1.7 * i + 0.37 * j * j)
                                           + 0.01 * j;
            }
            assert_int_equal(reg_gram_init(&g, X, y, n, p, icpt), REG_OK);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < p; j++)
                    for (int k = 0; k < p; k++)
                        H[(size_t)j * p + k] +=
                            (X[(size_t)i * p + j] - g.xmean[j])
                            * (X[(size_t)i * p + k] - g.xmean[k]);
            assert_memory_equal(g.H, H, (size_t)p * p * sizeof *H);
            reg_gram_free(&g);
            free(X);
            free(y);
            free(H);
        }
    /* the eager product for tall and square data, and for wide data up
     * to several times more columns than rows; lazy columns beyond */
    assert_false(reg_gram_lazy_pays(2000, 1000));
    assert_false(reg_gram_lazy_pays(200, 200));
    assert_false(reg_gram_lazy_pays(500, 1000));
    assert_true(reg_gram_lazy_pays(50, 1000));
    assert_true(reg_gram_lazy_pays(20, 1000));
    for (int n = 0; n < 70; n += (n < 40 ? 1 : 13)) {
        double x[70], a[70], b[70], c[70];

        for (int k = 0; k < n; k++) {
            x[k] = cos(2.1 * k) * 1e3;
            a[k] = b[k] = c[k] = sin(0.7 * k);
        }
        for (int k = 0; k < n; k++)
            a[k] += 0.3 * x[k];
        reg_axpy_for(n)(n, 0.3, x, b);
        reg_axpy(n, 0.3, x, c);
        assert_memory_equal(a, b, (size_t)n * sizeof *a);
        assert_memory_equal(a, c, (size_t)n * sizeof *a);
    }
}

/* The strong rule with its KKT check (every n, p: on H itself or on the
 * compact copy of the strong block) never changes the path: the same
 * exact zeros as sweeping every coordinate, the coefficients to the
 * tolerance, and at every alpha the KKT conditions hold on all
 * coordinates, so no coordinate nonzero at the optimum was screened
 * out. */
static void screening_keeps_the_path_n_ge_p(void **state)
{
    static const int np[][2] = { { 300, 60 }, { 80, 80 }, { 120, 30 } };

    for (int t = 0; t < 3; t++)
        for (int e = 0; e < 2; e++) {
            int n = np[t][0], p = np[t][1], m = 50;
            double r = e ? 0.6 : 1.0, lam[50], ls[50], *X;
            double *a = malloc((size_t)m * p * 8), *b = malloc((size_t)m * p * 8);
            double *Hw = malloc((size_t)p * 8);
            struct reg_gram g;

            problem(&g, n, p, 0.5, t != 1, 31 + t, &X);
            reg_alpha_grid(reg_alpha_max(&g, r), reg_alpha_max(&g, r) * 1e-3,
                           m, lam);
            assert_int_equal(reg_enet_path_ls(&g, lam, m, r, 1e-13, 100000,
                                              a, NULL, NULL, NULL, ls, NULL,
                                              NULL), REG_OK);
            g.no_screen = 1;
            assert_int_equal(reg_enet_path(&g, lam, m, r, 1e-13, 100000, b,
                                           NULL, NULL, NULL, NULL, NULL),
                             REG_OK);
            for (int i = 0; i < m; i++) {
                const double *w = a + (size_t)i * p;
                double l1 = lam[i] * r * n, l2 = lam[i] * (1 - r) * n;

                reg_gram_apply(&g, w, Hw);  /* the loss kept on the way */
                assert_true(fabs(ls[i] - reg_ls_loss(&g, w, Hw))
                            <= 1e-10 * reg_ls_loss(&g, w, Hw) + 1e-14 * g.yy);
                for (int j = 0; j < p; j++) {
                    double c = g.q[j] - Hw[j] - l2 * w[j];
                    size_t k = (size_t)i * p + j;

                    assert_true((a[k] == 0.0) == (b[k] == 0.0));
                    assert_true(fabs(a[k] - b[k]) <= 1e-6 * (1.0 + fabs(b[k])));
                    if (w[j] == 0.0)        /* zero: |c_j| <= l1 */
                        assert_true(fabs(c) <= l1 * (1 + 1e-6));
                    else                    /* nonzero: c_j = l1 sign */
                        assert_true(fabs(c - l1 * (w[j] > 0 ? 1 : -1))
                                    <= 1e-5 * l1);
                }
            }
            reg_gram_free(&g);
            free(X);
            free(a);
            free(b);
            free(Hw);
        }
}

/* A path stops when progress says the student cancelled; a quick one
 * does not report progress at all. */
static void path_cancels(void **state)
{
    struct reg_gram g;
    struct nnt_call *c = call_new(1);
    struct reg_tick tk = reg_tick_for(&host, c, 1e9);
    struct reg_tick quick = reg_tick_for(&host, c, 1e3);
    double lam[20], coef[20 * 8];

    problem(&g, 40, 8, 0.0, 1, 6, NULL);
    reg_alpha_grid(reg_alpha_max(&g, 1.0), reg_alpha_max(&g, 1.0) * 1e-2, 20,
                   lam);
    c->cancel_at = 5;
    assert_int_equal(reg_enet_path(&g, lam, 20, 1.0, 1e-8, 1000, coef, NULL,
                                   NULL, NULL, reg_tick, &quick), REG_OK);
    assert_int_equal(c->ticks, 0);          /* a quick call stays silent */
    assert_int_equal(reg_enet_path(&g, lam, 20, 1.0, 1e-8, 1000, coef, NULL,
                                   NULL, NULL, reg_tick, &tk), REG_CANCEL);
    assert_int_equal(c->ticks, 5);
    call_free(c);
    reg_gram_free(&g);
}

/* ISTA decreases the objective every step, lands on the exact zeros of
 * the solution in finitely many steps and reaches it; subgradient steps
 * never give an exact zero and oscillate around 0 on the scale of
 * step * alpha. */
static void ista_lands_subgradient_hovers(void **state)
{
    struct reg_gram g;
    int p = 10, steps = 3000;
    double a = 0.3, *sol, *tr = malloc(sizeof(double) * (steps + 1) * p);
    double obj[3001], zeros[3001], w[10], L, step;

    problem(&g, 100, p, 0.2, 1, 7, NULL);
    sol = solve(&g, a, 1.0);
    L = reg_lipschitz(&g);
    assert_true(L > 0);
    step = 1.0 / L;
    assert_int_equal(reg_ridge_solve(&g, 0, w), REG_OK);
    assert_int_equal(reg_ista(&g, a, step, w, steps, tr, obj, zeros, NULL,
                              NULL), REG_OK);
    for (int k = 1; k <= steps; k++)
        assert_true(obj[k] <= obj[k - 1] + 1e-14);
    assert_true(zeros[steps] == reg_count_zeros(sol, p));
    assert_true(reg_count_zeros(sol, p) > 0);
    for (int j = 0; j < p; j++) {
        assert_true(fabs(w[j] - sol[j]) < 1e-8);
        if (sol[j] == 0)
            assert_true(w[j] == 0.0);
    }
    assert_int_equal(reg_ridge_solve(&g, 0, w), REG_OK);
    assert_int_equal(reg_subgradient(&g, a, step, 0, w, steps, tr, obj,
                                      zeros, NULL, NULL), REG_OK);
    for (int j = 0; j < p; j++) {
        int flips = 0;
        if (sol[j] != 0)
            continue;
        for (int k = steps - 100; k <= steps; k++) {
            double v = tr[k * p + j], u = tr[(k - 1) * p + j];
            assert_true(v != 0.0 && fabs(v) < 4 * step * a);
            flips += (v > 0) != (u > 0);
        }
        assert_true(flips > 10);            /* it keeps crossing 0 */
    }
    free(sol);
    free(tr);
    reg_gram_free(&g);
}

/* The constrained minima satisfy their KKT conditions and beat every
 * sampled boundary point; level curves lie on their level. */
static void constrained_minima(void **state)
{
    struct reg_quad2 q;
    double w[2], gr[2], x[50], y[50];
    int corners = 0;

    for (double ang = 0; ang < 180; ang += 15)
        for (double c1 = -2; c1 <= 2; c1 += 0.7) {
            reg_quad2_make(ang, 3, c1, 1.3, &q);
            reg_quad2_l1_min(&q, 1.0, w);
            double best = INFINITY;
            for (int i = 0; i < 4000; i++) {
                double th = 6.283185307179586 * i / 4000;
                double u = cos(th), v = sin(th), s = fabs(u) + fabs(v);
                best = fmin(best, reg_quad2_value(&q, u / s, v / s));
            }
            assert_true(reg_quad2_value(&q, w[0], w[1]) <= best + 1e-12);
            corners += w[0] == 0.0 || w[1] == 0.0;
            reg_quad2_l2_min(&q, 1.0, w);
            reg_quad2_grad(&q, w[0], w[1], gr);     /* -grad = mu w */
            assert_true(fabs(hypot(w[0], w[1]) - 1) < 1e-12);
            assert_true(fabs(gr[0] * w[1] - gr[1] * w[0]) < 1e-9);
            assert_true(gr[0] * w[0] + gr[1] * w[1] <= 0);
            reg_quad2_level(&q, 0.7, 50, x, y);
            for (int i = 0; i < 50; i++)
                assert_true(fabs(reg_quad2_value(&q, x[i], y[i]) - 0.7)
                            < 1e-12);
        }
    assert_true(corners > 10);              /* L1 often lands on an axis */
}

/* QR least squares agrees with the normal equations; the L2 polynomial
 * fit zeroes the gradient of its objective. */
static void qr_and_poly_fits(void **state)
{
    double x[30], y[30], w[6], w2[6], b0, A[30 * 6], b[30], N[36], r[6];
    struct reg_cd_out out;
    int n = 30, d = 6;

    for (int i = 0; i < n; i++) {
        x[i] = -1 + 2.0 * i / (n - 1);
        y[i] = nc_curve_truth(x[i]) + 0.1 * cos(13.0 * i);
    }
    reg_poly_features(x, n, d, A);
    for (int j = 0; j < d; j++) {           /* normal equations */
        r[j] = 0;
        for (int k = 0; k < d; k++) {
            N[j * d + k] = 0;
            for (int i = 0; i < n; i++)
                N[j * d + k] += A[i * d + j] * A[i * d + k];
        }
        for (int i = 0; i < n; i++)
            r[j] += A[i * d + j] * y[i];
    }
    memcpy(b, y, sizeof b);
    assert_int_equal(reg_lstsq_qr(A, n, d, b, w), REG_OK);
    assert_int_equal(nc_cholesky_solve(N, r, d), 0);
    for (int j = 0; j < d; j++)
        assert_true(fabs(w[j] - r[j]) < 1e-8);
    assert_int_equal(reg_poly_fit(x, y, n, d, REG_L2, 0.01, 0, 1, w2, &b0,
                                  &out), REG_OK);
    for (int j = 0; j < d; j++) {           /* d/dw_j of the objective */
        double gj = 0.01 * w2[j];
        for (int i = 0; i < n; i++)
            gj -= (y[i] - reg_poly_eval(w2, d, b0, x[i]))
                  * pow(x[i], j + 1) / n;
        assert_true(fabs(gj) < 1e-12);
    }
}

/* ---- the plugin through its descriptor -------------------------------- */

/* Every function runs with its declared defaults and puts its view. */
static void every_function_runs_with_defaults(void **state)
{
    assert_int_equal(nnt_plugin.abi, NNT_ABI_VERSION);
    assert_string_equal(nnt_plugin.name, "regularizer");
    for (int f = 0; f < nnt_plugin.nfunctions; f++) {
        const struct nnt_function *fn = &nnt_plugin.functions[f];
        struct nnt_value a[32] = { 0 };
        struct nnt_call *c = call_new(10 + f);

        assert_true(fn->nparams <= 32);
        for (int i = 0; i < fn->nparams; i++) {
            a[i].num = fn->params[i].def;
            a[i].integer = (long long)fn->params[i].def;
            a[i].choice = (int)fn->params[i].def;
            a[i].boolean = fn->params[i].def != 0;
        }
        if (fn->run(&host, c, a) != 0)
            fail_msg("%s: %s", fn->name, c->err);
        assert_non_null(arr(c, fn->view));
        call_free(c);
    }
}

/* The argument positions of reg_run.h match the declared names. */
static void argument_positions_match_names(void **state)
{
    static const struct { const char *fn, *param; int at; } want[] = {
        { "lasso", "alpha", L_ALPHA }, { "lasso", "max_iter", L_MAX_ITER },
        { "elastic_net", "l1_ratio", EN_RATIO }, { "ridge", "alpha", R_ALPHA },
        { "ista", "step_scale", I_SCALE }, { "path", "lambdas", PATH_LAMBDAS },
        { "path", "intercept", PATH_INTERCEPT },
        { "path", "X_test", PATH_XTEST },
        { "prox_vs_subgradient", "schedule", PV_SCHEDULE },
        { "orthonormal", "lambda", O_LAMBDA },
        { "constrained", "span", C_SPAN },
        { "shrinkage", "n", S_N }, { "correlated", "eps", CO_EPS },
        { "poly_fit", "data_y", PF_DATA_Y }, { "posterior", "n", PO_N },
        { "sparse_data", "n_test", SD_NTEST }, { "lasso", "y", A_Y },
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int found = 0;
        for (int f = 0; f < nnt_plugin.nfunctions; f++) {
            const struct nnt_function *fn = &nnt_plugin.functions[f];
            if (strcmp(fn->name, want[k].fn) == 0) {
                assert_string_equal(fn->params[want[k].at].name,
                                    want[k].param);
                found = 1;
            }
        }
        assert_true(found);
    }
}

/* path's own grid runs from start * lambda_max down to eps * lambda_max:
 * above lambda_max every coefficient is 0, just below it one is not. */
static void path_grid_starts_where_asked(void **state)
{
    const struct nnt_function *fn = NULL;
    struct nnt_value a[32] = { 0 };
    struct nnt_call *c = call_new(21);
    double amax, *lam, *coef;
    int m = 50, p = 20, first = -1;

    (void)state;
    for (int f = 0; f < nnt_plugin.nfunctions; f++)
        if (strcmp(nnt_plugin.functions[f].name, "path") == 0)
            fn = &nnt_plugin.functions[f];
    assert_non_null(fn);
    for (int i = 0; i < fn->nparams; i++) {
        a[i].num = fn->params[i].def;
        a[i].integer = (long long)fn->params[i].def;
        a[i].choice = (int)fn->params[i].def;
        a[i].boolean = fn->params[i].def != 0;
    }
    a[PATH_START].num = 1.5;
    a[PATH_NLAMBDA].integer = m;
    assert_int_equal(fn->run(&host, c, a), 0);
    amax = num(c, "lambda_max");
    lam = arr(c, "lambdas");
    coef = arr(c, "coef");
    assert_true(fabs(lam[0] / (1.5 * amax) - 1) < 1e-14);
    assert_true(fabs(lam[m - 1] / (1e-3 * amax) - 1) < 1e-12);
    for (int i = 0; i < m && first < 0; i++)
        for (int j = 0; j < p; j++)
            if (coef[i * p + j] != 0) {
                first = i;
                break;
            }
    assert_true(first > 0);             /* the w = 0 stretch is drawn */
    assert_true(lam[first] < amax && lam[first - 1] >= amax);
    call_free(c);
}

/* decay: SGD with λw in the gradient is SGD with (1 - αλ)w; AdamW
 * leaves a weight without data gradient at (1 - αλ)^T; Adam + L2's first
 * step on it is α·λ/(λ + eps) (m-hat / sqrt(v-hat) = g / |g|); Adam with
 * no gradient and no penalty never moves. */
static void decay_updates(void **state)
{
    const struct nnt_function *fn = NULL;
    struct nnt_value a[8] = { 0 };
    struct nnt_call *c = call_new(31);
    const double lr = 0.01, lam = 0.5;
    const int T = 300;
    double *w;

    (void)state;
    for (int f = 0; f < nnt_plugin.nfunctions; f++)
        if (strcmp(nnt_plugin.functions[f].name, "decay") == 0)
            fn = &nnt_plugin.functions[f];
    assert_non_null(fn);
    a[DE_STEPS].integer = T;
    a[DE_LR].num = lr;
    a[DE_LAMBDA].num = lam;
    a[DE_SIGMA].num = 3;
    assert_int_equal(fn->run(&host, c, a), 0);
    assert_true(num(c, "sgd_gap") < 1e-13);
    for (int t = 0; t <= T; t++)
        assert_true(fabs(arr(c, "sgd_l2_w1")[t] - arr(c, "sgd_decay_w1")[t])
                    < 1e-13);
    w = arr(c, "adamw_w2");
    assert_true(fabs(w[T] - pow(1 - lr * lam, T)) < 1e-13);
    assert_true(fabs(num(c, "decay_only") - pow(1 - lr * lam, T)) < 1e-15);
    w = arr(c, "adam_l2_w2");
    assert_true(fabs(w[1] - (1 - lr * lam / (lam + 1e-8))) < 1e-15);
    assert_true(w[T] < w[1]);
    assert_true(arr(c, "sgd_l2_w2")[T] == arr(c, "sgd_decay_w2")[T]
                || fabs(arr(c, "sgd_l2_w2")[T] - pow(1 - lr * lam, T))
                   < 1e-13);
    call_free(c);
    c = call_new(31);                       /* no noise, no penalty */
    a[DE_SIGMA].num = 0;
    a[DE_LAMBDA].num = 0;
    assert_int_equal(fn->run(&host, c, a), 0);
    assert_true(arr(c, "adam_w1")[T] == 1 && arr(c, "adamw_w1")[T] == 1);
    call_free(c);
}

/* Sparse data has k nonzero weights in [1, 3]; correlated features have
 * correlation near rho. */
static void data_generators(void **state)
{
    struct nnt_call *c = call_new(12);
    double beta[40], *X = malloc(sizeof(double) * 20000 * 2), s12 = 0;
    int nz = 0;

    nc_sparse_coef(&host, c, 40, 7, 1.0, 3.0, beta);
    for (int j = 0; j < 40; j++)
        if (beta[j] != 0) {
            nz++;
            assert_true(fabs(beta[j]) >= 1 && fabs(beta[j]) <= 3);
        }
    assert_int_equal(nz, 7);
    nc_correlated_design(&host, c, 20000, 2, 0.8, X);
    for (int i = 0; i < 20000; i++)
        s12 += X[2 * i] * X[2 * i + 1] / 20000;
    assert_true(fabs(s12 - 0.8) < 0.02);
    free(X);
    call_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(soft_is_the_l1_prox),
        cmocka_unit_test(hard_is_the_l0_prox),
        cmocka_unit_test(ridge_shrink_is_the_l2_prox),
        cmocka_unit_test(ls_gradient_matches_fd),
        cmocka_unit_test(quad2_gradient_matches_fd),
        cmocka_unit_test(priors_and_maps),
        cmocka_unit_test(poly_roughness_matches_fd),
        cmocka_unit_test(cd_solution_satisfies_kkt),
        cmocka_unit_test(duality_gap_bounds_the_error),
        cmocka_unit_test(orthonormal_case_esl_343),
        cmocka_unit_test(path_zeros_and_warm_starts),
        cmocka_unit_test(path_grid_starts_where_asked),
        cmocka_unit_test(decay_updates),
        cmocka_unit_test(path_cancels),
        cmocka_unit_test(lazy_gram_matches_eager),
        cmocka_unit_test(screening_keeps_the_path),
        cmocka_unit_test(screening_keeps_the_path_n_ge_p),
        cmocka_unit_test(gram_and_axpy_match_plain_loops),
        cmocka_unit_test(ista_lands_subgradient_hovers),
        cmocka_unit_test(constrained_minima),
        cmocka_unit_test(qr_and_poly_fits),
        cmocka_unit_test(every_function_runs_with_defaults),
        cmocka_unit_test(argument_positions_match_names),
        cmocka_unit_test(data_generators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
