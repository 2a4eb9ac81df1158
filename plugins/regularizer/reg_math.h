/* SPDX-License-Identifier: MIT */
/* Regularised least squares as plain C: lasso, ridge and elastic net by
 * coordinate descent and in closed form, proximal and subgradient steps,
 * the 2-D constrained picture and penalised polynomial fits. */
#ifndef REG_MATH_H
#define REG_MATH_H

#include <stddef.h>

/*
 * Objectives (scikit-learn's scaling, n samples, X centred with y when an
 * intercept is fitted, the intercept never penalised):
 *
 *   lasso        (1/(2n)) |y - Xw|^2 + alpha |w|_1
 *   elastic net  (1/(2n)) |y - Xw|^2 + alpha r |w|_1
 *                                    + (alpha (1 - r) / 2) |w|^2
 *   ridge        |y - Xw|^2 + alpha |w|^2     (sklearn Ridge)
 *
 * The elastic net with r = 0 is ridge in the lasso's scaling: it equals
 * sklearn's Ridge with alpha_ridge = n alpha.
 */

/* Return codes of the functions below that can fail. */
enum {
    REG_OK = 0,
    REG_ENOMEM = -1,            /* out of memory */
    REG_CANCEL = -2,            /* the progress callback asked to stop */
    REG_ESINGULAR = -3          /* a system to solve is not positive
                                   definite */
};

/* Progress: called with the fraction done; nonzero asks to stop. */
typedef int (*reg_tick_fn)(void *ud, double fraction);

/* A least-squares problem in Gram form: everything coordinate descent,
 * ISTA and the closed forms need, computed once from X and y. */
struct reg_gram {
    int n, p;
    double *H;                  /* p x p: Xc^T Xc */
    double *q;                  /* p: Xc^T yc */
    double yy;                  /* yc^T yc */
    double *xmean;              /* p: column means (0 without intercept) */
    double ymean;               /* mean of y (0 without intercept) */
    /* Lazy form (reg_gram_init_lazy): column k of H is computed from X
     * the first time it is needed; the diagonal is always there. */
    const double *X;            /* the caller's n x p data, kept alive */
    unsigned char *have;        /* have[k]: column k filled (NULL: all) */
    int no_screen;              /* 1: paths skip the strong rule */
};

/* How a coordinate-descent solve ended. */
struct reg_cd_out {
    int n_iter;                 /* sweeps over the coordinates */
    double gap;                 /* duality gap, sklearn's scale (x n) */
    double tol_abs;             /* the gap it had to beat: tol * |yc|^2 */
    int converged;              /* 1 if gap < tol_abs */
};

/* ---- reg_gram.c: the Gram form -------------------------------------- */

/* Adds a x to y (n entries that do not overlap); returns nothing.  Each
 * entry is one multiply and one add, so vector code gives the same bits;
 * an even trip count lets gcc -O2 vectorise the main loop. */
void reg_axpy(int n, double a, const double *restrict x,
              double *restrict y);

/* Returns bytes of memory for free() to release (NULL when out of
 * memory); large blocks are asked of the kernel in huge pages, where the
 * first touch of each page costs far less. */
void *reg_alloc_big(size_t bytes);
/* A function with reg_axpy's contract. */
typedef void reg_axpy_fn(int n, double a, const double *restrict x,
                         double *restrict y);
/* Returns the fastest function with reg_axpy's contract and bits for
 * vectors of about n entries on this CPU (AVX-512, AVX or plain C). */
reg_axpy_fn *reg_axpy_for(int n);

/* Fills g from X (n x p, row-major) and y, centring both when intercept
 * is set; returns REG_OK or REG_ENOMEM. */
int reg_gram_init(struct reg_gram *g, const double *X, const double *y,
                  int n, int p, int intercept);
/* As reg_gram_init, but fills only q, |yc|^2 and the diagonal of H now;
 * the other columns are computed from X (which must outlive g) when
 * first used, with the same bits as reg_gram_init.  Returns REG_OK or
 * REG_ENOMEM. */
int reg_gram_init_lazy(struct reg_gram *g, const double *X, const double *y,
                       int n, int p, int intercept);
/* Returns 1 if a path on n x p data should take the lazy Gram (columns on
 * demand) rather than the eager one, by a cost model of both: wide data,
 * p above about 8 n here. */
int reg_gram_lazy_pays(int n, int p);
/* Returns column k of H (= row k), computing it first if it is missing. */
const double *reg_gram_col(const struct reg_gram *g, int k);
/* Computes every missing column of H; returns nothing. */
void reg_gram_fill(const struct reg_gram *g);
/* Frees what reg_gram_init allocated. */
void reg_gram_free(struct reg_gram *g);
/* Puts Hw = H w; returns nothing. */
void reg_gram_apply(const struct reg_gram *g, const double *w, double *Hw);

/* ---- reg_cd.c: coordinate descent, paths, closed forms ---------------- */

/* Returns the least-squares part (1/(2n)) |yc - Xc w|^2 from the Gram
 * form, Hw = H w. */
double reg_ls_loss(const struct reg_gram *g, const double *w,
                   const double *Hw);
/* Puts the gradient of reg_ls_loss, (H w - q) / n, into grad. */
void reg_ls_grad(const struct reg_gram *g, const double *Hw, double *grad);
/* Returns the elastic-net duality gap in sklearn's scale (the objective
 * times n), with l1 = n alpha r and l2 = n alpha (1 - r). */
double reg_enet_gap(const struct reg_gram *g, double l1, double l2,
                    const double *w, const double *Hw);
/* Solves the elastic net (alpha > 0, 0 < r <= 1) by cyclic coordinate
 * descent, every coordinate in index order at each sweep as sklearn
 * sweeps, from w (warm start; Hw = H w on entry, kept up to date), until
 * the duality gap is below tol |yc|^2, checked as sklearn checks it (when
 * the largest change of a sweep is below tol times the largest weight);
 * returns REG_OK or REG_ENOMEM. */
int reg_enet_cd(const struct reg_gram *g, double alpha, double r,
                double *w, double *Hw, double tol, int max_iter,
                struct reg_cd_out *out);
/* Solves (H + d I) w = q for w; returns REG_OK, REG_ENOMEM or
 * REG_ESINGULAR. */
int reg_ridge_solve(const struct reg_gram *g, double d, double *w);
/* Returns the smallest alpha at which the elastic net (ratio r > 0) has
 * every coefficient zero: max |q_j| / (n r). */
double reg_alpha_max(const struct reg_gram *g, double r);
/* Fills grid with m values from top down to bottom (both > 0), evenly
 * spaced in log10, as numpy.logspace does; returns nothing. */
void reg_alpha_grid(double top, double bottom, int m, double *grid);
/* Fits the elastic net at each alpha of the list (any order; warm starts
 * follow it; each alpha sweeps only the strong set (the sequential strong
 * rule from the previous alpha) and grows it until the KKT conditions
 * hold everywhere, on H or on a compact copy of the set's block as a cost
 * model picks; g->no_screen sweeps every coordinate), ratio r in [0, 1]
 * (r = 0: closed-form ridge), into coefs (m x p); n_iter, gaps (sklearn's
 * scale / n) and converged may be NULL.  Returns REG_OK, REG_ENOMEM,
 * REG_ESINGULAR or REG_CANCEL. */
int reg_enet_path(const struct reg_gram *g, const double *alphas, int m,
                  double r, double tol, int max_iter, double *coefs,
                  double *n_iter, double *gaps, int *converged,
                  reg_tick_fn tick, void *ud);
/* As reg_enet_path, and puts into ls (m entries, unless NULL) the
 * least-squares part reg_ls_loss of each fit, from the H w the solver
 * keeps (no product with H afresh). */
int reg_enet_path_ls(const struct reg_gram *g, const double *alphas, int m,
                     double r, double tol, int max_iter, double *coefs,
                     double *n_iter, double *gaps, int *converged, double *ls,
                     reg_tick_fn tick, void *ud);
/* Returns the intercept ymean - xmean . w. */
double reg_intercept(const struct reg_gram *g, const double *w);
/* Returns the elastic-net objective computed from the data (X n x p,
 * intercept b0): (1/(2n)) |y - Xw - b0|^2 + alpha r |w|_1
 * + (alpha (1 - r) / 2) |w|^2. */
double reg_enet_objective(const double *X, const double *y, int n, int p,
                          const double *w, double b0, double alpha,
                          double r);
/* Returns the mean squared error of the model (w, b0) on X, y. */
double reg_mse(const double *X, const double *y, int n, int p,
               const double *w, double b0);
/* Returns how many of the p entries of w are exactly 0.0. */
int reg_count_zeros(const double *w, int p);

/* ---- reg_prox.c: operators, ISTA, subgradient, 1-D posteriors -------- */

/* Returns the soft threshold sign(z) max(|z| - t, 0): the prox of t|.|. */
double reg_soft(double z, double t);
/* Returns the hard threshold z [|z| > t]: the prox of (t^2/2) [w != 0]. */
double reg_hard(double z, double t);
/* Returns the ridge shrink z / (1 + lambda): the prox of (lambda/2) w^2. */
double reg_ridge_shrink(double z, double lambda);
/* Returns the largest eigenvalue of H / n (power iteration): the
 * Lipschitz constant of the gradient of reg_ls_loss. */
double reg_lipschitz(const struct reg_gram *g);
/* Runs `steps` ISTA steps w <- soft(w - step grad, step alpha) from w.
 * Row k of trace (steps + 1 rows of p), obj[k] (the lasso objective) and
 * zeros[k] describe the k-th iterate; each may be NULL.  Returns REG_OK,
 * REG_ENOMEM or REG_CANCEL. */
int reg_ista(const struct reg_gram *g, double alpha, double step, double *w,
             int steps, double *trace, double *obj, double *zeros,
             reg_tick_fn tick, void *ud);
/* As reg_ista, with subgradient steps w <- w - s_k (grad + alpha sign(w))
 * (sign(0) = 0), s_k = step, or step / sqrt(k + 1) when decreasing. */
int reg_subgradient(const struct reg_gram *g, double alpha, double step,
                    int decreasing, double *w, int steps, double *trace,
                    double *obj, double *zeros, reg_tick_fn tick, void *ud);
/* Returns the log density of a Laplace prior with scale b at w. */
double reg_log_laplace(double w, double b);
/* Returns the log density of a Gaussian prior N(0, tau^2) at w. */
double reg_log_gauss(double w, double tau);
/* Returns the MAP of w from one observation z ~ N(w, s^2) under a Laplace
 * prior of scale b: soft(z, s^2 / b). */
double reg_map_laplace(double z, double s, double b);
/* Returns the MAP under a Gaussian prior N(0, tau^2):
 * z tau^2 / (tau^2 + s^2). */
double reg_map_gauss(double z, double s, double tau);

/* ---- reg_geom.c: the 2-D constrained picture -------------------------- */

/* A 2-D quadratic loss f(w) = 1/2 (w - c)^T A (w - c), A positive
 * definite, with its eigen-decomposition. */
struct reg_quad2 {
    double a11, a12, a22, c1, c2;
    double l1, l2;              /* eigenvalues of A */
    double v1x, v1y;            /* unit eigenvector of l1; (-v1y, v1x)
                                   belongs to l2 */
};

/* Fills q: A has eigenvalues 1 and stretch along directions at angle
 * (degrees) and angle + 90, centre (c1, c2); returns nothing. */
void reg_quad2_make(double angle, double stretch, double c1, double c2,
                    struct reg_quad2 *q);
/* Returns f(w1, w2). */
double reg_quad2_value(const struct reg_quad2 *q, double w1, double w2);
/* Puts the gradient A (w - c) of f at (w1, w2) into grad[2]. */
void reg_quad2_grad(const struct reg_quad2 *q, double w1, double w2,
                    double *grad);
/* Puts the minimiser of f over |w1| + |w2| <= t into w[2] (exact zeros
 * at a corner); returns nothing. */
void reg_quad2_l1_min(const struct reg_quad2 *q, double t, double *w);
/* Puts the minimiser of f over w1^2 + w2^2 <= t^2 into w[2]; returns
 * nothing. */
void reg_quad2_l2_min(const struct reg_quad2 *q, double t, double *w);
/* Fills x, y (m points, the last equal to the first) with the level set
 * f = level; returns nothing. */
void reg_quad2_level(const struct reg_quad2 *q, double level, int m,
                     double *x, double *y);

/* ---- reg_poly.c: polynomial fits -------------------------------------- */

/* Penalties for a polynomial fit. */
enum reg_penalty { REG_NONE, REG_L1, REG_L2 };

/* Fills Phi (n x d, row-major) with x^1 .. x^d; returns nothing. */
void reg_poly_features(const double *x, int n, int d, double *Phi);
/* Solves min |A w - b|^2 (A m x d, m >= d, row-major, overwritten; b
 * length m, overwritten) by Householder QR into w; returns REG_OK or
 * REG_ESINGULAR when A has (numerically) dependent columns. */
int reg_lstsq_qr(double *A, int m, int d, double *b, double *w);
/* Fits b0 + sum_k w_k x^k (k = 1..d) to n points with no penalty, with
 * L1, or with L2 in the elastic-net scaling at lambda (L2: (lambda/2)
 * |w|^2); w has d entries.  Returns REG_OK, REG_ENOMEM or
 * REG_ESINGULAR. */
int reg_poly_fit(const double *x, const double *y, int n, int d,
                 enum reg_penalty pen, double lambda, double tol,
                 int max_iter, double *w, double *b0,
                 struct reg_cd_out *out);
/* Returns b0 + sum_k w[k-1] x^k (Horner). */
double reg_poly_eval(const double *w, int d, double b0, double x);
/* Returns the roughness: the integral over [-1, 1] of f''(x)^2. */
double reg_poly_roughness(const double *w, int d);

#endif
